"""Structured names of people and organisations.

Names stay in parts, as written, in their own script: matching compares
family names with family names, and a display form is derived, not stored.
Each class reads the value :mod:`crmcore.standardize` recognised with
``from_standardized``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from crmcore._i18n import N_
from crmcore.model._checks import (
    bind_field_names,
    fail,
    standardized,
    to_optional_short_text,
    to_short_text,
)

if TYPE_CHECKING:
    from crmcore.standardize.company_names import CompanyName
    from crmcore.standardize.person_names import FullName

__all__ = ["OrganizationName", "PersonName"]

_ELF_CODE = re.compile(r"[A-Z0-9]{4}")


def _to_elf_code(value: object, field: str = "value") -> str | None:
    text = to_optional_short_text(value, field)
    if text is None:
        return None
    code = text.upper()
    if _ELF_CODE.fullmatch(code) is None:
        fail(
            "organization.invalid_elf_code",
            N_("the ISO 20275 code is not four letters or digits"),
            field=field,
            value=value,
            hint=N_("four capital letters or digits, such as O7XB (sp. z o.o.)"),
        )
    return code


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class PersonName:
    """A person's name in parts, as the model stores it; at least the given or the family name.

    This is the model's part of a :class:`~crmcore.model.Party`
    (``crmcore.model.PersonName``, also ``crmcore.PersonName``). The
    standardiser's :class:`crmcore.standardize.FullName` is the canonical
    value a raw name is read into; :meth:`from_standardized` turns one into
    this.

    Attributes:
        given: The given name (``"Łukasz"``, ``"Олена"``, ``"Γιώργος"``).
        family: The family name (``"Wójcik"``, ``"Коваленко"``, ``"Παπαδόπουλος"``).
        patronymic: The patronymic, where it is used (``"Петрівна"``, ``"Иванович"``).
        title: An honorific or academic title (``"dr"``, ``"prof."``).
        middle: Further given names or initials (``"Maria"`` in Jan Maria
            Rokita, ``"F."`` in John F. Kennedy).
        suffix: A generational or academic suffix (``"Jr."``, ``"III"``, ``"PhD"``).

    >>> PersonName(given="Олена", patronymic="Петрівна", family="Коваленко").display
    'Олена Петрівна Коваленко'
    >>> PersonName(given="John", middle="F.", family="Kennedy", suffix="Jr.").display
    'John F. Kennedy'
    """

    given: str | None = attrs.field(default=None, converter=to_optional_short_text)
    family: str | None = attrs.field(default=None, converter=to_optional_short_text)
    patronymic: str | None = attrs.field(default=None, converter=to_optional_short_text)
    title: str | None = attrs.field(default=None, converter=to_optional_short_text)
    middle: str | None = attrs.field(default=None, converter=to_optional_short_text)
    suffix: str | None = attrs.field(default=None, converter=to_optional_short_text)

    def __attrs_post_init__(self) -> None:
        if self.given is None and self.family is None:
            fail(
                "name.empty",
                N_("a person needs a given or a family name"),
                field="family",
                value=None,
                hint=N_("a family name such as Kowalski, or a given name"),
            )

    @classmethod
    def from_standardized(cls, value: FullName) -> PersonName:
        """Return the model's name for a name :mod:`crmcore.standardize.person_names` read.

        Every part has its field of the same name: given, middle, patronymic,
        family, title and suffix. The canonical text (``str(value)``) is not
        stored: it is derived from the parts.

        Args:
            value: A :class:`crmcore.standardize.FullName`, as
                :func:`crmcore.standardize.person_names.validate` returns it.

        Returns:
            The model's :class:`PersonName`.

        Raises:
            ValidationError: ``person_name.not_standardized`` if ``value`` is
                not the standardiser's ``FullName``; ``name.empty`` if it has
                neither a given nor a family name (a lone patronymic or title).

        >>> from crmcore.standardize import person_names
        >>> name = PersonName.from_standardized(person_names.validate("Dr. John F. Kennedy Jr."))
        >>> name.title, name.given, name.middle, name.family, name.suffix
        ('Dr', 'John', 'F.', 'Kennedy', 'Jr.')
        >>> PersonName.from_standardized(person_names.validate("ІВАНОВ Іван Петрович")).display
        'Іван Петрович Іванов'
        """
        # Deferred: the model is imported without the standardiser's dependencies;
        # whoever holds a standardised name has imported the standardiser already.
        from crmcore.standardize.person_names import (
            FullName,
        )

        value = standardized(
            value,
            FullName,
            code="person_name.not_standardized",
            message=N_("the value is not a standardised person name"),
            hint=N_("a FullName, as crmcore.standardize.person_names.validate returns it"),
        )
        return cls(
            given=value.given,
            middle=value.middle,
            patronymic=value.patronymic,
            family=value.family,
            title=value.title,
            suffix=value.suffix,
        )

    @property
    def display(self) -> str:
        """Given and middle names, patronymic and family name, space-separated.

        Title and suffix are left out, as a title is.
        """
        parts = (self.given, self.middle, self.patronymic, self.family)
        return " ".join(part for part in parts if part)


@attrs.frozen(field_transformer=bind_field_names)
class OrganizationName:
    """An organisation's name as the model stores it: its registered name and legal form apart.

    This is the model's part of a :class:`~crmcore.model.Party`; the
    standardiser's :class:`crmcore.standardize.CompanyName` is the canonical
    value a raw name is read into, and :meth:`from_standardized` turns one
    into this.

    Attributes:
        name: The name without its legal form (``"Ромашка"``, ``"Kowalski i Synowie"``).
        legal_form: The legal form as written locally (``"sp. z o.o."``, ``"ТОВ"``,
            ``"ООО"``, ``"Α.Ε."``, ``"GmbH"``, ``"Ltd"``).
        trade_name: The name it trades under, if it differs.
        elf_code: The ISO 20275 entity legal form code of the legal form
            (``"O7XB"`` for a Polish sp. z o.o.), where one is known: the same
            form whatever language or abbreviation it was written in.
        descriptor: A trade descriptor written before the name (``"PPHU"``
            in PPHU Kowalski), kept apart so that the name compares with the
            name alone.

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
    elf_code: str | None = attrs.field(default=None, kw_only=True, converter=_to_elf_code)
    descriptor: str | None = attrs.field(
        default=None, kw_only=True, converter=to_optional_short_text
    )

    @classmethod
    def from_standardized(
        cls, value: CompanyName, *, trade_name: str | None = None
    ) -> OrganizationName:
        """Return the model's name for a name :mod:`crmcore.standardize.company_names` read.

        The mapping:

        * ``name``, ``descriptor`` and ``elf_code`` have fields of the same name;
        * ``legal_form``, the standardiser's canonical abbreviation, is the
          legal form as written locally (``"sp. z o.o."``, ``"ТОВ"``);
        * ``legal_form_name`` (the form's full name) and ``country`` (the
          country of the legal form) are not stored: both follow from the
          abbreviation or the ISO 20275 code
          (:func:`crmcore.standardize.company_names.legal_forms` lists them), and the
          party's country is told by its addresses and identifiers.

        Args:
            value: A :class:`crmcore.standardize.CompanyName`, as
                :func:`crmcore.standardize.company_names.validate` returns it.
            trade_name: The name it trades under, if it differs (the
                standardiser does not tell it).

        Returns:
            The model's :class:`OrganizationName`.

        Raises:
            ValidationError: ``organization_name.not_standardized`` if
                ``value`` is not a ``CompanyName``.

        >>> from crmcore.standardize import company_names
        >>> name = OrganizationName.from_standardized(
        ...     company_names.validate("PPHU Kowalski Sp. z o.o."))
        >>> name.descriptor, name.name, name.legal_form, name.elf_code
        ('PPHU', 'Kowalski', 'sp. z o.o.', 'O7XB')
        """
        from crmcore.standardize.company_names import CompanyName

        value = standardized(
            value,
            CompanyName,
            code="organization_name.not_standardized",
            message=N_("the value is not a standardised company name"),
            hint=N_("a CompanyName, as crmcore.standardize.company_names.validate returns it"),
        )
        return cls(
            value.name,
            legal_form=value.legal_form,
            trade_name=trade_name,
            elf_code=value.elf_code,
            descriptor=value.descriptor,
        )

    @property
    def display(self) -> str:
        """The registered name."""
        return self.name
