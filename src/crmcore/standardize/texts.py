r"""Free text: one canonical form for names, streets, notes and every text field.

The canonical text, as :func:`clean` makes it:

* Unicode NFC (``"e\u0301"`` becomes ``"é"``);
* invisible characters removed: format characters (zero-width space and
  joiners, bidirectional marks and isolates, the soft hyphen, the byte-order
  mark), control characters, variation selectors and the fillers sometimes
  used as invisible letters;
* every kind of space (no-break, narrow, ideographic, tab, line break) turned
  into a plain space, runs of spaces collapsed, the ends stripped;
* quotes and dashes in one canonical set: ``"`` for every double quote
  (``“ ” „ « »``), ``'`` for every single quote and apostrophe
  (``‘ ’ ʼ ` ´``), ``-`` for every hyphen and dash (``‐ – — −``), so that
  ``ТОВ «Ромашка»`` and ``ТОВ "Ромашка"`` are the same text;
* mixed-script homoglyphs repaired: a word mostly in one script with a few
  look-alike letters of another (a Cyrillic ``о`` in ``Kowalski``, a Latin
  ``i`` in ``Київ``) is written in its own script. Words genuinely in two
  scripts are left alone; :func:`find_homoglyphs` reports them.

The tables are package data (``data/text_canonical.json`` and
``crmcore/data/confusables.json``, the latter from Unicode's confusables for Latin,
Cyrillic and Greek, UTS #39).

>>> from crmcore.standardize import texts
>>> texts.clean("  ТОВ\u00a0«Рoмашка» \u2014 Kиїв\u200b ")
'ТОВ "Ромашка" - Київ'
>>> texts.clean(texts.clean("Jan  Kоwalski"))
'Jan Kowalski'
"""

from __future__ import annotations

from typing import Final

from crmcore._countries import optional_country
from crmcore.errors import ValidationError
from crmcore.standardize._base import MAX_INPUT_LENGTH, N_, fail, require_text
from crmcore.standardize._homoglyphs import (
    Homoglyph,
    find_homoglyphs,
    repair_homoglyphs,
    scripts,
)
from crmcore.standardize._mojibake import Mojibake, check_mojibake, find_mojibake
from crmcore.standardize._text_clean import canonical_text, clean_in_full

__all__ = [
    "FIELD",
    "Homoglyph",
    "Mojibake",
    "clean",
    "example",
    "find_homoglyphs",
    "format",
    "is_valid",
    "mojibake",
    "repair_homoglyphs",
    "scripts",
    "validate",
]

#: The field name used in errors and reason codes (``text.empty``).
FIELD: Final = "text"

_HINT: Final = "some visible text, such as Jan Kowalski"


def clean(raw: str, *, homoglyphs: bool = True) -> str:
    r"""Return the canonical form of ``raw`` (see the module docstring).

    ``clean`` refuses no string of up to 1000 characters: a text of nothing
    but spaces and invisible characters cleans to ``""``. It is idempotent:
    ``clean(clean(s)) == clean(s)``.

    Args:
        raw: Any text.
        homoglyphs: Repair mixed-script homoglyphs (the default); pass
            ``False`` to keep the letters as they are.

    Returns:
        The canonical text.

    Raises:
        ValidationError: ``text.not_text`` if ``raw`` is not a string;
            ``text.too_long`` if it is over 1000 characters, the limit of
            every standardiser.

    >>> clean("Müller\u00adstraße\t\t12")
    'Müllerstraße 12'
    >>> clean("Знам\u02bcянка"), clean("Знам’янка")
    ("Знам'янка", "Знам'янка")
    >>> clean("  \u200b  ")
    ''
    """
    return canonical_text(_checked(raw), homoglyphs=homoglyphs)


#: The cleaning without its shortcut for text proved clean: the reference the
#: shortcut is tested against.
_clean = clean_in_full


def _checked(raw: object) -> str:
    """Return ``raw`` if it is a string no longer than the standardisers take.

    The checks of :func:`~crmcore.standardize._base.require_text`, but a
    blank string is text too.
    """
    if not isinstance(raw, str):
        fail(f"{FIELD}.not_text", N_("the value is not text"), field=FIELD, value=raw, hint=_HINT)
    if len(raw) > MAX_INPUT_LENGTH:
        fail(f"{FIELD}.too_long", N_("the value is too long"), field=FIELD, value=raw, hint=_HINT)
    return raw


def validate(raw: object, *, homoglyphs: bool = True) -> str:
    r"""Return the canonical form of ``raw``, refusing what is not usable text.

    Args:
        raw: The text as entered.
        homoglyphs: Repair mixed-script homoglyphs (see :func:`clean`).

    Returns:
        The canonical text, never empty.

    Raises:
        ValidationError: ``text.not_text``, ``text.too_long`` (over 1000
            characters), ``text.empty`` (nothing visible) or
            ``text.mojibake`` (text decoded with the wrong encoding, see
            :func:`mojibake`; the hint carries the likely repair).

    >>> validate(" „Kowalski i Syn” ")
    '"Kowalski i Syn"'
    >>> validate("\u200b\u00a0")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: text: the value is empty ... [text.empty]
    >>> validate("Ňĺđíîďłëü")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: text: the text is garbled: ... [text.mojibake]
    """
    given = require_text(raw, field=FIELD, hint=_HINT)
    check_mojibake(given, field=FIELD)
    text = clean(given, homoglyphs=homoglyphs)
    if not text:
        fail(f"{FIELD}.empty", N_("the value is empty"), field=FIELD, value=raw, hint=_HINT)
    return text


def mojibake(raw: str) -> Mojibake | None:
    r"""Tell whether ``raw`` is almost certainly text decoded with the wrong encoding.

    A file written in one encoding and read in another garbles every letter
    beyond ASCII: ``Ňĺđíîďłëü`` is Windows-1251 read as Windows-1250,
    ``GdaÅ„sk`` UTF-8 read as Windows-1252. The misreadings looked for are
    UTF-8 read as Windows-1252, ISO-8859-1, Windows-1250 or Windows-1251;
    Windows-1251 (Cyrillic) read as Windows-1250, Windows-1252 or
    ISO-8859-1; Windows-1253 (Greek) read as Windows-1252, Windows-1250 or
    ISO-8859-1; KOI8-R and KOI8-U read as Windows-1251. Text is taken for
    mojibake only when undoing one of them makes every changed word a
    plausible word of one alphabet, where the text had odd ones (symbols
    among letters, accented letters of no one alphabet, capitals after a
    lowercase letter): real Polish, Czech, German, Greek, Ukrainian or
    Turkish text is never taken for it.

    Args:
        raw: Any text of up to 1000 characters.

    Returns:
        The :class:`Mojibake` (the repaired text, the encoding it was written
        in and the one it was read as), or ``None`` for text that reads as
        it is.

    Raises:
        ValidationError: ``text.not_text`` or ``text.too_long``, as
            :func:`clean`.

    >>> found = mojibake("Ňĺđíîďłëü")
    >>> found.repaired, found.encoding, found.read_as
    ('Тернопіль', 'cp1251', 'cp1250')
    >>> mojibake("GdaÅ„sk").repaired, mojibake("Gdańsk")
    ('Gdańsk', None)
    """
    return find_mojibake(_checked(raw))


def is_valid(raw: object) -> bool:
    r"""Return whether ``raw`` is usable text (see :func:`validate`).

    >>> is_valid("Київ"), is_valid("\u200d"), is_valid(None)
    (True, False, False)
    """
    try:
        validate(raw)
    except ValidationError:
        return False
    return True


def format(raw: object) -> str:
    """Return the display form of a text, which is its canonical form.

    >>> format("Ευάγγελος  Παπαδόπουλος")
    'Ευάγγελος Παπαδόπουλος'
    """
    return validate(raw)


def example(country: str | None = None) -> str:
    """Return an example of a clean text.

    One for every country: ``country`` is only checked, as every family checks it.

    >>> example()
    'Jan Kowalski'
    """
    optional_country(country)
    return "Jan Kowalski"
