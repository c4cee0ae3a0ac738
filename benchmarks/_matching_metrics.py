"""Accuracy of a duplicate matcher: pair-level and cluster-level figures.

Plain functions on plain values (record ids and pairs of them), standard
library only, so that the tests import them without the benchmark's heavy
dependencies (pandas, recordlinkage, splink).

* :func:`pair_metrics`: precision, recall and F1 of the predicted pairs
  against the true pairs;
* :func:`clusters`: the connected components of a set of pairs;
* :func:`cluster_metrics`: for a dedupe, the predicted pairs closed into
  clusters (connected components) against the true clusters, scored as
  pairwise precision and recall over cluster co-membership: two records
  together in a predicted cluster are a true positive where they are
  together in a true cluster.

A pair is unordered in a dedupe: ``normalise_pairs`` orders each one, so that
``(a, b)`` and ``(b, a)`` count once. In a linkage (two files), a pair is
``(id in A, id in B)`` and keeps its order: pass ``ordered=True``.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable
    from typing import TypeAlias

    Pair: TypeAlias = tuple[Hashable, Hashable]


class PairMetrics(NamedTuple):
    """Pair-level confusion counts and the figures drawn from them."""

    true_positives: int
    false_positives: int
    false_negatives: int
    precision: float
    recall: float
    f1: float


def normalise_pairs(pairs: Iterable[Pair], *, ordered: bool = False) -> frozenset[Pair]:
    """Return the pairs as a set, each unordered pair in one order; self-pairs dropped."""
    if ordered:
        return frozenset((a, b) for a, b in pairs)
    return frozenset((a, b) if _key(a) <= _key(b) else (b, a) for a, b in pairs if a != b)


def _key(value: Hashable) -> tuple[str, str]:
    # Ids of mixed types (int and str) still sort, by type name first.
    return (type(value).__name__, str(value))


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def _figures(tp: int, predicted: int, true: int) -> PairMetrics:
    precision = _ratio(tp, predicted)
    recall = _ratio(tp, true)
    return PairMetrics(tp, predicted - tp, true - tp, precision, recall, _f1(precision, recall))


def pair_metrics(
    predicted: Iterable[Pair], true: Iterable[Pair], *, ordered: bool = False
) -> PairMetrics:
    """Precision, recall and F1 of the predicted pairs against the true pairs.

    With no predicted pair the precision is 0, and with no true pair the
    recall is 0 (nothing to find is not a success to divide by).
    """
    predicted_set = normalise_pairs(predicted, ordered=ordered)
    true_set = normalise_pairs(true, ordered=ordered)
    tp = len(predicted_set & true_set)
    return _figures(tp, len(predicted_set), len(true_set))


def clusters(pairs: Iterable[Pair], ids: Iterable[Hashable] = ()) -> dict[Hashable, int]:
    """Return the cluster number of every record: the connected components of ``pairs``.

    Each id of ``ids`` that no pair mentions is a cluster of its own.
    """
    parent: dict[Hashable, Hashable] = {}

    def find(x: Hashable) -> Hashable:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    for record in ids:
        parent.setdefault(record, record)
    for a, b in pairs:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[root_b] = root_a
    numbers: dict[Hashable, int] = {}
    return {record: numbers.setdefault(find(record), len(numbers)) for record in parent}


def _together(sizes: Iterable[int]) -> int:
    """Pairs of records that share a cluster, given the clusters' sizes."""
    return sum(n * (n - 1) // 2 for n in sizes)


def cluster_metrics(
    predicted: Iterable[Pair], true: Iterable[Pair], ids: Iterable[Hashable] = ()
) -> PairMetrics:
    """Pairwise precision, recall and F1 over cluster co-membership (a dedupe).

    Both the predicted and the true pairs are closed into clusters (their
    connected components, over ``ids`` and every id a pair names); a
    pair of records together in a predicted cluster is a true positive where
    they are together in a true cluster. Counted from the clusters' sizes and
    their overlaps, so that a large cluster costs no list of its pairs.
    """
    ids = list(ids)
    predicted_of = clusters(predicted, ids)
    true_of = clusters(true, ids)
    # A record that only one side names is alone on the other side: it shares
    # no cluster there, and adds no true positive.
    overlap = Counter(
        (predicted_of[record], true_of[record]) for record in predicted_of.keys() & true_of.keys()
    )
    tp = _together(overlap.values())
    return _figures(
        tp,
        _together(Counter(predicted_of.values()).values()),
        _together(Counter(true_of.values()).values()),
    )
