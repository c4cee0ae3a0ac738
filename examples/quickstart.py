"""A client and supplier organisation, a person who works there, and a purchase.

They are stored in ``crm.db``, a SQLite database in the current directory (the
embedded default: no server, no setup), read back and looked up. Running it
again finds them there instead of adding them twice.

Run with ``python examples/quickstart.py`` after ``pip install -e .``.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import crmcore as crm
from crmcore.model import ClientProfile, SupplierProfile


def main() -> None:
    now = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)

    # A Polish wholesaler that buys from us and also supplies us.
    kowalski = crm.Party.organization(
        "Kowalski i Synowie",
        legal_form="sp. z o.o.",
        roles={crm.Role.CLIENT, crm.Role.SUPPLIER},
        profiles=[
            ClientProfile(
                value_tier="A",
                potential=crm.Money(Decimal("400000.00"), "PLN"),
                segment="hurt",
                preferred_channel="email",
                since=date(2023, 5, 1),
            ),
            SupplierProfile(
                payment_terms="14 dni netto", lead_time_days=3, supplies=["opakowania"]
            ),
        ],
        contacts=[
            crm.PhoneNumber("+48226543210", line="landline", primary=True, source="erp"),
            crm.EmailAddress("biuro@kowalski.pl", primary=True),
            crm.PostalAddress(
                street="ul. Marszałkowska",
                building="10",
                flat="5",
                postal_code="00-950",
                locality="Warszawa",
                region="mazowieckie",
                country="PL",
                label="siedziba",
            ),
            crm.Website("https://kowalski.pl"),
        ],
        identifiers=[
            crm.Identifier("nip", "5260250995", country="PL"),
            crm.Identifier("regon", "192598184", country="PL"),
        ],
        external_keys=[crm.ExternalKey("Comarch ERP", "K-000123")],
        attributes={"fleet_size": 12},
        tags={"hurt", "targi-2026"},
        created_at=now,
    )

    # A Ukrainian buyer who works there.
    olena = crm.Party.person(
        given="Олена",
        patronymic="Петрівна",
        family="Коваленко",
        roles={crm.Role.CLIENT},
        contacts=[
            crm.PhoneNumber("+380671234567", line="mobile", primary=True),
            crm.MessengerHandle("telegram", "@olena_k"),
        ],
        created_at=now,
    )
    works_at = crm.Affiliation(
        party_id=olena.id,
        related_party_id=kowalski.id,
        kind="works_at",
        position="kierownik zakupów",
        since=date(2024, 1, 1),
    )

    purchase = crm.Purchase(
        party_id=kowalski.id,
        occurred_at=datetime(2026, 11, 20, 14, 2, tzinfo=UTC),
        channel="phone",
        branch="Warszawa",
        reference="FV/1234/2026",
        lines=[
            crm.OrderLine(
                "Karton 40x30x20", 500, crm.Money(Decimal("1250.00"), "PLN"), sku="KA-4030"
            ),
            crm.OrderLine("Dostawa", 1, crm.Money(Decimal("150.00"), "PLN"), kind="service"),
        ],
    )

    print(f"{kowalski.display_name} ({kowalski.name.legal_form}):",
          ", ".join(sorted(role.value for role in kowalski.roles)))  # fmt: skip
    print("  primary e-mail:", kowalski.primary("email").address)
    print("  NIP:", kowalski.identifier("nip", "PL").value)
    print("  supplier lead time:", kowalski.profile("supplier").lead_time_days, "days")
    print(f"{olena.display_name} {works_at.kind.value} {kowalski.display_name}"
          f" as {works_at.position} since {works_at.since}")  # fmt: skip
    print("purchase", purchase.reference, "total", purchase.total)

    # Everything goes to JSON and back unchanged.
    for entity in (kowalski, olena, works_at, purchase):
        text = json.dumps(crm.to_dict(entity), ensure_ascii=False)
        if crm.from_dict(type(entity), json.loads(text)) != entity:
            raise SystemExit(f"{type(entity).__name__} changed on its way through JSON")
    form = crm.to_dict(kowalski)
    print(f"dict form: {len(json.dumps(form))} bytes of JSON, schema {form['schema_version']}")

    store_and_look_up(kowalski, olena, works_at, purchase)


def store_and_look_up(
    kowalski: crm.Party, olena: crm.Party, works_at: crm.Affiliation, purchase: crm.Purchase
) -> None:
    """Store everything in SQLite in one unit of work, then read it back."""
    # Customer numbers: readable, with a check digit; node 1 is this process's.
    numbers = crm.ids.CustomerNumberGenerator(node=1)
    with crm.storage.open("sqlite:///crm.db", numbers=numbers) as store:
        known = store.parties.find_by_identifier("nip", "526-025-09-95", country="PL")
        if known:
            kowalski = known[0]
            print(f"crm.db already holds {kowalski.display_name} ({kowalski.customer_number})")
        else:
            with store.transaction():  # all four, or none of them
                kowalski = store.parties.add(kowalski)
                olena = store.parties.add(olena)
                store.affiliations.add(works_at)
                store.purchases.add(purchase)
            number = crm.ids.format(kowalski.customer_number or "")
            print(f"stored {kowalski.display_name} as customer {number}")

        # Look-ups fold what they are given: spaces, dashes, case.
        by_phone = store.parties.find_by_phone("+48 22 654 32 10")
        by_email = store.parties.find_by_email("Biuro@Kowalski.PL")
        by_erp_key = store.parties.find_by_external_key("Comarch ERP", "K-000123")
        if not by_phone == by_email == by_erp_key == [kowalski]:
            raise SystemExit("the look-ups did not find the stored party")
        print("found by phone, e-mail and ERP key:", by_phone[0].display_name)

        # A filter on indexed fields, compiled to SQL.
        polish_clients = crm.storage.Compare("country", "==", "PL") & crm.storage.HasRole("client")
        names = [party.display_name for party in store.parties.select(polish_clients)]
        print("Polish clients:", names)

        # Optimistic concurrency: an update must carry the version it read.
        current = store.parties.get(kowalski.id)
        updated = store.parties.update(current.with_tags("newsletter"))
        try:
            store.parties.update(current.with_tags("stale"))
        except crm.errors.ConflictError as error:
            print(f"version {updated.version} stored; a stale write is refused: {error.code}")
        for each in store.purchases.for_party(kowalski.id):
            print("purchase read back:", each.reference, each.total)


if __name__ == "__main__":
    main()
