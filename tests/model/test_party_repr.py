"""A party's repr is what a person at a REPL needs to tell parties apart, and short."""

import re
import uuid
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore.model import Party, PhoneNumber, Role
from crmcore.testing import strategies

WHEN = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
# kind, display name, id; then roles, number and deletion only when set.
SHAPE = re.compile(
    r"<Party (person|organization) (?P<name>'.*'|\".*\") id=(?P<id>[0-9a-f-]{36})"
    r"(?: roles=(?P<roles>[a-z,]+))?"
    r"(?: customer_number=(?P<number>'[^']*'))?"
    r"(?P<deleted> deleted)?>"
)
# The longest repr: the longest texts cut to 60 characters, all five roles, deleted.
LONGEST = (
    len("<Party organization  id= roles= customer_number= deleted>")
    + 2 * 60
    + 36
    + len(",".join(role.value for role in Role))
)


def _parts(party):
    match = SHAPE.fullmatch(repr(party))
    assert match, repr(party)
    return match


def test_a_bare_party_shows_kind_name_and_id_and_nothing_else():
    party = Party.person(given="Γεώργιος", family="Παπαδόπουλος", created_at=WHEN)
    shown = repr(party)
    assert shown == f"<Party person 'Γεώργιος Παπαδόπουλος' id={party.id}>"
    assert len(shown) < 100


def test_private_fields_and_parts_are_not_shown():
    party = Party.organization(
        "Siemens",
        legal_form="AG",
        display_name="Siemens Deutschland",
        contacts=[PhoneNumber("+4989636000")],
        attributes={"fleet_size": 40},
        tags={"dax"},
        created_at=WHEN,
    )
    shown = repr(party)
    assert "'Siemens Deutschland'" in shown
    for hidden in ("_display_name", "contacts", "attributes", "tags", "+4989636000", "version"):
        assert hidden not in shown


def test_roles_number_and_deletion_are_shown_when_set():
    party = Party.organization(
        "Ромашка",
        legal_form="ООО",
        roles={Role.COMPETITOR, "client"},
        customer_number="20261123073001007000001",
        created_at=WHEN,
    ).deleted(at=WHEN)
    parts = _parts(party)
    assert parts["roles"] == "client,competitor"  # in the order of Role, not of the set
    assert parts["number"] == "'20261123073001007000001'"
    assert parts["deleted"]
    assert uuid.UUID(parts["id"]) == party.id


def test_a_long_name_is_cut():
    name = "Przedsiębiorstwo Produkcyjno-Handlowo-Usługowe " * 4
    party = Party.organization(name.strip(), legal_form="sp. z o.o.", created_at=WHEN)
    shown = _parts(party)["name"]
    assert len(shown) == 60
    assert shown.endswith("…'")
    assert name.startswith(shown[1:-2])


@settings(max_examples=100)
@given(strategies.parties(), st.booleans())
def test_every_party_has_a_short_repr_of_the_same_shape(party, deleted):
    if deleted:
        party = party.deleted(at=WHEN)
    parts = _parts(party)
    assert len(repr(party)) <= LONGEST
    assert uuid.UUID(parts["id"]) == party.id
    assert bool(parts["deleted"]) == party.is_deleted
    assert (parts["roles"] or "") == ",".join(r.value for r in Role if r in party.roles)
    assert (parts["number"] is None) == (party.customer_number is None)
    if len(repr(party.display_name)) <= 60:
        assert parts["name"] == repr(party.display_name)
