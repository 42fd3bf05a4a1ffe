"""Storage: SQLAlchemy models, the async engine, repository functions and migrations.

- :mod:`bot.storage.models`: the tables (typed declarative, UTC datetimes).
- :mod:`bot.storage.db`: ``make_engine``, ``make_sessionmaker``, ``check_database``,
  ``immediate_transaction`` (SQLite ``BEGIN IMMEDIATE``).
- :mod:`bot.storage.repo`: owner-scoped repository functions returning
  :mod:`bot.core.records`.
- :mod:`bot.storage.migrate`: Alembic upgrade/downgrade from code and ``hearback migrate``.
"""
