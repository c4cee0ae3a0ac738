"""Every standardiser of texts, keys, phones and e-mails, fed any text.

Each returns a value or raises ValidationError (nothing else, no hang: input
is capped at 1000 characters), and is idempotent on what it returns.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import emails, keys, phones, texts

from .strategies import email_like_text, messy_text, phone_like_text
from .support import outcome

_TEXT = st.one_of(messy_text, phone_like_text, email_like_text, st.text(max_size=1100))
_COUNTRY = st.one_of(
    st.none(),
    st.sampled_from(["PL", "UA", "RU", "GR", "DE", "GB", "US", "pl", "ua", "KZ", "BY", "CY"]),
    st.text(max_size=3),
)
_LANGUAGE = st.one_of(st.none(), st.sampled_from(sorted(keys.LANGUAGES)), st.text(max_size=5))


def _ours(result: object, *prefixes: str) -> bool:
    return not isinstance(result, ValidationError) or result.code.startswith(prefixes)


@settings(deadline=None)
@given(_TEXT)
def test_texts(raw: str) -> None:
    cleaned = outcome(texts.clean, raw)
    if isinstance(cleaned, ValidationError):
        assert cleaned.code == "text.too_long"
        assert len(raw) > 1000  # the standardisers' limit
        return
    assert texts.clean(cleaned) == cleaned
    result = outcome(texts.validate, raw)
    assert _ours(result, "text.")
    if isinstance(result, str):
        assert texts.validate(result) == result
    assert texts.is_valid(raw) == isinstance(result, str)
    repaired = texts.repair_homoglyphs(raw)
    assert texts.repair_homoglyphs(repaired) == repaired
    for found in texts.find_homoglyphs(raw):
        assert raw[found.position] == found.char


@settings(deadline=None)
@given(_TEXT, _LANGUAGE, _LANGUAGE)
def test_keys(raw: str, language: str | None, default: str | None) -> None:
    kwargs = {"cyrillic_default": default} if default is not None else {}
    for func in (keys.transliterate, keys.matching_key):
        result = outcome(func, raw, language, **kwargs)
        assert _ours(result, "text.", "language.")
        if isinstance(result, str):
            assert result == " ".join(result.split())


@settings(deadline=None)
@given(_TEXT, _COUNTRY)
def test_phones(raw: str, country: str | None) -> None:
    result = outcome(phones.validate, raw, country=country)
    assert _ours(result, "phone.", "country.")
    if isinstance(result, phones.Phone):
        assert phones.validate(str(result)) == result
        for style in ("international", "national", "e164", "rfc3966"):
            assert isinstance(phones.format(result, style), str)
    assert isinstance(phones.compact(raw), str)


@settings(deadline=None)
@given(_TEXT, st.booleans())
def test_emails(raw: str, aliases: bool) -> None:
    result = outcome(emails.validate, raw)
    assert _ours(result, "email.")
    if isinstance(result, emails.Email):
        assert emails.validate(str(result)) == result
        assert emails.validate(emails.format(result, "ascii")) == result
        assert isinstance(emails.matching_key(result, provider_aliases=aliases), str)
