"""Fast readings of the commonest national schemes: text cleaned once, stdnum's own checks.

python-stdnum's ``validate`` of a scheme compacts the text with
:func:`stdnum.util.clean` (a generator over the characters, once to map
look-alike characters, once to drop separators), then checks the format, the
length and the check digits. Here the text is cleaned by one
:meth:`str.translate` with a table built from stdnum's own character map and
the scheme's separators, then the scheme's own check-digit function is
called on the compact digits, the format, length and check tests made in
the order of the scheme's ``validate``, so that the refusal is the same.

Only the schemes listed in ``data/tax_ids.json`` ("fast") are read here,
each with the cleaning of its ``compact`` (separators, upper case, prefixes
taken off) also read from that table; a scheme listed there must also have
a reader below, and be stable (its ``validate`` returns its compact form).
Hypothesis properties compare each reader with the scheme's ``validate``.
"""

from __future__ import annotations

from functools import cache, lru_cache
from operator import mul
from typing import TYPE_CHECKING, NamedTuple, cast

from stdnum import exceptions as stdnum_errors
from stdnum import util as stdnum_util
from stdnum.gb import vat as gb_vat
from stdnum.us import ein as us_ein

from crmcore._data import load_json

if TYPE_CHECKING:
    import re
    from collections.abc import Callable
    from types import ModuleType

__all__ = ["Cleaning", "cleaner", "cleaning", "fast_read", "reader"]

#: What a reader gives: the compact value, or how the number failed
#: (a :data:`crmcore.standardize._stdnum.FailureKind`).
Outcome = tuple[bool, str]

_CHECKSUM: Outcome = (False, "checksum")
_LENGTH: Outcome = (False, "length")
_FORMAT: Outcome = (False, "format")
_COMPONENT: Outcome = (False, "component")


class Cleaning(NamedTuple):
    """How a scheme's ``compact`` cleans text: ``clean(text, strip)``, upper case, prefixes."""

    strip: str
    upper: bool
    prefixes: tuple[str, ...]


@cache
def cleaner(deletechars: str) -> dict[int, str | None] | None:
    """Return a :meth:`str.translate` table doing ``stdnum.util.clean(text, deletechars)``.

    ``clean`` maps each character through stdnum's table of look-alike
    characters, then drops the characters of ``deletechars`` from the result;
    the table does both at once. ``None`` when stdnum has no such table (a
    version this was not written against): the fast readings are then off.

    >>> "526–025 02 74".translate(cleaner(" -"))
    '5260250274'
    """
    char_map = getattr(stdnum_util, "_char_map", None)
    if not isinstance(char_map, dict):
        return None
    table: dict[int, str | None] = {}
    for char in set(cast("dict[str, str]", char_map)) | set(deletechars):
        mapped = "".join(x for x in char_map.get(char, char) if x not in deletechars)
        table[ord(char)] = mapped or None
    return table


@cache
def cleaning(scheme: str) -> Cleaning | None:
    """Return how ``scheme``'s ``compact`` cleans text, if it is read here."""
    found: dict[str, object] | None = load_json("standardize", "tax_ids.json")["fast"].get(scheme)
    if found is None or scheme not in _READERS:
        return None
    prefixes = found.get("prefixes", [])
    return Cleaning(
        str(found["strip"]), bool(found.get("upper")), tuple(cast("list[str]", prefixes))
    )


@cache
def _ascii_changed() -> frozenset[str]:
    """Return the ASCII characters stdnum's character map changes (a backtick).

    ASCII text without them is cleaned by deleting the separators only,
    which a few :meth:`str.replace` calls do faster than a translation
    through a dict. (Only called once the map is known to be there.)
    """
    char_map: dict[str, str] = stdnum_util._char_map  # noqa: SLF001 - checked by cleaner()
    return frozenset(key for key, value in char_map.items() if key.isascii() and key != value)


def _compact(text: str, how: Cleaning, table: dict[int, str | None]) -> str:
    if text.isascii() and _ascii_changed().isdisjoint(text):
        number = text
        for separator in how.strip:
            if separator in number:
                number = number.replace(separator, "")
    else:
        number = text.translate(table)
    if how.upper:
        number = number.upper()
    number = number.strip()
    for prefix in how.prefixes:
        if number.startswith(prefix):
            return number[len(prefix) :]
    return number


def _digits(number: str) -> bool:
    # stdnum's isdigits is ``^[0-9]+$``, which also passes a trailing newline;
    # a compact number is stripped, so it never ends in one.
    return number.isascii() and number.isdigit()


# The check digits below are stdnum's own computations (the functions named
# in each comment), done on the bytes of text already proved to be ASCII
# digits of the right length: a digit's value is its code less 48, so a
# weighted sum is the weighted sum of the codes less 48 times the weights'
# sum, computed by map() at C speed instead of a generator of int() calls.
_ZERO = ord("0")


def _weights(*weights: int) -> tuple[tuple[int, ...], int]:
    """Return weights and what to take off a weighted sum of codes to make it one of digits."""
    return weights, _ZERO * sum(weights)


_NIP = _weights(6, 5, 7, 2, 3, 4, 5, 6, 7, -1)
_EDRPOU = (_weights(1, 2, 3, 4, 5, 6, 7), _weights(7, 1, 2, 3, 4, 5, 6))
_EDRPOU_AGAIN = (_weights(3, 4, 5, 6, 7, 8, 9), _weights(9, 3, 4, 5, 6, 7, 8))  # each + 2
_INN_COMPANY = _weights(2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN_FIRST = _weights(7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN_SECOND = _weights(3, 7, 2, 4, 10, 3, 5, 9, 4, 6)  # and 8 times the first check digit
_AFM = _weights(256, 128, 64, 32, 16, 8, 4, 2)  # doubling per digit, then once more


def _weighted(weights: tuple[tuple[int, ...], int], codes: bytes) -> int:
    """Return ``sum(w * int(d))`` over ``zip(weights, digits)``, from the digits' codes.

    There must be at least as many digits as weights.
    """
    return int(sum(map(mul, weights[0], codes))) - weights[1]


def _pl_nip(number: str) -> Outcome:
    if not _digits(number):
        return _FORMAT
    if len(number) != 10:  # the scheme's length
        return _LENGTH
    # stdnum.pl.nip.checksum
    return _CHECKSUM if _weighted(_NIP, number.encode()) % 11 else (True, number)


def _ua_edrpou(number: str) -> Outcome:
    if len(number) != 8:  # the scheme's length
        return _LENGTH
    if not _digits(number):
        return _FORMAT
    # stdnum.ua.edrpou.calc_check_digit
    codes = number.encode()
    other = number[0] in "345"
    total = _weighted(_EDRPOU[other], codes) % 11
    if total >= 10:  # computed again with other weights
        total = _weighted(_EDRPOU_AGAIN[other], codes) % 11 % 10
    return _CHECKSUM if codes[-1] - _ZERO != total else (True, number)


def _ru_inn(number: str) -> Outcome:
    if not _digits(number):
        return _FORMAT
    codes = number.encode()
    if len(number) == 10:  # a company's number
        # stdnum.ru.inn.calc_company_check_digit
        ok = _weighted(_INN_COMPANY, codes) % 11 % 10 == codes[9] - _ZERO
    elif len(number) == 12:  # a person's number
        # stdnum.ru.inn.calc_personal_check_digits (the second over the first)
        first = _weighted(_INN_FIRST, codes) % 11 % 10
        second = (_weighted(_INN_SECOND, codes) + 8 * first) % 11 % 10
        ok = first == codes[10] - _ZERO and second == codes[11] - _ZERO
    else:
        return _LENGTH
    return (True, number) if ok else _CHECKSUM


def _gr_vat(number: str) -> Outcome:
    if len(number) == 8:  # the old form, padded as compact() pads it
        number = "0" + number
    if not _digits(number):
        return _FORMAT
    if len(number) != 9:  # the scheme's length
        return _LENGTH
    # stdnum.gr.vat.calc_check_digit on the first eight digits
    codes = number.encode()
    check = _weighted(_AFM, codes) % 11 % 10
    return _CHECKSUM if check != codes[8] - _ZERO else (True, number)


def _de_vat(number: str) -> Outcome:
    if not _digits(number) or number[0] == "0":
        return _FORMAT
    if len(number) != 9:  # the scheme's length
        return _LENGTH
    # stdnum.iso7064.mod_11_10.checksum, which a valid number brings to 1
    check = 5
    for code in number.encode():
        check = (((check or 10) * 2) % 11 + code - _ZERO) % 10
    return _CHECKSUM if check != 1 else (True, number)


def _gb_vat(number: str) -> Outcome | None:
    if len(number) not in {9, 12}:
        # Government departments and health authorities (5 or 11
        # characters) take the general road; other lengths are refused.
        return None if len(number) in {5, 11} else _LENGTH
    if not _digits(number):
        return _FORMAT
    total = gb_vat.checksum(number[:9])
    ok = total in {0, 42, 55} if int(number[:3]) >= 100 else total == 0
    return (True, number) if ok else _CHECKSUM


_EIN = cast("re.Pattern[str] | None", getattr(us_ein, "_ein_re", None))


@lru_cache(maxsize=128)
def _ein_area_known(number: str) -> bool:
    """Return whether stdnum knows the campus of an EIN (keyed by its two-digit area)."""
    try:
        us_ein.get_campus(number)
    except stdnum_errors.InvalidComponent:
        return False
    return True


def _us_ein(text: str) -> Outcome | None:
    # validate() matches the text only mapped and stripped; compact() also
    # drops hyphens, which the match allows only between the two parts.
    mapped = cleaner("")
    if _EIN is None or mapped is None:
        return None
    match = _EIN.search(text.translate(mapped).strip())
    if match is None:
        return _FORMAT
    area, group = match.group(1, 2)
    # The campus table of stdnum is keyed by the area (two digits).
    return (True, area + group) if _ein_area_known(area + "0000000") else _COMPONENT


_READERS: dict[str, Callable[[str], Outcome | None]] = {
    "pl.nip": _pl_nip,
    "ua.edrpou": _ua_edrpou,
    "ru.inn": _ru_inn,
    "gr.vat": _gr_vat,
    "de.vat": _de_vat,
    "gb.vat": _gb_vat,
}
#: Schemes whose reader takes the text itself (they clean it their own way).
_RAW_READERS: dict[str, Callable[[str], Outcome | None]] = {"us.ein": _us_ein}


Reading = tuple[object, "Callable[[str], Outcome | None]"]


@cache
def _reading(module: ModuleType) -> Reading | None:
    """Return ``module``'s ``validate`` and the fast reading proved equal to it, if any."""
    scheme = ".".join(part.rstrip("_") for part in module.__name__.split(".")[1:])
    table_data = load_json("standardize", "tax_ids.json")
    if scheme not in table_data["fast"] or scheme not in table_data["stable"]:
        return None
    validate: object = getattr(module, "validate", None)
    if getattr(validate, "__module__", None) != module.__name__:
        return None  # replaced before the first reading: not the function proved equal
    if scheme in _RAW_READERS:
        return validate, _RAW_READERS[scheme]
    how, check = cleaning(scheme), _READERS.get(scheme)
    table = cleaner(how.strip) if how is not None else None
    if how is None or check is None or table is None:
        return None

    def read(text: str) -> Outcome | None:
        return check(_compact(text, how, table))

    return validate, read


def reader(module: ModuleType) -> Callable[[str], Outcome | None] | None:
    """Return the fast reading of ``module``'s numbers, or ``None`` if it has none.

    The reading takes the text as written and returns ``(True, value)``,
    ``(False, kind)``, or ``None`` for text it leaves to stdnum. It is proved
    equal to the scheme's ``validate``: a module whose ``validate`` was
    replaced since (a patched module) has none.
    """
    found = _reading(module)
    if found is None or getattr(module, "validate", None) is not found[0]:
        return None
    return found[1]


def fast_read(module: ModuleType, text: str) -> Outcome | None:
    """Return the fast reading of ``text`` by ``module``, or ``None`` to ask stdnum.

    >>> from stdnum.pl import nip
    >>> fast_read(nip, "526-025-02-74"), fast_read(nip, "526-025-02-75")
    ((True, '5260250274'), (False, 'checksum'))
    """
    found = _reading(module)
    if found is None or module.validate is not found[0]:
        return None
    return found[1](text)
