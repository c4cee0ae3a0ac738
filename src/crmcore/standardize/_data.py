"""Loading of the standardisers' package data tables (read once, cached)."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["load_json"]


@cache
def load_json(name: str) -> Any:  # noqa: ANN401 - each table has its own shape
    """Return the parsed JSON table ``name`` from ``crmcore/standardize/data``.

    The file is read and parsed once per process; callers must not mutate it.

    >>> load_json("countries.json")["name_locales"][:3]
    ['en', 'pl', 'uk']
    """
    text = files("crmcore.standardize").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(text)
