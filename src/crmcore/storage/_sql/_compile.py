"""Predicates compiled to parameterised SQL over the parties' indexed columns.

Comparisons are compiled so that they are never NULL (``col = ? AND col IS
NOT NULL``): SQL's three-valued logic then agrees with Python's two values,
and ``NOT`` means what :func:`crmcore.storage.matches` says it means.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crmcore.storage._lookup_keys import ROLE, TAG
from crmcore.storage._query import And, Compare, HasRole, HasTag, In, Or, Predicate

if TYPE_CHECKING:
    from crmcore.storage._sql._dialect import Dialect

__all__ = ["compile_predicate"]

_COLUMNS = {
    "kind": "kind",
    "country": "country",
    "customer_number": "customer_number",
    "created_at": "created_at",
    "updated_at": "updated_at",
    "version": "version",
}
_MOMENTS = frozenset({"created_at", "updated_at"})
_SQL_OPERATORS = {"==": "=", "!=": "=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_KEY_MEMBER = "id IN (SELECT party_id FROM party_keys WHERE kind = ? AND lookup = ?)"


def compile_predicate(  # one return per class of predicate
    predicate: Predicate | None, dialect: Dialect
) -> tuple[str, list[Any]]:
    """Return ``(sql, params)``: a boolean SQL expression over ``parties`` and its parameters.

    >>> from crmcore.storage._sql._dialect import SQLITE
    >>> compile_predicate(Compare("country", "!=", "PL") & HasTag("vip"), SQLITE)
    ('(NOT (country = ? AND country IS NOT NULL) AND id IN (SELECT party_id FROM party_keys WHERE
    kind = ? AND lookup = ?))', ['PL', 'tag', 'vip'])
    """
    if predicate is None:
        return "1 = 1", []
    if isinstance(predicate, Compare):
        return _compare(predicate, dialect)
    if isinstance(predicate, In):
        return _in(predicate, dialect)
    if isinstance(predicate, HasRole):
        return _KEY_MEMBER, [ROLE, predicate.role.value]
    if isinstance(predicate, HasTag):
        return _KEY_MEMBER, [TAG, predicate.tag]
    if isinstance(predicate, And | Or):
        return _connective(predicate, dialect)
    sql, params = compile_predicate(predicate.part, dialect)
    return f"NOT ({sql})", params


def _compare(predicate: Compare, dialect: Dialect) -> tuple[str, list[Any]]:
    column, op, value = _COLUMNS[predicate.field], predicate.op, predicate.value
    if value is None:
        return f"{column} IS {'NOT ' if op == '!=' else ''}NULL", []
    sql = f"({column} {_SQL_OPERATORS[op]} ? AND {column} IS NOT NULL)"
    return (f"NOT {sql}" if op == "!=" else sql), [_param(predicate.field, value, dialect)]


def _in(predicate: In, dialect: Dialect) -> tuple[str, list[Any]]:
    if not predicate.values:
        return "1 = 0", []
    column = _COLUMNS[predicate.field]
    marks = ", ".join("?" for _ in predicate.values)
    params = [_param(predicate.field, value, dialect) for value in predicate.values]
    return f"({column} IN ({marks}) AND {column} IS NOT NULL)", params


def _connective(predicate: And | Or, dialect: Dialect) -> tuple[str, list[Any]]:
    is_and = isinstance(predicate, And)
    if not predicate.parts:
        return ("1 = 1" if is_and else "1 = 0"), []
    compiled = [compile_predicate(part, dialect) for part in predicate.parts]
    joiner = " AND " if is_and else " OR "
    return (
        "(" + joiner.join(sql for sql, _ in compiled) + ")",
        [param for _, params in compiled for param in params],
    )


def _param(field: str, value: object, dialect: Dialect) -> object:
    return dialect.moment(value) if field in _MOMENTS else value
