"""A threshold suggested from the model's own probabilities, with what to expect at it."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmcore.matching import suggest_threshold
from crmcore.matching._threshold import expectations


def test_clear_cut_probabilities_give_a_threshold_between_them():
    probabilities = np.array([0.999] * 90 + [0.001] * 900)
    threshold = suggest_threshold(probabilities)
    assert threshold.match == pytest.approx(0.999)
    assert threshold.expected_precision == pytest.approx(0.999)
    assert threshold.expected_recall == pytest.approx(90 * 0.999 / probabilities.sum())
    assert threshold.expected_matches == pytest.approx(probabilities.sum())
    assert 0.05 <= threshold.review <= threshold.match


def test_asking_for_more_precision_raises_the_threshold():
    probabilities = np.linspace(0.01, 0.99, 99)
    loose = suggest_threshold(probabilities)
    strict = suggest_threshold(probabilities, min_precision=0.95)
    assert strict.match > loose.match
    assert strict.expected_precision >= 0.95
    assert strict.expected_recall < loose.expected_recall


def test_a_precision_out_of_reach_gives_the_best_f1():
    probabilities = np.array([0.2, 0.3])
    assert suggest_threshold(probabilities, min_precision=0.99) == suggest_threshold(probabilities)


def test_no_pairs_or_no_matches_expected():
    for probabilities in (np.array([]), np.array([0.0, 0.0])):
        threshold = suggest_threshold(probabilities)
        assert threshold.expected_matches == 0
        assert threshold.expected_f1 == 1.0


def test_the_review_band_counts_its_pairs():
    probabilities = np.array([0.99] * 10 + [0.6, 0.4, 0.3] + [0.001] * 100)
    threshold = suggest_threshold(probabilities, min_precision=0.99)
    in_band = ((probabilities >= threshold.review) & (probabilities < threshold.match)).sum()
    assert threshold.review_pairs == in_band > 0


@given(st.lists(st.floats(0.0, 1.0), min_size=1, max_size=200))
def test_the_expectations_at_the_suggested_threshold_are_its_own(values):
    probabilities = np.array(values)
    threshold = suggest_threshold(probabilities)
    if probabilities.sum() == 0:
        return
    precision, recall = expectations(probabilities, threshold.match)
    assert precision == pytest.approx(threshold.expected_precision)
    assert recall == pytest.approx(threshold.expected_recall)
    assert 0.0 <= threshold.expected_f1 <= 1.0
