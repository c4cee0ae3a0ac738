"""Structured names of people and organisations.

Names stay in parts, as written, in their own script: matching compares
family names with family names, and a display form is derived, not stored.
"""

from __future__ import annotations

import attrs

from crmcore._i18n import N_
from crmcore.model._checks import (
    bind_field_names,
    fail,
    to_optional_short_text,
    to_short_text,
)

__all__ = ["OrganizationName", "PersonName"]


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class PersonName:
    """A person's name in parts; at least the given or the family name.

    Attributes:
        given: The given name or names (``"Łukasz"``, ``"Олена"``, ``"Γιώργος"``).
        family: The family name (``"Wójcik"``, ``"Коваленко"``, ``"Παπαδόπουλος"``).
        patronymic: The patronymic, where it is used (``"Петрівна"``, ``"Иванович"``).
        title: An honorific or academic title (``"dr"``, ``"prof."``).

    >>> PersonName(given="Олена", patronymic="Петрівна", family="Коваленко").display
    'Олена Петрівна Коваленко'
    """

    given: str | None = attrs.field(default=None, converter=to_optional_short_text)
    family: str | None = attrs.field(default=None, converter=to_optional_short_text)
    patronymic: str | None = attrs.field(default=None, converter=to_optional_short_text)
    title: str | None = attrs.field(default=None, converter=to_optional_short_text)

    def __attrs_post_init__(self) -> None:
        if self.given is None and self.family is None:
            fail(
                "name.empty",
                N_("a person needs a given or a family name"),
                field="family",
                value=None,
                hint=N_("a family name such as Kowalski, or a given name"),
            )

    @property
    def display(self) -> str:
        """Given name, patronymic and family name, space-separated."""
        return " ".join(part for part in (self.given, self.patronymic, self.family) if part)


@attrs.frozen(field_transformer=bind_field_names)
class OrganizationName:
    """An organisation's name: its registered name without the legal form, and the form.

    Attributes:
        name: The name without its legal form (``"Ромашка"``, ``"Kowalski i Synowie"``).
        legal_form: The legal form as written locally (``"sp. z o.o."``, ``"ТОВ"``,
            ``"ООО"``, ``"Α.Ε."``, ``"GmbH"``, ``"Ltd"``).
        trade_name: The name it trades under, if it differs.

    >>> OrganizationName("Ромашка", legal_form="ТОВ").display
    'Ромашка'
    """

    name: str = attrs.field(converter=to_short_text)
    legal_form: str | None = attrs.field(
        default=None, kw_only=True, converter=to_optional_short_text
    )
    trade_name: str | None = attrs.field(
        default=None, kw_only=True, converter=to_optional_short_text
    )

    @property
    def display(self) -> str:
        """The registered name."""
        return self.name
