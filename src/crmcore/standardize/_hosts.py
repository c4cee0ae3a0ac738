"""Host names: internationalised labels to ASCII (A-labels) and back.

Hosts are processed as the e-mail standardiser processes domains, and as
browsers do: IDNA 2008 with the UTS #46 mapping, non-transitional (the ``idna``
package). ``ß`` and ``ς`` stay themselves (``straße.de`` is
``xn--strae-oqa.de``, not ``strasse.de`` as under IDNA 2003); full-width
letters and ideographic full stops are mapped; symbols, underscores and
misplaced hyphens are refused.
"""

from __future__ import annotations

import idna

__all__ = ["HostError", "to_ascii", "to_unicode"]


class HostError(ValueError):
    """A host name that cannot be a domain name; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def to_ascii(host: str) -> str:
    """Return ``host`` with every label as an ASCII A-label, lower-cased.

    >>> to_ascii("Straße.de"), to_ascii("ПРИКЛАД.укр")
    ('xn--strae-oqa.de', 'xn--80aikifvh.xn--j1amh')
    """
    try:
        result = idna.encode(host, uts46=True, std3_rules=True).decode("ascii")
    except (idna.IDNAError, UnicodeError) as exc:
        raise HostError("bad_label") from exc
    # The idna package refuses empty labels and names over 253 octets itself.
    return result.removesuffix(".")


def to_unicode(host: str) -> str:
    """Return an ASCII ``host`` with its A-labels decoded for display.

    >>> to_unicode("xn--strae-oqa.de")
    'straße.de'
    """
    try:
        return idna.decode(host)
    except (idna.IDNAError, UnicodeError) as exc:
        raise HostError("bad_label") from exc
