from __future__ import annotations

import json
import pickle
from pathlib import Path

import idna
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import emails
from crmcore.standardize._base import require_text

from .strategies import any_text, email_like_text
from .support import outcome

CORPUS = json.loads((Path(__file__).parent / "data" / "emails.json").read_text("utf-8"))


@pytest.mark.parametrize(("raw", "address", "ascii_domain"), CORPUS["valid"])
def test_valid_corpus(raw: str, address: str, ascii_domain: str) -> None:
    email = emails.validate(raw)
    assert email.address == address == str(email)
    assert email.ascii_domain == ascii_domain
    assert f"{email.local}@{email.domain}" == address
    assert emails.validate(str(email)) == email
    assert emails.validate(email) is email
    assert emails.is_valid(raw)


@pytest.mark.parametrize(("raw", "code"), CORPUS["invalid"])
def test_invalid_corpus(raw: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        emails.validate(raw)
    err = info.value
    assert err.code == code
    assert err.field == "email"
    assert err.value == raw
    assert err.hint
    assert not emails.is_valid(raw)


def test_length_limits() -> None:
    local64 = "a" * 64
    assert emails.is_valid(f"{local64}@wp.pl")
    label = "b" * 63
    domain = f"{label}.{label}.{label}.{'c' * 58}.pl"  # 253 characters
    assert len(domain) == 253
    with pytest.raises(ValidationError) as info:
        emails.validate(f"{local64}@{domain}")  # 318 octets in all
    assert info.value.code == "email.too_long"
    with pytest.raises(ValidationError) as info:
        emails.validate(f"jan@{label}.{domain}")
    assert info.value.code == "email.too_long"
    # 64 octets of UTF-8 are fewer than 64 letters in Cyrillic.
    with pytest.raises(ValidationError) as info:
        emails.validate("ж" * 33 + "@wp.pl")
    assert info.value.code == "email.too_long"


def test_domain_errors_are_chained() -> None:
    with pytest.raises(ValidationError) as info:
        emails.validate("jan@-wp.pl")
    assert isinstance(info.value.__cause__, idna.IDNAError)


@pytest.mark.parametrize("raw", [None, 12, b"jan@wp.pl"])
def test_not_text(raw: object) -> None:
    with pytest.raises(ValidationError) as info:
        emails.validate(raw)
    assert info.value.code == "email.not_text"


class TestFormat:
    def test_styles(self) -> None:
        assert emails.format("пример@Пример.рф") == "пример@пример.рф"
        assert emails.format("пример@Пример.рф", "ascii") == "пример@xn--e1afmkfd.xn--p1ai"
        assert emails.format(emails.validate("Jan@WP.pl"), "ascii") == "Jan@wp.pl"

    def test_unknown_style(self) -> None:
        with pytest.raises(ValidationError) as info:
            emails.format("jan@wp.pl", "punycode")  # type: ignore[arg-type]
        assert info.value.code == "email.unknown_style"


class TestMatchingKey:
    def test_lowercase_only_by_default(self) -> None:
        assert emails.matching_key("Jan.Kowalski@WP.pl") == "jan.kowalski@wp.pl"
        assert emails.matching_key("j.an+x@gmail.com") == "j.an+x@gmail.com"
        assert emails.matching_key("Пример@Пример.РФ") == "пример@пример.рф"

    @pytest.mark.parametrize(
        ("spellings", "key"),
        [
            (
                [
                    "jan.kowalski@gmail.com",
                    "JanKowalski+crm@googlemail.com",
                    "j.a.n.kowalski@gmail.com",
                ],
                "jankowalski@gmail.com",
            ),
            (["oksana+promo@outlook.com", "Oksana@outlook.com"], "oksana@outlook.com"),
            (["nikos-shop@yahoo.com", "nikos@yahoo.com"], "nikos@yahoo.com"),
            (["ivanov+test@ya.ru", "ivanov@yandex.ru", "Ivanov@yandex.com"], "ivanov@yandex.ru"),
            (["anna+x@protonmail.com", "anna@pm.me", "anna@proton.me"], "anna@proton.me"),
        ],
    )
    def test_provider_aliases_meet(self, spellings: list[str], key: str) -> None:
        assert {emails.matching_key(s, provider_aliases=True) for s in spellings} == {key}

    def test_other_domains_keep_dots_and_tags(self) -> None:
        assert emails.matching_key("j.an+x@onet.pl", provider_aliases=True) == "j.an+x@onet.pl"
        assert (
            emails.matching_key("jan.k@outlook.com", provider_aliases=True) == "jan.k@outlook.com"
        )

    def test_a_local_part_that_is_only_a_tag_is_kept(self) -> None:
        assert emails.matching_key("+x@gmail.com", provider_aliases=True) == "+x@gmail.com"


def test_value_is_frozen_and_picklable() -> None:
    email = emails.validate("müller@bücher.de")
    assert pickle.loads(pickle.dumps(email)) == email
    assert emails.example() == str(emails.validate(emails.example()))
    assert emails.example("PL") == emails.example()


@settings(deadline=None)
@given(st.one_of(any_text, email_like_text))
def test_any_text_gives_an_email_or_our_error(raw: str) -> None:
    result = outcome(emails.validate, raw)
    if isinstance(result, ValidationError):
        assert result.code.startswith("email.")
    else:
        assert emails.validate(str(result)) == result
        assert emails.validate(emails.format(result, "ascii")) == result
        assert emails.matching_key(result, provider_aliases=True) == emails.matching_key(
            emails.matching_key(result, provider_aliases=True), provider_aliases=True
        )


@given(st.lists(st.text(max_size=20), min_size=4, max_size=4))
def test_the_fast_builder_equals_the_attrs_construction(parts: list[str]) -> None:
    address, local, domain, ascii_domain = parts
    fast = emails._email(address, local, domain, ascii_domain)
    made = emails.Email(address=address, local=local, domain=domain, ascii_domain=ascii_domain)
    assert fast == made
    assert hash(fast) == hash(made)
    assert repr(fast) == repr(made)
    assert pickle.loads(pickle.dumps(fast)) == made


_FOLDING_PIECES = st.sampled_from(
    [
        "jan",
        "Kate",
        "@",
        "@",
        ".",
        "example",
        "COM",
        "pl",
        "123",
        "--",
        "\u212a",
        "\u017f",
        "ı",
        "İ",
    ]
)


@given(st.lists(_FOLDING_PIECES, max_size=10).map("".join))
@example("jan@\u017fite.com")
@example("\u212aate@example.com")
@example("jan@example.123")
def test_the_plain_reading_is_the_full_reading(raw: str) -> None:
    full = outcome(
        lambda text: emails._validate.__wrapped__(require_text(text, field="email")), raw
    )
    fast = emails._plain(raw)
    if fast is not None:
        assert fast == full
    found = outcome(emails.validate, raw)
    if isinstance(full, ValidationError):
        assert isinstance(found, ValidationError)
        assert found.code == full.code
    else:
        assert found == full
