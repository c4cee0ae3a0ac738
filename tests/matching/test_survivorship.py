"""Survivorship: the rules choose each value, the union keeps every part, the plan says why."""

import uuid
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmcore import matching
from crmcore.errors import ValidationError
from crmcore.matching import Rule, SurvivorshipRules, plan_merge
from crmcore.model import (
    ClientProfile,
    EmailAddress,
    ExternalKey,
    Holding,
    Identifier,
    Interaction,
    Party,
    PhoneNumber,
    SupplierProfile,
)
from crmcore.storage import MemoryStore
from crmcore.testing.strategies import parties


def _person(created, updated=None, **fields):
    fields.setdefault("given", "Олена")
    fields.setdefault("family", "Коваленко")
    return Party.person(created_at=created, updated_at=updated or created, **fields)


OLD = "2023-05-03T10:00:00+02:00"
MID = "2025-01-05T10:00:00+01:00"
NEW = "2026-11-23T09:30:00+02:00"


def test_rules_round_trip_and_fall_back_to_the_path_above():
    rules = SurvivorshipRules(
        default="oldest",
        fields={"attributes": "most_complete", "profiles.client.segment": Rule.SOURCE_RANKING},
        survivor="newest",
        ranking=["erp", "web"],
        source_attribute="źródło",
    )
    assert SurvivorshipRules.from_dict(rules.to_dict()) == rules
    assert rules.rule("attributes.employees") is Rule.MOST_COMPLETE
    assert rules.rule("profiles.client.segment") is Rule.SOURCE_RANKING
    assert rules.rule("profiles.client.value_tier") is Rule.OLDEST
    assert rules.rule("name") is Rule.OLDEST


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: SurvivorshipRules(default="freshest"), "merge.unknown_rule"),
        (lambda: SurvivorshipRules(fields={"name": "longest"}), "merge.unknown_rule"),
        (lambda: SurvivorshipRules.from_dict({"default": "newest", "x": 1}), "merge.invalid_rules"),
        (lambda: SurvivorshipRules.from_dict(["newest"]), "merge.invalid_rules"),
    ],
)
def test_bad_rules_are_refused(make, code):
    with pytest.raises(ValidationError) as caught:
        make()
    assert caught.value.code == code


def test_the_oldest_survives_and_every_part_is_kept_once():
    old = _person(
        OLD,
        roles={"client"},
        contacts=[PhoneNumber("+380671234567", primary=True), EmailAddress("o.k@ukr.net")],
        identifiers=[Identifier("rnokpp", "3184710691", country="UA")],
        external_keys=[ExternalKey("1C", "00-000123")],
        tags={"опт"},
        customer_number="C20261123080000000000016",
    )
    new = _person(
        NEW,
        given="Olena",
        family="Kowalenko",
        roles={"supplier"},
        profiles=[SupplierProfile(payment_terms="14 dni")],
        contacts=[
            PhoneNumber("+380671234567", primary=True, label="domowy"),
            PhoneNumber("+48601234567"),
            EmailAddress("olena@example.pl", primary=True),
        ],
        identifiers=[Identifier("rnokpp", "3184710691", country="UA")],
        external_keys=[ExternalKey("1C", "00-000123"), ExternalKey("shop", "W-7")],
        tags={"vip", "опт"},
        groups={uuid.UUID(int=5)},
        holdings=[Holding("Abonament", kind="service")],
    )
    plan = plan_merge([new, old])
    result = plan.result
    assert (plan.survivor, plan.merged) == (old, (new,))
    assert (result.id, result.customer_number, result.version) == (old.id, old.customer_number, 0)
    assert result.display_name == "Olena Kowalenko"  # the newest name
    assert plan.lineage["name"] == new.id
    assert [(c.kind.value, c.key, c.primary) for c in result.contacts] == [
        ("phone", "+380671234567", True),
        ("email", "o.k@ukr.net", False),
        ("phone", "+48601234567", False),
        ("email", "olena@example.pl", True),
    ]
    assert plan.lineage["contacts[3]"] == new.id
    assert result.identifiers == old.identifiers
    assert result.external_keys == (ExternalKey("1C", "00-000123"), ExternalKey("shop", "W-7"))
    assert result.tags == {"vip", "опт"}
    assert plan.lineage["tags[опт]"] == old.id
    assert result.roles == {"client", "supplier"}
    assert result.profiles == new.profiles
    assert plan.lineage["profiles.supplier"] == new.id
    assert (result.groups, result.holdings) == (new.groups, new.holdings)
    assert result.created_at == old.created_at
    assert [(c.field, c.chosen, c.rule, c.value) for c in plan.conflicts] == [
        ("name", new.id, Rule.NEWEST, new.name)
    ]


def test_each_rule_chooses_by_its_measure():
    erp = _person(OLD, MID, given="Γιώργος", family="Παπαδόπουλος", attributes={"tier": "A"})
    web = _person(
        MID,
        NEW,
        given="Georgios",
        patronymic="Ioannou",
        family="Papadopoulos",
        attributes={"tier": "gold", "employees": 7},
        display_name="G. Papadopoulos (web)",
    )
    crm = _person(NEW, NEW, given="Giorgos", family="Papadopoulos", attributes={"tier": "B"})
    sources = {erp.id: "erp", web.id: "web"}
    rules = SurvivorshipRules(
        fields={
            "name": "most_complete",
            "name.given": "source_ranking",
            "attributes.tier": "oldest",
            "display_name": "newest",
        },
        ranking=["erp", "web"],
    )
    plan = plan_merge([crm, web, erp], rules=rules, sources=sources)
    name = plan.result.name
    assert (name.given, name.patronymic, name.family) == ("Γιώργος", "Ioannou", "Papadopoulos")
    assert plan.lineage["name"] == web.id
    assert plan.lineage["name.given"] == erp.id
    assert plan.result.attributes == {"tier": "A", "employees": 7}
    assert plan.result.display_name == "G. Papadopoulos (web)"
    ranked = SurvivorshipRules(default="source_ranking", survivor="source_ranking", ranking=["erp"])
    by_rank = plan_merge([crm, web, erp], rules=ranked, sources={erp.id: "erp"})
    assert by_rank.survivor == erp
    assert by_rank.result.attributes["tier"] == "A"
    # Without a mapping, the source is the party's attribute.
    tagged = attrs.evolve(crm, attributes={"source": "erp", "tier": "B"})
    assert plan_merge([web, tagged], rules=ranked).survivor == tagged
    assert plan_merge([erp, web], rules=SurvivorshipRules(survivor="newest")).survivor == web
    complete = SurvivorshipRules(survivor="most_complete")
    assert plan_merge([erp, web], rules=complete).survivor == web
    assert plan_merge([web, erp], survivor=web.id).survivor == web


def test_two_profiles_of_one_role_merge_field_by_field():
    old = _person(
        OLD,
        roles={"client"},
        profiles=[ClientProfile(value_tier="A", segment="horeca", since=date(2020, 1, 1))],
    )
    new = _person(NEW, roles={"client"}, profiles=[ClientProfile(value_tier="gold")])
    plan = plan_merge([old, new])
    assert plan.result.profiles == (
        ClientProfile(value_tier="gold", segment="horeca", since=date(2020, 1, 1)),
    )
    assert plan.lineage["profiles.client.value_tier"] == new.id
    assert plan.lineage["profiles.client.segment"] == old.id
    supplier = {"roles": {"supplier"}}
    one = _person(
        OLD, **supplier, profiles=[SupplierProfile(supplies={"кава"}, until="2021-01-01")]
    )
    two = _person(
        NEW, **supplier, profiles=[SupplierProfile(supplies={"τσάι"}, since="2022-01-01")]
    )
    merged = plan_merge([one, two]).result.profiles[0]
    # A period that would end before it began: one profile is taken whole.
    assert merged == two.profiles[0]


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda x: plan_merge([x.a]), "merge.too_few"),
        (lambda x: plan_merge([x.a, x.a]), "merge.duplicate"),
        (lambda x: plan_merge([x.a, x.b.deleted(at=x.b.created_at)]), "merge.deleted"),
        (lambda x: plan_merge([x.a, x.sole_trader]), "merge.mixed_kinds"),
        (lambda x: plan_merge([x.a, x.b], survivor=x.sole_trader.id), "merge.unknown_survivor"),
    ],
)
def test_what_cannot_be_planned_is_refused(make, code):
    sole_trader = Party.organization("Коваленко О. П.", legal_form="ФОП", created_at=MID)
    with pytest.raises(ValidationError) as caught:
        make(SimpleNamespace(a=_person(OLD), b=_person(NEW), sole_trader=sole_trader))
    assert caught.value.code == code


def test_a_sole_trader_and_its_owner_merge_when_allowed():
    owner = _person(OLD, contacts=[PhoneNumber("+380671234567")])
    sole_trader = Party.organization(
        "Коваленко О. П.", legal_form="ФОП", created_at=MID, contacts=[EmailAddress("fop@ukr.net")]
    )
    plan = plan_merge([sole_trader, owner], allow_mixed_kinds=True)
    assert plan.result.name == owner.name
    assert len(plan.result.contacts) == 2


@given(cluster=st.lists(parties(), min_size=2, max_size=4, unique_by=lambda p: p.id))
def test_a_plan_keeps_every_part_of_its_inputs(cluster):
    cluster = [attrs.evolve(p, deleted_at=None) for p in cluster]
    try:
        plan = plan_merge(cluster, allow_mixed_kinds=True)
    except ValidationError:
        return  # two inputs' parts that cannot stand together in one party (two profiles' periods)
    result = plan.result
    assert {(c.kind, c.key) for c in result.contacts} == {
        (c.kind, c.key) for p in cluster for c in p.contacts
    }
    assert {i.key for i in result.identifiers} == {i.key for p in cluster for i in p.identifiers}
    assert set(result.external_keys) == {k for p in cluster for k in p.external_keys}
    assert result.tags == frozenset().union(*(p.tags for p in cluster))
    assert result.roles == frozenset().union(*(p.roles for p in cluster))
    assert set(plan.lineage.values()) <= {p.id for p in cluster}
    assert sum(c.primary for c in result.contacts) == len(
        {c.kind for c in result.contacts if c.primary}
    )


def _stored_pair(store):
    nowak = store.parties.add(
        Party.person(
            given="Jan", family="Nowak", created_at=OLD, contacts=[PhoneNumber("+48601234567")]
        )
    )
    novak = store.parties.add(
        Party.person(
            given="Jan",
            family="Novák",
            created_at=NEW,
            contacts=[EmailAddress("jan.novak@example.de")],
            attributes={"umsatz": Decimal("1200.50")},
        )
    )
    store.interactions.add(
        Interaction(party_id=novak.id, channel="email", direction="inbound", occurred_at=NEW)
    )
    return nowak, novak


def test_merge_and_unmerge_through_a_store():
    with MemoryStore() as store:
        nowak, novak = _stored_pair(store)
        plan = matching.merge(store, [nowak.id, novak.id], dry_run=True)
        assert store.parties.count() == 2
        record = matching.merge(store, [novak.id, nowak.id, novak.id])
        survivor = store.parties.get(novak.id)
        assert survivor.id == nowak.id == record.survivor_id
        assert record.lineage == plan.lineage
        stamps = {"version": plan.result.version, "updated_at": plan.result.updated_at}
        assert attrs.evolve(survivor, **stamps) == plan.result
        assert [each.party_id for each in store.interactions.for_party(nowak.id)] == [nowak.id]
        # A merged id stands for its survivor: merged again, it is the same party.
        with pytest.raises(ValidationError) as caught:
            matching.merge(store, [nowak.id, novak.id])
        assert caught.value.code == "merge.too_few"
        restored = matching.unmerge(store, record.id)
        assert restored[1] == novak
        assert [p.id for p in store.parties.select()] == sorted([nowak.id, novak.id])
        chosen = matching.merge(store, [nowak.id, novak.id], survivor=novak.id)
        assert chosen.survivor_id == novak.id
