"""Settings of a matcher: its comparisons, its blocking keys and their guard, as data."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

import attrs

from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.matching._columns import Field
from crmcore.matching._comparisons import (
    AddressComparison,
    BirthDateComparison,
    Comparison,
    FamilyNameComparison,
    GivenNameComparison,
    OrganizationNameComparison,
    SharedValueComparison,
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
    and the like), keys in other systems, and the first postal address.
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
        AddressComparison(),
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


def _to_groups(value: object) -> tuple[tuple[str, ...], ...]:
    groups = (
        tuple(tuple(group) for group in value if isinstance(group, list | tuple))
        if isinstance(value, list | tuple)
        else ()
    )
    flat = [name for group in groups for name in group]
    ok = isinstance(value, list | tuple) and len(groups) == len(value)
    if not ok or not all(isinstance(name, str) for name in flat) or len(set(flat)) != len(flat):
        raise ValidationError(
            N_("the correlated comparisons must be groups of comparison names, each name once"),
            code="settings.correlated",
            field="correlated",
            value=value,
            hint='such as [["phone", "email", "address"]]',
        )
    return groups


#: The comparisons of the default settings whose agreements go together.
_CORRELATED: Final = (("phone", "email", "address"),)
#: The comparisons of names of the default settings.
_NAMES: Final = ("given_name", "family_name", "organization_name")


def _to_names(value: object) -> tuple[str, ...]:
    if isinstance(value, tuple) and len(value) == 1 and isinstance(value[0], tuple):
        value = value[0]  # the default: the one group of names there are
    elif isinstance(value, tuple) and not value:
        value = ()
    if not isinstance(value, list | tuple) or not all(isinstance(each, str) for each in value):
        raise ValidationError(
            N_("the names must be a list of comparison names"),
            code="settings.names",
            field="names",
            value=value,
            hint='such as ["given_name", "family_name", "organization_name"]',
        )
    return tuple(value)


def _to_bits(value: object) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0.0 <= value <= 64.0:
        raise ValidationError(
            N_("the corroboration must be a weight in bits, from 0 to 64"),
            code="settings.corroboration",
            field="corroboration",
            value=value,
            hint="such as 6 (0: names alone may match)",
        )
    return float(value)


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
        correlated: Groups of comparisons whose agreements go together even
            between two different parties, so that only the strongest of a
            group's agreements counts (its disagreements all count): members
            of one household share a phone, an e-mail address and an address;
            counted three times, one shared household would outweigh two
            different given names and birth dates.
        names: The comparisons of names. A pair whose names agree is no match
            unless other comparisons add at least ``corroboration`` bits of
            evidence too: two records of one common name and nothing else
            are for a person to review, never merged on the names alone.
        corroboration: The weight (in bits) of the agreements other than the
            names that a match needs.

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
    correlated: tuple[tuple[str, ...], ...] = attrs.field(
        default=attrs.Factory(lambda self: self._present(_CORRELATED), takes_self=True),
        converter=_to_groups,
    )
    names: tuple[str, ...] = attrs.field(
        default=attrs.Factory(lambda self: self._present((_NAMES,))[0:1], takes_self=True),
        converter=_to_names,
    )
    corroboration: float = attrs.field(default=6.0, converter=_to_bits)

    def __attrs_post_init__(self) -> None:
        names = {each.name for each in self.comparisons}
        for group in (*self.correlated, self.names):
            if not set(group) <= names:
                raise ValidationError(
                    N_("a group of correlated comparisons names a comparison there is not"),
                    code="settings.correlated",
                    field="correlated",
                    value=list(group),
                    hint=", ".join(sorted(names)),
                )

    def _present(self, groups: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        """Return the default groups, of the comparisons there are (two or more each)."""
        names = {each.name for each in self.comparisons}
        kept = (tuple(name for name in group if name in names) for group in groups)
        return tuple(group for group in kept if len(group) > 1)

    def name_positions(self) -> list[int]:
        """Return the positions of the comparisons of names."""
        return [i for i, each in enumerate(self.comparisons) if each.name in self.names]

    def groups(self) -> list[list[int]]:
        """Return the positions of the comparisons of each correlated group."""
        position = {each.name: index for index, each in enumerate(self.comparisons)}
        return [[position[name] for name in group] for group in self.correlated]

    def to_dict(self) -> dict[str, Any]:
        """Return the settings as JSON-ready data."""
        return {
            "comparisons": [each.to_dict() for each in self.comparisons],
            "blocking": [each.value for each in self.blocking],
            "max_block": self.max_block,
            "birth_date": self.birth_date,
            "correlated": [list(group) for group in self.correlated],
            "names": list(self.names),
            "corroboration": self.corroboration,
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
