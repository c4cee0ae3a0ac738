"""Candidate generation (blocking): the pairs worth comparing, without comparing all pairs.

Two parties are a candidate pair when they share a key of one of the
settings' :class:`~crmcore.matching.BlockingKey` kinds: a phone, an e-mail
key, an identifier, an external key, a name key of the stores' key index, a
birth date with an initial. A key shared by more than ``max_block`` parties
(a switchboard number, ``info@``, Kowalski's name key in a big file) pairs
nobody and is reported, so that one common value cannot make millions of
pairs. Each kind of key reports how many pairs it made, how many of them no
earlier kind had made, and (given the true pairs) how many true pairs it
reached.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import numpy as np

from crmcore.matching._columns import Columns, Field
from crmcore.matching._settings import BlockingKey

if TYPE_CHECKING:
    from collections.abc import Sequence


__all__ = ["BlockingReport", "Candidates", "KeyReport", "candidate_pairs", "encode_pairs"]

_MULTI = {
    BlockingKey.PHONE: Field.PHONES,
    BlockingKey.EMAIL: Field.EMAILS,
    BlockingKey.IDENTIFIER: Field.IDENTIFIERS,
    BlockingKey.EXTERNAL_KEY: Field.EXTERNAL_KEYS,
}


@attrs.frozen
class KeyReport:
    """What one kind of blocking key did.

    Attributes:
        key: The kind of key.
        pairs: The distinct pairs its keys made.
        new_pairs: Of those, the pairs no kind before it in the settings had made.
        skipped_keys: How many of its keys were shared by more than
            ``max_block`` parties, and so paired nobody.
        largest_skipped: The number of parties sharing the largest skipped key (0: none).
        true_pairs: Of the true pairs given, how many its pairs reached
            (``None`` when no true pairs were given).
    """

    key: BlockingKey
    pairs: int
    new_pairs: int
    skipped_keys: int
    largest_skipped: int
    true_pairs: int | None = None


@attrs.frozen
class BlockingReport:
    """What the blocking keys did, kind by kind, and together.

    Attributes:
        keys: A report for each kind of key, in the settings' order.
        pairs: The distinct candidate pairs of all kinds together.
        parties: How many parties were blocked.
        true_pairs: How many true pairs were given (``None``: none given).
        true_pairs_reached: How many of them are candidate pairs.
    """

    keys: tuple[KeyReport, ...]
    pairs: int
    parties: int
    true_pairs: int | None = None
    true_pairs_reached: int | None = None

    @property
    def all_pairs(self) -> int:
        """The pairs comparing every party with every other would have made."""
        return self.parties * (self.parties - 1) // 2

    @property
    def reduction(self) -> float:
        """The share of all pairs that blocking spared (1.0: nothing compared)."""
        return 1.0 - self.pairs / self.all_pairs if self.all_pairs else 1.0

    @property
    def recall(self) -> float | None:
        """The share of the true pairs given that are candidates (``None``: none given)."""
        if self.true_pairs is None or self.true_pairs_reached is None:
            return None
        return self.true_pairs_reached / self.true_pairs if self.true_pairs else 1.0


@attrs.frozen
class Candidates:
    """The candidate pairs, as two arrays of rows (``left < right``), and the report.

    ``by_key`` holds, for each kind of key, the positions in ``left`` and
    ``right`` of the pairs its keys made.
    """

    left: np.ndarray
    right: np.ndarray
    report: BlockingReport
    by_key: dict[BlockingKey, np.ndarray]


def encode_pairs(left: np.ndarray, right: np.ndarray, size: int) -> np.ndarray:
    """Return one integer per pair of rows, the same whichever row comes first."""
    low = np.minimum(left, right).astype(np.int64)
    high = np.maximum(left, right).astype(np.int64)
    encoded: np.ndarray = low * size + high
    return encoded


def _key_rows(key: BlockingKey, columns: Columns) -> tuple[np.ndarray, np.ndarray]:
    """Return the rows and the integer keys of one kind, a row once per key it holds."""
    if key in _MULTI:
        column = columns.multi[_MULTI[key]]
        rows = np.repeat(np.arange(len(columns), dtype=np.int64), column.codes.shape[1])
        kinds = column.kinds.reshape(-1).astype(np.int64)
        codes = column.codes.reshape(-1).astype(np.int64)
        present = codes >= 0
        return rows[present], kinds[present] * (len(column.values) + 1) + codes[present]
    if key is BlockingKey.BIRTH_DATE:
        return _birth_date_rows(columns)
    return columns.name_key_rows, columns.name_key_codes


def _birth_date_rows(columns: Columns) -> tuple[np.ndarray, np.ndarray]:
    """Keys of a birth date with a name's initial, the postal code or the locality."""
    born = columns.text[Field.BIRTH_DATE].codes.astype(np.int64)
    parts = (Field.GIVEN_NAME, Field.FAMILY_NAME, Field.POSTAL_CODE, Field.LOCALITY)
    width = max(0x110000, *(len(columns.text[field].values) + 1 for field in parts))
    rows = []
    keys = []
    for part, field in enumerate(parts):
        codes = columns.text[field].codes
        present = (born >= 0) & (codes >= 0)
        values = codes[present].astype(np.int64)
        if field in {Field.GIVEN_NAME, Field.FAMILY_NAME}:
            values = np.array(
                [ord(columns.names[code][0]) for code in values.tolist()], dtype=np.int64
            )
        rows.append(np.flatnonzero(present))
        keys.append((born[present] * len(parts) + part) * width + values)
    return np.concatenate(rows), np.concatenate(keys)


def _block_pairs(
    rows: np.ndarray, keys: np.ndarray, max_block: int, size: int
) -> tuple[np.ndarray, int, int]:
    """Return the encoded pairs of rows sharing a key, the skipped keys and the largest."""
    if len(rows) == 0:
        return np.zeros(0, dtype=np.int64), 0, 0
    both = np.unique(keys * size + rows)  # a row once per key
    keys, rows = both // size, both % size
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    sizes = np.diff(np.concatenate((starts, [len(keys)])))
    skipped = sizes > max_block
    paired = (sizes >= 2) & ~skipped
    found = []
    for block in np.unique(sizes[paired]).tolist():
        firsts = starts[paired & (sizes == block)]
        a, b = np.triu_indices(block, k=1)
        found.append(encode_pairs(rows[firsts[:, None] + a], rows[firsts[:, None] + b], size))
    pairs = np.unique(np.concatenate([each.reshape(-1) for each in found])) if found else rows[:0]
    largest = int(sizes[skipped].max()) if skipped.any() else 0
    return pairs, int(skipped.sum()), largest


def candidate_pairs(
    columns: Columns,
    keys: Sequence[BlockingKey],
    max_block: int,
    true_pairs: np.ndarray | None = None,
) -> Candidates:
    """Return the candidate pairs of the parties of ``columns`` and what each kind of key did.

    Args:
        columns: The parties' columns.
        keys: The kinds of key to pair by, in the order they are reported.
        max_block: A key shared by more parties pairs nobody.
        true_pairs: The true pairs, encoded by :func:`encode_pairs`, if known.
    """
    size = len(columns)
    reports = []
    seen = np.zeros(0, dtype=np.int64)
    made = {}
    guarded = {}
    for key in keys:
        rows, codes = _key_rows(key, columns)
        made[key], *guarded[key] = _block_pairs(rows, codes, max_block, size)
    # Every kind's pairs at once, sorted once: a pair is new to the first kind
    # (in the settings' order) that made it.
    every = np.concatenate([made[key] for key in keys]) if keys else seen
    seen, first = np.unique(every, return_index=True)
    ends = np.cumsum([len(made[key]) for key in keys])
    firsts = np.bincount(np.searchsorted(ends, first, side="right"), minlength=len(keys))
    for index, key in enumerate(keys):
        reached = None
        if true_pairs is not None:
            reached = int(np.isin(true_pairs, made[key], assume_unique=True).sum())
        skipped, largest = guarded[key]
        reports.append(
            KeyReport(key, len(made[key]), int(firsts[index]), skipped, largest, reached)
        )
    report = BlockingReport(
        tuple(reports),
        len(seen),
        size,
        None if true_pairs is None else len(true_pairs),
        None if true_pairs is None else int(np.isin(true_pairs, seen, assume_unique=True).sum()),
    )
    by_key = {key: np.searchsorted(seen, pairs) for key, pairs in made.items()}
    return Candidates(seen // size, seen % size, report, by_key)
