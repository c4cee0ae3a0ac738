"""Clusters join what is linked as a whole, never through one weak chain."""

import numpy as np

from crmcore.matching._cluster import clusters


def _run(edges, others, threshold=0.9):
    left = np.array([a for a, _, _ in edges])
    right = np.array([b for _, b, _ in edges])
    probabilities = np.array([p for _, _, p in edges])
    asked = []

    def score(a, b):
        asked.extend(zip(a.tolist(), b.tolist(), strict=True))
        return np.array([others[min(x, y), max(x, y)] for x, y in zip(a, b, strict=True)])

    return clusters(left, right, probabilities, threshold, score), asked


def test_a_chain_of_links_is_not_a_cluster():
    # A~B and B~C, but A and C are plainly two people (other birth dates, other tax numbers)
    found, asked = _run([(0, 1, 0.99), (1, 2, 0.98)], {(0, 2): 0.001})
    assert found == [[0, 1]]
    assert asked == [(0, 2)]  # the pair blocking never made was scored


def test_a_group_linked_as_a_whole_is_one_cluster():
    found, _ = _run([(0, 1, 0.99), (1, 2, 0.98), (0, 2, 0.95), (3, 4, 0.97)], {})
    assert found == [[0, 1, 2], [3, 4]]


def test_pairs_below_the_threshold_join_nothing():
    found, _ = _run([(0, 1, 0.5), (2, 3, 0.95)], {})
    assert found == [[2, 3]]


def test_two_clusters_join_when_their_pairs_average_enough():
    edges = [(0, 1, 0.99), (2, 3, 0.99), (1, 2, 0.97)]
    found, _ = _run(edges, {(0, 2): 0.95, (0, 3): 0.9, (1, 3): 0.92})
    assert found == [[0, 1, 2, 3]]
