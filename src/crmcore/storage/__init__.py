"""Storage protocols and backends."""

__all__: list[str] = []
