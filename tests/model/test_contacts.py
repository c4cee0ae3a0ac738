from datetime import UTC, datetime

import pytest

from crmcore.errors import ValidationError
from crmcore.model import (
    ContactKind,
    ContactPoint,
    EmailAddress,
    ExternalKey,
    Identifier,
    MessengerHandle,
    PhoneLine,
    PhoneNumber,
    PostalAddress,
    Website,
)


def test_each_kind_and_its_key():
    assert PhoneNumber("+48601234567", line="fax").key == "+48601234567"
    assert PhoneNumber("+302101234567").line is None
    # casefold: a final sigma folds to σ
    assert EmailAddress("Ο.Παπαδόπουλος@example.gr").key == "ο.παπαδόπουλοσ@example.gr"
    assert Website("https://www.kowalski.pl").key == "kowalski.pl"
    assert MessengerHandle("Viber", "+380671234567").key == "viber:+380671234567"
    address = PostalAddress(
        street="ul.  Marszałkowska",
        building="10",
        flat="5",
        postal_code="00-950",
        locality="Warszawa",
        country="PL",
    )
    assert address.key == "pl|00-950|warszawa|ul. marszałkowska|10|5"
    assert address.country == "PL"
    assert [
        cls.kind for cls in (PhoneNumber, EmailAddress, PostalAddress, Website, MessengerHandle)
    ] == list(ContactKind)


def test_common_fields():
    at = datetime(2026, 5, 1, 12, tzinfo=UTC)
    phone = PhoneNumber(
        "+380441234567",
        line=PhoneLine.LANDLINE,
        primary=True,
        label="офіс",
        source="erp",
        verified_at=at,
    )
    assert (phone.primary, phone.label, phone.source, phone.verified_at) == (
        True,
        "офіс",
        "erp",
        at,
    )


def test_the_base_class_is_abstract():
    with pytest.raises(TypeError):
        ContactPoint()
    with pytest.raises(NotImplementedError):
        ContactPoint.key.fget(PhoneNumber("+12125550143"))


@pytest.mark.parametrize(
    ("build", "field", "code"),
    [
        (lambda: PhoneNumber(""), "number", "text.empty"),
        (lambda: PhoneNumber(48601234567), "number", "text.not_text"),
        (lambda: PhoneNumber("+48601234567", line="pager"), "line", "phone.unknown_line"),
        (lambda: PhoneNumber("+48601234567", primary="yes"), "primary", "boolean.not_boolean"),
        (
            lambda: PhoneNumber("+48601234567", verified_at=datetime(2026, 1, 1)),  # noqa: DTZ001
            "verified_at",
            "moment.naive",
        ),
        (lambda: EmailAddress(None), "address", "text.not_text"),
        (lambda: PostalAddress(country="PL"), "locality", "address.empty"),
        (lambda: PostalAddress(locality="Київ", country="Ukraine"), "country", "country.unknown"),
        (lambda: PostalAddress(locality="x" * 201), "locality", "text.too_long"),
        (lambda: MessengerHandle("telegram", " "), "handle", "text.empty"),
        (lambda: Identifier("Tax ID", "1"), "scheme", "identifier.invalid_scheme"),
        (lambda: Identifier("nip", ""), "value", "text.empty"),
        (lambda: Identifier("nip", "1", country="XX"), "country", "country.unknown"),
        (lambda: ExternalKey("", "1"), "system", "text.empty"),
    ],
)
def test_invalid_contact_points_and_identifiers(build, field, code):
    with pytest.raises(ValidationError) as info:
        build()
    assert (info.value.field, info.value.code) == (field, code)


def test_identifiers():
    nip = Identifier("NIP", "5260250995", country="PL")
    assert (nip.scheme, nip.country, nip.key) == ("nip", "PL", ("nip", "PL", "5260250995"))
    assert Identifier("vat", "EU372000041", country="EU").key == ("vat", "EU", "372000041")
    # a scheme without a country python-stdnum could check it in: an opaque key
    assert Identifier("ein", "12-3456789").key == ("ein", "", "12-3456789")
    assert ExternalKey("sap", "0000123456").key == "0000123456"
