"""Every compiled regular expression of crmcore, fed its worst-case input.

The patterns are found by walking the modules of the ``crmcore`` package:
every ``re.Pattern`` at module level, and those that the cached functions
without arguments build (``functools.cache``: patterns made from data
tables). Each is searched and fully matched against long runs of the
characters it mentions (one character, or two in turn, with or without a
character it does not mention at the end): the input that makes a pattern
with nested or overlapping quantifiers backtrack for ever. A pattern must
answer each in under a second.

The patterns run in a child process (this file run as a script), so that
one that never answers is stopped, reported, and the others still run.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import queue
import re
import subprocess
import sys
import threading
import time
from typing import TYPE_CHECKING

import pytest

import crmcore

if TYPE_CHECKING:
    from collections.abc import Iterator

#: A little over the standardisers' limit on input: long enough for work that
#: grows faster than the square of the text to show (and exponential work to
#: never end), short enough for the many patterns whose search is quadratic.
RUN_LENGTH = 1200
LIMIT_SECONDS = 1.0
#: How long the child may stay silent on one input before it is stopped, and
#: how long it may take to start (importing every module of crmcore).
HANG_SECONDS = 10.0
START_SECONDS = 120.0
_MOST_CHARS = 24
_MOST_PAIRED = 6
_FOREIGN = "\u2603"  # a snowman: mentioned by no pattern

#: Patterns of other areas known to be slow on their worst case, being fixed there.
KNOWN_SLOW: dict[str, str] = {
    "crmcore.standardize._address_parse._SUSPECT_POSTAL": (
        r"\d{2,}(?:[- ]?\d{2,})+ nests quantifiers over digits: a long run of digits and a"
        " character after it never finish (the address parser's, used by _address_quick too)"
    ),
}


_DEEPEST = 3  # containers of patterns looked into: a table of tuples of patterns
_FEWEST_PATTERNS = 50  # crmcore has well over a hundred


def _patterns_in(value: object, depth: int = 0) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern):
        yield value
    elif depth < _DEEPEST and isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item, depth + 1)
    elif depth < _DEEPEST and isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _patterns_in(item, depth + 1)


def _builds_patterns(function: object, module: str) -> bool:
    """Tell whether ``function`` is a cached function of ``module`` making patterns of nothing."""
    if not (callable(function) and hasattr(function, "cache_info")):
        return False
    if getattr(function, "__module__", None) != module:
        return False
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return False
    return not signature.parameters and "Pattern" in str(signature.return_annotation)


def collect() -> dict[str, re.Pattern[str]]:
    """Return every pattern of crmcore's modules, by a name that says where it is."""
    found: dict[str, re.Pattern[str]] = {}
    # A pattern imported by another module, or compiled alike in two, is
    # measured once (by its text and flags: re's cache may or may not have
    # made the two one object).
    seen: set[tuple[str, int]] = set()
    for info in sorted(pkgutil.walk_packages(crmcore.__path__, "crmcore."), key=lambda i: i.name):
        module = importlib.import_module(info.name)
        for name, value in sorted(vars(module).items()):
            if isinstance(value, re.Pattern):
                if isinstance(value.pattern, str) and _key(value) not in seen:
                    seen.add(_key(value))
                    found[f"{info.name}.{name}"] = value
            elif _builds_patterns(value, info.name):
                for index, pattern in enumerate(_patterns_in(value())):
                    if isinstance(pattern.pattern, str) and _key(pattern) not in seen:
                        seen.add(_key(pattern))
                        found[f"{info.name}.{name}()[{index}]"] = pattern
    return found


def _key(pattern: re.Pattern[str]) -> tuple[str, int]:
    return pattern.pattern, pattern.flags


_CLASS_ESCAPES = {
    "d": "07",
    "D": "x-",
    "w": "aж_",
    "W": "-.",
    "s": " \t",
    "S": "x",
}


def mentioned(pattern: str) -> list[str]:
    """Return characters ``pattern`` mentions: its literals, range ends and escape classes."""
    chars: set[str] = set()
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            escaped, length = _escaped(pattern, index + 1)
            chars.update(escaped)
            index += 1 + length
            continue
        if char == "-" and 0 < index < len(pattern) - 1:
            low, high = ord(pattern[index - 1]), ord(pattern[index + 1])
            if low < high:
                chars.add(chr((low + high) // 2))
        if char not in "()[]{}|?*+^$":
            chars.add(char)
        index += 1
    ordered = sorted(chars)
    if len(ordered) > _MOST_CHARS:
        step = len(ordered) / _MOST_CHARS
        ordered = [ordered[int(i * step)] for i in range(_MOST_CHARS)]
    return ordered


def _escaped(pattern: str, index: int) -> tuple[str, int]:
    """Return the characters of the escape at ``index`` (after its backslash), and its length."""
    following = pattern[index]
    if following in _CLASS_ESCAPES:
        return _CLASS_ESCAPES[following], 1
    if following == "u" and index + 5 <= len(pattern):
        return chr(int(pattern[index + 1 : index + 5], 16)), 5
    if following == "x" and index + 3 <= len(pattern):
        return chr(int(pattern[index + 1 : index + 3], 16)), 3
    return ("" if following.isalnum() else following), 1


def worst_inputs(pattern: str) -> Iterator[tuple[str, str]]:
    """Yield (description, text): long runs of what ``pattern`` mentions."""
    chars = mentioned(pattern) or ["a"]
    for char in chars:
        yield f"{char!r} * {RUN_LENGTH} + foreign", char * RUN_LENGTH + _FOREIGN
    paired = chars[:_MOST_PAIRED]
    for first in paired:
        for second in paired:
            if first != second:
                run = (first + second) * (RUN_LENGTH // 2)
                yield f"{first + second!r} * {RUN_LENGTH // 2} + foreign", run + _FOREIGN


def measure(pattern: re.Pattern[str]) -> Iterator[str]:
    """Search and fully match each worst input; yield a line for each, and the worst."""
    worst, worst_input = 0.0, ""
    for description, text in worst_inputs(pattern.pattern):
        for method in (pattern.search, pattern.fullmatch):
            started = time.perf_counter()
            method(text)
            elapsed = time.perf_counter() - started
            if elapsed > worst:
                worst, worst_input = elapsed, f"{method.__name__}({description})"
            yield "tick"
    yield f"{worst:.6f}\t{worst_input}"


def _child(start: int) -> None:
    """Measure every pattern from index ``start`` on, reporting as it goes."""
    for index, (name, pattern) in enumerate(collect().items()):
        if index < start:
            continue
        _report(f"start\t{index}\t{name}")
        for line in measure(pattern):
            _report("tick\t-\t-" if line == "tick" else f"done\t{index}\t{name}\t{line}")


def _report(line: str) -> None:
    """Write a line of the child's report, at once."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _run_children() -> dict[str, tuple[float, str]]:
    """Measure every pattern in child processes, restarting after one that hangs."""
    results: dict[str, tuple[float, str]] = {}
    start = 0
    total = len(collect())
    while start < total:
        # This very file, run by this very interpreter.
        command = [sys.executable, __file__, str(start)]
        child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        lines: queue.Queue[str] = queue.Queue()
        reader = threading.Thread(target=_read, args=(child, lines), daemon=True)
        reader.start()
        current: tuple[int, str] | None = None
        while True:
            try:
                line = lines.get(timeout=HANG_SECONDS if current else START_SECONDS)
            except queue.Empty:
                # Silent too long on one input: the pattern hangs.
                child.kill()
                child.wait()
                if current is None:
                    pytest.fail("the child measuring the patterns did not start")
                results[current[1]] = (float("inf"), "no answer")
                start = current[0] + 1
                break
            if not line:
                start = total
                break
            kind, index, name, *rest = line.rstrip("\n").split("\t")
            if kind == "start":
                current = (int(index), name)
            elif kind == "done":
                results[name] = (float(rest[0]), rest[1])
        child.wait()
        reader.join()
    return results


def _read(child: subprocess.Popen[str], lines: queue.Queue[str]) -> None:
    """Pass the child's lines on as they come, then an empty one at its end."""
    assert child.stdout is not None
    for line in child.stdout:
        lines.put(line)
    child.stdout.close()
    lines.put("")


@pytest.fixture(scope="module")
def timings() -> dict[str, tuple[float, str]]:
    return _run_children()


NAMES = list(collect())


def test_patterns_are_found() -> None:
    # The walk finds the module-level patterns and those built from data.
    assert any(name.endswith("()[0]") for name in NAMES)
    assert len(NAMES) > _FEWEST_PATTERNS


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            marks=pytest.mark.xfail(reason=KNOWN_SLOW[name], strict=False)
            if name in KNOWN_SLOW
            else (),
        )
        for name in NAMES
    ],
)
def test_worst_case_input_is_answered_quickly(
    name: str, timings: dict[str, tuple[float, str]]
) -> None:
    assert name in timings, f"{name} was not measured: the child stopped before it"
    elapsed, worst = timings[name]
    assert elapsed < LIMIT_SECONDS, f"{name} took {elapsed:.2f} s on {worst}"


if __name__ == "__main__":
    _child(int(sys.argv[1]))
