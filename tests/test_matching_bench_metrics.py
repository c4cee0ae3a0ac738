"""The accuracy figures of the matching benchmark, on cases counted by hand."""

import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).parent.parent / "benchmarks" / "_matching_metrics.py"
_SPEC = importlib.util.spec_from_file_location("_matching_metrics", _PATH)
metrics = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(metrics)


def test_pairs_are_unordered_in_a_dedupe():
    assert metrics.normalise_pairs([("b", "a"), ("a", "b"), ("c", "c")]) == {("a", "b")}


def test_pairs_keep_their_order_in_a_linkage():
    assert metrics.normalise_pairs([("b", "a"), ("a", "b")], ordered=True) == {
        ("a", "b"),
        ("b", "a"),
    }


def test_pair_metrics():
    # 3 predicted, 2 of them true; 4 true pairs.
    result = metrics.pair_metrics([(1, 2), (3, 2), (5, 6)], [(2, 1), (2, 3), (7, 8), (9, 10)])
    assert result[:3] == (2, 1, 2)
    assert result.precision == pytest.approx(2 / 3)
    assert result.recall == pytest.approx(1 / 2)
    assert result.f1 == pytest.approx(2 * (2 / 3) * (1 / 2) / (2 / 3 + 1 / 2))


def test_pair_metrics_of_a_linkage_respect_the_sides():
    result = metrics.pair_metrics(
        [("a1", "b1"), ("b2", "a2")], [("a1", "b1"), ("a2", "b2")], ordered=True
    )
    assert (result.precision, result.recall) == (0.5, 0.5)


def test_nothing_predicted_or_nothing_to_find_scores_zero():
    assert metrics.pair_metrics([], [(1, 2)])[3:] == (0.0, 0.0, 0.0)
    assert metrics.pair_metrics([(1, 2)], [])[3:] == (0.0, 0.0, 0.0)


def test_clusters_are_connected_components():
    of = metrics.clusters([(1, 2), (2, 3), (4, 5)], ids=[6])
    assert of[1] == of[2] == of[3]
    assert of[4] == of[5] != of[1]
    assert len(set(of.values())) == 3


def test_cluster_metrics_count_co_membership():
    # Predicted: {1,2,3} by transitivity (3 pairs together), {4,5}.
    # True: {1,2}, {3,4,5} (1 + 3 pairs together).
    # Together in both: (1,2) and (4,5).
    result = metrics.cluster_metrics([(1, 2), (2, 3), (4, 5)], [(1, 2), (3, 4), (4, 5)])
    assert result[:3] == (2, 2, 2)
    assert result.precision == pytest.approx(2 / 4)
    assert result.recall == pytest.approx(2 / 4)


def test_cluster_metrics_close_the_pairs_transitively():
    # The one missing pair of a true triangle is found by closure.
    result = metrics.cluster_metrics([(1, 2), (2, 3)], [(1, 2), (1, 3), (2, 3)], ids=range(1, 6))
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)


def test_cluster_metrics_of_a_wrong_merge():
    # Two true pairs merged into one predicted cluster of four: 2 of its 6 pairs are true.
    result = metrics.cluster_metrics([(1, 2), (2, 3), (3, 4)], [(1, 2), (3, 4)])
    assert result.precision == pytest.approx(2 / 6)
    assert result.recall == 1.0
