"""A worker process for the uniqueness tests: lease a node, issue numbers, write them.

Run as a script (``python issue_numbers.py LEASES NODES COUNT OUT GO``) so that it
needs nothing from the test suite to be importable: it waits until the file GO
exists, so that all workers start issuing together.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from crmcore.errors import ConfigurationError
from crmcore.ids import CustomerNumberGenerator, FileNodeAllocator


def main(leases: str, nodes: str, count: str, out: str, go: str) -> None:
    while not Path(go).exists():
        time.sleep(0.001)
    allocator = FileNodeAllocator(leases, [int(node) for node in nodes.split(",")])
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
        issued = [numbers.new() for _ in range(int(count))]
    Path(out).write_text("\n".join(issued), encoding="ascii")


if __name__ == "__main__":
    main(*sys.argv[1:])
