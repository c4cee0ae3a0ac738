"""Fork safety shared by the generators: a forked child must not reuse its parent's state.

A generator copied into a child by ``os.fork`` would issue the same numbers or
ids as its parent; each generator registers here, and after a fork every one of
them is told to disown its state in the child.
"""

from __future__ import annotations

import os
import sys
import weakref
from typing import Protocol

__all__ = ["ForkAware", "disown_after_fork"]


class ForkAware(Protocol):
    """An object that drops what it must not share with a forked child."""

    def _disown(self) -> None: ...


_live: weakref.WeakSet[ForkAware] = weakref.WeakSet()


def disown_after_fork(owner: ForkAware) -> None:
    """Have ``owner._disown()`` called in the child after every ``os.fork``."""
    _live.add(owner)


def _after_fork_in_child() -> None:
    for owner in list(_live):
        owner._disown()  # noqa: SLF001 - the protocol's own hook


if sys.platform != "win32":
    os.register_at_fork(after_in_child=_after_fork_in_child)
