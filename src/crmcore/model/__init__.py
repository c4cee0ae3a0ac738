"""The domain model: parties, their parts and their activities."""

__all__: list[str] = []
