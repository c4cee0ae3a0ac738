"""Phone numbers as people write them: phonenumbers' own examples and real ones.

The examples come from the installed phonenumbers (one per region and kind
of line), so the tests follow its metadata as it changes; the real-format
values are written as they are in the seven markets.
"""

from __future__ import annotations

import functools

import phonenumbers
from hypothesis import strategies as st

PNF = phonenumbers.PhoneNumberFormat
TYPES = (
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.TOLL_FREE,
    phonenumbers.PhoneNumberType.PREMIUM_RATE,
    phonenumbers.PhoneNumberType.SHARED_COST,
    phonenumbers.PhoneNumberType.VOIP,
    phonenumbers.PhoneNumberType.PERSONAL_NUMBER,
    phonenumbers.PhoneNumberType.PAGER,
    phonenumbers.PhoneNumberType.UAN,
    phonenumbers.PhoneNumberType.VOICEMAIL,
)
REGIONS = tuple(sorted(phonenumbers.SUPPORTED_REGIONS))
MARKETS = ("PL", "UA", "RU", "GR", "DE", "GB", "US")
#: Regions that read numbers of another region's calling code, or have odd
#: prefixes: shared +1 and +7, a transform rule (AG, BR), carrier codes.
TRICKY = ("CA", "KZ", "AG", "BR", "AR", "JP", "IT", "VA", "GG", "FI", "AX", "CO", "MX")

#: Real-format numbers of our markets, each with the country it is read in.
MARKET_NUMBERS = (
    ("601 234 567", "PL"),
    ("601-234-567", "PL"),
    ("+48 601 234 567", None),
    ("(22) 123 45 67", "PL"),
    ("0048 22 123 45 67", None),
    ("48 601 234 567", "PL"),
    ("800 123 456", "PL"),
    ("(0-58) 301 22 33", "PL"),
    ("0 61 852 01 23", "PL"),
    ("+380 67 123 45 67", None),
    ("067 123 45 67", "UA"),
    ("+380 (44) 123-45-67", "UA"),
    ("0800 123 456", "UA"),
    ("8 050 123 45 67", "UA"),
    ("8 (044) 123-45-67", "UA"),
    ("+7 912 123-45-67", None),
    ("8 (495) 123-45-67", "RU"),
    ("8 800 555-35-35", "RU"),
    ("8 10 48 601 234 567", "RU"),
    ("+7 (7172) 12-34-56", None),
    ("+30 693 123 4567", None),
    ("210 123 4567", "GR"),
    ("0030 210 1234567", "GR"),
    ("+49 30 1234567", None),
    ("+49 (0)30 1234567", None),
    ("030 1234567", "DE"),
    ("0151 23456789", "DE"),
    ("0800 1234567", "DE"),
    ("020 7946 0123", "GB"),
    ("+44 (0)20 7946 0958", None),
    ("07400 123456", "GB"),
    ("0800 123 4567", "GB"),
    ("(212) 555-0123", "US"),
    ("212.555.0123", "US"),
    ("+1 212-555-0123", None),
    ("1 (800) 555-0199", "US"),
    ("011 48 601 234 567", "US"),
)


@functools.cache
def examples() -> tuple[phonenumbers.PhoneNumber, ...]:
    """Return phonenumbers' example number of every region and kind of line."""
    found = [
        number
        for region in REGIONS
        for kind in TYPES
        if (number := phonenumbers.example_number_for_type(region, kind)) is not None
    ]
    found += [
        number
        for code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS)
        if (number := phonenumbers.example_number_for_non_geo_entity(code)) is not None
    ]
    return tuple(found)


def shapes(number: phonenumbers.PhoneNumber) -> list[tuple[str, str | None]]:
    """Return a valid ``number`` written in the common shapes, each with a country."""
    region = phonenumbers.region_code_for_number(number) or "001"
    national = phonenumbers.format_number(number, PNF.NATIONAL)
    written = [
        (phonenumbers.format_number(number, PNF.INTERNATIONAL), None),
        (phonenumbers.format_number(number, PNF.INTERNATIONAL), "GB"),
        *digit_shapes(
            number.country_code, phonenumbers.national_significant_number(number), region
        ),
    ]
    if region in phonenumbers.SUPPORTED_REGIONS:
        written += [(national, region), (national, "KZ")]
    return written


def digit_shapes(code: int, nsn: str, region: str) -> list[tuple[str, str | None]]:
    """Return a calling code and national number written in the common shapes.

    Args:
        code: The calling code.
        nsn: The national significant number.
        region: The region to read the national shapes in (``"001"`` for
            non-geographic numbers: Poland then).
    """
    e164 = f"+{code}{nsn}"
    home = region if region in phonenumbers.SUPPORTED_REGIONS else "PL"
    return [
        (e164, None),
        (e164, home),
        ("00" + e164[1:], None),
        ("00" + e164[1:], "DE"),
        (e164[1:], None),
        (e164[1:], home),
        (f"+{code} ({nsn[:2]}) {nsn[2:5]}-{nsn[5:]}", None),
        (f"+{code}.{nsn[:3]}.{nsn[3:]}", None),
        (f"[+{code}] {nsn[:3]}/{nsn[3:]}", "US"),
        (nsn, home),
        (f"({nsn[:3]}) {nsn[3:6]}-{nsn[6:]}", home),
        ("0" + nsn, home),
        ("8 " + nsn, home),
        (nsn, "RU"),
    ]


#: A region to read national numbers in: ours, the tricky ones, any, or none.
regions = st.one_of(
    st.none(),
    st.sampled_from(MARKETS),
    st.sampled_from(TRICKY),
    st.sampled_from(REGIONS),
)

_SEPARATORS = st.sampled_from([" ", "-", ".", "/", "(", ")", "[", "]", " (", ") ", " - "])
_CODES = st.sampled_from(
    ["48", "380", "7", "30", "49", "44", "1", "800", "39", "54", "55", "61", "262", "881"]
)
_PREFIXES = st.sampled_from(["", "", "+", "00", "0", "8", "810", "011", "1", "0 ", "(0)", "80"])

#: Digits with the separators and prefixes the fast path takes, and whatever
#: phonenumbers then makes of them: valid numbers, too short, too long, ...
written_digits = st.builds(
    lambda prefix, code, parts: prefix + code + "".join(parts),
    _PREFIXES,
    st.one_of(st.just(""), _CODES),
    st.lists(
        st.one_of(st.text(alphabet="0123456789", min_size=1, max_size=4), _SEPARATORS),
        max_size=10,
    ),
)


#: A number with what people write around it: labels, extensions, odd spaces.
dressed_numbers = st.builds(
    lambda label, written, space, extension: (
        label + written[0].replace(" ", space) + extension,
        written[1],
    ),
    st.sampled_from(["", "", "Tel. ", "тел. ", "τηλ. ", "Mobile: ", "tel:", "Fax "]),
    st.one_of(st.sampled_from(MARKET_NUMBERS), written_digits.map(lambda t: (t, "PL"))),
    st.sampled_from([" ", " ", "\u00a0", "\u2009", "  ", "\u3000"]),
    st.sampled_from(
        ["", "", " ext. 12", " wew. 305", " доб. 4", " εσωτ. 7", " x12", "#", " ;ext=5", ";ext=77"]
    ),
)


#: National significant numbers shaped like real ones: a region's example
#: with some of its last digits changed, so that many stay valid.
@st.composite
def varied_examples(draw: st.DrawFn) -> tuple[str, str | None]:
    """Return a number near one of phonenumbers' examples, written in one shape."""
    number = draw(st.sampled_from(examples()))
    nsn = phonenumbers.national_significant_number(number)
    keep = draw(st.integers(min_value=max(1, len(nsn) - 4), max_value=len(nsn)))
    tail = draw(st.text(alphabet="0123456789", max_size=len(nsn) - keep + 1))
    region = phonenumbers.region_code_for_number(number) or "001"
    return draw(st.sampled_from(digit_shapes(number.country_code, nsn[:keep] + tail, region)))
