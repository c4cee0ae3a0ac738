"""Throughput and latency of the text, key, phone and e-mail standardisers.

Each standardiser runs over generated, realistic input (names and addresses in
Polish, Ukrainian, Russian, Greek, German and English; phone numbers in each
market's own writing; e-mail addresses with IDN domains), against a baseline
that does the bare minimum with the same dependency in the same run:

* texts.clean      vs unicodedata.normalize("NFC") + " ".join(split())
* keys.matching_key (cache cleared) vs keys.transliterate alone
* phones.validate  vs phonenumbers.parse + is_valid_number + format_number(E164)
* emails.validate  vs str.rpartition("@") + idna.encode(domain, uts46=True)

Run: python benchmarks/bench_standardize_core.py [--n 10000]
"""

from __future__ import annotations

import argparse
import contextlib
import random
import statistics
import time
import tracemalloc
import unicodedata
from typing import TYPE_CHECKING

import idna
import phonenumbers

from crmcore.errors import ValidationError
from crmcore.standardize import emails, keys, phones, texts

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

FIRST = [
    "Jan",
    "Anna",
    "Олександр",
    "Ганна",
    "Алексей",
    "Юлия",
    "Γεώργιος",
    "Ελένη",
    "Jürgen",
    "Gregory",
    "Łukasz",
    "Małgorzata",
    "Андрій",
    "Ευάγγελος",
    "Charlotte",
]
LAST = [
    "Kowalski",
    "Wiśniewska",
    "Шевченко",
    "Коваленко",
    "Иванов",
    "Щукина",
    "Παπαδόπουλος",
    "Οικονόμου",
    "Müller",
    "Schröder",
    "Smith",
    "O’Neill",
    "Żółkiewski",
    "Бондаренко",
]
NOISE = ["", "\u00a0", "  ", "\u200b", "\t"]
PHONE_FORMS = [
    ("PL", "{a}{b}{c}-{d}{e}{f}-{g}{h}{i}", "6"),
    ("PL", "+48 22 {a}{b}{c} {d}{e} {f}{g}", ""),
    ("UA", "8 050 {a}{b}{c} {d}{e} {f}{g}", ""),
    ("UA", "+380 (44) {a}{b}{c}-{d}{e}-{f}{g}", ""),
    ("RU", "8 (495) {a}{b}{c}-{d}{e}-{f}{g}", ""),
    ("RU", "+7 912 {a}{b}{c}-{d}{e}-{f}{g} доб. 12", ""),
    ("GR", "69{a} {b}{c}{d} {e}{f}{g}{h}", ""),
    ("DE", "030 {a}{b}{c}{d}{e}{f}{g}", ""),
    ("GB", "07400 {a}{b}{c}{d}{e}{f}", ""),
    ("US", "(212) 555-01{a}{b}", ""),
]
DOMAINS = [
    "onet.pl",
    "wp.pl",
    "ukr.net",
    "gmail.com",
    "yandex.ru",
    "пример.рф",
    "bücher.de",
    "example.co.uk",
    "παράδειγμα.ελ",
]


def names(n: int, rng: random.Random) -> list[str]:
    return [
        f"{rng.choice(NOISE)}{rng.choice(FIRST)} {rng.choice(NOISE)}{rng.choice(LAST)}"
        f"{rng.randrange(100000)}{rng.choice(NOISE)}"
        for _ in range(n)
    ]


def phone_inputs(n: int, rng: random.Random) -> list[tuple[str, str]]:
    out = []
    for _ in range(n):
        country, form, _ = rng.choice(PHONE_FORMS)
        digits = {k: str(rng.randrange(10)) for k in "abcdefghi"}
        out.append((form.format(**digits), country))
    return out


def email_inputs(n: int, rng: random.Random) -> list[str]:
    return [
        f"{rng.choice(['jan', 'Anna.K', 'oleksandr', 'пример', 'γιώργος'])}{rng.randrange(10**6)}"
        f"@{rng.choice(DOMAINS)}"
        for _ in range(n)
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


def compare(title: str, ours: tuple[str, float], base: tuple[str, float]) -> None:
    print(f"  -> {title}: ours/baseline throughput = {ours[1] / base[1]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    n = args.n

    print(f"texts.clean ({n} names)")
    data = names(n, rng)
    texts.clean(data[0])  # load tables
    ours = measure("texts.clean", texts.clean, data)
    base = measure(
        "baseline: NFC + split/join",
        lambda s: " ".join(unicodedata.normalize("NFC", s).split()),  # type: ignore[arg-type]
        data,
    )
    compare("clean", ("", ours), ("", base))

    print(f"keys ({n} names)")
    keys.matching_key.cache_clear()
    ours = measure("keys.matching_key (cold cache)", keys.matching_key, data)
    warm = measure("keys.matching_key (warm cache)", keys.matching_key, data[-5000:])
    base = measure("baseline: keys.transliterate", keys.transliterate, data)
    compare("matching_key cold", ("", ours), ("", base))
    compare("matching_key warm", ("", warm), ("", base))

    print(f"phones.validate ({n} numbers in 7 markets)")
    pdata = phone_inputs(n, rng)
    phones.validate("+48601234567")

    def bare(item: object) -> object:
        raw, country = item  # type: ignore[misc]
        try:
            number = phonenumbers.parse(raw, country)
        except phonenumbers.NumberParseException:
            return None
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        return None

    def ours_phone(item: object) -> object:
        raw, country = item  # type: ignore[misc]
        return phones.validate(raw, country=country)

    phones._validate.cache_clear()  # noqa: SLF001 - a cold cache is what we measure
    ours = measure("phones.validate (cold cache)", ours_phone, pdata)
    # The same 5,000 numbers again: a repeated import or form re-submission.
    warm = measure("phones.validate (warm cache)", ours_phone, pdata[-5000:])
    base = measure("baseline: phonenumbers parse+valid+E164", bare, pdata)
    compare("phones cold", ("", ours), ("", base))
    compare("phones warm", ("", warm), ("", base))

    print(f"emails.validate ({n} addresses)")
    edata = email_inputs(n, rng)
    emails.validate("jan@wp.pl")

    def bare_email(raw: object) -> object:
        local, _, domain = str(raw).rpartition("@")
        try:
            return local + "@" + idna.encode(domain, uts46=True).decode()
        except idna.IDNAError:
            return None

    emails._validate.cache_clear()  # noqa: SLF001 - a cold cache is what we measure
    ours = measure("emails.validate (cold cache)", emails.validate, edata)
    base = measure("baseline: rpartition + idna.encode", bare_email, edata)
    compare("emails cold", ("", ours), ("", base))


if __name__ == "__main__":
    main()
