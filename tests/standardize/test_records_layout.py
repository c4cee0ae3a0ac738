"""The record layer's one shortcut gives exactly what the plain record layer gives.

The shortcut: the layout of a record's keys (their fields, country keys
first) is computed once per set of keys. The reference here is the record
layer without it: every key recognised for each record, every value through
``_standardize``, the record built by its checking constructor.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings

from crmcore.standardize import _records, standardize_record
from crmcore.standardize._fields import Family
from crmcore.standardize._records import StandardizedRecord, _standardize
from crmcore.standardize._synonyms import field_for

from .strategies_records import countries, locales, records

if TYPE_CHECKING:
    from collections.abc import Mapping

_SETTINGS = settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])


def _plain(
    mapping: Mapping[str, object], *, country: str | None = None, locale: str | None = None
) -> StandardizedRecord:
    """The record layer without its shortcuts."""
    assigned = {key: field_for(key) for key in mapping}
    values: dict[str, object] = dict.fromkeys(mapping)
    issues: dict[str, tuple[object, ...]] = {}
    reading = _records._reading_locale(locale)
    record_country = None
    for key, field in assigned.items():
        if field == "country":
            values[key], issue = _standardize(key, field, mapping[key], None, reading)
            if issue is None:
                record_country = record_country or _records._country_code(values[key])
            else:
                issues[key] = (issue,)
    context = record_country or (country.strip().upper() if country else None)
    for key, field in assigned.items():
        if field != "country":
            values[key], issue = _standardize(key, field, mapping[key], context, reading)
            if issue is not None:
                issues[key] = (issue,)
    if locale is not None and issues:
        issues = {
            k: tuple(_records.localize(e, locale, country=context) for e in errors)
            for k, errors in issues.items()
        }
    return StandardizedRecord(values=values, issues=issues, fields=assigned, country=context)


def _seen(record: StandardizedRecord) -> tuple[object, ...]:
    return (
        dict(record.values),
        {k: [(e.code, e.field, e.value, str(e)) for e in v] for k, v in record.issues.items()},
        dict(record.fields),
        record.country,
        record.accepted,
        record.rejected,
    )


@_SETTINGS
@given(record=records, country=countries, locale=locales)
def test_a_record_is_what_the_plain_record_layer_makes(
    record: dict[str, object], country: str | None, locale: str | None
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fast = standardize_record(record, country=country, locale=locale)
        plain = _plain(record, country=country, locale=locale)
    assert _seen(fast) == _seen(plain)
    if fast.ok:  # errors compare by identity; _seen compares them by content
        assert fast == plain


def test_the_same_keys_share_one_layout() -> None:
    first = standardize_record({"Telefon": "601 234 567", "Kraj": "Polska"})
    assert _records._layout(("Telefon", "Kraj")) is _records._layout(("Telefon", "Kraj"))
    assert dict(first.fields) == {"Telefon": "phone", "Kraj": "country"}


def test_a_record_cannot_be_changed_through_its_mappings() -> None:
    record = standardize_record({"Telefon": "12", "Uwagi": " VIP "}, country="PL")
    with pytest.raises(TypeError):
        record.values["Uwagi"] = "x"  # type: ignore[index]
    with pytest.raises(TypeError):
        record.issues["Telefon"] = ()  # type: ignore[index]
    with pytest.raises(TypeError):
        record.fields["Uwagi"] = "phone"  # type: ignore[index]


def _broken(raw: object, *, country: str | None = None) -> object:
    del raw, country
    msg = "a bug"
    raise ZeroDivisionError(msg)


@pytest.mark.parametrize(
    ("field", "key", "raw"),
    [
        ("email", "mail", "a@b.pl"),
        ("email", "mail", 42),
        ("country", "Kraj", "Polska"),  # the record's country is read first, on a path of its own
        ("country", "Kraj", 616),
    ],
)
def test_a_bug_in_a_family_is_reported_where_the_record_was_standardised(
    monkeypatch: pytest.MonkeyPatch, field: str, key: str, raw: object
) -> None:
    broken = Family(
        field=field,
        validate=_broken,
        example=lambda *_: "x",
        takes_country=field != "country",
        takes_locale=False,
    )
    monkeypatch.setattr(_records, "family", {field: broken}.__getitem__)
    with pytest.warns(RuntimeWarning, match=f"{field} standardiser failed") as caught:
        record = standardize_record({key: raw})
    assert caught[0].filename == __file__
    assert [e.code for e in record.issues[key]] == [f"{field}.internal"]
    assert record.country is None


def test_a_family_is_called_with_what_it_takes() -> None:
    seen: list[dict[str, object]] = []

    def recording(**taken: object) -> object:
        def validate(raw: object, **kwargs: object) -> object:
            seen.append(kwargs)
            return raw

        del taken
        return validate

    for takes_country in (True, False):
        for takes_locale in (True, False):
            family = Family(
                field="email",
                validate=recording(),
                example=lambda *_: "a@b.pl",
                takes_country=takes_country,
                takes_locale=takes_locale,
            )
            seen.clear()
            family.standardize("a@b.pl", country="PL", locale="pl")
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(_records, "family", {"email": family}.__getitem__)
                standardize_record({"mail": "a@b.pl"}, country="PL", locale="pl")
            expected = {"country": "PL"} if takes_country else {}
            if takes_locale:
                expected["locale"] = "pl"
            assert seen == [expected, expected]
