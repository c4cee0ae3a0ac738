"""The errors of e-mail addresses carry all their data, and the limits hold on both sides.

An application shows an error's message and hint and reads its field, value
and code, so each refusal is checked whole; each length limit is checked with
a value at the limit and one past it.
"""

from __future__ import annotations

import idna
import pytest

from crmcore.errors import ValidationError, localize
from crmcore.standardize import emails

HINT = "an address such as jan.kowalski@example.pl"
BAD_LOCAL = "the part before @ is not a valid mailbox name"
BAD_DOMAIN = "the domain is not a valid host name"
SPACE = "the address contains a space"


def _data(error: ValidationError) -> tuple[object, ...]:
    return (error.code, error.field, error.value, str(error.message), error.hint)


def _refusal(raw: object) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        emails.validate(raw)
    assert not emails.is_valid(raw)
    return info.value


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        ("jan.kowalski.onet.pl", "email.no_at", "the address has no @"),
        ("@wp.pl", "email.bad_local_part", BAD_LOCAL),
        (" @ wp.pl", "email.bad_local_part", BAD_LOCAL),
        ("jan..kowalski@wp.pl", "email.bad_local_part", BAD_LOCAL),
        ("jan€@wp.pl", "email.bad_local_part", BAD_LOCAL),  # a currency sign is no letter
        ("mailto:mailto:jan@wp.pl", "email.bad_local_part", BAD_LOCAL),
        ('"jan"@wp.pl', "email.quoted_local_part", "quoted local parts are not accepted"),
        ('jan"@wp.pl', "email.quoted_local_part", "quoted local parts are not accepted"),
        ('"jan@wp.pl', "email.quoted_local_part", "quoted local parts are not accepted"),
        ("anna nowak@wp.pl", "email.bad_local_part", SPACE),
        ("anna@w p.pl", "email.bad_domain", SPACE),
        ("олена коваль@ukr.net", "email.bad_local_part", SPACE),
        ("jan@.", "email.bad_domain", BAD_DOMAIN),
        ("jan@localhost", "email.bad_domain", BAD_DOMAIN),
        ("jan@пример", "email.bad_domain", BAD_DOMAIN),
        ("jan@wp..pl", "email.bad_domain", BAD_DOMAIN),
        ("jan@wp.123", "email.bad_domain", BAD_DOMAIN),
        ("jan@пример.123", "email.bad_domain", BAD_DOMAIN),
        ("jan@wp_x.pl", "email.bad_domain", BAD_DOMAIN),
        ("a" * 65 + "@wp.pl", "email.too_long", "the part before @ is longer than 64 octets"),
    ],
)
def test_each_refusal_is_whole(raw: str, code: str, message: str) -> None:
    assert _data(_refusal(raw)) == (code, "email", raw, message, HINT)


def test_several_addresses_say_how_to_split_them() -> None:
    raw = "anna.nowak@wp.pl; piotr.nowak@wp.pl"
    error = _refusal(raw)
    assert _data(error) == (
        "email.several",
        "email",
        raw,
        "the value holds several e-mail addresses",
        "one address per field: split the addresses into separate fields or records",
    )


@pytest.mark.parametrize("raw", ["biuro@allegrо.pl", "info@rozеtka.com.ua", "kontakt@skrουtz.gr"])
def test_a_look_alike_domain_is_refused_whole_with_a_hint_of_our_own(raw: str) -> None:
    error = _refusal(raw)
    assert _data(error) == (
        "email.mixed_script_domain",
        "email",
        raw,
        "the domain mixes letters of different scripts, as look-alike domains do",
        "a domain written in one script, such as example.pl or пример.рф",
    )
    polish = localize(error, "pl")
    assert polish.hint
    assert polish.hint != error.hint


@pytest.mark.parametrize("raw", ["jan@-wp.pl", "jan@wp..pl", "jan@bücher..de", "jan@xn--ab.pl"])
def test_a_domain_idna_refuses_is_chained_to_its_error(raw: str) -> None:
    error = _refusal(raw)
    assert _data(error) == ("email.bad_domain", "email", raw, BAD_DOMAIN, HINT)
    assert isinstance(error.__cause__, idna.IDNAError)


@pytest.mark.parametrize("raw", ["jan@localhost", "jan@wp.123", "jan@."])
def test_a_domain_our_own_rules_refuse_has_no_cause(raw: str) -> None:
    assert _refusal(raw).__cause__ is None


# --- the limits of RFC 5321, on both sides ----------------------------------------------


def _domain(length: int) -> str:
    """Return a plain ASCII domain of ``length`` characters, in labels of 63 at most."""
    body = length - len(".pl")  # the labels before the top level, with their dots
    count = -(-(body + 1) // 64)  # labels of 63 and a dot each, the last without
    letters = body - (count - 1)
    sizes = [letters // count + (i < letters % count) for i in range(count)]
    return ".".join([*("d" * size for size in sizes), "pl"])


@pytest.mark.parametrize("length", [189, 200, 252, 253, 254])
def test_the_domain_builder_is_exact(length: int) -> None:
    domain = _domain(length)
    assert len(domain) == length
    assert max(len(label) for label in domain.split(".")) <= 63


def test_a_local_part_of_64_octets_is_the_longest() -> None:
    assert emails.validate("a" * 64 + "@wp.pl").local == "a" * 64
    assert emails.validate("ж" * 32 + "@wp.pl").local == "ж" * 32  # 64 octets of UTF-8
    for raw in ("a" * 65 + "@wp.pl", "ж" * 33 + "@wp.pl", "ж" * 32 + "a@wp.pl"):
        error = _refusal(raw)
        assert (error.code, str(error.message)) == (
            "email.too_long",
            "the part before @ is longer than 64 octets",
        )


def test_a_domain_of_253_characters_is_the_longest() -> None:
    # At 253 the domain passes and the address (1 + 1 + 253 octets) is too long;
    # at 254 the domain is.
    at_limit = f"a@{_domain(253)}"
    error = _refusal(at_limit)
    assert _data(error) == (
        "email.too_long",
        "email",
        at_limit,
        "the address is longer than 254 octets",
        HINT,
    )
    past = f"a@{_domain(254)}"
    error = _refusal(past)
    assert _data(error) == (
        "email.too_long",
        "email",
        past,
        "the domain is longer than 253 characters",
        HINT,
    )


@pytest.mark.parametrize("wrapped", [False, True])
def test_an_address_of_254_octets_is_the_longest(wrapped: bool) -> None:
    # 64 + 1 + 189 octets; wrapped in a display name, the text is longer than
    # the address and takes the full reading.
    local = "k" * 64
    longest = f"{local}@{_domain(189)}"
    assert len(longest) == 254
    raw = f"Kowalski <{longest}>" if wrapped else longest
    assert emails.validate(raw).address == longest
    one_more = f"{local}@{_domain(190)}"
    raw = f"Kowalski <{one_more}>" if wrapped else one_more
    error = _refusal(raw)
    assert (error.code, str(error.message)) == (
        "email.too_long",
        "the address is longer than 254 octets",
    )


def test_the_address_limit_counts_the_ascii_form_of_the_domain() -> None:
    # "ж" is 2 octets; "пример" is "xn--e1afmkfd" (12 characters) in ASCII.
    local = "ж" * 32  # 64 octets
    name = "xn--e1afmkfd"
    rest = 254 - 64 - 1 - len(name) - 1  # the ASCII domain's other labels, with their dots
    tail = _domain(rest)
    fits = f"{local}@пример.{tail}"
    email = emails.validate(fits)
    assert email.ascii_domain == f"{name}.{tail}"
    assert len(email.local.encode()) + 1 + len(email.ascii_domain) == 254
    over = f"{local}@пример.{_domain(rest + 1)}"
    error = _refusal(over)
    assert (error.code, str(error.message)) == (
        "email.too_long",
        "the address is longer than 254 octets",
    )


# --- readings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "address"),
    [
        ("Jan < jan@wp.pl >", "jan@wp.pl"),  # spaces inside the brackets
        ("MAILTO:Jan@WP.pl", "Jan@wp.pl"),
        ("Mailto:olena@ukr.net", "olena@ukr.net"),
        ("jan@wp.pl.", "jan@wp.pl"),  # the root of a fully qualified name
        ("jan@XN--BCHER-KVA.DE", "jan@bücher.de"),  # an A-label is read back to Unicode
        ("jan@xn--bcher-kva.de", "jan@bücher.de"),
        ("jan@a--b.pl", "jan@a--b.pl"),  # "--" elsewhere than at 3-4 is no A-label
        ("jan@BÜCHER.DE", "jan@bücher.de"),  # UTS #46 maps capitals
        ("ज्ञान@wp.pl", "ज्ञान@wp.pl"),  # letters and marks (the virama)
        ("١٢٣@wp.pl", "١٢٣@wp.pl"),  # digits of another script
        ("jan+пример@wp.pl", "jan+пример@wp.pl"),  # ASCII symbols among Cyrillic letters
        ("γιώργος.παπαδόπουλος@otenet.gr", "γιώργος.παπαδόπουλος@otenet.gr"),
    ],
)
def test_readings(raw: str, address: str) -> None:
    assert emails.validate(raw).address == address


@pytest.mark.parametrize("local", ["jan€", "пр€мер", "jan\u00a7", "όνομα→"])
def test_a_non_ascii_local_part_takes_letters_marks_and_digits_only(local: str) -> None:
    assert not emails.is_valid(f"{local}@wp.pl")


def test_the_ascii_form_of_a_plain_domain_is_the_domain() -> None:
    email = emails.validate("Jan.Kowalski@Onet.PL")
    assert (email.local, email.domain, email.ascii_domain) == ("Jan.Kowalski", "onet.pl", "onet.pl")


def test_an_unknown_format_style_is_refused_whole() -> None:
    with pytest.raises(ValidationError) as info:
        emails.format("jan@wp.pl", "punycode")  # type: ignore[arg-type]
    assert _data(info.value) == (
        "email.unknown_style",
        "style",
        "punycode",
        "there is no such e-mail format style",
        "unicode, ascii",
    )


def test_the_ascii_style_keeps_the_local_part() -> None:
    assert emails.format("Müller@BÜCHER.de", "ascii") == "Müller@xn--bcher-kva.de"
    assert emails.format("Müller@BÜCHER.de") == "Müller@bücher.de"
    assert emails.format("Müller@BÜCHER.de", style="unicode") == "Müller@bücher.de"


# --- matching keys --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Jan.Kowalski+crm@GoogleMail.com", "jankowalski@gmail.com"),
        ("jan.kowalski+crm+x@gmail.com", "jankowalski@gmail.com"),
        ("jan+kowalski@outlook.com", "jan@outlook.com"),
        ("+crm@outlook.com", "+crm@outlook.com"),  # nothing before the tag: kept
        ("nikos-shop-gr@yahoo.com", "nikos@yahoo.com"),
        ("Ivan.Petrov+shop@yandex.ru", "ivan.petrov@yandex.ru"),  # Yandex keeps dots
    ],
)
def test_provider_aliases(raw: str, key: str) -> None:
    assert emails.matching_key(raw, provider_aliases=True) == key
    assert emails.matching_key(raw) == str(emails.validate(raw)).lower()
