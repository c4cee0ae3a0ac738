"""Hypothesis strategies for the model's identifier schemes, in one place."""

from __future__ import annotations

from hypothesis import strategies as st

#: Schemes as people and python-stdnum write them, in the countries of our markets.
SCHEMES = (
    "nip", "regon", "krs", "pesel", "edrpou", "rnokpp", "rntrc", "inn", "ogrn", "afm",
    "vat", "ein", "stnr", "utr", "iban", "lei", "pl.nip", "pl.regon", "pl.vat", "ua.edrpou",
    "ua.rntrc", "ru.inn", "ru.ogrn", "gr.vat", "gr.amka", "de.vat", "de.stnr", "gb.vat",
    "gb.utr", "us.ein", "us.ssn", "in.pan", "eu.eic", "eu.vat", "vatin", "zz.card",
    "crm.legacy-id", "pl.nip.old", "loyalty-card",
)  # fmt: skip
COUNTRIES = ("PL", "UA", "RU", "GR", "DE", "GB", "US", "AT", "CH")
VALUES = (
    "5260250995", "PL5260250995", "32855961", "7707083893", "094014201", "EL094014201",
    "GR094014201", "DE136695976", "136695976", "GB980780684", "XI980780684", "980780684",
    "042103594", "CHE107787577IVA", "ATU13585627", "ZZ12345", "EL", "12",
)  # fmt: skip


def scheme_texts() -> st.SearchStrategy[str]:
    """Known spellings in any letter case, and any text at all."""
    known = st.sampled_from(SCHEMES).flatmap(
        lambda s: st.sampled_from((s, s.upper(), s.title(), f" {s} "))
    )
    return st.one_of(
        known, st.text(max_size=12), st.from_regex(r"[a-z]{2}\.[a-z_]{1,8}", fullmatch=True)
    )


def values() -> st.SearchStrategy[str]:
    """Numbers with and without VAT prefixes, and any text at all."""
    return st.one_of(st.sampled_from(VALUES), st.text(max_size=14))


def countries() -> st.SearchStrategy[str | None]:
    """No country, a country of our markets, or any text."""
    return st.one_of(st.none(), st.sampled_from(COUNTRIES), st.text(max_size=3))
