"""Text folding shared by the place and date standardisers.

:func:`tidy` brings raw text to one clean, composed form without changing its
meaning; :func:`fold` goes further and builds a lookup key that ignores case,
accents and punctuation, so that "Ελλάς", "ΕΛΛΑΣ" and "ελλας" meet in one
index entry.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "tidy"]

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[\W_]+")
# Apostrophes join a word ("Кот-дʼІвуар", "d'Ivoire"): dropped, not spaced.
_APOSTROPHES = str.maketrans(dict.fromkeys("'`\u2019\u2018\u02bc\u02b9", None))
# Typographic variants that people paste from word processors.
_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
    }
)


def tidy(text: str) -> str:
    r"""Return ``text`` composed (NFC), without invisible characters, spaces collapsed.

    Typographic quotes and dashes become their ASCII forms.

    >>> tidy(" ul.\u00a0Marsza\u0142kowska\u200b  10 ")
    'ul. Marszałkowska 10'
    >>> tidy("10\u201312")
    '10-12'
    """
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    text = "".join(
        ch for ch in text if ch.isspace() or unicodedata.category(ch) not in {"Cf", "Cc"}
    )
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    r"""Return a lookup key: case-folded, accents removed, punctuation as spaces.

    >>> fold("Ελλάς")
    'ελλασ'
    >>> fold("U.S.A.")
    'u s a'
    >>> fold("Côte d\u2019Ivoire") == fold("COTE D'IVOIRE")
    True
    >>> fold("Кот-дʼІвуар")
    'кот дівуар'
    """
    text = unicodedata.normalize("NFKD", text.casefold()).translate(_APOSTROPHES)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", text).split())
