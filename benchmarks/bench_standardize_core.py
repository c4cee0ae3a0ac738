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
(``CRMCORE_BENCH_SCALE`` scales the default ``--n``.)
"""

from __future__ import annotations

import argparse
import random
import unicodedata

import _harness
import idna
import phonenumbers
from _harness import compare, measure

from crmcore.standardize import emails, keys, phones, texts

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=_harness.scaled(10_000, minimum=1000))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    n = args.n
    print(_harness.environment())
    _harness.header()

    print(f"texts.clean ({n} names)")
    data = names(n, rng)
    texts.clean(data[0])  # load tables
    ours = measure("texts.clean", texts.clean, data)
    base = measure(
        "baseline: NFC + split/join",
        lambda s: " ".join(unicodedata.normalize("NFC", s).split()),
        data,
    )
    compare("clean", ours, base)

    print(f"keys ({n} names)")
    keys.matching_key.cache_clear()
    ours = measure("keys.matching_key (cold cache)", keys.matching_key, data)
    warm = measure("keys.matching_key (warm cache)", keys.matching_key, data[-5000:])
    base = measure("baseline: keys.transliterate", keys.transliterate, data)
    compare("matching_key cold", ours, base)
    compare("matching_key warm", warm, base)

    print(f"phones.validate ({n} numbers in 7 markets)")
    pdata = phone_inputs(n, rng)
    phones.validate("+48601234567")

    def bare(item: tuple[str, str]) -> object:
        raw, country = item
        try:
            number = phonenumbers.parse(raw, country)
        except phonenumbers.NumberParseException:
            return None
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        return None

    def ours_phone(item: tuple[str, str]) -> object:
        raw, country = item
        return phones.validate(raw, country=country)

    phones._validate.cache_clear()  # noqa: SLF001 - a cold cache is what we measure
    ours = measure("phones.validate (cold cache)", ours_phone, pdata)
    # The same 5,000 numbers again: a repeated import or form re-submission.
    warm = measure("phones.validate (warm cache)", ours_phone, pdata[-5000:])
    base = measure("baseline: phonenumbers parse+valid+E164", bare, pdata)
    compare("phones cold", ours, base)
    compare("phones warm", warm, base)

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
    compare("emails cold", ours, base)


if __name__ == "__main__":
    main()
