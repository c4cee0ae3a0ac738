"""E-mail addresses: syntax as used in practice, one canonical form, a matching key.

What is accepted (RFC 5322 dot-atoms, RFC 6531 internationalised addresses,
and the limits of RFC 5321):

* the local part is a dot-atom: ASCII letters, digits and
  ``!#$%&'*+/=?^_`{|}~-``, plus letters, marks and digits of any script
  (``пример@``, ``γιώργος@``), separated by single dots, at most 64 octets
  (UTF-8). Quoted local parts (``"jan kowalski"@example.com``) are refused
  with ``email.quoted_local_part``: RFC 5322 allows them, but mail systems and
  people do not use them, and they are a common vehicle of mistakes;
* the domain is a host name of at least two labels, internationalised
  (``bücher.de``, ``пример.рф``) per IDNA 2008 with the UTS #46 mapping (the
  ``idna`` package), at most 253 octets in ASCII form; address literals
  (``[192.0.2.1]``) and single-label hosts (``localhost``) are refused;
* the whole address is at most 254 octets with the ASCII domain;
* ``mailto:`` and a display name (``Jan Kowalski <jan@example.pl>``) around
  the address are dropped, and so are spaces around the ``@``
  (``biuro @ example.pl``);
* several addresses in one value (``a@example.pl, b@example.pl``) are
  refused with ``email.several``: each belongs in a field of its own;
* a domain with a label mixing Latin, Cyrillic or Greek letters
  (``bіuro.pl`` with a Cyrillic ``і``) is refused with
  ``email.mixed_script_domain``: that is the shape of a look-alike domain.
  A domain whose labels are each in one script (``пример.рф``) is valid.

The canonical form keeps the local part as written (NFC; local parts are
case-sensitive per RFC 5321, so ``Jan`` is kept) and writes the domain in
lowercase Unicode (U-labels); the ASCII form (A-labels, ``xn--``) is at hand
as :attr:`Email.ascii_domain` and ``format(email, style="ascii")``.

>>> from crmcore.standardize import emails
>>> e = emails.validate(" Jan.Kowalski@ONET.pl ")
>>> str(e), e.local, e.domain
('Jan.Kowalski@onet.pl', 'Jan.Kowalski', 'onet.pl')
>>> emails.format("müller@BÜCHER.de", style="ascii")
'müller@xn--bcher-kva.de'
>>> emails.matching_key("J.an.Kowalski+crm@googlemail.com", provider_aliases=True)
'jankowalski@gmail.com'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final, Literal

import attrs
import idna

from crmcore._countries import optional_country
from crmcore._data import load_json
from crmcore.errors import ValidationError
from crmcore.standardize import texts
from crmcore.standardize._base import N_, fail, fixed_hint, require_text
from crmcore.standardize._hosts import mixed_script_label

__all__ = [
    "FIELD",
    "HINT",
    "Email",
    "example",
    "format",
    "is_valid",
    "matching_key",
    "validate",
]

#: The field name used in errors and reason codes (``email.no_at``).
FIELD: Final = "email"

_HINT: Final = "an address such as jan.kowalski@example.pl"
_MAX_LOCAL: Final = 64
_MAX_DOMAIN: Final = 253
_MAX_ADDRESS: Final = 254

_ATEXT_ASCII = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+")
_DISPLAY_NAME = re.compile(r"^[^<>]*<([^<>]+)>$")
_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)
_NUMERIC = re.compile(r"[0-9]+")
# What separates the addresses of a list in one value: commas, semicolons, spaces.
_LIST_SEPARATORS = re.compile(r"[,;\s]+")
_SEVERAL: Final = 2
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_PLAIN_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
# A plain address: ASCII dot-atoms (without the grave accent, which cleaning
# rewrites) at a plain host of two labels or more, either case. Both cases
# are spelt out rather than matched with IGNORECASE, which is slower and lets
# in the non-ASCII letters whose case folds into ASCII (the Kelvin sign, the
# long s), which the full reading normalises.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_{|}~-]+"
_ANY_CASE_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
# The top-level domain is not numeric (the lookahead), which the full
# reading refuses.
_PLAIN_ADDRESS = re.compile(
    rf"(?P<local>{_ATOM}(?:\.{_ATOM})*)"
    rf"@(?P<domain>{_ANY_CASE_LABEL}(?:\.{_ANY_CASE_LABEL})*\.(?![0-9]+\Z){_ANY_CASE_LABEL})"
)


def _fail(
    code: str,
    message: str,
    raw: object,
    cause: BaseException | None = None,
    *,
    hint: str = _HINT,
) -> None:
    fail(f"{FIELD}.{code}", message, field=FIELD, value=raw, hint=hint, cause=cause)


def _atom_ok(atom: str) -> bool:
    if not atom:
        return False
    if atom.isascii():
        return _ATEXT_ASCII.fullmatch(atom) is not None
    return all(
        _ATEXT_ASCII.fullmatch(ch) is not None or unicodedata.category(ch)[0] in "LMN"
        for ch in atom
    )


def _check_local(local: str, raw: object) -> None:
    if not all(_atom_ok(atom) for atom in local.split(".")):
        _fail("bad_local_part", N_("the part before @ is not a valid mailbox name"), raw)
    if len(local.encode("utf-8")) > _MAX_LOCAL:
        _fail("too_long", N_("the part before @ is longer than 64 octets"), raw)


def _domain(domain: str, raw: object) -> tuple[str, str]:
    """Return the Unicode and the ASCII form of ``domain``.

    A plain ASCII host name (letters, digits and inner hyphens in labels of
    1 to 63 characters, no ``--``) is its own A-label and U-label once in
    small letters: the IDNA processing would only lower-case it, so it is
    skipped. The caller has refused a domain over 253 characters.
    """
    if domain.isascii():
        lower = domain.lower()
        if "--" not in lower and _PLAIN_HOST.fullmatch(lower):
            return _checked_labels(lower, lower, raw)
    return _idna_domain(domain, raw)


def _idna_domain(domain: str, raw: object) -> tuple[str, str]:
    """Return the Unicode and the ASCII form of ``domain``, through IDNA 2008 and UTS #46.

    The ``idna`` package refuses an ASCII form over 253 octets.
    """
    try:
        ascii_domain = idna.encode(domain, uts46=True, std3_rules=True).decode("ascii")
        unicode_domain = idna.decode(ascii_domain)
    except (idna.IDNAError, UnicodeError) as exc:
        _fail("bad_domain", N_("the domain is not a valid host name"), raw, exc)
    return _checked_labels(unicode_domain, ascii_domain, raw)


def _checked_labels(unicode_domain: str, ascii_domain: str, raw: object) -> tuple[str, str]:
    """Refuse a host of one label, with an empty label, with a numeric top level, or mixed.

    A mixed label (Latin with Cyrillic or Greek letters) can only be in a
    domain that went through IDNA, whose Unicode form is at hand here.
    """
    labels = ascii_domain.split(".")
    if (
        len(labels) < 2 or "" in labels or _NUMERIC.fullmatch(labels[-1])
    ):  # a name and a top-level domain
        _fail("bad_domain", N_("the domain is not a valid host name"), raw)
    if mixed_script_label(unicode_domain) is not None:
        _fail(
            "mixed_script_domain",
            N_("the domain mixes letters of different scripts, as look-alike domains do"),
            raw,
            hint=N_("a domain written in one script, such as example.pl or пример.рф"),
        )
    return unicode_domain, ascii_domain


@attrs.frozen(kw_only=True)
class Email:
    """A valid e-mail address in its canonical form.

    Build it with :func:`validate`; the fields are derived from one another.

    Attributes:
        address: The canonical address, ``local@domain``.
        local: The local part, as written (in NFC).
        domain: The domain, lowercase, in Unicode (U-labels).
        ascii_domain: The domain in ASCII (A-labels, ``xn--...``).
    """

    address: str
    local: str
    domain: str
    ascii_domain: str

    def __str__(self) -> str:
        """Return the canonical address."""
        return self.address


# The slots' own descriptors, bound once. Email has neither validators nor
# converters, so filling its slots through them is what its attrs ``__init__``
# does, without the keyword arguments and the per-call setattr lookup.
_new = object.__new__
_set_address, _set_local, _set_domain, _set_ascii_domain = (
    Email.__dict__[name].__set__ for name in ("address", "local", "domain", "ascii_domain")
)


def _email(address: str, local: str, domain: str, ascii_domain: str) -> Email:
    """Build an :class:`Email` as ``Email(address=..., ...)`` does, faster."""
    email: Email = _new(Email)
    _set_address(email, address)
    _set_local(email, local)
    _set_domain(email, domain)
    _set_ascii_domain(email, ascii_domain)
    return email


def _unwrap(text: str) -> str:
    text = _MAILTO.sub("", text, count=1)
    wrapped = _DISPLAY_NAME.match(text)
    return wrapped.group(1).strip() if wrapped else text


def _several(text: str) -> bool:
    """Return whether ``text`` holds several addresses, separated by commas, semicolons or spaces.

    Spaces around an ``@`` do not separate addresses (``biuro @ example.pl``).
    """
    if text.count("@") < _SEVERAL:
        return False
    return sum("@" in piece for piece in _LIST_SEPARATORS.split(text)) >= _SEVERAL


@functools.lru_cache(maxsize=8192)
def _validate(raw: str) -> Email:
    text = _unwrap(texts.clean(raw, homoglyphs=False))
    if _several(text):
        _fail(
            "several",
            N_("the value holds several e-mail addresses"),
            raw,
            hint=N_("one address per field: split the addresses into separate fields or records"),
        )
    if "@" not in text:
        _fail("no_at", N_("the address has no @"), raw)
    local, _, domain = text.rpartition("@")
    # Spaces around the @ (biuro @ example.pl): one address, written loosely.
    local, domain = local.rstrip(), domain.lstrip()
    if not local:
        _fail("bad_local_part", N_("the part before @ is not a valid mailbox name"), raw)
    if local.startswith('"') or local.endswith('"'):
        _fail("quoted_local_part", N_("quoted local parts are not accepted"), raw)
    if " " in local or " " in domain:
        bad = "bad_local_part" if " " in local else "bad_domain"
        _fail(bad, N_("the address contains a space"), raw)
    local = unicodedata.normalize("NFC", local)
    _check_local(local, raw)
    domain = domain.removesuffix(".")  # the root of a fully qualified name
    if not domain:
        _fail("bad_domain", N_("the domain is not a valid host name"), raw)
    if len(domain) > _MAX_DOMAIN:
        _fail("too_long", N_("the domain is longer than 253 characters"), raw)
    unicode_domain, ascii_domain = _domain(domain, raw)
    if len(local.encode("utf-8")) + 1 + len(ascii_domain) > _MAX_ADDRESS:
        _fail("too_long", N_("the address is longer than 254 octets"), raw)
    return _email(f"{local}@{unicode_domain}", local, unicode_domain, ascii_domain)


def validate(raw: object) -> Email:
    """Return the canonical :class:`Email` for ``raw``, or raise.

    Args:
        raw: The address as written (an :class:`Email` is returned as it is).

    Returns:
        The address.

    Raises:
        ValidationError: With one of the codes ``email.not_text``,
            ``email.empty``, ``email.too_long``, ``email.no_at``,
            ``email.several`` (more than one address),
            ``email.bad_local_part``, ``email.quoted_local_part``,
            ``email.bad_domain`` or ``email.mixed_script_domain`` (a label
            mixing Latin, Cyrillic or Greek letters).

    >>> validate("Jan Kowalski <jan.kowalski@Example.PL>").address
    'jan.kowalski@example.pl'
    >>> validate("пример@Пример.РФ").ascii_domain
    'xn--e1afmkfd.xn--p1ai'
    >>> validate("jan.kowalski.onet.pl")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: email: the address has no @ ... [email.no_at]
    """
    if isinstance(raw, Email):
        return raw
    if type(raw) is str and len(raw) <= _MAX_ADDRESS:
        found = _plain(raw)
        if found is not None:
            return found
    return _validate(require_text(raw, field=FIELD, hint=_HINT))


def _plain(raw: str) -> Email | None:
    """Return the address of plain ASCII text as :func:`_validate` reads it, or ``None``.

    Text made only of dot-atoms, ``@`` and a plain host is already clean (no
    space, no character cleaning rewrites), has no wrapping, and its domain
    needs no IDNA processing (see :func:`_domain`): what is left to check is
    a host without ``--`` (a possible A-label), a top-level domain that is not
    numeric, and the lengths, whose limits here are those of :func:`_validate`.
    """
    found = _PLAIN_ADDRESS.fullmatch(raw)
    if found is None:
        return None
    local, domain = found.group("local", "domain")
    if len(local) > _MAX_LOCAL or "--" in domain:
        return None  # the full reading decides, and says what is wrong
    domain = domain.lower()
    return _email(f"{local}@{domain}", local, domain, domain)


def is_valid(raw: object) -> bool:
    """Return whether ``raw`` is a valid address.

    >>> is_valid("oleksandr@ukr.net"), is_valid("oleksandr@ukr"), is_valid('"o k"@ukr.net')
    (True, False, False)
    """
    try:
        validate(raw)
    except ValidationError:
        return False
    return True


def format(value: Email | str, style: Literal["unicode", "ascii"] = "unicode") -> str:
    """Return the address with its domain in Unicode (the default) or in ASCII.

    The ASCII style is for systems that do not speak IDNA; a non-ASCII local
    part stays as it is (it has no ASCII form).

    >>> format("γιώργος@παράδειγμα.ελ", style="ascii")
    'γιώργος@xn--hxajbheg2az3al.xn--qxam'

    Raises:
        ValidationError: If text is not a valid address, or
            ``email.unknown_style``.
    """
    if style not in {"unicode", "ascii"}:
        fail(
            f"{FIELD}.unknown_style",
            N_("there is no such e-mail format style"),
            field="style",
            value=style,
            hint="unicode, ascii",
        )
    email = validate(value)
    return email.address if style == "unicode" else f"{email.local}@{email.ascii_domain}"


@attrs.frozen
class _Provider:
    dots: bool
    tag: str | None
    mailbox_domain: str | None


@functools.cache
def _providers() -> dict[str, _Provider]:
    raw = load_json("standardize", "email_providers.json")
    return {
        domain: _Provider(
            dots=bool(entry["dots"]),
            tag=entry.get("tag"),
            mailbox_domain=entry.get("mailbox_domain"),
        )
        for domain, entry in raw["providers"].items()
    }


def matching_key(raw: object, *, provider_aliases: bool = False) -> str:
    """Return a key on which the spellings of one mailbox meet.

    The key is the canonical address in lowercase. With
    ``provider_aliases=True``, the aliases of the large providers (listed in
    ``data/email_providers.json``) are folded too: Gmail ignores dots and
    ``googlemail.com`` is ``gmail.com``; Gmail, Outlook, iCloud, Fastmail,
    Proton and Yandex drop a ``+tag``, Yahoo a ``-tag``. Off by default: for
    other domains a ``+`` or a dot is part of the mailbox name.

    Raises:
        ValidationError: As :func:`validate`.

    >>> matching_key("Jan.Kowalski@Onet.PL")
    'jan.kowalski@onet.pl'
    >>> matching_key("Ivanov+shop@yandex.com", provider_aliases=True)
    'ivanov@yandex.ru'
    >>> matching_key("jan.kowalski+crm@onet.pl", provider_aliases=True)
    'jan.kowalski+crm@onet.pl'
    """
    email = validate(raw)
    local, domain = email.local.lower(), email.domain
    provider = _providers().get(domain) if provider_aliases else None
    if provider is not None:
        if provider.tag and provider.tag in local:
            local = local.split(provider.tag, 1)[0] or local
        if provider.dots:
            local = local.replace(".", "") or local
        domain = provider.mailbox_domain or domain
    return f"{local}@{domain}"


def example(country: str | None = None) -> str:
    """Return an example address.

    One for every country: ``country`` is only checked, as every family checks it.

    >>> example()
    'jan.kowalski@example.pl'
    """
    optional_country(country)
    return "jan.kowalski@example.pl"


# --- the hint -------------------------------------------------------------------

#: What :func:`crmcore.standardize.hint` says of the form an address takes.
HINT = fixed_hint(N_("a mailbox name, the @ sign and a domain, as in {example}"))
