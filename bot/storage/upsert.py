"""``INSERT`` statements that can say ``ON CONFLICT``, for the database in use.

``sqlalchemy.dialects.postgresql`` imports the modules of all its drivers (asyncpg, psycopg,
pg8000...): about 2 MB that a bot on SQLite would keep for nothing. It is imported here only
when the database is PostgreSQL.
"""

from __future__ import annotations

from typing import Any

__all__ = ["insert_for"]


def insert_for(dialect: str, table: Any) -> Any:
    """``insert(table)`` of the dialect named ``dialect`` ("postgresql", else SQLite), with
    ``on_conflict_do_nothing``/``on_conflict_do_update`` and ``excluded``."""
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)
