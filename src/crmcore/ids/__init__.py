"""Customer numbers and machine ids."""

__all__: list[str] = []
