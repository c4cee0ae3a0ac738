"""Describe the shape of a code (a postal code, a tax number) in words, in any catalogue language.

A shape is written with ``9`` for a digit, ``@`` for a letter and ``?`` for a
letter or a digit; any other character stands for itself (a run of letters
such as the ``LT`` of ``LT-99999`` is quoted as one). :func:`shape_of`
reads the shape off an example, :func:`describe_shape` says it in words, with
the plural forms of each language (through the catalogues) and CLDR's list
patterns (through Babel):

>>> describe_shape("99-999", "en")
'2 digits, a dash, and 3 digits'
>>> describe_shape("99-999", "pl")
'2 cyfry, myślnik i 3 cyfry'
>>> describe_shape("999 99", "el")
'3 ψηφία, κενό και 2 ψηφία'
>>> describe_shape(shape_of("SW1A 1AA"), "en_GB")
'2 letters, 1 digit, 1 letter, a space, 1 digit and 2 letters'
"""

from __future__ import annotations

import functools
import re

from crmcore._i18n import negotiate, translations
from crmcore.standardize._base import N_

__all__ = ["DIGIT", "LETTER", "LETTER_OR_DIGIT", "describe_shape", "shape_of"]

DIGIT = "9"
LETTER = "@"
LETTER_OR_DIGIT = "?"

_TOKEN = re.compile(r"9+|@+|\?+|[^\W9_]+|.", re.DOTALL)

#: Separators with a name of their own; any other literal character is quoted.
_SEPARATORS = {
    " ": N_("a space"),
    "-": N_("a dash"),
    "/": N_("a slash"),
    ".": N_("a full stop"),
}


def shape_of(example: str) -> str:
    """Return the shape of ``example``: digits become ``9``, letters ``@``.

    >>> shape_of("00-950"), shape_of("EC1A 1BB")
    ('99-999', '@@9@ 9@@')
    """
    return "".join(
        DIGIT if char.isdigit() else LETTER if char.isalpha() else char for char in example
    )


@functools.lru_cache(maxsize=1024)
def describe_shape(shape: str, locale: str | None) -> str:
    """Say ``shape`` in words in the language of ``locale``.

    Runs of digits and letters are counted with the language's plural forms;
    separators are named; the parts are joined by the locale's list pattern.

    >>> describe_shape("99999", "ru"), describe_shape("99999", "uk")
    ('5 цифр', '5 цифр')
    >>> describe_shape("@@999", "de"), describe_shape("LT-99999", "uk")
    ('2 Buchstaben und 3 Ziffern', '«LT», дефіс і 5 цифр')
    """
    from babel.lists import format_list

    catalogue = translations(locale)
    parts: list[str] = []
    for token in _TOKEN.findall(shape):
        count = len(token)
        if token[0] == DIGIT:
            text = catalogue.ngettext("{count} digit", "{count} digits", count)
        elif token[0] == LETTER:
            text = catalogue.ngettext("{count} letter", "{count} letters", count)
        elif token[0] == LETTER_OR_DIGIT:
            text = catalogue.ngettext("{count} letter or digit", "{count} letters or digits", count)
        else:
            name = _SEPARATORS.get(token)
            text = catalogue.gettext(name) if name else catalogue.gettext(N_("“{char}”"))
            parts.append(text.format(char=token))
            continue
        parts.append(text.format(count=count))
    return format_list(parts, locale=_list_locale(locale))


def _list_locale(locale: str | None) -> str:
    """Return the Babel locale for list patterns: the requested one when Babel knows it."""
    from babel import Locale, UnknownLocaleError

    language = negotiate(locale)
    if locale:
        try:
            parsed = Locale.parse(locale.strip().replace("-", "_"))
        except (UnknownLocaleError, ValueError, TypeError):
            return language
        if parsed.language == language:
            return str(parsed)
    return language
