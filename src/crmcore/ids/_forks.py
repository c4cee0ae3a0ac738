"""Fork safety shared by the generators: a forked child must not reuse its parent's state.

A generator copied into a child by ``os.fork`` would issue the same numbers or
ids as its parent; each generator registers here, and after a fork every one of
them is told to disown its state in the child.
"""

from __future__ import annotations

import os
import sys
import weakref
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["disown_after_fork"]

_live: set[weakref.WeakMethod[Callable[[], None]]] = set()


def disown_after_fork(disown: Callable[[], None]) -> None:
    """Have the bound method ``disown`` called in the child after every ``os.fork``.

    The method is held weakly: a generator that is gone is not kept alive.
    """
    _live.add(weakref.WeakMethod(disown, _live.discard))


def _after_fork_in_child() -> None:
    for reference in list(_live):
        disown = reference()
        if disown is not None:
            disown()


if sys.platform != "win32":
    os.register_at_fork(after_in_child=_after_fork_in_child)
