"""Company names: the name, its legal form and its trade descriptor, apart.

The legal form is recognised at the start or the end of the name, written out
in full or abbreviated with any dots, spaces and case, in the 15 countries of
the table (see :func:`legal_forms`), and mapped to its ISO 20275 ELF code
where the code list has one. Quotation marks of every kind are understood.

>>> from crmcore.standardize import company_names
>>> c = company_names.validate('ООО "Рога и копыта"')
>>> c.name, c.legal_form, c.elf_code, str(c)
('Рога и копыта', 'ООО', '17R7', 'ООО «Рога и копыта»')
>>> str(company_names.validate("„Kowalski i Wspólnicy” Sp. J."))
'Kowalski i Wspólnicy sp.j.'
>>> c = company_names.validate("P.P.H.U. Kowalski SP. Z O.O.")
>>> c.descriptor, c.name, c.legal_form, c.elf_code
('PPHU', 'Kowalski', 'sp. z o.o.', 'O7XB')

A form written in look-alike letters of another script is read in the
script of the name (``Ολυμπος A.E.`` with Latin ``A`` and ``E`` is a Greek
``Α.Ε.``), and a sole trader's form with the person's initials keeps them
in the name:

>>> str(company_names.validate("Ολυμπος E.П.E."))
'Ολυμπος Ε.Π.Ε.'
>>> company_names.validate("ИП Соколов А.О.").name
'Соколов А.О.'

Abbreviations used in several countries (``S.A.``, ``s.r.o.``, ``SRL``) need
the ``country`` argument to be resolved; without it the form is kept, but its
country, full name and ELF code stay ``None``:

>>> company_names.validate("Acme S.A.").country is None
True
>>> company_names.validate("Acme S.A.", country="ES").elf_code
'5RDO'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from crmcore._countries import optional_country
from crmcore.errors import ValidationError
from crmcore.standardize import _company, _company_shapes
from crmcore.standardize._base import N_, fail, fixed_hint, require_text
from crmcore.standardize._company import FIELD, CompanyName
from crmcore.standardize._form_lookalikes import in_script_of_name
from crmcore.standardize._legal_forms import LegalForm, examples, forms
from crmcore.standardize._mojibake import check_mojibake, check_read_again

__all__ = [
    "FIELD",
    "HINT",
    "CompanyName",
    "LegalForm",
    "example",
    "format",
    "is_valid",
    "legal_forms",
    "validate",
]

_HINT = "a company name with its legal form, such as ТОВ «Ромашка» or Kowalski sp. z o.o."


def validate(raw: object, *, country: str | None = None) -> CompanyName:
    """Return the standardised company name, or raise ``ValidationError``.

    Args:
        raw: The company name as entered.
        country: The country to assume where an abbreviation is used in
            several countries (ISO 3166-1 alpha-2, any case).

    Returns:
        The :class:`CompanyName`; ``str()`` of it is the canonical text, and
        ``validate(str(c), country=country or c.country) == c``: read again
        in the same country, the canonical text gives the same value. (The
        country matters where the form was recognised from its full name but
        its abbreviation is shared: ``PKN Orlen Spółka Akcyjna`` is
        ``PKN Orlen S.A.``, Polish.)

    Raises:
        ValidationError: With code ``company_name.empty``,
            ``company_name.only_legal_form`` (``"Sp. z o.o."`` alone),
            ``company_name.bad_characters``, ``company_name.no_letters``,
            ``company_name.not_text``, ``company_name.too_long``,
            ``text.mojibake`` (text decoded with the wrong encoding), or
            ``country.unknown`` (field ``country``) for a ``country`` that is
            not an ISO 3166-1 alpha-2 code.

    >>> validate("ΠΑΠΑΔΟΠΟΥΛΟΣ Α.Ε.").elf_code
    'W2NK'
    >>> validate("Sp. z o.o.")
    Traceback (most recent call last):
    ...
    crmcore.errors.ValidationError: company_name: ... [company_name.only_legal_form]
    """
    code = optional_country(country)
    given = require_text(raw, field=FIELD, hint=_HINT)
    if not given.isascii():
        check_mojibake(given, field=FIELD)
    return _read(given, code)


@lru_cache(maxsize=8192)
def _read(given: str, country: str | None) -> CompanyName:
    """Read a company name; cached, as invoices and imports repeat the same companies.

    ``given`` is the value as given (``require_text`` returns it), so an
    error, which is not cached, names it.
    """
    value = _company_shapes.standardize(in_script_of_name(given), raw=given, country=country)
    if not given.isascii() and (canonical := str(value)) != given:
        # Repairing look-alike letters can make text no misreading produces
        # look like one (aАБ“X becomes аАБХ): the canonical text must pass
        # the check its input passed, or the value could not be read again.
        check_read_again(canonical, given=given, field=FIELD)
    return value


def is_valid(raw: object, *, country: str | None = None) -> bool:
    """Tell whether ``raw`` is a usable company name.

    Raises:
        ValidationError: ``country.unknown`` for a ``country`` that is not an
            ISO 3166-1 alpha-2 code: a wrong argument, not an invalid name.

    >>> is_valid("Muster GmbH"), is_valid("GmbH")
    (True, False)
    """
    code = optional_country(country)
    try:
        validate(raw, country=code)
    except ValidationError:
        return False
    return True


def format(
    value: CompanyName | str,
    *,
    style: Literal["full", "long", "short"] = "full",
    country: str | None = None,
) -> str:
    """Return a company name for display.

    Args:
        value: A :class:`CompanyName` or raw text (standardised first).
        style: ``"full"``: the canonical text; ``"long"``: with the legal form
            spelled out; ``"short"``: the name alone.
        country: As for :func:`validate`, when ``value`` is text.

    Returns:
        The text.

    Raises:
        ValidationError: If ``value`` is not a valid company name, or the style
            is unknown (``company_name.bad_style``), or ``country.unknown``.

    >>> format("tov romashka", style="long")
    'Товариство з обмеженою відповідальністю «romashka»'
    >>> format("Muster GmbH", style="short")
    'Muster'
    """
    code = optional_country(country)
    if style not in {"full", "long", "short"}:
        fail(
            f"{FIELD}.bad_style",
            N_("the display style is not known"),
            field=FIELD,
            value=style,
            hint="one of full, long, short",
        )
    company = value if isinstance(value, CompanyName) else validate(value, country=code)
    if style == "long":
        return _company.render(company, long=True)
    if style == "short":
        return company.name
    return str(company)


def example(country: str | None = None) -> str:
    """Return an example of a well-formed company name in ``country``.

    >>> example("UA"), example("DE")
    ('ТОВ «Ромашка»', 'Muster GmbH')
    """
    code = optional_country(country)
    by_country = examples()
    return by_country.get(code or "PL", by_country["PL"])


def legal_forms(country: str | None = None) -> tuple[LegalForm, ...]:
    """Return the legal forms recognised, all or those of one ``country``.

    >>> [f.abbreviation for f in legal_forms("GR")]
    ['Α.Ε.', 'Ε.Π.Ε.', 'Μ.Ε.Π.Ε.', 'Ι.Κ.Ε.', 'Μ.Ι.Κ.Ε.', 'Ο.Ε.', 'Ε.Ε.', 'Α.Μ.Κ.Ε.']
    """
    code = optional_country(country)
    return tuple(f for f in forms() if code is None or f.country == code)


# --- the hint -------------------------------------------------------------------

#: What :func:`crmcore.standardize.hint` says of the form a company name takes.
HINT = fixed_hint(N_("the registered name of the company with its legal form, as in {example}"))
