"""Standardisers: one canonical form for every field, and hints."""

__all__: list[str] = []
