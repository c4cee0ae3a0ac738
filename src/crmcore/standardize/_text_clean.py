"""The character table behind :func:`crmcore.standardize.texts.clean`."""

from __future__ import annotations

import functools
import json
import unicodedata
from importlib import resources

__all__ = ["canonical_chars"]

_SPACE = ord(" ")


class _CanonicalChars(dict[int, int | str | None]):
    """A :meth:`str.translate` table, filled in lazily by Unicode category.

    Explicit entries come from ``data/text_canonical.json``; any other code
    point is classified on first sight and remembered, so a text is translated
    at C speed once its characters have been seen.
    """

    def __missing__(self, code: int) -> int | str | None:
        char = chr(code)
        category = unicodedata.category(char)
        value: int | str | None
        if category in {"Zs", "Zl", "Zp"} or (category == "Cc" and char.isspace()):
            value = _SPACE
        elif category in {"Cc", "Cf"}:
            value = None
        else:
            value = code
        self[code] = value
        return value


def _code_points(spec: str) -> range:
    first, _, last = spec.partition("-")
    return range(int(first, 16), int(last or first, 16) + 1)


@functools.cache
def canonical_chars() -> _CanonicalChars:
    """Return the (shared, lazily growing) translation table."""
    raw = json.loads(
        resources.files("crmcore.standardize")
        .joinpath("data/text_canonical.json")
        .read_text("utf-8")
    )
    table = _CanonicalChars()
    for spec in raw["remove"]:
        table.update(dict.fromkeys(_code_points(spec)))
    for replacement, chars in raw["replace"].items():
        for spec in chars:
            table.update(dict.fromkeys(_code_points(spec), replacement))
    return table
