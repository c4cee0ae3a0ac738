"""Helpers for tests of applications built on crmcore."""

__all__: list[str] = []
