"""The proof that goes with a consent event: the wording shown, the form, the request."""

from __future__ import annotations

import hashlib
import ipaddress
import unicodedata
from typing import Final

import attrs

from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.model._checks import check_characters

__all__ = ["Proof", "checked_text", "wording_hash"]

_MAX_TEXT: Final = 2000
_HEX: Final = frozenset("0123456789abcdef")
_SHA256_LENGTH: Final = 64


def wording_hash(wording: str) -> str:
    r"""Return the SHA-256 (hex) of a wording, as NFC text in UTF-8.

    The same wording hashes the same whether it came composed or decomposed:

    >>> wording_hash("Zgadzam się") == wording_hash("Zgadzam sie\u0328")
    True
    """
    text = check_characters(unicodedata.normalize("NFC", wording), "wording", wording)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def checked_text(value: object, field: str, code: str = "consent.invalid_proof") -> str | None:
    """Return ``value`` stripped if it is a storable text of 1 to 2000 characters; ``None`` stays.

    Raises:
        ValidationError: ``code`` for anything else; ``text.surrogate`` or
            ``text.control`` for a character no store keeps.
    """
    if value is None:
        return None
    if isinstance(value, str) and value.strip() and len(value) <= _MAX_TEXT:
        return check_characters(value.strip(), field, value)
    raise ValidationError(
        N_("the value is not a non-empty text of at most 2000 characters"),
        code=code,
        field=field,
        value=value,
        hint=N_("a short text, such as a form's id or a document's reference"),
    )


def _to_version(value: object) -> str | None:
    return checked_text(value, "wording_version")


def _to_form_id(value: object) -> str | None:
    return checked_text(value, "form_id")


def _to_document(value: object) -> str | None:
    return checked_text(value, "document")


def _to_user_agent(value: object) -> str | None:
    return checked_text(value, "user_agent")


def _to_hash(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and len(value) == _SHA256_LENGTH and _HEX.issuperset(value.lower()):
        return value.lower()
    raise ValidationError(
        N_("the value is not a SHA-256 in hexadecimal"),
        code="consent.invalid_proof",
        field="wording_hash",
        value=value,
        hint=N_("64 hexadecimal digits; Proof.of_wording computes them from the wording"),
    )


def _to_ip(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and len(value) <= _MAX_TEXT:
        try:
            return str(ipaddress.ip_address(value.strip()))
        except ValueError:
            pass
    raise ValidationError(
        N_("the value is not an IP address"),
        code="consent.invalid_proof",
        field="ip_address",
        value=value,
        hint="203.0.113.7, 2001:db8::7",
    )


@attrs.frozen(kw_only=True)
class Proof:
    """What shows that a consent event happened as recorded.

    The wording's version and hash, the form and the capture's own facts stay
    with the event; an erasure keeps the first three (they say nothing of the
    person) and removes ``document``, ``ip_address`` and ``user_agent``.

    Attributes:
        wording_version: The version of the text shown (``"2026-03"``).
        wording_hash: The SHA-256 of that text, hex (see :func:`wording_hash`).
        form_id: The form or screen it was shown on.
        document: A reference to a signed document or a recording.
        ip_address: The address the request came from (in canonical form).
        user_agent: The browser's or app's user agent.

    >>> proof = Proof.of_wording("Chcę otrzymywać newsletter.", version="2026-03",
    ...                          form_id="signup-pl", ip_address="2001:DB8::7")
    >>> proof.wording_version, proof.ip_address, len(proof.wording_hash)
    ('2026-03', '2001:db8::7', 64)
    """

    wording_version: str | None = attrs.field(default=None, converter=_to_version)
    wording_hash: str | None = attrs.field(default=None, converter=_to_hash)
    form_id: str | None = attrs.field(default=None, converter=_to_form_id)
    document: str | None = attrs.field(default=None, converter=_to_document)
    ip_address: str | None = attrs.field(default=None, converter=_to_ip)
    user_agent: str | None = attrs.field(default=None, converter=_to_user_agent)

    @classmethod
    def of_wording(
        cls,
        wording: str,
        *,
        version: str,
        form_id: str | None = None,
        document: str | None = None,
        ip_address: str | None = None,
        user_agent: str | None = None,
    ) -> Proof:
        """Return a proof for ``wording`` as shown: its version and its hash, and the rest."""
        text: object = wording  # checked: callers without type checking pass anything
        if not isinstance(text, str) or not text.strip():
            raise ValidationError(
                N_("the wording is empty or not a text"),
                code="consent.invalid_proof",
                field="wording",
                value=wording,
                hint=N_("the text the person was shown, as shown"),
            )
        return cls(
            wording_version=version,
            wording_hash=wording_hash(wording),
            form_id=form_id,
            document=document,
            ip_address=ip_address,
            user_agent=user_agent,
        )
