"""Standardise a whole record: every known field by its family, nothing dropped.

>>> record = standardize_record(
...     {"Telefon": "601 234 567", "E-mail": " Jan.Kowalski@Example.COM ", "Uwagi": "  VIP  "},
...     country="PL",
... )
>>> record.ok, record.fields["Telefon"], str(record.values["Telefon"])
(True, 'phone', '+48601234567')
>>> record.values["Uwagi"]
'VIP'
>>> from crmcore.standardize import Phone
>>> record.value("Telefon", Phone)
Phone(e164='+48601234567', ...)
"""

from __future__ import annotations

import copy
import functools
import warnings
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeVar

import attrs

from crmcore._countries import optional_country
from crmcore.errors import ConfigurationError, NotFoundError, ValidationError
from crmcore.standardize._base import N_
from crmcore.standardize._fields import FAMILIES, family
from crmcore.standardize._hints import localize
from crmcore.standardize._mojibake import check_mojibake
from crmcore.standardize._synonyms import field_for, synonyms

if TYPE_CHECKING:
    from babel import Locale

__all__ = ["RECORD_FIELDS", "StandardizedRecord", "standardize_record"]

#: Fields a record may hold: the standardised ones and those only text-cleaned.
RECORD_FIELDS: frozenset[str] = frozenset(FAMILIES) | frozenset(synonyms().values())

_EMPTY: Mapping[str, tuple[ValidationError, ...]] = MappingProxyType({})
_T = TypeVar("_T")


def _frozen_mapping(value: Mapping[str, object]) -> Mapping[str, object]:
    # A read-only copy: the caller's later changes cannot reach the record.
    # Most records have no issues; they share one empty mapping.
    return MappingProxyType(dict(value)) if value else _EMPTY


@attrs.frozen(kw_only=True)
class StandardizedRecord:
    """A record after standardisation: every key of the input, and what was wrong.

    Attributes:
        values: Every key of the input, in input order: the standardised value
            (a value object or text) when the field was accepted, ``None`` when
            it was blank, and the value as it came when it was rejected.
        issues: For each rejected key, the errors found (in English, or in the
            language asked for). Keys without issues are absent.
        fields: For each key, the field it was recognised as, or ``None`` for a
            key crmcore does not know (its text is only cleaned).
        country: The country used for country-dependent fields: the record's
            own country field when it was valid, else the one passed in.
    """

    values: Mapping[str, object] = attrs.field(converter=_frozen_mapping)
    issues: Mapping[str, tuple[ValidationError, ...]] = attrs.field(
        default=_EMPTY, converter=_frozen_mapping
    )
    fields: Mapping[str, str | None] = attrs.field(default=_EMPTY, converter=_frozen_mapping)
    country: str | None = None

    @property
    def ok(self) -> bool:
        """Whether every field was accepted."""
        return not self.issues

    @property
    def accepted(self) -> tuple[str, ...]:
        """The keys whose values were accepted, in input order."""
        return tuple(key for key in self.values if key not in self.issues)

    @property
    def rejected(self) -> tuple[str, ...]:
        """The keys with issues, in input order."""
        return tuple(key for key in self.values if key in self.issues)

    def value(self, key: str, kind: type[_T]) -> _T | None:
        """Return the accepted value of ``key``, typed as ``kind``; ``None`` if it was blank.

        :attr:`values` holds values of every type, as a record's fields do;
        this gives one with its type, for a type checker and at run time, so
        it can go straight to the model's ``from_standardized`` bridges.

        Args:
            key: The key, as in the input (``"Telefon"``, ``"ЄДРПОУ"``).
            kind: What the key's field standardises to: ``Phone``, ``Email``,
                ``TaxId``, ``FullName``, ``CompanyName``, ``Address``,
                ``datetime.date``, or ``str`` for the fields whose canonical
                form is text (country, postal code, website, customer number)
                and for keys that are only cleaned.

        Returns:
            The value, an instance of ``kind``, or ``None`` if the input was blank.

        Raises:
            ValidationError: The key was rejected: its first issue (all of
                them are in :attr:`issues`), with the family's code
                (``phone.too_short``); or ``record.wrong_type``: the value is
                not a ``kind``.
            NotFoundError: ``record.no_key``: the record has no such key.
            ConfigurationError: ``record.not_a_type``: ``kind`` is not a class.

        >>> from crmcore.standardize import TaxId
        >>> record = standardize_record({"ІПН": "", "ЄДРПОУ": "3285596"}, country="UA")
        >>> record.value("ІПН", TaxId) is None
        True
        >>> record.value("ЄДРПОУ", TaxId)
        Traceback (most recent call last):
        crmcore.errors.ValidationError: ЄДРПОУ: ... [tax_id...]
        """
        if not isinstance(kind, type):
            raise ConfigurationError(
                N_("the kind of value asked for is not a class"),
                code="record.not_a_type",
                field="kind",
                value=kind,
                hint=N_("a class, such as Phone, TaxId or str"),
            )
        try:
            present = key in self.values
        except TypeError:  # an unhashable key, from untyped code
            present = False
        if not present:
            raise NotFoundError(
                N_("the record has no such key"),
                code="record.no_key",
                field=key,
                value=key,
                hint=N_("a key of the input, written as in the input"),
            )
        issues = self.issues.get(key)
        if issues:
            raise _at_key(issues[0], key, copy_always=True)
        value = self.values[key]
        if value is None or isinstance(value, kind):
            return value
        raise ValidationError(
            N_("the value is not a {type}", type=kind.__name__),
            code="record.wrong_type",
            field=key,
            value=value,
            hint=N_("the value under this key is of type {held}", held=type(value).__name__),
        )


def standardize_record(
    mapping: Mapping[str, object],
    *,
    country: str | None = None,
    locale: str | Locale | None = None,
    fields: Mapping[str, str | None] | None = None,
) -> StandardizedRecord:
    """Standardise every field of a record; one bad field never drops the others.

    Each key is recognised by its name, in any of our markets' languages (see
    ``data/field_synonyms.json``: ``"telefon"``, ``"Kod pocztowy"``, ``"ИНН"``,
    ``"Επωνυμία"``...), and its value is given to that field's standardiser.
    Country-dependent fields (phones, postal codes, tax numbers...) use the
    record's own country field when it holds a valid country (it is
    standardised first), else ``country``. Keys crmcore does not know are kept
    with their text cleaned. Blank values (``None``, empty or white space, or
    for keys crmcore does not know, nothing visible) become ``None`` without an
    issue: absence is for the quality report to
    judge. Integers (spreadsheet cells) are read as their decimal text.

    Text decoded with the wrong character encoding (``ŇÎÂ`` for ``ТОВ``,
    see :func:`crmcore.standardize.texts.mojibake`) is not accepted in any
    field: its issue, ``text.mojibake``, names the likely encodings and
    carries the repaired text in its hint.

    Every error is collected, never raised. A standardiser failing with an
    exception that is not a :class:`~crmcore.errors.ValidationError` is a bug in
    crmcore: it is reported as an issue with code ``<field>.internal`` (the
    exception chained as ``__cause__``) and a :class:`RuntimeWarning` is issued,
    which the test suite turns into an error, so such bugs surface in tests
    while in production the record and its other fields are kept.

    Args:
        mapping: The record: key or column name -> raw value.
        country: The default country (ISO 3166-1 alpha-2, any case).
        locale: The language of the issues' messages and hints, and the
            locale of locale-dependent fields (dates, titles of names); ``None``
            for English. A locale Babel does not know gives English messages
            and no locale-specific reading.
        fields: Key -> field name, overriding recognition by name; ``None``
            for a key that must only be text-cleaned.

    Returns:
        The :class:`StandardizedRecord`: ``accepted`` and ``rejected`` keys
        together are exactly the keys of ``mapping``.

    Raises:
        ValidationError: ``record.not_a_mapping``, or ``country.unknown``
            (field ``country``) for a ``country`` that is not an ISO 3166-1
            alpha-2 code.
        ConfigurationError: ``fields`` names a field crmcore does not have
            (``record.unknown_field``), or is not a mapping (``record.bad_fields``).

    >>> record = standardize_record(
    ...     {"телефон": "12", "країна": "Україна"}, locale="uk",
    ... )
    >>> record.rejected, record.country
    (('телефон',), 'UA')
    >>> [issue.code for issue in record.issues["телефон"]]
    ['phone.too_short']
    """
    _check_arguments(mapping, fields)
    default_country = optional_country(country)
    if fields:
        explicit = _check_overrides(fields)
        assigned = {key: explicit[key] if key in explicit else field_for(key) for key in mapping}
        layout = _Layout.of(assigned)
    else:
        layout = _layout(tuple(mapping))
    values = layout.blank.copy()  # every key, in input order, None until set
    issues: dict[str, tuple[ValidationError, ...]] = {}

    reading = None if locale is None else _reading_locale(str(locale))
    record_country = _countries(layout.countries, mapping, values, issues, reading)
    context_country = record_country or default_country

    for key, field in layout.others:
        values[key], issue = _standardize(key, field, mapping[key], context_country, reading)
        if issue is not None:
            issues[key] = (issue,)

    if locale is not None and issues:
        issues = {
            key: tuple(localize(e, locale, country=context_country) for e in errors)
            for key, errors in issues.items()
        }
    return StandardizedRecord(
        values=values, issues=issues, fields=layout.fields, country=context_country
    )


def _countries(
    keys: tuple[str, ...],
    mapping: Mapping[str, object],
    values: dict[str, object],
    issues: dict[str, tuple[ValidationError, ...]],
    reading: str | None,
) -> str | None:
    """Standardise the country keys into ``values`` and ``issues``; return the first valid code."""
    record_country = None
    for key in keys:
        values[key], issue = _standardize(key, "country", mapping[key], None, reading, depth=5)
        if issue is None:
            record_country = record_country or _country_code(values[key])
        else:
            issues[key] = (issue,)
    return record_country


@attrs.frozen
class _Layout:
    """The fields of a record's keys, and the order they are standardised in.

    Attributes:
        fields: Key -> field (``None`` for a key only cleaned), read-only.
        countries: The keys of country fields, standardised first.
        others: The other keys with their fields, in input order.
        blank: Every key mapped to ``None``, in input order: the values of a
            record before any is set (copied, never changed).
    """

    fields: Mapping[str, str | None]
    countries: tuple[str, ...]
    others: tuple[tuple[str, str | None], ...]
    blank: dict[str, object] = attrs.field(eq=False, repr=False)

    @classmethod
    def of(cls, assigned: dict[str, str | None]) -> _Layout:
        return cls(
            fields=MappingProxyType(assigned),
            countries=tuple(k for k, f in assigned.items() if f == "country"),
            others=tuple((k, f) for k, f in assigned.items() if f != "country"),
            blank=dict.fromkeys(assigned),
        )


@functools.lru_cache(maxsize=1024)
def _layout(keys: tuple[str, ...]) -> _Layout:
    """Return the layout of a record with these keys.

    Cached by the keys, as the records of one import or form share them.
    """
    return _Layout.of({key: field_for(key) for key in keys})


@functools.lru_cache(maxsize=256)
def _reading_locale(locale: str | None) -> str | None:
    """Return the CLDR identifier the standardisers read ``locale`` as, or ``None``.

    A locale Babel does not know reads nothing locale-specific (and, for the
    messages, gives English) rather than failing every locale-aware field.
    """
    if locale is None:
        return None
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(locale.strip().replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def _check_arguments(mapping: object, fields: object) -> None:
    """Refuse arguments of the wrong type with our errors, not Python's."""
    if not (type(mapping) is dict or isinstance(mapping, Mapping)) or not all(
        type(key) is str for key in mapping
    ):
        raise ValidationError(
            N_("the record is not a mapping with text keys"),
            code="record.not_a_mapping",
            field="record",
            value=mapping,
            hint=N_('a mapping of column names to values, such as {"Telefon": "601 234 567"}'),
        )
    if fields is not None and not isinstance(fields, Mapping):
        raise ConfigurationError(
            N_("the field overrides are not a mapping"),
            code="record.bad_fields",
            field="fields",
            value=fields,
            hint=N_('a mapping of keys to field names, such as {"Tel. 2": "phone"}'),
        )


def _check_overrides(fields: Mapping[str, str | None]) -> Mapping[str, str | None]:
    for key, field in fields.items():
        if field is not None and field not in RECORD_FIELDS:
            msg = f"no field {field!r}"
            raise ConfigurationError(
                msg,
                code="record.unknown_field",
                field=f"fields[{key!r}]",
                value=field,
                hint=f"one of {', '.join(sorted(RECORD_FIELDS))}, or None",
            )
    return fields


def _standardize(
    key: str,
    field: str | None,
    raw: object,
    country: str | None,
    locale: str | None,
    *,
    depth: int = 4,
) -> tuple[object, ValidationError | None]:
    """Return the standardised value and no issue, or the value as it came and the issue."""
    if type(raw) is str:
        # Blank is "strip() leaves nothing": isspace() is strip()'s test of
        # whitespace, without making the copy.
        if not raw or raw.isspace():
            return None, None
    elif raw is None:
        return None, None
    elif isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    try:
        if type(raw) is not str or not raw.isascii():  # ASCII text is never garbled
            check_mojibake(raw, field=key)
        if field in FAMILIES:
            return family(field).standardize(raw, country=country, locale=locale), None
        if isinstance(raw, str):
            return _clean_text(raw) or None, None
    except ValidationError as error:
        return raw, _at_key(error, key)
    except Exception as error:  # noqa: BLE001 - a bug in a family must not lose the record
        return raw, _internal(key, field or "text", raw, error, depth=depth)
    return raw, None


def _clean_text(raw: str) -> str:
    from crmcore.standardize import texts

    return texts.clean(raw)


def _at_key(error: ValidationError, key: str, *, copy_always: bool = False) -> ValidationError:
    """Return ``error`` naming the record's key as its field (the code keeps the family).

    ``copy_always`` copies it even when it already names the key: an issue a
    record holds is raised as a copy, which leaves the record's own untouched.
    """
    if error.field == key and not copy_always:
        return error
    moved = copy.copy(error)
    moved.field = key
    moved.__cause__ = error.__cause__
    return moved


def _internal(
    key: str, field: str, raw: object, error: Exception, *, depth: int = 4
) -> ValidationError:
    """Warn of a bug in a family, at the caller ``depth`` frames up, and return the issue."""
    warnings.warn(
        f"the {field} standardiser failed on {key!r} with {type(error).__name__}: {error}",
        RuntimeWarning,
        stacklevel=depth,
    )
    issue = ValidationError(
        N_("the value could not be standardised because of an internal error"),
        code=f"{field}.internal",
        field=key,
        value=raw,
    )
    issue.__cause__ = error
    return issue


def _country_code(value: object) -> str | None:
    """Return the ISO alpha-2 code a standardised country value holds, or ``None``."""
    text = str(value)
    # [A-Z]{2} in full: two characters, ASCII letters, upper case.
    return text if len(text) == 2 and text.isascii() and text.isalpha() and text.isupper() else None
