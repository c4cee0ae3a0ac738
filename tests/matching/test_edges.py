"""What the matcher refuses, and the corners of its comparisons, model and reports."""

import numpy as np
import pytest

from crmcore import storage
from crmcore.errors import ValidationError
from crmcore.matching import (
    Field,
    GivenNameComparison,
    Model,
    Settings,
    SharedValueComparison,
    TextComparison,
    compare,
    find_duplicates,
    find_store_duplicates,
)
from crmcore.matching._columns import extract
from crmcore.matching._find import variants
from crmcore.matching._similarity import Scorer, similarity
from crmcore.matching._training import population_prior
from crmcore.model import Identifier, Party

from .support import WHEN, company, person


def test_a_text_comparison_reads_its_column_and_round_trips():
    street = TextComparison("street", Field.STREET)
    assert street.reads is Field.STREET
    assert street.to_dict()["field"] == "street"


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: GivenNameComparison(term_frequencies="yes"), "comparison.flag"),
        (lambda: SharedValueComparison("x", Field.IDENTIFIERS, edits=5), "comparison.edits"),
        (lambda: SharedValueComparison("x", Field.IDENTIFIERS, edits=True), "comparison.edits"),
        (lambda: Settings(correlated=[["phone", "phone"]]), "settings.correlated"),
        (lambda: Settings(correlated="phone"), "settings.correlated"),
        (lambda: Settings(correlated=[["phone", "fax"]]), "settings.correlated"),
        (lambda: Settings(names="given_name"), "settings.names"),
        (lambda: Settings(names=["nickname"]), "settings.correlated"),
        (lambda: Settings(corroboration=-1), "settings.corroboration"),
        (lambda: Settings(corroboration="4"), "settings.corroboration"),
    ],
)
def test_bad_settings_of_comparisons_are_refused(make, code):
    with pytest.raises(ValidationError) as raised:
        make()
    assert raised.value.code == code


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"frequencies": {"given_name": {"anna": 0.1}}}, "model.frequencies"),  # no ""
        ({"frequencies": {"given_name": {"": 2.0}}}, "model.frequencies"),
        ({"frequencies": ["anna"]}, "model.frequencies"),
        ({"threshold": 0}, "model.threshold"),
        ({"review": True}, "model.threshold"),
    ],
)
def test_bad_model_parts_are_refused(changes, code):
    data = {**Model.untrained().to_dict(), **changes}
    with pytest.raises(ValidationError) as raised:
        Model.from_dict(data)
    assert raised.value.code == code


def test_identifiers_without_check_digits_are_close_with_a_typo():
    def holder(number):
        return Party.person(
            given="Tara",
            family="Smith",
            created_at=WHEN,
            identifiers=[Identifier("soc_sec_id", number)],
        )

    close = SharedValueComparison("identifier", Field.IDENTIFIERS, edits=1)
    columns = extract(
        [holder("7082968"), holder("7082986"), holder("1209261")], variants=variants()
    )
    levels = close.levels(columns, np.array([0, 0]), np.array([1, 2]))
    assert [close.labels[level] for level in levels] == ["close", "different"]
    empty = close.levels(columns, np.array([], dtype=np.int64), np.array([], dtype=np.int64))
    assert len(empty) == 0


def test_a_company_of_only_a_legal_form_is_compared_as_written():
    only_form = Party.organization("ТОВ", created_at=WHEN)
    same = Party.organization("ТОВ", created_at=WHEN)
    evidence = {e.comparison: e.level for e in compare(only_form, same, Model.untrained()).evidence}
    assert evidence["organization_name"] == "exact"


def test_an_explanation_shows_a_dash_for_what_one_side_lacks():
    a = person("Anna", "Nowak", phone=("601 234 567", "PL"))
    b = person("Anna", "Nowak", email="anna@wp.pl")
    text = str(compare(a, b, Model.untrained()))
    assert "given_name: exact" in text


def test_similarity_of_no_pairs():
    none = np.array([], dtype=np.int64)
    assert len(similarity(["a"], none, none, Scorer.LEVENSHTEIN)) == 0


def test_the_population_prior_stops_after_its_rounds():
    def odds(distinct):
        return np.full(len(distinct), 20.0)

    levels = np.ones((10, 1), dtype=np.int8)
    assert 0 < population_prior(levels, odds, 100, max_iterations=1) < 1


def test_a_report_without_true_pairs_has_no_recall():
    found = find_duplicates([person("Jan", "Nowak"), person("Jan", "Nowak")])
    assert found.blocking.recall is None
    assert found.blocking.true_pairs is None


def test_a_store_batch_reports_the_keys_it_skipped(trained):
    board = ("22 500 00 00", "PL")
    with storage.open("memory://") as store:
        store.parties.add_many(
            [person(f"Imię{i}", f"Nazwisko{i}", phone=board) for i in range(4)]
            + [company("Ромашка", "ТОВ"), company("Romashka", "LLC")]
        )
        found = find_store_duplicates(store, trained, max_block=3)
    phone = next(k for k in found.blocking.keys if k.key.value == "phone")
    assert (phone.skipped_keys, phone.largest_skipped) == (1, 4)
