"""Why two parties were scored as they were: the evidence of each comparison."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["Evidence", "Explanation"]

Shown = str | list[str] | None


@attrs.frozen
class Evidence:
    """What one comparison found for a pair.

    Attributes:
        comparison: The comparison's name.
        level: The level reached (``"missing"`` when one side has no value).
        weight: The match weight it added (``log2(m / u)``; 0 when missing).
        left: What the comparison read of the first party (its keys, not the raw input).
        right: What it read of the second.
    """

    comparison: str
    level: str
    weight: float
    left: Shown
    right: Shown

    @property
    def missing(self) -> bool:
        """Whether one side had nothing to compare."""
        return self.level == "missing"


@attrs.frozen
class Explanation:
    """A scored pair: its match probability, and the evidence that made it.

    The dict form (:meth:`as_dict`) is for an application's screen; ``str()``
    gives the text form for a person reviewing the pair.
    """

    left: str
    right: str
    probability: float
    weight: float
    prior_weight: float
    evidence: tuple[Evidence, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        """The comparisons that had nothing to compare."""
        return tuple(each.comparison for each in self.evidence if each.missing)

    def as_dict(self) -> dict[str, Any]:
        """Return the explanation as JSON-ready data."""
        return {
            "left": self.left,
            "right": self.right,
            "probability": self.probability,
            "weight": self.weight,
            "prior_weight": self.prior_weight,
            "evidence": [attrs.asdict(each) for each in self.evidence],
            "missing": list(self.missing),
        }

    def __str__(self) -> str:
        lines = [
            (
                f"{self.left} ~ {self.right}: match probability {self.probability:.3f} "
                f"(weight {self.weight:+.2f}, of which the prior {self.prior_weight:+.2f})"
            )
        ]
        for each in sorted(self.evidence, key=lambda e: -abs(e.weight)):
            if each.missing:
                continue
            lines.append(
                f"  {each.weight:+6.2f}  {each.comparison}: {each.level}"
                f"  ({_shown(each.left)} | {_shown(each.right)})"
            )
        if self.missing:
            lines.append("  missing: " + ", ".join(self.missing))
        return "\n".join(lines)


def _shown(value: Shown) -> str:
    if isinstance(value, list):
        return ", ".join(value) or "-"
    return value or "-"


def evidence_of(
    *,
    names: Sequence[str],
    labels: Sequence[Sequence[str]],
    levels: Sequence[int],
    weights: Sequence[float],
    left: Sequence[Shown],
    right: Sequence[Shown],
) -> tuple[Evidence, ...]:
    """Return the evidence of each comparison, from its level and weight."""
    return tuple(
        Evidence(name, label[level], float(weight), a, b)
        for name, label, level, weight, a, b in zip(
            names, labels, levels, weights, left, right, strict=True
        )
    )
