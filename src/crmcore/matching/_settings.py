"""Settings of a matcher: its comparisons, its blocking keys and their guard, as data."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.matching._columns import Field
from crmcore.matching._comparisons import (
    BirthDateComparison,
    Comparison,
    FamilyNameComparison,
    GivenNameComparison,
    OrganizationNameComparison,
    SharedValueComparison,
    TextComparison,
    comparison_from_dict,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["BlockingKey", "Settings", "default_comparisons"]


class BlockingKey(enum.StrEnum):
    """A key that makes two parties candidates when they share it."""

    #: A phone number (E.164).
    PHONE = "phone"
    #: An e-mail address's matching key.
    EMAIL = "email"
    #: An identifier (scheme, country and value: a tax number).
    IDENTIFIER = "identifier"
    #: A key in another system (an ERP's customer number).
    EXTERNAL_KEY = "external_key"
    #: The name keys of the stores' key index (see :func:`crmcore.storage.backend.name_keys`).
    NAME = "name"
    #: A birth date with the first letter of the family or of the given name.
    BIRTH_DATE = "birth_date"


def default_comparisons() -> tuple[Comparison, ...]:
    """Return the comparisons a matcher uses unless told otherwise.

    Persons and organisations both: names (given and family in either order; a
    company's name without its legal form, which also meets a sole trader's
    owner), the birth date, phones, e-mail addresses, identifiers (tax numbers
    and the like), keys in other systems, and the first postal address's
    postal code, locality and street.
    """
    return (
        GivenNameComparison(),
        FamilyNameComparison(),
        OrganizationNameComparison(),
        BirthDateComparison(),
        SharedValueComparison("phone", Field.PHONES),
        SharedValueComparison("email", Field.EMAILS),
        SharedValueComparison("identifier", Field.IDENTIFIERS),
        SharedValueComparison("external_key", Field.EXTERNAL_KEYS),
        TextComparison("postal_code", Field.POSTAL_CODE, thresholds=()),
        TextComparison("locality", Field.LOCALITY, thresholds=(0.9,)),
        TextComparison("street", Field.STREET, thresholds=(0.9,)),
    )


def _to_comparisons(value: object) -> tuple[Comparison, ...]:
    if isinstance(value, str | bytes | dict) or not isinstance(value, Iterable):
        raise ValidationError(
            N_("the comparisons must be a list"),
            code="settings.comparisons",
            field="comparisons",
            value=value,
            hint="a list of comparisons, or of their dict forms",
        )
    comparisons = tuple(
        comparison_from_dict(each) if isinstance(each, dict) else each for each in value
    )
    names = [getattr(each, "name", None) for each in comparisons]
    if not comparisons or len(set(names)) != len(names) or None in names:
        raise ValidationError(
            N_("each comparison needs a name of its own, and there must be one at least"),
            code="settings.comparisons",
            field="comparisons",
            value=names,
            hint="distinct names, such as given_name, family_name, phone",
        )
    return comparisons


def _to_blocking(value: Iterable[BlockingKey | str]) -> tuple[BlockingKey, ...]:
    try:
        keys = tuple(dict.fromkeys(BlockingKey(each) for each in value))
    except (TypeError, ValueError) as error:
        raise ValidationError(
            N_("there is no blocking key of this name"),
            code="settings.blocking",
            field="blocking",
            value=value,
            hint=", ".join(each.value for each in BlockingKey),
        ) from error
    if not keys:
        raise ValidationError(
            N_("a matcher needs one blocking key at least"),
            code="settings.blocking",
            field="blocking",
            value=value,
            hint=", ".join(each.value for each in BlockingKey),
        )
    return keys


def _to_max_block(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 2:
        raise ValidationError(
            N_("the largest block must be a whole number of at least 2"),
            code="settings.max_block",
            field="max_block",
            value=value,
            hint="such as 100",
        )
    return value


def _to_attribute(value: object) -> str:
    if not isinstance(value, str) or not value.isidentifier():
        raise ValidationError(
            N_("the birth date's attribute must be an attribute's name"),
            code="settings.birth_date",
            field="birth_date",
            value=value,
            hint="such as birth_date",
        )
    return value


@attrs.frozen
class Settings:
    """What a matcher compares, and which keys bring pairs together.

    Attributes:
        comparisons: The comparisons, each with a distinct name.
        blocking: The keys that make candidates; a pair is compared when the
            two parties share one of them.
        max_block: A key shared by more parties than this is skipped, not
            paired (a switchboard number, ``info@``, a very common name): it
            would make too many pairs to say anything. It is reported.
        birth_date: The attribute that holds a person's birth date.

    >>> Settings().max_block
    100
    >>> Settings.from_dict(Settings().to_dict()) == Settings()
    True
    """

    comparisons: tuple[Comparison, ...] = attrs.field(
        factory=default_comparisons, converter=_to_comparisons
    )
    blocking: tuple[BlockingKey, ...] = attrs.field(
        default=tuple(BlockingKey), converter=_to_blocking
    )
    max_block: int = attrs.field(default=100, converter=_to_max_block)
    birth_date: str = attrs.field(default="birth_date", converter=_to_attribute)

    def to_dict(self) -> dict[str, Any]:
        """Return the settings as JSON-ready data."""
        return {
            "comparisons": [each.to_dict() for each in self.comparisons],
            "blocking": [each.value for each in self.blocking],
            "max_block": self.max_block,
            "birth_date": self.birth_date,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Settings:
        """Return the settings ``data`` describes (what :meth:`to_dict` gave).

        Raises:
            ValidationError: ``settings.invalid`` for what is not a dict of the
                settings' names, or the code of the value it refuses.
        """
        known = {each.name for each in attrs.fields(cls)}
        if not isinstance(data, dict) or not set(data) <= known:
            raise ValidationError(
                N_("these are not a matcher's settings"),
                code="settings.invalid",
                field="settings",
                value=data,
                hint=", ".join(sorted(known)),
            )
        return cls(**data)
