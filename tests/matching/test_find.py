"""find_duplicates end to end, on parties of every market."""

import itertools
import uuid

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.matching import BlockingKey, Model, Settings, compare, find_duplicates, fit
from crmcore.testing import strategies

from .support import company, person

KOWALSKI = {
    "street": "ul. Długa",
    "building": "5",
    "postal_code": "00-238",
    "locality": "Warszawa",
    "country": "PL",
}


def _people():
    """Twenty parties: four of them entered twice, and look-alikes that are not."""
    return [
        person("Jan", "Kowalski", phone=("601 234 567", "PL"), born="1980-04-12", address=KOWALSKI),
        person("Kowalski", "Jan", phone=("+48601234567", None), born="1980-12-04"),
        person(
            "Anna", "Kowalska", phone=("601 234 567", "PL"), born="1983-01-30", address=KOWALSKI
        ),  # his wife: same phone and address, not him
        person("Олександр", "Шевченко", email="o.shevchenko@ukr.net", born="1975-06-01"),
        person("Oleksandr", "Shevchenko", email="O.Shevchenko@ukr.net", born="1975-01-06"),
        person("Олександр", "Шевченко", born="1999-02-17"),  # a namesake
        person("Γεώργιος", "Παπαδόπουλος", phone=("210 123 4567", "GR"), born="1968-09-09"),
        person("Giorgos", "Papadopoulos", phone=("+30 210 1234567", None)),
        company("Ромашка", "ТОВ", tax=("edrpou", "32855961", "UA"), phone=("044 123 4567", "UA")),
        company("Romashka", "LLC", tax=("edrpou", "32855961", "UA")),
        company("Ромашка", "ТОВ", tax=("edrpou", "14360570", "UA")),  # Romashka in Lviv
        person("Hans", "Müller", phone=("030 1234567", "DE")),
        person("John", "Smith", phone=("020 7946 0018", "GB")),
        person("Mary", "Jones", phone=("+1 212 555 0100", None)),
        person("Иван", "Петров", phone=("+7 912 345 67 89", None)),
        person("Katarzyna", "Nowak", email="k.nowak@wp.pl"),
        person("Piotr", "Wiśniewski"),
        person("Olena", "Kovalenko"),
        company("Siemens", "AG"),
        company("Bosch", "GmbH"),
    ]


TRUE = {(0, 1), (3, 4), (6, 7), (8, 9)}


def test_the_duplicates_of_every_market_are_found_and_the_look_alikes_are_not(trained):
    parties = _people()
    found = find_duplicates(parties, model=trained, threshold=0.9)
    matched = {frozenset((p.left, p.right)) for p in found.matches}
    want = {frozenset((parties[a].id, parties[b].id)) for a, b in TRUE}
    assert want <= matched
    for pair in want:
        assert any(pair <= group for group in found.clusters)
    wife, other_romashka = (0, 2), (8, 10)
    for a, b in (wife, other_romashka):
        assert frozenset((parties[a].id, parties[b].id)) not in matched


def test_find_duplicates_fits_a_model_and_suggests_a_threshold():
    parties = _people()
    found = find_duplicates(parties, true_pairs=[(parties[a].id, parties[b].id) for a, b in TRUE])
    assert found.model.trained == "em"
    assert 0.0 < found.threshold.match <= 1.0
    assert found.blocking.true_pairs == 4
    assert found.blocking.true_pairs_reached == 4
    assert found.blocking.recall == 1.0
    assert found.blocking.pairs < found.blocking.all_pairs
    assert 0.0 < found.blocking.reduction < 1.0
    by_key = {report.key: report for report in found.blocking.keys}
    assert by_key[BlockingKey.PHONE].true_pairs == 2
    assert by_key[BlockingKey.IDENTIFIER].pairs == 1
    assert sum(report.new_pairs for report in found.blocking.keys) == found.blocking.pairs
    assert [p.probability for p in found.pairs] == sorted(
        (p.probability for p in found.pairs), reverse=True
    )
    assert set(found.matches) | set(found.review) == set(found.pairs)


def test_an_explanation_names_each_field_its_level_and_weight():
    parties = _people()
    found = find_duplicates(parties, threshold=0.9)
    explained = found.explain(parties[8].id, str(parties[10].id))  # the two Romashkas
    by_name = {each.comparison: each for each in explained.evidence}
    assert by_name["organization_name"].level == "exact"
    assert by_name["identifier"].level == "different"
    assert by_name["identifier"].weight < 0 < by_name["organization_name"].weight
    assert by_name["given_name"].missing
    assert "given_name" in explained.missing
    assert explained.probability < 0.5
    text = str(explained)
    assert "identifier: different" in text
    assert "missing:" in text
    data = explained.as_dict()
    assert data["probability"] == explained.probability
    assert {e["comparison"] for e in data["evidence"]} == set(by_name)
    with pytest.raises(ValidationError) as raised:
        found.explain(parties[0].id, uuid.uuid4())
    assert raised.value.code == "matching.unknown_party"


def test_a_model_saved_as_json_scores_a_new_batch_the_same():
    parties = _people()
    model = fit(parties)
    again = Model.from_json(model.to_json())
    first = find_duplicates(parties, model=model, threshold=0.9)
    second = find_duplicates(parties, model=again, threshold=0.9)
    assert first.pairs == second.pairs


def test_a_model_counted_from_labelled_pairs():
    parties = _people()
    labels = {(parties[a].id, parties[b].id): True for a, b in TRUE}
    labels[parties[0].id, parties[2].id] = False
    model = fit(parties, labels=labels)
    assert model.trained == "labels"
    found = find_duplicates(parties, model=model, threshold=0.9)
    assert frozenset((parties[0].id, parties[1].id)) in {
        frozenset((p.left, p.right)) for p in found.matches
    }


@pytest.mark.parametrize(
    ("labels", "code"),
    [
        ({("a", "b"): True}, "matching.labels"),
        ({}, "matching.labels"),
    ],
)
def test_bad_labels_are_refused(labels, code):
    parties = _people()
    with pytest.raises(ValidationError) as raised:
        fit(parties, labels=labels)
    assert raised.value.code == code


@pytest.mark.parametrize(
    ("parties", "code"),
    [
        ("Kowalski", "matching.parties"),
        (None, "matching.parties"),
        ([person("Jan", "Nowak"), "Kowalski"], "matching.parties"),
    ],
)
def test_what_is_not_a_list_of_parties_is_refused(parties, code):
    with pytest.raises(ValidationError) as raised:
        find_duplicates(parties)
    assert raised.value.code == code


def test_the_same_party_twice_is_refused():
    jan = person("Jan", "Nowak")
    with pytest.raises(ValidationError) as raised:
        find_duplicates([jan, jan])
    assert raised.value.code == "matching.duplicate_id"


@pytest.mark.parametrize("threshold", [0, 1.5, "high", -0.1])
def test_a_threshold_must_be_a_probability(threshold):
    with pytest.raises(ValidationError) as raised:
        find_duplicates(_people(), threshold=threshold)
    assert raised.value.code == "matching.threshold"


def test_one_party_or_none_has_no_duplicates():
    assert find_duplicates([]).pairs == ()
    only = find_duplicates([person("Jan", "Nowak")])
    assert only.clusters == ()
    assert only.model.trained == "untrained"


def test_a_key_shared_by_too_many_parties_pairs_nobody_and_is_reported():
    switchboard = ("22 500 00 00", "PL")
    parties = [person(f"Name{i}", f"Family{i}", phone=switchboard) for i in range(30)]
    found = find_duplicates(parties, settings=Settings(max_block=10), threshold=0.9)
    phone = next(r for r in found.blocking.keys if r.key is BlockingKey.PHONE)
    assert phone.pairs == 0
    assert phone.skipped_keys == 1
    assert phone.largest_skipped == 30


@settings(max_examples=25)
@given(st.lists(strategies.parties(), min_size=2, max_size=6, unique_by=lambda p: p.id))
def test_scores_are_symmetric_and_a_party_matches_itself(parties):
    model = Model.untrained()
    for a, b in itertools.pairwise(parties):
        assert compare(a, b, model).probability == pytest.approx(compare(b, a, model).probability)
        assert compare(a, b, model).weight == pytest.approx(compare(b, a, model).weight)
    for party in parties:
        itself = compare(party, attrs.evolve(party, id=uuid.uuid4()), model)
        assert {e.level for e in itself.evidence} <= {"missing", "exact", "same", "same address"}


@settings(max_examples=25)
@given(st.lists(strategies.parties(), min_size=0, max_size=8, unique_by=lambda p: p.id))
def test_any_parties_the_model_accepts_are_matched_without_error(parties):
    found = find_duplicates(parties, threshold=0.9)
    for group in found.clusters:
        assert len(group) >= 2
    assert all(0.0 <= p.probability <= 1.0 for p in found.pairs)


def test_any_iterable_of_parties_is_read_once_and_none_is_kept(trained):
    parties = _people()
    streamed = find_duplicates((party for party in parties), model=trained, threshold=0.9)
    listed = find_duplicates(parties, model=trained, threshold=0.9)
    assert streamed.pairs == listed.pairs
    assert streamed.explain(str(parties[0].id), parties[1].id).probability > 0.5
    with pytest.raises(ValidationError) as raised:
        streamed.explain("not an id", parties[1].id)
    assert raised.value.code == "matching.unknown_party"
