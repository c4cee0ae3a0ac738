"""String similarity of many pairs at once, each distinct pair of values once.

rapidfuzz compares the values (:func:`rapidfuzz.process.cpdist`, on every
core); numpy finds the distinct pairs of value codes among the pairs of
parties and spreads the results back.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Final

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler, Levenshtein

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Scorer", "similarity", "workers"]

#: Below this many pairs, one thread: starting the others costs more than it saves.
THREADED: Final = 20_000


def workers(pairs: int) -> int:
    """Return the threads rapidfuzz is to compare ``pairs`` pairs with (-1: every core)."""
    return -1 if pairs >= THREADED else 1


class Scorer(enum.StrEnum):
    """How two texts are compared; each gives a similarity from 0 to 1."""

    #: Jaro-Winkler: forgiving of typos, weighs the first letters most (names).
    JARO_WINKLER = "jaro_winkler"
    #: rapidfuzz's token-set ratio: words in any order, and one name's words all found
    #: in the other's (Romashka ~ Romashka Trade; Olena Ivanenko ~ Ivanenko Olena Petrivna).
    WORD_SET = "word_set"
    #: Normalised Levenshtein: edits counted over the length (streets, codes).
    LEVENSHTEIN = "levenshtein"


def _scale(scores: np.ndarray, scorer: Scorer) -> np.ndarray:
    return scores / 100.0 if scorer is Scorer.WORD_SET else scores


_FUNCTIONS: dict[Scorer, Callable[..., float]] = {
    Scorer.JARO_WINKLER: JaroWinkler.normalized_similarity,
    Scorer.WORD_SET: fuzz.token_set_ratio,
    Scorer.LEVENSHTEIN: Levenshtein.normalized_similarity,
}


def similarity(
    values: list[str], left: np.ndarray, right: np.ndarray, scorer: Scorer
) -> np.ndarray:
    """Return the similarity of ``values[left[k]]`` and ``values[right[k]]`` for each ``k``.

    Codes must be valid (no ``-1``). Each distinct unordered pair of codes is
    scored once; the scorers are symmetric, so the order of a pair does not
    change its score.

    >>> import numpy as np
    >>> values = ["ivanov", "ivanova", "petrov"]
    >>> similarity(values, np.array([0, 1, 0]), np.array([1, 0, 2]), Scorer.JARO_WINKLER).round(2)
    array([0.97, 0.97, 0.56])
    """
    if len(left) == 0:
        return np.zeros(0, dtype=np.float64)
    low = np.minimum(left, right).astype(np.int64)
    high = np.maximum(left, right).astype(np.int64)
    pair = low * (len(values) + 1) + high
    distinct, where = np.unique(pair, return_inverse=True)
    first = distinct // (len(values) + 1)
    second = distinct % (len(values) + 1)
    scores = process.cpdist(
        [values[code] for code in first.tolist()],
        [values[code] for code in second.tolist()],
        scorer=_FUNCTIONS[scorer],
        workers=workers(len(first)),
        dtype=np.float64,
    )
    found: np.ndarray = _scale(np.asarray(scores, dtype=np.float64), scorer)[where]
    return found
