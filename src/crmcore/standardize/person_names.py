"""Person names: case, order, titles, suffixes and East Slavic patronymics.

>>> from crmcore.standardize import person_names
>>> n = person_names.validate("mr. SEÁN O'BRIEN")
>>> n.title, n.given, n.family, str(n)
('Mr', 'Seán', "O'Brien", "Mr Seán O'Brien")
>>> n = person_names.validate("Іванов Іван Петрович")
>>> n.family, n.given, n.patronymic
('Іванов', 'Іван', 'Петрович')
>>> person_names.format(n, style="family_first")
'Іванов Іван Петрович'
>>> str(person_names.validate("ΓΙΩΡΓΟΣ ΠΑΠΑΔΟΠΟΥΛΟΣ"))
'Γιωργος Παπαδοπουλος'

Words typed all in capitals or all in small letters are re-cased; a word in
mixed case (``McDonald``, ``DiCaprio``) is kept as written. Accents dropped in
Greek capitals cannot be restored, but the final sigma is put right.

The canonical text is written ``Title Given Middle Patronymic Family Suffix``
(``Іван Петрович Іванов``). When that text would be read back differently
(a family name shaped like a patronymic, a family name alone), the formal
order with a comma is used instead: ``Title Family, Given Middle Patronymic
Suffix``. Either way, standardising the canonical text gives the same parts.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from functools import lru_cache
from typing import Literal

import attrs

from crmcore._countries import optional_country
from crmcore.errors import ValidationError
from crmcore.standardize import texts
from crmcore.standardize._base import (
    MAX_INPUT_LENGTH,
    N_,
    fail,
    fixed_hint,
    language_of,
    require_text,
)
from crmcore.standardize._mojibake import check_mojibake, check_read_again
from crmcore.standardize._name_case import recase
from crmcore.standardize._name_split import split_formal, split_natural
from crmcore.standardize._name_tables import name_key, tables
from crmcore.standardize._text_clean import is_clean, kept_chars

__all__ = ["FIELD", "HINT", "FullName", "example", "format", "is_valid", "validate"]

FIELD = "person_name"
_HINT = "a person's name such as Jan Kowalski, Іван Петрович Іваненко or Dr Hans-Peter Müller"

_APOSTROPHE_MARKS = "’ʼ‘`´′ʹ"
_APOSTROPHES = str.maketrans(dict.fromkeys(_APOSTROPHE_MARKS, "'"))
# A search for one character class is quicker than a translation by a table,
# which looks up every character; cleaned text rarely has one of these.
_HAS_APOSTROPHE_MARK = re.compile(f"[{_APOSTROPHE_MARKS}]")
_SPACED_HYPHEN = re.compile(r"\s*-\s*")
_ALLOWED_MARKS = frozenset(" -'.,")
_COMMA = ","


def _optional_text(
    _instance: object, attribute: attrs.Attribute[str | None], value: object
) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not value.strip():
        fail(
            f"{FIELD}.bad_part",
            N_("a part of the name is not text"),
            field=f"{FIELD}.{attribute.name}",
            value=value,
            hint="a non-empty string or None",
        )
    if len(value) > MAX_INPUT_LENGTH:
        # As long as the text a name is read from may be: the canonical text
        # is read back, and no reading may take long.
        fail(
            f"{FIELD}.too_long",
            N_("the value is too long"),
            field=f"{FIELD}.{attribute.name}",
            value=value,
            hint=f"at most {MAX_INPUT_LENGTH} characters",
        )


def _flag(_instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        fail(
            f"{FIELD}.bad_flag",
            N_("the value is not true or false"),
            field=f"{FIELD}.{attribute.name}",
            value=value,
            hint="True or False",
        )


def _has_name(instance: FullName, _attribute: attrs.Attribute[str | None], _value: object) -> None:
    if instance.given is None and instance.family is None:
        fail(
            f"{FIELD}.empty",
            N_("the name has neither a given name nor a family name"),
            field=FIELD,
            value=None,
            hint=_HINT,
        )


def _given_text(instance: FullName, attribute: attrs.Attribute[str | None], value: object) -> None:
    # One validator doing the work of two: attrs calls a list of them through one more object.
    _optional_text(instance, attribute, value)
    _has_name(instance, attribute, value)


@attrs.frozen(kw_only=True)
class FullName:
    """A person's name in parts; ``str()`` (and :attr:`full`) give the canonical text.

    Attributes:
        given: The given (first) name.
        middle: Further given names or initials (``"F."`` in John F. Kennedy).
        patronymic: An East Slavic patronymic (``"Петрович"``, ``"Іванівна"``).
        family: The family name (surname), with its particles (``"van der Berg"``).
        title: Titles and honorifics moved out of the name (``"Dr"``,
            ``"prof. dr hab."``, ``"пан"``, ``"κ."``).
        suffix: Generational and academic suffixes (``"Jr."``, ``"III"``, ``"PhD"``).
        order_uncertain: Whether the order of the words read could not be
            told: without a comma or a patronymic, both end words could be
            given names (``Elton John``), or neither is known and nothing else
            tells (``Tarantino Quentin``), or the signs disagree. The name is
            then read in the natural order, given name first; check it. It
            tells how the text was read, not what the name is: it takes no
            part in equality.

    >>> from crmcore.standardize import person_names
    >>> n = person_names.validate("ІВАНОВ Іван Петрович")
    >>> n.family, n.given, n.patronymic
    ('Іванов', 'Іван', 'Петрович')
    >>> str(n)
    'Іван Петрович Іванов'
    """

    given: str | None = attrs.field(default=None, validator=_given_text)
    middle: str | None = attrs.field(default=None, validator=_optional_text)
    patronymic: str | None = attrs.field(default=None, validator=_optional_text)
    family: str | None = attrs.field(default=None, validator=_optional_text)
    title: str | None = attrs.field(default=None, validator=_optional_text)
    suffix: str | None = attrs.field(default=None, validator=_optional_text)
    order_uncertain: bool = attrs.field(default=False, validator=_flag, eq=False)

    @property
    def full(self) -> str:
        """The canonical text of the name."""
        return _render(self)

    def __str__(self) -> str:
        return _render(self)


def _join(words: list[str]) -> str | None:
    return " ".join(words) or None


def _natural(value: FullName) -> str:
    parts = (value.title, value.given, value.middle, value.patronymic, value.family, value.suffix)
    return " ".join(filter(None, parts))


def _formal(value: FullName) -> str:
    head = " ".join(p for p in (value.title, value.family) if p)
    tail = " ".join(p for p in (value.given, value.middle, value.patronymic, value.suffix) if p)
    return f"{head}, {tail}" if tail else f"{head},"


def _same(a: FullName, b: FullName) -> bool:
    """Equal parts; titles compared by key, as their spelling follows the locale."""
    key_a = name_key(a.title) if a.title else None
    key_b = name_key(b.title) if b.title else None
    return key_a == key_b and attrs.evolve(a, title=None) == attrs.evolve(b, title=None)


def _render(value: FullName, *, language: str | None = None) -> str:
    """Write ``value`` in the canonical order that reads back to the same parts."""
    natural = _natural(value)
    return natural if _natural_reading(value, natural, language) is not None else _formal(value)


def _natural_reading(value: FullName, natural: str, language: str | None) -> FullName | None:
    """Return what ``natural``, the natural order of ``value``, reads back to, if ``value``."""
    try:
        again = _parse(natural, raw=natural, language=language)
    except ValueError:  # pragma: no cover - canonical parts always parse
        return None
    return again if _same(again, value) else None


@functools.cache
def _plainly_allowed() -> re.Pattern[str]:
    """Return a pattern fully matching text that certainly passes :func:`_check_characters`.

    The text is of letters, combining marks and the allowed marks (from the
    characters clean text is made of), with at least one letter.
    """
    letters = [c for c in kept_chars() if unicodedata.category(c).startswith("L")]
    marks = [c for c in kept_chars() if unicodedata.category(c).startswith("M")]
    letter = "".join(re.escape(c) for c in letters)
    allowed = letter + "".join(re.escape(c) for c in [*marks, *sorted(_ALLOWED_MARKS)])
    return re.compile(f"[{allowed}]*[{letter}][{allowed}]*")


def _check_characters(text: str, raw: object) -> None:
    if _plainly_allowed().fullmatch(text) is not None:
        return
    if not any(unicodedata.category(c).startswith("L") for c in text):
        fail(
            f"{FIELD}.no_letters", N_("the name has no letters"), field=FIELD, value=raw, hint=_HINT
        )
    for char in text:
        if not (char in _ALLOWED_MARKS or unicodedata.category(char)[0] in "LM"):
            what = "digits" if char.isdigit() else repr(char)
            fail(
                f"{FIELD}.bad_characters",
                N_("the name contains characters that are not allowed in a name"),
                field=FIELD,
                value=raw,
                hint=f"letters only, no {what}; for example {_HINT.split('such as ')[1]}",
            )


def _tokens(text: str) -> list[str]:
    """Split into words and comma markers; drop words without letters."""
    words = text.replace(",", " , ").split() if _COMMA in text else text.split()
    # w.isalpha(): a word of letters only (the most of them) has a letter.
    return [w for w in words if w.isalpha() or w == _COMMA or any(c.isalpha() for c in w)]


@functools.cache
def _title_first_words() -> frozenset[str]:
    """Return the key of the first word of every title."""
    return frozenset(key.split(" ")[0] for key in tables().titles)


def _take_titles(words: list[str], language: str | None) -> tuple[list[str], list[str]]:
    """Take titles from the front of ``words``, leaving at least one word."""
    found: list[str] = []
    longest = tables().longest_title
    while len(words) > 1:
        first = name_key(words[0])
        if first and first not in _title_first_words():
            # The key of words joined by spaces is their keys joined by spaces
            # (a space neither composes nor reorders with its neighbours), so
            # no title, of any length, starts with this word.
            break
        for size in range(min(longest, len(words) - 1), 0, -1):
            title = tables().title(name_key(" ".join(words[:size])), language)
            if title is not None:
                found.append(title)
                words = words[size:]
                break
        else:
            break
    return found, words


_ROMAN = frozenset("IVX")


def _take_suffixes(words: list[str]) -> tuple[list[str], list[str]]:
    """Take suffixes (and the commas before them) from the end of ``words``."""
    found: list[str] = []
    while words and words[-1] == _COMMA:
        words = words[:-1]
    while len(words) - words.count(_COMMA) > 1:
        suffix = tables().suffixes.get(name_key(words[-1]))
        if suffix is None or (_ROMAN.issuperset(suffix) and "." in words[-1][:-1]):
            # Dots between the letters ("I.V.", "I.I.") make initials, not the
            # numerals IV and II; one after them is a numeral's ("Friedrich II.").
            break
        found.insert(0, suffix)
        words = words[:-1]
        while words and words[-1] == _COMMA:
            words = words[:-1]
    return found, words


def _words(text: str, raw: object) -> list[str]:
    """Return the words of ``text`` (and comma markers), cleaned and checked."""
    # Cleaned again after joining "Kowalska - Nowak": the joined word is one word now
    # (cleaning is idempotent: text that did not change needs no second pass).
    cleaned = texts.clean(text)
    text = cleaned
    if _HAS_APOSTROPHE_MARK.search(text) is not None:
        text = text.translate(_APOSTROPHES)
    if "-" in text:
        text = _SPACED_HYPHEN.sub("-", text)
    if text != cleaned:
        text = texts.clean(text)
    _check_characters(text, raw)
    return _tokens(text)  # at least one word: the text has a letter


def _plain_words(text: str) -> list[str] | None:
    """Return what :func:`_words` returns for clean words of letters; else ``None``.

    The words are of letters (``str.isalpha``), maybe with apostrophes and
    hyphens inside, between single spaces. Proved clean, the text is what
    cleaning gives; without apostrophes of other kinds (some are letters,
    such as ``ʹ``) and without a hyphen next to a space, it is not
    rewritten. Its characters are letters that clean text may hold,
    apostrophes and hyphens, which the check of characters lets pass; and
    every word has a letter to keep it.
    """
    letters = text.replace(" ", "")
    plain = letters.isalpha()
    if not plain and (
        not letters.replace("'", "").replace("-", "").isalpha() or " -" in text or "- " in text
    ):
        return None
    words = text.split(" ")
    if text.isascii():
        # ASCII letters, apostrophes and hyphens are kept by cleaning, are of
        # one script and are NFC: between single spaces, the text is clean.
        if "" in words:
            return None
    elif not is_clean(text):
        # (Proved clean, the text has no apostrophe of another kind either:
        # cleaning rewrites those that are in its blocks, the others are not
        # in them, and none that it keeps is a letter.)
        return None
    if not plain and not all(w.strip("'-") for w in words):
        return None  # a word of apostrophes or hyphens alone
    return words


def _parse(text: str, *, raw: object, language: str | None) -> FullName:
    """Split ``text`` (``raw`` checked as text) into a :class:`FullName`."""
    words = _plain_words(text)
    if words is None:
        words = _words(text, raw)
    suffixes, words = _take_suffixes(words)
    while words and words[0] == _COMMA:
        words = words[1:]
    if _COMMA in words:
        comma = words.index(_COMMA)
        head, tail = words[:comma], [w for w in words[comma + 1 :] if w != _COMMA]
        titles, head = _take_titles(head, language)
        parts = split_formal(head, tail)
        uncertain = False
    else:
        titles, words = _take_titles(words, language)
        parts, uncertain = split_natural(words, titled=bool(titles))
    first = True
    for key in ("given", "middle", "patronymic", "family"):
        value = parts.get(key)
        if value:
            # A part is words joined by single spaces: without one, it is one word.
            parts[key] = (
                recase(value, first=first)
                if " " not in value
                else " ".join(
                    recase(w, first=first and i == 0) for i, w in enumerate(value.split(" "))
                )
            )
            first = False
    return FullName(
        title=_join(titles),
        suffix=_join(suffixes),
        given=parts.get("given"),
        middle=parts.get("middle"),
        patronymic=parts.get("patronymic"),
        family=parts.get("family"),
        order_uncertain=uncertain,
    )


def _canonical(
    value: FullName, *, raw: object, language: str | None, text: str | None = None
) -> FullName:
    """Return the value that its own canonical text reads back to.

    Re-casing can change how a word is read the second time (a lower-case
    ``µ`` becomes a Greek capital ``Μ``, which text cleaning then treats as a
    look-alike of ``M``); a few rounds reach the value that ``str()`` and
    :func:`parse` agree on.

    ``text``, when given, is the text ``value`` was parsed from. When it is
    already the canonical text, ``value`` is its own reading and no round is
    needed: :func:`parse` gives the same value for the same text. Each round
    reads the canonical text once (:func:`render` reads the natural order to
    choose it; that reading is the round's).
    """
    if text is not None and text == _natural(value):
        return value
    uncertain = value.order_uncertain
    for _ in range(3):
        natural = _natural(value)
        again = _natural_reading(value, natural, language) or _parse(
            _formal(value), raw=raw, language=language
        )
        if again == value:
            break
        value = again
    # The rounds read the canonical text; the flag is of the text first read.
    return (
        value
        if value.order_uncertain == uncertain
        else attrs.evolve(value, order_uncertain=uncertain)
    )


_EXAMPLES = {
    "PL": "Jan Kowalski",
    "UA": "Іван Петрович Іваненко",
    "RU": "Иван Петрович Иванов",
    "GR": "Γιώργος Παπαδόπουλος",
    "DE": "Hans-Peter Müller",
    "GB": "Seán O'Brien",
    "US": "John F. Kennedy Jr.",
    "BG": "Иван Петров",
}
_STYLES = frozenset({"full", "formal", "family_first", "short"})


def validate(raw: object, *, locale: str | None = None) -> FullName:
    """Return the standardised person name, or raise ``ValidationError``.

    Args:
        raw: The name as entered, in any order, case and script.
        locale: The locale whose spelling of titles to use (``"pl"`` writes
            ``dr``, ``"de"`` writes ``Dr.``; the default is ``Dr``).

    Returns:
        The :class:`FullName`; ``validate(str(n), locale=locale) == n``.
        Its ``order_uncertain`` is ``True`` when the order of the words could
        not be told (``Otto Walter``: both could be given names); the name is
        then read given name first.

    Raises:
        ValidationError: With code ``person_name.empty``,
            ``person_name.no_letters``, ``person_name.bad_characters`` (digits,
            ``@`` and the like), ``person_name.not_text``,
            ``person_name.too_long``, ``person_name.bad_locale`` or
            ``text.mojibake`` (text decoded with the wrong encoding).

    >>> validate("prof. dr hab. inż. JAN KOWALSKI", locale="pl").title
    'prof. dr hab. inż.'
    >>> n = validate("John F. Kennedy Jr.")
    >>> n.given, n.middle, n.family, n.suffix
    ('John', 'F.', 'Kennedy', 'Jr.')
    >>> n = validate("Kravchuk Oksana")
    >>> n.given, n.family, n.order_uncertain
    ('Oksana', 'Kravchuk', False)
    >>> validate("jan.kowalski@example.com")
    Traceback (most recent call last):
    ...
    crmcore.errors.ValidationError: person_name: ... [person_name.bad_characters]
    """
    language = language_of(locale, field=FIELD)
    text = require_text(raw, field=FIELD, hint=_HINT)
    if not text.isascii():
        check_mojibake(text, field=FIELD)
    return _read(text, language)


@lru_cache(maxsize=8192)
def _read(text: str, language: str | None) -> FullName:
    """Read a name; cached, as the rows of an import repeat the same contact persons.

    ``text`` is the value as given (``require_text`` returns it), so an error,
    which is not cached, names it.
    """
    value = _canonical(
        _parse(text, raw=text, language=language), raw=text, language=language, text=text
    )
    if not text.isascii():
        check_read_again(str(value), given=text, field=FIELD)
    return value


def is_valid(raw: object, *, locale: str | None = None) -> bool:
    """Tell whether ``raw`` is a usable person name.

    >>> is_valid("Anna Nowak"), is_valid("Anna 2")
    (True, False)
    """
    try:
        validate(raw, locale=locale)
    except ValidationError:
        return False
    return True


def format(
    value: FullName | str,
    *,
    style: Literal["full", "formal", "family_first", "short"] = "full",
    locale: str | None = None,
) -> str:
    """Return a person name for display.

    Args:
        value: A :class:`FullName` or raw text (standardised first).
        style: ``"full"``: the canonical text with title and suffix;
            ``"formal"``: ``Family, Given Middle Patronymic``;
            ``"family_first"``: ``Family Given Middle Patronymic``, the order of
            East Slavic documents; ``"short"``: ``Given Family``.
        locale: As for :func:`validate`, when ``value`` is text.

    Returns:
        The text.

    Raises:
        ValidationError: If ``value`` is not a valid name, or the style is
            unknown (``person_name.bad_style``).

    >>> format("dr Jan Maria Kowalski", style="formal")
    'Kowalski, Jan Maria'
    >>> format("dr Jan Maria Kowalski", style="short")
    'Jan Kowalski'
    """
    if style not in _STYLES:
        fail(
            f"{FIELD}.bad_style",
            N_("the display style is not known"),
            field=FIELD,
            value=style,
            hint="one of " + ", ".join(sorted(_STYLES)),
        )
    name = value if isinstance(value, FullName) else validate(value, locale=locale)
    given = (name.given, name.middle, name.patronymic)
    if style == "formal":
        tail = " ".join(p for p in given if p)
        return f"{name.family}, {tail}" if name.family and tail else name.family or tail
    if style == "family_first":
        return " ".join(p for p in (name.family, *given) if p)
    if style == "short":
        return " ".join(p for p in (name.given, name.family) if p)
    return str(name)


def example(country: str | None = None) -> str:
    """Return an example of a well-written person name in ``country``.

    >>> example("UA")
    'Іван Петрович Іваненко'
    """
    code = optional_country(country)
    return _EXAMPLES.get(code or "PL", _EXAMPLES["PL"])


# --- the hint -------------------------------------------------------------------

#: What :func:`crmcore.standardize.hint` says of the form a name takes.
HINT = fixed_hint(N_("the first name or names, then the surname, in any script, as in {example}"))
