import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import websites
from crmcore.standardize._hosts import HostError, to_ascii, to_unicode

from .support import outcome

CORPUS = json.loads((Path(__file__).parent / "data" / "websites.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CORPUS["valid"], ids=lambda c: c["raw"])
def test_valid_corpus(case):
    url = websites.validate(case["raw"])
    assert url == case["url"]
    assert url.isascii()
    assert websites.validate(url) == url
    assert websites.format(url, style="canonical") == url
    if "unicode" in case:
        assert websites.format(case["raw"]) == case["unicode"]
    if "domain" in case:
        assert websites.domain(case["raw"]) == case["domain"]
    if "key" in case:
        assert websites.matching_key(case["raw"]) == case["key"]
    assert websites.is_valid(case["raw"])


@pytest.mark.parametrize("case", CORPUS["invalid"], ids=lambda c: repr(c["raw"]))
def test_invalid_corpus(case):
    with pytest.raises(ValidationError) as info:
        websites.validate(case["raw"])
    assert info.value.code == case["code"]
    assert info.value.field == "website"
    assert info.value.hint
    assert not websites.is_valid(case["raw"])


def test_dependency_errors_are_chained_not_leaked():
    with pytest.raises(ValidationError) as info:
        websites.validate("https://[::1")
    assert isinstance(info.value.__cause__, ValueError)
    with pytest.raises(ValidationError) as info:
        websites.validate("xn--zz.com")
    assert isinstance(info.value.__cause__, HostError)


def test_no_tld_hint_suggests_a_full_name():
    with pytest.raises(ValidationError) as info:
        websites.validate("acme")
    assert info.value.hint == "a full domain name such as acme.com"


def test_www_is_kept_in_the_url_and_dropped_for_matching():
    assert websites.validate("www.example.pl") == "https://www.example.pl"
    assert websites.domain("www.example.pl") == "example.pl"
    assert websites.domain("www.pl") == "www.pl"  # "www" is the name here
    same = {"http://www.Example.com/About/", "https://example.com/about", "EXAMPLE.com:443/about"}
    assert len({websites.matching_key(u) for u in same}) == 1
    assert websites.matching_key("facebook.com/acme") != websites.matching_key("facebook.com/b")


def test_format_styles():
    assert websites.format("https://www.xn--abka-99a.pl:8443/sklep?x=1") == (
        "https://www.żabka.pl:8443/sklep?x=1"
    )
    assert websites.format("www.żabka.pl/sklep/", style="short") == "żabka.pl/sklep/"
    with pytest.raises(ValidationError) as info:
        websites.format("example.com", style="loud")  # type: ignore[arg-type]
    assert info.value.code == "website.bad_style"


def test_examples():
    for country in ("PL", "UA", "RU", "GR", "DE", "GB", "US", "JP", None):
        assert websites.is_valid(websites.example(country))
    assert websites.example("pl") == "https://www.example.pl"


def test_hosts_keep_sharp_s_and_final_sigma():
    assert to_ascii("straße.de") == "xn--strae-oqa.de"  # not strasse.de (IDNA 2003)
    assert to_unicode(to_ascii("σίσυφος.gr")) == "σίσυφος.gr"
    assert to_unicode(to_ascii("ΣΊΣΥΦΟΣ.gr")) == "σίσυφοσ.gr"  # UTS #46 lower-cases Σ to σ
    assert to_ascii("ＥＸＡＭＰＬＥ．ｃｏｍ") == "example.com"
    with pytest.raises(HostError):
        to_ascii("a" * 64 + ".com")
    with pytest.raises(HostError):
        to_ascii(("a" * 60 + ".") * 5 + "com")
    with pytest.raises(HostError):
        to_ascii("-ab.pl")
    with pytest.raises(HostError):
        to_ascii("ż" * 70 + ".pl")
    with pytest.raises(HostError):
        to_ascii("..")
    with pytest.raises(HostError):
        to_unicode("xn--zz.com")
    with pytest.raises(HostError):
        to_ascii("ab--cd.pl")
    with pytest.raises(HostError):
        to_ascii("xn--abc-.pl")  # an A-label of plain ASCII


_LABELS = st.text(alphabet="abcxyz019-żółęΑβγабвгґ", min_size=1, max_size=12)


def _scripts(label: str) -> set[str]:
    """The scripts of a label's letters, by their Unicode names (LATIN, GREEK, CYRILLIC)."""
    return {unicodedata.name(c).split()[0] for c in label if c.isalpha()}


@settings(deadline=None, max_examples=300)
@given(
    labels=st.lists(_LABELS, min_size=1, max_size=3),
    tld=st.sampled_from(["pl", "com", "укр", "рф", "gr", "de"]),
    scheme=st.sampled_from(["", "http://", "https://", "HTTP://", "//"]),
    www=st.booleans(),
    path=st.sampled_from(["", "/", "/o-nas", "/о-нас/", "/a?b=c", "/#x"]),
)
def test_generated_addresses(labels, tld, scheme, www, path):
    raw = scheme + ("www." if www else "") + ".".join([*labels, tld]) + path
    mixed = any(len(_scripts(label)) > 1 for label in labels)
    if not websites.is_valid(raw):
        with pytest.raises(ValidationError) as info:
            websites.validate(raw)
        assert info.value.code in {"website.bad_host", "website.mixed_script_host"}
        assert info.value.code == "website.bad_host" or mixed
        return
    assert not mixed
    url = websites.validate(raw)
    assert websites.validate(url) == url
    assert websites.validate(websites.format(url)) == url
    assert url.startswith(("http://", "https://"))
    assert not url.endswith("/") or path.endswith("/")


#: Text with lone surrogates (which have no UTF-8 form) among other characters.
_WITH_SURROGATES = st.one_of(
    st.text(alphabet=st.characters(categories=("Cs", "L", "N", "P", "S", "Zs", "M"))),
    st.builds(
        lambda text, surrogate, at: text[:at] + surrogate + text[at:],
        st.text(max_size=40),
        st.characters(categories=("Cs",)),
        st.integers(min_value=0, max_value=40),
    ),
)
_URL_HEADS = st.sampled_from(
    ["", "https://www.sklep.pl/", "rozetka.com.ua/", "http://пример.рф/a?", "skroutz.gr/?q=", "//"]
)


@settings(deadline=None, max_examples=300)
@given(head=_URL_HEADS, tail=_WITH_SURROGATES)
def test_any_text_with_surrogates_gives_a_url_or_our_error(head, tail):
    raw = head + tail
    for function in (websites.validate, websites.matching_key, websites.domain):
        result = outcome(function, raw)
        assert isinstance(result, str) or result.code.startswith("website.")
    assert websites.is_valid(raw) in {True, False}
    # A fragment is dropped; anywhere before it, a surrogate makes the address invalid.
    if any("\ud800" <= c <= "\udfff" for c in raw.partition("#")[0]):
        assert not websites.is_valid(raw)


@pytest.mark.parametrize(
    "raw",
    ["https://www.sklep.pl/o-nas\udc80", "rozetka.com.ua/?q=\ud83d", "skroutz.gr/\udfff/kontakt"],
)
def test_a_lone_surrogate_in_the_path_or_query_is_our_error(raw):
    with pytest.raises(ValidationError) as info:
        websites.validate(raw)
    assert info.value.code == "website.bad_characters"
    assert isinstance(info.value.__cause__, UnicodeEncodeError)
