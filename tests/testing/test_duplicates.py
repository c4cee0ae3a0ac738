import collections
import datetime as dt
import random
import uuid
from itertools import combinations

import attrs
import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.de import idnr as de_idnr
from stdnum.de import vat as de_vat
from stdnum.gb import vat as gb_vat
from stdnum.gr import vat as gr_vat
from stdnum.pl import nip, pesel
from stdnum.ru import inn
from stdnum.ua import edrpou, rntrc
from stdnum.us import ein

from crmcore.errors import ValidationError
from crmcore.model import Party
from crmcore.testing import DuplicateSet, GeneratedRow, generate_duplicates
from crmcore.testing import _duplicate_copies as copies
from crmcore.testing import _duplicate_values as values
from crmcore.testing._duplicates import CREATED_AT, LOCALES

CHECKS = {
    ("PL", "pesel"): pesel,
    ("PL", "nip"): nip,
    ("UA", "rnokpp"): rntrc,
    ("UA", "edrpou"): edrpou,
    ("RU", "inn"): inn,
    ("GR", "vat"): gr_vat,
    ("DE", "idnr"): de_idnr,
    ("DE", "vat"): de_vat,
    ("GB", "vat"): gb_vat,
    ("US", "ein"): ein,
}


@pytest.fixture(scope="module")
def data():
    return generate_duplicates(5000, seed=11)


def test_the_same_seed_gives_the_same_rows_and_ids():
    first = generate_duplicates(600, seed=3)
    again = generate_duplicates(600, seed=3)
    assert first == again
    assert generate_duplicates(600, seed=4).rows != first.rows


def test_n_is_the_number_of_rows_and_about_the_rate_are_copies(data):
    assert len(data.rows) == 5000
    assert len({row.id for row in data.rows}) == 5000
    assert len(data.rows) - len(data.clusters) == 1500
    assert all(uuid.UUID(row.id).version == 4 for row in data.rows)


def test_clusters_hold_every_row_once_and_one_entity_each(data):
    ids = [row_id for cluster in data.clusters for row_id in cluster]
    assert sorted(ids) == sorted(row.id for row in data.rows)
    entity = {row.id: row.entity for row in data.rows}
    assert all(len({entity[i] for i in cluster}) == 1 for cluster in data.clusters)
    sizes = collections.Counter(len(cluster) for cluster in data.clusters)
    assert set(sizes) <= {1, 2, 3, 4}
    assert sizes[2] > sizes[3] > sizes[4] > 0


def test_true_pairs_are_exactly_the_pairs_within_clusters(data):
    by_entity = collections.defaultdict(list)
    for row in data.rows:
        by_entity[row.entity].append(row.id)
    expected = {tuple(sorted(p)) for ids in by_entity.values() for p in combinations(ids, 2)}
    assert data.true_pairs == expected
    assert all(a < b for a, b in data.true_pairs)


def test_every_row_becomes_a_party_over_several_seeds():
    for seed in (1, 2, 3):
        data = generate_duplicates(2500, seed=seed, hard_negatives=0.1)
        parties = data.parties()
        assert [str(party.id) for party in parties] == [row.id for row in data.rows]
        for row, party in zip(data.rows, parties, strict=True):
            assert isinstance(party, Party)
            assert party.kind.value == row.kind
            assert party.created_at == CREATED_AT
            if row.birth_date is not None:
                assert party.attributes["birth_date"] == dt.date.fromisoformat(row.birth_date)
            assert bool(party.identifiers) == (row.tax_id is not None)
            assert len(party.contacts) == sum(
                value is not None for value in (row.phone, row.email, row.locality)
            )


def test_a_row_is_a_small_frozen_slotted_record(data):
    row = data.rows[0]
    assert not hasattr(row, "__dict__")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        row.given = "x"  # type: ignore[misc]
    assert isinstance(data, DuplicateSet)
    assert isinstance(row, GeneratedRow)


def test_locales_and_kinds_come_as_asked(data):
    locales = collections.Counter(row.locale for row in data.rows)
    for locale in ("pl", "uk", "ru", "el", "de"):
        assert 5000 / 6 * 0.8 < locales[locale] < 5000 / 6 * 1.2
    for locale in ("en_GB", "en_US"):
        assert 5000 / 12 * 0.75 < locales[locale] < 5000 / 12 * 1.25
    countries = {row.locale: row.country for row in data.rows}
    assert countries == {
        "pl": "PL",
        "uk": "UA",
        "ru": "RU",
        "el": "GR",
        "de": "DE",
        "en_GB": "GB",
        "en_US": "US",
    }
    firsts = [row for row in data.rows if not row.corruptions]
    organizations = sum(row.kind == "organization" for row in firsts) / len(firsts)
    assert 0.16 < organizations < 0.24


def test_locales_may_be_chosen():
    data = generate_duplicates(300, seed=1, locales=["uk", "en_US"], organizations=1.0)
    assert {row.locale for row in data.rows} == {"uk", "en_US"}
    assert all(row.kind == "organization" for row in data.rows if not row.corruptions)
    assert {row.locale for row in generate_duplicates(50, locales="el").rows} == {"el"}


def test_names_are_in_their_own_script_and_common_names_are_common(data):
    persons = [row for row in data.rows if row.kind == "person" and not row.corruptions]
    scripts = {"uk": "А", "ru": "А", "el": "Α"}
    for row in persons:
        if row.locale in scripts:
            assert any("\u0370" <= c <= "\u04ff" for c in row.family)
    families = collections.Counter(row.family for row in persons if row.locale == "pl")
    assert families.most_common(1)[0][1] >= 5
    assert {"Kowalski", "Kowalska", "Nowak"} & set(families)
    patronymics = [row for row in persons if row.locale in ("uk", "ru")]
    assert sum(row.patronymic is not None for row in patronymics) > len(patronymics) / 2


def test_feminine_family_names_follow_the_language():
    t = values.tables("el")
    forms = dict(map(tuple, (f for f in t.names["family"] if len(f) == 2)))
    assert forms["Παπαδόπουλος"] == "Παπαδοπούλου"
    assert (
        dict(map(tuple, (f for f in values.tables("pl").names["family"] if len(f) == 2)))[
            "Kowalski"
        ]
        == "Kowalska"
    )
    assert values.family_form(["Іванов", "Іванова"], "f") == "Іванова"
    assert values.family_form(["Müller"], "f") == "Müller"
    assert values.patronymic(values.tables("uk"), "Олександр", "f") == "Олександрівна"
    assert values.patronymic(values.tables("uk"), "Nobody", "m") is None


def test_phones_are_valid_for_their_country(data):
    seen = 0
    for row in data.rows:
        if row.phone is None:
            continue
        number = phonenumbers.parse(row.phone, row.country)
        assert phonenumbers.is_valid_number(number), row.phone
        assert phonenumbers.region_code_for_number(number) == row.country
        seen += 1
    assert seen > 3000


def test_phones_are_written_as_people_write_them(data):
    phones = [row.phone for row in data.rows if row.phone is not None]
    assert any(p.startswith("+") for p in phones)
    assert any(p.startswith("00") for p in phones)
    assert any(p.startswith("8 (") for p in phones)  # a Russian trunk prefix
    assert any("/" in p for p in phones)  # a German area code
    assert any(p.isdigit() for p in phones)


def test_every_area_code_and_mobile_prefix_gives_valid_numbers():
    rng = random.Random(0)
    for locale in ("pl", "uk", "ru", "el", "de", "en_GB", "en_US"):
        t = values.tables(locale)
        for place in t.places["localities"]:
            number = values.phone_number(rng, t, place[2])
            assert phonenumbers.is_valid_number(number)
            assert str(number.national_number).startswith(place[2])


def test_tax_ids_are_valid_for_their_scheme(data):
    schemes = collections.Counter()
    for row in data.rows:
        if row.tax_id is None:
            continue
        assert CHECKS[row.country, row.tax_scheme].is_valid(row.tax_id), row
        schemes[row.country, row.tax_scheme] += 1
    assert set(schemes) == set(CHECKS)


@given(st.integers(min_value=0, max_value=2**32))
@settings(max_examples=200)
def test_tax_ids_of_any_seed_are_valid(seed):
    rng = random.Random(seed)
    born = values.birth_date(rng)
    for country in ("PL", "UA", "RU", "GR", "DE", "GB", "US"):
        scheme, number = values.organization_tax_id(rng, country)
        assert CHECKS[country, scheme].is_valid(number)
        found = values.person_tax_id(rng, country, born, rng.choice("mf"))
        if found is not None:
            assert CHECKS[country, found[0]].is_valid(found[1])


def test_a_pesel_and_an_rnokpp_tell_the_birth_date_and_sex():
    rng = random.Random(5)
    born = dt.date(2003, 4, 9)
    _, number = values.person_tax_id(rng, "PL", born, "f")
    assert pesel.get_birth_date(number) == born
    assert pesel.get_gender(number) == "F"
    _, number = values.person_tax_id(rng, "UA", dt.date(1984, 3, 7), "m")
    assert rntrc.is_valid(number)
    assert int(number[8]) % 2 == 1
    assert values.person_tax_id(rng, "GB", born, "m") is None


def test_every_corruption_kind_occurs(data):
    applied = collections.Counter(kind for row in data.rows for kind in row.corruptions)
    assert set(applied) == set(copies.KINDS)
    assert all(kind in copies.RATES for kind in applied)


def test_copies_mostly_keep_strong_or_two_medium_pieces_of_evidence(data):
    firsts = {}
    for row in data.rows:
        if not row.corruptions:
            firsts[row.entity] = row
    kept = total = 0
    for row in data.rows:
        if not row.corruptions or row.entity not in firsts:
            continue
        first = firsts[row.entity]
        strong = (row.tax_id is not None and row.tax_id == first.tax_id) or (
            row.email is not None
            and first.email is not None
            and row.email.lower() == first.email.lower()
        )
        strong = strong or (row.phone is not None and row.phone == first.phone)
        medium = (row.birth_date is not None and row.birth_date == first.birth_date) + (
            row.postal_code is not None and row.postal_code == first.postal_code
        )
        kept += strong or medium >= 2
        total += 1
    assert 0.6 < kept / total < 0.97


def test_weak_copies_keep_no_strong_evidence(data):
    weak = [row for row in data.rows if "weak" in row.corruptions]
    assert weak
    assert all(row.phone is None and row.email is None and row.tax_id is None for row in weak)


def test_sole_traders_are_the_same_entity_as_their_person(data):
    traders = [row for row in data.rows if "cross_kind" in row.corruptions]
    assert traders
    kinds = {row.entity: row.kind for row in data.rows if not row.corruptions}
    for row in traders:
        assert row.kind == "organization"
        assert row.country in {"UA", "RU", "DE"}
        assert kinds[row.entity] == "person"
    forms = {row.legal_form for row in traders} | {row.org_name.split()[0] for row in traders}
    assert {"ФОП", "ИП", "e.K."} & forms


def test_hard_negatives_look_alike_and_are_not_true_pairs(data):
    assert len(data.hard_negatives) == 250
    assert not data.hard_negatives & data.true_pairs
    rows = {row.id: row for row in data.rows}
    kinds = collections.Counter()
    for a, b in data.hard_negatives:
        first, second = rows[a], rows[b]
        assert first.entity != second.entity
        lookalike = first if first.lookalike else second
        other = second if lookalike is first else first
        kinds[lookalike.lookalike] += 1
        if lookalike.lookalike == "similar_company":
            assert lookalike.org_name == other.org_name
            assert lookalike.locality != other.locality
            assert lookalike.tax_id is None or lookalike.tax_id != other.tax_id
        else:
            assert lookalike.family is not None
            assert lookalike.family[:3] == other.family[:3]
        if lookalike.lookalike in ("namesake", "father_son"):
            assert lookalike.given == other.given
            assert lookalike.birth_date is None or lookalike.birth_date != other.birth_date
        if lookalike.lookalike == "household":
            assert lookalike.given != other.given
            assert other.street is None or lookalike.street == other.street
    assert set(kinds) == {"household", "namesake", "father_son", "similar_company"}
    assert any(
        rows[a].phone is not None and rows[a].phone == rows[b].phone for a, b in data.hard_negatives
    )


def test_emails_are_made_of_names_and_companies_share_some(data):
    emails = [row.email for row in data.rows if row.email is not None]
    assert any(
        e.endswith(("@wp.pl", "@ukr.net", "@mail.ru", "@web.de", "@yahoo.gr")) for e in emails
    )
    organizations = collections.defaultdict(set)
    for row in data.rows:
        if row.kind == "organization" and row.email is not None:
            organizations[row.email.lower()].add(row.entity)
    assert any(len(entities) > 1 for entities in organizations.values())


def test_legal_forms_are_written_in_many_ways(data):
    names = [row for row in data.rows if row.kind == "organization"]
    assert any(row.legal_form is None and "«" in row.org_name for row in names)
    assert any(row.legal_form in ("LLC", "PJSC", "JSC") for row in names)
    polish = {row.legal_form for row in names if row.country == "PL" and row.legal_form}
    limited = {f for f in polish if f.lower().replace(" ", "").startswith(("sp.z", "spółkaz"))}
    assert len(limited) >= 3
    traders = [row for row in names if row.org_name.startswith(("ФОП", "ИП"))]
    assert all("«" not in row.org_name and '"' not in row.org_name for row in traders)


def test_a_typo_is_one_slip():
    rng = random.Random(2)
    slips = {copies.typo(rng, "Kowalski", "latin") for _ in range(200)}
    assert "Kowalski" not in slips or len(slips) > 4
    assert all(abs(len(s) - 8) <= 1 for s in slips)
    assert copies.typo(rng, "Li", "latin") == "Li"
    assert copies._neighbour(rng, "K", "latin") in {"J", "L"}
    assert copies._neighbour(rng, "1", "latin") == "1"
    assert copies._neighbour(rng, "ж", "cyrillic_ru") in {"д", "э"}


def test_a_birth_date_keeps_being_a_date():
    rng = random.Random(1)
    for _ in range(300):
        row = {"birth_date": values.birth_date(rng).isoformat()}
        applied: list[str] = []
        copies._birth_date(rng, row, applied)
        if row["birth_date"] is not None:
            dt.date.fromisoformat(row["birth_date"])
    assert copies._is_date("2001-02-30") is False
    assert copies._one_digit_off("1975-11-30", 9) == [f"197{d}-11-30" for d in "012346789"]
    assert copies._one_digit_off("1975-11-30", 6) == ["1975-10-30", "1975-12-30"]


def test_the_largest_rate_fills_clusters_of_four():
    data = generate_duplicates(400, seed=2, duplicate_rate=0.75, hard_negatives=0.0)
    assert len(data.clusters) == 100
    assert all(len(cluster) == 4 for cluster in data.clusters)


def test_nothing_comes_of_nothing():
    data = generate_duplicates(0)
    assert data.rows == data.clusters == ()
    assert data.true_pairs == data.hard_negatives == frozenset()
    assert data.parties() == []


@pytest.mark.parametrize(
    ("arguments", "field", "code"),
    [
        ({"n": -1}, "n", "duplicates.bad_count"),
        ({"n": 2.5}, "n", "duplicates.bad_count"),
        ({"n": True}, "n", "duplicates.bad_count"),
        ({"seed": "7"}, "seed", "duplicates.bad_seed"),
        ({"seed": False}, "seed", "duplicates.bad_seed"),
        ({"duplicate_rate": 1.2}, "duplicate_rate", "duplicates.bad_rate"),
        ({"duplicate_rate": 0.8}, "duplicate_rate", "duplicates.bad_rate"),
        ({"duplicate_rate": "0.3"}, "duplicate_rate", "duplicates.bad_rate"),
        ({"organizations": -0.1}, "organizations", "duplicates.bad_rate"),
        ({"hard_negatives": True}, "hard_negatives", "duplicates.bad_rate"),
        ({"hard_negatives": 0.5}, "hard_negatives", "duplicates.too_many_lookalikes"),
        ({"locales": ()}, "locales", "duplicates.no_locale"),
        ({"locales": 7}, "locales", "duplicates.no_locale"),
        ({"locales": ("pl", "fr")}, "locales", "duplicates.unknown_locale"),
    ],
)
def test_bad_arguments_are_refused(arguments, field, code):
    arguments = {"n": 100, **arguments}
    with pytest.raises(ValidationError) as raised:
        generate_duplicates(**arguments)
    assert raised.value.code == code
    assert raised.value.field == field
    assert raised.value.hint


def test_the_locale_hint_names_every_locale():
    with pytest.raises(ValidationError) as raised:
        generate_duplicates(10, locales=["xx"])
    assert all(locale in raised.value.hint for locale in LOCALES)
