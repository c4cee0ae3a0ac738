"""Functions generated once from the model's attrs classes, as attrs generates ``__init__``.

Storage copies, writes and reads parties by the hundred thousand. A loop over
a class's fields pays, per field, for the loop, a look-up by name and a
generic setter; a function generated for the class, one line per field, pays
only for the work. The generated source names fields by their attrs names
(Python identifiers) and refers to everything else through the names of the
scope it is given: no stored or given value ever becomes code.
"""

from __future__ import annotations

import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["function", "slot_setter"]


def slot_setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """Return what sets the slot ``name`` of an instance of ``cls``, frozen or not.

    The slot's own descriptor, which skips the look-up by name and the frozen
    class's ``__setattr__`` (the value must already be what the field holds).

    >>> import attrs
    >>> @attrs.frozen
    ... class Point:
    ...     x: int
    >>> point = object.__new__(Point)
    >>> slot_setter(Point, "x")(point, 3)
    >>> point
    Point(x=3)
    """
    for klass in cls.__mro__:
        slot = klass.__dict__.get(name)
        if isinstance(slot, types.MemberDescriptorType):
            return slot.__set__
    return lambda instance, value: object.__setattr__(instance, name, value)


def function(name: str, lines: list[str], scope: dict[str, Any]) -> Any:  # noqa: ANN401 - generated
    """Return the function ``name`` that ``lines`` define, compiled in ``scope``.

    >>> function("double", ["def double(x):", "    return 2 * x"], {})(21)
    42
    """
    exec(compile("\n".join(lines), f"<crmcore {name}>", "exec"), scope)  # noqa: S102 - see above
    return scope[name]
