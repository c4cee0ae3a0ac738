"""E-mail addresses as they arrive in real files: loose spacing, lists, look-alike domains.

Each class of input is generated from addresses of the markets in their own
scripts, so the rules are tested as rules.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError, localize
from crmcore.standardize import emails, websites

_SETTINGS = settings(deadline=None, max_examples=200)

#: Valid addresses of the markets, in their scripts.
ADDRESSES = (
    "anna.nowak@wp.pl",
    "biuro@sklep-rowerowy.com.pl",
    "olena.kovalenko@ukr.net",
    "продажи@магазин.рф",
    "ivan.petrov@mail.ru",
    "γιώργος@παράδειγμα.ελ",
    "info@otenet.gr",
    "Vertrieb@müller-bau.de",
    "j.smith@example.co.uk",
    "orders+web@shop.example.com",
    "контакт@київ.укр",
)
_ADDRESS = st.sampled_from(ADDRESSES)
_SPACES = st.sampled_from(["", " ", "  ", "\u00a0", "\t"])


@_SETTINGS
@given(address=_ADDRESS, before=_SPACES, after=_SPACES)
def test_spaces_around_the_at_sign_are_one_address_written_loosely(
    address: str, before: str, after: str
) -> None:
    local, _, domain = address.rpartition("@")
    loose = f"{local}{before}@{after}{domain}"
    assert emails.validate(loose) == emails.validate(address)
    assert emails.validate(f"Biuro <{loose}>") == emails.validate(address)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("anna nowak@wp.pl", "email.bad_local_part"),
        ("anna@w p.pl", "email.bad_domain"),
        ("anna @ wp .pl", "email.bad_domain"),
    ],
)
def test_a_space_elsewhere_is_still_refused(raw: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        emails.validate(raw)
    assert info.value.code == code


@_SETTINGS
@given(
    found=st.lists(_ADDRESS, min_size=2, max_size=4),
    separator=st.sampled_from([",", ", ", ";", "; ", " ", " , ", " ;", "\n", ",\u00a0"]),
    loose=st.booleans(),
    named=st.booleans(),
)
def test_several_addresses_in_one_value_are_refused_with_their_own_code(
    found: list[str], separator: str, loose: bool, named: bool
) -> None:
    written = [a.replace("@", " @ ") if loose else a for a in found]
    if named:
        written = [f"Kontakt <{a}>" for a in written]
    raw = separator.join(written)
    with pytest.raises(ValidationError) as info:
        emails.validate(raw)
    error = info.value
    assert error.code == "email.several"
    assert error.value == raw
    assert error.hint
    assert "split" in error.hint
    # The hint is a sentence of crmcore's, translated with the message.
    polish = localize(error, "pl")
    assert polish.hint != error.hint
    assert polish.message != error.message
    assert not emails.is_valid(raw)


def test_one_address_with_two_at_signs_is_not_several() -> None:
    with pytest.raises(ValidationError) as info:
        emails.validate("ewa@kowalska@onet.pl")
    assert info.value.code == "email.bad_local_part"


# --- look-alike domains ---------------------------------------------------------------

#: Latin letters and their look-alikes in Cyrillic and Greek.
_TWINS = {
    "a": "аα",
    "c": "с",
    "e": "е",
    "i": "іι",
    "o": "оο",
    "p": "рρ",
    "x": "х",
    "y": "уγ",
    "s": "ѕ",
    "l": "ӏ",
}
_LATIN_DOMAINS = ("allegro.pl", "rozetka.com.ua", "sberbank.ru", "skroutz.gr", "sparkasse.de")
_LATIN_DOMAINS += ("barclays.co.uk", "paypal.com", "olx.pl", "prom.ua", "otto.de")


@st.composite
def look_alike_domains(draw: st.DrawFn) -> str:
    """Return a Latin domain with one or more letters of its name swapped for look-alikes."""
    domain = draw(st.sampled_from(_LATIN_DOMAINS))
    name, _, rest = domain.partition(".")
    places = [i for i, ch in enumerate(name) if ch in _TWINS]
    chosen = draw(st.lists(st.sampled_from(places), min_size=1, max_size=len(places), unique=True))
    letters = list(name)
    for i in chosen:
        letters[i] = draw(st.sampled_from(_TWINS[letters[i]]))
    # At least one Latin letter must stay for the label to be mixed.
    if all(not ch.isascii() for ch in letters if ch.isalpha()):
        letters[chosen[0]] = name[chosen[0]]
    return "".join(letters) + "." + rest


def _mixed(domain: str) -> bool:
    label = domain.partition(".")[0]
    return any(c.isascii() and c.isalpha() for c in label) and not label.isascii()


@_SETTINGS
@given(domain=look_alike_domains(), local=st.sampled_from(["info", "biuro", "j.kowalski"]))
def test_a_look_alike_domain_is_refused_in_an_address_and_a_website(
    domain: str, local: str
) -> None:
    if not _mixed(domain):
        return
    for written in (domain, domain.upper()):
        with pytest.raises(ValidationError) as info:
            emails.validate(f"{local}@{written}")
        assert info.value.code == "email.mixed_script_domain"
        assert info.value.hint
    with pytest.raises(ValidationError) as info:
        websites.validate(f"https://www.{domain}/kontakt")
    assert info.value.code == "website.mixed_script_host"
    assert not websites.is_valid(domain)


@_SETTINGS
@given(domain=look_alike_domains())
def test_a_look_alike_domain_written_in_a_labels_is_refused_too(domain: str) -> None:
    if not _mixed(domain):
        return
    ascii_form = ".".join(
        label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii")
        for label in domain.split(".")
    )
    with pytest.raises(ValidationError) as info:
        emails.validate(f"sprzedaz@{ascii_form}")
    assert info.value.code == "email.mixed_script_domain"
    with pytest.raises(ValidationError) as info:
        websites.validate(ascii_form)
    assert info.value.code == "website.mixed_script_host"


@pytest.mark.parametrize(
    "domain",
    [
        "магазин.рф",
        "київ.укр",
        "δήμος.ελ",
        "εταιρεία.gr",
        "пример.com",
        "müller-bau.de",
        "żabka.pl",
        "sklep.фирма.рф",
        "straße.de",
    ],
)
def test_a_domain_with_each_label_in_one_script_stays_valid(domain: str) -> None:
    assert emails.is_valid(f"info@{domain}")
    assert websites.is_valid(domain)


# --- matching keys of sub-addresses ---------------------------------------------------

_TAGGED_PROVIDERS = st.sampled_from(
    [
        *(("gmail.com", "+"), ("outlook.com", "+"), ("yandex.ru", "+"), ("proton.me", "+")),
        *(("icloud.com", "+"), ("yahoo.com", "-"), ("fastmail.com", "+")),
    ]
)
_TAG = st.text(alphabet="abcxyz0129_", min_size=1, max_size=8)


@_SETTINGS
@given(
    provider=_TAGGED_PROVIDERS,
    mailbox=st.sampled_from(["olena", "ivan_petrov", "giorgos", "hans", "kowalski"]),
    tags=st.lists(_TAG, min_size=1, max_size=4),
)
def test_every_tag_after_the_first_separator_is_dropped(
    provider: tuple[str, str], mailbox: str, tags: list[str]
) -> None:
    domain, separator = provider
    tagged = separator.join([mailbox, *tags])
    plain = emails.matching_key(f"{mailbox}@{domain}", provider_aliases=True)
    assert emails.matching_key(f"{tagged}@{domain}", provider_aliases=True) == plain
    # Without provider aliases, and on other domains, the tags are the mailbox's name.
    assert emails.matching_key(f"{tagged}@{domain}") == f"{tagged}@{domain}"
    assert emails.matching_key(f"{tagged}@firma.pl", provider_aliases=True) == (
        f"{tagged}@firma.pl"
    )
