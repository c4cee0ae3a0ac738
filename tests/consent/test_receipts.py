"""Consent receipts: the Kantara Consent Receipt v1.1 shape, what they cover, proof, errors."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmcore.consent import (
    Basis,
    ChainHead,
    Controller,
    Kind,
    Proof,
    ReceiptPurpose,
    Tampering,
    receipt,
    receipt_head,
    receipt_json,
    verify_chain,
)
from crmcore.consent._records import draft, to_stored
from crmcore.errors import ValidationError
from crmcore.model import EmailAddress, PhoneNumber, PostalAddress, Website

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "kantara_cr_v1_1.schema.json").read_text(encoding="utf-8")
)
VALIDATOR = jsonschema.Draft4Validator(SCHEMA)
MARCH = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
PARTY = uuid.UUID("0190f5d2-3c4b-7a11-8e2f-5b6c7d8e9f01")

KOWALSKI = Controller(
    name="Kowalski i Synowie sp. z o.o.",
    contact="Inspektor Ochrony Danych, Anna Wiśniewska",
    address=PostalAddress(
        street="ul. Marszałkowska",
        building="10",
        flat="5",
        postal_code="00-950",
        locality="Warszawa",
        country="PL",
    ),
    email=EmailAddress("iod@kowalski.pl"),
    phone=PhoneNumber("+48221234567"),
    url=Website("https://www.kowalski.pl"),
)


def chain(*steps, party=PARTY, after=None):
    """Return the events of ``steps`` (keyword dicts of draft), chained in order after ``after``."""
    events = [] if after is None else [after]
    for step in steps:
        fields = {
            "party_id": party,
            "kind": Kind.GRANTED,
            "purpose": "newsletter",
            "channel": "email",
            "contact": None,
            "brand": None,
            "basis": Basis.CONSENT,
            "occurred_at": MARCH,
            "source": "web_form",
            "captured_by": None,
            "proof": Proof.of_wording("Chcę otrzymywać newsletter.", version="2026-03"),
            "expires_at": None,
            "pending": False,
            "confirms": None,
        } | step
        events.append(draft(**fields, after=events[-1].head if events else None))
    return events if after is None else events[1:]


def issue(events, **overrides):
    arguments = {
        "controller": KOWALSKI,
        "jurisdiction": "PL",
        "policy_url": "https://www.kowalski.pl/polityka-prywatnosci",
        "language": "pl-PL",
        "service": "Sklep internetowy",
    } | overrides
    return receipt(events, **arguments)


def purposes_of(found):
    return [entry for service in found["services"] for entry in service["purposes"]]


def assert_valid(found):
    errors = sorted(VALIDATOR.iter_errors(found), key=str)
    assert not errors, errors


# --- the shape ------------------------------------------------------------------------


def test_a_grant_gives_a_receipt_that_validates_with_every_required_field():
    (grant,) = chain({"contact": "email:anna.nowak@example.pl"})
    found = issue(grant)
    assert_valid(found)
    assert found["version"] == "KI-CR-v1.1.0"
    assert found["consentTimestamp"] == int(MARCH.timestamp())
    assert found["collectionMethod"] == "web_form"
    assert found["consentReceiptID"] == str(grant.id)
    assert found["language"] == "pl-PL"
    assert found["piiPrincipalId"] == str(PARTY)
    assert found["piiControllers"] == [
        {
            "piiController": "Kowalski i Synowie sp. z o.o.",
            "onBehalf": False,
            "contact": "Inspektor Ochrony Danych, Anna Wiśniewska",
            "address": {
                "streetAddress": "ul. Marszałkowska, 10, 5",
                "postalCode": "00-950",
                "addressLocality": "Warszawa",
                "addressCountry": "PL",
            },
            "email": "iod@kowalski.pl",
            "phone": "+48221234567",
            "piiControllerUrl": "https://www.kowalski.pl",
        }
    ]
    (entry,) = purposes_of(found)
    assert entry["purpose"] == "newsletter"
    assert entry["purposeCategory"] == ["6 - Marketing"]
    assert entry["consentType"] == "EXPLICIT"
    assert entry["piiCategory"] == ["2 - Contact"]
    assert entry["termination"] == "until withdrawn"
    assert entry["thirdPartyDisclosure"] is False
    assert "thirdPartyName" not in entry
    assert entry["crmcore"]["contact"] == "email:anna.nowak@example.pl"
    assert found["sensitive"] is False
    assert found["spiCat"] == []
    assert "publicKey" not in found


def test_the_timestamp_is_in_whole_seconds_since_1970():
    (grant,) = chain({"occurred_at": datetime(2026, 3, 1, 10, 0, 59, 999_999, tzinfo=UTC)})
    assert issue(grant)["consentTimestamp"] == 1_772_359_259


def test_the_json_reads_back_as_the_receipt_and_is_the_same_every_time():
    events = chain({}, {"purpose": "marketing", "channel": "sms"})
    text = receipt_json(
        events,
        controller=KOWALSKI,
        jurisdiction="PL",
        policy_url="https://www.kowalski.pl/polityka-prywatnosci",
        language="pl",
        service="Sklep",
    )
    assert json.loads(text) == issue(events, language="pl", service="Sklep")
    again = receipt_json(
        list(reversed(events)),
        controller=KOWALSKI,
        jurisdiction="PL",
        policy_url="https://www.kowalski.pl/polityka-prywatnosci",
        language="pl",
        service="Sklep",
    )
    assert text == again
    assert list(json.loads(text))[:5] == [
        "version",
        "jurisdiction",
        "consentTimestamp",
        "collectionMethod",
        "consentReceiptID",
    ]
    assert "Marszałkowska" in text  # UTF-8 as written, not escaped


def test_terms_given_by_the_caller_fill_the_purpose():
    (grant,) = chain({"purpose": "third_party_sharing", "channel": None})
    terms = ReceiptPurpose(
        categories=[9, "Wspólne akcje z partnerami"],
        pii_categories=[1, 2],
        description="Przekazanie danych partnerom handlowym",
        primary=True,
        third_party="Partner Logistyczny S.A.",
        termination="do odwołania zgody",
    )
    found = issue(
        grant,
        purposes={"third_party_sharing": terms},
        sensitive=[6],
        public_key="MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE",
        principal_id="anna.nowak@example.pl",
    )
    assert_valid(found)
    (entry,) = purposes_of(found)
    assert entry["purpose"] == "Przekazanie danych partnerom handlowym"
    assert entry["purposeCategory"] == ["9 - Sharing for Marketing", "Wspólne akcje z partnerami"]
    assert entry["piiCategory"] == ["1 - Biographical", "2 - Contact"]
    assert entry["primaryPurpose"] is True
    assert entry["thirdPartyDisclosure"] is True
    assert entry["thirdPartyName"] == "Partner Logistyczny S.A."
    assert entry["termination"] == "do odwołania zgody"
    assert found["sensitive"] is True
    assert found["spiCat"] == ["6 - Health"]
    assert found["publicKey"] == "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE"
    assert found["piiPrincipalId"] == "anna.nowak@example.pl"


@pytest.mark.parametrize(
    ("channel", "expected"),
    [
        ("email", ["2 - Contact"]),
        ("sms", ["2 - Contact"]),
        (None, ["2 - Contact"]),
        ("messenger", ["2 - Contact", "4 - Communications/Social"]),
        ("push", ["5 - Network/Service"]),
        ("whatsapp", ["2 - Contact"]),
    ],
)
def test_the_personal_data_of_a_purpose_defaults_to_its_channels(channel, expected):
    (grant,) = chain({"channel": channel})
    assert purposes_of(issue(grant))[0]["piiCategory"] == expected


def test_profiling_says_it_uses_behaviour_and_profiles():
    (grant,) = chain({"purpose": "profiling"})
    (entry,) = purposes_of(issue(grant))
    assert entry["purposeCategory"] == ["5 - Personalized Experience"]
    assert entry["piiCategory"] == ["15 - Behavioral", "16 - Profiling"]


@pytest.mark.parametrize(
    ("basis", "consent_type", "termination"),
    [
        (Basis.CONSENT, "EXPLICIT", "until withdrawn"),
        (Basis.LEGITIMATE_INTERESTS, "N/A", "until an objection (GDPR Art. 21)"),
        (Basis.PUBLIC_TASK, "N/A", "until an objection (GDPR Art. 21)"),
        (Basis.CONTRACT, "N/A", "N/A"),
        (Basis.LEGAL_OBLIGATION, "N/A", "N/A"),
        (Basis.VITAL_INTERESTS, "N/A", "N/A"),
    ],
)
def test_the_consent_type_and_termination_follow_the_lawful_basis(basis, consent_type, termination):
    (grant,) = chain({"basis": basis})
    found = issue(grant)
    assert_valid(found)
    (entry,) = purposes_of(found)
    assert (entry["consentType"], entry["termination"]) == (consent_type, termination)


def test_an_expiry_is_in_the_termination():
    (grant,) = chain({"expires_at": datetime(2028, 3, 1, 9, 0, tzinfo=UTC)})
    (entry,) = purposes_of(issue(grant))
    assert entry["termination"] == "until withdrawn, and at the latest at 2028-03-01T09:00:00Z"


def test_a_grant_narrowed_to_a_brand_is_under_a_service_of_its_name():
    events = chain({}, {"brand": "outlet", "purpose": "marketing"})
    found = issue(events)
    assert [service["service"] for service in found["services"]] == [
        "Sklep internetowy",
        "outlet",
    ]
    assert [entry["purpose"] for entry in purposes_of(found)] == ["newsletter", "marketing"]


def test_joint_controllers_are_all_named():
    other = attrs.evolve(KOWALSKI, name="Kowalski Logistyka sp. z o.o.", on_behalf=True)
    found = issue(chain({}), controller=[KOWALSKI, other])
    assert_valid(found)
    assert [item["piiController"] for item in found["piiControllers"]] == [
        "Kowalski i Synowie sp. z o.o.",
        "Kowalski Logistyka sp. z o.o.",
    ]
    assert found["piiControllers"][1]["onBehalf"] is True


# --- what a receipt covers ------------------------------------------------------------


def test_a_withdrawn_consent_is_not_in_a_later_receipt_but_in_an_earlier_one():
    grant, marketing, _ = chain(
        {},
        {"purpose": "marketing"},
        {
            "kind": Kind.WITHDRAWN,
            "channel": None,
            "source": "unsubscribe_link",
            "occurred_at": MARCH + timedelta(days=30),
        },
    )
    events = [grant, marketing, _]
    later = issue(events)
    assert [entry["purpose"] for entry in purposes_of(later)] == ["marketing"]
    assert later["consentReceiptID"] == str(marketing.id)
    earlier = issue(events, at=MARCH + timedelta(days=1))
    assert [entry["purpose"] for entry in purposes_of(earlier)] == ["newsletter", "marketing"]
    assert earlier["crmcore"]["as_of"] == "2026-03-02T09:00:00Z"


def test_a_newer_grant_of_the_same_scope_replaces_the_older():
    old, new = chain({}, {"occurred_at": MARCH + timedelta(days=3)})
    found = issue([old, new])
    assert [event["id"] for event in purposes_of(found)[0]["crmcore"]["events"]] == [str(new.id)]
    assert found["consentTimestamp"] == int((MARCH + timedelta(days=3)).timestamp())


def test_a_double_opt_in_stands_once_confirmed_and_rests_on_both_events():
    grant = chain({"pending": True})[0]
    confirmation = draft(
        party_id=PARTY,
        kind=Kind.CONFIRMED,
        purpose="newsletter",
        channel="email",
        contact=None,
        brand=None,
        basis=Basis.CONSENT,
        occurred_at=MARCH + timedelta(hours=2),
        source="email",
        captured_by=None,
        proof=Proof(),
        expires_at=None,
        pending=False,
        confirms=grant.id,
        after=grant.head,
    )
    with pytest.raises(ValidationError) as unconfirmed:
        issue([grant])
    assert unconfirmed.value.code == "consent.receipt_nothing_in_force"
    found = issue([grant, confirmation])
    assert_valid(found)
    (entry,) = purposes_of(found)
    assert [event["id"] for event in entry["crmcore"]["events"]] == [
        str(grant.id),
        str(confirmation.id),
    ]
    assert found["consentTimestamp"] == int(confirmation.occurred_at.timestamp())
    assert found["consentReceiptID"] not in (str(grant.id), str(confirmation.id))
    assert str(uuid.UUID(found["consentReceiptID"])) == found["consentReceiptID"]
    assert issue([confirmation, grant])["consentReceiptID"] == found["consentReceiptID"]


def test_an_expired_grant_is_not_in_the_receipt():
    grant, marketing = chain(
        {"expires_at": MARCH + timedelta(days=10)},
        {"purpose": "marketing", "occurred_at": MARCH + timedelta(days=20)},
    )
    assert [entry["purpose"] for entry in purposes_of(issue([grant, marketing]))] == ["marketing"]


def test_a_withdrawal_of_one_channel_leaves_a_grant_of_another_standing():
    events = chain(
        {"channel": "sms", "purpose": "marketing"},
        {"channel": "email", "purpose": "marketing"},
        {"kind": Kind.WITHDRAWN, "channel": "email", "purpose": "marketing"},
    )
    (entry,) = purposes_of(issue(events))
    assert entry["crmcore"]["events"][0]["retained"]["channel"] == "sms"


# --- the proof ------------------------------------------------------------------------


def _recomputed(content):
    retained = {key: value for key, value in content["retained"].items() if key != "hash"}
    canonical = json.dumps(
        {**content, "retained": retained},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def test_each_chain_hash_recomputes_from_the_receipt_alone():
    events = chain(
        {"proof": Proof.of_wording("Zgadzam się.", version="v7", form_id="signup-pl")},
        {"purpose": "marketing", "expires_at": datetime(2027, 3, 1, tzinfo=UTC)},
    )
    found = json.loads(
        receipt_json(
            events,
            controller=KOWALSKI,
            jurisdiction="PL",
            policy_url="https://www.kowalski.pl/polityka-prywatnosci",
            language="pl",
            service="Sklep",
        )
    )
    listed = [content for entry in purposes_of(found) for content in entry["crmcore"]["events"]]
    assert [content["retained"]["hash"] for content in listed] == [event.hash for event in events]
    assert [_recomputed(content) for content in listed] == [event.hash for event in events]
    assert listed[0]["retained"]["wording_hash"] == events[0].proof.wording_hash
    assert listed[0]["retained"]["form_id"] == "signup-pl"


def test_an_edited_receipt_no_longer_recomputes_its_hash():
    (grant,) = chain({})
    content = purposes_of(issue(grant))[0]["crmcore"]["events"][0]
    content["retained"]["purpose"] = "marketing"
    assert _recomputed(content) != grant.hash


def test_the_receipts_head_proves_the_chain_was_not_cut_since():
    events = chain(
        {},
        {"purpose": "marketing"},
        {"kind": Kind.REFUSED, "purpose": "profiling", "channel": None},
    )
    found = issue(events)
    head = receipt_head(json.loads(json.dumps(found)))
    assert head == ChainHead(3, events[-1].hash)
    stored = [to_stored(event) for event in events]
    assert verify_chain(stored, head=head).intact
    cut = verify_chain(stored[:2], head=head)
    assert [problem.kind for problem in cut.problems] == [Tampering.DELETED]


# --- real controllers and people, each in their own script ----------------------------

COUNTRIES = {
    "PL": (
        KOWALSKI,
        "pl-PL",
        "anna.nowak@example.pl",
        "Wyrażam zgodę na otrzymywanie newslettera.",
    ),
    "UA": (
        Controller(
            name="ТОВ «Ромашка»",
            contact="Олена Коваль, відповідальна за захист даних",
            address=PostalAddress(
                street="вул. Хрещатик",
                building="22",
                postal_code="01001",
                locality="Київ",
                country="UA",
            ),
            email=EmailAddress("dpo@romashka.ua"),
            phone=PhoneNumber("+380441234567"),
            url=Website("https://www.romashka.ua"),
        ),
        "uk-UA",
        "olena.shevchenko@ukr.net",
        "Так, надсилайте мені новини.",
    ),
    "RU": (
        Controller(
            name="ООО «Берёзка»",
            contact="Иван Петров, ответственный за обработку персональных данных",
            address=PostalAddress(
                street="ул. Тверская",
                building="7",
                postal_code="125009",
                locality="Москва",
                country="RU",
            ),
            email=EmailAddress("dpo@berezka.ru"),
            phone=PhoneNumber("+74951234567"),
        ),
        "ru-RU",
        "Пётр Сергеевич Иванов",
        "Я согласен получать рассылку.",
    ),
    "GR": (
        Controller(
            name="Παπαδόπουλος Α.Ε.",
            contact="Γιώργος Παπαδόπουλος, Υπεύθυνος Προστασίας Δεδομένων",
            address=PostalAddress(
                street="Οδός Ερμού",
                building="15",
                postal_code="105 63",
                locality="Αθήνα",
                country="GR",
            ),
            email=EmailAddress("dpo@papadopoulos.gr"),
            phone=PhoneNumber("+302101234567"),
        ),
        "el-GR",
        "Μαρία Κωνσταντίνου",
        "Συμφωνώ να λαμβάνω ενημερωτικά δελτία.",
    ),
    "DE": (
        Controller(
            name="Müller & Söhne GmbH",
            contact="Jürgen Weiß, Datenschutzbeauftragter",
            address=PostalAddress(
                street="Friedrichstraße",
                building="43",
                postal_code="10117",
                locality="Berlin",
                country="DE",
            ),
            email=EmailAddress("datenschutz@mueller-soehne.de"),
            phone=PhoneNumber("+49301234567"),
        ),
        "de-DE",
        "Jörg Schäfer",
        "Ich willige in den Empfang des Newsletters ein.",
    ),
    "GB": (
        Controller(
            name="Smith & Sons Ltd",
            contact="Data Protection Officer",
            address=PostalAddress(
                street="Downing Street",
                building="10",
                postal_code="SW1A 2AA",
                locality="London",
                country="GB",
            ),
            email=EmailAddress("privacy@smithandsons.co.uk"),
            phone=PhoneNumber("+442079460958"),
        ),
        "en-GB",
        "oliver.smith@example.co.uk",
        "Yes, send me the newsletter.",
    ),
    "US": (
        Controller(
            name="Acme Corporation",
            contact="Privacy Office",
            address=PostalAddress(
                street="Pennsylvania Avenue NW",
                building="1600",
                postal_code="20500",
                locality="Washington",
                region="DC",
                country="US",
            ),
            email=EmailAddress("privacy@acme.com"),
            phone=PhoneNumber("+12024561111"),
            url=Website("https://www.acme.com"),
        ),
        "en-US",
        "john.doe@example.com",
        "Yes, email me news and offers.",
    ),
}


@pytest.mark.parametrize("country", sorted(COUNTRIES))
def test_receipts_of_each_market_validate_and_keep_their_script(country):
    controller, language, principal, wording = COUNTRIES[country]
    (grant,) = chain({"proof": Proof.of_wording(wording, version="2026-03")})
    found = issue(
        grant,
        controller=controller,
        language=language.lower(),
        jurisdiction=country,
        principal_id=principal,
        policy_url="https://example.com/privacy",
    )
    assert_valid(found)
    assert found["language"] == language
    assert found["piiPrincipalId"] == principal
    assert found["piiControllers"][0]["piiController"] == controller.name
    assert found["piiControllers"][0]["address"]["addressCountry"] == country
    retained = purposes_of(found)[0]["crmcore"]["events"][0]["retained"]
    assert retained["wording_hash"] == hashlib.sha256(wording.encode("utf-8")).hexdigest()
    text = receipt_json(
        grant,
        controller=controller,
        jurisdiction=country,
        policy_url="https://example.com/privacy",
        language=language,
        service="Service",
        principal_id=principal,
    )
    assert controller.name in text
    assert principal in text


# --- language tags --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "canonical"),
    [
        ("pl", "pl"),
        ("EN", "en"),
        ("uk-ua", "uk-UA"),
        ("sr-latn-rs", "sr-Latn-RS"),
        ("de-CH-1996", "de-CH-1996"),
        ("es-419", "es-419"),
        ("zh-cmn-Hans-CN", "zh-cmn-Hans-CN"),
        ("en-US-u-ca-gregory", "en-US-u-ca-gregory"),
        ("el-x-polyton", "el-x-polyton"),
        ("x-klingon", "x-klingon"),
    ],
)
def test_a_language_is_any_bcp_47_tag_in_its_canonical_case(tag, canonical):
    assert issue(chain({}), language=tag)["language"] == canonical


@pytest.mark.parametrize(
    "tag",
    [
        "",
        "polski",
        "el-x-polytonic",
        "abcd",
        "p",
        "pl_PL",
        "pl-",
        "-pl",
        "pl--PL",
        "pl-PL-u",
        "x",
        "pl-x",
        "1pl",
        "ру",
        7,
    ],
)
def test_what_is_not_a_bcp_47_tag_is_refused(tag):
    with pytest.raises(ValidationError) as caught:
        issue(chain({}), language=tag)
    assert (caught.value.code, caught.value.field) == (
        "consent.receipt_invalid_language",
        "language",
    )


# --- errors ---------------------------------------------------------------------------


def _code(call):
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.code


def test_no_events_is_refused():
    assert _code(lambda: issue([])) == "consent.receipt_no_events"


@pytest.mark.parametrize("value", [None, "event", [object()], {"id": 1}])
def test_what_is_not_a_consent_event_is_refused(value):
    assert _code(lambda: issue(value)) == "consent.receipt_invalid_event"


def test_a_grant_of_every_purpose_is_refused():
    events = chain({"purpose": None})
    assert _code(lambda: issue(events)) == "consent.receipt_invalid_event"


def test_events_of_two_parties_are_refused():
    mine = chain({})
    theirs = chain({}, party=uuid.UUID("0190f5d2-3c4b-7a11-8e2f-5b6c7d8e9f02"))
    assert _code(lambda: issue([*mine, *theirs])) == "consent.receipt_two_parties"


def test_a_receipt_with_nothing_standing_is_refused():
    refused = chain({"kind": Kind.REFUSED})
    assert _code(lambda: issue(refused)) == "consent.receipt_nothing_in_force"
    (grant,) = chain({})
    assert _code(lambda: issue(grant, at=MARCH - timedelta(seconds=1))) == (
        "consent.receipt_nothing_in_force"
    )


@pytest.mark.parametrize("value", [None, [], ()])
def test_a_missing_controller_is_refused(value):
    assert _code(lambda: issue(chain({}), controller=value)) == "consent.receipt_no_controller"


def test_a_controller_that_is_not_one_is_refused():
    assert _code(lambda: issue(chain({}), controller=[KOWALSKI, "Kowalski"])) == (
        "consent.receipt_invalid_controller"
    )
    assert _code(lambda: issue(chain({}), controller="Kowalski")) == (
        "consent.receipt_invalid_controller"
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("address", "ul. Marszałkowska 10, 00-950 Warszawa"),
        ("email", "iod@kowalski.pl"),
        ("phone", "+48 22 123 45 67"),
        ("url", "https://www.kowalski.pl"),
        ("on_behalf", "yes"),
    ],
)
def test_a_controllers_parts_must_be_the_models_values(field, value):
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(KOWALSKI, **{field: value})
    assert (caught.value.code, caught.value.field) == ("consent.receipt_invalid_controller", field)


@pytest.mark.parametrize("field", ["name", "contact"])
def test_a_controllers_names_are_texts(field):
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(KOWALSKI, **{field: "  "})
    assert caught.value.code == "text.empty"


@pytest.mark.parametrize(
    "value", ["", "kowalski.pl/polityka", "ftp://kowalski.pl/p", "https://", "https://a b.pl", 7]
)
def test_a_policy_that_is_not_an_http_url_is_refused(value):
    assert _code(lambda: issue(chain({}), policy_url=value)) == "consent.receipt_invalid_url"


@pytest.mark.parametrize("field", ["jurisdiction", "service", "principal_id", "public_key"])
def test_empty_texts_are_refused(field):
    assert _code(lambda: issue(chain({}), **{field: " "})) == "text.empty"


def test_a_naive_moment_is_refused():
    assert _code(lambda: issue(chain({}), at=datetime.fromisoformat("2026-04-01T09:00"))) == (
        "consent.invalid_moment"
    )


def test_a_purpose_without_terms_is_refused():
    sharing = chain({"purpose": "third_party_sharing"})
    assert _code(lambda: issue(sharing)) == "consent.receipt_no_terms"
    own = chain({"purpose": "loyalty_club"})
    assert _code(lambda: issue(own)) == "consent.receipt_no_terms"
    found = issue(own, purposes={"loyalty_club": ReceiptPurpose(categories=[14])})
    assert purposes_of(found)[0]["purposeCategory"] == ["14 - Protecting Your Health"]


@pytest.mark.parametrize("value", [{"newsletter": "marketing"}, [ReceiptPurpose(categories=[6])]])
def test_terms_that_are_not_terms_are_refused(value):
    assert _code(lambda: issue(chain({}), purposes=value)) == "consent.receipt_invalid_terms"


def test_categories_may_come_from_any_collection_but_a_text():
    terms = ReceiptPurpose(categories=(number for number in (6, 7)), pii_categories={2})
    assert (terms.categories, terms.pii_categories) == ((6, 7), (2,))


@pytest.mark.parametrize("field", ["description", "third_party", "termination"])
def test_a_purposes_texts_are_texts(field):
    with pytest.raises(ValidationError) as caught:
        ReceiptPurpose(categories=[6], **{field: " "})
    assert (caught.value.code, caught.value.field) == ("text.empty", field)


def test_a_primary_flag_that_is_not_a_bool_is_refused():
    assert _code(lambda: ReceiptPurpose(categories=[6], primary=1)) == (
        "consent.receipt_invalid_terms"
    )


@pytest.mark.parametrize("value", [[], [0], [17], [True], [6.0], "6 - Marketing", 6, [None]])
def test_categories_that_are_not_the_specifications_are_refused(value):
    assert _code(lambda: ReceiptPurpose(categories=value)) == "consent.receipt_invalid_category"


@pytest.mark.parametrize("value", [[17], "2", [None]])
def test_personal_data_and_sensitive_categories_are_checked(value):
    assert _code(lambda: ReceiptPurpose(categories=[6], pii_categories=value)) == (
        "consent.receipt_invalid_category"
    )
    assert _code(lambda: issue(chain({}), sensitive=value)) == "consent.receipt_invalid_category"


def test_a_consent_before_1970_is_refused():
    (grant,) = chain({"occurred_at": datetime(1969, 12, 31, 23, 59, tzinfo=UTC)})
    assert _code(lambda: issue(grant)) == "consent.receipt_before_epoch"


@pytest.mark.parametrize(
    "value",
    [
        None,
        {},
        {"crmcore": {}},
        {"crmcore": {"chain_head": {"seq": 0, "hash": "ab"}}},
        {"crmcore": {"chain_head": {"seq": "1", "hash": "ab"}}},
        {"crmcore": {"chain_head": {"seq": 1, "hash": ""}}},
    ],
)
def test_a_head_is_read_only_from_a_receipt(value):
    assert _code(lambda: receipt_head(value)) == "consent.receipt_unreadable"


# --- any valid sequence of events ------------------------------------------------------

_PURPOSES = ["marketing", "newsletter", "profiling"]
_CHANNELS = [None, "email", "sms", "push", "messenger"]


@st.composite
def histories(draw):
    steps = []
    moment = MARCH
    pending: list[dict] = []
    for _ in range(draw(st.integers(1, 8))):
        moment += timedelta(minutes=draw(st.integers(0, 3)) * 30)
        kind = draw(st.sampled_from([Kind.GRANTED, Kind.GRANTED, *Kind]))
        step = {
            "kind": kind,
            "purpose": draw(st.sampled_from(_PURPOSES)),
            "channel": draw(st.sampled_from(_CHANNELS)),
            "brand": draw(st.sampled_from([None, None, "outlet"])),
            "basis": draw(st.sampled_from([Basis.CONSENT, Basis.CONSENT, *Basis])),
            "occurred_at": moment,
        }
        if kind == Kind.GRANTED:
            step["pending"] = draw(st.booleans())
            if draw(st.booleans()):
                step["expires_at"] = moment + timedelta(hours=draw(st.integers(1, 4)))
            if step["pending"]:
                pending.append(step)
        elif kind == Kind.CONFIRMED:
            if not pending:
                continue
            confirmed = draw(st.sampled_from(pending))
            step |= {key: confirmed[key] for key in ("purpose", "channel", "brand", "basis")}
            step["confirms"] = confirmed
        elif draw(st.booleans()):
            step["purpose"] = None
        steps.append(step)
    return steps or [{"occurred_at": moment}]


def _build(steps):
    """Return the events of ``steps``, chained, each confirmation naming its grant's id."""
    events = []
    made: dict[int, object] = {}
    for step in steps:
        fields = {"proof": Proof()} | step
        if "confirms" in step:
            fields["confirms"] = made[id(step["confirms"])].id
        (event,) = chain(fields, after=events[-1] if events else None)
        made[id(step)] = event
        events.append(event)
    return events


def _covers(stop, grant):
    return (
        stop.purpose in (None, grant.purpose)
        and stop.channel in (None, grant.channel)
        and stop.brand in (None, grant.brand)
    )


def _attempt(events, at):
    try:
        return issue(events, at=at)
    except ValidationError as refused:
        return refused


@given(histories(), st.integers(0, 8))
def test_any_history_gives_a_valid_receipt_of_what_stands_or_a_typed_refusal(steps, back):
    events = _build(steps)
    at = events[-1].occurred_at - timedelta(minutes=30 * back)
    found = _attempt(events, at)
    if isinstance(found, ValidationError):
        assert found.code == "consent.receipt_nothing_in_force"
        return
    assert_valid(found)
    by_id = {str(event.id): event for event in events}
    for entry in purposes_of(found):
        contents = entry["crmcore"]["events"]
        grant = by_id[contents[0]["id"]]
        assert grant.kind == Kind.GRANTED
        assert grant.occurred_at <= at
        assert grant.expires_at is None or grant.expires_at > at
        assert not grant.pending or len(contents) == 2
        stops = [
            event
            for event in events
            if event.kind in (Kind.REFUSED, Kind.WITHDRAWN, Kind.OBJECTED, Kind.EXPIRED)
            and grant.occurred_at <= event.occurred_at <= at
            and _covers(event, grant)
        ]
        assert not stops
        assert [_recomputed(content) for content in contents] == [
            content["retained"]["hash"] for content in contents
        ]
    assert receipt_head(found) == max(events, key=lambda event: event.seq).head
