"""A look-up by identifier validates its number only when the plain key finds nobody."""

from __future__ import annotations

import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.model import Identifier, Party
from crmcore.storage import MemoryStore
from crmcore.storage import _lookup_keys as keys

# A stored identifier of each home market and the ways people write it when they look it up.
WRITTEN = [
    (
        Identifier("nip", "5260250274", country="PL"),
        "nip",
        "PL",
        ["526-025-02-74", "NIP 526 025 02 74", "PL5260250274", "PL 526-025-02-74"],
    ),
    (
        Identifier("edrpou", "32855961", country="UA"),
        "edrpou",
        "UA",
        ["32855961", "ЄДРПОУ 32855961", " 32855961 "],
    ),
    (
        Identifier("inn", "7707083893", country="RU"),
        "inn",
        "RU",
        ["7707083893", "ИНН 7707083893", "7707 083 893"],
    ),
    (
        Identifier("afm", "094014201", country="GR"),
        "afm",
        "GR",
        ["094014201", "94014201", "EL094014201", "ΑΦΜ 094014201"],
    ),
    (Identifier("vat", "DE136695976"), "vat", None, ["DE 136 695 976", "de136695976"]),
    (Identifier("vat", "GB980780684"), "vat", None, ["GB 980 7806 84", "GB980780684"]),
    (Identifier("ein", "042103594", country="US"), "ein", "US", ["04-2103594", "042103594"]),
]


def _store(*identifiers: Identifier) -> tuple[MemoryStore, list[Party]]:
    store = MemoryStore()
    added = store.parties.add_many(
        [Party.organization(f"Firma {i}", identifiers=[x]) for i, x in enumerate(identifiers)]
    )
    return store, added


@pytest.mark.parametrize(("identifier", "scheme", "country", "queries"), WRITTEN)
def test_every_written_form_finds_the_holder(
    identifier: Identifier, scheme: str, country: str | None, queries: list[str]
) -> None:
    store, (party,) = _store(identifier)
    for query in queries:
        found = store.parties.find_by_identifier(scheme, query, country=country)
        assert [p.id for p in found] == [party.id], query


@pytest.mark.parametrize(
    ("scheme", "value", "country"),
    [
        ("afm", "94014201", "GR"),  # eight digits: python-stdnum pads the ninth
        ("nip", "PL5260250274", "PL"),  # a VAT prefix on a national number
    ],
)
def test_a_query_whose_validated_key_differs_is_searched_again(
    scheme: str, value: str, country: str
) -> None:
    calls: list[tuple[str, str, str | None]] = []
    wanted = keys.identifier_query(scheme, value, country)

    def search(*key: str | None) -> list[Party]:
        calls.append(key)  # type: ignore[arg-type]
        return [Party.organization("ΑΛΦΑ Α.Ε.")] if key == wanted else []

    assert len(keys.find_identifier(scheme, value, country, search)) == 1
    assert len(calls) == 2
    assert calls[-1] == wanted
    assert calls[0] != wanted


def test_a_query_found_by_its_plain_key_is_searched_once() -> None:
    calls: list[tuple[str | None, ...]] = []

    def search(*key: str | None) -> list[Party]:
        calls.append(key)
        return [Party.organization("Kowalski sp. z o.o.")]

    keys.find_identifier("iban", "pl61109010140000071219812874", None, search)
    keys.find_identifier("nip", "5260250274", "PL", search)
    keys.find_identifier("nip", "526-025-02-74", "PL", search)  # read as the model reads it
    assert calls == [
        ("iban", "PL61109010140000071219812874", None),
        ("nip", "5260250274", "PL"),
        ("nip", "5260250274", "PL"),
    ]


@pytest.mark.parametrize("written", ["526.025.02.74", "526/025/02/74"])
def test_a_separator_the_model_refuses_is_refused_by_a_look_up(written: str) -> None:
    store, _ = _store(Identifier("nip", "5260250274", country="PL"))
    with pytest.raises(ValidationError) as caught:
        store.parties.find_by_identifier("nip", written, country="PL")
    assert caught.value.code == "tax_id.bad_format"
    assert caught.value.value == written


def test_a_number_that_finds_nobody_and_is_invalid_is_refused() -> None:
    store, _ = _store(Identifier("nip", "5260250274", country="PL"))
    with pytest.raises(ValidationError) as caught:
        store.parties.find_by_identifier("nip", "526-025-02-75", country="PL")
    assert caught.value.code == "tax_id.bad_checksum"
    assert caught.value.field == "tax_id"
    assert caught.value.value == "526-025-02-75"


def test_a_valid_number_nobody_holds_finds_nobody() -> None:
    store, _ = _store(Identifier("nip", "5260250274", country="PL"))
    assert store.parties.find_by_identifier("nip", "PL 526-025-09-95", country="PL") == []


_NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)


_BODIES = st.from_regex(r"[1-9][0-9]{8}", fullmatch=True)


def _check_digit(body: str) -> int:
    """The NIP check digit of nine digits; 10 is none."""
    return sum(w * int(d) for w, d in zip(_NIP_WEIGHTS, body, strict=True)) % 11


VALID_NIPS = _BODIES.filter(lambda body: _check_digit(body) < 10).map(
    lambda body: body + str(_check_digit(body))
)
ANY_NIPS = st.builds(lambda body, last: body + str(last), _BODIES, st.integers(0, 9))


@settings(max_examples=300)
@given(
    stored=VALID_NIPS,
    asked=st.one_of(VALID_NIPS, ANY_NIPS),
    separator=st.sampled_from(["", "-", " ", "."]),
    prefix=st.sampled_from(["", "PL", "pl", "pl ", "NIP ", "NIP: "]),
)
def test_the_answer_is_that_of_the_validated_query(
    stored: str, asked: str, separator: str, prefix: str
) -> None:
    """Whatever the shortcut does, the answer is what the validated query finds, or its error."""
    try:
        key = keys.identifier_query("nip", stored, "PL")
    except ValidationError:  # a placeholder (1234567890 and the like)
        reject()
    index = {key: [Party.organization("Nowak sp.j.")]}
    written = prefix + separator.join((asked[:3], asked[3:6], asked[6:8], asked[8:]))

    def search(*key: str | None) -> list[Party]:
        return index.get(key, [])  # type: ignore[call-overload]

    try:
        expected: list[Party] | str = search(*keys.identifier_query("nip", written, "PL"))
    except ValidationError as error:
        expected = error.code
    try:
        answer: list[Party] | str = keys.find_identifier("nip", written, "PL", search)
    except ValidationError as error:
        answer = error.code
    assert answer == expected
