"""Alembic environment for HearBack (async engines, SQLite batch mode).

Normally run through :mod:`bot.storage.migrate`, which opens the connection
itself and hands it over in ``config.attributes["connection"]``. Run any
other way, the database URL comes from ``config.attributes["database_url"]``
or the ``DATABASE_URL`` setting.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from bot.storage.models import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    url = config.attributes.get("database_url")
    if url:
        return str(url)
    from bot.config import load_settings

    return load_settings().database_url


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )


def run_migrations(connection: Connection) -> None:
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()


async def run_async_migrations() -> None:
    from bot.storage.db import make_engine

    engine = make_engine(_url(), foreign_keys=False)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(run_migrations)
    finally:
        await engine.dispose()


def run_offline() -> None:
    from bot.storage.db import parse_url

    context.configure(
        url=parse_url(_url()),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
elif (shared := config.attributes.get("connection")) is not None:
    run_migrations(shared)
else:
    asyncio.run(run_async_migrations())
