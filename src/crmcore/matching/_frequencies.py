"""Term frequencies: an exact agreement on a common name says less than on a rare one.

The ``u`` of a comparison's exact level is an average over all names: two
random parties share *some* given name that often. Two Annas share a common
one, two Eudoksias a rare one. For the comparisons that ask for it
(``term_frequencies``), the weight of an exact agreement on a value ``v`` is
``log2(m / f(v))`` instead of ``log2(m / u)``, where ``f(v)`` is the share of
parties holding ``v`` in the data the model was fitted on: the adjustment
added is ``log2(u / f(v))``. The frequencies are kept in the model (the most
common values, and one frequency for every other value: seen once), so that a
saved model weighs a new batch, or one new party, as it weighed its own data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Protocol

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Mapping

    from crmcore.matching._columns import Columns
    from crmcore.matching._model import Model
    from crmcore.matching._settings import Settings

__all__ = ["RARE", "adjustments", "count"]

#: The most common values a model keeps the frequency of, per comparison.
MAX_VALUES: Final = 20_000
#: The key of the frequency of every value not kept (one seen once).
RARE: Final = ""


class _Weighed(Protocol):
    name: str
    term_frequencies: bool

    def agreed(self, columns: Columns, left: np.ndarray, right: np.ndarray) -> np.ndarray: ...

    def counted(self, columns: Columns) -> tuple[np.ndarray, list[str]]: ...


def _weighed(settings: Settings) -> list[tuple[int, _Weighed]]:
    return [
        (index, comparison)  # type: ignore[misc]
        for index, comparison in enumerate(settings.comparisons)
        if getattr(comparison, "term_frequencies", False)
    ]


def count(settings: Settings, columns: Columns) -> dict[str, dict[str, float]]:
    """Return, per comparison weighed by term frequencies, the frequency of its common values."""
    tables = {}
    for _, comparison in _weighed(settings):
        codes, values = comparison.counted(columns)
        present = codes[codes >= 0]
        if not len(present):
            continue
        counts = np.bincount(present, minlength=len(values))
        common = np.flatnonzero(counts >= 2)
        kept = common[np.argsort(-counts[common], kind="stable")][:MAX_VALUES]
        table = {values[code]: int(counts[code]) / len(present) for code in kept.tolist()}
        table[RARE] = 1.0 / len(present)
        tables[comparison.name] = table
    return tables


def adjustments(
    model: Model, columns: Columns, left: np.ndarray, right: np.ndarray
) -> Mapping[int, np.ndarray]:
    """Return, per comparison weighed by term frequencies, what each pair's weight gains."""
    found = {}
    for index, comparison in _weighed(model.settings):
        table = model.frequencies.get(comparison.name)
        if not table:
            continue
        codes = comparison.agreed(columns, left, right)
        exact = codes >= 0
        gained = np.zeros(len(left), dtype=np.float64)
        if exact.any():
            values = comparison.counted(columns)[1]
            distinct, where = np.unique(codes[exact], return_inverse=True)
            rare = table[RARE]
            frequency = np.array([table.get(values[code], rare) for code in distinct.tolist()])
            u = model.u[index][1]
            gained[exact] = np.log2(u / np.maximum(frequency, 1e-12))[where]
        found[index] = gained
    return found
