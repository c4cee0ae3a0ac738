"""The Fellegi-Sunter model: how much each level of each comparison says, and the prior.

For each comparison and level, ``m`` is the probability of the level among
pairs that are the same party, ``u`` among pairs that are not. A level's
*match weight* is ``log2(m / u)``: positive when it is more common among
duplicates. A pair's weight is the prior's weight (``log2`` of the odds that
a candidate pair is a match) plus the weights of its levels; its match
probability is ``1 / (1 + 2 ** -weight)``. The missing level weighs nothing.

A model is fitted by :func:`crmcore.matching.fit` (EM without labels, or ``m``
counted from labelled pairs: :mod:`crmcore.matching._training`), and saved and
loaded as JSON.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any, Final

import attrs
import numpy as np

from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.matching._settings import Settings

__all__ = ["Model", "starting_model"]

#: The version of the JSON form; a model of another version is refused.
FORMAT: Final = 1


def _to_table(value: object) -> tuple[tuple[float, ...], ...]:
    try:
        table = tuple(tuple(float(p) for p in each) for each in value)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        table = ()
    if not table or not all(0.0 < p <= 1.0 for each in table for p in each):
        raise ValidationError(
            N_("the probabilities must be a table of numbers above 0, at most 1"),
            code="model.probabilities",
            field="probabilities",
            value=value,
            hint="a list for each comparison of one probability for each of its levels",
        )
    return table


def _to_frequencies(value: object) -> dict[str, dict[str, float]]:
    ok = isinstance(value, dict) and all(
        isinstance(name, str)
        and isinstance(table, dict)
        and "" in table
        and all(
            isinstance(key, str)
            and isinstance(share, int | float)
            and not isinstance(share, bool)
            and 0.0 < share <= 1.0
            for key, share in table.items()
        )
        for name, table in value.items()
    )
    if not ok:
        raise ValidationError(
            N_("the term frequencies must map each value to its share of the parties"),
            code="model.frequencies",
            field="frequencies",
            value=value if not isinstance(value, dict) else sorted(map(str, value)),
            hint='{"given_name": {"anna": 0.01, "": 0.0001}}',
        )
    checked: dict[str, dict[str, float]] = value  # type: ignore[assignment]  # checked above
    return {
        name: {key: float(share) for key, share in table.items()} for name, table in checked.items()
    }


def _to_probability(value: object) -> float:
    if not isinstance(value, float | int) or isinstance(value, bool) or not 0.0 < value <= 1.0:
        raise ValidationError(
            N_("the threshold must be a probability above 0, at most 1"),
            code="model.threshold",
            field="threshold",
            value=value,
            hint="such as 0.9",
        )
    return float(value)


def _to_prior(value: object) -> float:
    if not isinstance(value, float | int) or isinstance(value, bool) or not 0.0 < value < 1.0:
        raise ValidationError(
            N_("the prior must be a probability strictly between 0 and 1"),
            code="model.prior",
            field="prior",
            value=value,
            hint="such as 0.0001",
        )
    return float(value)


@attrs.frozen
class Model:
    """A fitted Fellegi-Sunter model and the settings it was fitted with.

    Attributes:
        settings: The comparisons and blocking keys.
        m: Per comparison, per level: the probability of the level among matches.
        u: Per comparison, per level: the probability among non-matches.
        prior: The share of matches among candidate pairs.
        trained: How it was fitted: ``"em"``, ``"labels"`` or ``"untrained"``.
    """

    settings: Settings
    m: tuple[tuple[float, ...], ...] = attrs.field(converter=_to_table)
    u: tuple[tuple[float, ...], ...] = attrs.field(converter=_to_table)
    prior: float = attrs.field(converter=_to_prior)
    trained: str = "untrained"
    #: Per comparison weighed by term frequencies: the share of parties
    #: holding each common value, and under ``""`` that of any other value.
    frequencies: Mapping[str, Mapping[str, float]] = attrs.field(
        factory=dict, converter=_to_frequencies
    )
    #: The match threshold suggested when the model was fitted: what scores
    #: one new party against a store (:func:`crmcore.matching.match`).
    threshold: float = attrs.field(default=0.9, converter=_to_probability)
    #: The lower end of the review band suggested with it.
    review: float = attrs.field(default=0.5, converter=_to_probability)

    def __attrs_post_init__(self) -> None:
        sizes = [len(each.labels) for each in self.settings.comparisons]
        for name, table in (("m", self.m), ("u", self.u)):
            if [len(each) for each in table] != sizes:
                raise ValidationError(
                    N_("the probabilities do not fit the comparisons' levels"),
                    code=f"model.{name}",
                    field=name,
                    value=[len(each) for each in table],
                    hint=f"as many probabilities as levels: {sizes}",
                )

    @classmethod
    def untrained(cls, settings: Settings | None = None) -> Model:
        """Return the model fitting starts from: usable, but not fitted to any data.

        Agreement is likely among matches and rare among non-matches, the
        stronger the level the more so; see :func:`starting_model`.
        """
        return starting_model(settings or Settings())

    @property
    def prior_weight(self) -> float:
        """The weight of the prior: ``log2`` of the odds that a candidate pair is a match."""
        return math.log2(self.prior / (1.0 - self.prior))

    def weights(self) -> list[np.ndarray]:
        """Return the match weight of every level of every comparison (0 for missing)."""
        tables = []
        for m, u in zip(self.m, self.u, strict=True):
            weights = np.log2(np.asarray(m) / np.asarray(u))
            weights[0] = 0.0
            tables.append(weights)
        return tables

    def score(
        self, levels: np.ndarray, extra: Mapping[int, np.ndarray] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return the weight and the match probability of each row of ``levels``.

        Args:
            levels: One row per pair, one column per comparison.
            extra: What the term frequencies add, per comparison, to each pair.
        """
        total = np.full(len(levels), self.prior_weight, dtype=np.float64)
        extra = extra or {}
        tables = self.weights()
        grouped = {column for group in self.settings.groups() for column in group}
        for column, weights in enumerate(tables):
            if column not in grouped:
                total += weights[levels[:, column]] + extra.get(column, 0.0)
        for group in self.settings.groups():
            strongest = np.zeros(len(levels), dtype=np.float64)
            for column in group:
                weight = tables[column][levels[:, column]] + extra.get(column, 0.0)
                strongest = np.maximum(strongest, weight)
                total += np.minimum(weight, 0.0)
            total += strongest
        return total, probability(total)

    def corroboration(
        self, levels: np.ndarray, extra: Mapping[int, np.ndarray] | None = None
    ) -> np.ndarray:
        """Return the weight of the agreements of each pair other than its names.

        The positive weights of the comparisons not named in the settings'
        ``names``, a correlated group counting its strongest agreement once.
        """
        extra = extra or {}
        tables = self.weights()
        names = set(self.settings.name_positions())
        grouped = {column for group in self.settings.groups() for column in group}
        total = np.zeros(len(levels), dtype=np.float64)
        for group in [
            *self.settings.groups(),
            *([c] for c in range(len(tables)) if c not in grouped),
        ]:
            strongest = np.zeros(len(levels), dtype=np.float64)
            for column in group:
                if column not in names:
                    weight = tables[column][levels[:, column]] + extra.get(column, 0.0)
                    strongest = np.maximum(strongest, weight)
            total += strongest
        return total

    def pattern_weights(self, distinct: np.ndarray) -> np.ndarray:
        """Return the match weight of each pattern of levels, without the prior."""
        weights, _ = self.score(distinct)
        return weights - self.prior_weight

    def to_dict(self) -> dict[str, Any]:
        """Return the model as JSON-ready data."""
        return {
            "format": FORMAT,
            "settings": self.settings.to_dict(),
            "m": [list(each) for each in self.m],
            "u": [list(each) for each in self.u],
            "prior": self.prior,
            "trained": self.trained,
            "frequencies": {name: dict(table) for name, table in self.frequencies.items()},
            "threshold": self.threshold,
            "review": self.review,
        }

    def to_json(self) -> str:
        """Return the model as JSON text, to keep and load with :meth:`from_json`."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Model:
        """Return the model ``data`` describes (what :meth:`to_dict` gave).

        Raises:
            ValidationError: ``model.format`` for data that is not a model of
                this version, or the code of the part it refuses.
        """
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValidationError(
                N_("this is not a saved matching model of a version crmcore reads"),
                code="model.format",
                field="model",
                value=data if not isinstance(data, dict) else data.get("format"),
                hint=f'the dict of Model.to_dict(), "format": {FORMAT}',
            )
        known = {"format", "settings", "m", "u", "prior", "trained", "frequencies"}
        rest = set(data) - known - {"threshold", "review"}
        if rest:
            raise ValidationError(
                N_("this is not a saved matching model of a version crmcore reads"),
                code="model.format",
                field="model",
                value=sorted(rest),
                hint="format, settings, m, u, prior, trained, frequencies, threshold, review",
            )
        trained = data.get("trained", "untrained")
        return cls(
            Settings.from_dict(data.get("settings", {})),
            data.get("m"),
            data.get("u"),
            data.get("prior"),
            trained if trained in {"em", "labels", "untrained"} else "untrained",
            data.get("frequencies", {}),
            data.get("threshold", 0.9),
            data.get("review", 0.5),
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> Model:
        """Return the model saved as ``text`` by :meth:`to_json`.

        Raises:
            ValidationError: ``model.json`` for text that is not JSON, or what
                :meth:`from_dict` raises.
        """
        given: object = text  # whatever the annotation says, any value may come
        try:
            data = json.loads(text)
        except (TypeError, ValueError, RecursionError) as error:
            raise ValidationError(
                N_("the saved model is not JSON"),
                code="model.json",
                field="model",
                value=given[:200] if isinstance(given, str | bytes) else given,
                hint="the text Model.to_json() wrote",
            ) from error
        return cls.from_dict(data)


def probability(weights: np.ndarray) -> np.ndarray:
    """Return the match probability of each match weight."""
    found: np.ndarray = 1.0 / (1.0 + np.exp2(-np.clip(weights, -60.0, 60.0)))
    return found


def _falling(size: int, top: float) -> np.ndarray:
    """A starting table: ``top`` on level 1, the rest shared out falling (missing: 1)."""
    table = np.ones(size, dtype=np.float64)
    rest = size - 2  # every comparison has missing, one agreement and one disagreement at least
    shares = np.array([0.5**k for k in range(1, rest + 1)])
    table[1] = top
    table[2:] = (1.0 - top) * shares / shares.sum()
    return table


def starting_model(settings: Settings, prior: float = 0.1) -> Model:
    """Return the model EM starts from: agreement likely among matches and rare among others.

    Among matches, the strongest level is 0.9 likely and the others fall away;
    among non-matches, the plainest disagreement is 0.9 likely and the others
    fall away towards agreement.
    """
    m = []
    u = []
    for comparison in settings.comparisons:
        size = len(comparison.labels)
        m.append(tuple(_falling(size, 0.9).tolist()))
        falling = _falling(size, 0.9)
        u.append((1.0, *falling[1:][::-1].tolist()))
    return Model(settings, tuple(m), tuple(u), prior, "untrained")
