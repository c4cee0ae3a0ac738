"""Helpers shared by the standardiser tests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crmcore.errors import ValidationError

if TYPE_CHECKING:
    from collections.abc import Callable


def outcome(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Return what ``func`` returns, or the ValidationError it raises.

    Any other exception propagates and fails the test.
    """
    try:
        return func(*args, **kwargs)
    except ValidationError as err:
        return err
