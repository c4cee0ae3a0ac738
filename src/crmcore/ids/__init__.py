"""Customer numbers and machine ids."""

from crmcore.ids._uuid7 import new_id

__all__ = ["new_id"]
