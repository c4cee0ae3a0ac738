"""Node leases for the processes of one machine, kept as locked files in a directory."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Self

import attrs

from crmcore._i18n import N_
from crmcore.errors import ConfigurationError, StorageError
from crmcore.ids._nodes import (
    LeasePool,
    NodeLease,
    closed_error,
    exhausted_error,
    node_pool,
    released_error,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

if sys.platform != "win32":
    import fcntl

__all__ = ["FileNodeAllocator"]

_HORIZON_WIDTH = 20
_READ_SIZE = 64


def _io_error(path: Path, exc: OSError) -> StorageError:
    return StorageError(
        N_("the node lease file could not be used: {reason}", reason=exc.strerror or exc),
        code="node_allocator.io",
        field="directory",
        value=str(path),
        hint=N_("a local directory this process may create and write files in"),
    )


def _lock(fd: int) -> bool:
    """Try to take an exclusive lock on the open file ``fd``; never block."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@attrs.define(eq=False)
class _FileLease:
    node: int
    not_before: int
    _fd: int = attrs.field(repr=False)
    _path: Path = attrs.field(repr=False)
    _on_release: Callable[[_FileLease], None] = attrs.field(repr=False)
    _pid: int = attrs.field(factory=os.getpid, repr=False)
    _released: bool = attrs.field(default=False, repr=False)
    _lock: threading.Lock = attrs.field(factory=threading.Lock, repr=False)

    def advance(self, second: int) -> None:
        with self._lock:
            if self._released or self._pid != os.getpid():
                raise released_error(self.node)
            try:
                os.pwrite(self._fd, f"{second:0{_HORIZON_WIDTH}d}\n".encode(), 0)
            except OSError as exc:
                raise _io_error(self._path, exc) from exc

    def release(self) -> None:
        with self._lock:
            if self._released:
                return
            self._released = True
            # Closing the descriptor drops the lock. In a forked child, which
            # shares the parent's open file, closing the child's copy leaves
            # the parent's lock in place, as it must.
            os.close(self._fd)
        self._on_release(self)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


@attrs.define(eq=False, init=False)
class FileNodeAllocator(LeasePool):
    """Hands out nodes from a pool to the processes of one machine.

    Each node has a lease file ``node-<id>.lease`` in ``directory``. A process
    holds a node while it holds an exclusive ``flock`` on that file; the
    operating system drops the lock when the process ends, however it ends, so
    a crashed process never keeps its node. The file holds the last second
    its holders issued numbers in, written before the first number of each
    second, so the next holder of the node starts after it, even after a crash.

    The directory must be on a local file system (``flock`` over NFS is not
    reliable) and shared by every process that draws from the pool. Needs
    POSIX file locks (Linux, macOS, the BSDs).

    Args:
        directory: Where the lease files live; created if missing.
        nodes: The node ids to hand out.

    Raises:
        ConfigurationError: ``nodes`` is empty or not node ids
            (``node_allocator.bad_nodes``), or the platform has no POSIX file
            locks (``node_allocator.unsupported``).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as directory:
    ...     with FileNodeAllocator(directory, range(100, 108)) as pool:
    ...         lease = pool.acquire()
    ...         lease.node, lease.not_before
    (100, 0)
    """

    directory: Path
    nodes: tuple[int, ...]
    _held: dict[int, NodeLease] = attrs.field(repr=False)
    _lock: threading.Lock = attrs.field(repr=False)
    _closed: bool = attrs.field(repr=False)

    def __init__(self, directory: str | os.PathLike[str], nodes: Iterable[int]) -> None:
        if sys.platform == "win32":  # pragma: no cover - POSIX in CI
            raise ConfigurationError(
                N_("lease files need POSIX file locks, which this platform lacks"),
                code="node_allocator.unsupported",
                hint=N_("MemoryNodeAllocator or a configured node per process"),
            )
        self.directory = Path(directory)
        self.nodes = node_pool(nodes)
        self._held = {}
        self._lock = threading.Lock()
        self._closed = False

    def acquire(self) -> NodeLease:
        """Return a lease on the lowest node no process holds.

        Raises:
            ConfigurationError: Every node is leased (``node_allocator.exhausted``)
                or the allocator is closed (``node_allocator.closed``).
            StorageError: The directory or a lease file could not be used
                (``node_allocator.io``), or a lease file holds something other
                than a horizon (``node_allocator.corrupt_lease``).
        """
        with self._lock:
            if self._closed:
                raise closed_error()
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise _io_error(self.directory, exc) from exc
            for node in self.nodes:
                lease = self._try(node)
                if lease is not None:
                    self._held[node] = lease
                    return lease
        raise exhausted_error(self.nodes)

    def _try(self, node: int) -> _FileLease | None:
        path = self.directory / f"node-{node}.lease"
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise _io_error(path, exc) from exc
        try:
            if not _lock(fd):
                os.close(fd)
                return None
            content = os.pread(fd, _READ_SIZE, 0)
        except OSError as exc:
            os.close(fd)
            raise _io_error(path, exc) from exc
        text = content.decode("ascii", errors="replace").strip()
        if text and not (text.isascii() and text.isdigit()):
            os.close(fd)
            raise StorageError(
                N_("the lease file of node {node} holds no horizon", node=node),
                code="node_allocator.corrupt_lease",
                field="directory",
                value=str(path),
                hint=N_(
                    "delete {file} only if no process can be using node {node}",
                    file=path.name,
                    node=node,
                ),
            )
        return _FileLease(node, int(text or 0), fd, path, self._forget)

    def _forget(self, lease: _FileLease) -> None:
        with self._lock:
            del self._held[lease.node]
