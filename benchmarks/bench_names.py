"""Throughput and latency of the name standardisers: persons, companies, websites.

Each standardiser runs over the real-format corpora of the test suite (several
times over), and the same inputs go through ``texts.clean``, the text cleaning
every one of them starts with, as the baseline: the ratio says what the parsing
costs on top of cleaning.

    python benchmarks/bench_names.py [--rounds N]

``CRMCORE_BENCH_SCALE`` scales the default number of rounds.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

import _harness
from _harness import call_quietly, measure

from crmcore.standardize import company_names, person_names, texts, websites

if TYPE_CHECKING:
    from collections.abc import Callable

DATA = Path(__file__).parents[1] / "tests" / "standardize" / "data"


def _inputs(name: str) -> list[str]:
    corpus = json.loads((DATA / name).read_text("utf-8"))
    raws = [c["raw"] for c in corpus["valid"] + corpus["invalid"]]
    return [r for r in raws if isinstance(r, str)]


def _run(
    label: str, fn: Callable[[str], object], inputs: list[str], rounds: int
) -> _harness.Result:
    for raw in inputs:  # warm the caches (tables, lazily filled translation tables)
        call_quietly(fn, raw)
    return measure(label, fn, inputs * rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=_harness.scaled(200, minimum=5))
    args = parser.parse_args()
    families: dict[str, tuple[Callable[[str], object], list[str]]] = {
        "person_names.validate": (person_names.validate, _inputs("person_names.json")),
        "company_names.validate": (company_names.validate, _inputs("company_names.json")),
        "websites.validate": (websites.validate, _inputs("websites.json")),
    }
    print(_harness.environment())
    _harness.header()
    for label, (fn, inputs) in families.items():
        baseline = _run("  texts.clean (baseline)", texts.clean, inputs, args.rounds)
        result = _run(label, fn, inputs, args.rounds)
        print(f"  -> {label} costs {baseline.rate / result.rate:.1f}x texts.clean")

    def one_pass() -> None:
        for fn, inputs in families.values():
            for raw in inputs:
                call_quietly(fn, raw)

    peak = _harness.traced_peak_kib(one_pass)
    print(f"peak traced memory over one pass of all corpora: {peak:,.0f} KiB")


if __name__ == "__main__":
    main()
