"""Host names: internationalised labels to ASCII (A-labels) and back.

Hosts are processed as the e-mail standardiser processes domains, and as
browsers do: IDNA 2008 with the UTS #46 mapping, non-transitional (the ``idna``
package). ``ß`` and ``ς`` stay themselves (``straße.de`` is
``xn--strae-oqa.de``, not ``strasse.de`` as under IDNA 2003); full-width
letters and ideographic full stops are mapped; symbols, underscores and
misplaced hyphens are refused.
"""

from __future__ import annotations

from typing import Final

import idna

from crmcore.standardize._homoglyphs import CYRILLIC, GREEK, LATIN, scripts

__all__ = ["HostError", "mixed_script_label", "to_ascii", "to_unicode"]

#: The scripts whose look-alike letters are mixed in spoofed names.
_LOOK_ALIKE_SCRIPTS: Final = frozenset({LATIN, CYRILLIC, GREEK})
_MIXED: Final = 2


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


def mixed_script_label(host: str) -> str | None:
    """Return the first label of ``host`` that mixes Latin, Cyrillic or Greek letters.

    A label such as ``pаypal`` with a Cyrillic ``а``, or ``bаnk-ρlus``, is
    the shape of a look-alike (spoofed) domain: registries of internationalised
    names allow one script per label. A name whose labels are each in one
    script (``пример.рф``, ``пример.com``) has none. ``host`` is in Unicode
    (U-labels); A-labels are decoded by the caller.

    >>> mixed_script_label("firmа.pl"), mixed_script_label("приклад.укр")
    ('firmа', None)
    >>> mixed_script_label("sklep.żabka.pl") is None, mixed_script_label("παράδειγμα.com") is None
    (True, True)
    """
    if host.isascii():
        return None
    for label in host.split("."):
        if not label.isascii() and len(scripts(label) & _LOOK_ALIKE_SCRIPTS) >= _MIXED:
            return label
    return None
