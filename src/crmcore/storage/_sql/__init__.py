"""The SQL stores: one set of statements, two dialects (SQLite and PostgreSQL)."""
