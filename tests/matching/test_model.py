"""The Fellegi-Sunter model: EM finds the truth it is shown, and a model is data."""

import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.matching import Model, Settings
from crmcore.matching._em import fit, patterns
from crmcore.matching._model import starting_model
from crmcore.matching._training import population_prior


def _simulated(rng, count, prior, m, u):
    is_match = rng.random(count) < prior
    levels = np.zeros((count, len(m)), dtype=np.int8)
    for column, (m_table, u_table) in enumerate(zip(m, u, strict=True)):
        for rows, table in ((is_match, m_table), (~is_match, u_table)):
            levels[rows, column] = rng.choice(len(table), size=rows.sum(), p=table / table.sum())
    return levels, is_match


def test_em_recovers_the_probabilities_the_pairs_were_drawn_from():
    rng = np.random.default_rng(7)
    m = [np.array([0.1, 0.8, 0.15, 0.05]), np.array([0.0, 0.9, 0.1]), np.array([0.3, 0.7, 0.3])]
    u = [np.array([0.1, 0.01, 0.09, 0.9]), np.array([0.0, 0.05, 0.95]), np.array([0.3, 0.1, 0.9])]
    levels, is_match = _simulated(rng, 200_000, 0.2, m, u)
    start_m = [np.array([1.0, 0.6, 0.3, 0.1]), np.array([1.0, 0.6, 0.4]), np.array([1.0, 0.6, 0.4])]
    start_u = [np.array([1.0, 0.1, 0.3, 0.6]), np.array([1.0, 0.4, 0.6]), np.array([1.0, 0.4, 0.6])]
    found = fit(levels, start_m, start_u, 0.5)
    assert found.converged
    assert found.prior == pytest.approx(is_match.mean(), abs=0.01)
    for got, drawn in [*zip(found.m, m, strict=True), *zip(found.u, u, strict=True)]:
        want = drawn[1:] / drawn[1:].sum()  # level 0 (missing) is left out
        assert got[1:] == pytest.approx(want, abs=0.02)


def test_em_with_u_held_fits_m_alone():
    rng = np.random.default_rng(3)
    m = [np.array([0.0, 0.9, 0.1]), np.array([0.0, 0.8, 0.2])]
    u = [np.array([0.0, 0.02, 0.98]), np.array([0.0, 0.1, 0.9])]
    levels, _ = _simulated(rng, 100_000, 0.1, m, u)
    held = [np.array([1.0, 0.02, 0.98]), np.array([1.0, 0.1, 0.9])]
    found = fit(levels, [np.array([1.0, 0.5, 0.5])] * 2, held, 0.5, fix_u=True)
    assert found.u[0].tolist() == held[0].tolist()
    assert found.m[0][1] == pytest.approx(0.9, abs=0.02)


def test_em_on_no_pairs_changes_nothing():
    start = [np.array([1.0, 0.9, 0.1])]
    found = fit(np.zeros((0, 1), dtype=np.int8), start, start, 0.3)
    assert found.converged
    assert found.prior == 0.3
    assert found.iterations == 0


def test_em_stops_after_its_rounds():
    rng = np.random.default_rng(1)
    levels = rng.integers(1, 3, size=(1000, 2)).astype(np.int8)
    start = [np.array([1.0, 0.7, 0.3])] * 2
    found = fit(levels, start, [np.array([1.0, 0.3, 0.7])] * 2, 0.5, max_iterations=1)
    assert found.iterations == 1
    assert not found.converged


def test_patterns_count_the_distinct_rows():
    distinct, counts, where = patterns(np.array([[1, 2], [1, 2], [0, 1]], dtype=np.int8))
    assert distinct.tolist() == [[0, 1], [1, 2]]
    assert counts.tolist() == [1, 2]
    assert where.tolist() == [1, 1, 0]


def test_the_population_prior_is_the_share_of_all_pairs_that_match():
    # 100 parties, 4,950 pairs; 10 candidate pairs that are near-certain matches
    def odds(distinct):  # agreement makes a match near-certain
        return np.where(distinct[:, 0] == 1, np.log2(0.99 / 1e-6), np.log2(0.01 / (1 - 1e-6)))

    levels = np.ones((10, 1), dtype=np.int8)
    assert population_prior(levels, odds, 100) == pytest.approx(10 / 4950, rel=1e-3)
    assert population_prior(levels[:0], odds, 100) > 0


def test_a_model_weighs_each_level():
    model = starting_model(Settings())
    weights = model.weights()
    assert all(table[0] == 0.0 for table in weights)  # missing says nothing
    assert all(table[1] > 0 > table[-1] for table in weights)  # agreement for, disagreement against
    _, probability = model.score(np.zeros((1, len(weights)), dtype=np.int8))
    assert probability[0] == pytest.approx(model.prior)


def test_the_untrained_model_is_usable():
    assert Model.untrained() == starting_model(Settings())
    assert Model.untrained().trained == "untrained"


@given(
    prior=st.floats(min_value=1e-9, max_value=0.999, allow_nan=False),
    seed=st.integers(0, 2**32 - 1),
)
def test_a_model_round_trips_through_json(prior, seed):
    rng = np.random.default_rng(seed)
    settings = Settings()
    tables = [
        tuple(
            tuple(float(p) for p in rng.uniform(1e-9, 1.0, len(c.labels)))
            for c in settings.comparisons
        )
        for _ in range(2)
    ]
    model = Model(settings, tables[0], tables[1], prior, "em")
    assert Model.from_json(model.to_json()) == model
    assert Model.from_dict(json.loads(model.to_json())) == model


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("{", "model.json"),
        (b"\xff", "model.json"),
        ("[]", "model.format"),
        ('{"format": 99}', "model.format"),
        ('{"format": 1, "colour": 1}', "model.format"),
        ('{"format": 1, "settings": {}, "m": [[1]], "u": [[1]], "prior": 0.1}', "model.m"),
        (
            '{"format": 1, "settings": {}, "m": "x", "u": [[1]], "prior": 0.1}',
            "model.probabilities",
        ),
        (
            '{"format": 1, "settings": {}, "m": [[0]], "u": [[1]], "prior": 0.1}',
            "model.probabilities",
        ),
        ('{"format": 1, "settings": {"colour": 1}}', "settings.invalid"),
    ],
)
def test_what_is_not_a_saved_model_is_refused(text, code):
    with pytest.raises(ValidationError) as raised:
        Model.from_json(text)
    assert raised.value.code == code


@pytest.mark.parametrize("prior", [0.0, 1.0, -1, "0.1", True, float("nan")])
def test_a_prior_must_be_a_probability(prior):
    model = Model.untrained()
    with pytest.raises(ValidationError) as raised:
        Model(model.settings, model.m, model.u, prior)
    assert raised.value.code == "model.prior"


def test_the_m_and_u_tables_must_fit_the_comparisons():
    model = Model.untrained()
    with pytest.raises(ValidationError) as raised:
        Model(model.settings, model.m, model.u[:-1], 0.1)
    assert raised.value.code == "model.u"
