"""Run the examples in docs/ and the doctests in src/ as part of the test suite."""

from __future__ import annotations

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.parsers import myst, rest

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
