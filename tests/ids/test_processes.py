"""Uniqueness across processes on one machine, by construction: leases on nodes."""

from __future__ import annotations

import multiprocessing
import sys
import time
from pathlib import Path

import pytest

from crmcore import ids
from crmcore.errors import ConfigurationError
from crmcore.ids import CustomerNumberGenerator, FileNodeAllocator

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="file leases are POSIX")

PROCESSES = 8
PER_PROCESS = 50_000


def _issue(directory: str, nodes: list[int], count: int, out: str, start) -> None:
    start.wait()
    allocator = FileNodeAllocator(directory, nodes)
    while True:
        try:
            lease = allocator.acquire()
            break
        except ConfigurationError as err:
            if err.code != "node_allocator.exhausted":
                raise
            time.sleep(0.005)
    with lease:
        numbers = CustomerNumberGenerator(node=lease)
        issued = [numbers.new() for _ in range(count)]
    Path(out).write_text("\n".join(issued), encoding="ascii")


def _run(tmp_path: Path, nodes: list[int], count: int) -> list[list[str]]:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(PROCESSES)
    outs = [tmp_path / f"issued-{i}.txt" for i in range(PROCESSES)]
    workers = [
        context.Process(
            target=_issue, args=(str(tmp_path / "leases"), nodes, count, str(out), start)
        )
        for out in outs
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [worker.exitcode for worker in workers] == [0] * PROCESSES
    return [out.read_text(encoding="ascii").split("\n") for out in outs]


def _check(issued: list[list[str]], count: int) -> None:
    everything = [number for mine in issued for number in mine]
    assert len(everything) == PROCESSES * count
    assert len(set(everything)) == len(everything)
    for mine in issued:
        assert mine == sorted(mine)
    assert all(ids.is_valid(number) for number in everything[::1009])


def test_eight_processes_issue_50000_numbers_each_without_a_repeat(tmp_path):
    issued = _run(tmp_path, list(range(100, 100 + PROCESSES)), PER_PROCESS)
    _check(issued, PER_PROCESS)
    nodes = {ids.parse(mine[0]).node for mine in issued}
    assert nodes == set(range(100, 100 + PROCESSES))


def test_eight_processes_taking_turns_on_two_nodes_never_repeat_each_other(tmp_path):
    # Each node passes from process to process, often within one second: the
    # horizon in the lease file makes the next holder start after the last.
    issued = _run(tmp_path, [1, 2], 10_000)
    _check(issued, 10_000)
    assert {ids.parse(mine[0]).node for mine in issued} == {1, 2}
