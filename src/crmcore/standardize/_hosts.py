"""Host names: internationalised labels to ASCII (A-labels) and back.

Labels are processed the way browsers do (UTS #46, non-transitional): mapped
with NFKC and lower-cased, then encoded with Punycode. ``ß`` and ``ς`` stay
themselves (``straße.de`` is ``xn--strae-oqa.de``), unlike the IDNA 2003 codec
of the standard library, which would turn them into ``ss`` and ``σ``. The bidi
and contextual rules of IDNA 2008 are not checked.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["HostError", "to_ascii", "to_unicode"]

_LDH = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_MAX_HOST = 253
_ACE = "xn--"


class HostError(ValueError):
    """A host name that cannot be a domain name; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _label_to_ascii(label: str) -> str:
    if label.isascii():
        label = label.lower()
        if label.startswith(_ACE):
            _label_to_unicode(label)  # checks that it decodes
        elif not _LDH.fullmatch(label) or label[2:4] == "--":
            raise HostError("bad_label")
        return label
    mapped = unicodedata.normalize("NFKC", label).lower()
    if mapped.isascii():
        return _label_to_ascii(mapped)
    _check_unicode_label(mapped)
    encoded = _ACE + mapped.encode("punycode").decode("ascii")
    if len(encoded) > 63:  # noqa: PLR2004 - the DNS limit of a label
        raise HostError("bad_label")
    return encoded


def _check_unicode_label(label: str) -> None:
    """Letters, marks, digits and inner hyphens only: no symbols, no punctuation."""
    if not all(c == "-" or unicodedata.category(c)[0] in "LMN" for c in label):
        raise HostError("bad_label")
    if label.startswith("-") or label.endswith("-"):
        raise HostError("bad_label")


def _label_to_unicode(label: str) -> str:
    if not label.startswith(_ACE):
        return label
    try:
        decoded = label[len(_ACE) :].encode("ascii").decode("punycode")
    except UnicodeError as exc:
        raise HostError("bad_label") from exc
    again = _ACE + unicodedata.normalize("NFKC", decoded).lower().encode("punycode").decode("ascii")
    if again != label or decoded.isascii() or len(label) > 63:  # noqa: PLR2004
        raise HostError("bad_label")
    _check_unicode_label(decoded)
    return decoded


def to_ascii(host: str) -> str:
    """Return ``host`` with every label as an ASCII A-label, lower-cased.

    >>> to_ascii("Straße.de"), to_ascii("ПРИКЛАД.укр")
    ('xn--strae-oqa.de', 'xn--80aikifvh.xn--j1amh')
    """
    host = host.translate({0x3002: ".", 0xFF0E: ".", 0xFF61: "."})
    host = host.removesuffix(".")
    labels = host.split(".")
    if not host or any(not label for label in labels):
        raise HostError("bad_label")
    result = ".".join(_label_to_ascii(label) for label in labels)
    if len(result) > _MAX_HOST:
        raise HostError("too_long")
    return result


def to_unicode(host: str) -> str:
    """Return an ASCII ``host`` with its A-labels decoded for display.

    >>> to_unicode("xn--strae-oqa.de")
    'straße.de'
    """
    return ".".join(_label_to_unicode(label) for label in host.split("."))
