"""The stored form of a party: the JSON text of the model's dict form.

A party is stored as the JSON of :func:`crmcore.model.to_dict`, written by
the model's own encoder and read back by its reader of stored documents
(:func:`crmcore.model._serialization.decode_party`), which reads a document
of the current schema version without checking its values again and hands
any other to :func:`crmcore.model.from_dict`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

from crmcore._i18n import N_
from crmcore.errors import StorageError, ValidationError
from crmcore.model._document import party_text
from crmcore.model._serialization import decode_party

if TYPE_CHECKING:
    from crmcore.model import Party

__all__ = ["dumps", "loads", "party_from_json", "party_to_json"]

_JSON: Final = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def dumps(value: object) -> str:
    """Return ``value`` as compact JSON text, non-ASCII characters kept as they are."""
    return _JSON.encode(value)


def loads(text: str | bytes) -> Any:  # noqa: ANN401 - any JSON value
    """Return the value of JSON ``text``.

    Raises:
        StorageError: ``storage.corrupt_document`` if the text is not JSON.
    """
    try:
        return json.loads(text)
    except ValueError as exc:
        raise StorageError(
            N_("a stored document is not valid JSON"),
            code="storage.corrupt_document",
            value=text[:80],
        ) from exc


def party_to_json(party: Party) -> str:
    """Return the JSON text of ``party``'s dict form: ``dumps(to_dict(party))``."""
    return party_text(party)


def party_from_json(document: str | bytes | dict[str, Any]) -> Party:
    """Return the party stored as ``document`` (JSON text or an already parsed dict).

    Raises:
        StorageError: ``storage.corrupt_document`` if the document is not a valid party.
    """
    body = document if isinstance(document, dict) else loads(document)
    try:
        return decode_party(body)
    except ValidationError as exc:
        raise StorageError(
            N_("a stored party cannot be read"),
            code="storage.corrupt_document",
            field=exc.field,
            value=exc.value,
        ) from exc
