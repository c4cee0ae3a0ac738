"""The fast paths of the standardisers give exactly what the full work gives.

Each shortcut that skips work (a re-reading of a canonical text, a cleaning
of text that is already clean, ...) is compared here with the work it skips,
on realistic names and on junk.
"""

from __future__ import annotations

import functools
import re

import phonenumbers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import _company, company_names, countries, emails, phones, texts
from crmcore.standardize import person_names as _person
from crmcore.standardize._legal_forms import descriptors, forms

from .strategies import messy_text, phone_like_text

_SETTINGS = settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])

_NAME_PIECES = st.sampled_from(
    [
        *("Jan", "KOWALSKI", "Іван", "Петрович", "ІВАНОВ", "Γιώργος", "ΠΑΠΑΔΟΠΟΥΛΟΣ", "σ", "µ"),
        *("Dr", "prof.", "dr hab.", "пан", "κ.", "Jr.", "III", "van", "de", "O'BRIEN", "mc", ","),
    ]
)
_COMPANY_PIECES = st.sampled_from(
    [w for f in forms()[:40] for w in (f.abbreviation, f.name)]
    + [d.abbreviation for d in descriptors()]
    + ["Ромашка", "Kowalski", "Müller", "ΑΘΗΝΑ", "«", "»", "„", "”", '"', "&", "-"]
)
_NAMES = st.one_of(messy_text, st.lists(_NAME_PIECES, max_size=6).map(" ".join))
_COMPANIES = st.one_of(messy_text, st.lists(_COMPANY_PIECES, max_size=6).map(" ".join))
_DIGITS_AND_SEPARATORS = re.compile(r"[\d\s+\-./()\[\]]+")
_LANGUAGES = st.sampled_from([None, "pl", "de", "uk", "el", "en"])
_COUNTRIES = st.sampled_from([None, "PL", "UA", "RU", "GR", "DE", "GB", "US"])


@_SETTINGS
@given(text=_NAMES, language=_LANGUAGES)
def test_person_name_read_once_when_already_canonical(text, language):
    try:
        value = _person._parse(text, raw=text, language=language)
    except ValidationError:
        return
    # The raw text itself, and the canonical text (where the shortcut is taken).
    for source in (text, _person._render(value, language=language)):
        again = _person._parse(source, raw=source, language=language)
        fast = _person._canonical(again, raw=source, language=language, text=source)
        assert fast == _person._canonical(again, raw=source, language=language)


@_SETTINGS
@given(text=_COMPANIES, country=_COUNTRIES)
def test_company_name_read_once_when_already_canonical(text, country):
    try:
        value = _company.parse(text, raw=text, country=country)
    except ValidationError:
        return
    for source in (text, _company.render(value)):
        again = _refusal_or(_company.parse, source, raw=source, country=country)
        if isinstance(again, str):
            # The rendered name reads as no company (a legal form twice over
            # reads back as the form alone): the public reading refuses it too.
            assert _refusal_or(company_names.validate, text, country=country) == again
            continue
        # Both ways give the same value, or the same refusal (a name that is
        # a legal form twice over reads back as the form alone).
        fast = _refusal_or(_company.canonical, again, raw=source, country=country, text=source)
        assert fast == _refusal_or(_company.canonical, again, raw=source, country=country)


def _refusal_or(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except ValidationError as error:
        return error.code


_HOSTS = st.one_of(
    st.text(alphabet="abZ09-._", max_size=30),
    st.lists(st.text(alphabet="aZ0-", min_size=1, max_size=70), min_size=1, max_size=5).map(
        ".".join
    ),
    st.sampled_from(["example.com", "EXAMPLE.PL", "xn--80aikifvh.xn--j1amh", "ab--c.de", "a.123"]),
)


def _outcome(function, *args):
    try:
        return function(*args)
    except ValidationError as error:
        return error.code


@_SETTINGS
@given(host=_HOSTS)
def test_plain_ascii_domains_skip_idna_with_the_same_result(host):
    assert _outcome(emails._domain, host, host) == _outcome(emails._idna_domain, host, host)


@_SETTINGS
@given(
    text=st.one_of(
        phone_like_text,
        st.sampled_from(["+48 58 301 22 33", "+1 312 555 0147", "+7 912 345-67-89"]),
        st.sampled_from(["+44 161 496 0123", "+380 32 245 67 89", "+30 231 012 3456"]),
        st.sampled_from(["+800 12345678", "+1 684 6331234", "+49 89 1234567"]),
    ),
    region=st.sampled_from([None, "PL", "UA", "RU", "GR", "DE", "GB", "US", "CA", "KZ"]),
)
def test_a_number_phonenumbers_finds_valid_as_written_is_accepted_as_that_number(text, region):
    """Our first reading of digits is phonenumbers' reading: never refused, never changed.

    Of the numbers written as digits and separators that phonenumbers finds
    valid, only a placeholder (one digit repeated) and an E.164 form over 15
    digits are refused; and whatever we accept, phonenumbers finds valid.
    (phonenumbers also reads numbers out of text with words around them,
    which we do only for the labels and extension markers we know.)
    """
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        number = None
    result = _outcome(functools.partial(phones.validate, country=region), text)
    digits_only = _DIGITS_AND_SEPARATORS.fullmatch(text) is not None
    if digits_only and number is not None and phonenumbers.is_valid_number(number):
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        nsn = phonenumbers.national_significant_number(number)
        if len(set(nsn)) == 1:
            assert result == "phone.placeholder"
        elif len(e164) > 16:
            assert result == "phone.bad_e164"
        else:
            assert isinstance(result, phones.Phone), (text, region, result)
            assert result.e164 == e164
    if isinstance(result, phones.Phone):
        assert phonenumbers.is_valid_number(phonenumbers.parse(result.e164))


@_SETTINGS
@given(
    text=st.one_of(
        st.text(alphabet=st.characters(max_codepoint=0x7F)),
        st.from_regex(r"[ -~]{0,30}", fullmatch=True),
        messy_text,
    )
)
def test_clean_text_returned_as_it_is_is_what_cleaning_gives(text):
    for homoglyphs in (True, False):
        assert texts.clean(text, homoglyphs=homoglyphs) == texts._clean(text, homoglyphs=homoglyphs)


@_SETTINGS
@given(raw=st.one_of(st.text(max_size=4), st.sampled_from(["PL", "UA", "pl", "XK", "ZZ", "UK"])))
def test_a_country_code_passed_on_is_read_as_before(raw):
    assert _outcome(countries.validate, raw) == _outcome(countries.validate, f" {raw} ")
