"""The door of every store: each argument of a repository's method checked, and folded.

A store is called from typed code and from untyped code (a CSV import, a web
form, a job queue) alike, so every public method of a repository checks its
arguments before it reads or writes anything, and answers a wrong one with a
:class:`~crmcore.errors.ValidationError` (field, value, code, hint), never
with the ``AttributeError``, ``TypeError``, ``UnicodeEncodeError`` or
database error a backend would give. The checks live here, once, by the name
of the parameter they check: :func:`checks_arguments` puts them in front of every
public method of a backend's repository class, so the memory and the SQL
stores answer the same argument the same way.

A text a look-up searches is folded by the same function that folded the
value when it was written (the model's converters), so a look-up finds what
was stored from the same input: the system and key of an external key, the
scheme and value of an identifier, a customer number (surrounding spaces
removed, as the model removes them), a stream name as an event's stream.

>>> from crmcore.storage import MemoryStore
>>> with MemoryStore() as store:
...     store.parties.get("not-a-uuid")
Traceback (most recent call last):
crmcore.errors.ValidationError: party_id: the value is not a UUID ... [uuid.invalid]
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, TypeVar
from uuid import UUID

from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.model import Affiliation, Campaign, Interaction, Party, Purchase
from crmcore.model._checks import (
    MAX_SHORT_TEXT,
    as_uuid,
    check_characters,
    to_bool,
    to_short_text,
)
from crmcore.storage._batch import not_a_party
from crmcore.storage._consent import ConsentFact
from crmcore.storage._consent_checks import checked_fact
from crmcore.storage._events import Event, not_a_moment, to_stream
from crmcore.storage._paging import Deleted, check_deleted
from crmcore.storage._query import Predicate, aware_moment, is_predicate

__all__ = ["checks_arguments"]

_C = TypeVar("_C", bound=type)

#: A check: ``(repository, value, parameter name) -> value as the method takes it``.
Check = Callable[[object, object, str], object]

#: The model class each kind of activity repository holds, by its entity name.
_ACTIVITIES: Final[dict[str, type]] = {"interaction": Interaction, "purchase": Purchase}


def _wrong_type(value: object, field: str, expected: str) -> ValidationError:
    return ValidationError(
        N_("the value is not of type {type}", type=expected),
        code="storage.wrong_type",
        field=field,
        value=type(value).__name__,
        hint=N_("an instance of {type}", type=expected),
    )


def _instance(cls: type) -> Check:
    def check(owner: object, value: object, field: str) -> object:
        del owner
        if isinstance(value, cls):
            return value
        if cls is Party:
            raise not_a_party(value, field)
        raise _wrong_type(value, field, cls.__name__)

    return check


def _activity(owner: object, value: object, field: str) -> object:
    """Check an interaction or a purchase, as the repository (``owner``) holds one or the other."""
    return _ACTIVITY_CHECKS[getattr(owner, "_entity", "")](owner, value, field)


_ACTIVITY_CHECKS: Final = {entity: _instance(cls) for entity, cls in _ACTIVITIES.items()}


def _items(each: Check, *, lazy: bool = True) -> Check:
    """Check a collection of items: each as the method reads it, or (not ``lazy``) all first."""

    def check(owner: object, value: object, field: str) -> object:
        if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
            raise _wrong_type(value, field, "collection")
        items = (each(owner, item, f"{field}[{index}]") for index, item in enumerate(value))
        return items if lazy else list(items)

    return check


def _collection(owner: object, value: object, field: str) -> object:
    """Check a collection whose items the method accounts for itself (``add_batch``)."""
    del owner
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise _wrong_type(value, field, "collection")
    return value


def _id(owner: object, value: object, field: str) -> UUID:
    del owner
    return value if type(value) is UUID else as_uuid(value, field)


def _text(owner: object, value: object, field: str) -> str:
    """Check text a standardiser folds next (a phone number, an e-mail address, a country)."""
    del owner
    if type(value) is str and value.isprintable():  # no control character, no surrogate
        return value
    if not isinstance(value, str):
        raise _wrong_type(value, field, "str")
    return check_characters(value, field, controls=True)


def _country(owner: object, value: object, field: str) -> object:
    """Check text as :func:`_text` does; leave anything else to the country check it meets next."""
    return _text(owner, value, field) if isinstance(value, str) else value


def _short_text(owner: object, value: object, field: str) -> str:
    """Fold text as the model folds a short text (keys, schemes, identifiers' values)."""
    del owner
    if (
        type(value) is str
        and 0 < len(value) <= MAX_SHORT_TEXT
        and value.isprintable()  # no control character, no surrogate
        and not value[0].isspace()
        and not value[-1].isspace()
    ):
        return value  # what to_short_text returns for it, sooner
    if not isinstance(value, str):
        raise _wrong_type(value, field, "str")
    return to_short_text(value, field)


def _stream(owner: object, value: object, field: str) -> str:
    del owner, field
    return to_stream(value)


def _since(owner: object, value: object, field: str) -> object:
    del owner
    try:
        return aware_moment(value)
    except ValueError:
        raise not_a_moment(value, field) from None


def _fact(owner: object, value: object, field: str) -> ConsentFact:
    """Check a consent fact: its type, then each of its fields (see ``checked_fact``)."""
    del owner
    if not isinstance(value, ConsentFact):
        raise _wrong_type(value, field, "ConsentFact")
    return checked_fact(value, field)


def _record(owner: object, value: object, field: str) -> tuple[Event, ConsentFact]:
    """Check one ``(event, fact)`` pair of a batch of consent records."""
    if not isinstance(value, tuple) or len(value) != 2:
        raise _wrong_type(value, field, "tuple[Event, ConsentFact]")
    event, fact = value
    if not isinstance(event, Event):
        raise _wrong_type(event, f"{field}.event", "Event")
    return event, _fact(owner, fact, f"{field}.fact")


def _where(owner: object, value: object, field: str) -> Predicate:
    del owner
    if not is_predicate(value):
        raise ValidationError(
            N_("not a predicate"),
            code="query.not_predicate",
            field=field,
            value=value,
            hint="Compare, In, HasRole, HasTag, And, Or or Not",
        )
    return value  # type: ignore[return-value]


def _flag(owner: object, value: object, field: str) -> bool:
    del owner
    return value if value is True or value is False else to_bool(value, field)


def _deleted(owner: object, value: object, field: str) -> Deleted:
    """Check a read's choice of deleted parties: ``False``, ``True`` or ``"only"``."""
    del owner, field
    return check_deleted(value)


def _lineage(owner: object, value: object, field: str) -> dict[str, UUID]:
    """Check a merge's lineage: text (a field of the result) to the id of a party."""
    del owner
    if not isinstance(value, Mapping):
        raise _wrong_type(value, field, "mapping")
    lineage = {}
    for name, party_id in value.items():
        if not isinstance(name, str):
            raise _wrong_type(name, field, "str")
        check_characters(name, field)
        lineage[name] = as_uuid(party_id, f"{field}.{name}")
    return lineage


#: The check of each parameter, by its name; ``method.parameter`` where one
#: method's parameter means something else than the name does elsewhere.
_CHECKS: Final[dict[str, Check]] = {
    "party": _instance(Party),
    "result": _instance(Party),
    "parties": _items(_instance(Party)),
    "merged": _items(_instance(Party), lazy=False),
    "add_batch.parties": _collection,
    "affiliation": _instance(Affiliation),
    "campaign": _instance(Campaign),
    "activity": _activity,
    "activities": _items(_activity),
    "event": _instance(Event),
    "fact": _fact,
    "records": _items(_record),
    "party_id": _id,
    "party_ids": _items(_id),
    "affiliation_id": _id,
    "activity_id": _id,
    "item_id": _id,
    "campaign_id": _id,
    "merge_id": _id,
    "number": _text,
    "get_by_customer_number.number": _short_text,
    "address": _text,
    "country": _country,
    "scheme": _short_text,
    "value": _short_text,
    "system": _short_text,
    "key": _short_text,
    "stream": _stream,
    "since": _since,
    "at": _since,
    "purpose": _short_text,
    "channel": _short_text,
    "where": _where,
    "lineage": _lineage,
    "include_deleted": _flag,
    "select.include_deleted": _deleted,
    "count.include_deleted": _deleted,
    "page.include_deleted": _deleted,
    "search.include_deleted": _deleted,
    "search.text": _text,
    "ids": _items(_id, lazy=False),
}


def _plan(method: Callable[..., Any]) -> tuple[tuple[int, str, Check, bool], ...]:
    """Return ``(position, name, check, None allowed)`` for each checked parameter of ``method``."""
    plan = []
    parameters = list(inspect.signature(method).parameters.values())[1:]  # after self
    for position, parameter in enumerate(parameters):
        check = _CHECKS.get(f"{method.__name__}.{parameter.name}") or _CHECKS.get(parameter.name)
        if check is not None:
            plan.append((position, parameter.name, check, parameter.default is None))
    return tuple(plan)


def _checked_positions(
    plan: tuple[tuple[int, str, Check, bool], ...], owner: object, args: tuple[object, ...]
) -> tuple[object, ...]:
    """Return the positional arguments ``args``, each checked as ``plan`` says."""
    given = list(args)
    for position, name, check, optional in plan:
        if position < len(given) and not (optional and given[position] is None):
            given[position] = check(owner, given[position], name)
    return tuple(given)


def _guard(method: Callable[..., Any]) -> Callable[..., Any]:
    plan = _plan(method)
    if not plan:
        return method
    by_name = {name: (check, optional) for _, name, check, optional in plan}
    # A look-up is called a million times in a matching run: the usual call (its
    # first argument by position, no other one) takes a path of its own.
    first = plan[0] if plan[0][0] == 0 else None

    @functools.wraps(method)
    def guarded(self: object, *args: object, **kwargs: object) -> Any:  # noqa: ANN401 - as the method
        if len(args) == 1 and first is not None:
            value = args[0]
            if not (first[3] and value is None):
                args = (first[2](self, value, first[1]),)
        elif args:
            args = _checked_positions(plan, self, args)
        if kwargs:
            for name, value in kwargs.items():
                entry = by_name.get(name)
                if entry is not None and not (entry[1] and value is None):
                    kwargs[name] = entry[0](self, value, name)
        return method(self, *args, **kwargs)

    guarded.__wrapped_checked__ = True  # type: ignore[attr-defined]
    return guarded


def checks_arguments(cls: _C) -> _C:
    """Put the argument checks in front of every public method of a repository class.

    A class decorator: each public method (inherited ones too) is guarded by
    the checks of its parameters' names (``party``, ``party_id``,
    ``number``, ``where``, ``since``, ...; see the module), so that a store
    of one's own answers wrong arguments as crmcore's stores do and as
    :class:`~crmcore.testing.StoreContract` expects. A method guarded
    already (by a base class) is left as it is. ``None`` passes where it is
    the parameter's default.

    >>> @checks_arguments
    ... class Campaigns:
    ...     def get(self, campaign_id):
    ...         return campaign_id
    >>> Campaigns().get("0193f1c2-7d4e-7a51-9c3b-5f2e8d1a6b70")
    UUID('0193f1c2-7d4e-7a51-9c3b-5f2e8d1a6b70')
    >>> Campaigns().get(42)
    Traceback (most recent call last):
    crmcore.errors.ValidationError: campaign_id: the value is not a UUID ... [uuid.invalid]
    """
    for name in dir(cls):
        if name.startswith("_"):
            continue
        method = getattr(cls, name)
        if not inspect.isfunction(method) or getattr(method, "__wrapped_checked__", False):
            continue
        setattr(cls, name, _guard(method))
    return cls
