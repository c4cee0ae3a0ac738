from datetime import UTC, datetime

import pytest

from crmcore.errors import ValidationError
from crmcore.model import Party
from crmcore.storage import And, Compare, HasRole, HasTag, In, Not, Or, matches
from crmcore.storage._query import check_batch_size


def _party(**fields):
    return Party.person(family="Nowak", created_at="2026-11-23T09:30:00+01:00", **fields)


def test_connectives_build_values():
    a, b = HasRole("client"), HasTag("vip")
    assert a & b == And(a, b)
    assert a | b == Or(a, b)
    assert ~a == Not(a)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("colour", "==", "red"), "query.unknown_field"),
        ((1, "==", "red"), "query.unknown_field"),
        (("country", "~", "PL"), "query.unknown_operator"),
        (("country", "==", "Poland"), "query.invalid_value"),
        (("country", "==", 48), "query.invalid_value"),
        (("country", "==", "П1"), "query.invalid_value"),
        (("kind", "==", "robot"), "query.invalid_value"),
        (("kind", "==", 1), "query.invalid_value"),
        (("version", ">", "2"), "query.invalid_value"),
        (("version", ">", True), "query.invalid_value"),
        (("created_at", ">", datetime(2026, 1, 1)), "query.invalid_value"),  # noqa: DTZ001
        (("created_at", ">", "2026-01-01"), "query.invalid_value"),
        (("customer_number", "==", 5), "query.invalid_value"),
        (("country", "<", None), "query.invalid_value"),
    ],
)
def test_compare_refuses_bad_input(args, code):
    with pytest.raises(ValidationError) as caught:
        Compare(*args)
    assert caught.value.code == code


def test_values_are_normalised():
    assert Compare("country", "==", "pl").value == "PL"
    assert In("country", ["pl", "PL", "ua"]).values == ("PL", "UA")
    assert Compare("kind", "==", "person").value == "person"


def test_other_predicates_refuse_bad_input():
    with pytest.raises(ValidationError) as role:
        HasRole("investor")
    assert role.value.code == "query.unknown_role"
    with pytest.raises(ValidationError) as role_type:
        HasRole(3)
    assert role_type.value.code == "query.unknown_role"
    with pytest.raises(ValidationError) as tag:
        HasTag("")
    assert tag.value.code == "query.invalid_tag"
    with pytest.raises(ValidationError) as part:
        And(HasTag("a"), "country == 'PL'")
    assert part.value.code == "query.not_predicate"
    with pytest.raises(ValidationError):
        Not("x")
    with pytest.raises(ValidationError):
        In("country", [None])


def test_matches():
    party = _party(roles={"client"}, tags={"vip"})
    assert matches(None, party)
    assert matches(Compare("version", "==", 0), party)
    assert matches(Compare("created_at", "<", datetime(2027, 1, 1, tzinfo=UTC)), party)
    assert not matches(Compare("country", ">", "AA"), party)
    assert matches(Compare("country", "!=", "PL"), party)
    assert not matches(Compare("customer_number", "!=", None), party)
    assert matches(In("kind", ["person"]), party)
    assert matches(And(), party)
    assert not matches(Or(), party)
    assert matches(Or(HasTag("x"), HasRole("client")), party)


@pytest.mark.parametrize("size", [0, -1, 1.5, True, "10"])
def test_batch_size(size):
    with pytest.raises(ValidationError):
        check_batch_size(size)
