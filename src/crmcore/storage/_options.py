"""The options of a store given in its URL or beside it: SQLite's busy timeout.

``sqlite:///crm.db?busy_timeout=10`` (or ``open(url, busy_timeout=10)``)
sets how many seconds a write waits for another process's writer before
it fails with ``storage.busy``. An option given twice, in the URL and as a
keyword, or to a store that has no such option, is refused: which one was
meant is not known.
"""

from __future__ import annotations

import math
from typing import Final
from urllib.parse import parse_qsl

from crmcore._i18n import N_
from crmcore.errors import ConfigurationError

__all__ = [
    "DEFAULT_BUSY_TIMEOUT",
    "check_busy_timeout",
    "refuse_busy_timeout",
    "sqlite_options",
]

#: How long a SQLite write waits for another writer by default, in seconds.
DEFAULT_BUSY_TIMEOUT: Final = 5.0
_BUSY_TIMEOUT: Final = "busy_timeout"
_BUSY_HINT: Final = N_("a number of seconds, 0 or more, such as 5 or 0.5")


def check_busy_timeout(value: object) -> float:
    """Return ``value`` as seconds if it is a finite number of seconds, 0 or more.

    >>> check_busy_timeout(2)
    2.0
    >>> check_busy_timeout(-1)
    Traceback (most recent call last):
    crmcore.errors.ConfigurationError: busy_timeout: not a busy timeout ... [storage.invalid_option]

    Raises:
        ConfigurationError: ``storage.invalid_option`` otherwise.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
        if math.isfinite(seconds) and seconds >= 0:
            return seconds
    raise ConfigurationError(
        N_("not a busy timeout"),
        code="storage.invalid_option",
        field=_BUSY_TIMEOUT,
        value=value,
        hint=_BUSY_HINT,
    )


def sqlite_options(url: str, query: str, busy_timeout: float | None) -> float:
    """Return the busy timeout of a SQLite URL's ``query`` and the ``busy_timeout`` keyword.

    >>> sqlite_options("sqlite:///crm.db?busy_timeout=0.5", "busy_timeout=0.5", None)
    0.5
    >>> sqlite_options("sqlite:///crm.db", "", None)
    5.0

    Raises:
        ConfigurationError: ``storage.invalid_option`` for an unknown
            parameter, a busy timeout given twice or that is no number of seconds.
    """
    given = parse_qsl(query, keep_blank_values=True)
    unknown = [key for key, _ in given if key != _BUSY_TIMEOUT]
    if unknown:
        raise ConfigurationError(
            N_("a SQLite URL takes no such parameter"),
            code="storage.invalid_option",
            field="url",
            value=url,
            hint="sqlite:///crm.db?busy_timeout=10",
        )
    texts = [value for _, value in given]
    if len(texts) + (busy_timeout is not None) > 1:
        raise ConfigurationError(
            N_("the busy timeout is given more than once"),
            code="storage.invalid_option",
            field=_BUSY_TIMEOUT,
            value=url,
            hint=N_("give it once: in the URL or as busy_timeout="),
        )
    if busy_timeout is not None:
        return check_busy_timeout(busy_timeout)
    if not texts:
        return DEFAULT_BUSY_TIMEOUT
    try:
        seconds = float(texts[0])
    except ValueError:
        return check_busy_timeout(texts[0])  # refused: no number
    return check_busy_timeout(seconds)


def refuse_busy_timeout(busy_timeout: float | None) -> None:
    """Refuse a busy timeout given for a store that has none (not SQLite).

    Raises:
        ConfigurationError: ``storage.invalid_option``.
    """
    if busy_timeout is not None:
        raise ConfigurationError(
            N_("only a SQLite store has a busy timeout"),
            code="storage.invalid_option",
            field=_BUSY_TIMEOUT,
            value=busy_timeout,
            hint=N_("leave it out, or open a sqlite:// URL"),
        )
