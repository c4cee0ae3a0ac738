"""Identifiers a party is known by: official numbers and other systems' keys."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from crmcore._countries import optional_country
from crmcore._i18n import N_
from crmcore.model._canonical import check_identifier, to_optional_canonical_country
from crmcore.model._checks import (
    MAX_SHORT_TEXT,
    as_text,
    bind_field_names,
    fail,
    standardized,
    to_short_text,
)
from crmcore.model._schemes import canonical

if TYPE_CHECKING:
    from crmcore.standardize.tax_ids import TaxId

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

    The scheme names the numbering, by the short name people write (the last
    part of python-stdnum's module path: ``nip``, ``regon``, ``krs`` and
    ``pesel`` in Poland, ``edrpou`` and ``rnokpp`` in Ukraine, ``inn`` and
    ``ogrn`` in Russia, ``afm`` in Greece, ``vat`` for a VAT number, ``ein``
    in the US); the country names who issued it. A stdnum path is read as
    that name and its country (``"pl.nip"`` is ``nip`` in ``PL``; a VAT
    number under ``"eu.vat"`` is ``vat`` in the country of its prefix, without
    the prefix), so that both spellings give one identifier; the rules are
    in :mod:`crmcore.model._schemes`. The value is expected in its compact
    form, as :mod:`crmcore.standardize` returns it (:meth:`from_tax_id`): for a
    scheme python-stdnum checks (in the identifier's country, or alone, as
    ``iban``), a value that is not the valid compact number is refused
    (``identifier.not_canonical``), and :meth:`parse` reads raw text; the
    value of any other scheme is an opaque key, kept as given. The country
    is a code in capitals. Storage indexes identifiers by
    ``(scheme, country, value)``.

    Args:
        scheme: The numbering scheme, lower-cased and made canonical on the way in.
        value: The identifier, compact.
        country: The ISO 3166-1 alpha-2 code of the issuing country, if any.

    Raises:
        ValidationError: ``identifier.invalid_scheme``, ``country.unknown``,
            ``identifier.country_mismatch`` (the country contradicts the scheme
            or the VAT prefix), ``identifier.no_country`` (an ``eu.vat`` number
            without a prefix or a country), ``identifier.not_canonical``,
            ``country.not_canonical``, ``text.*`` for the value.

    >>> Identifier("NIP", "5260250995", country="PL")
    Identifier(scheme='nip', value='5260250995', country='PL')
    >>> Identifier("pl.nip", "5260250995") == Identifier("nip", "5260250995", country="PL")
    True
    >>> Identifier("eu.vat", "EL094014201")
    Identifier(scheme='vat', value='094014201', country='GR')
    """

    scheme: str = attrs.field(converter=_scheme)
    value: str = attrs.field(converter=to_short_text)
    country: str | None = attrs.field(
        default=None, kw_only=True, converter=to_optional_canonical_country
    )

    def __attrs_post_init__(self) -> None:
        scheme, value, country = canonical(self.scheme, self.value, self.country)
        if scheme is not self.scheme:
            object.__setattr__(self, "scheme", scheme)
            object.__setattr__(self, "value", value)
            object.__setattr__(self, "country", country)
        check_identifier(scheme, value, country)

    @classmethod
    def parse(
        cls, text: str, *, scheme: str | None = None, country: str | None = None
    ) -> Identifier:
        """Return the identifier of a number written as people write it.

        The text goes through :func:`crmcore.standardize.tax_ids.validate`
        (labels, separators and a VAT prefix are read; the check digits are
        checked), then :meth:`from_tax_id`.

        Args:
            text: The number as written (``"NIP 526-025-02-74"``, ``"EL 094014201"``).
            scheme: The scheme, where the text does not say: the model's
                name (``"nip"``, with ``country``) or a python-stdnum path.
            country: The country whose schemes to try.

        Raises:
            ValidationError: ``country.unknown`` if ``country`` is not an ISO
                3166-1 alpha-2 code; the standardiser's ``tax_id.*`` codes
                (``tax_id.ambiguous`` where several schemes fit).

        >>> Identifier.parse("526-025-02-74", scheme="nip", country="PL")
        Identifier(scheme='nip', value='5260250274', country='PL')
        >>> Identifier.parse("ИНН 7707083893")
        Identifier(scheme='inn', value='7707083893', country='RU')
        """
        from crmcore.model._canonical import stdnum_scheme
        from crmcore.standardize import tax_ids

        country = optional_country(country)
        if scheme is not None and "." not in scheme and scheme.lower() != "vat":
            scheme = stdnum_scheme(scheme.lower(), country) or scheme
        return cls.from_tax_id(tax_ids.validate(text, country=country, scheme=scheme))

    @classmethod
    def from_tax_id(cls, tax_id: TaxId) -> Identifier:
        """Return the identifier of a number :mod:`crmcore.standardize.tax_ids` validated.

        The stdnum scheme of the :class:`~crmcore.standardize.tax_ids.TaxId`
        becomes the model's name and country, so that a number reaches the
        same identifier however it was written.

        Args:
            tax_id: A valid number, from :func:`crmcore.standardize.tax_ids.validate`.

        Returns:
            The canonical identifier.

        Raises:
            ValidationError: ``identifier.not_tax_id`` if ``tax_id`` is not a ``TaxId``.

        >>> from crmcore.standardize import tax_ids
        >>> Identifier.from_tax_id(tax_ids.validate("ΑΦΜ 094014201"))
        Identifier(scheme='vat', value='094014201', country='GR')
        >>> Identifier.from_tax_id(tax_ids.validate("EL 094014201"))
        Identifier(scheme='vat', value='094014201', country='GR')
        >>> Identifier.from_tax_id(tax_ids.validate("NIP 526-025-09-95"))
        Identifier(scheme='nip', value='5260250995', country='PL')
        """
        # Deferred: the model is imported without python-stdnum; whoever holds
        # a TaxId has imported the standardiser already.
        from crmcore.standardize.tax_ids import TaxId

        tax_id = standardized(
            tax_id,
            TaxId,
            code="identifier.not_tax_id",
            message=N_("the value is not a validated tax number"),
            hint=N_("a TaxId, as crmcore.standardize.tax_ids.validate returns it"),
            field="tax_id",
        )
        return cls(tax_id.scheme, tax_id.value)

    @classmethod
    def from_standardized(cls, value: TaxId) -> Identifier:
        """Return the identifier of a number :mod:`crmcore.standardize.tax_ids` validated.

        The same as :meth:`from_tax_id`, under the name every part of the
        model that has a standardised counterpart uses, so that code mapping
        standardised fields to the model calls one verb.

        Args:
            value: A valid number, from :func:`crmcore.standardize.tax_ids.validate`.

        Returns:
            The canonical identifier.

        Raises:
            ValidationError: ``identifier.not_tax_id`` if ``value`` is not a ``TaxId``.

        >>> from crmcore.standardize import tax_ids
        >>> Identifier.from_standardized(tax_ids.validate("ЄДРПОУ 32855961"))
        Identifier(scheme='edrpou', value='32855961', country='UA')
        """
        return cls.from_tax_id(value)

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
