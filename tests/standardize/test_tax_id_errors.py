"""The errors of tax numbers carry all their data: code, field, value, message and hint.

An application shows an error's message and hint and reads its field, value
and code, so each refusal is checked whole. The hint names the scheme as
python-stdnum does (through :func:`tax_ids.describe`) and shows the scheme's
example from ``data/tax_id_examples.json``.
"""

from __future__ import annotations

import pytest

from crmcore._data import load_json
from crmcore.errors import ValidationError, localize
from crmcore.standardize import tax_ids
from crmcore.standardize._country_index import country_codes
from crmcore.standardize.tax_ids import TaxId

EXAMPLES: dict[str, str] = load_json("standardize", "tax_id_examples.json")
UNKNOWN_SCHEME_HINT = "a python-stdnum scheme such as pl.nip, ru.inn, eu.vat or iban"
MESSAGES = {
    "tax_id.placeholder": "the number is a placeholder, not a real number",
    "tax_id.bad_checksum": "the number's check digits are wrong",
    "tax_id.bad_component": "a part of the number is not valid",
    "tax_id.bad_length": "the number has the wrong length",
    "tax_id.bad_format": "the number is not in the scheme's format",
}


def _data(error: ValidationError) -> tuple[object, ...]:
    return (error.code, error.field, error.value, str(error.message), error.hint)


def _refusal(raw: object, **kwargs: str) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        tax_ids.validate(raw, **kwargs)
    assert not tax_ids.is_valid(raw, **kwargs)
    return info.value


def _shown(scheme: str) -> str:
    """The hint of a number of ``scheme``: its name and its example in display form."""
    example = tax_ids.format(TaxId(scheme=scheme, value=EXAMPLES[scheme]))
    return f"{tax_ids.describe(scheme)}, such as {example}"


@pytest.mark.parametrize(
    ("raw", "kwargs", "code", "scheme"),
    [
        ("5260250275", {"country": "PL"}, "tax_id.bad_checksum", "pl.nip"),
        ("NIP 526-025-02-75", {}, "tax_id.bad_checksum", "pl.nip"),
        ("0000000000", {"country": "PL"}, "tax_id.placeholder", "pl.nip"),
        ("52602502", {"scheme": "pl.nip"}, "tax_id.bad_length", "pl.nip"),
        ("ABCDEFGHIJ", {"scheme": "pl.nip"}, "tax_id.bad_format", "pl.nip"),
        ("44053201458", {"scheme": "pl.pesel"}, "tax_id.bad_checksum", "pl.pesel"),
        ("ИНН 7707083894", {}, "tax_id.bad_checksum", "ru.inn"),
        ("ЄДРПОУ 00032113", {}, "tax_id.bad_checksum", "ua.edrpou"),
        ("ΑΦΜ 094014202", {}, "tax_id.bad_checksum", "gr.vat"),
    ],
)
def test_a_refused_number_names_its_scheme_with_an_example(
    raw: str, kwargs: dict[str, str], code: str, scheme: str
) -> None:
    error = _refusal(raw, **kwargs)
    assert _data(error) == (code, "tax_id", raw, MESSAGES[code], _shown(scheme))
    assert localize(error, "pl").message != error.message


@pytest.mark.parametrize(
    ("raw", "national", "prefix"),
    [
        ("PL5260250275", "pl.nip", "PL"),
        ("pl 526 025 02 75", "pl.nip", "PL"),
        ("EL094014202", "gr.vat", "EL"),  # Greece's prefix is EL, its country GR
        ("DE136695977", "de.vat", "DE"),
    ],
)
def test_a_refused_vat_number_names_the_national_scheme_with_the_prefix(
    raw: str, national: str, prefix: str
) -> None:
    error = _refusal(raw)
    hint = f"{tax_ids.describe(national)}, such as {prefix}{EXAMPLES[national]}"
    assert _data(error) == ("tax_id.bad_checksum", "tax_id", raw, MESSAGES[error.code], hint)
    assert tax_ids.is_valid(f"{prefix}{EXAMPLES[national]}")


def test_a_refused_vat_number_of_a_prefix_without_a_national_scheme_names_vatin() -> None:
    # The United Kingdom has no EU prefix: the number is read by vatin, whose
    # national scheme for GB is gb.vat.
    error = _refusal("GB980780685")
    assert error.code == "tax_id.bad_checksum"
    assert error.hint is not None
    assert error.hint.endswith(", such as GB980780684")
    assert tax_ids.is_valid("GB980780684")


def test_a_number_of_several_schemes_lists_them() -> None:
    error = _refusal("536904399", country="US")
    assert _data(error) == (
        "tax_id.ambiguous",
        "tax_id",
        "536904399",
        "the number fits several schemes",
        "one of us.atin, us.ein, us.ssn (pass scheme=)",
    )
    assert tax_ids.validate("536904399", country="US", scheme="us.ein").scheme == "us.ein"


@pytest.mark.parametrize(
    ("raw", "kwargs"),
    [("hello", {}), ("5260250274", {}), ("5260250274", {"scheme": "vat"}), ("12", {})],
)
def test_a_number_whose_scheme_cannot_be_told(raw: str, kwargs: dict[str, str]) -> None:
    assert _data(_refusal(raw, **kwargs)) == (
        "tax_id.unknown_scheme",
        "tax_id",
        raw,
        "the number's scheme cannot be told",
        "give the country or the scheme, or write a VAT number with its prefix",
    )


@pytest.mark.parametrize("scheme", ["no.such", "nope", "pl", "PL.NIP", "luhn"])
def test_an_unknown_scheme_given_is_the_errors_value(scheme: str) -> None:
    assert _data(_refusal("5260250274", scheme=scheme)) == (
        "tax_id.unknown_scheme",
        "tax_id",
        scheme,
        "the scheme is not known",
        UNKNOWN_SCHEME_HINT,
    )


@pytest.mark.parametrize("raw", ["no.such:5260250274", "xx.nip: 123"])
def test_an_unknown_scheme_written_is_refused_with_the_text(raw: str) -> None:
    assert _data(_refusal(raw)) == (
        "tax_id.unknown_scheme",
        "tax_id",
        raw,
        "the scheme is not known",
        UNKNOWN_SCHEME_HINT,
    )


@pytest.mark.parametrize("country", ["Atlantis", "XX", "", "Polska", "POL", "Ελλάδα"])
def test_an_unknown_country_is_refused_as_every_country_argument_is(country: str) -> None:
    # An argument's error, not the number's: is_valid raises it too.
    for check in (tax_ids.validate, tax_ids.is_valid):
        with pytest.raises(ValidationError) as info:
            check("5260250274", country=country)
    assert _data(info.value) == (
        "country.unknown",
        "country",
        country,
        "the country is not an ISO 3166-1 alpha-2 code",
        "a two-letter code such as PL, UA, GR or DE",
    )
    with pytest.raises(ValidationError) as info:
        tax_ids.example(country)
    assert _data(info.value)[:3] == ("country.unknown", "country", country)


@pytest.mark.parametrize("raw", [None, 5260250274, b"5260250274"])
def test_not_text(raw: object) -> None:
    error = _refusal(raw)
    assert _data(error) == (
        "tax_id.not_text",
        "tax_id",
        raw,
        "the value is not text",
        "a number with its scheme or country, such as PL5260250274 or NIP 526-025-02-74",
    )


# --- the value's own checks -------------------------------------------------------------------


def test_a_value_not_in_its_compact_form_is_refused_with_that_form() -> None:
    with pytest.raises(ValidationError) as info:
        TaxId(scheme="pl.nip", value="526-025-02-74")
    assert _data(info.value) == (
        "tax_id.not_canonical",
        "tax_id",
        "526-025-02-74",
        "the number is not in its compact canonical form",
        "5260250274",
    )


def test_a_value_of_an_unknown_scheme_names_the_scheme() -> None:
    for build in (
        lambda: TaxId(scheme="nope", value="1"),
        lambda: tax_ids.describe("nope"),
    ):
        with pytest.raises(ValidationError) as info:
            build()
        assert _data(info.value) == (
            "tax_id.unknown_scheme",
            "tax_id",
            "nope",
            "the scheme is not known",
            UNKNOWN_SCHEME_HINT,
        )


@pytest.mark.parametrize(
    ("scheme", "value", "code"),
    [
        ("pl.nip", "5260250275", "tax_id.bad_checksum"),
        ("pl.nip", "0000000000", "tax_id.placeholder"),
        ("ru.inn", "770708389", "tax_id.bad_length"),
    ],
)
def test_an_invalid_value_is_refused_with_the_value(scheme: str, value: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        TaxId(scheme=scheme, value=value)
    assert _data(info.value) == (code, "tax_id", value, MESSAGES[code], _shown(scheme))


# --- VAT numbers with and without their prefix ---------------------------------------------


@pytest.mark.parametrize(
    ("raw", "country", "scheme", "value"),
    [
        ("VAT 5260250274", "PL", "pl.nip", "5260250274"),
        ("ПДВ 5260250274", "PL", "pl.nip", "5260250274"),
        ("USt-IdNr. 136695976", "DE", "de.vat", "136695976"),
        ("VAT Reg No 980780684", "GB", "gb.vat", "980780684"),  # a label of three words
        ("VAT Reg No GB980780684", None, "vatin", "GB980780684"),
        ("NIP UE PL5260250274", None, "eu.vat", "PL5260250274"),
    ],
)
def test_a_vat_label_reads_the_national_scheme_unless_the_number_has_a_prefix(
    raw: str, country: str | None, scheme: str, value: str
) -> None:
    assert tax_ids.validate(raw, country=country) == TaxId(scheme=scheme, value=value)


@pytest.mark.parametrize(
    ("raw", "country", "national"),
    [
        ("P", "PL", "pl.nip"),  # one letter is no prefix
        ("5", "PL", "pl.nip"),
        ("ПЛ5260250274", "PL", "pl.nip"),  # Cyrillic letters are no prefix
        ("ΕΛ094014201", "GR", "gr.vat"),  # nor Greek ones
    ],
)
def test_a_vat_number_without_a_latin_prefix_is_refused_by_the_national_scheme(
    raw: str, country: str, national: str
) -> None:
    error = _refusal(raw, scheme="vat", country=country)
    assert error.code in {"tax_id.bad_format", "tax_id.bad_length"}
    assert error.hint == _shown(national)


def test_compact_refuses_what_is_not_text_whole() -> None:
    with pytest.raises(ValidationError) as info:
        tax_ids.compact(None)
    assert _data(info.value) == (
        "tax_id.not_text",
        "tax_id",
        None,
        "the value is not text",
        "a number with its scheme or country, such as PL5260250274 or NIP 526-025-02-74",
    )


@pytest.mark.parametrize(
    ("raw", "compacted"),
    [
        ("pl 526 025 02 74", "PL5260250274"),
        ("VAT Reg No gb 980 7806 84", "GB980780684"),
        ("Код ЄДРПОУ 00032112", "00032112"),
        ("el-094.014.201", "EL094014201"),
        ("ru.inn:7707083893", "7707083893"),
    ],
)
def test_compact_drops_the_label_and_the_separators(raw: str, compacted: str) -> None:
    assert tax_ids.compact(raw) == compacted


# --- examples ---------------------------------------------------------------------------------


def test_every_countrys_example_reads_back_as_one_number_of_that_country() -> None:
    """The example a hint shows is valid in its country, without a scheme.

    Where each of a country's schemes with an example is ambiguous or refused
    without a scheme (Canada, Ireland, Monaco), the example is an EU VAT number.
    """
    fallbacks = set()
    for country in sorted(country_codes()):
        example = tax_ids.example(country)
        found = tax_ids.validate(example, country=country)
        assert found.country is not None, (country, example)
        if example == "PL5260250274":
            fallbacks.add(country)
    assert {"CA", "IE", "MC", "AQ"} <= fallbacks
    assert "PL" not in fallbacks
    assert tax_ids.example() == tax_ids.example(None) == "PL5260250274"
    assert tax_ids.example("AQ") == "PL5260250274"


@pytest.mark.parametrize(
    ("raw", "scheme", "code"),
    [
        ("12345678", "ee.registrikood", "tax_id.placeholder"),
        ("X123", "mu.nid", "tax_id.bad_length"),
    ],
)
def test_the_hint_of_a_scheme_without_an_example_is_its_name(
    raw: str, scheme: str, code: str
) -> None:
    assert scheme not in EXAMPLES
    error = _refusal(raw, scheme=scheme)
    assert _data(error) == (code, "tax_id", raw, MESSAGES[code], tax_ids.describe(scheme))


@pytest.mark.parametrize("raw", ["pl.nip:", "NIP:", "ИНН:"])
def test_a_scheme_or_label_without_a_number_tells_no_scheme(raw: str) -> None:
    error = _refusal(raw)
    assert (error.code, error.value) == ("tax_id.unknown_scheme", raw)
    assert str(error.message) == "the number's scheme cannot be told"


@pytest.mark.parametrize(
    "raw", ["NIP: 5260250274", "nip:5260250274", "NIP 526 025 02 74", "pl.nip: 526-025-02-74"]
)
def test_a_label_or_scheme_before_a_colon_or_a_space_is_read(raw: str) -> None:
    assert tax_ids.validate(raw) == TaxId(scheme="pl.nip", value="5260250274")


@pytest.mark.parametrize("country", ["PL", "UA", "RU", "GR", "DE", "GB", "US", "CZ", "FR"])
def test_the_example_of_a_market_is_in_its_display_form(country: str) -> None:
    example = tax_ids.example(country)
    assert example == tax_ids.format(tax_ids.validate(example, country=country))
    assert tax_ids.example("PL") == "856-734-62-15"


def test_a_vat_prefix_without_a_national_scheme_shows_the_international_example():
    error = _refusal("QQ123456789", scheme="vat")
    assert error.hint is not None
    # The international scheme's example alone: no prefix is put before it.
    assert error.hint.split()[-1] == EXAMPLES["vatin"]


def test_the_scheme_is_what_comes_before_the_first_colon():
    error = _refusal("pl.nip:526:025:02:74")
    assert error.code == "tax_id.bad_format"
    assert error.hint is not None
    shown = tax_ids.format(tax_ids.validate(EXAMPLES["pl.nip"], scheme="pl.nip"))
    assert error.hint.split()[-1] == shown  # the scheme named is the NIP
