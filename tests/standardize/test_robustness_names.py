"""Junk in, our own errors out: person names, company names, websites.

For any text (and every country or locale argument the family takes), each
standardiser returns a value or raises ``ValidationError``, never anything
else, and standardising what it returned gives it back unchanged.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import company_names, person_names, texts, websites
from crmcore.standardize._legal_forms import descriptors, forms

_COUNTRIES = [None, *sorted({f.country for f in forms()}), "jp", "XX", "Poland", "", 7]
_LOCALES = [None, "pl", "uk", "ru", "el", "en_GB", "de-DE", "cs", "xx", "1", "", 3]

# Pieces that steer the parsers down their less travelled roads.
_PIECES = st.sampled_from(
    [w for f in forms()[:40] for w in (f.abbreviation, f.name)]
    + [d.abbreviation for d in descriptors()]
    + ["«", "»", "„", "“", "”", '"', "'", "’", ",", "-", ".", "&", "(", ")", "  "]
    + ["Dr", "prof.", "dr hab.", "пан", "κ.", "Jr.", "III", "PhD", "van", "de", "Mc", "O'"]
    + ["Іван", "Петрович", "Іванов", "ΠΑΠΑΔΟΠΟΥΛΟΣ", "σ", "ς", "KOWALSKI", "Jan", "µ", "İ"]
    + ["dr n. med.", "Dr. med. dent.", "Dr.-Ing.", "О.П.", "B.Ya.", "Sz.", "zu", "von", "y"]
    + ["Ярослава", "Σπύρος", "Ursula", "Мельник", "Οικονόμου", "Schmidt", "Б.", "K"]
    + ["http://", "https://", "www.", "xn--", ".pl", ".укр", ":80", ":", "/", "?", "#", "@"]
)
JUNK = st.one_of(
    st.text(max_size=80),
    st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=10).map(" ".join),
    st.lists(st.one_of(_PIECES, st.text(max_size=2)), max_size=10).map("".join),
)
_SETTINGS = settings(deadline=None, max_examples=400, suppress_health_check=[HealthCheck.too_slow])


def _standardise(validate, raw, **kwargs):
    error = None
    try:
        return validate(raw, **kwargs)
    except ValidationError as exc:
        error = exc
    if error.code == "country.unknown":  # the argument's error, the same everywhere
        assert error.field == "country"
        assert error.value == kwargs["country"]
        return None
    assert error.field in {"company_name", "person_name", "website"}
    if error.code == "text.mojibake":  # the shared finding, about this field
        assert texts.mojibake(raw) is not None
    else:
        assert error.code.split(".")[0] == error.field
    return None


@_SETTINGS
@given(raw=JUNK, country=st.sampled_from(_COUNTRIES))
def test_company_names_return_or_refuse(raw, country):
    company = _standardise(company_names.validate, raw, country=country)
    if company is not None:
        again = company_names.validate(str(company), country=country or company.country)
        assert again == company
        for style in ("full", "long", "short"):
            assert company_names.format(company, style=style)


@_SETTINGS
@given(raw=JUNK, locale=st.sampled_from(_LOCALES))
def test_person_names_return_or_refuse(raw, locale):
    name = _standardise(person_names.validate, raw, locale=locale)
    if name is not None:
        assert isinstance(name.order_uncertain, bool)
        assert person_names.validate(str(name), locale=locale) == name
        for style in ("full", "formal", "family_first", "short"):
            assert person_names.format(name, style=style)


@_SETTINGS
@given(raw=JUNK)
def test_websites_return_or_refuse(raw):
    url = _standardise(websites.validate, raw)
    if url is not None:
        assert websites.validate(url) == url
        assert websites.validate(websites.format(url)) == url
        assert websites.domain(url)
        assert websites.matching_key(url)


@pytest.mark.parametrize("junk", [None, 0, b"bytes", ["list"], object()])
def test_non_text_is_refused(junk):
    for validate in (company_names.validate, person_names.validate, websites.validate):
        with pytest.raises(ValidationError) as info:
            validate(junk)
        assert info.value.code.endswith(".not_text")


def test_long_input_is_refused_quickly():
    for validate in (company_names.validate, person_names.validate, websites.validate):
        with pytest.raises(ValidationError) as info:
            validate("ТОВ «" * 300)
        assert info.value.code.endswith(".too_long")


def test_inputs_at_the_length_limit_are_handled():
    words = ("Kowalski " * 111)[:988].strip()
    company = company_names.validate(f"{words} sp. z o.o.")
    assert (company.name, company.legal_form) == (words, "sp. z o.o.")
    assert person_names.validate(words).given == "Kowalski"
    host = ".".join(["a" * 60] * 4) + ".pl"
    assert websites.validate(host + "/" + "x" * (999 - len(host) - 1)).startswith("https://")
