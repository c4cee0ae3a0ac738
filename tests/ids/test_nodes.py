from __future__ import annotations

import math
import os
import stat
import subprocess
import sys

import pytest

from crmcore.errors import ConfigurationError, StorageError
from crmcore.ids import (
    CustomerNumberGenerator,
    FileNodeAllocator,
    MemoryNodeAllocator,
    NodeAllocator,
    NodeLease,
    StaticNodeLease,
)
from crmcore.ids._nodes import node_pool
from crmcore.testing import FakeClock

from .errors import whole
from .forks import run_in_fork

START = 1_741_944_615.25

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="file leases are POSIX")


CLOCK_HINT = "a function returning seconds since 1970-01-01 UTC, like time.time"


@pytest.mark.parametrize(
    ("nodes", "pool"),
    [
        ([], ()),
        ([-1], (-1,)),
        ([1.0], (1.0,)),
        (["7"], ("7",)),
        ([True], (True,)),
        ([3, -1], (3, -1)),
    ],
)
def test_a_bad_pool_is_a_configuration_error(nodes, pool):
    with pytest.raises(ConfigurationError) as info:
        node_pool(nodes)
    assert whole(info.value) == (
        ConfigurationError,
        "node_allocator.bad_nodes",
        "nodes",
        pool,
        "the node pool must be a non-empty collection of node ids",
        "whole numbers from 0, such as range(100, 200)",
    )


def test_a_pool_that_is_not_a_collection_is_a_type_error():
    with pytest.raises(TypeError):
        node_pool(None)  # type: ignore[arg-type]


def test_node_zero_is_a_node():
    assert node_pool([0]) == (0,)


@pytest.mark.parametrize("reading", [-0.5, 253_402_300_800.0, "now", math.inf, math.nan])
def test_a_clock_that_gives_no_moment_from_1970_to_9999_is_refused(reading):
    with pytest.raises(ConfigurationError) as info:
        StaticNodeLease.now(7, clock=lambda: reading)
    assert whole(info.value) == (
        ConfigurationError,
        "clock.bad_reading",
        "clock",
        reading,
        "the clock gave a reading that is not a moment from 1970 to 9999",
        CLOCK_HINT,
    )


@pytest.mark.parametrize(
    ("reading", "second"), [(0.0, 0), (0.999, 0), (253_402_300_799.5, 253_402_300_799)]
)
def test_the_first_and_last_seconds_are_moments(reading, second):
    assert StaticNodeLease.now(7, clock=lambda: reading).not_before == second


def test_a_pool_is_sorted_and_distinct():
    assert node_pool([5, 3, 5, 4]) == (3, 4, 5)


def test_a_static_lease_starts_after_the_current_second_and_keeps_no_record():
    lease = StaticNodeLease.now(7, clock=FakeClock(START))
    assert (lease.node, lease.not_before) == (7, 1_741_944_615)
    lease.advance(2_000_000_000)
    lease.release()
    assert lease.not_before == 1_741_944_615


EXHAUSTED = (
    ConfigurationError,
    "node_allocator.exhausted",
    "nodes",
    (1, 2, 3),
    "all 3 nodes of the pool are leased",
    "a pool with a node for every process that issues numbers at the same time",
)
CLOSED = (
    ConfigurationError,
    "node_allocator.closed",
    None,
    None,
    "the node allocator is closed",
    "acquire leases before closing the allocator",
)


def released(node):
    return (
        ConfigurationError,
        "node_lease.released",
        "node",
        node,
        f"the lease on node {node} was released",
        "acquire a new lease and create a new generator with it",
    )


def io_error(path, reason):
    return (
        StorageError,
        "node_allocator.io",
        "directory",
        str(path),
        f"the node lease file could not be used: {reason}",
        "a local directory this process may create and write files in",
    )


class TestMemoryNodeAllocator:
    def test_it_is_a_node_allocator(self):
        allocator: NodeAllocator = MemoryNodeAllocator([1], clock=FakeClock(START))
        lease: NodeLease = allocator.acquire()
        assert lease.node == 1

    def test_hands_out_the_lowest_free_node_until_none_is_left(self):
        pool = MemoryNodeAllocator([3, 1, 2], clock=FakeClock(START))
        assert pool.nodes == (1, 2, 3)
        assert [pool.acquire().node for _ in range(3)] == [1, 2, 3]
        with pytest.raises(ConfigurationError) as info:
            pool.acquire()
        assert whole(info.value) == EXHAUSTED

    def test_a_released_node_comes_back_with_its_horizon(self):
        pool = MemoryNodeAllocator([1], clock=FakeClock(START))
        with pool.acquire() as lease:
            assert lease.not_before == 1_741_944_615
            lease.advance(1_741_944_620)
            lease.advance(1_741_944_618)  # never moves back
        lease.release()  # twice is harmless
        again = pool.acquire()
        assert again.not_before == 1_741_944_620
        with pytest.raises(ConfigurationError) as info:
            lease.advance(1_741_944_621)
        assert whole(info.value) == released(1)

    def test_close_releases_everything_and_refuses_more(self):
        with MemoryNodeAllocator([1, 2], clock=FakeClock(START)) as pool:
            lease = pool.acquire()
        with pytest.raises(ConfigurationError) as info:
            lease.advance(1_741_944_700)
        assert whole(info.value) == released(1)
        with pytest.raises(ConfigurationError) as info:
            pool.acquire()
        assert whole(info.value) == CLOSED
        assert not pool._held

    def test_an_allocator_is_open_until_closed(self):
        pool = MemoryNodeAllocator([1, 2], clock=FakeClock(START))
        assert pool.acquire().node == 1
        assert pool.acquire().node == 2

    def test_repr_shows_the_pool(self):
        assert repr(MemoryNodeAllocator([1, 2], clock=FakeClock(START))) == (
            "MemoryNodeAllocator(nodes=(1, 2))"
        )


@posix_only
class TestFileNodeAllocator:
    def test_it_is_a_node_allocator(self, tmp_path):
        allocator: NodeAllocator = FileNodeAllocator(tmp_path, [1])
        with allocator.acquire() as lease:  # type: ignore[attr-defined]
            assert (lease.node, lease.not_before) == (1, 0)
        allocator.close()

    def test_creates_the_directory_and_one_file_per_node(self, tmp_path):
        directory = tmp_path / "leases" / "crm"
        with FileNodeAllocator(directory, range(100, 103)) as pool:
            assert [pool.acquire().node for _ in range(3)] == [100, 101, 102]
        assert sorted(p.name for p in directory.iterdir()) == [
            "node-100.lease",
            "node-101.lease",
            "node-102.lease",
        ]

    def test_two_allocators_on_one_directory_never_share_a_node(self, tmp_path):
        first, second = FileNodeAllocator(tmp_path, [1, 2]), FileNodeAllocator(tmp_path, [1, 2])
        assert first.acquire().node == 1
        assert second.acquire().node == 2
        with pytest.raises(ConfigurationError) as info:
            second.acquire()
        assert info.value.code == "node_allocator.exhausted"
        first.close()
        assert second.acquire().node == 1
        second.close()

    def test_the_horizon_is_written_and_handed_to_the_next_holder(self, tmp_path):
        with FileNodeAllocator(tmp_path, [5]) as pool:
            lease = pool.acquire()
            lease.advance(1_741_944_620)
            assert (tmp_path / "node-5.lease").read_text() == f"{1_741_944_620:020d}\n"
            lease.release()
            lease.release()
            with pytest.raises(ConfigurationError) as info:
                lease.advance(1_741_944_621)
            assert whole(info.value) == released(5)
            assert pool.acquire().not_before == 1_741_944_620

    def test_lease_files_are_readable_by_all_and_writable_by_the_owner(self, tmp_path):
        umask = os.umask(0o022)
        try:
            FileNodeAllocator(tmp_path, [1]).acquire().release()
        finally:
            os.umask(umask)
        assert stat.S_IMODE((tmp_path / "node-1.lease").stat().st_mode) == 0o644

    @pytest.mark.parametrize("content", ["1741944620", "1741944620\n", " 1741944620 \n", ""])
    def test_a_horizon_is_read_whole_however_it_is_padded(self, tmp_path, content):
        (tmp_path / "node-1.lease").write_text(content, encoding="ascii")
        with FileNodeAllocator(tmp_path, [1]) as pool:
            assert pool.acquire().not_before == (1_741_944_620 if content else 0)

    def test_a_generator_on_a_file_lease_records_each_second(self, tmp_path):
        clock = FakeClock(START)
        with FileNodeAllocator(tmp_path, [5]) as pool:
            numbers = CustomerNumberGenerator(node=pool.acquire(), clock=clock)
            numbers.new()
            clock.advance(7)
            numbers.new()
        assert int((tmp_path / "node-5.lease").read_text()) == 1_741_944_622

    def test_acquiring_after_close_is_refused(self, tmp_path):
        pool = FileNodeAllocator(tmp_path, [1])
        pool.close()
        with pytest.raises(ConfigurationError) as info:
            pool.acquire()
        assert info.value.code == "node_allocator.closed"

    def test_released_leases_are_forgotten(self, tmp_path):
        with FileNodeAllocator(tmp_path, [1]) as pool:
            for _ in range(3):
                pool.acquire().release()
            assert len(pool._held) == 0

    @pytest.mark.parametrize(
        "content",
        [
            b"yesterday\n",
            b"1741944620\xff\n",  # not ASCII
            "1741944620\u00a0".encode(),  # a no-break space is not ASCII either
            "\u0661\u0667".encode(),  # Arabic-Indic digits
            b"-1741944620\n",
        ],
    )
    def test_a_corrupt_lease_file_is_reported(self, tmp_path, content):
        path = tmp_path / "node-12.lease"
        path.write_bytes(content)
        pool = FileNodeAllocator(tmp_path, [12])
        with pytest.raises(StorageError) as info:
            pool.acquire()
        assert whole(info.value) == (
            StorageError,
            "node_allocator.corrupt_lease",
            "directory",
            str(path),
            "the lease file of node 12 holds no horizon",
            "delete node-12.lease only if no process can be using node 12",
        )
        # The file was let go: another allocator gets the same answer, not "taken".
        with pytest.raises(StorageError):
            FileNodeAllocator(tmp_path, [12]).acquire()

    def test_a_directory_that_cannot_be_made_is_a_storage_error(self, tmp_path):
        blocker = tmp_path / "file"
        blocker.write_text("")
        directory = blocker / "leases"
        with pytest.raises(StorageError) as info:
            FileNodeAllocator(directory, [1]).acquire()
        cause = info.value.__cause__
        assert isinstance(cause, OSError)
        assert whole(info.value) == io_error(directory, cause.strerror)

    def test_a_lease_file_that_cannot_be_opened_is_a_storage_error(self, tmp_path):
        (tmp_path / "node-1.lease").mkdir()
        with pytest.raises(StorageError) as info:
            FileNodeAllocator(tmp_path, [1]).acquire()
        cause = info.value.__cause__
        assert isinstance(cause, OSError)
        assert whole(info.value) == io_error(tmp_path / "node-1.lease", cause.strerror)

    def test_failing_reads_and_writes_are_storage_errors(self, tmp_path, monkeypatch):
        pool = FileNodeAllocator(tmp_path, [1, 2])
        lease = pool.acquire()

        def broken(*_args):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "pwrite", broken)
        with pytest.raises(StorageError) as info:
            lease.advance(1_741_944_620)
        assert whole(info.value) == io_error(tmp_path / "node-1.lease", "No space left on device")
        monkeypatch.setattr(os, "pread", broken)
        with pytest.raises(StorageError) as info:
            pool.acquire()
        assert whole(info.value) == io_error(tmp_path / "node-2.lease", "No space left on device")
        monkeypatch.undo()
        assert pool.acquire().node == 2  # the failed attempt did not keep node 2
        pool.close()

    def test_an_os_error_without_a_reason_is_named_by_its_text(self, tmp_path, monkeypatch):
        lease = FileNodeAllocator(tmp_path, [3]).acquire()

        def broken(*_args):
            raise OSError("the disk went away")

        monkeypatch.setattr(os, "pwrite", broken)
        with pytest.raises(StorageError) as info:
            lease.advance(1_741_944_620)
        assert whole(info.value) == io_error(tmp_path / "node-3.lease", "the disk went away")

    def test_a_crashed_holders_node_is_free_and_remembers_its_last_second(self, tmp_path):
        # Another interpreter takes the lease, records a second and dies at once:
        # no release, no clean-up, as if killed.
        code = (
            "import os, sys\n"
            "from crmcore.ids import FileNodeAllocator\n"
            "lease = FileNodeAllocator(sys.argv[1], [1]).acquire()\n"
            "lease.advance(1_741_944_699)\n"
            "os._exit(3)\n"
        )
        child = subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=False)
        assert child.returncode == 3
        with FileNodeAllocator(tmp_path, [1]) as pool:
            assert pool.acquire().not_before == 1_741_944_699

    def test_a_forked_child_cannot_use_or_free_its_parents_lease(self, tmp_path):
        with FileNodeAllocator(tmp_path, [1, 2]) as pool:
            lease = pool.acquire()
            queue = run_in_fork(_use_inherited_lease, lease)
            assert queue.get(timeout=5) == released(1)
            # The child's release did not drop the parent's lock.
            with pytest.raises(ConfigurationError):
                FileNodeAllocator(tmp_path, [1]).acquire()
            lease.advance(1_741_944_700)


def _use_inherited_lease(lease, queue) -> None:
    try:
        lease.advance(1_741_944_700)
    except ConfigurationError as err:
        queue.put(whole(err))
    lease.release()
