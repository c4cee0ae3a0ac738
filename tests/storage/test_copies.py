"""Copies and stamps made without ``__init__`` agree with the general ones."""

import itertools
from datetime import datetime, timedelta, timezone

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmcore.model import EmailAddress, Identifier, Party, PhoneNumber, PostalAddress
from crmcore.model._document import set_fields
from crmcore.storage._writes import _built, _values, stamped_new, stamped_new_all
from crmcore.testing._contract import customer_number
from crmcore.testing.strategies import parties

_SLOW = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class _Counter:
    """A number source that counts: two of them give the same numbers."""

    def __init__(self):
        self._next = itertools.count(1)

    def new(self):
        return customer_number(next(self._next), "K")  # checked by the field's converter


def _copy(party):
    return _built(list(_values(party)))


@_SLOW
@given(parties())
def test_a_copy_has_every_slot(party):
    copy = _copy(party)
    assert copy is not party
    assert copy == party
    assert all(getattr(copy, f.name) is getattr(party, f.name) for f in attrs.fields(type(party)))


def test_a_copy_of_a_real_party_has_every_slot():
    olena = Party.person(
        given="Олена",
        family="Коваль",
        created_at="2026-11-23T09:30:00+02:00",
        contacts=[
            PhoneNumber.parse("+380 44 123 45 67"),
            EmailAddress.parse("Olena.Koval@UKR.net"),
            PostalAddress(locality="Київ", country="UA", primary=True),
        ],
        identifiers=[Identifier("ua.rntrc", "1759013776")],
        tags={"vip"},
    )
    company = Party.organization(
        "Αθηναϊκή Ζυθοποιία",
        legal_form="Α.Ε.",
        created_at="2026-11-23T09:30:00+02:00",
        identifiers=[Identifier("vat", "EL094014201")],
    )
    for party in (olena, company):
        copied = _copy(party)
        assert copied is not party
        assert copied == party
        assert all(getattr(copied, f.name) is getattr(party, f.name) for f in attrs.fields(Party))


@_SLOW
@given(st.lists(parties(), max_size=4), st.sampled_from([0, 1, -5]))
def test_stamping_many_is_stamping_each(given_parties, hours):
    now = datetime(2026, 11, 23, 9, 30, tzinfo=timezone(timedelta(hours=hours)))
    each_numbers, many_numbers = _Counter(), _Counter()
    each = [stamped_new(party, numbers=each_numbers, now=now) for party in given_parties]
    many = stamped_new_all(given_parties, numbers=many_numbers, now=now)
    assert [attrs.astuple(p, recurse=False) for p in many] == [
        attrs.astuple(p, recurse=False) for p in each
    ]
    assert all(p.version == 1 and p.customer_number is not None for p in many)


def test_fields_are_set_in_their_order_without_init():
    @attrs.frozen
    class Point:
        x: int = attrs.field(converter=int)
        y: int = attrs.field(converter=int)

    point = object.__new__(Point)
    set_fields(Point)(point, ("1", 2))
    assert (point.x, point.y) == ("1", 2)  # as given: no converter ran
