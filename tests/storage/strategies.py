"""Hypothesis strategies of the storage tests: values in the shapes the key shortcuts take.

Each strategy mixes values a shortcut accepts with near misses it must hand
to the general path, and real-format values of PL, UA, RU, GR, DE, GB and US.
"""

from __future__ import annotations

import phonenumbers
from hypothesis import strategies as st

REGIONS = ("PL", "UA", "RU", "GR", "DE", "GB", "US", "IT", "AR", "MX", "BR", "KZ", "HU")
DIGITS = "0123456789"

_CALLING_CODES = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)


def _examples() -> list[str]:
    """Valid numbers of each region and kind of line, in E.164."""
    found = []
    for region in REGIONS:
        for kind in (
            phonenumbers.PhoneNumberType.FIXED_LINE,
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.TOLL_FREE,
        ):
            number = phonenumbers.example_number_for_type(region, kind)
            if number is not None:
                e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
                found.append(e164)
    return found


_EXAMPLES = _examples()


@st.composite
def _near_examples(draw: st.DrawFn) -> str:
    """A real number with its last digits changed, or a trunk prefix put after the code."""
    example = draw(st.sampled_from(_EXAMPLES))
    number = phonenumbers.parse(example)
    code = str(number.country_code)
    national = example[1 + len(code) :]
    tail = draw(st.text(DIGITS, min_size=0, max_size=4))
    national = national[: len(national) - len(tail)] + tail
    prefix = draw(st.sampled_from(("", "", "0", "8", "1", "00", "80", "06")))
    return f"+{code}{prefix}{national}"


@st.composite
def _any_code(draw: st.DrawFn) -> str:
    code = str(draw(st.sampled_from(_CALLING_CODES)))
    return "+" + code + draw(st.text(DIGITS, min_size=0, max_size=15))


def phone_numbers() -> st.SearchStrategy[str]:
    """Numbers as stored: E.164 and near it, with junk digits, and written other ways."""
    return st.one_of(
        st.sampled_from(_EXAMPLES),
        _near_examples(),
        _any_code(),
        st.text(DIGITS, min_size=0, max_size=18).map(lambda digits: "+" + digits),
        st.sampled_from(
            (
                "+48 601 234 567",
                "601-234-567",
                "0048601234567",
                "8 044 123 45 67",
                "+380 (44) 123-45-67",
                "+7 495 123 45 67",
                "+30 21 0123 4567",
                "+49 30 123456",
                "+44 20 7946 0958",
                "+1 202-555-0143",
                "+４８６０１２３４５６７",
                "+48601234567 wew. 12",
                "tel:+48-601-234-567",
                "+",
                "",
            )
        ),
    )


def phone_countries() -> st.SearchStrategy[str | None]:
    """A country to read national numbers in, or none; lower case and unknown codes too."""
    return st.one_of(st.none(), st.sampled_from(REGIONS), st.sampled_from(("pl", "ua", "XX", "")))


_ATOM_CHARS = "abcXYZ019!#$%&'*+/=?^_{|}~-`"
_LABEL_CHARS = "abzKLM09-"


@st.composite
def _ascii_addresses(draw: st.DrawFn) -> str:
    atoms = draw(st.lists(st.text(_ATOM_CHARS, min_size=0, max_size=6), min_size=1, max_size=3))
    labels = draw(st.lists(st.text(_LABEL_CHARS, min_size=0, max_size=8), min_size=1, max_size=4))
    tld = draw(st.sampled_from(("pl", "UA", "ru", "gr", "de", "co.uk", "com", "123", "x-y", "")))
    dot = draw(st.sampled_from(("", "", ".")))
    return ".".join(atoms) + "@" + ".".join([*labels, tld]) + dot


def email_addresses() -> st.SearchStrategy[str]:
    """Plain ASCII addresses and near misses, long ones, and addresses the general path reads."""
    return st.one_of(
        _ascii_addresses(),
        st.builds(
            lambda local, domain: f"{local}@{domain}",
            st.text("ab.", min_size=60, max_size=70),
            st.sampled_from(("example.pl", "a" * 250 + ".pl", "xn--e1afmkfd.xn--p1ai")),
        ),
        st.sampled_from(
            (
                "anna.nowak@example.pl",
                "Anna.Nowak@Example.PL",
                "o.kovalenko@ukr.net",
                "ivanov@mail.ru",
                "g.papadopoulos@otenet.gr",
                "k.mueller@mueller.de",
                "tea@brighton.co.uk",
                "sales@acme.com",
                "info@ромашка.укр",
                "müller@müller.de",
                "Jan Kowalski <jan.kowalski@Example.PL>",
                "mailto:jan@example.pl",
                " jan@example.pl ",
                '"jan"@example.pl',
                "jan@@example.pl",
                "jan@example..pl",
                "jan@ex--ample.pl",
                "jan@localhost",
                "jan@1.2.3.4",
                "jan@example.pl.",
            )
        ),
    )


def tax_values() -> st.SearchStrategy[str]:
    """Tax numbers compact, in small letters, with separators, labels and other scripts."""
    return st.one_of(
        st.text("0123456789ABCDEFplgbel", min_size=1, max_size=14),
        st.text("0123456789-. /:", min_size=0, max_size=14),
        st.sampled_from(
            (
                "5260250995",
                "526-025-09-95",
                "NIP: 526-025-09-95",
                "PL5260250995",
                "pl5260250995",
                "el 094014201",
                "EL094014201",
                "3184710691",
                "ЄДРПОУ 32855961",
                "7707083893",
                "DE136695976",
                "GB980780684",
                "12-3456789",
                "١٢٣",
                "Ⅻ",
                "",
            )
        ),
    )


_NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
_NIP_MODULUS = 11


def valid_nip(index: int) -> str:
    """Return a check-digit valid NIP, one for each ``index`` (0 to 9,999, all distinct).

    The model holds valid numbers only, so tests that need many NIPs make them.
    """
    for office in range(526, 1000):  # the tax office prefix: the next one if 10 comes up
        body = f"{office}02{index:04d}"
        check = sum(w * int(d) for w, d in zip(_NIP_WEIGHTS, body, strict=True)) % _NIP_MODULUS
        if check < _NIP_MODULUS - 1:
            return f"{body}{check}"
    raise AssertionError(index)  # pragma: no cover - an office always fits
