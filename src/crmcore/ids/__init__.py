"""Customer numbers and machine ids.

Customer numbers are for people: readable, said on the phone, typed, with a
check digit; see :class:`CustomerNumberGenerator` and :doc:`/ids`. Machine
ids are for storage keys: UUIDv7 (:func:`new_id`).
"""

from crmcore.ids._customer_number import (
    CustomerNumberParts,
    compact,
    format,
    is_valid,
    parse,
    validate,
)
from crmcore.ids._file_nodes import FileNodeAllocator
from crmcore.ids._generator import CustomerNumberGenerator, CustomerNumberSource
from crmcore.ids._layout import DEFAULT_LAYOUT, CustomerNumberLayout
from crmcore.ids._nodes import MemoryNodeAllocator, NodeAllocator, NodeLease, StaticNodeLease
from crmcore.ids._uuid7 import UUID7Generator, new_id

__all__ = [
    "DEFAULT_LAYOUT",
    "CustomerNumberGenerator",
    "CustomerNumberLayout",
    "CustomerNumberParts",
    "CustomerNumberSource",
    "FileNodeAllocator",
    "MemoryNodeAllocator",
    "NodeAllocator",
    "NodeLease",
    "StaticNodeLease",
    "UUID7Generator",
    "compact",
    "format",
    "is_valid",
    "new_id",
    "parse",
    "validate",
]


def __dir__() -> list[str]:
    # Only the public surface: not the private modules that import as attributes.
    return sorted(__all__)
