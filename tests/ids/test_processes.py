"""Uniqueness across processes on one machine, by construction: leases on nodes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from crmcore import ids

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="file leases are POSIX")

PROCESSES = 8
PER_PROCESS = 50_000


_WORKER = Path(__file__).with_name("issue_numbers.py")


def _run(tmp_path: Path, nodes: list[int], count: int) -> list[list[str]]:
    # Separate interpreters, as separate branch processes would be; they wait
    # for the "go" file so that they all issue at the same time.
    go = tmp_path / "go"
    outs = [tmp_path / f"issued-{i}.txt" for i in range(PROCESSES)]
    node_list = ",".join(str(node) for node in nodes)
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                str(_WORKER),
                str(tmp_path / "leases"),
                node_list,
                str(count),
                str(out),
                str(go),
            ],
        )
        for out in outs
    ]
    go.touch()
    for worker in workers:
        worker.wait(120)
    assert [worker.returncode for worker in workers] == [0] * PROCESSES
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
    # A worker that finishes early frees its node for one that starts late, so
    # fewer than eight nodes may be used; uniqueness holds either way.
    nodes = {ids.parse(mine[0]).node for mine in issued}
    assert nodes <= set(range(100, 100 + PROCESSES))


def test_eight_processes_taking_turns_on_two_nodes_never_repeat_each_other(tmp_path):
    # Each node passes from process to process, often within one second: the
    # horizon in the lease file makes the next holder start after the last.
    issued = _run(tmp_path, [1, 2], 10_000)
    _check(issued, 10_000)
    assert {ids.parse(mine[0]).node for mine in issued} == {1, 2}
