"""The check of the ``locale`` argument the standardisers take.

Their ``country`` argument is checked by :func:`crmcore._countries.check_country`,
as every package's is.
"""

from __future__ import annotations

import re

from crmcore.standardize._base import N_, fail

__all__ = ["language_of"]

_LOCALE = re.compile(r"(?P<language>[A-Za-z]{2,3})(?:[_-][A-Za-z0-9]{2,8})*")


def language_of(locale: object, *, field: str) -> str | None:
    """Return the language part of a Babel/CLDR ``locale`` (``"en_GB"`` -> ``"en"``).

    >>> language_of("en_GB", field="person_name"), language_of(None, field="person_name")
    ('en', None)
    """
    if locale is None:
        return None
    match = _LOCALE.fullmatch(locale.strip()) if isinstance(locale, str) else None
    if match is None:
        fail(
            f"{field}.bad_locale",
            N_("the locale is not a locale identifier"),
            field=field,
            value=locale,
            hint="a locale such as pl, uk, ru, el or en_GB",
        )
    return match.group("language").lower()
