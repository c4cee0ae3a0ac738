"""Phone numbers: the fast path against the general path and phonenumbers alone.

For each shape of number (those of the record benchmark, and a few more of
our markets), every call gets a number not seen before, so no cache helps:

* ``phones.validate``: the fast path where the shape allows, else the general;
* ``general path``: ``phones._general``, what ``validate`` did for every
  number before the fast path (our cleaning and readings on phonenumbers);
* ``phonenumbers``: ``parse`` + ``is_valid_number`` + ``format_number(E164)``,
  the bare minimum with the dependency.

The contenders take turns (best of five rounds), then the latency percentiles
and the traced peak memory of ``phones.validate`` are taken on fresh numbers.

Run: python benchmarks/bench_phones.py [--n 3000]
(``CRMCORE_BENCH_SCALE`` scales the default ``--n``.)
"""

from __future__ import annotations

import argparse
import random
from typing import TYPE_CHECKING

import _harness
import phonenumbers

from crmcore.errors import ValidationError
from crmcore.standardize import phones

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

#: (shape, country): "#" is a random digit. The first seven are the shapes of
#: bench_standardize.py (with more digits left free, for more distinct
#: numbers); the last two go to the general path.
SHAPES = [
    ("+380 67 ### ## ##", None),
    ("020 79## ####", "GB"),
    ("(212) 55#-####", "US"),
    ("+7 912 ###-##-##", None),
    ("+30 693 ### ####", None),
    ("+49 30 #######", None),
    ("60# ### ###", "PL"),
    ("8 (495) ###-##-##", "RU"),
    ("0151 ########", "DE"),
    ("07400 ######", "GB"),
    ("0048 22 ### ## ##", "PL"),
    ("8 050 ### ## ##", "UA"),
    ("+7 912 ###-##-## доб. 12", None),
]
ROUNDS = 5


def numbers(shape: str, count: int, rng: random.Random) -> list[str]:
    """Return ``count`` distinct numbers of ``shape``."""
    seen: set[str] = set()
    holes = shape.count("#")
    count = min(count, 10**holes)
    while len(seen) < count:
        digits = iter(f"{rng.randrange(10**holes):0{holes}d}")
        seen.add("".join(next(digits) if c == "#" else c for c in shape))
    out = sorted(seen)
    rng.shuffle(out)
    return out


def _quiet(func: Callable[[str], object]) -> Callable[[str], object]:
    def call(raw: str) -> object:
        try:
            return func(raw)
        except ValidationError:
            return None

    return call


def _bare(region: str | None) -> Callable[[str], object]:
    def call(raw: str) -> object:
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            return None
        phonenumbers.is_valid_number(number)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    return call


def _fresh(func: Callable[[str], object], values: Iterator[str]) -> Callable[[], object]:
    return lambda: func(next(values))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=_harness.scaled(3000, minimum=200))
    n = parser.parse_args().n
    rng = random.Random(20240607)
    print(_harness.environment())
    print(f"µs per call, {n} fresh numbers per shape and contender, best of {ROUNDS} rounds")
    print(
        f"  {'shape':<28} {'country':<8} {'valid %':>7} {'validate':>9} {'general':>9}"
        f" {'phonenum':>9} {'x':>6}"
    )
    totals = {"validate": 0.0, "general": 0.0, "phonenumbers": 0.0}
    for shape, region in SHAPES:
        validate = _quiet(lambda raw, r=region: phones.validate(raw, country=r))
        general = _quiet(
            lambda raw, r=region: phones._general(raw, r)  # noqa: SLF001 - the path before
        )
        contenders = {"validate": validate, "general": general, "phonenumbers": _bare(region)}
        # Every call of every round gets a number of its own (the same
        # numbers for each contender).
        pool = numbers(shape, n * ROUNDS + 1, rng)
        phones.validate(pool.pop(), country=region)  # metadata compiled before timing
        valid = sum(phones.is_valid(raw, country=region) for raw in pool[:200]) / 2
        rates = _harness.best_throughput(
            {name: _fresh(func, iter(pool)) for name, func in contenders.items()}, n, ROUNDS
        )
        phones._validate.cache_clear()  # noqa: SLF001 - a cold cache is what we measure
        micro = {name: 1e6 / rate for name, rate in rates.items()}
        for name, value in micro.items():
            totals[name] += value
        print(
            f"  {shape:<28} {region or '-':<8} {valid:7.0f} {micro['validate']:9.2f}"
            f" {micro['general']:9.2f}"
            f" {micro['phonenumbers']:9.2f} {micro['general'] / micro['validate']:6.1f}"
        )
    count = len(SHAPES)
    print(
        f"  {'mean':<28} {'':<8} {'':>7} {totals['validate'] / count:9.2f}"
        f" {totals['general'] / count:9.2f} {totals['phonenumbers'] / count:9.2f}"
    )

    print("\nphones.validate on the record benchmark's seven shapes, fresh numbers")
    _harness.header()
    mixed = [
        (raw, region) for shape, region in SHAPES[:7] for raw in numbers(shape, max(1, n // 7), rng)
    ]
    rng.shuffle(mixed)
    phones._validate.cache_clear()  # noqa: SLF001 - a cold cache is what we measure
    ours = _harness.measure(
        "phones.validate", lambda item: phones.validate(item[0], country=item[1]), mixed
    )
    base = _harness.measure(
        "phonenumbers parse + is_valid + E.164",
        lambda item: _bare(item[1])(item[0]),
        mixed,
    )
    _harness.compare("phones.validate vs phonenumbers", ours, base)


if __name__ == "__main__":
    main()
