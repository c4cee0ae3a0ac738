"""Identifiers a party is known by: official numbers and other systems' keys."""

from __future__ import annotations

import re

import attrs

from crmcore._i18n import N_
from crmcore.model._checks import (
    MAX_SHORT_TEXT,
    as_text,
    bind_field_names,
    fail,
    to_short_text,
)
from crmcore.model._codes import (
    to_optional_country,
)

__all__ = ["ExternalKey", "Identifier"]

_SCHEME = re.compile(r"[a-z][a-z0-9_.-]{0,39}")
_SCHEME_HINT = N_(
    "a lower-case scheme name such as nip, regon, krs, pesel, edrpou, inn, afm or vat"
)


def _scheme(value: object) -> str:
    text = as_text(value, "scheme", max_length=MAX_SHORT_TEXT).lower()
    if not _SCHEME.fullmatch(text):
        fail(
            "identifier.invalid_scheme",
            N_("the scheme is not a lower-case name"),
            field="scheme",
            value=value,
            hint=_SCHEME_HINT,
        )
    return text


@attrs.frozen(field_transformer=bind_field_names)
class Identifier:
    """An official identifier: a tax or VAT number, a registry number, a national number.

    The scheme names the numbering (the naming follows python-stdnum's
    modules: ``nip``, ``regon``, ``krs`` and ``pesel`` in Poland, ``edrpou``
    and ``rnokpp`` in Ukraine, ``inn`` and ``ogrn`` in Russia, ``afm`` in
    Greece, ``vat`` for a VAT number, ``ein`` in the US); the country names
    who issued it. The value is expected in its compact form, as
    :mod:`crmcore.standardize` returns it; the model does not check its
    check digits. Storage indexes identifiers by ``(scheme, country, value)``.

    Args:
        scheme: The numbering scheme, lower-cased on the way in.
        value: The identifier, compact.
        country: The ISO 3166-1 alpha-2 code of the issuing country, if any.

    >>> Identifier("NIP", "5260250995", country="pl")
    Identifier(scheme='nip', value='5260250995', country='PL')
    """

    scheme: str = attrs.field(converter=_scheme)
    value: str = attrs.field(converter=to_short_text)
    country: str | None = attrs.field(default=None, kw_only=True, converter=to_optional_country)

    @property
    def key(self) -> tuple[str, str, str]:
        """``(scheme, country or "", value)``: what must be unique across parties."""
        return (self.scheme, self.country or "", self.value)


@attrs.frozen(field_transformer=bind_field_names)
class ExternalKey:
    """The key another system (an ERP, a shop, a call centre) uses for the same party.

    Integrators map parties to their own keys with these; storage finds a
    party by ``(system, key)``.

    Args:
        system: The other system's name, as the integrator spells it (``"1C"``, ``"sap"``).
        key: The party's key in that system, kept as given (keys are often case-sensitive).

    >>> ExternalKey("1C", "00-000123")
    ExternalKey(system='1C', key='00-000123')
    """

    system: str = attrs.field(converter=to_short_text)
    key: str = attrs.field(converter=to_short_text)
