"""Can the database really be written? The probe behind start-up and ``hearback health``.

``SELECT 1`` answers on a read-only SQLite file, a full disk or a database another process
holds locked, and every update then fails. The probe writes and commits one row of the
``heartbeats`` table (an upsert, so the table keeps one row per probe name), which fails in
each of those cases.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any, Final

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import ConfigError
from bot.storage.db import BUSY_TIMEOUT_MS, db_reason, describe_url, is_sqlite, make_engine
from bot.storage.models import HeartbeatRow, utcnow
from bot.storage.upsert import insert_for

__all__ = [
    "HEARTBEAT_HEALTH",
    "HEARTBEAT_START",
    "check_writable",
    "write_heartbeat",
    "write_problem",
]

HEARTBEAT_START: Final = "start"
HEARTBEAT_HEALTH: Final = "health"


async def write_heartbeat(engine: AsyncEngine, name: str, at: datetime | None = None) -> None:
    """Upsert the heartbeat ``name`` and commit; raises what the database raises."""
    values = {"name": name, "beat_at": at or utcnow()}
    stmt = insert_for(engine.dialect.name, HeartbeatRow).values(values)
    stmt = stmt.on_conflict_do_update(
        index_elements=[HeartbeatRow.name], set_={"beat_at": stmt.excluded.beat_at}
    )
    async with engine.begin() as conn:
        await conn.execute(stmt)


async def write_problem(engine: AsyncEngine, name: str, seconds: float) -> str | None:
    """``None`` when a heartbeat is written within ``seconds``, else why not (one line)."""
    try:
        async with asyncio.timeout(seconds):
            await write_heartbeat(engine, name)
    except TimeoutError:
        return f"cannot be written: no answer within {seconds:g} s (locked by another writer?)"
    except Exception as exc:  # every driver error means "cannot be written"
        return f"cannot be written: {db_reason(exc)}"
    return None


async def check_writable(
    url: str, *, wait_seconds: float = BUSY_TIMEOUT_MS / 1000, name: str = HEARTBEAT_START
) -> None:
    """Write a heartbeat to the database at ``url``, or :class:`ConfigError` in one line.

    On SQLite the wait for another writer's lock is ``wait_seconds`` too.
    """
    engine = make_engine(url)
    if is_sqlite(engine):

        @event.listens_for(engine.sync_engine, "connect")
        def _patience(dbapi_connection: Any, connection_record: Any) -> None:
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute(f"PRAGMA busy_timeout = {int(wait_seconds * 1000):d}")
            finally:
                cursor.close()

    try:
        problem = await write_problem(engine, name, wait_seconds + 1)
    finally:
        await engine.dispose()
    if problem is not None:
        raise ConfigError(f"database {describe_url(url)} {problem}")
