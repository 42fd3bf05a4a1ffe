"""SQLite statements of a write-locked transaction run in the loop's thread; waits do not.

See the module docstring of :mod:`bot.storage.db`: inside ``BEGIN IMMEDIATE`` nothing can
wait for another connection, so those statements skip the trip to aiosqlite's worker
thread; a ``BEGIN IMMEDIATE`` that must wait for another writer waits in that thread, and
the event loop goes on meanwhile.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine
from testkit.databases import Databases
from testkit.waits import poll_until, wait_budget

from bot.storage.db import READ_ONLY, immediate_transaction, make_engine, make_sessionmaker


@pytest.fixture
async def sqlite_file(databases: Databases) -> AsyncIterator[tuple[str, AsyncEngine]]:
    url = databases.migrated("sqlite")
    engine = make_engine(url)

    @event.listens_for(engine.sync_engine, "connect")
    def _whoami(dbapi_connection: Any, record: object) -> None:
        # A SQL function that tells which thread ran the statement calling it.
        dbapi_connection._connection._conn.create_function("whoami", 0, threading.get_ident)

    try:
        yield url, engine
    finally:
        await engine.dispose()


async def test_statements_of_a_write_transaction_run_in_the_loop_thread(
    sqlite_file: tuple[str, AsyncEngine],
) -> None:
    _, engine = sqlite_file
    sessions = make_sessionmaker(engine)
    here = threading.get_ident()
    async with sessions() as session, immediate_transaction(session):
        inside = await session.scalar(text("SELECT whoami()"))
    async with sessions() as session, session.begin():
        await session.connection(execution_options=READ_ONLY)
        reading = await session.scalar(text("SELECT whoami()"))
    assert inside == here
    assert reading != here  # a deferred (read-only) transaction still uses the worker thread


async def test_begin_immediate_waits_for_another_writer_without_blocking_the_loop(
    sqlite_file: tuple[str, AsyncEngine],
) -> None:
    url, engine = sqlite_file
    sessions = make_sessionmaker(engine)
    path = url.split("///", 1)[1]
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock

        async def write() -> int:
            async with sessions() as session, immediate_transaction(session):
                value = await session.scalar(text("SELECT 41 + 1"))
                return int(value or 0)

        task = asyncio.create_task(write())
        for _ in range(20):  # the task starts and waits for the lock; the loop runs on
            await asyncio.sleep(0)
        # Waiting in the loop's thread would have blocked it for the busy timeout and then
        # failed with "database is locked"; the task is still waiting instead.
        assert not task.done()
        other.execute("COMMIT")
        assert await asyncio.wait_for(task, wait_budget(5)) == 42
    finally:
        other.close()


async def test_a_free_lock_is_taken_at_once_and_the_busy_timeout_is_kept(
    sqlite_file: tuple[str, AsyncEngine],
) -> None:
    _, engine = sqlite_file
    sessions = make_sessionmaker(engine)
    async with sessions() as session, immediate_transaction(session):
        busy = await session.scalar(text("PRAGMA busy_timeout"))
        inside = await session.scalar(text("SELECT whoami()"))
    assert inside == threading.get_ident()
    assert busy is not None and int(busy) > 0  # restored after the no-wait try


async def test_a_transaction_left_by_a_failed_statement_rolls_back(
    sqlite_file: tuple[str, AsyncEngine],
) -> None:
    _, engine = sqlite_file
    sessions = make_sessionmaker(engine)
    with pytest.raises(Exception, match="no such table"):
        async with sessions() as session, immediate_transaction(session):
            await session.execute(text("SELECT * FROM no_such_table"))
    # The connection went back to the pool usable: the next write transaction works.
    async with sessions() as session, immediate_transaction(session):
        assert await session.scalar(text("SELECT whoami()")) == threading.get_ident()


async def test_the_log_is_copied_into_the_file_off_the_loop_not_inside_a_commit(
    sqlite_file: tuple[str, AsyncEngine],
) -> None:
    """SQLite's automatic checkpoint would run inside the COMMIT that fills the log, in the
    loop's thread; the engine's connections leave it to a connection of their own in a worker
    thread, which still brings what was committed into the database file soon after."""
    url, engine = sqlite_file
    path = Path(url.split("///", 1)[1])
    marker = "checkpointed-" + uuid.uuid4().hex
    sessions = make_sessionmaker(engine)
    async with sessions() as session, immediate_transaction(session):
        automatic = await session.scalar(text("PRAGMA wal_autocheckpoint"))
        await session.execute(text("CREATE TABLE notes (body TEXT)"))
        await session.execute(text("INSERT INTO notes (body) VALUES (:body)"), {"body": marker})
    assert automatic is not None and int(automatic) == 0
    await poll_until(
        lambda: marker.encode() in path.read_bytes(), 5, what="the committed row in the file"
    )
    async with sessions() as session, immediate_transaction(session):  # still an ordinary engine
        assert await session.scalar(text("SELECT body FROM notes")) == marker
