"""One name per identifier scheme: the spellings of PL, UA, RU, GR, DE, GB and US meet."""

import json
from importlib.resources import files

import attrs
import pytest
from hypothesis import given

from crmcore.errors import ValidationError
from crmcore.model import Identifier, Party, from_dict, to_dict
from crmcore.model._schemes import canonical, canonical_name, national_vat, rule
from crmcore.standardize import tax_ids

from .strategies import countries, scheme_texts, values

IBAN = "PL61109010140000071219812874"


def triple(identifier: Identifier) -> tuple[str, str, str | None]:
    return identifier.scheme, identifier.value, identifier.country


@pytest.mark.parametrize(
    ("scheme", "value", "country", "expected"),
    [
        # Poland
        ("nip", "5260250995", "PL", ("nip", "5260250995", "PL")),
        ("NIP", "5260250995", "PL", ("nip", "5260250995", "PL")),
        ("pl.nip", "5260250995", None, ("nip", "5260250995", "PL")),
        ("PL.NIP", "5260250995", "PL", ("nip", "5260250995", "PL")),
        ("pl.regon", "192598184", None, ("regon", "192598184", "PL")),
        ("pl.vat", "5260250995", None, ("vat", "5260250995", "PL")),
        ("eu.vat", "PL5260250995", None, ("vat", "5260250995", "PL")),
        ("eu.vat", "pl 5260250995", "PL", ("vat", "5260250995", "PL")),
        ("vat", "PL5260250995", "PL", ("vat", "5260250995", "PL")),  # the prefix is read
        ("vat", "PL5260250995", None, ("vat", "5260250995", "PL")),
        # Ukraine
        ("edrpou", "32855961", "UA", ("edrpou", "32855961", "UA")),
        ("ua.edrpou", "32855961", None, ("edrpou", "32855961", "UA")),
        ("rnokpp", "1759013776", "UA", ("rnokpp", "1759013776", "UA")),
        ("ua.rntrc", "1759013776", None, ("rnokpp", "1759013776", "UA")),
        ("rntrc", "1759013776", None, ("rnokpp", "1759013776", None)),
        # Russia
        ("inn", "7707083893", "RU", ("inn", "7707083893", "RU")),
        ("ru.inn", "7707083893", None, ("inn", "7707083893", "RU")),
        ("ru.ogrn", "1027700132195", "RU", ("ogrn", "1027700132195", "RU")),
        ("vatin", "RU7707083893", None, ("vat", "7707083893", "RU")),
        # Greece: AFM and VAT stay two schemes (see crmcore.model._schemes)
        ("afm", "094014201", "GR", ("afm", "094014201", "GR")),
        ("vat", "094014201", "GR", ("vat", "094014201", "GR")),
        ("gr.vat", "094014201", None, ("vat", "094014201", "GR")),
        ("eu.vat", "EL094014201", None, ("vat", "094014201", "GR")),
        ("eu.vat", "GR094014201", "GR", ("vat", "094014201", "GR")),
        ("gr.amka", "01013099997", None, ("amka", "01013099997", "GR")),
        # Germany
        ("de.vat", "136695976", None, ("vat", "136695976", "DE")),
        ("eu.vat", "DE136695976", None, ("vat", "136695976", "DE")),
        ("de.stnr", "18181508155", None, ("stnr", "18181508155", "DE")),
        # The United Kingdom, Northern Ireland's XI included
        ("gb.vat", "980780684", None, ("vat", "980780684", "GB")),
        ("vatin", "GB980780684", None, ("vat", "980780684", "GB")),
        ("vatin", "XI980780684", "GB", ("vat", "980780684", "GB")),
        ("gb.utr", "1955839661", None, ("utr", "1955839661", "GB")),
        # The United States
        ("ein", "042103594", "US", ("ein", "042103594", "US")),
        ("us.ein", "042103594", None, ("ein", "042103594", "US")),
        ("US.SSN", "536904399", None, ("ssn", "536904399", "US")),
        # Switzerland keeps CHE, part of its national number
        ("vatin", "CHE107787577IVA", None, ("vat", "CHE107787577IVA", "CH")),
        ("ch.vat", "CHE107787577IVA", None, ("vat", "CHE107787577IVA", "CH")),
        # Without a country in the name, or not a stdnum path: kept
        ("iban", "PL61109010140000071219812874", None, ("iban", IBAN, None)),
        ("lei", "529900T8BM49AURSDO55", None, ("lei", "529900T8BM49AURSDO55", None)),
        ("eu.eic", "22XWATTPLUS----G", None, ("eic", "22XWATTPLUS----G", "EU")),
        ("in.pan", "ACUPA7085R", None, ("pan", "ACUPA7085R", "IN")),
        ("zz.card", "1", None, ("zz.card", "1", None)),
        ("crm.legacy-id", "1", None, ("crm.legacy-id", "1", None)),
        ("pl.nip.old", "1", None, ("pl.nip.old", "1", None)),
        ("eu.vat", "U13585627", "AT", ("vat", "U13585627", "AT")),  # no prefix: the country given
    ],
)  # fmt: skip
def test_every_spelling_gives_the_canonical_identifier(scheme, value, country, expected):
    identifier = Identifier(scheme, value, country=country)
    assert triple(identifier) == expected
    assert Identifier(*expected[:2], country=expected[2]) == identifier


NO_COUNTRY = (
    "value",
    "identifier.no_country",
    "a VAT number with its country prefix, such as PL5260250995 or EL094014201, or a country",
)


def mismatch(hint):
    return ("country", "identifier.country_mismatch", hint)


@pytest.mark.parametrize(
    ("scheme", "value", "country", "expected"),
    [
        ("pl.nip", "5260250995", "DE", mismatch("PL, as the scheme pl.nip says, or no country")),
        (
            "ua.edrpou",
            "32855961",
            "RU",
            mismatch("UA, as the scheme ua.edrpou says, or no country"),
        ),
        ("eu.vat", "EL094014201", "CY", mismatch("GR, as the prefix EL of the eu.vat number says")),
        ("vatin", "GB980780684", "US", mismatch("GB, as the prefix GB of the vatin number says")),
        ("eu.vat", "094014201", None, NO_COUNTRY),
        ("eu.vat", "ZZ094014201", None, NO_COUNTRY),
        ("vatin", "EL", None, NO_COUNTRY),
    ],
)
def test_contradictions_are_refused(scheme, value, country, expected):
    with pytest.raises(ValidationError) as caught:
        Identifier(scheme, value, country=country)
    error = caught.value
    assert (error.field, error.code, error.hint) == expected
    assert error.value == (country if error.field == "country" else value)


def test_only_a_changing_scheme_has_a_rule():
    assert rule("nip") is None
    assert rule("iban") is None
    assert rule("vat") == ("vat", None, True)
    assert rule("pl.nip") == ("nip", "PL", False)
    assert rule("vatin") == ("vat", None, True)
    assert rule("ua.rntrc") == ("rnokpp", "UA", False)


def test_canonical_name_needs_no_value():
    assert canonical_name("eu.vat", None) == ("vat", None)
    assert canonical_name("gr.vat", "GR") == ("vat", "GR")
    with pytest.raises(ValidationError, match="country_mismatch"):
        canonical_name("gr.vat", "PL")


def test_national_vat_strips_only_a_countrys_own_prefix():
    assert national_vat("EL094014201", "GR") == "094014201"
    assert national_vat("GR094014201", "GR") == "094014201"
    assert national_vat("PL5260250995", "DE") == "PL5260250995"
    assert national_vat("PL", "PL") == "PL"
    assert national_vat("PL--", "PL") == "PL--"
    assert national_vat("ATU13585627", "AT") == "U13585627"


@given(scheme_texts(), values(), countries())
def test_canonicalisation_is_idempotent_and_raises_only_validation_errors(scheme, value, country):
    try:
        identifier = Identifier(scheme, value, country=country)
    except ValidationError:
        return
    again = Identifier(identifier.scheme, identifier.value, country=identifier.country)
    assert again == identifier
    assert canonical(*triple(identifier)) == triple(identifier)
    assert rule(identifier.scheme) in {None, rule("vat")}  # never a stdnum path


@given(scheme_texts(), values(), countries())
def test_a_look_up_folds_as_the_identifier_is_made(scheme, value, country):
    try:
        identifier = Identifier(scheme, value, country=country)
    except ValidationError:
        return
    assert canonical_name(scheme.strip().lower(), identifier.country) == (
        identifier.scheme,
        identifier.country,
    )


# --- the bridge from the standardiser --------------------------------------------------

REAL = [
    ("5260250995", "PL", ("nip", "5260250995", "PL")),
    ("32855961", "UA", ("edrpou", "32855961", "UA")),
    ("7707083893", "RU", ("inn", "7707083893", "RU")),
    ("094014201", "GR", ("vat", "094014201", "GR")),
    ("DE136695976", None, ("vat", "136695976", "DE")),
    ("GB980780684", None, ("vat", "980780684", "GB")),
    ("04-2103594", "US", ("ein", "042103594", "US")),
]


@pytest.mark.parametrize(("raw", "country", "expected"), REAL)
def test_from_tax_id_of_real_numbers(raw, country, expected):
    tax_id = tax_ids.validate(raw, country=country)
    assert tax_ids.is_valid(str(tax_id))
    assert triple(Identifier.from_tax_id(tax_id)) == expected


@pytest.mark.parametrize(
    ("spellings", "expected"),
    [
        (["NIP 526-025-09-95", "pl.nip:5260250995"], ("nip", "5260250995", "PL")),
        (["ЄДРПОУ 32855961", "ua.edrpou:32855961"], ("edrpou", "32855961", "UA")),
        (["ИНН 7707083893", "ru.inn:7707083893"], ("inn", "7707083893", "RU")),
        (["ΑΦΜ 094014201", "EL 094 014 201", "gr.vat:094014201"], ("vat", "094014201", "GR")),
        (["USt-IdNr. DE 136695976", "DE136695976", "de.vat:136695976"], ("vat", "136695976", "DE")),
        (["GB 980 7806 84", "XI980780684", "gb.vat:980780684"], ("vat", "980780684", "GB")),
        (["us.ein:04-2103594"], ("ein", "042103594", "US")),
        (["ua.rntrc:1759013776"], ("rnokpp", "1759013776", "UA")),
        (["PL61 1090 1014 0000 0712 1981 2874"], ("iban", "PL61109010140000071219812874", None)),
    ],
)  # fmt: skip
def test_every_way_of_writing_a_number_gives_one_identifier(spellings, expected):
    found = {triple(Identifier.from_tax_id(tax_ids.validate(each))) for each in spellings}
    assert found == {expected}


def _national_vat_examples():
    examples = json.loads(
        files("crmcore.standardize").joinpath("data", "tax_id_examples.json").read_text("utf-8")
    )
    return sorted((s, n) for s, n in examples.items() if s.endswith(".vat") and s != "eu.vat")


@pytest.mark.parametrize(("scheme", "number"), _national_vat_examples())
def test_a_national_vat_number_and_its_prefixed_form_meet(scheme, number):
    national = Identifier.from_tax_id(tax_ids.validate(number, scheme=scheme))
    country = national.country
    assert country is not None
    prefix = "EL" if country == "GR" else country
    written = national.value if national.value.startswith(prefix) else prefix + national.value
    prefixed = tax_ids.validate(written)
    assert prefixed.scheme in {"eu.vat", "vatin"}
    assert Identifier.from_tax_id(prefixed) == national


def test_from_tax_id_wants_a_tax_id():
    with pytest.raises(ValidationError) as caught:
        Identifier.from_tax_id("pl.nip:5260250995")  # type: ignore[arg-type]
    assert (caught.value.code, caught.value.field) == ("identifier.not_tax_id", "tax_id")


# --- parties, evolve and serialisation -------------------------------------------------


def test_a_party_finds_its_identifier_by_either_spelling():
    party = Party.organization("Ромашка", identifiers=[Identifier("ua.edrpou", "32855961")])
    assert party.identifier("edrpou", "UA") == party.identifier("UA.EDRPOU") is not None
    assert party.identifier("ua.edrpou", "ua") is not None
    assert party.identifier("ru.edrpou") is None
    with pytest.raises(ValidationError, match="country_mismatch"):
        party.identifier("ua.edrpou", "PL")


def test_one_number_in_both_spellings_is_a_duplicate_in_a_party():
    with pytest.raises(ValidationError) as caught:
        Party.organization(
            "Ромашка",
            identifiers=[
                Identifier("pl.nip", "5260250995"),
                Identifier("nip", "5260250995", country="PL"),
            ],
        )
    assert caught.value.code == "party.duplicate_identifier"


def test_evolve_canonicalises_again():
    nip = Identifier("nip", "5260250995", country="PL")
    assert attrs.evolve(nip, scheme="pl.nip").scheme == "nip"
    regon = Identifier("regon", "192598184", country="PL")
    assert attrs.evolve(regon, scheme="pl.regon") == regon
    with pytest.raises(ValidationError, match="country_mismatch"):
        attrs.evolve(nip, scheme="ua.edrpou")
    with pytest.raises(ValidationError, match=r"identifier\.not_canonical"):
        attrs.evolve(nip, scheme="pl.regon")  # ten digits are no REGON


def test_serialisation_round_trips_and_reads_dotted_schemes():
    party = Party.organization(
        "Αθηνά",
        identifiers=[
            Identifier("eu.vat", "EL094014201"),
            Identifier("afm", "094014201", country="GR"),
        ],
    )
    document = to_dict(party)
    assert [i["scheme"] for i in document["identifiers"]] == ["vat", "afm"]
    assert from_dict(Party, document) == party
    # A document written with a stdnum path reads as the canonical identifier.
    document["identifiers"][0].update(scheme="eu.vat", value="EL094014201", country=None)
    assert from_dict(Party, document) == party
    document["identifiers"][0].update(scheme="gr.vat", value="094014201", country="PL")
    with pytest.raises(ValidationError) as caught:
        from_dict(Party, document)
    assert caught.value.code == "identifier.country_mismatch"
