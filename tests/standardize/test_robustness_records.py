"""For any record, standardize_record keeps every key and accounts for every value."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import StandardizedRecord, hint, localize, standardize_record
from crmcore.standardize._hints import HINT_FIELDS

from .strategies_records import countries, locales, records, text_records


def _same(a: object, b: object) -> bool:
    return a == b or (isinstance(a, float) and isinstance(b, float) and math.isnan(a))


def _check(record: dict[str, object], result: StandardizedRecord) -> None:
    assert list(result.values) == list(record)  # every key, in input order
    assert set(result.accepted) | set(result.rejected) == set(record)
    assert not set(result.accepted) & set(result.rejected)
    assert len(result.accepted) + len(result.rejected) == len(record)
    assert result.ok == (not result.rejected)
    for key, errors in result.issues.items():
        assert errors
        assert all(isinstance(e, ValidationError) for e in errors)
        assert all(e.field == key for e in errors)
        # A rejected value is kept as it came (integers as their text).
        raw = record[key]
        kept = str(raw) if isinstance(raw, int) and not isinstance(raw, bool) else raw
        assert _same(result.values[key], kept)


@settings(deadline=None, max_examples=300)
@given(text_records, countries, locales)
def test_text_records_never_lose_a_field(record, country, locale):
    _check(record, standardize_record(record, country=country, locale=locale))


@settings(deadline=None, max_examples=300)
@given(records, countries, locales)
def test_any_record_never_loses_a_field(record, country, locale):
    _check(record, standardize_record(record, country=country, locale=locale))


@settings(deadline=None, max_examples=300)
@given(records, countries)
def test_accepted_values_are_idempotent(record, country):
    first = standardize_record(record, country=country)
    again = {
        key: str(first.values[key]) if first.values[key] is not None else None
        for key in first.accepted
        if not isinstance(record[key], float | bool)
    }
    second = standardize_record(again, country=first.country, fields=first.fields)
    assert second.ok
    for key in again:
        assert second.values[key] == first.values[key]


@settings(deadline=None)
@given(st.sampled_from(sorted(HINT_FIELDS)), countries, locales)
def test_hints_for_any_country_and_locale(field, country, locale):
    h = hint(field, country=country, locale=locale)
    assert h.example in h.description


@settings(deadline=None)
@given(st.text(max_size=50), st.text(max_size=50), locales, st.text(max_size=5))
def test_localize_any_error(message, code, locale, country):
    error = ValidationError(message, code=code, field=code, value=message)
    localized = localize(error, locale, country=country)
    assert (localized.code, localized.value) == (error.code, error.value)
