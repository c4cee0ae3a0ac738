"""What every store does the same way with consent records: checks, errors, the filter.

The memory and the SQL stores check a fact here, refuse a pair of an event
and a fact that do not belong together here, and choose the facts that bear
on a question (a purpose, a channel, a moment) by the rule written here once;
the SQL stores say the same rule in SQL.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Final

import attrs

from crmcore._i18n import N_
from crmcore.errors import ConflictError, ValidationError
from crmcore.model._checks import MAX_SHORT_TEXT, as_uuid, to_bool, to_short_text
from crmcore.storage._events import not_a_moment
from crmcore.storage._query import aware_moment

if TYPE_CHECKING:
    from collections.abc import Callable

    from crmcore.storage._consent import ConsentFact
    from crmcore.storage._events import Event

__all__ = [
    "bears",
    "chain_moved",
    "check_consent_pair",
    "checked_fact",
    "utc_moment",
]

#: The largest place in a chain: what a SQL integer column holds.
_MAX_SEQ: Final = 2**63 - 1
_TEXTS: Final = ("hash", "kind", "basis")
_OPTIONAL_TEXTS: Final = ("purpose", "channel", "contact", "brand")


def utc_moment(value: object, field: str) -> datetime:
    """Return ``value``, an aware datetime with a UTC time, in UTC, or ``event.invalid_moment``."""
    try:
        moment = aware_moment(value)
    except ValueError:
        raise not_a_moment(value, field) from None
    return moment if moment.tzinfo is UTC else moment.astimezone(UTC)


def _seq(value: object, field: str) -> int:
    if type(value) is not int or not 0 < value <= _MAX_SEQ:
        raise ValidationError(
            N_("the place in the chain is not a positive integer"),
            code="consent.invalid_seq",
            field=field,
            value=value,
            hint="1, 2, ...",
        )
    return value


def _text(value: object, field: str) -> str:
    """Fold a short text as the model does; the usual, clean one passes at once."""
    if (
        type(value) is str
        and 0 < len(value) <= MAX_SHORT_TEXT
        and value.isprintable()  # no control character, no surrogate
        and not value[0].isspace()
        and not value[-1].isspace()
    ):
        return value  # what to_short_text returns for it, sooner
    return to_short_text(value, field)


def _fold_texts(fact: ConsentFact, field: str, changes: dict[str, object]) -> None:
    """Put in ``changes`` each text of ``fact`` that folds to another text."""
    for name in _TEXTS + _OPTIONAL_TEXTS:
        value = getattr(fact, name)
        if value is not None or name in _TEXTS:
            folded = _text(value, f"{field}.{name}")
            if folded is not value:
                changes[name] = folded


def checked_fact(fact: ConsentFact, field: str) -> ConsentFact:
    """Return ``fact`` as a store keeps it: each field checked, text folded, moments in UTC.

    Text is folded as the model folds a short text (surrounding spaces
    removed); a blank text where ``None`` is allowed is refused, not read as
    ``None``. The fact itself is returned when nothing changes.

    Raises:
        ValidationError: ``uuid.invalid``, ``consent.invalid_seq``,
            ``event.invalid_moment``, ``boolean.not_boolean`` or a short
            text's codes (``text.*``), naming the field.
    """
    changes: dict[str, object] = {}
    for name in ("party_id", "event_id", "confirms"):
        value = getattr(fact, name)
        if type(value) is not uuid.UUID and (value is not None or name != "confirms"):
            changes[name] = as_uuid(value, f"{field}.{name}")
    _seq(fact.seq, f"{field}.seq")
    _fold_texts(fact, field, changes)
    for name in ("occurred_at", "expires_at"):
        value = getattr(fact, name)
        if (value is not None or name == "occurred_at") and not (
            type(value) is datetime and value.tzinfo is UTC
        ):
            changes[name] = utc_moment(value, f"{field}.{name}")
    pending: object = fact.pending
    if pending is not True and pending is not False:
        changes["pending"] = to_bool(pending, f"{field}.pending")
    return attrs.evolve(fact, **changes) if changes else fact  # type: ignore[arg-type]


def check_consent_pair(event: Event, fact: ConsentFact) -> None:
    """Refuse an event and a fact that are not one consent event (``consent.fact_mismatch``)."""
    if event.party_id is None or event.party_id != fact.party_id:
        field, value = "party_id", None if event.party_id is None else str(event.party_id)
    elif event.id != fact.event_id:
        field, value = "event_id", str(fact.event_id)
    else:
        return
    raise ValidationError(
        N_("the consent fact is not the fact of its event"),
        code="consent.fact_mismatch",
        field=field,
        value=value,
        hint=N_("a fact with its event's party_id and id, of an event about a party"),
    )


def chain_moved(seq: int | None, head: int | None) -> ConflictError:
    """Return the error for a fact whose ``seq`` is not the next place of its party's chain.

    ``head`` is the party's last place as the store found it (0 for none),
    or ``None`` where the database said only that the place was taken.
    """
    return ConflictError(
        N_("the party's consent chain moved since it was read"),
        code="consent.chain_moved",
        field="seq",
        value=seq,
        hint=(
            N_("read the last fact again and append after it")
            if head is None
            else N_("append at place {place}, after the last fact", place=head + 1)
        ),
    )


def bears(purpose: str, channel: str, at: datetime) -> Callable[[ConsentFact], bool]:
    """Return whether a fact bears on a question: its purpose, its channel, before ``at``.

    A fact bears if its purpose is ``purpose`` or ``None`` (every purpose),
    its channel is ``channel`` or ``None``, and it occurred at or before ``at``.
    """

    def bearing(fact: ConsentFact) -> bool:
        return (
            (fact.purpose is None or fact.purpose == purpose)
            and (fact.channel is None or fact.channel == channel)
            and fact.occurred_at <= at
        )

    return bearing
