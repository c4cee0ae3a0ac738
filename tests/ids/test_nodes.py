from __future__ import annotations

import multiprocessing
import os
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

START = 1_741_944_615.25

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="file leases are POSIX")


@pytest.mark.parametrize("nodes", [[], [-1], [1.0], ["7"], [True], None])
def test_a_bad_pool_is_a_configuration_error(nodes):
    with pytest.raises((ConfigurationError, TypeError)) as info:
        node_pool(nodes)
    if nodes is not None:
        assert info.value.code == "node_allocator.bad_nodes"


def test_a_pool_is_sorted_and_distinct():
    assert node_pool([5, 3, 5, 4]) == (3, 4, 5)


def test_a_static_lease_starts_after_the_current_second_and_keeps_no_record():
    lease = StaticNodeLease.now(7, clock=FakeClock(START))
    assert (lease.node, lease.not_before) == (7, 1_741_944_615)
    lease.advance(2_000_000_000)
    lease.release()
    assert lease.not_before == 1_741_944_615


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
        assert info.value.code == "node_allocator.exhausted"
        assert info.value.value == (1, 2, 3)

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
        assert info.value.code == "node_lease.released"

    def test_close_releases_everything_and_refuses_more(self):
        with MemoryNodeAllocator([1, 2], clock=FakeClock(START)) as pool:
            lease = pool.acquire()
        with pytest.raises(ConfigurationError) as info:
            lease.advance(1_741_944_700)
        assert info.value.code == "node_lease.released"
        with pytest.raises(ConfigurationError) as info:
            pool.acquire()
        assert info.value.code == "node_allocator.closed"

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
            assert info.value.code == "node_lease.released"
            assert pool.acquire().not_before == 1_741_944_620

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

    def test_a_corrupt_lease_file_is_reported(self, tmp_path):
        (tmp_path / "node-1.lease").write_text("yesterday\n")
        with pytest.raises(StorageError) as info:
            FileNodeAllocator(tmp_path, [1]).acquire()
        assert info.value.code == "node_allocator.corrupt_lease"
        assert "node-1.lease" in info.value.hint

    def test_a_directory_that_cannot_be_made_is_a_storage_error(self, tmp_path):
        blocker = tmp_path / "file"
        blocker.write_text("")
        with pytest.raises(StorageError) as info:
            FileNodeAllocator(blocker / "leases", [1]).acquire()
        assert info.value.code == "node_allocator.io"
        assert isinstance(info.value.__cause__, OSError)

    def test_a_lease_file_that_cannot_be_opened_is_a_storage_error(self, tmp_path):
        (tmp_path / "node-1.lease").mkdir()
        with pytest.raises(StorageError) as info:
            FileNodeAllocator(tmp_path, [1]).acquire()
        assert info.value.code == "node_allocator.io"

    def test_failing_reads_and_writes_are_storage_errors(self, tmp_path, monkeypatch):
        pool = FileNodeAllocator(tmp_path, [1, 2])
        lease = pool.acquire()

        def broken(*_args):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "pwrite", broken)
        with pytest.raises(StorageError) as info:
            lease.advance(1_741_944_620)
        assert info.value.code == "node_allocator.io"
        monkeypatch.setattr(os, "pread", broken)
        with pytest.raises(StorageError):
            pool.acquire()
        monkeypatch.undo()
        assert pool.acquire().node == 2  # the failed attempt did not keep node 2
        pool.close()

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
        context = multiprocessing.get_context("fork")
        with FileNodeAllocator(tmp_path, [1, 2]) as pool:
            lease = pool.acquire()
            queue = context.Queue()
            child = context.Process(target=_use_inherited_lease, args=(lease, queue))
            child.start()
            child.join(30)
            assert child.exitcode == 0
            assert queue.get(timeout=5) == "node_lease.released"
            # The child's release did not drop the parent's lock.
            with pytest.raises(ConfigurationError):
                FileNodeAllocator(tmp_path, [1]).acquire()
            lease.advance(1_741_944_700)


def _use_inherited_lease(lease, queue) -> None:
    try:
        lease.advance(1_741_944_700)
    except ConfigurationError as err:
        queue.put(err.code)
    lease.release()
