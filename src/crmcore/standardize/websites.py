"""Websites: one canonical URL per site, and the domain to match companies on.

The canonical form:

* the scheme is kept if it is ``http`` or ``https`` (lower-cased) and
  ``https://`` is added when there is none; other schemes (``ftp:``,
  ``mailto:``, ``javascript:``) are refused;
* the host is lower-cased, in ASCII (internationalised labels as ``xn--``
  A-labels, as the e-mail standardiser stores domains), ``www.`` kept; a
  label mixing Latin, Cyrillic or Greek letters (a look-alike domain) is
  refused;
* the default port (80, 443) is dropped, a fragment (``#...``) is dropped, a
  lone ``/`` after the host is dropped; path and query are kept, with
  characters outside URLs percent-encoded.

:func:`format` shows the host in Unicode; :func:`domain` and
:func:`matching_key` drop ``www.``, for matching.

>>> from crmcore.standardize import websites
>>> websites.validate("WWW.Example.COM/")
'https://www.example.com'
>>> websites.validate("http://sklep.żabka.pl:80/o-nas#kontakt")
'http://sklep.xn--abka-99a.pl/o-nas'
>>> websites.format("https://xn--80aikifvh.xn--j1amh")
'https://приклад.укр'
>>> websites.domain("https://www.Example.com/about")
'example.com'
"""

from __future__ import annotations

import re
from typing import Literal, NoReturn
from urllib.parse import SplitResult, quote, urlsplit

from crmcore._countries import optional_country
from crmcore.errors import ValidationError
from crmcore.standardize import texts
from crmcore.standardize._base import N_, fail, fixed_hint, require_text
from crmcore.standardize._hosts import HostError, mixed_script_label, to_ascii, to_unicode

__all__ = ["FIELD", "HINT", "domain", "example", "format", "is_valid", "matching_key", "validate"]

FIELD = "website"
_HINT = "a website address such as https://www.example.com or example.pl"
_SCHEME = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):")
_WEB_SCHEMES = frozenset({"http", "https"})
#: Schemes written without ``//`` that are surely not a host and port.
_OTHER_SCHEMES = frozenset(
    {"mailto", "javascript", "data", "tel", "sms", "file", "ftp", "sftp", "ssh", "news", "urn"}
    | {"vbscript", "about", "blob", "callto", "skype", "viber", "whatsapp", "tg", "geo"}
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"
_SAFE_QUERY = _SAFE_PATH + "?"
_TLD = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")
_EXAMPLES = {
    "PL": "https://www.example.pl",
    "UA": "https://www.example.com.ua",
    "RU": "https://www.example.ru",
    "GR": "https://www.example.gr",
    "DE": "https://www.example.de",
    "GB": "https://www.example.co.uk",
    "US": "https://www.example.com",
}


def _bad(code: str, message: str, raw: object, cause: BaseException | None = None) -> NoReturn:
    fail(f"{FIELD}.{code}", message, field=FIELD, value=raw, hint=_HINT, cause=cause)


def _split(text: str, raw: object) -> SplitResult:
    match = _SCHEME.match(text)
    scheme = match.group("scheme").lower() if match else None
    after = text[match.end() :] if match else text
    if scheme in _WEB_SCHEMES:
        if not after.startswith("//"):
            _bad("bad_scheme", N_("the address has no host after its scheme"), raw)
        target = text
    elif scheme is not None and (after.startswith("//") or scheme in _OTHER_SCHEMES):
        _bad("bad_scheme", N_("the address is not a web address (http or https)"), raw)
    else:
        # No scheme; "example.com:8080" is a host and a port.
        target = "https:" + (text if text.startswith("//") else "//" + text)
    try:
        return urlsplit(target)
    except ValueError as exc:
        _bad("bad_host", N_("the host of the address is not valid"), raw, exc)


def _host(parts: SplitResult, raw: object) -> str:
    netloc = parts.netloc
    if "@" in netloc:
        _bad("bad_host", N_("the address holds a user name or an e-mail address"), raw)
    host = netloc.rsplit(":", 1)[0] if netloc.count(":") == 1 else netloc
    if host.startswith("[") or re.fullmatch(r"[0-9.]+", host):
        _bad("bad_host", N_("the address is an IP address, not a domain name"), raw)
    try:
        ascii_host = to_ascii(host)
        # Look-alikes hide in Unicode labels, and in A-labels (xn--) too.
        unicode_host = to_unicode(ascii_host) if "xn--" in ascii_host else ascii_host
    except HostError as exc:
        _bad("bad_host", N_("the host of the address is not valid"), raw, exc)
    if mixed_script_label(unicode_host) is not None:
        fail(
            f"{FIELD}.mixed_script_host",
            N_("the host mixes letters of different scripts, as look-alike domains do"),
            field=FIELD,
            value=raw,
            hint=N_("a domain written in one script, such as example.pl or пример.рф"),
        )
    tld = ascii_host.rsplit(".", 1)[-1]
    if "." not in ascii_host or not _TLD.fullmatch(tld):
        fail(
            f"{FIELD}.no_tld",
            N_("the host of the address has no top-level domain"),
            field=FIELD,
            value=raw,
            hint=f"a full domain name such as {ascii_host.split('.')[0]}.com",
        )
    return ascii_host


def _port(parts: SplitResult, scheme: str, raw: object) -> str:
    try:
        port = parts.port
    except ValueError as exc:
        _bad("bad_port", N_("the port of the address is not valid"), raw, exc)
    if port is None or port == _DEFAULT_PORTS[scheme]:
        return ""
    if port == 0:
        _bad("bad_port", N_("the port of the address is not valid"), raw)
    return f":{port}"


def _encode(text: str, safe: str, raw: object) -> str:
    try:
        encoded = quote(text, safe=safe)
    except UnicodeEncodeError as exc:  # a lone surrogate: not text, no UTF-8 form
        _bad("bad_characters", N_("the address contains characters that are not text"), raw, exc)
    return _ESCAPE.sub(lambda m: m.group(0).upper(), encoded)


def validate(raw: object) -> str:
    """Return the canonical URL of a website, or raise ``ValidationError``.

    Args:
        raw: The address as entered: with or without scheme, ``www.``, port,
            path; host in any case and script.

    Returns:
        The canonical URL; ``validate(url) == url``.

    Raises:
        ValidationError: With code ``website.bad_scheme`` (``ftp:``,
            ``mailto:``, ``javascript:``), ``website.bad_host``,
            ``website.mixed_script_host`` (a label mixing Latin, Cyrillic or
            Greek letters: a look-alike domain), ``website.no_tld``,
            ``website.bad_port``, ``website.bad_characters`` (a lone
            surrogate in the path or query), ``website.empty``,
            ``website.not_text`` or ``website.too_long``.

    >>> validate("Example.com:443/Shop/?q=1#top")
    'https://example.com/Shop/?q=1'
    >>> validate("mailto:biuro@example.pl")
    Traceback (most recent call last):
    ...
    crmcore.errors.ValidationError: website: ... [website.bad_scheme]
    """
    # Homoglyphs are not "repaired": a domain name is an identifier, kept as given.
    text = texts.clean(require_text(raw, field=FIELD, hint=_HINT), homoglyphs=False)
    if any(c.isspace() for c in text):
        _bad("bad_host", N_("the address contains spaces"), raw)
    parts = _split(text, raw)
    scheme = parts.scheme.lower()
    host = _host(parts, raw)
    port = _port(parts, scheme, raw)
    path = _encode(parts.path, _SAFE_PATH, raw)
    if path == "/":
        path = ""
    query = _encode(parts.query, _SAFE_QUERY, raw)
    return f"{scheme}://{host}{port}{path}" + (f"?{query}" if query else "")


def is_valid(raw: object) -> bool:
    """Tell whether ``raw`` is a usable website address.

    >>> is_valid("example.pl"), is_valid("localhost")
    (True, False)
    """
    try:
        validate(raw)
    except ValidationError:
        return False
    return True


def format(value: str, *, style: Literal["unicode", "canonical", "short"] = "unicode") -> str:
    """Return a website address for display.

    Args:
        value: An address (standardised first).
        style: ``"unicode"``: the canonical URL with the host in Unicode;
            ``"canonical"``: the canonical URL; ``"short"``: host (in Unicode)
            and path, without scheme and ``www.``.

    Returns:
        The text.

    Raises:
        ValidationError: If ``value`` is not a valid address, or the style is
            unknown (``website.bad_style``).

    >>> format("http://www.xn--abka-99a.pl/sklep/", style="short")
    'żabka.pl/sklep/'
    """
    if style not in {"unicode", "canonical", "short"}:
        fail(
            f"{FIELD}.bad_style",
            N_("the display style is not known"),
            field=FIELD,
            value=style,
            hint="one of unicode, canonical, short",
        )
    url = validate(value)
    if style == "canonical":
        return url
    parts = urlsplit(url)
    host = to_unicode(parts.hostname or "")
    port = f":{parts.port}" if parts.port else ""
    tail = parts.path + (f"?{parts.query}" if parts.query else "")
    if style == "short":
        return _strip_www(host) + port + tail
    return f"{parts.scheme}://{host}{port}{tail}"


def _strip_www(host: str) -> str:
    return host[4:] if host.startswith("www.") and host.count(".") > 1 else host


def domain(raw: object) -> str:
    """Return the host of a website without ``www.`` (ASCII), for matching.

    >>> domain("WWW.Żabka.pl/kontakt")
    'xn--abka-99a.pl'
    """
    return _strip_www(urlsplit(validate(raw)).hostname or "")


def matching_key(raw: object) -> str:
    """Return a key equal for addresses of the same site and page.

    Scheme, ``www.``, port, query, case and a trailing ``/`` are ignored; the
    path is kept (``facebook.com/acme`` and ``facebook.com/other`` differ).

    >>> matching_key("http://www.Example.com/About/") == matching_key("example.com/about")
    True
    """
    parts = urlsplit(validate(raw))
    return (_strip_www(parts.hostname or "") + parts.path.rstrip("/")).lower()


def example(country: str | None = None) -> str:
    """Return an example of a website address for ``country``.

    >>> example("PL")
    'https://www.example.pl'
    """
    code = optional_country(country)
    return _EXAMPLES.get(code or "US", "https://www.example.com")


# --- the hint -------------------------------------------------------------------

#: What :func:`crmcore.standardize.hint` says of the form a website takes.
HINT = fixed_hint(N_("a domain name, optionally with https:// and a path, as in {example}"))
