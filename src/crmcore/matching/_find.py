"""Finding the duplicates among many parties: block, compare, fit, score, threshold, cluster."""

from __future__ import annotations

import collections
import contextlib
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

import attrs
import numpy as np

from crmcore._data import load_json
from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.matching._blocking import BlockingReport, Candidates, candidate_pairs, encode_pairs
from crmcore.matching._cluster import clusters as find_clusters
from crmcore.matching._columns import Columns, extract, texts_of
from crmcore.matching._explain import Explanation, evidence_of
from crmcore.matching._frequencies import adjustments
from crmcore.matching._model import Model
from crmcore.matching._settings import Settings
from crmcore.matching._threshold import Threshold, suggest_threshold
from crmcore.matching._training import train
from crmcore.model import Party
from crmcore.standardize.keys import matching_key

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Iterator

__all__ = [
    "Duplicates",
    "ScoredPair",
    "compare",
    "explanation",
    "find_duplicates",
    "fit",
    "levels_of",
    "variants",
]

#: Pairs are compared this many at a time, so that memory stays bounded.
CHUNK: Final = 1_000_000
#: Random pairs drawn to estimate how often non-matches agree (``u``).
RANDOM_PAIRS: Final = 200_000

PairIds = tuple[uuid.UUID | str, uuid.UUID | str]


@attrs.frozen
class ScoredPair:
    """Two parties and how likely they are one.

    Attributes:
        left: The first party's id.
        right: The second party's id.
        probability: The match probability.
        weight: The match weight (``log2`` of the odds).
    """

    left: uuid.UUID
    right: uuid.UUID
    probability: float
    weight: float
    #: Whether comparisons other than the names agree enough for a match
    #: (the settings' ``corroboration``); a pair that is not is reviewed.
    corroborated: bool = True


def _variants() -> dict[str, int]:
    table: dict[str, int] = {}
    for group, names in enumerate(load_json("matching", "name_variants.json")["groups"]):
        for name in names:
            table.setdefault(matching_key(name), group)
    return table


_VARIANTS: dict[str, int] = {}


def variants() -> dict[str, int]:
    """Return the group of name variants of each given name's matching key (read once)."""
    if not _VARIANTS:
        _VARIANTS.update(_variants())
    return _VARIANTS


def _columns(parties: Iterable[Party], settings: Settings) -> Columns:
    """Return the columns of ``parties``, refusing what is not a list of distinct parties."""
    if isinstance(parties, str | bytes | Party) or not hasattr(parties, "__iter__"):
        raise ValidationError(
            N_("the parties must be a list of parties"),
            code="matching.parties",
            field="parties",
            value=parties,
            hint="a list of crmcore.model.Party",
        )
    columns = extract(parties, birth_date=settings.birth_date, variants=variants())
    if len(set(columns.ids)) != len(columns.ids):
        counted = collections.Counter(columns.ids)
        twice = next(each for each, count in counted.items() if count > 1)
        raise ValidationError(
            N_("two of the parties have the same id"),
            code="matching.duplicate_id",
            field="parties",
            value=twice,
            hint="each party once",
        )
    return columns


def levels_of(
    settings: Settings, columns: Columns, left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    """Return the level of every comparison for every pair, a row per pair."""
    levels = np.zeros((len(left), len(settings.comparisons)), dtype=np.int8)
    for start in range(0, len(left), CHUNK):
        part_left, part_right = left[start : start + CHUNK], right[start : start + CHUNK]
        for column, comparison in enumerate(settings.comparisons):
            levels[start : start + CHUNK, column] = comparison.levels(
                columns, part_left, part_right
            )
    return levels


def _labelled(
    labels: Mapping[PairIds, bool], rows: Mapping[str, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    left, right, is_match = [], [], []
    for (a, b), same in labels.items():
        if str(a) not in rows or str(b) not in rows:
            raise ValidationError(
                N_("a labelled pair names a party that is not among the parties"),
                code="matching.labels",
                field="labels",
                value=(str(a), str(b)),
                hint="pairs of ids of the parties given",
            )
        left.append(rows[str(a)])
        right.append(rows[str(b)])
        is_match.append(bool(same))
    return np.array(left, np.int64), np.array(right, np.int64), np.array(is_match, bool)


def fit(
    parties: Iterable[Party],
    *,
    settings: Settings | None = None,
    labels: Mapping[PairIds, bool] | None = None,
    seed: int = 0,
) -> Model:
    """Return a model fitted to ``parties``: by EM without labels, or counted from ``labels``.

    Args:
        parties: The parties to learn from.
        settings: The comparisons and blocking keys (:class:`Settings` if not given).
        labels: Pairs of party ids, each marked ``True`` (one party) or
            ``False`` (two): how often matches agree is then counted from the
            pairs marked ``True`` instead of fitted.
        seed: The seed of the random pairs that estimate how often
            non-matches agree (for repeatable fits).
    """
    settings = settings or Settings()
    columns = _columns(parties, settings)
    candidates = candidate_pairs(columns, settings.blocking, settings.max_block)
    levels = levels_of(settings, columns, candidates.left, candidates.right)
    labelled = None
    if labels is not None:
        left, right, is_match = _labelled(
            labels, {str(row): i for i, row in enumerate(columns.ids)}
        )
        if not is_match.any():
            raise ValidationError(
                N_("the labels mark no pair as one party"),
                code="matching.labels",
                field="labels",
                value=len(labels),
                hint="some pairs marked True",
            )
        labelled = (levels_of(settings, columns, left, right), is_match)
    model = train(
        settings,
        columns,
        candidates,
        levels,
        _levels_in(settings, columns),
        seed=seed,
        labelled=labelled,
    )
    return _with_thresholds(model, columns, candidates, levels)


def _scores(
    model: Model, columns: Columns, candidates: Candidates, levels: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the weights, probabilities and corroboration of the candidate pairs."""
    extra = adjustments(model, columns, candidates.left, candidates.right)
    weights, probabilities = model.score(levels, extra)
    corroborated = model.corroboration(levels, extra) >= model.settings.corroboration
    return weights, probabilities, corroborated


def _with_thresholds(
    model: Model, columns: Columns, candidates: Candidates, levels: np.ndarray
) -> Model:
    """Return the model with the thresholds suggested on its own candidates kept in it."""
    _, probabilities, corroborated = _scores(model, columns, candidates, levels)
    suggested = suggest_threshold(probabilities, min_precision=0.98, matchable=corroborated)
    return attrs.evolve(
        model, threshold=suggested.match, review=min(suggested.review, suggested.match)
    )


def _levels_in(
    settings: Settings, columns: Columns
) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    def levels(left: np.ndarray, right: np.ndarray) -> np.ndarray:
        return levels_of(settings, columns, left, right)

    return levels


@attrs.frozen
class Duplicates:
    """The duplicates found among a list of parties.

    Attributes:
        pairs: The candidate pairs at or above the review threshold, most likely first.
        threshold: The match and review thresholds, and what is expected at them.
        clusters: The groups of parties that are one, each of two or more,
            largest first.
        model: The model that scored the pairs (fitted here unless given).
        blocking: What the blocking keys did.
    """

    pairs: tuple[ScoredPair, ...]
    threshold: Threshold
    clusters: tuple[frozenset[uuid.UUID], ...]
    model: Model
    blocking: BlockingReport
    _explain: Callable[[uuid.UUID | str, uuid.UUID | str], Explanation] = attrs.field(
        repr=False, alias="explain"
    )
    #: The seconds each stage took: reading, blocking, comparing, training
    #: (when the model was fitted here), scoring and clustering.
    timings: Mapping[str, float] = attrs.field(factory=dict, repr=False)

    @property
    def matches(self) -> tuple[ScoredPair, ...]:
        """The corroborated pairs at or above the match threshold."""
        return tuple(
            each
            for each in self.pairs
            if each.probability >= self.threshold.match and each.corroborated
        )

    @property
    def review(self) -> tuple[ScoredPair, ...]:
        """The pairs for a person to review: the others at or above the review threshold.

        Those below the match threshold, and those above it that only their
        names make likely.
        """
        return tuple(
            each
            for each in self.pairs
            if each.probability < self.threshold.match or not each.corroborated
        )

    def explain(self, left: uuid.UUID | str, right: uuid.UUID | str) -> Explanation:
        """Return why the parties ``left`` and ``right`` (ids) scored as they do.

        Any two of the parties may be asked for, candidates or not.

        Raises:
            ValidationError: ``matching.unknown_party`` for an id that is not
                among the parties.
        """
        return self._explain(left, right)


def _row_of(rows: Mapping[uuid.UUID, int], party_id: uuid.UUID | str) -> int:
    row = None
    with contextlib.suppress(TypeError, ValueError, AttributeError):  # not an id: no party
        row = rows.get(party_id if isinstance(party_id, uuid.UUID) else uuid.UUID(party_id))
    if row is None:
        raise ValidationError(
            N_("there is no party of this id among the parties"),
            code="matching.unknown_party",
            field="id",
            value=party_id,
            hint="the id of one of the parties given",
        )
    return row


def explanation(model: Model, columns: Columns, a: int, b: int) -> Explanation:
    """Return the explanation of the pair of rows ``a`` and ``b`` of ``columns``."""
    settings = model.settings
    left, right = np.array([a]), np.array([b])
    levels = levels_of(settings, columns, left, right)
    extra = adjustments(model, columns, left, right)
    weight, probability = model.score(levels, extra)
    weights = model.weights()
    row = levels[0].tolist()
    gained = [float(extra[column][0]) if column in extra else 0.0 for column in range(len(row))]
    shown_a, shown_b = texts_of(columns, a), texts_of(columns, b)
    reads = [comparison.reads for comparison in settings.comparisons]
    return Explanation(
        str(columns.ids[a]),
        str(columns.ids[b]),
        float(probability[0]),
        float(weight[0]),
        model.prior_weight,
        evidence_of(
            names=[each.name for each in settings.comparisons],
            labels=[each.labels for each in settings.comparisons],
            levels=row,
            weights=[weights[column][level] + gained[column] for column, level in enumerate(row)],
            left=[shown_a[field] for field in reads],
            right=[shown_b[field] for field in reads],
        ),
    )


def compare(left: Party, right: Party, model: Model) -> Explanation:
    """Return how ``model`` scores two parties, with the evidence of each comparison.

    >>> from crmcore.model import Party
    >>> when = "2026-01-05T10:00:00+02:00"
    >>> a = Party.person(given="Олександр", family="Іваненко", created_at=when)
    >>> b = Party.person(given="Oleksandr", family="Ivanenko", created_at=when)
    >>> explained = compare(a, b, Model.untrained())
    >>> [(e.comparison, e.level) for e in explained.evidence if not e.missing]
    [('given_name', 'exact'), ('family_name', 'exact')]
    """
    columns = _columns([left, right], model.settings)
    return explanation(model, columns, 0, 1)


def find_duplicates(
    parties: Iterable[Party],
    *,
    model: Model | None = None,
    settings: Settings | None = None,
    threshold: float | None = None,
    min_precision: float = 0.98,
    true_pairs: Collection[PairIds] | None = None,
    seed: int = 0,
) -> Duplicates:
    """Return the duplicates among ``parties``.

    Candidate pairs come from the blocking keys; each is compared field by
    field and scored by ``model``, or by a model fitted here by EM on the
    candidates themselves (no labels needed). The match threshold is
    ``threshold`` if given, else the one :func:`suggest_threshold` finds from
    the model, whose expected precision and recall it reports. Matched pairs
    are clustered with the guard of :func:`crmcore.matching.clusters`.

    Args:
        parties: The parties to search.
        model: A fitted model (from :func:`fit` or :meth:`Model.from_json`).
        settings: The settings to fit a model with (ignored when ``model`` is given).
        threshold: The match probability at or above which a pair is a match.
        min_precision: The least expected precision a suggested threshold must give.
        true_pairs: The pairs known to be one party, if any: the blocking
            report then says how many of them each key reached.
        seed: The seed of the random pairs that estimate ``u``.
    """
    settings = model.settings if model is not None else settings or Settings()
    clock = _Stages()
    with clock("reading"):
        columns = _columns(parties, settings)
        encoded = None if true_pairs is None else _encoded(columns, true_pairs)
    with clock("blocking"):
        candidates = candidate_pairs(columns, settings.blocking, settings.max_block, encoded)
    with clock("comparing"):
        levels = levels_of(settings, columns, candidates.left, candidates.right)
    if model is None:
        with clock("training"):
            model = train(
                settings, columns, candidates, levels, _levels_in(settings, columns), seed=seed
            )
            model = _with_thresholds(model, columns, candidates, levels)
    with clock("scoring"):
        weights, probabilities, corroborated = _scores(model, columns, candidates, levels)
        suggested = suggest_threshold(
            probabilities, min_precision=min_precision, matchable=corroborated
        )
        if threshold is not None:
            suggested = _at(probabilities, threshold, suggested)
        scored = _scored(
            columns.ids, candidates, (probabilities, weights, corroborated), suggested.review
        )
    fitted = model

    def score(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        extra = adjustments(fitted, columns, a, b)
        return fitted.score(levels_of(fitted.settings, columns, a, b), extra)[1]

    with clock("clustering"):
        groups = find_clusters(
            candidates.left,
            candidates.right,
            np.where(corroborated, probabilities, 0.0),
            suggested.match,
            score,
        )
        found = tuple(
            frozenset(columns.ids[row] for row in group)
            for group in sorted(groups, key=lambda g: (-len(g), g))
        )
    rows = {party_id: row for row, party_id in enumerate(columns.ids)}

    def explain(left: uuid.UUID | str, right: uuid.UUID | str) -> Explanation:
        a, b = (_row_of(rows, each) for each in (left, right))
        return explanation(fitted, columns, a, b)

    return Duplicates(scored, suggested, found, model, candidates.report, explain, clock.seconds)


class _Stages:
    """Times the stages of a run, in seconds."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = time.perf_counter() - start


def _encoded(columns: Columns, true_pairs: Collection[PairIds]) -> np.ndarray:
    rows = {party_id: row for row, party_id in enumerate(columns.ids)}
    pairs = np.array(
        [(_row_of(rows, a), _row_of(rows, b)) for a, b in true_pairs], dtype=np.int64
    ).reshape(-1, 2)
    return np.unique(encode_pairs(pairs[:, 0], pairs[:, 1], len(columns)))


def _scored(
    ids: Sequence[uuid.UUID],
    candidates: Candidates,
    scores: tuple[np.ndarray, np.ndarray, np.ndarray],
    review: float,
) -> tuple[ScoredPair, ...]:
    """Return the pairs at or above ``review``, most likely first."""
    probabilities, weights, corroborated = scores
    kept = np.flatnonzero(probabilities >= review)
    kept = kept[np.argsort(-probabilities[kept], kind="stable")]
    return tuple(
        ScoredPair(ids[a], ids[b], p, w, c)
        for a, b, p, w, c in zip(
            candidates.left[kept].tolist(),
            candidates.right[kept].tolist(),
            probabilities[kept].tolist(),
            weights[kept].tolist(),
            corroborated[kept].tolist(),
            strict=True,
        )
    )


def _at(probabilities: np.ndarray, threshold: object, suggested: Threshold) -> Threshold:
    if not isinstance(threshold, float | int) or not 0.0 < threshold <= 1.0:
        raise ValidationError(
            N_("the threshold must be a probability above 0, at most 1"),
            code="matching.threshold",
            field="threshold",
            value=threshold,
            hint="such as 0.9",
        )
    from crmcore.matching._threshold import expectations

    precision, recall = expectations(probabilities, float(threshold))
    review = min(suggested.review, float(threshold))
    in_band = int(((probabilities >= review) & (probabilities < threshold)).sum())
    return Threshold(
        float(threshold), review, precision, recall, suggested.expected_matches, in_band
    )
