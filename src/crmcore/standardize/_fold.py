"""Text folding shared by the place and date standardisers.

:func:`tidy` brings raw text to its canonical form without changing its
meaning; :func:`fold` goes further and builds a lookup key that ignores case,
accents and punctuation, so that "Ελλάς", "ΕΛΛΑΣ" and "ελλας" meet in one
index entry.
"""

from __future__ import annotations

import re
import unicodedata

from crmcore.standardize._text_clean import canonical_text

__all__ = ["fold", "tidy"]

_NON_WORD = re.compile(r"[\W_]+")
# Apostrophes join a word ("Кот-дʼІвуар", "d'Ivoire"): dropped, not spaced.
_APOSTROPHES = str.maketrans(dict.fromkeys("'`\u2019\u2018\u02bc\u02b9", None))


def tidy(text: str) -> str:
    r"""Return the canonical text of ``text`` (:func:`crmcore.standardize.texts.clean`).

    Of any length: the standardisers tidy text derived from input whose
    length they checked, which may have grown a little (a country added).

    >>> tidy(" ul.\u00a0Marsza\u0142kowska\u200b  10 ")
    'ul. Marszałkowska 10'
    >>> tidy("10\u201312")
    '10-12'
    """
    return canonical_text(text)


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
