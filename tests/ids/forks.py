"""Run a check in a forked child process and hand back what it reports."""

from __future__ import annotations

import multiprocessing


def run_in_fork(target, *args):
    """Run ``target(*args, queue)`` in a forked child that must exit cleanly.

    Returns the queue the child put its findings on.
    """
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=target, args=(*args, queue))
    child.start()
    child.join(30)
    assert child.exitcode == 0
    return queue
