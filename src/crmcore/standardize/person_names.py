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
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from crmcore._countries import optional_country
from crmcore.errors import ValidationError
from crmcore.standardize import _person
from crmcore.standardize._args import language_of
from crmcore.standardize._base import N_, fail, require_text
from crmcore.standardize._mojibake import check_mojibake, check_read_again
from crmcore.standardize._person import FIELD, PersonName

__all__ = ["FIELD", "PersonName", "example", "format", "is_valid", "validate"]

_HINT = "a person's name such as Jan Kowalski, Іван Петрович Іваненко or Dr Hans-Peter Müller"
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


def validate(raw: object, *, locale: str | None = None) -> PersonName:
    """Return the standardised person name, or raise ``ValidationError``.

    Args:
        raw: The name as entered, in any order, case and script.
        locale: The locale whose spelling of titles to use (``"pl"`` writes
            ``dr``, ``"de"`` writes ``Dr.``; the default is ``Dr``).

    Returns:
        The :class:`PersonName`; ``validate(str(n), locale=locale) == n``.
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
def _read(text: str, language: str | None) -> PersonName:
    """Read a name; cached, as the rows of an import repeat the same contact persons.

    ``text`` is the value as given (``require_text`` returns it), so an error,
    which is not cached, names it.
    """
    value = _person.canonical(
        _person.parse(text, raw=text, language=language), raw=text, language=language, text=text
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
    value: PersonName | str,
    *,
    style: Literal["full", "formal", "family_first", "short"] = "full",
    locale: str | None = None,
) -> str:
    """Return a person name for display.

    Args:
        value: A :class:`PersonName` or raw text (standardised first).
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
    name = value if isinstance(value, PersonName) else validate(value, locale=locale)
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
