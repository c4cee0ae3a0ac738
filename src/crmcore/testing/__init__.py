"""Helpers for tests of applications built on crmcore.

* :class:`FakeClock`: a clock of Unix seconds that moves only when told;
* :class:`StoreContract`: the tests every store must pass (needs pytest);
* :class:`StoreComparison`: a Hypothesis state machine that drives a store
  and the in-memory reference with the same operations (needs Hypothesis);
* :class:`StepClock` and :class:`SequenceNumbers`: a clock and a customer
  number source whose output a test can predict;
* :func:`hostile_texts`: text that breaks naive SQL, JSON or encodings;
* :func:`generate_duplicates`: rows of parties of our markets with known
  duplicates and look-alikes (:class:`DuplicateSet`, :class:`GeneratedRow`),
  the test data of a duplicate matcher;
* :mod:`crmcore.testing.strategies`: Hypothesis strategies for the model.

The storage helpers and the generator are imported on first use, so that
importing this package needs neither pytest nor Hypothesis, nor loads the model.
"""

import importlib as _importlib
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from crmcore.testing._clock import FakeClock

if _TYPE_CHECKING:
    from crmcore.testing._comparison import StoreComparison
    from crmcore.testing._contract import SequenceNumbers, StepClock, StoreContract, hostile_texts
    from crmcore.testing._duplicates import DuplicateSet, GeneratedRow, generate_duplicates

__all__ = [
    "DuplicateSet",
    "FakeClock",
    "GeneratedRow",
    "SequenceNumbers",
    "StepClock",
    "StoreComparison",
    "StoreContract",
    "generate_duplicates",
    "hostile_texts",
]

_LAZY = {
    "DuplicateSet": "crmcore.testing._duplicates",
    "GeneratedRow": "crmcore.testing._duplicates",
    "SequenceNumbers": "crmcore.testing._contract",
    "StepClock": "crmcore.testing._contract",
    "StoreComparison": "crmcore.testing._comparison",
    "StoreContract": "crmcore.testing._contract",
    "generate_duplicates": "crmcore.testing._duplicates",
    "hostile_texts": "crmcore.testing._contract",
}


def __getattr__(name: str) -> _Any:  # noqa: ANN401 - PEP 562 hook
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'crmcore.testing' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    # Only the public surface, the lazy names included, and none of the private ones.
    return sorted(__all__)
