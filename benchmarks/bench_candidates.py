"""Candidates and key blocks: what a duplicate matcher asks a store for.

Stores ``STORED`` parties (a million at scale 1) of five markets, with names
drawn from a few thousand family names per market as often as real ones
(a few are very common, most rare), then measures:

* ``parties.candidates(party)`` for new records: half of them variants of a
  stored party (another script, a typo, given and family names swapped, the
  same phone), half new people and companies; p50, p95 and p99;
* ``parties.key_blocks()`` over the whole store: blocks a second.

The store is built once, in the file ``CRMCORE_BENCH_CANDIDATES_DB`` names (by
default ``crmcore-candidates-<scale>.db`` in the temporary folder), and reused
by later runs. ``python benchmarks/bench_candidates.py postgresql`` measures
a PostgreSQL store instead (``CRMCORE_PG_DSN``; built once in the schema
``crm_bench_candidates``).
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import _harness

from crmcore.model import EmailAddress, Party, PhoneNumber, PostalAddress
from crmcore.storage import PostgresStore, SqliteStore

if TYPE_CHECKING:
    from collections.abc import Iterator

    from crmcore.storage import Store

SEED = 20261207
STORED = _harness.scaled(1_000_000, 1000)
QUERIES = _harness.scaled(2_000, 100)
CHUNK = 10_000
START = datetime(2020, 1, 1, tzinfo=UTC)

# Stems and endings a market's family names are made of, in its own script.
MARKETS = {
    "PL": (
        [
            "Kowal",
            "Nowak",
            "Wiśniew",
            "Wójcik",
            "Kamiń",
            "Lewandow",
            "Zieliń",
            "Szymań",
            "Woźniak",
            "Dąbrow",
            "Kozłow",
            "Jankow",
            "Mazur",
            "Kwiatkow",
            "Krawczyk",
            "Piotrow",
            "Grabow",
            "Pawłow",
            "Michal",
            "Król",
            "Wieczor",
            "Jabłoń",
            "Majew",
            "Olszew",
            "Stępień",
            "Dudek",
        ],
        ["ski", "ska", "czyk", "ak", "ewicz", ""],
        [
            "Jan",
            "Anna",
            "Piotr",
            "Maria",
            "Krzysztof",
            "Katarzyna",
            "Andrzej",
            "Małgorzata",
            "Tomasz",
            "Agnieszka",
            "Paweł",
            "Barbara",
            "Łukasz",
            "Ewa",
            "Michał",
            "Zofia",
        ],
        ("+48", 500_000_000),
        "{:02d}-{:03d}",
    ),
    "UA": (
        [
            "Шевч",
            "Коваль",
            "Бонда",
            "Ткач",
            "Кравч",
            "Олійн",
            "Шевчук",
            "Поліщ",
            "Лисен",
            "Гончар",
            "Марч",
            "Савч",
            "Руденк",
            "Мельн",
            "Бойк",
            "Павл",
            "Левч",
            "Ковальч",
        ],
        ["енко", "ук", "чук", "ишин", "ин", ""],
        [
            "Олександр",
            "Олена",
            "Андрій",
            "Ірина",
            "Сергій",
            "Наталія",
            "Володимир",
            "Оксана",
            "Дмитро",
            "Тетяна",
            "Іван",
            "Юлія",
            "Микола",
            "Ганна",
        ],
        ("+380", 670_000_000),
        "{:02d}{:03d}",
    ),
    "RU": (
        [
            "Иван",
            "Смирн",
            "Кузнец",
            "Попов",
            "Васил",
            "Петр",
            "Соколов",
            "Михайл",
            "Новик",
            "Федор",
            "Морозов",
            "Волков",
            "Алексе",
            "Лебед",
            "Семен",
            "Егор",
        ],
        ["ов", "ова", "ев", "ин", "ский", ""],
        [
            "Александр",
            "Елена",
            "Сергей",
            "Ольга",
            "Дмитрий",
            "Татьяна",
            "Андрей",
            "Наталья",
            "Алексей",
            "Мария",
            "Иван",
            "Анна",
        ],
        ("+7", 9_160_000_000),
        "{:03d}{:03d}",
    ),
    "GR": (
        [
            "Παπαδ",
            "Γεωργ",
            "Οικονόμ",
            "Νικολά",
            "Δημητρ",
            "Ιωάνν",
            "Κωνσταντιν",
            "Βασιλ",
            "Αθανασ",
            "Χριστοδ",
            "Μακρ",
            "Αντων",
        ],
        ["όπουλος", "ίου", "ίδης", "άκης", "άτος", ""],
        [
            "Γιώργος",
            "Μαρία",
            "Κωνσταντίνος",
            "Ελένη",
            "Δημήτρης",
            "Αικατερίνη",
            "Νίκος",
            "Βασιλική",
            "Ευάγγελος",
            "Σοφία",
        ],
        ("+30", 6_900_000_000),
        "{:03d} {:02d}",
    ),
    "DE": (
        [
            "Müll",
            "Schmid",
            "Schneid",
            "Fisch",
            "Web",
            "Meyer",
            "Wagn",
            "Beck",
            "Schulz",
            "Hoffman",
            "Schäf",
            "Koch",
            "Bau",
            "Richt",
            "Klein",
            "Wolf",
            "Schröd",
            "Neuman",
        ],
        ["er", "t", "mann", "s", "ke", ""],
        [
            "Jürgen",
            "Ursula",
            "Thomas",
            "Sabine",
            "Michael",
            "Monika",
            "Andreas",
            "Petra",
            "Stefan",
            "Claudia",
            "Klaus",
            "Charlotte",
        ],
        ("+49", 15_100_000_000),
        "{:02d}{:03d}",
    ),
}
COMPANY_WORDS = [
    "Logistik",
    "Trade",
    "Budownictwo",
    "Агро",
    "Сервіс",
    "Μεταφορές",
    "Consulting",
    "Systems",
    "Polska",
    "Групп",
    "Handel",
    "Tech",
]
FORMS = {"PL": "sp. z o.o.", "UA": "ТОВ", "RU": "ООО", "GR": "Α.Ε.", "DE": "GmbH"}


# Syllables between a stem and its ending: a market has a few thousand family names.
MIDDLES = ["", "an", "el", "ir", "ow", "us", "ar", "in", "ol", "er", "ik", "on"]
MIDDLES_OF = {
    "UA": ["", "ан", "ел", "ир", "ов", "ус", "ар", "ін", "ол", "ер", "ик", "он"],
    "RU": ["", "ан", "ел", "ир", "ов", "ус", "ар", "ин", "ол", "ер", "ик", "он"],
    "GR": ["", "αν", "ελ", "ιρ", "ου", "ασ", "αρ", "ιν", "ολ", "ερ", "ικ", "ον"],
}


def _zipf(rng: random.Random, count: int) -> int:
    """An index below ``count``, the first ones more often, as names are.

    The most common name of a market is about one in forty of its people
    (Nowak is one in two hundred Poles, Ivanov one in a hundred Russians:
    this errs on the common side), most names are rare.
    """
    return min(count - 1, int(count * rng.random() ** 2))


def _names(country: str) -> list[str]:
    stems, endings, _given, _phone, _code = MARKETS[country]
    middles = MIDDLES_OF.get(country, MIDDLES)
    return [stem + middle + end for middle in middles for end in endings for stem in stems]


FAMILIES = {country: _names(country) for country in MARKETS}


def make_party(index: int, rng: random.Random) -> Party:
    """A person (three in four) or a company of a market, with a phone, maybe an e-mail."""
    country = rng.choice(list(MARKETS))
    _stems, _endings, given, (prefix, base), code = MARKETS[country]
    families = FAMILIES[country]
    contacts: list[object] = [PhoneNumber(f"{prefix}{base + index}")]
    if rng.random() < 0.6:
        contacts.append(EmailAddress(f"k{index}@example.com"))
    if rng.random() < 0.7:
        contacts.append(
            PostalAddress(
                postal_code=code.format(rng.randrange(10, 99), rng.randrange(0, 999)),
                country=country,
            )
        )
    fields = {
        "id": uuid.UUID(int=(index + 1) << 64 | rng.getrandbits(64)),
        "created_at": START + timedelta(minutes=index),
        "contacts": contacts,
    }
    if index % 4 == 3:
        family = families[_zipf(rng, len(families))]
        name = f"{family} {rng.choice(COMPANY_WORDS)} {index % 997}"
        return Party.organization(name, legal_form=FORMS[country], **fields)
    return Party.person(
        given=given[_zipf(rng, len(given))], family=families[_zipf(rng, len(families))], **fields
    )


def parties(first: int, count: int) -> Iterator[Party]:
    rng = random.Random(SEED + first)
    for index in range(first, first + count):
        yield make_party(index, rng)


def build(store: Store) -> None:
    """Add the parties a run needs that the store does not hold yet."""
    held = store.parties.count(include_deleted=True)
    started = time.perf_counter()
    for first in range(held, STORED, CHUNK):
        store.parties.add_batch(parties(first, min(CHUNK, STORED - first)))
        print(
            f"  stored {first + CHUNK:,} parties, {time.perf_counter() - started:.0f} s", flush=True
        )


def _variant(party: Party, rng: random.Random) -> Party:
    """A new record of a stored party, as a second form entry writes it."""
    new_id = uuid.UUID(int=rng.getrandbits(128))
    how = rng.randrange(3)
    if party.kind.value == "person" and how == 0:  # given and family swapped
        name = party.name
        return Party.person(given=name.family, family=name.given, id=new_id)  # type: ignore[union-attr]
    if how == 1:  # the same phone, nothing else
        return Party.person(family="Nowak", id=new_id, contacts=list(party.contacts[:1]))
    display = party.display_name
    cut = rng.randrange(1, len(display))
    typo = display[:cut] + display[cut + 1 :]  # a letter lost
    if party.kind.value == "person":
        return Party.person(family=typo, id=new_id, contacts=list(party.contacts[2:]))
    return Party.organization(typo, id=new_id, contacts=list(party.contacts[2:]))


def queries() -> list[Party]:
    """Half variants of stored parties, half new ones, shuffled."""
    rng = random.Random(SEED - 1)
    found: list[Party] = []
    picks = sorted(rng.sample(range(STORED), QUERIES // 2))
    chunks = {pick // CHUNK * CHUNK for pick in picks}
    by_index: dict[int, Party] = {}
    for first in sorted(chunks):
        for offset, party in enumerate(parties(first, min(CHUNK, STORED - first))):
            by_index[first + offset] = party
    stored = [by_index[pick] for pick in picks]
    found.extend(_variant(party, rng) for party in stored)
    new_ones = parties(STORED * 2, QUERIES - len(found))
    found.extend(new_ones)
    rng.shuffle(found)
    return found


def main() -> None:
    backend = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
    print(_harness.environment())
    if backend == "postgresql":
        dsn = os.environ.get("CRMCORE_PG_DSN")
        if not dsn:
            sys.exit("CRMCORE_PG_DSN is not set: start a server with bash .ci/postgres.sh")
        store: Store = PostgresStore(dsn, schema="crm_bench_candidates")
    else:
        default = Path(tempfile.gettempdir()) / f"crmcore-candidates-{_harness.SCALE:g}.db"
        path = Path(os.environ.get("CRMCORE_BENCH_CANDIDATES_DB") or default)
        store = SqliteStore(path)
    with store:
        build(store)
        asked = queries()
        for party in asked[:50]:  # warm the caches as a running service has them
            store.parties.candidates(party)
        given = iter(asked)
        sizes: list[int] = []

        def one() -> None:
            result = store.parties.candidates(next(given))
            sizes.append(len(result.found))

        cuts = _harness.latencies(one, len(asked))
        print(f"{backend}, {STORED:,} parties stored, {len(asked):,} new records")
        print(f"  candidates(): {cuts}")
        print(f"  candidates per record: mean {sum(sizes) / len(sizes):.1f}, max {max(sizes)}")
        started = time.perf_counter()
        blocks = skipped = members = 0
        for block in store.parties.key_blocks():
            blocks += 1
            skipped += block.skipped
            members += len(block.ids)
        seconds = time.perf_counter() - started
        print(
            f"  key_blocks(): {blocks:,} blocks ({skipped:,} skipped, {members:,} ids)"
            f" in {seconds:.1f} s: {blocks / seconds:,.0f} blocks/s"
        )


if __name__ == "__main__":
    main()
