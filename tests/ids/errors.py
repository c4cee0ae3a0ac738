"""An error's data as one tuple, so that a test checks it whole."""

from __future__ import annotations


def whole(error):
    """Return the class, code, field, value, message and hint of a crmcore error."""
    hint = None if error.hint is None else str(error.hint)
    return (type(error), error.code, error.field, error.value, str(error.message), hint)
