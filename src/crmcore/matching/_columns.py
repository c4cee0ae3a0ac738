"""What a comparison reads of a party, extracted once per party into columns.

Each field a comparison reads is a column of small integers, one per party:
the code of the party's value in the column's table of distinct values (``-1``
where the party has none). Comparing a million pairs is then comparing
integers in numpy, and the string similarity of two values is computed once
for each distinct pair of values, however many pairs of parties share them.

The values are the keys crmcore already derives elsewhere, never a second
reading of the same field:

* names: :func:`crmcore.standardize.keys.matching_key` (one key for Іванов,
  Иванов and Ivanov); a company's name without its legal form, as
  :func:`crmcore.standardize.company_names.validate` splits it;
* phones, e-mail addresses, identifiers and external keys: the stores' look-up
  keys (:mod:`crmcore.storage.backend`), so that two parties the store finds
  by the same key agree here too;
* the postal code, locality and street of the party's first postal address,
  and a birth date kept in the party's attributes (``birth_date`` unless the
  settings name another).
"""

from __future__ import annotations

import enum
import uuid
from datetime import date
from typing import TYPE_CHECKING, Final

import attrs
import numpy as np

from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.model import OrganizationName, Party, PersonName, PostalAddress
from crmcore.standardize import company_names, keys
from crmcore.storage.backend import (
    EMAIL,
    EXTERNAL,
    NAME,
    PHONE,
    external_parts,
    identifier_rows,
    index_rows,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Columns", "Field", "MultiColumn", "TextColumn", "extract"]

#: How many values of one kind (phones, e-mail addresses, identifiers) a party
#: is compared on: its first ones, in the order the party lists them.
MAX_VALUES: Final = 3


class Field(enum.StrEnum):
    """A column of :class:`Columns`: what a comparison reads."""

    GIVEN_NAME = "given_name"
    FAMILY_NAME = "family_name"
    ORGANIZATION_NAME = "organization_name"
    BIRTH_DATE = "birth_date"
    PHONES = "phones"
    EMAILS = "emails"
    IDENTIFIERS = "identifiers"
    EXTERNAL_KEYS = "external_keys"
    POSTAL_CODE = "postal_code"
    LOCALITY = "locality"
    STREET = "street"
    BUILDING = "building"
    #: The street, postal code and locality together (read, not stored: see :func:`texts_of`).
    ADDRESS = "address"


@attrs.frozen
class TextColumn:
    """One text value per party, as codes into ``values`` (``-1``: none)."""

    codes: np.ndarray
    values: list[str]

    def text(self, row: int) -> str | None:
        """Return the value of party ``row``, or ``None``."""
        code = int(self.codes[row])
        return None if code < 0 else self.values[code]


@attrs.frozen
class MultiColumn:
    """Up to :data:`MAX_VALUES` values per party, each under a kind.

    ``kinds`` and ``codes`` have one row per party and one column per value;
    ``-1`` where the party has fewer. For phones and e-mail addresses the
    kind is always 0; for identifiers it is the scheme and country, for
    external keys the system, so that only values of one kind are compared.
    """

    kinds: np.ndarray
    codes: np.ndarray
    values: list[str]
    kind_names: list[str]

    def texts(self, row: int) -> list[str]:
        """Return the values of party ``row``, each with its kind where it has one."""
        shown = []
        for kind, code in zip(self.kinds[row], self.codes[row], strict=True):
            if code >= 0:
                name = self.kind_names[kind]
                value = self.values[code]
                shown.append(f"{name}: {value}" if name else value)
        return shown


@attrs.frozen
class Columns:
    """The columns of a list of parties, in the list's order."""

    ids: list[uuid.UUID]
    is_organization: np.ndarray
    text: dict[Field, TextColumn]
    multi: dict[Field, MultiColumn]
    #: Given and family names share one table of values (``names``), so that
    #: a given name can be compared with a family name (swapped orders). For
    #: each value of the table: the code of its first word, the group of name
    #: variants that word is in (Oleksandr, Aleksandr, Sasha; ``-1`` for
    #: none), and its first letter when the word is a lone initial (else 0).
    names: list[str]
    name_first: np.ndarray
    name_variant: np.ndarray
    name_initial: np.ndarray
    #: For each value of ``names``: its first letter (as a code point).
    name_letter: np.ndarray
    #: The name keys of the stores' key index (the blocking key ``name``):
    #: the row of each key and its code, a row once per key it holds.
    name_key_rows: np.ndarray
    name_key_codes: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


class _Table:
    """Distinct values and their codes."""

    __slots__ = ("codes", "values")

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}
        self.values: list[str] = []

    def code(self, value: str | None) -> int:
        if not value:
            return -1
        found = self.codes.get(value)
        if found is None:
            found = self.codes[value] = len(self.values)
            self.values.append(value)
        return found


def _key(text: str | None) -> str:
    # The model's texts are short and clean: matching_key reads every one of them.
    return keys.matching_key(text) if text else ""


def _organization_key(name: OrganizationName) -> str:
    try:
        bare = company_names.validate(name.name).name
    except ValidationError:
        bare = name.name
    return _key(bare)


def _birth_date(value: object) -> str:
    if isinstance(value, date):
        return value.strftime("%Y%m%d")
    if isinstance(value, str):
        digits = value.replace("-", "")
        return digits if len(digits) == 8 and digits.isascii() and digits.isdigit() else ""
    return ""


def _compact_code(code: str | None) -> str:
    return "".join(code.split()).replace("-", "").upper() if code else ""


def extract(
    parties: Iterable[Party], *, birth_date: str = "birth_date", variants: dict[str, int]
) -> Columns:
    """Return the columns of ``parties``, read one at a time (none of them is kept).

    Args:
        parties: The parties, in the order the columns keep.
        birth_date: The attribute that holds a person's birth date.
        variants: The group of name variants of each given name's matching key.

    Raises:
        ValidationError: ``matching.parties`` for what is not a party.
    """
    text_fields = (
        Field.ORGANIZATION_NAME,
        Field.BIRTH_DATE,
        Field.POSTAL_CODE,
        Field.LOCALITY,
        Field.STREET,
        Field.BUILDING,
        Field.GIVEN_NAME,
        Field.FAMILY_NAME,
    )
    tables = {field: _Table() for field in text_fields}
    names = tables[Field.GIVEN_NAME] = tables[Field.FAMILY_NAME] = _Table()
    multi_fields = (Field.PHONES, Field.EMAILS, Field.IDENTIFIERS, Field.EXTERNAL_KEYS)
    multi_tables = {field: _Table() for field in multi_fields}
    kind_tables = {field: _Table() for field in multi_fields}
    name_keys = _NameKeys()
    for field in (Field.PHONES, Field.EMAILS):
        kind_tables[field].code("-")  # their one kind, code 0, shown as nothing
        kind_tables[field].values[0] = ""
    grown = _Grown(text_fields, multi_fields)
    ids: list[uuid.UUID] = []
    for row, party in enumerate(parties):
        if not isinstance(party, Party):
            raise ValidationError(
                N_("the parties must be a list of parties"),
                code="matching.parties",
                field=f"parties[{row}]",
                value=party,
                hint="a list of crmcore.model.Party",
            )
        grown.room(row)
        ids.append(party.id)
        text = grown.text
        name = party.name
        if isinstance(name, PersonName):
            given_key = _key(name.given)
            family_key = _key(name.family)
            text[Field.GIVEN_NAME][row] = names.code(given_key)
            text[Field.FAMILY_NAME][row] = names.code(family_key)
            full = f"{given_key} {family_key}".strip()
            text[Field.ORGANIZATION_NAME][row] = tables[Field.ORGANIZATION_NAME].code(full)
            born = _birth_date(party.attributes.get(birth_date))
            text[Field.BIRTH_DATE][row] = tables[Field.BIRTH_DATE].code(born)
        else:
            grown.is_org[row] = True
            org_key = _organization_key(name)
            text[Field.ORGANIZATION_NAME][row] = tables[Field.ORGANIZATION_NAME].code(org_key)
        _fill_address(party, row, tables, text)
        _fill_multi(
            party,
            row=row,
            tables=multi_tables,
            kind_tables=kind_tables,
            kinds=grown.kinds,
            codes=grown.codes,
            name_keys=name_keys,
        )
    size = len(ids)
    columns = {
        field: TextColumn(grown.text[field][:size].copy(), tables[field].values)
        for field in text_fields
    }
    multi = {
        field: MultiColumn(
            grown.kinds[field][:size].copy(),
            grown.codes[field][:size].copy(),
            multi_tables[field].values,
            kind_tables[field].values,
        )
        for field in multi_fields
    }
    first, variant, initial = _name_parts(names, variants)
    letters = np.array([ord(value[0]) for value in names.values], dtype=np.int32)
    return Columns(
        ids,
        grown.is_org[:size].copy(),
        columns,
        multi,
        names.values,
        first,
        variant,
        initial,
        letters,
        np.array(name_keys.rows, dtype=np.int64),
        np.array(name_keys.codes, dtype=np.int64),
    )


class _Grown:
    """The arrays of the columns, grown as parties are read."""

    def __init__(self, text_fields: tuple[Field, ...], multi_fields: tuple[Field, ...]) -> None:
        self.size = 0
        self.is_org = np.zeros(0, dtype=bool)
        self.text = {field: np.zeros(0, dtype=np.int32) for field in text_fields}
        self.kinds = {field: np.zeros((0, MAX_VALUES), dtype=np.int32) for field in multi_fields}
        self.codes = {field: np.zeros((0, MAX_VALUES), dtype=np.int32) for field in multi_fields}

    def room(self, row: int) -> None:
        """Make room for ``row``, doubling the arrays when they are full."""
        if row < self.size:
            return
        size = max(1024, self.size * 2)
        self.is_org = _grow(self.is_org, size, fill=False)
        for table in (self.text, self.kinds, self.codes):
            for field, array in table.items():
                table[field] = _grow(array, size, fill=-1)
        self.size = size


def _grow(array: np.ndarray, size: int, *, fill: int | bool) -> np.ndarray:
    grown = np.full((size, *array.shape[1:]), fill, dtype=array.dtype)
    grown[: len(array)] = array
    return grown


class _NameKeys:
    """The name keys of the parties, as they are read."""

    __slots__ = ("codes", "rows", "table")

    def __init__(self) -> None:
        self.table: dict[str, int] = {}
        self.rows: list[int] = []
        self.codes: list[int] = []

    def add(self, row: int, key: str) -> None:
        self.rows.append(row)
        self.codes.append(self.table.setdefault(key, len(self.table)))


def _name_parts(
    names: _Table, variants: dict[str, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    count = len(names.values)
    first = np.empty(count, dtype=np.int32)
    variant = np.empty(count, dtype=np.int32)
    initial = np.zeros(count, dtype=np.int32)
    for code in range(count):  # the table grows as first words are added
        word = names.values[code].split(" ", 1)[0]
        first[code] = names.code(word) if word != names.values[code] else code
        variant[code] = variants.get(word, -1)
        if len(word) == 1:
            initial[code] = ord(word)
    grown = len(names.values)
    if grown > count:  # the first words new to the table are their own first word
        first = np.concatenate([first, np.arange(count, grown, dtype=np.int32)])
        variant = np.concatenate(
            [variant, np.array([variants.get(w, -1) for w in names.values[count:]], np.int32)]
        )
        extra = [ord(w) if len(w) == 1 else 0 for w in names.values[count:]]
        initial = np.concatenate([initial, np.array(extra, dtype=np.int32)])
    return first, variant, initial


def _fill_address(
    party: Party, row: int, tables: dict[Field, _Table], codes: dict[Field, np.ndarray]
) -> None:
    for contact in party.contacts:
        if type(contact) is PostalAddress:
            codes[Field.POSTAL_CODE][row] = tables[Field.POSTAL_CODE].code(
                _compact_code(contact.postal_code)
            )
            codes[Field.LOCALITY][row] = tables[Field.LOCALITY].code(_key(contact.locality))
            codes[Field.STREET][row] = tables[Field.STREET].code(_key(contact.street))
            building = "/".join(part for part in (contact.building, contact.flat) if part)
            codes[Field.BUILDING][row] = tables[Field.BUILDING].code(_compact_code(building))
            return


def _fill_multi(
    party: Party,
    *,
    row: int,
    tables: dict[Field, _Table],
    kind_tables: dict[Field, _Table],
    kinds: dict[Field, np.ndarray],
    codes: dict[Field, np.ndarray],
    name_keys: _NameKeys,
) -> None:
    filled = dict.fromkeys(codes, 0)

    def put(field: Field, kind: str, value: str) -> None:
        at = filled[field]
        if at < MAX_VALUES and value:
            kinds[field][row, at] = kind_tables[field].code(kind) if kind else 0
            codes[field][row, at] = tables[field].code(value)
            filled[field] = at + 1

    for kind, key in index_rows(party):
        if kind == PHONE:
            put(Field.PHONES, "", key)
        elif kind == EMAIL:
            put(Field.EMAILS, "", key)
        elif kind == NAME:
            name_keys.add(row, key)
        elif kind == EXTERNAL:
            system, value = external_parts(key)
            put(Field.EXTERNAL_KEYS, system, value)
    for scheme, value, country in identifier_rows(party):
        put(Field.IDENTIFIERS, f"{scheme} {country}".strip(), value)


def texts_of(columns: Columns, row: int) -> dict[Field, str | list[str] | None]:
    """Return what the columns hold of party ``row``, for an explanation."""
    shown: dict[Field, str | list[str] | None] = {
        field: column.text(row) for field, column in columns.text.items()
    }
    shown.update({field: column.texts(row) for field, column in columns.multi.items()})
    parts = [
        shown[field] for field in (Field.STREET, Field.BUILDING, Field.POSTAL_CODE, Field.LOCALITY)
    ]
    shown[Field.ADDRESS] = ", ".join(part for part in parts if isinstance(part, str)) or None
    return shown
