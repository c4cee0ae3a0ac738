import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from crmcore.errors import ValidationError
from crmcore.ids import new_id
from crmcore.model import (
    Affiliation,
    AffiliationKind,
    Campaign,
    Channel,
    Direction,
    Group,
    GroupTree,
    Holding,
    Interaction,
    ItemKind,
    Money,
    OrderLine,
    Purchase,
)

AT = datetime(2026, 11, 20, 14, 2, tzinfo=UTC)


def test_group_tree():
    poland = Group("Polska", kind="territory", code="PL")
    mazowieckie = Group("Mazowieckie", parent_id=poland.id)
    warszawa = Group("Warszawa", parent_id=str(mazowieckie.id))
    horeca = Group("HoReCa", kind="customer_group")
    tree = GroupTree([warszawa, horeca, poland, mazowieckie])
    assert set(tree.roots) == {poland, horeca}
    assert tree.children(poland.id) == (mazowieckie,)
    assert [g.name for g in tree.ancestors(warszawa.id)] == ["Mazowieckie", "Polska"]
    assert [g.name for g in tree.descendants(poland.id)] == ["Mazowieckie", "Warszawa"]
    assert tree.expand([warszawa.id, horeca.id]) == {
        warszawa.id,
        mazowieckie.id,
        poland.id,
        horeca.id,
    }
    assert tree[poland.id] is poland
    assert warszawa.id in tree
    assert uuid.uuid4() not in tree


def test_group_tree_errors():
    a_id, b_id = new_id(), new_id()
    with pytest.raises(ValidationError) as info:
        GroupTree([Group("A", id=a_id, parent_id=b_id), Group("B", id=b_id, parent_id=a_id)])
    assert info.value.code == "group.cycle"
    with pytest.raises(ValidationError) as info:
        GroupTree([Group("A", parent_id=b_id)])
    assert (info.value.field, info.value.code) == ("groups[0].parent_id", "group.unknown_parent")
    with pytest.raises(ValidationError) as info:
        GroupTree([Group("A", id=a_id), Group("B", id=a_id)])
    assert (info.value.field, info.value.code) == ("groups[1].id", "group.duplicate_id")
    with pytest.raises(ValidationError) as info:
        Group("A", id=a_id, parent_id=a_id)
    assert info.value.code == "group.cycle"
    with pytest.raises(ValidationError) as info:
        GroupTree(["A"])
    assert info.value.code == "group.not_group"


def test_affiliation():
    person, company = new_id(), new_id()
    works = Affiliation(
        party_id=person,
        related_party_id=company,
        kind="works_at",
        position="kierownik zakupów",
        since=date(2024, 1, 1),
    )
    assert works.kind is AffiliationKind.WORKS_AT
    assert works.active_on(date(2025, 6, 1))
    assert not works.active_on(date(2023, 12, 31))
    assert works.id.version == 7
    with pytest.raises(ValidationError) as info:
        Affiliation(party_id=person, related_party_id=person, kind="branch_of")
    assert (info.value.field, info.value.code) == ("related_party_id", "affiliation.self")
    with pytest.raises(ValidationError) as info:
        Affiliation(party_id=person, related_party_id=company, kind="married_to")
    assert (info.value.field, info.value.code) == ("kind", "affiliation.unknown_kind")


def test_interaction():
    call = Interaction(
        party_id=new_id(),
        channel="phone",
        direction="outbound",
        occurred_at=AT,
        subject="Оферта",
        outcome="",
        campaign_id=None,
    )
    assert (call.channel, call.direction, call.outcome) == (Channel.PHONE, Direction.OUTBOUND, None)
    with pytest.raises(ValidationError) as info:
        Interaction(party_id=new_id(), channel="phone", direction="sideways", occurred_at=AT)
    assert (info.value.field, info.value.code) == ("direction", "interaction.unknown_direction")


def test_purchase():
    purchase = Purchase(
        party_id=new_id(),
        occurred_at=AT,
        channel="store",
        branch="Kraków, Rynek 1",
        reference="FV/123/2026",
        lines=[
            OrderLine("Krem nawilżający 50 ml", 3, Money("89.97", "PLN"), sku="KR-0050"),
            OrderLine("Konsultacja", Decimal("0.5"), Money("60", "PLN"), kind="service"),
        ],
    )
    assert purchase.total == Money("149.97", "PLN")
    assert purchase.currency == "PLN"
    assert purchase.lines[0].unit_price == Money("29.99", "PLN")
    assert purchase.lines[1].kind is ItemKind.SERVICE
    assert purchase.lines[1].unit_price == Money("120.00", "PLN")


@pytest.mark.parametrize(
    ("lines", "field", "code"),
    [
        ([], "lines", "purchase.no_lines"),
        (
            [OrderLine("a", 1, Money("1", "PLN")), OrderLine("b", 1, Money("1", "EUR"))],
            "lines[1].amount.currency",
            "purchase.mixed_currencies",
        ),
        (["a"], "lines[0]", "purchase.not_order_line"),
        ("a", "lines", "collection.not_collection"),
    ],
)
def test_bad_purchases(lines, field, code):
    with pytest.raises(ValidationError) as info:
        Purchase(party_id=new_id(), occurred_at=AT, lines=lines)
    assert (info.value.field, info.value.code) == (field, code)


@pytest.mark.parametrize(
    ("build", "field", "code"),
    [
        (
            lambda: OrderLine("a", 0, Money("1", "PLN")),
            "quantity",
            "order_line.quantity_not_positive",
        ),
        (lambda: OrderLine("a", 1, "1 PLN"), "amount", "order_line.not_money"),
        (lambda: OrderLine("a", 1.5, Money("1", "PLN")), "quantity", "decimal.float"),
        (lambda: OrderLine("a", 1, Money("1", "PLN"), kind="gift"), "kind", "item.unknown_kind"),
        (lambda: Holding("a", quantity=-1), "quantity", "number.too_small"),
        (lambda: Holding("a", kind="gift"), "kind", "item.unknown_kind"),
        (
            lambda: Holding("a", since=date(2025, 1, 1), until=date(2024, 1, 1)),
            "until",
            "period.end_before_start",
        ),
        (
            lambda: Campaign(name="x", starts_on=date(2026, 1, 2), ends_on=date(2026, 1, 1)),
            "ends_on",
            "period.end_before_start",
        ),
        (
            lambda: Campaign(name="x", starts_on=date(2026, 1, 2), channels=["fax", "pigeon"]),
            "channels",
            "channel.unknown",
        ),
        (
            lambda: Campaign(name="x", starts_on="2026-01-02T10:00:00+01:00"),
            "starts_on",
            "date.invalid",
        ),
    ],
)
def test_bad_lines_holdings_campaigns(build, field, code):
    with pytest.raises(ValidationError) as info:
        build()
    assert (info.value.field, info.value.code) == (field, code)


def test_campaign_and_holding():
    campaign = Campaign(
        name="Black Friday 2026",
        channels=["email", Channel.SMS],
        starts_on="2026-11-27",
        ends_on=date(2026, 11, 30),
        audience="clients in PL with a purchase in 2026",
    )
    assert campaign.channels == {Channel.EMAIL, Channel.SMS}
    assert campaign.starts_on == date(2026, 11, 27)
    holding = Holding(
        "Абонемент «Преміум»",
        kind="service",
        quantity="2",
        since=date(2025, 1, 1),
        until=date(2025, 12, 31),
        reference="D-17/2025",
    )
    assert holding.quantity == Decimal(2)
    assert holding.active_on(date(2025, 7, 1))
    assert not holding.active_on(date(2026, 1, 1))
