"""Fitting a model to the parties themselves, without labels.

Three estimates, each from where it can be made without bias:

* ``u``, how often non-matches agree, from random pairs of parties: almost
  none of them is a match;
* ``m``, how often matches agree, by EM on the pairs each kind of blocking key
  made, one kind at a time, leaving out the comparisons of the fields that
  kind of key is made of (pairs that share a phone agree on the phone by
  construction: they say nothing of how often matches share a phone, but
  much of how often they share a name). Each comparison's ``m`` combines the
  kinds that could estimate it, each disagreement level taking the least of
  their estimates (see :func:`_least_disagreement`);
* the prior, the probability that two parties drawn at random are one, as the
  fixed point of EM over all pairs with ``m`` and ``u`` held: the pairs
  blocking never made count as non-matches.

A candidate pair's probability is then the population's: blocking only spared
the comparison of pairs that would have scored near zero.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final, TypeAlias

import attrs
import numpy as np

from crmcore.matching import _em
from crmcore.matching._columns import Columns, Field
from crmcore.matching._frequencies import count
from crmcore.matching._model import Model, starting_model
from crmcore.matching._settings import BlockingKey, Settings

if TYPE_CHECKING:
    from collections.abc import Mapping

    from crmcore.matching._blocking import Candidates

__all__ = ["BLOCKED_FIELDS", "population_prior", "random_u", "train"]

#: The fields each kind of blocking key is made of.
BLOCKED_FIELDS: Final[Mapping[BlockingKey, frozenset[Field]]] = {
    BlockingKey.PHONE: frozenset({Field.PHONES}),
    BlockingKey.EMAIL: frozenset({Field.EMAILS}),
    BlockingKey.IDENTIFIER: frozenset({Field.IDENTIFIERS}),
    BlockingKey.EXTERNAL_KEY: frozenset({Field.EXTERNAL_KEYS}),
    BlockingKey.NAME: frozenset(
        {Field.GIVEN_NAME, Field.FAMILY_NAME, Field.ORGANIZATION_NAME, Field.ADDRESS}
    ),
    BlockingKey.BIRTH_DATE: frozenset({Field.BIRTH_DATE}),
}
#: Random pairs drawn to estimate ``u``.
RANDOM_PAIRS: Final = 200_000
#: A kind of key that made fewer pairs than this estimates nothing.
MIN_PAIRS: Final = 50

Levels: TypeAlias = Callable[[np.ndarray, np.ndarray], np.ndarray]


def random_u(settings: Settings, size: int, levels_of: Levels, seed: int) -> list[np.ndarray]:
    """Return ``u`` estimated from random pairs of ``size`` parties, nearly all non-matches."""
    rng = np.random.default_rng(seed)
    count = min(RANDOM_PAIRS, size * (size - 1) // 2)
    left = rng.integers(0, size, count)
    right = rng.integers(0, size, count)
    distinct = left != right
    levels = levels_of(left[distinct], right[distinct])
    tables = []
    for column, comparison in enumerate(settings.comparisons):
        width = len(comparison.labels)
        counts = np.bincount(levels[:, column], minlength=width).astype(np.float64)
        counts[1:] += 1.0  # a level never drawn is rare, not impossible
        table = np.ones(width)
        table[1:] = counts[1:] / counts[1:].sum()
        tables.append(table)
    return tables


def _m_by_key(
    settings: Settings, candidates: Candidates, levels: np.ndarray, u: list[np.ndarray]
) -> list[np.ndarray]:
    start = starting_model(settings)
    estimates: list[list[np.ndarray]] = [[] for _ in settings.comparisons]
    for key, positions in candidates.by_key.items():
        if len(positions) < MIN_PAIRS:
            continue
        left_out = [
            column
            for column, comparison in enumerate(settings.comparisons)
            if comparison.reads in BLOCKED_FIELDS[key]
        ]
        run = levels[positions].copy()
        run[:, left_out] = 0
        found = _em.fit(run, [np.asarray(m) for m in start.m], u, 0.1, fix_u=True)
        posterior = _posterior(run, found)
        for column in range(len(settings.comparisons)):
            seen = posterior[run[:, column] > 0].sum()
            if column not in left_out and seen >= MIN_PAIRS:
                estimates[column].append(found.m[column])
    return [
        _least_disagreement(each) if each else np.asarray(start.m[column])
        for column, each in enumerate(estimates)
    ]


def _posterior(levels: np.ndarray, found: _em.Fit) -> np.ndarray:
    distinct, _, where = _em.patterns(levels)
    odds = _em.log_likelihoods(distinct, found.m) - _em.log_likelihoods(distinct, found.u)
    weight = np.log2(found.prior / (1.0 - found.prior)) + odds
    posterior: np.ndarray = (1.0 / (1.0 + np.exp2(-np.clip(weight, -60.0, 60.0))))[where]
    return posterior


def _least_disagreement(estimates: list[np.ndarray]) -> np.ndarray:
    """Combine the estimates of one comparison's ``m`` by the kinds of blocking key.

    Each level below the first takes its least estimate; the first, the rest.

    Non-matches that EM mistakes for matches (a household shares a phone and an
    address) bring their disagreements into ``m``; the least of the estimates
    is the one least spoilt.
    """
    table: np.ndarray = np.min(estimates, axis=0)
    table[0] = 1.0
    table[1] = max(1.0 - table[2:].sum(), _em.FLOOR)
    return table


def population_prior(
    levels: np.ndarray,
    odds_of: Callable[[np.ndarray], np.ndarray],
    size: int,
    *,
    max_iterations: int = 200,
) -> float:
    """Return the probability that two parties drawn at random are one.

    EM for the prior alone, over all ``size * (size - 1) / 2`` pairs, with
    the weight of each pattern of levels held (``odds_of``) and the pairs
    outside ``levels`` taken as non-matches.
    """
    everything = size * (size - 1) / 2
    if everything == 0 or len(levels) == 0:
        return _em.FLOOR
    distinct, counts, _ = _em.patterns(levels)
    odds = odds_of(distinct)
    prior = min(0.5, len(levels) / everything)
    for _ in range(max_iterations):
        weights = np.log2(prior / (1.0 - prior)) + odds
        found = float((counts / (1.0 + np.exp2(-np.clip(weights, -60.0, 60.0)))).sum())
        new = float(np.clip(found / everything, _em.FLOOR**3, 0.5))
        if abs(new - prior) <= prior * 1e-6:
            return new
        prior = new
    return prior


def train(
    settings: Settings,
    columns: Columns,
    candidates: Candidates,
    levels: np.ndarray,
    levels_of: Levels,
    *,
    seed: int = 0,
    labelled: tuple[np.ndarray, np.ndarray] | None = None,
) -> Model:
    """Return the model of ``settings`` fitted to the candidates of ``columns``.

    Args:
        settings: The comparisons.
        columns: The parties' columns.
        candidates: Their candidate pairs.
        levels: The candidates' levels.
        levels_of: Computes the levels of any pairs of rows.
        seed: The seed of the random pairs.
        labelled: The levels of labelled pairs and whether each is a match:
            ``m`` is then counted from the matches, not fitted.
    """
    size = len(columns)
    if size < 2:
        return starting_model(settings)
    u = random_u(settings, size, levels_of, seed)
    if labelled is None:
        m = _m_by_key(settings, candidates, levels, u)
        trained = "em"
    else:
        pair_levels, is_match = labelled
        start = starting_model(settings)
        m = [
            _em.normalised(np.bincount(matched, minlength=len(u[column])))
            if (matched := pair_levels[is_match, column]).any()
            else np.asarray(start.m[column])
            for column in range(len(settings.comparisons))
        ]
        trained = "labels"
    unfitted = Model(
        settings,
        tuple(tuple(each.tolist()) for each in m),
        tuple(tuple(each.tolist()) for each in u),
        0.5,
        trained,
        count(settings, columns),
    )
    prior = population_prior(levels, unfitted.pattern_weights, size)
    return attrs.evolve(unfitted, prior=prior)
