"""A match threshold chosen without labels, and what to expect at it.

The fitted model gives each candidate pair a match probability. Taken at its
word, the expected number of true matches among the pairs at or above a
threshold ``t`` is the sum of their probabilities; the expected precision at
``t`` is their mean, and the expected recall is that sum over the sum of all
the candidates' probabilities. The suggested threshold is the one with the
best expected F1 whose expected precision reaches the precision asked for;
pairs below it down to the *review* threshold are worth a person's look.

These are the model's own expectations: as good as the model is. With labels,
measure instead (:func:`crmcore.matching.evaluate`).
"""

from __future__ import annotations

import attrs
import numpy as np

__all__ = ["Threshold", "suggest_threshold"]


@attrs.frozen
class Threshold:
    """A match threshold, a review threshold below it, and the expected precision and recall.

    Attributes:
        match: Pairs with at least this match probability are matches.
        review: Pairs from here up to ``match`` are for a person to review.
        expected_precision: The share of pairs at or above ``match`` expected to be matches.
        expected_recall: The share of all expected matches among the
            candidates that are at or above ``match``.
        expected_matches: How many matches the candidates are expected to hold.
        review_pairs: How many pairs are in the review band.
    """

    match: float
    review: float
    expected_precision: float
    expected_recall: float
    expected_matches: float
    review_pairs: int

    @property
    def expected_f1(self) -> float:
        """The harmonic mean of the expected precision and recall."""
        total = self.expected_precision + self.expected_recall
        return 2 * self.expected_precision * self.expected_recall / total if total else 0.0


def expectations(probabilities: np.ndarray, threshold: float) -> tuple[float, float]:
    """Return the expected precision and recall of matching at ``threshold``."""
    total = float(probabilities.sum())
    chosen = probabilities[probabilities >= threshold]
    precision = float(chosen.mean()) if len(chosen) else 1.0
    recall = float(chosen.sum()) / total if total else 1.0
    return precision, recall


def suggest_threshold(
    probabilities: np.ndarray,
    *,
    min_precision: float = 0.0,
    review_recall: float = 0.995,
    matchable: np.ndarray | None = None,
) -> Threshold:
    """Return the threshold of the best expected F1 with at least ``min_precision``.

    Args:
        probabilities: The candidate pairs' match probabilities.
        min_precision: The least expected precision the threshold must give.
        review_recall: The review band reaches down until this share of the
            expected matches is at or above its lower end (never below 0.05).
        matchable: Which pairs may be matches at all (the others are reviewed
            whatever their probability); all if not given. The expected
            matches of all pairs count in the expected recall.
    """
    total = float(probabilities.sum())
    if matchable is not None:
        probabilities = np.where(matchable, probabilities, 0.0)
    if len(probabilities) == 0 or total == 0.0:
        return Threshold(0.5, 0.5, 1.0, 1.0, 0.0, 0)
    ordered = np.sort(probabilities)[::-1]
    found = np.cumsum(ordered)
    counts = np.arange(1, len(ordered) + 1)
    precision = found / counts
    recall = found / total
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    # A threshold must take every pair of its probability: only the last of equal ones counts.
    last = np.concatenate((ordered[1:] != ordered[:-1], [True]))
    allowed = last & (precision >= min_precision) & (ordered > 0)
    if not allowed.any():
        allowed = last & (ordered > 0)
    if not allowed.any():  # nothing may be a match: no threshold lets any pair through
        return Threshold(1.0, 1.0, 1.0, 0.0, total, 0)
    best = int(np.flatnonzero(allowed)[np.argmax(f1[allowed])])
    match = float(ordered[best])
    reach = int(np.searchsorted(recall, review_recall))
    review = float(max(0.05, min(match, ordered[min(reach, len(ordered) - 1)])))
    in_band = int(((probabilities >= review) & (probabilities < match)).sum())
    return Threshold(match, review, float(precision[best]), float(recall[best]), total, in_band)
