"""Fork safety shared by the generators: a forked child must not reuse its parent's state.

A generator copied into a child by ``os.fork`` would issue the same numbers or
ids as its parent; each generator registers here, and after a fork every one of
them is told to disown its state in the child.
"""

from __future__ import annotations

import os
import sys
import weakref
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["disown_after_fork"]

_T = TypeVar("_T")

#: The live generators, each with the function that disowns its state.
_live: weakref.WeakKeyDictionary[Any, Callable[[Any], None]] = weakref.WeakKeyDictionary()


def disown_after_fork(owner: _T, disown: Callable[[_T], None]) -> None:
    """Have ``disown(owner)`` called in the child after every ``os.fork``.

    The owner is held weakly: a generator that is gone is not kept alive.
    """
    _live[owner] = disown


def _after_fork_in_child() -> None:
    for owner, disown in list(_live.items()):
        disown(owner)


if sys.platform != "win32":
    os.register_at_fork(after_in_child=_after_fork_in_child)
