"""Clusters of matched pairs, guarded against chains of links.

Connected components would join A and C because A matches B and B matches C,
even when everything says A is not C. Here the matched pairs are taken from
the strongest down, and two clusters are joined only if the *average* match
probability over every pair across them (pairs the blocking never made are
scored for the purpose) reaches the threshold: every member is linked to its
cluster as a whole, not through one neighbour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["clusters"]


def clusters(
    left: np.ndarray,
    right: np.ndarray,
    probabilities: np.ndarray,
    threshold: float,
    score: Callable[[np.ndarray, np.ndarray], np.ndarray],
) -> list[list[int]]:
    """Return the clusters of two rows or more, each a sorted list of rows.

    Args:
        left: The first row of each scored pair.
        right: The second row of each scored pair.
        probabilities: Each pair's match probability.
        threshold: Pairs and joins below it are not taken.
        score: Returns the match probabilities of pairs of rows not scored yet.
    """
    chosen = probabilities >= threshold
    order = np.argsort(-probabilities[chosen], kind="stable")
    edges_left = left[chosen][order].tolist()
    edges_right = right[chosen][order].tolist()
    # The matched pairs only: a pair across two groups that is not one of them
    # is scored when it is asked for (a dict of every candidate pair would
    # hold millions).
    known = {
        (min(a, b), max(a, b)): p
        for a, b, p in zip(
            edges_left, edges_right, probabilities[chosen][order].tolist(), strict=True
        )
    }
    root: dict[int, int] = {}
    members: dict[int, list[int]] = {}

    def find(row: int) -> int:
        top = root.setdefault(row, row)
        while top != root[top]:
            top = root[top]
        root[row] = top
        return top

    for a, b in zip(edges_left, edges_right, strict=True):
        first, second = find(a), find(b)
        if first == second:
            continue
        group_a = members.get(first, [first])
        group_b = members.get(second, [second])
        joined = len(group_a) + len(group_b)
        if joined > 2 and not _linked(group_a, group_b, known, score, threshold):
            continue
        if len(group_a) < len(group_b):
            first, second, group_a, group_b = second, first, group_b, group_a
        root[second] = first
        members[first] = group_a + group_b
        members.pop(second, None)
    return sorted(sorted(group) for group in members.values())


def _linked(
    group_a: list[int],
    group_b: list[int],
    known: dict[tuple[int, int], float],
    score: Callable[[np.ndarray, np.ndarray], np.ndarray],
    threshold: float,
) -> bool:
    """Tell whether the average probability across the two groups reaches the threshold."""
    found = []
    unknown = []
    for a in group_a:
        for b in group_b:
            pair = (min(a, b), max(a, b))
            if pair in known:
                found.append(known[pair])
            else:
                unknown.append(pair)
    if unknown:
        rows = np.array(unknown, dtype=np.int64)
        scored = score(rows[:, 0], rows[:, 1]).tolist()
        known.update(zip(unknown, scored, strict=True))
        found.extend(scored)
    return sum(found) / len(found) >= threshold
