"""Comparisons: for each pair of parties, which level of agreement a field reaches.

A comparison reads one field of both parties and puts the pair on one of its
levels: level 0 is always *missing* (one of the two has no value: no
evidence either way), level 1 the strongest agreement, the last level the
plainest disagreement. The scoring model learns how much each level says.

Comparisons are data: small frozen classes whose settings (the thresholds, the
scorer) round-trip through :meth:`Comparison.to_dict` and
:func:`comparison_from_dict`, so that a fitted model can be saved with them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Final, Protocol

import attrs
import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.matching._columns import Columns, Field
from crmcore.matching._similarity import Scorer, similarity, workers

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "AddressComparison",
    "BirthDateComparison",
    "Comparison",
    "FamilyNameComparison",
    "GivenNameComparison",
    "OrganizationNameComparison",
    "SharedValueComparison",
    "TextComparison",
    "comparison_from_dict",
]

MISSING: Final = 0


class Comparison(Protocol):
    """What every comparison offers."""

    @property
    def name(self) -> str:
        """The comparison's name, distinct among a matcher's comparisons."""
        ...

    @property
    def reads(self) -> Field:
        """The column the comparison reads (shown in an explanation)."""
        ...

    @property
    def labels(self) -> tuple[str, ...]:
        """The name of each level, ``"missing"`` first."""
        ...

    def levels(self, columns: Columns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Return the level (``int8``) each pair ``(left[k], right[k])`` reaches."""
        ...

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as JSON-ready data, with its ``type``."""
        ...


def _to_name(value: object) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        raise ValidationError(
            N_("a comparison needs a name"),
            code="comparison.name",
            field="name",
            value=value,
            hint="a short text, such as family_name",
        )
    return value


def _to_thresholds(value: object) -> tuple[float, ...]:
    numbers = (
        tuple(float(each) for each in value if isinstance(each, int | float))
        if isinstance(value, list | tuple)
        else ()
    )
    ok = isinstance(value, list | tuple) and len(numbers) == len(value)
    if (
        not ok
        or not all(0.0 < each <= 1.0 for each in numbers)
        or list(numbers) != sorted(set(numbers), reverse=True)
    ):
        raise ValidationError(
            N_("the thresholds must fall from the highest, each between 0 and 1"),
            code="comparison.thresholds",
            field="thresholds",
            value=value,
            hint="such as (0.92, 0.8)",
        )
    return numbers


def _to_threshold(value: object) -> float:
    return _to_thresholds((value,))[0]


def _to_flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(
            N_("the setting must be true or false"),
            code="comparison.flag",
            field="term_frequencies",
            value=value,
            hint="true or false",
        )
    return value


def _agreed(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Return the code both sides hold where they hold the same one, else -1."""
    return np.where((left == right) & (left >= 0), left, -1)


def _threshold_labels(thresholds: tuple[float, ...]) -> tuple[str, ...]:
    return tuple(f"similar {each:g}" for each in thresholds)


def _graded(
    scores: np.ndarray, thresholds: tuple[float, ...], first_level: int, levels: np.ndarray
) -> None:
    """Put each pair at the first level whose threshold its score reaches, else the last."""
    graded = np.full(len(scores), first_level + len(thresholds), dtype=np.int8)
    for offset, threshold in reversed(list(enumerate(thresholds))):
        graded[scores >= threshold] = first_level + offset
    levels[:] = graded


def _text_levels(
    values: list[str],
    left: np.ndarray,
    right: np.ndarray,
    thresholds: tuple[float, ...],
    scorer: Scorer,
) -> np.ndarray:
    """Levels of texts by codes: missing, exact, one per threshold, different."""
    levels = np.zeros(len(left), dtype=np.int8)
    present = (left >= 0) & (right >= 0)
    exact = present & (left == right)
    levels[exact] = 1
    other = present & ~exact
    if other.any():
        graded = levels[other]
        _graded(similarity(values, left[other], right[other], scorer), thresholds, 2, graded)
        levels[other] = graded
    return levels


@attrs.frozen
class TextComparison:
    """A text field: exact, then one level per similarity threshold, then different.

    >>> TextComparison("locality", Field.LOCALITY, thresholds=(0.9,)).labels
    ('missing', 'exact', 'similar 0.9', 'different')
    """

    type: ClassVar[str] = "text"

    name: str = attrs.field(converter=_to_name)
    field: Field = attrs.field(converter=Field)
    thresholds: tuple[float, ...] = attrs.field(default=(0.92, 0.8), converter=_to_thresholds)
    scorer: Scorer = attrs.field(default=Scorer.JARO_WINKLER, converter=Scorer)

    @property
    def reads(self) -> Field:
        """The column the comparison reads."""
        return self.field

    @property
    def labels(self) -> tuple[str, ...]:
        """The name of each level, ``"missing"`` first."""
        return ("missing", "exact", *_threshold_labels(self.thresholds), "different")

    def levels(self, columns: Columns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Return the level each pair reaches."""
        column = columns.text[self.field]
        return _text_levels(
            column.values, column.codes[left], column.codes[right], self.thresholds, self.scorer
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as JSON-ready data."""
        return _as_dict(self)


def _oriented(columns: Columns, left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, ...]:
    """Return the given and family codes of both sides, the right side swapped where crossed.

    A pair is crossed when one's given name is the other's family name (or the
    reverse) and neither name agrees as written: "Kowalski Jan" entered with
    the family name first.
    """
    given = columns.text[Field.GIVEN_NAME].codes
    family = columns.text[Field.FAMILY_NAME].codes
    given_left, family_left = given[left], family[left]
    given_right, family_right = given[right], family[right]
    straight = ((given_left == given_right) & (given_left >= 0)) | (
        (family_left == family_right) & (family_left >= 0)
    )
    crossed = (
        ((given_left == family_right) & (given_left >= 0))
        | ((family_left == given_right) & (family_left >= 0))
    ) & ~straight
    given_right = np.where(crossed, family[right], given_right)
    family_right = np.where(crossed, given[right], family_right)
    return given_left, given_right, family_left, family_right


@attrs.frozen
class GivenNameComparison:
    """A person's given name, on its matching key, in whichever order the names were written.

    Levels: exact; *variant* (the same first name with or without a second one,
    Jan Maria and Jan; a known variant, Oleksandr and Sasha; an initial, J.
    and Jan); one per similarity threshold; different.
    """

    type: ClassVar[str] = "given_name"

    name: str = attrs.field(default="given_name", converter=_to_name)
    thresholds: tuple[float, ...] = attrs.field(default=(0.92, 0.8), converter=_to_thresholds)
    #: Weigh an exact agreement by how common the name is (Anna less than Eudoksia).
    term_frequencies: bool = attrs.field(default=True, converter=_to_flag)

    def agreed(self, columns: Columns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Return the code of the name both hold where they agree exactly, else -1."""
        given_left, given_right, _, _ = _oriented(columns, left, right)
        return _agreed(given_left, given_right)

    def counted(self, columns: Columns) -> tuple[np.ndarray, list[str]]:
        """Return the codes whose frequencies weigh an exact agreement, and their values."""
        return columns.text[Field.GIVEN_NAME].codes, columns.names

    @property
    def reads(self) -> Field:
        """The column the comparison reads."""
        return Field.GIVEN_NAME

    @property
    def labels(self) -> tuple[str, ...]:
        """The name of each level, ``"missing"`` first."""
        return ("missing", "exact", "variant", *_threshold_labels(self.thresholds), "different")

    def levels(self, columns: Columns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Return the level each pair reaches."""
        given_left, given_right, _, _ = _oriented(columns, left, right)
        levels = np.zeros(len(left), dtype=np.int8)
        present = (given_left >= 0) & (given_right >= 0)
        exact = present & (given_left == given_right)
        levels[exact] = 1
        other = present & ~exact
        if not other.any():
            return levels
        a, b = given_left[other], given_right[other]
        first_a, first_b = columns.name_first[a], columns.name_first[b]
        variant_a, variant_b = columns.name_variant[first_a], columns.name_variant[first_b]
        initial_a, initial_b = columns.name_initial[first_a], columns.name_initial[first_b]
        letter_a, letter_b = columns.name_letter[first_a], columns.name_letter[first_b]
        variant = (
            (first_a == first_b)
            | ((variant_a == variant_b) & (variant_a >= 0))
            | ((initial_a > 0) & (initial_a == letter_b))
            | ((initial_b > 0) & (initial_b == letter_a))
        )
        graded = np.zeros(len(a), dtype=np.int8)
        graded[variant] = 2
        rest = ~variant
        if rest.any():
            scores = similarity(columns.names, a[rest], b[rest], Scorer.JARO_WINKLER)
            part = graded[rest]
            _graded(scores, self.thresholds, 3, part)
            graded[rest] = part
        levels[other] = graded
        return levels

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as JSON-ready data."""
        return _as_dict(self)


@attrs.frozen
class FamilyNameComparison:
    """A person's family name, on its matching key, in whichever order the names were written."""

    type: ClassVar[str] = "family_name"

    name: str = attrs.field(default="family_name", converter=_to_name)
    thresholds: tuple[float, ...] = attrs.field(default=(0.92, 0.8), converter=_to_thresholds)
    #: Weigh an exact agreement by how common the name is (Nowak less than Brzęczyszczykiewicz).
    term_frequencies: bool = attrs.field(default=True, converter=_to_flag)

    def agreed(self, columns: Columns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Return the code of the name both hold where they agree exactly, else -1."""
        _, _, family_left, family_right = _oriented(columns, left, right)
        return _agreed(family_left, family_right)

    def counted(self, columns: Columns) -> tuple[np.ndarray, list[str]]:
        """Return the codes whose frequencies weigh an exact agreement, and their values."""
        return columns.text[Field.FAMILY_NAME].codes, columns.names

    @property
    def reads(self) -> Field:
        """The column the comparison reads."""
        return Field.FAMILY_NAME

    @property
    def labels(self) -> tuple[str, ...]:
        """The name of each level, ``"missing"`` first."""
        return ("missing", "exact", *_threshold_labels(self.thresholds), "different")

    def levels(self, columns: Columns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Return the level each pair reaches."""
        _, _, family_left, family_right = _oriented(columns, left, right)
        return _text_levels(
            columns.names, family_left, family_right, self.thresholds, Scorer.JARO_WINKLER
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as JSON-ready data."""
        return _as_dict(self)


@attrs.frozen
class OrganizationNameComparison:
    """A company's name without its legal form, by the token-set ratio.

    ТОВ «Ромашка», ООО "Ромашка" and Romashka LLC are exact. Two persons are
    *missing* here (their names are the name comparisons' business); a person
    and an organisation compare the person's full name with the company's
    name, so that a sole trader (ФОП Іваненко Олена Петрівна) meets the person
    (Олена Іваненко).
    """

    type: ClassVar[str] = "organization_name"

    name: str = attrs.field(default="organization_name", converter=_to_name)
    thresholds: tuple[float, ...] = attrs.field(default=(0.95, 0.8), converter=_to_thresholds)
    #: Weigh an exact agreement by how common the name is among organisations.
    term_frequencies: bool = attrs.field(default=True, converter=_to_flag)

    def agreed(self, columns: Columns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Return the code of the name both hold where they agree exactly, else -1."""
        codes = columns.text[Field.ORGANIZATION_NAME].codes
        either = columns.is_organization[left] | columns.is_organization[right]
        return np.where(either, _agreed(codes[left], codes[right]), -1)

    def counted(self, columns: Columns) -> tuple[np.ndarray, list[str]]:
        """Return the codes whose frequencies weigh an exact agreement, and their values."""
        column = columns.text[Field.ORGANIZATION_NAME]
        return np.where(columns.is_organization, column.codes, -1), column.values

    @property
    def reads(self) -> Field:
        """The column the comparison reads."""
        return Field.ORGANIZATION_NAME

    @property
    def labels(self) -> tuple[str, ...]:
        """The name of each level, ``"missing"`` first."""
        return ("missing", "exact", *_threshold_labels(self.thresholds), "different")

    def levels(self, columns: Columns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Return the level each pair reaches."""
        column = columns.text[Field.ORGANIZATION_NAME]
        either = columns.is_organization[left] | columns.is_organization[right]
        codes_left = np.where(either, column.codes[left], -1)
        codes_right = np.where(either, column.codes[right], -1)
        return _text_levels(
            column.values, codes_left, codes_right, self.thresholds, Scorer.WORD_SET
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as JSON-ready data."""
        return _as_dict(self)


@attrs.frozen
class AddressComparison:
    """A postal address as one piece of evidence: its street, postal code and locality together.

    The three are not independent (a street lies in one postal code of one
    town): weighed apart, one shared address would count three times. Levels:
    *same address* (the street similar by ``threshold``, the building number
    not different, and the postal code or the locality agreeing); *same
    postal code* and *same locality* (similar by ``threshold``), both with two
    different streets; *same place, no street* (the postal code or the
    locality agreeing where one of the two has no street: nothing says the
    streets differ); *different*; missing when either has no address part to
    compare with the other's.
    """

    type: ClassVar[str] = "address"

    name: str = attrs.field(default="address", converter=_to_name)
    threshold: float = attrs.field(default=0.9, converter=_to_threshold)

    @property
    def reads(self) -> Field:
        """The column the comparison reads."""
        return Field.ADDRESS

    @property
    def labels(self) -> tuple[str, ...]:
        """The name of each level, ``"missing"`` first."""
        return (
            "missing",
            "same address",
            "same postal code",
            "same locality",
            "same place, no street",
            "different",
        )

    def levels(self, columns: Columns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Return the level each pair reaches."""
        agree = {}
        present = np.zeros(len(left), dtype=bool)
        for field in (Field.STREET, Field.POSTAL_CODE, Field.LOCALITY):
            column = columns.text[field]
            found = _text_levels(
                column.values,
                column.codes[left],
                column.codes[right],
                (self.threshold,) if field is not Field.POSTAL_CODE else (),
                Scorer.JARO_WINKLER,
            )
            present |= found > 0
            agree[field] = (found == 1) | ((found == 2) & (field is not Field.POSTAL_CODE))
        buildings = columns.text[Field.BUILDING].codes
        building_left, building_right = buildings[left], buildings[right]
        other_building = (building_left >= 0) & (building_right >= 0)
        other_building &= building_left != building_right
        agree[Field.STREET] &= ~other_building
        codes = {field: columns.text[field].codes for field in (Field.POSTAL_CODE, Field.LOCALITY)}
        comparable = np.zeros(len(left), dtype=bool)
        for field_codes in codes.values():
            comparable |= (field_codes[left] >= 0) & (field_codes[right] >= 0)
        town = agree[Field.POSTAL_CODE] | agree[Field.LOCALITY] | ~comparable
        streets = columns.text[Field.STREET].codes
        both_streets = (streets[left] >= 0) & (streets[right] >= 0)
        levels = np.zeros(len(left), dtype=np.int8)
        levels[present] = 5
        place = present & (agree[Field.LOCALITY] | agree[Field.POSTAL_CODE])
        levels[place & ~both_streets] = 4
        levels[place & both_streets & agree[Field.LOCALITY]] = 3
        levels[place & both_streets & agree[Field.POSTAL_CODE]] = 2
        levels[present & agree[Field.STREET] & town] = 1
        return levels

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as JSON-ready data."""
        return _as_dict(self)


@attrs.frozen
class BirthDateComparison:
    """A date (``YYYYMMDD``): exact, near (day and month swapped, or one digit off), different."""

    type: ClassVar[str] = "birth_date"

    name: str = attrs.field(default="birth_date", converter=_to_name)

    @property
    def reads(self) -> Field:
        """The column the comparison reads."""
        return Field.BIRTH_DATE

    @property
    def labels(self) -> tuple[str, ...]:
        """The name of each level, ``"missing"`` first."""
        return ("missing", "exact", "near", "different")

    def levels(self, columns: Columns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Return the level each pair reaches."""
        column = columns.text[Field.BIRTH_DATE]
        codes_left, codes_right = column.codes[left], column.codes[right]
        levels = np.zeros(len(left), dtype=np.int8)
        present = (codes_left >= 0) & (codes_right >= 0)
        exact = present & (codes_left == codes_right)
        levels[exact] = 1
        other = np.flatnonzero(present & ~exact)
        if len(other):
            near = _near_dates(column.values, codes_left[other], codes_right[other])
            levels[other] = np.where(near, 2, 3)
        return levels

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as JSON-ready data."""
        return _as_dict(self)


def _near_dates(values: list[str], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Tell which pairs of ``YYYYMMDD`` dates differ by a swap of day and month or one digit."""
    digits = np.frombuffer("".join(values).encode("ascii"), dtype=np.uint8).reshape(-1, 8)
    a, b = digits[left], digits[right]
    one_digit = (a != b).sum(axis=1) == 1
    swapped = (a[:, :4] == b[:, :4]).all(axis=1)
    swapped &= (a[:, 4:6] == b[:, 6:8]).all(axis=1) & (a[:, 6:8] == b[:, 4:6]).all(axis=1)
    found: np.ndarray = one_digit | swapped
    return found


def _to_edits(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 3:
        raise ValidationError(
            N_("the edits must be a whole number from 0 to 3"),
            code="comparison.edits",
            field="edits",
            value=value,
            hint="0 (values are the same or not), 1 or 2 (a typo is close)",
        )
    return value


def _edits(values: list[str], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Return the edits (insertions, deletions, substitutions, swaps) between value pairs."""
    if len(left) == 0:
        return np.zeros(0, dtype=np.int64)
    found = process.cpdist(
        [values[code] for code in left.tolist()],
        [values[code] for code in right.tolist()],
        scorer=OSA.distance,
        workers=workers(len(left)),
    )
    return np.asarray(found, dtype=np.int64)


@attrs.frozen
class SharedValueComparison:
    """Sets of values (phones, e-mail addresses, identifiers, external keys).

    Levels: *same* (a value in common); *close* (only with ``edits``: values of
    a common kind at most that many edits apart, a typo in a loyalty card
    number or a social security number that no check digit guards);
    *different* (values of a common kind, none in common: for identifiers,
    two different numbers of one scheme, near-disproof); missing otherwise
    (no value of a common kind).

    >>> SharedValueComparison("identifier", Field.IDENTIFIERS, edits=1).labels
    ('missing', 'same', 'close', 'different')
    """

    type: ClassVar[str] = "shared_value"

    name: str = attrs.field(converter=_to_name)
    field: Field = attrs.field(converter=Field)
    edits: int = attrs.field(default=0, converter=_to_edits)

    @property
    def reads(self) -> Field:
        """The column the comparison reads."""
        return self.field

    @property
    def labels(self) -> tuple[str, ...]:
        """The name of each level, ``"missing"`` first."""
        if self.edits:
            return ("missing", "same", "close", "different")
        return ("missing", "same", "different")

    def levels(self, columns: Columns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Return the level each pair reaches."""
        column = columns.multi[self.field]
        kinds_left, kinds_right = column.kinds[left], column.kinds[right]
        codes_left, codes_right = column.codes[left], column.codes[right]
        same = np.zeros(len(left), dtype=bool)
        common_kind = np.zeros(len(left), dtype=bool)
        nearest = np.full(len(left), np.iinfo(np.int32).max, dtype=np.int64)
        width = kinds_left.shape[1]
        for a in range(width):
            for b in range(width):
                kind = (kinds_left[:, a] == kinds_right[:, b]) & (kinds_left[:, a] >= 0)
                common_kind |= kind
                equal = kind & (codes_left[:, a] == codes_right[:, b])
                same |= equal
                if self.edits:
                    other = np.flatnonzero(kind & ~equal)
                    found = _edits(column.values, codes_left[other, a], codes_right[other, b])
                    nearest[other] = np.minimum(nearest[other], found)
        levels = np.zeros(len(left), dtype=np.int8)
        levels[common_kind] = len(self.labels) - 1
        if self.edits:
            levels[common_kind & (nearest <= self.edits)] = 2
        levels[same] = 1
        return levels

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as JSON-ready data."""
        return _as_dict(self)


_TYPES: Final[Mapping[str, type[Any]]] = {
    each.type: each
    for each in (
        TextComparison,
        AddressComparison,
        GivenNameComparison,
        FamilyNameComparison,
        OrganizationNameComparison,
        BirthDateComparison,
        SharedValueComparison,
    )
}


def _as_dict(comparison: Any) -> dict[str, Any]:  # noqa: ANN401 - any of the classes above
    data = attrs.asdict(comparison, recurse=False)
    shown: dict[str, Any] = {"type": comparison.type}
    for key, value in data.items():
        shown[key] = list(value) if isinstance(value, tuple) else value
        if isinstance(value, Field | Scorer):
            shown[key] = value.value
    return shown


def comparison_from_dict(data: Mapping[str, Any]) -> Comparison:
    """Return the comparison ``data`` describes (what :meth:`Comparison.to_dict` gave).

    Raises:
        ValidationError: ``comparison.type`` for an unknown type,
            ``comparison.invalid`` for settings the type does not take, or the
            code of the setting it refuses.

    >>> comparison_from_dict({"type": "text", "name": "street", "field": "street"})
    TextComparison(name='street', field=<Field.STREET: 'street'>, thresholds=(0.92, 0.8), \
scorer=<Scorer.JARO_WINKLER: 'jaro_winkler'>)
    """
    kind = data.get("type") if isinstance(data, dict) else None
    cls = _TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise ValidationError(
            N_("there is no comparison of this type"),
            code="comparison.type",
            field="type",
            value=kind,
            hint=", ".join(sorted(_TYPES)),
        )
    settings = {key: value for key, value in data.items() if key != "type"}
    try:
        return cls(**settings)  # type: ignore[no-any-return]
    except ValidationError:
        raise
    except (TypeError, ValueError) as error:
        raise ValidationError(
            N_("the comparison's settings are not the ones its type takes"),
            code="comparison.invalid",
            field=kind or "type",
            value=dict(settings),
            hint=", ".join(attrs.fields_dict(cls)),
        ) from error
