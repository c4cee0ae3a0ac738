"""Matching against a store: one new party on entry, or a whole store in a batch.

* :func:`match` finds the probable duplicates of one party among those stored,
  through the store's key index (:meth:`~crmcore.storage.Parties.candidates`):
  a form can ask on every entry, and stored parties keep their ids;
* :func:`find_store_duplicates` goes through a whole store: the candidate
  pairs come from the store itself (:meth:`~crmcore.storage.Parties.key_blocks`,
  streamed), and the parties of a chunk of pairs are read together
  (:meth:`~crmcore.storage.Parties.get_many`), so that a store too big for
  one process's memory is never loaded whole.

Both score with a fitted :class:`~crmcore.matching.Model` and its term
frequencies, and keep its thresholds unless told otherwise.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

import attrs
import numpy as np

from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.matching._blocking import BlockingReport, KeyReport
from crmcore.matching._cluster import clusters as find_clusters
from crmcore.matching._columns import Columns, extract
from crmcore.matching._find import (
    Duplicates,
    ScoredPair,
    explanation,
    levels_of,
    variants,
)
from crmcore.matching._frequencies import adjustments
from crmcore.matching._model import Model
from crmcore.matching._settings import BlockingKey
from crmcore.matching._threshold import Threshold, expectations
from crmcore.model import Party
from crmcore.storage import SkippedKey

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from crmcore.matching._explain import Explanation
    from crmcore.storage import KeyBlock, Store

__all__ = ["Matches", "find_store_duplicates", "match"]

#: The store's kinds of look-up key, as the blocking keys they are.
_KINDS: Final = {
    "phone": BlockingKey.PHONE,
    "email": BlockingKey.EMAIL,
    "identifier": BlockingKey.IDENTIFIER,
    "external": BlockingKey.EXTERNAL_KEY,
    "name": BlockingKey.NAME,
}
#: Candidate pairs scored together in a batch over a store.
CHUNK: Final = 50_000


def _scored(
    model: Model, columns: Columns, left: np.ndarray, right: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    levels = levels_of(model.settings, columns, left, right)
    extra = adjustments(model, columns, left, right)
    weights, probabilities = model.score(levels, extra)
    corroborated = model.corroboration(levels, extra) >= model.settings.corroboration
    return weights, probabilities, corroborated


@attrs.frozen
class Matches:
    """The probable duplicates of one party among the stored ones.

    Attributes:
        party: The party asked about.
        pairs: The stored candidates at or above the model's review threshold,
            most likely first (``left`` is the party asked about).
        threshold: The match threshold.
        review_threshold: The lower end of the review band.
        candidates: How many stored parties shared a key with the party.
        skipped: The keys too many stored parties share to look through.
    """

    party: Party
    pairs: tuple[ScoredPair, ...]
    threshold: float
    review_threshold: float
    candidates: int
    skipped: tuple[SkippedKey, ...]
    _model: Model = attrs.field(repr=False, alias="model")
    _found: Sequence[Party] = attrs.field(repr=False, alias="found")

    @property
    def matches(self) -> tuple[ScoredPair, ...]:
        """The corroborated candidates at or above the match threshold."""
        return tuple(p for p in self.pairs if p.probability >= self.threshold and p.corroborated)

    @property
    def review(self) -> tuple[ScoredPair, ...]:
        """The other candidates at or above the review threshold, for a person to look at."""
        return tuple(p for p in self.pairs if p.probability < self.threshold or not p.corroborated)

    def explain(self, stored: uuid.UUID | str) -> Explanation:
        """Return why the stored party ``stored`` (an id) scored as it did.

        Raises:
            ValidationError: ``matching.unknown_party`` for an id that was no candidate.
        """
        for row, party in enumerate(self._found, start=1):
            if str(party.id) == str(stored):
                columns = _columns(self._model, [self.party, *self._found])
                return explanation(self._model, columns, 0, row)
        raise ValidationError(
            N_("there is no party of this id among the parties"),
            code="matching.unknown_party",
            field="id",
            value=stored,
            hint="the id of one of the candidates",
        )


def _columns(model: Model, parties: Sequence[Party]) -> Columns:
    return extract(parties, birth_date=model.settings.birth_date, variants=variants())


def match(party: Party, store: Store, model: Model, *, max_per_key: int = 50) -> Matches:
    """Return the probable duplicates of ``party`` among the parties of ``store``.

    The candidates are the stored parties that share a look-up key with it (a
    phone, an e-mail key, an identifier, an external key, a name key); each
    is compared and scored by ``model``. ``party`` need not be stored: this is
    the check a form makes before it adds a new customer.

    Args:
        party: The party to find the duplicates of.
        store: The store to look in.
        model: A fitted model (:func:`crmcore.matching.fit`, or loaded from JSON).
        max_per_key: A key more stored parties share than this is skipped
            (and reported): a switchboard number, ``info@``, a common name.
    """
    if not isinstance(party, Party):
        raise ValidationError(
            N_("the party to match must be a party"),
            code="matching.party",
            field="party",
            value=party,
            hint="a crmcore.model.Party",
        )
    found = store.parties.candidates(party, max_per_key=max_per_key)
    stored = list(found.parties)
    pairs: tuple[ScoredPair, ...] = ()
    if stored:
        columns = _columns(model, [party, *stored])
        right = np.arange(1, len(stored) + 1)
        weights, probabilities, corroborated = _scored(
            model, columns, np.zeros(len(stored), dtype=np.int64), right
        )
        order = np.argsort(-probabilities, kind="stable")
        pairs = tuple(
            ScoredPair(party.id, stored[k].id, float(probabilities[k]), float(weights[k]), bool(c))
            for k, c in zip(order.tolist(), corroborated[order].tolist(), strict=True)
            if probabilities[k] >= model.review
        )
    return Matches(
        party, pairs, model.threshold, model.review, len(stored), found.skipped, model, stored
    )


def _chunks(blocks: Iterator[KeyBlock]) -> Iterator[tuple[list[KeyBlock], list[KeyBlock]]]:
    """Yield the blocks of up to :data:`CHUNK` pairs at a time, and the skipped ones."""
    kept: list[KeyBlock] = []
    skipped: list[KeyBlock] = []
    pairs = 0
    for block in blocks:
        if block.skipped:
            skipped.append(block)
            continue
        kept.append(block)
        pairs += len(block.ids) * (len(block.ids) - 1) // 2
        if pairs >= CHUNK:
            yield kept, skipped
            kept, skipped, pairs = [], [], 0
    if kept or skipped:
        yield kept, skipped


def find_store_duplicates(
    store: Store,
    model: Model,
    *,
    threshold: float | None = None,
    max_block: int = 100,
) -> Duplicates:
    """Return the duplicates among all the parties of ``store``.

    The candidate pairs come from the store's key index, streamed block by
    block; the parties of each chunk of pairs are read together, compared and
    scored by ``model``, and only the pairs at or above the review threshold
    are kept. Clusters are formed as :func:`crmcore.matching.find_duplicates`
    forms them. In the blocking report, a kind's ``pairs`` counts a pair once
    for each key of that kind its parties share (two name keys, twice): a
    stream keeps no set of each kind's pairs; ``new_pairs`` counts each pair
    once, under the first kind that made it.

    Args:
        store: The store.
        model: A fitted model (fit one on a sample: ``fit(itertools.islice(
            store.parties.select(), 100_000))``).
        threshold: The match threshold (the model's if not given).
        max_block: A key shared by more parties than this pairs nobody.
    """
    match_at = model.threshold if threshold is None else _probability(threshold)
    review_at = min(model.review, match_at)
    kinds = {kind: key for kind, key in _KINDS.items() if key in model.settings.blocking}
    counts = dict.fromkeys(kinds, 0)
    new = dict.fromkeys(kinds, 0)
    skipped = dict.fromkeys(kinds, 0)
    largest = dict.fromkeys(kinds, 0)
    seen: set[tuple[uuid.UUID, uuid.UUID]] = set()
    kept: dict[tuple[uuid.UUID, uuid.UUID], ScoredPair] = {}
    parties: set[uuid.UUID] = set()
    blocks = store.parties.key_blocks(kinds=list(kinds), max_block=max_block)
    for chunk, too_big in _chunks(blocks):
        for block in too_big:
            skipped[block.kind] += 1
            largest[block.kind] = max(largest[block.kind], block.size)
        pairs = []
        for block in chunk:
            for a, b in itertools.combinations(block.ids, 2):
                pair = (a, b) if a.int < b.int else (b, a)
                counts[block.kind] += 1
                if pair not in seen:
                    new[block.kind] += 1
                    seen.add(pair)
                    pairs.append(pair)
            parties.update(block.ids)
        kept.update(_score_pairs(store, model, pairs, review_at))
    scored = tuple(sorted(kept.values(), key=lambda p: -p.probability))
    probabilities = np.array([p.probability for p in scored])
    precision, recall = expectations(probabilities, match_at)
    threshold_found = Threshold(
        match_at,
        review_at,
        precision,
        recall,
        float(probabilities.sum()),
        sum(p.probability < match_at for p in scored),
    )
    report = BlockingReport(
        tuple(
            KeyReport(key, counts[kind], new[kind], skipped[kind], largest[kind])
            for kind, key in kinds.items()
        ),
        len(seen),
        store.parties.count(),
    )
    groups = _clusters(store, model, scored, match_at)
    return Duplicates(
        scored,
        threshold_found,
        groups,
        model,
        report,
        explain=lambda a, b: _explain_stored(store, model, a, b),
    )


def _score_pairs(
    store: Store, model: Model, pairs: list[tuple[uuid.UUID, uuid.UUID]], review_at: float
) -> Iterable[tuple[tuple[uuid.UUID, uuid.UUID], ScoredPair]]:
    if not pairs:
        return ()
    ids = sorted({each for pair in pairs for each in pair}, key=lambda each: each.int)
    loaded = store.parties.get_many(ids)
    rows = {party.id: row for row, party in enumerate(loaded)}
    present = [pair for pair in pairs if pair[0] in rows and pair[1] in rows]
    columns = _columns(model, loaded)
    left = np.array([rows[a] for a, _ in present], dtype=np.int64)
    right = np.array([rows[b] for _, b in present], dtype=np.int64)
    weights, probabilities, corroborated = _scored(model, columns, left, right)
    chosen = np.flatnonzero(probabilities >= review_at).tolist()
    return [
        (
            present[k],
            ScoredPair(
                present[k][0],
                present[k][1],
                float(probabilities[k]),
                float(weights[k]),
                bool(corroborated[k]),
            ),
        )
        for k in chosen
    ]


def _clusters(
    store: Store, model: Model, scored: Sequence[ScoredPair], threshold: float
) -> tuple[frozenset[uuid.UUID], ...]:
    ids = sorted({each for p in scored for each in (p.left, p.right)}, key=lambda each: each.int)
    rows = {party_id: row for row, party_id in enumerate(ids)}
    left = np.array([rows[p.left] for p in scored], dtype=np.int64)
    right = np.array([rows[p.right] for p in scored], dtype=np.int64)
    probabilities = np.array([p.probability if p.corroborated else 0.0 for p in scored])

    def score(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        wanted = [ids[row] for row in {*a.tolist(), *b.tolist()}]
        loaded = store.parties.get_many(wanted)
        where = {party.id: row for row, party in enumerate(loaded)}
        columns = _columns(model, loaded)
        left_rows = np.array([where[ids[row]] for row in a.tolist()], dtype=np.int64)
        right_rows = np.array([where[ids[row]] for row in b.tolist()], dtype=np.int64)
        return _scored(model, columns, left_rows, right_rows)[1]

    groups = find_clusters(left, right, probabilities, threshold, score)
    return tuple(
        frozenset(ids[row] for row in group) for group in sorted(groups, key=lambda g: (-len(g), g))
    )


def _explain_stored(
    store: Store, model: Model, left: uuid.UUID | str, right: uuid.UUID | str
) -> Explanation:
    wanted = [_uuid(left), _uuid(right)]
    loaded = {party.id: party for party in store.parties.get_many(wanted)}
    missing = [each for each in wanted if each not in loaded]
    if missing:
        raise ValidationError(
            N_("there is no party of this id among the parties"),
            code="matching.unknown_party",
            field="id",
            value=missing[0],
            hint="the id of a stored party",
        )
    columns = _columns(model, [loaded[wanted[0]], loaded[wanted[1]]])
    return explanation(model, columns, 0, 1)


def _uuid(value: uuid.UUID | str) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError as error:
        raise ValidationError(
            N_("there is no party of this id among the parties"),
            code="matching.unknown_party",
            field="id",
            value=value,
            hint="the id of a stored party",
        ) from error


def _probability(value: object) -> float:
    if not isinstance(value, float | int) or isinstance(value, bool) or not 0.0 < value <= 1.0:
        raise ValidationError(
            N_("the threshold must be a probability above 0, at most 1"),
            code="matching.threshold",
            field="threshold",
            value=value,
            hint="such as 0.9",
        )
    return float(value)
