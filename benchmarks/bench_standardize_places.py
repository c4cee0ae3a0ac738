"""Throughput and latency of the country, postal code, address, tax id and date standardisers.

Each standardiser runs over generated input as written in our markets, against
a baseline in the same run that does the bare minimum on the same input:

* countries.validate    vs a dict of CLDR's English names (exact match only)
* postal_codes.validate vs one precompiled regex per country (no canonical form)
* addresses.validate    vs texts.clean + splitting at commas
* tax_ids.validate      vs calling the right stdnum module directly (scheme known)
* dates.validate        vs datetime.strptime with the right format (format known)

The one-off cost of the lazily built tables (country names in 25 locales,
month names, a country's stdnum modules) is measured first.

Run: python benchmarks/bench_standardize_places.py [--n 10000]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import random
import re
import resource
import statistics
import time
import tracemalloc
from typing import TYPE_CHECKING

from babel import Locale

from crmcore.errors import ValidationError
from crmcore.standardize import (
    _country_index,
    _stdnum,
    addresses,
    countries,
    dates,
    postal_codes,
    tax_ids,
    texts,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

COUNTRY_NAMES = [
    "Polska",
    "Польща",
    "Польша",
    "Ελλάδα",
    "Deutschland",
    "UK",
    "USA",
    "Україна",
    "Россия",
    "POL",
    "804",
    "Czech Republic",
    "Germany",
    "Greece",
    "Lietuva",
    "România",
]
POSTAL = [
    ("PL", "00-950"),
    ("PL", "00950"),
    ("UA", "01001"),
    ("RU", "125009"),
    ("GR", "10557"),
    ("DE", "D-10115"),
    ("GB", "sw1a1aa"),
    ("US", "20500-0003"),
    ("CZ", "11000"),
    ("LT", "01100"),
]
POSTAL_BARE = {
    "PL": r"\d{2}-?\d{3}",
    "UA": r"\d{5}",
    "RU": r"\d{6}",
    "GR": r"\d{3} ?\d{2}",
    "DE": r"(?:D-)?\d{5}",
    "GB": r"[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}",
    "US": r"\d{5}(?:-\d{4})?",
    "CZ": r"\d{3} ?\d{2}",
    "LT": r"(?:LT-)?\d{5}",
}
ADDRESSES = [
    ("ul. {s} {n}/{m} m. {f}, 00-{p} Warszawa", "PL", ["Marszałkowska", "Długa", "Piękna"]),
    ("вул. {s}, {n}, кв. {f}, м. Київ, 01{p}", "UA", ["Хрещатик", "Басейна", "Саксаганського"]),
    ("г. Москва, ул. {s}, д. {n}, кв. {f}, 125{p}", "RU", ["Тверская", "Арбат", "Мясницкая"]),
    ("{s} {n}, 105 {m}{f} Αθήνα", "GR", ["Ερμού", "Σταδίου", "Πανεπιστημίου"]),
    ("{s} {n}, 10{p} Berlin", "DE", ["Unter den Linden", "Hauptstr.", "Friedrichstraße"]),
    ("{n} {s}, London SW1A 2AA", "GB", ["Downing St", "Baker Street", "Abbey Rd"]),
    ("{n} {s} Apt {f}, Washington, DC 20{p}", "US", ["Pennsylvania Ave NW", "Main Street"]),
]
TAX = [
    ("5260250274", "PL", "pl.nip"),
    ("526-025-02-74", "PL", "pl.nip"),
    ("016298263", "PL", "pl.regon"),
    ("14360570", "UA", "ua.edrpou"),
    ("7707083893", "RU", "ru.inn"),
    ("1027700132195", "RU", "ru.ogrn"),
    ("094014201", "GR", "gr.vat"),
    ("136695976", "DE", "de.vat"),
    ("980780684", "GB", "gb.vat"),
]
DATES = [
    ("23.11.2026", "pl", "%d.%m.%Y"),
    ("23/11/26", "en_GB", "%d/%m/%y"),
    ("2026-11-23", None, "%Y-%m-%d"),
    ("11/23/2026", "en_US", "%m/%d/%Y"),
    ("23 listopada 2026", None, None),
    ("23 листопада 2026 р.", None, None),
    ("23 ноября 2026 г.", "ru", None),
    ("23 Νοεμβρίου 2026", None, None),
    ("November 23, 2026", None, "%B %d, %Y"),
]


def _run(func: Callable[[object], object], item: object) -> None:
    with contextlib.suppress(ValidationError):
        func(item)


def measure(label: str, func: Callable[[object], object], inputs: Sequence[object]) -> float:
    """Time every call (tracing off), then trace memory over a repeat of the first 1000."""
    latencies = []
    start = time.perf_counter()
    for item in inputs:
        t0 = time.perf_counter_ns()
        _run(func, item)
        latencies.append(time.perf_counter_ns() - t0)
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    for item in inputs[:1000]:
        _run(func, item)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    q = statistics.quantiles(latencies, n=100)
    rate = len(inputs) / elapsed
    print(
        f"  {label:<44} {rate:>10,.0f}/s  p50 {q[49] / 1000:6.1f} µs  p95 {q[94] / 1000:6.1f} µs"
        f"  p99 {q[98] / 1000:6.1f} µs  peak {peak / 1024:8.0f} KiB"
    )
    return rate


def compare(title: str, ours: float, base: float) -> None:
    print(f"  -> {title}: ours/baseline throughput = {ours / base:.2f}")


def cold(label: str, func: Callable[[], object]) -> None:
    """Time a one-off build (tracing off), and report the process's memory growth."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    func()
    elapsed = time.perf_counter() - t0
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(f"  {label:<44} {elapsed * 1000:8.1f} ms once, max RSS +{grown / 1024:6.1f} MiB")


def address_inputs(n: int, rng: random.Random) -> list[tuple[str, str]]:
    out = []
    for _ in range(n):
        form, country, streets = rng.choice(ADDRESSES)
        text = form.format(
            s=rng.choice(streets),
            n=rng.randrange(1, 200),
            m=rng.randrange(1, 10),
            f=rng.randrange(1, 99),
            p=f"{rng.randrange(1000):03d}",
        )
        out.append((text, country))
    return out


def main() -> None:  # noqa: PLR0915 - one benchmark after the other
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    n = args.n

    print("one-off table building")
    cold("country name index (25 locales + aliases)", _country_index.names)
    cold("month and weekday names (24 locales)", lambda: dates.validate("23 listopada 2026"))
    cold(
        "stdnum modules of PL, UA, RU, GR, DE, GB",
        lambda: [_stdnum.country_modules(c) for c in ("PL", "UA", "RU", "GR", "DE", "GB")],
    )
    cold(
        "address conventions and postal formats",
        lambda: addresses.validate("ul. Długa 5, 00-238 Warszawa", country="PL"),
    )

    print(f"countries.validate ({n} names and codes)")
    cdata = [rng.choice(COUNTRY_NAMES) for _ in range(n)]
    english = {name: code for code, name in Locale("en").territories.items()}
    ours = measure("countries.validate", countries.validate, cdata)
    looked_up = measure("countries.lookup (cached)", countries.lookup, cdata)
    base = measure("baseline: dict of English names", english.get, cdata)
    compare("countries.validate", ours, base)
    compare("countries.lookup", looked_up, base)

    print(f"postal_codes.validate ({n} codes in 10 countries)")
    pdata = [rng.choice(POSTAL) for _ in range(n)]
    compiled = {c: re.compile(rx) for c, rx in POSTAL_BARE.items()}
    ours = measure(
        "postal_codes.validate",
        lambda item: postal_codes.validate(item[1], country=item[0]),  # type: ignore[index]
        pdata,
    )
    base = measure(
        "baseline: one regex per country",
        lambda item: compiled[item[0]].fullmatch(item[1]),  # type: ignore[index]
        pdata,
    )
    compare("postal codes", ours, base)

    print(f"addresses.validate ({n} one-line addresses in 7 markets)")
    adata = address_inputs(n, rng)
    addresses._validate_text.cache_clear()  # noqa: SLF001 - a cold cache is what we measure
    ours = measure(
        "addresses.validate (cold cache)",
        lambda item: addresses.validate(item[0], country=item[1]),  # type: ignore[index]
        adata,
    )
    warm = measure(
        "addresses.validate (warm cache)",
        lambda item: addresses.validate(item[0], country=item[1]),  # type: ignore[index]
        adata[-5000:],
    )
    base = measure(
        "baseline: texts.clean + split at commas",
        lambda item: texts.clean(item[0]).split(","),  # type: ignore[index]
        adata,
    )
    compare("addresses, cold", ours, base)
    compare("addresses, warm", warm, base)

    print(f"tax_ids.validate ({n} numbers in 6 countries)")
    tdata = [rng.choice(TAX) for _ in range(n)]

    def detected(item: tuple[str, str, str]) -> object:
        tax_ids._read.cache_clear()  # noqa: SLF001 - a cold cache is what we measure
        tax_ids._verify.cache_clear()  # noqa: SLF001
        return tax_ids.validate(item[0], country=item[1])

    def named_scheme(item: tuple[str, str, str]) -> object:
        tax_ids._read.cache_clear()  # noqa: SLF001 - a cold cache is what we measure
        tax_ids._verify.cache_clear()  # noqa: SLF001
        return tax_ids.validate(item[0], scheme=item[2])

    ours = measure("tax_ids.validate (detected, cold cache)", detected, tdata)  # type: ignore[arg-type]
    named = measure("tax_ids.validate (scheme, cold cache)", named_scheme, tdata)  # type: ignore[arg-type]
    warm = measure(
        "tax_ids.validate (detected, warm cache)",
        lambda item: tax_ids.validate(item[0], country=item[1]),  # type: ignore[index]
        tdata,
    )
    module = {s: importlib.import_module(f"stdnum.{s}") for _, _, s in TAX}
    base = measure(
        "baseline: stdnum module.validate",
        lambda item: module[item[2]].validate(item[0]),  # type: ignore[index]
        tdata,
    )
    compare("tax ids, detected, cold", ours, base)
    compare("tax ids, scheme given, cold", named, base)
    compare("tax ids, detected, warm", warm, base)

    print(f"dates.validate ({n} dates, numeric and written)")
    ddata = [rng.choice(DATES) for _ in range(n)]
    ours = measure(
        "dates.validate",
        lambda item: dates.validate(item[0], locale=item[1]),  # type: ignore[index]
        ddata,
    )
    known = [d for d in ddata if d[2] is not None]
    base = measure(
        "baseline: strptime, format known",
        lambda item: dt.datetime.strptime(item[0], item[2]).date(),  # type: ignore[index]  # noqa: DTZ007
        known,
    )
    compare("dates", ours, base)


if __name__ == "__main__":
    main()
