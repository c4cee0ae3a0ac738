"""Test-suite settings, and the examples of docs/ and doctests of src/ run as tests."""

from __future__ import annotations

import os
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from hypothesis import HealthCheck, settings
from sybil import Sybil
from sybil.parsers import myst, rest

# Timing is never asserted: no per-example deadline and no "too slow" health
# check, which fail at random on a loaded machine (CI shares two cores).
settings.register_profile("crmcore", deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Mutation testing (`nox -s mutation`) runs each test many times, from copies
# of the test classes: the same examples every time, so that a mutant is killed
# by what it breaks and not by a new draw, and no store of failing examples.
settings.register_profile(
    "mutation",
    parent=settings.get_profile("crmcore"),
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "crmcore"))

_OPTIONS = ELLIPSIS | NORMALIZE_WHITESPACE

_docs = Sybil(
    parsers=[
        myst.DocTestDirectiveParser(optionflags=_OPTIONS),
        myst.PythonCodeBlockParser(doctest_optionflags=_OPTIONS),
        myst.SkipParser(),
    ],
    patterns=["*.md"],
    path="docs",
    excludes=["_build/*"],
)
_docstrings = Sybil(
    parsers=[rest.DocTestParser(optionflags=_OPTIONS), rest.SkipParser()],
    patterns=["*.py"],
    path="src",
)

pytest_collect_file = (_docs + _docstrings).pytest()


if os.environ.get("HYPOTHESIS_PROFILE") == "mutation":
    import sys

    import pytest

    def _cached_functions() -> list[object]:
        return [
            value
            for name, module in list(sys.modules.items())
            if name.startswith("crmcore") and module is not None
            for value in list(vars(module).values())
            if callable(getattr(value, "cache_clear", None))
        ]

    @pytest.fixture(autouse=True)
    def _fresh_caches() -> None:
        """Each test starts with crmcore's caches empty.

        mutmut runs, for a mutant, only the tests that called the mutated
        function when it recorded which test calls what; a function behind a
        cache is called by the first test that asks for a value, and the
        later tests that ask for it again read the cache. Emptied caches make
        every test that needs a function call it, so each is recorded, and
        run, for that function's mutants.
        """
        for function in _cached_functions():
            function.cache_clear()  # type: ignore[attr-defined]
