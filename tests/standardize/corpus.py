"""Loading of the test corpora in tests/standardize/data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

_DATA = Path(__file__).parent / "data"


def corpus(name: str) -> dict[str, Any]:
    """Return the parsed corpus ``data/<name>.json``."""
    return json.loads((_DATA / f"{name}.json").read_text(encoding="utf-8"))
