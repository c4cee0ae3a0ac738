import contextlib
import time

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.model import (
    EmailAddress,
    ExternalKey,
    Identifier,
    Party,
    PhoneNumber,
    PostalAddress,
    to_dict,
)
from crmcore.standardize import emails, phones, tax_ids
from crmcore.storage import _codec as codec
from crmcore.storage import _lookup_keys as keys
from crmcore.testing import hostile_texts


def _party(**fields):
    return Party.person(family="Nowak", created_at="2026-11-23T09:30:00+01:00", **fields)


def _phones(rows):
    return [row for row in rows if row[0] == keys.PHONE]


def test_index_rows_are_distinct():
    party = _party(
        contacts=[
            PhoneNumber.parse("+48 601 234 567"),
            PhoneNumber("+48601234567", label="home"),
            EmailAddress.parse("A@B.PL"),
        ],
        external_keys=[ExternalKey("1C", "x")],
        roles={"client"},
        tags={"vip"},
    )
    assert sorted(keys.index_rows(party)) == [
        ("email", "a@b.pl"),
        ("external", "1C\x1fx"),
        ("name", "nova."),
        ("name", "o:novak"),
        ("phone", "+48601234567"),
        ("role", "client"),
        ("tag", "vip"),
    ]


def test_identifier_rows_compact_values():
    party = _party(
        identifiers=[
            Identifier.parse("526-025-09-95", scheme="nip", country="PL"),
            Identifier("vat", "el 094014201"),
            Identifier("loyalty", "ab-12"),
        ]
    )
    # A Greek VAT number is keyed as the AFM it is.
    assert list(keys.identifier_rows(party)) == [
        ("nip", "5260250995", "PL"),
        ("afm", "094014201", "GR"),
        ("loyalty", "ab-12", ""),
    ]


def test_country_prefers_the_primary_address_then_any_then_identifiers():
    warsaw = PostalAddress(locality="Warszawa", country="PL")
    kyiv = PostalAddress(locality="Київ", country="UA", primary=True)
    nowhere = PostalAddress(locality="Somewhere")
    assert keys.party_country(_party(contacts=[warsaw, kyiv])) == "UA"
    assert keys.party_country(_party(contacts=[nowhere, warsaw])) == "PL"
    assert keys.party_country(_party(contacts=[attrs_primary(nowhere), warsaw])) == "PL"
    assert (
        keys.party_country(
            _party(
                identifiers=[
                    Identifier("afm", "1"),
                    Identifier("afm", "094014201", country="GR"),
                ]
            )
        )
        == "GR"
    )
    assert keys.party_country(_party()) is None


def attrs_primary(address):
    return attrs.evolve(address, primary=True)


def test_phone_keys_are_e164_with_a_fallback_to_digits():
    assert keys.phone_key("8 (495) 123-45-67", "RU") == "+74951234567"
    assert keys.phone_key("+48 22 123 45 67 wew. 12") == "+48221234567"
    assert keys.phone_key("601 234 567", "XX") == keys.phone_key("601 234 567")
    assert keys.phone_key("601 234", "PL") == "601234"
    assert keys.phone_key("tel. 12/34") == "1234"


def test_phones_are_read_in_the_party_country():
    party = _party(
        contacts=[
            PhoneNumber.parse("0 44 123 45 67", country="UA"),
            PostalAddress(locality="Київ", country="UA"),
        ]
    )
    assert _phones(keys.index_rows(party)) == [("phone", "+380441234567")]
    # The model holds E.164 only: the party's country no longer reads its numbers.
    with pytest.raises(ValidationError) as caught:
        PhoneNumber("0 44 123 45 67")
    assert caught.value.code == "phone.not_canonical"


def test_a_country_code_in_small_letters_reads_a_national_number_all_the_same():
    assert keys.phone_key("0 44 123 45 67", "ua") == keys.phone_key("0 44 123 45 67", "UA")
    assert keys.read_phone_key("601 234 567", "pl") == "+48601234567"
    assert keys.read_phone_key("601 234 567", "") == "601234567"  # no country: digits


@pytest.mark.parametrize("country", ["Polska", "ПЛ", "", "POL"])
def test_a_phone_look_up_in_no_country_names_the_country_as_the_field(country):
    with pytest.raises(ValidationError) as info:
        keys.phone_query_key("601 234 567", country)
    error = info.value
    assert (error.code, error.field, error.value, str(error.message)) == (
        "country.unknown",
        "country",
        country,
        "the country is not an ISO 3166-1 alpha-2 code",
    )
    assert "PL" in error.hint


def test_a_phone_look_up_reads_the_country_as_the_model_does():
    assert keys.phone_query_key("601 234 567", " pl ") == "+48601234567"
    assert keys.phone_query_key("(067) 123-45-67", "ua") == "+380671234567"


def test_values_in_their_canonical_shape_are_keyed_without_the_standardisers(monkeypatch):
    # Storage keys parties by the hundred thousand: a phone in E.164, a plain
    # ASCII address and a tax number of digits are their own keys.
    def refuse(*args, **kwargs):
        raise AssertionError(f"a canonical value went to a standardiser: {args} {kwargs}")

    monkeypatch.setattr(phones, "validate", refuse)
    monkeypatch.setattr(emails, "matching_key", refuse)
    monkeypatch.setattr(tax_ids, "compact", refuse)
    assert keys.phone_key("+380441234567", "UA") == "+380441234567"
    assert keys.phone_key("+302103456789") == "+302103456789"
    assert keys.email_key("Olena.Koval@UKR.net") == "olena.koval@ukr.net"
    assert keys.email_query_key("Jan.Kowalski@Onet.PL") == "jan.kowalski@onet.pl"
    assert keys.identifier_value_key("inn", "7707083893") == "7707083893"
    assert keys.identifier_value_key("nip", "5260250995", "PL") == "5260250995"


def test_a_national_number_an_older_crmcore_stored_is_keyed_in_the_partys_country():
    # Before the model held E.164 numbers only, a party could hold a number
    # as written; its stored document (the same schema version) still reads.
    party = _party(
        contacts=[PhoneNumber("+380441234567"), PostalAddress(locality="Київ", country="UA")]
    )
    document = to_dict(party)
    document["contacts"][0]["number"] = "0 44 123 45 67"
    stored = codec.party_from_json(codec.dumps(document))
    assert stored.contacts[0].number == "0 44 123 45 67"
    assert _phones(keys.index_rows(stored)) == [("phone", "+380441234567")]
    # The same digits are another number in Poland.
    assert _phones(keys.country_index_rows(stored, "PL")) == [("phone", "+48441234567")]


def test_an_address_that_is_not_plain_ascii_is_keyed_by_the_standardiser():
    assert keys.email_key("Olena Koval <Olena.Koval@UKR.net>") == "olena.koval@ukr.net"
    assert keys.email_key("mailto:Jan.Kowalski@ONET.pl") == "jan.kowalski@onet.pl"
    # Small letters, not case-folded: Straße and Strasse are two mailboxes.
    assert keys.email_key("Straße@Beispiel.DE") == "straße@beispiel.de"
    assert keys.read_email_key("Info@Ромашка.УКР") == "info@ромашка.укр"


def test_email_keys_use_the_matching_key_with_a_fallback():
    assert keys.email_key("Ivanov+shop@Yandex.RU") == "ivanov+shop@yandex.ru"
    assert keys.email_key(" Not An Address ") == "not an address"


def test_identifier_values_are_compacted_for_tax_schemes_only():
    assert keys.is_tax_scheme("inn")
    assert keys.is_tax_scheme("RU.INN")
    assert not keys.is_tax_scheme("passport")
    assert keys.identifier_value_key("inn", "ИНН 7707083893") == "7707083893"
    assert keys.identifier_value_key("eu.vat", "el 094 014 201") == "EL094014201"
    assert keys.identifier_value_key("passport", "ab 123") == "ab 123"
    assert keys.identifier_value_key("nip", "--") == "--"
    assert keys.identifier_value_key("nip", "1" * 5000) == "1" * 5000


def test_only_a_vat_number_loses_its_countrys_prefix():
    # An IBAN's letters are part of the number, in any country.
    assert keys.identifier_value_key("iban", "PL61 1090 1014 0000 0712 1981 2874", "PL") == (
        "PL61109010140000071219812874"
    )
    assert keys.identifier_value_key("iban", "DE89 3704 0044 0532 0130 00", "DE") == (
        "DE89370400440532013000"
    )
    assert keys.identifier_value_key("vat", "DE 136 695 976", "DE") == "136695976"


def test_identifier_rows_key_both_spellings_alike():
    party = _party(
        identifiers=[
            Identifier.parse("526-025-09-95", scheme="pl.nip"),
            Identifier("eu.vat", "PL5260250995"),
            Identifier("vat", "EL094014201", country="GR"),
            Identifier("afm", "094014201", country="GR"),
            Identifier("ua.rntrc", "1759013776"),
            Identifier("handelsregisternummer", "Aachen HRA 11223", country="DE"),
            Identifier("vat", "DE136695976"),
        ]
    )
    # A Polish VAT number is the NIP, a Greek one the AFM: one key each.
    assert list(keys.identifier_rows(party)) == [
        ("nip", "5260250995", "PL"),
        ("afm", "094014201", "GR"),
        ("rnokpp", "1759013776", "UA"),
        ("handelsregisternummer", "AACHENHRA11223", "DE"),
        ("vat", "136695976", "DE"),
    ]


def test_an_identifier_query_is_folded_as_an_identifier_is_made():
    assert keys.identifier_query("PL.NIP", "NIP 526-025-09-95", None) == (
        "nip",
        "5260250995",
        "PL",
    )
    assert keys.identifier_query("nip", "5260250995", None) == ("nip", "5260250995", None)
    assert keys.identifier_query("vatin", "xi 980 7806 84", "gb") == ("vat", "980780684", "GB")
    assert keys.identifier_query("vat", "GB980780684", "GB") == ("vat", "980780684", "GB")
    assert keys.identifier_query("vat", "GB980780684", None) == ("vat", "980780684", "GB")
    assert keys.identifier_query("vat", "PL5260250995", None) == ("nip", "5260250995", "PL")
    assert keys.identifier_query("loyalty card", " ab ", "pl") == ("loyalty card", " ab ", "PL")
    for identifier in (
        Identifier("ua.edrpou", "32855961"),
        Identifier("eu.vat", "EL 094014201"),
        Identifier("us.ein", "042103594"),
        Identifier("vat", "PL5260250995"),
        # a scheme that is a registry number only in its country
        Identifier("handelsregisternummer", "Aachen HRA 11223", country="DE"),
    ):
        rows = keys.identifier_rows(_party(identifiers=[identifier]))
        query = keys.identifier_query(identifier.scheme, identifier.value, identifier.country)
        assert rows == [(*query[:2], query[2] or "")]


def test_tax_schemes_are_known_by_name_or_by_the_countrys_stdnum_scheme():
    assert keys.is_tax_scheme("handelsregisternummer", "DE")
    assert not keys.is_tax_scheme("handelsregisternummer")
    assert not keys.is_tax_scheme("handelsregisternummer", "PL")
    assert keys.is_tax_scheme("iban", "PL")


EXTENSIONS = (";ext={}", " wew. {}", " x{}", " ext. {}", " доб. {}", " εσωτ. {}", " #{}", " вн. {}")


@settings(max_examples=200)
@given(
    number=st.sampled_from(
        (
            "22 123 45 67",
            "067 123 45 67",
            "8 (912) 345-67-89",
            "210 3456789",
            "030 1234567",
            "020 7946 0018",
            "(212) 555-0187",
            "12-34",
            "tel. 58 123 45 67",
        )
    ),
    extension=st.sampled_from(EXTENSIONS),
    digits=st.text("0123456789", min_size=1, max_size=5),
)
def test_a_phone_key_never_holds_an_extensions_digits(number, extension, digits):
    # With no country to read it in, a national number is keyed by its own
    # digits, not those of the extension written after it.
    with_extension = number + extension.format(digits)
    assert keys.phone_key(with_extension) == keys.phone_key(number)
    assert keys.read_phone_key(with_extension) == keys.read_phone_key(number)
    for country in ("PL", "UA", "GR"):
        assert keys.phone_key(with_extension, country) == keys.phone_key(number, country)


def test_a_stored_number_with_an_extension_is_keyed_without_it_in_any_country():
    for number in ("+48221234567;ext=12", "+302103456789;ext=7", "+12125550187;ext=305"):
        party = _party(contacts=[PhoneNumber(number)])
        assert _phones(keys.index_rows(party)) == [("phone", number.partition(";")[0])]


HOSTILE = (
    "a." * 50_000 + "@ukr.net",
    "a@" + "b." * 50_000 + "pl",
    "+" + "4" * 100_000,
    "(1" * 50_000,
    "NIP " + "5-" * 50_000,
    "x" * 100_000 + "@" + "-" * 100_000,
)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_keys_of_hostile_and_very_long_text_come_quickly(text):
    started = time.perf_counter()
    keys.phone_key(text)
    keys.email_key(text)
    keys.identifier_value_key("nip", text, "PL")
    for query in (
        lambda: keys.phone_query_key(text, "PL"),
        lambda: keys.email_query_key(text),
        lambda: keys.identifier_query("nip", text, "PL"),
    ):
        with pytest.raises(ValidationError):
            query()
    with contextlib.suppress(ValidationError):  # "NI..." reads as Nicaragua's prefix
        keys.identifier_query("vat", text, None)
    assert time.perf_counter() - started < 2.0


_NAME_TEXT = st.one_of(
    st.text(min_size=1, max_size=200),
    st.sampled_from(hostile_texts()),
    st.text(alphabet="Іванов-Ромашка «»\"' .", min_size=150, max_size=200),
)


@settings(max_examples=300, deadline=None)
@given(given=_NAME_TEXT, family=_NAME_TEXT, code=st.text(max_size=20))
def test_hostile_or_very_long_names_never_break_name_keys(given, family, code):
    try:
        contacts = [PostalAddress(postal_code=code, country="PL")] if code.strip() else []
        person = Party.person(given=given, family=family, contacts=contacts)
        company = Party.organization(family, contacts=contacts)
    except ValidationError:
        return  # the model refuses it: nothing to key
    for party in (person, company):
        found = keys.name_keys(party)
        assert len(found) == len(set(found))
        for key in found:
            assert key.isprintable()
            assert ":" not in key if "." in key else key.startswith(("o:", "p:"))
        assert all(row[0] != keys.NAME or row[1] in found for row in keys.index_rows(party))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Ukrainian, Russian and Latin spellings of one company, with and without their form.
        ("ТОВ «Ромашка»", ["o:romaska"]),
        ('ООО "Ромашка"', ["o:romaska"]),
        ("Romashka LLC", ["o:romaska"]),
        ("Οικονόμου Α.Ε.", ["o:oikonomu"]),
        ("Schröder Logistik GmbH", ["o:sroder", "o:sroderlogist"]),
        ("A. Kowalski i Synowie", ["o:kovalski", "o:akovalskiisi"]),
        # The standardiser refuses a form alone: the name is keyed as it is.
        ("GmbH", ["o:gmbg"]),
        # No word of two letters: no key.
        ("Q", []),
    ],
)
def test_organization_name_keys(name, expected):
    assert keys.name_keys(Party.organization(name)) == expected


def test_person_name_keys_with_one_name_and_postcodes():
    smith = Party.person(
        given="John",
        contacts=[
            PostalAddress(postal_code="SW1A 1AA", country="GB"),
            PostalAddress(postal_code="10115", country="DE"),
        ],
    )
    # no family name: no o: key; the given name makes the postcode keys
    assert keys.name_keys(smith) == ["iogn.", "p:SW1A1AA:iog", "p:10115:iog"]
    punctuation = Party.person(given="—", family="Smith", contacts=smith.contacts)
    assert keys.name_keys(punctuation) == ["smit.", "o:smit", "p:SW1A1AA:smi", "p:10115:smi"]
    dashes = Party.person(
        family="Smith", contacts=[PostalAddress(postal_code="--", locality="York")]
    )
    assert keys.name_keys(dashes) == ["smit.", "o:smit"]


@pytest.mark.parametrize("junk", ["brak", "n/a", "-", "нет", "—", "+", "  "])
def test_a_stored_phone_without_digits_makes_no_key_row(junk):
    # An older crmcore kept numbers as written; "brak" and "-" would all key as "" or "+".
    document = to_dict(_party(contacts=[PhoneNumber("+48601234567")]))
    document["contacts"][0]["number"] = junk
    stored = codec.party_from_json(codec.dumps(document))
    assert _phones(keys.index_rows(stored)) == []
    assert not any(kind == keys.PHONE for kind, _ in keys.lookup_keys(stored))
