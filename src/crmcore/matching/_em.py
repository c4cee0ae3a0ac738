"""Expectation-maximisation of a Fellegi-Sunter model, on the distinct patterns of levels.

A pair of parties is a vector of levels, one per comparison. Pairs with the
same vector say the same thing, so EM runs over the distinct vectors and their
counts: a few thousand rows, however many million pairs there are. Level 0 of
every comparison is *missing* and says nothing: it is left out of both
likelihoods.
"""

from __future__ import annotations

from typing import Final

import attrs
import numpy as np

__all__ = ["FLOOR", "Fit", "fit", "log_likelihoods", "normalised", "patterns"]

#: No probability is let fall below this: a level never seen among the
#: matches (or non-matches) is rare, not impossible.
FLOOR: Final = 1e-6


@attrs.frozen
class Fit:
    """What EM found: ``m`` and ``u`` per comparison and level, and the share of matches."""

    m: list[np.ndarray]
    u: list[np.ndarray]
    prior: float
    iterations: int
    converged: bool


def patterns(levels: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the distinct rows of ``levels``, how often each occurs, and each row's pattern."""
    if len(levels) == 0:
        empty = np.zeros((0, levels.shape[1]), dtype=levels.dtype)
        return empty, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    # Each row as one number (its levels as digits of base ``radix``): sorting
    # numbers is many times faster than sorting rows.
    radix = int(levels.max()) + 1
    powers = radix ** np.arange(levels.shape[1], dtype=np.int64)
    codes = levels.astype(np.int64) @ powers
    found, where, counts = np.unique(codes, return_inverse=True, return_counts=True)
    distinct = (found[:, None] // powers[None, :] % radix).astype(levels.dtype)
    return distinct, counts, where.reshape(-1)


def log_likelihoods(distinct: np.ndarray, probabilities: list[np.ndarray]) -> np.ndarray:
    """Return each pattern's log2 likelihood under ``probabilities`` (missing levels left out)."""
    total = np.zeros(len(distinct), dtype=np.float64)
    for column, table in enumerate(probabilities):
        logs = np.log2(table)
        logs[0] = 0.0
        total += logs[distinct[:, column]]
    return total


def normalised(counts: np.ndarray) -> np.ndarray:
    counts = counts.astype(np.float64)
    counts[0] = 0.0
    seen = counts[1:].sum()
    table = np.full(len(counts), 1.0, dtype=np.float64)
    if seen > 0:
        table[1:] = np.maximum(counts[1:] / seen, FLOOR)
        table[1:] /= table[1:].sum()
    return table


def fit(
    levels: np.ndarray,
    m: list[np.ndarray],
    u: list[np.ndarray],
    prior: float,
    *,
    fix_u: bool = False,
    max_iterations: int = 200,
    tolerance: float = 1e-6,
) -> Fit:
    """Return the model EM reaches from ``m``, ``u`` and ``prior`` on the pairs' ``levels``.

    Args:
        levels: One row per pair, one column per comparison.
        m: The starting probability of each level among matches.
        u: The starting probability of each level among non-matches.
        prior: The starting share of matches among the pairs.
        fix_u: Keep ``u`` as given (estimated elsewhere) and fit ``m`` and the prior.
        max_iterations: At most this many rounds.
        tolerance: Stop when no probability moves by more than this.
    """
    distinct, counts, _ = patterns(levels)
    m = [table.astype(np.float64).copy() for table in m]
    u = [table.astype(np.float64).copy() for table in u]
    weights = counts.astype(np.float64)
    total = weights.sum()
    iterations = 0
    if total == 0:
        return Fit(m, u, prior, 0, converged=True)
    while iterations < max_iterations:
        iterations += 1
        log_m = log_likelihoods(distinct, m)
        log_u = log_likelihoods(distinct, u)
        odds = np.log2(prior / (1.0 - prior)) + log_m - log_u
        posterior = 1.0 / (1.0 + np.exp2(-np.clip(odds, -60.0, 60.0)))
        matched = weights * posterior
        unmatched = weights - matched
        new_m = []
        new_u = []
        for column in range(distinct.shape[1]):
            size = len(m[column])
            new_m.append(
                normalised(np.bincount(distinct[:, column], weights=matched, minlength=size))
            )
            new_u.append(
                u[column]
                if fix_u
                else normalised(np.bincount(distinct[:, column], weights=unmatched, minlength=size))
            )
        new_prior = float(np.clip(matched.sum() / total, FLOOR, 1.0 - FLOOR))
        change = max(
            abs(new_prior - prior),
            *(float(np.abs(a - b).max()) for a, b in zip(new_m, m, strict=True)),
            *(float(np.abs(a - b).max()) for a, b in zip(new_u, u, strict=True)),
        )
        m, u, prior = new_m, new_u, new_prior
        if change < tolerance:
            return Fit(m, u, prior, iterations, converged=True)
    return Fit(m, u, prior, iterations, converged=False)
