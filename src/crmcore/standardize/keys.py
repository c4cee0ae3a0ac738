"""Matching keys: transliteration to ASCII, for comparing names, never for storing them.

People write their own names in Latin letters the way their passports do, and
the tables here are those of the passports, kept as package data
(``data/translit/*.json``):

* Ukrainian: KMU 2010 (Cabinet of Ministers Resolution No. 55), with its rules
  for є, ї, й, ю, я at the start of a word and зг (Згорани Zghorany);
* Russian: ICAO Doc 9303, as in Russian passports since 2013 (Юрий Iurii);
* Greek: ELOT 743 (ISO 843), with αυ/ευ before voiced and voiceless letters,
  μπ at the start and inside a word, γγ (Ευάγγελος Evangelos);
* Bulgarian: the Streamlined System of the 2009 Transliteration Act;
* Serbian: Gaj's Latin alphabet, folded to ASCII; Macedonian: the 2008
  government romanisation, folded to ASCII;
* Latin letters with diacritics are folded to ASCII (ł l, ß ss, ä a).

:func:`matching_key` goes further and folds the spellings that differ between
those standards and everyday writing (Hryhorii, Grigorii and Grigoriy;
Shevchenko, Ševčenko and Schewtschenko; Müller and Mueller) into one key. The
rules are package data too (``data/matching_keys.json``) and listed in the
documentation.

>>> from crmcore.standardize import keys
>>> keys.transliterate("Олексій Шевченко, Київ")
'Oleksii Shevchenko, Kyiv'
>>> keys.matching_key("Григорій") == keys.matching_key("Grigoriy")
True
"""

from __future__ import annotations

import functools
import re
from typing import Final

from crmcore._data import load_json
from crmcore.standardize import texts
from crmcore.standardize._base import MAX_INPUT_LENGTH, N_, fail
from crmcore.standardize._translit import (
    CYRILLIC_LANGUAGES,
    LANGUAGES,
    detect_cyrillic,
    fold_latin,
    scheme,
    strip_accents,
)

__all__ = ["LANGUAGES", "detect_language", "matching_key", "transliterate"]

_CYRILLIC = re.compile("[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]")
_GREEK = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")
_NOT_WORD = re.compile(r"[\W_]+")
_LANGUAGE_HINT: Final = "one of " + ", ".join(sorted(LANGUAGES)) + ", or None to detect"


def _language(value: object, *, field: str) -> str | None:
    if value is None:
        return None
    code = value.replace("-", "_").split("_", 1)[0].lower() if isinstance(value, str) else ""
    if code not in LANGUAGES:
        fail(
            "language.unknown",
            N_("there is no transliteration for this language"),
            field=field,
            value=value,
            hint=_LANGUAGE_HINT,
        )
    return code


def detect_language(text: str, *, cyrillic_default: str = "ru") -> str | None:
    """Return the language whose table will transliterate ``text``.

    Greek letters tell ``"el"``. For Cyrillic, the telling letters decide: і,
    ї, є, ґ Ukrainian; ы, э, ё (and ъ before е, ё, ю, я) Russian; ъ elsewhere
    Bulgarian; ђ, ћ Serbian (and ј, љ, њ, џ without Macedonian letters); ѓ, ќ,
    ѕ Macedonian; with none of them (Иванов could be any), or a tie,
    ``cyrillic_default``. Text without Cyrillic or Greek letters gives
    ``None``.

    >>> detect_language("Київ"), detect_language("Ёлкин"), detect_language("Иванов")
    ('uk', 'ru', 'ru')
    >>> detect_language("Иванов", cyrillic_default="uk"), detect_language("Αθήνα")
    ('uk', 'el')
    >>> detect_language("България"), detect_language("Đoković") is None
    ('bg', True)
    """
    default = _language(cyrillic_default, field="cyrillic_default")
    if _CYRILLIC.search(text):
        return detect_cyrillic(text, default or "ru")
    if _GREEK.search(text):
        return "el"
    return None


def transliterate(text: str, language: str | None = None, *, cyrillic_default: str = "ru") -> str:
    """Transliterate ``text`` to ASCII by its language's official table.

    The text is cleaned first (:func:`crmcore.standardize.texts.clean`, which
    also repairs homoglyphs). Cyrillic letters follow the table of
    ``language`` (``"uk"``, ``"ru"``, ``"bg"``, ``"sr"``; a locale such as
    ``"uk_UA"`` works too), or of the language detected from the letters (see
    :func:`detect_language`); Greek letters always follow ELOT 743; Latin
    letters lose their diacritics. Letters of other scripts are kept.

    Args:
        text: The text to transliterate.
        language: The language of the Cyrillic text, or ``None`` to detect it.
        cyrillic_default: The language of Cyrillic text without telling letters.

    Returns:
        The transliteration, with the case of the original letters.

    Raises:
        ValidationError: ``text.not_text`` if ``text`` is not a string,
            ``text.too_long`` if it is over 1000 characters (the limit of
            every standardiser); ``language.unknown`` for a language
            without a table.

    >>> transliterate("Згорани, Єнакієве, Знам'янка")
    'Zghorany, Yenakiieve, Znamianka'
    >>> transliterate("Юрий Щукин"), transliterate("Юрій", "uk")
    ('Iurii Shchukin', 'Yurii')
    >>> transliterate("Ευάγγελος Παπαδόπουλος, ΑΘΗΝΑ")
    'Evangelos Papadopoulos, ATHINA'
    >>> transliterate("Łódź, Straße, Ševčenko")
    'Lodz, Strasse, Sevcenko'
    """
    chosen = _language(language, field="language")
    default = _language(cyrillic_default, field="cyrillic_default") or "ru"
    cleaned = texts.clean(text)
    if cleaned.isascii():
        return cleaned
    result = strip_accents(cleaned)
    if _CYRILLIC.search(result):
        cyrillic = chosen if chosen in CYRILLIC_LANGUAGES else None
        result = scheme(cyrillic or detect_cyrillic(result, default)).apply(result)
    if _GREEK.search(result):
        result = scheme("el").apply(result)
    # A letter written as nothing (ь) may leave two spaces side by side.
    return " ".join(fold_latin(result).split())


@functools.cache
def _rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    raw = load_json("standardize", "matching_keys.json")
    return tuple((re.compile(rule["pattern"]), rule["out"]) for rule in raw["rules"])


def matching_key(text: str, language: str | None = None, *, cyrillic_default: str = "ru") -> str:
    """Return a key on which the official and the common spellings of a name meet.

    The key is the transliteration (:func:`transliterate`), in lowercase,
    punctuation turned into single spaces, then folded by the rules of
    ``data/matching_keys.json`` (see the documentation for the table). It is
    for comparison only: never store it in place of the name.

    Gendered and other forms of a name keep different keys: Kowalski and
    Kowalska, Ivanov and Ivanova, Oleksandr and Aleksandr, Anna and Hanna.

    Args:
        text: A name, a street, any text.
        language: The language of Cyrillic text, or ``None`` to detect it.
        cyrillic_default: The language of Cyrillic text without telling letters.

    Returns:
        The key (``""`` for text without letters or digits).

    Raises:
        ValidationError: As :func:`transliterate`.

    >>> [matching_key(n) for n in ("Hryhorii", "Grigorii", "Grigoriy", "Григорій")]
    ['grigori', 'grigori', 'grigori', 'grigori']
    >>> {matching_key(n) for n in ("Shevchenko", "Ševčenko", "Schewtschenko", "Шевченко")}
    {'sevcenko'}
    >>> matching_key("Müller-Lüdenscheidt"), matching_key("Mueller Luedenscheidt")
    ('muler ludenseidt', 'muler ludenseidt')
    >>> matching_key("Kowalski") == matching_key("Kowalska")
    False
    """
    _check_key_arguments(text, language, cyrillic_default)
    return _matching_key(text, language, cyrillic_default)


def _check_key_arguments(text: object, language: object, cyrillic_default: object) -> None:
    """Refuse what :func:`transliterate` refuses before it reaches the cache.

    A wrong argument gets its own error, not the ``TypeError`` of an
    unhashable cache key, and a text over the limit is not kept in the cache.
    """
    if not isinstance(text, str) or len(text) > MAX_INPUT_LENGTH:
        texts.clean(text)  # type: ignore[arg-type]  # raises text.not_text or text.too_long
    if not (language is None or isinstance(language, str)):
        _language(language, field="language")
    if not isinstance(cyrillic_default, str):
        _language(cyrillic_default, field="cyrillic_default")


@functools.lru_cache(maxsize=65_536)
def _matching_key(text: str, language: str | None, cyrillic_default: str) -> str:
    """Do the work of :func:`matching_key` on checked arguments, cached."""
    key = _NOT_WORD.sub(
        " ", transliterate(text, language, cyrillic_default=cyrillic_default).lower()
    )
    key = " ".join(key.split())
    for pattern, out in _rules():
        key = pattern.sub(out, key)
    return key
