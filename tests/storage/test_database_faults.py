"""Telling database faults (retry later) from bugs, and the write probe behind start-up and
``hearback health``. Every fault here is a real one from the real driver: a read-only
SQLite database, a full one (``max_page_count``), a lock held by another connection, a
read-only PostgreSQL transaction, a refused connection, a backend terminated by the admin."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine
from telegram.error import NetworkError

from bot.config import ConfigError
from bot.storage.db import is_database_fault, make_engine
from bot.storage.health import HEARTBEAT_START, check_writable
from bot.storage.migrate import upgrade


async def caught(url: str, *statements: str, **engine_args: Any) -> BaseException:
    """The exception running ``statements`` in one transaction raises (it must raise)."""
    engine = create_async_engine(url, **engine_args) if engine_args else make_engine(url)
    try:
        async with engine.begin() as conn:
            for statement in statements:
                await conn.execute(text(statement))
    except Exception as exc:
        return exc
    finally:
        await engine.dispose()
    raise AssertionError(f"no error from {statements}")


@pytest.fixture
async def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'faults.db'}"
    await upgrade(url)
    return url


class TestSqliteFaults:
    async def test_read_only(self, sqlite_url: str) -> None:
        exc = await caught(
            _ro(sqlite_url),
            "INSERT INTO processed_updates (update_id, seen_at) VALUES (1, '2026-01-01')",
        )
        assert "readonly" in str(exc)
        assert is_database_fault(exc)

    async def test_disk_full(self, sqlite_url: str) -> None:
        engine = make_engine(sqlite_url)

        @event.listens_for(engine.sync_engine, "connect")
        def _small(dbapi_connection: Any, record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA page_count")
            pages = cursor.fetchone()[0]
            cursor.execute(f"PRAGMA max_page_count = {pages}")
            cursor.close()

        try:
            with pytest.raises(DBAPIError) as info:
                async with engine.begin() as conn:
                    await conn.execute(text("CREATE TABLE filler (b BLOB)"))
                    await conn.execute(text("INSERT INTO filler VALUES (randomblob(200000))"))
        finally:
            await engine.dispose()
        assert "full" in str(info.value)
        assert is_database_fault(info.value)

    async def test_locked(self, sqlite_url: str, tmp_path: Path) -> None:
        holder = sqlite3.connect(tmp_path / "faults.db", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            engine = make_engine(sqlite_url)

            @event.listens_for(engine.sync_engine, "connect")
            def _impatient(dbapi_connection: Any, record: Any) -> None:
                dbapi_connection.cursor().execute("PRAGMA busy_timeout = 50")

            try:
                with pytest.raises(DBAPIError) as info:
                    async with engine.begin() as conn:
                        await conn.execute(text("SELECT 1"))
            finally:
                await engine.dispose()
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert "locked" in str(info.value)
        assert is_database_fault(info.value)
        assert info.value.orig is not None
        assert is_database_fault(info.value.orig)  # the driver's own error, unwrapped

    async def test_a_bug_is_not_a_fault(self, sqlite_url: str) -> None:
        duplicate = await caught(
            sqlite_url,
            "INSERT INTO processed_updates (update_id, seen_at) VALUES (5, '2026-01-01')",
            "INSERT INTO processed_updates (update_id, seen_at) VALUES (5, '2026-01-01')",
        )
        assert not is_database_fault(duplicate)
        typo = await caught(sqlite_url, "SELEC 1")
        assert not is_database_fault(typo)
        missing = await caught(sqlite_url, "SELECT * FROM no_such_table")
        assert not is_database_fault(missing)


def _ro(url: str) -> str:
    """The same SQLite file opened read-only, as SQLite opens a file it may not write."""
    path = url.removeprefix("sqlite+aiosqlite:///")
    return f"sqlite+aiosqlite:///file:{path}?mode=ro&uri=true"


@pytest.mark.postgres
class TestPostgresFaults:
    async def test_read_only_transaction(self, postgres_maintenance_url: str) -> None:
        exc = await caught(
            postgres_maintenance_url,
            "SET TRANSACTION READ ONLY",
            "CREATE TABLE hearback_never_made (a int)",
        )
        assert is_database_fault(exc)

    async def test_refused_connection(self) -> None:
        exc = await caught("postgresql+asyncpg://postgres@127.0.0.1:1/test", "SELECT 1")
        assert is_database_fault(exc)

    async def test_terminated_backend(self, postgres_maintenance_url: str) -> None:
        exc = await caught(
            postgres_maintenance_url, "SELECT pg_terminate_backend(pg_backend_pid())"
        )
        assert is_database_fault(exc)

    async def test_a_bug_is_not_a_fault(self, postgres_maintenance_url: str) -> None:
        assert not is_database_fault(await caught(postgres_maintenance_url, "SELEC 1"))
        assert not is_database_fault(await caught(postgres_maintenance_url, "SELECT 1 / 0"))


def test_other_errors_are_not_database_faults() -> None:
    network = NetworkError("httpx.ConnectError")
    network.__cause__ = ConnectionRefusedError(111, "refused")
    assert not is_database_fault(network)
    assert not is_database_fault(ValueError("x"))
    assert not is_database_fault(KeyError("x"))


class TestWriteProbe:
    async def test_a_writable_database_takes_a_heartbeat(self, database_url: str) -> None:
        await check_writable(database_url)
        engine = make_engine(database_url)
        try:
            async with engine.connect() as conn:
                names = (await conn.execute(text("SELECT name FROM heartbeats"))).scalars().all()
        finally:
            await engine.dispose()
        assert HEARTBEAT_START in names

    async def test_a_read_only_database_cannot_be_written(self, sqlite_url: str) -> None:
        with pytest.raises(ConfigError, match=r"cannot be written.*readonly") as info:
            await check_writable(_ro(sqlite_url))
        assert "\n" not in str(info.value)

    async def test_a_locked_database_cannot_be_written(
        self, sqlite_url: str, tmp_path: Path
    ) -> None:
        holder = sqlite3.connect(tmp_path / "faults.db", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(ConfigError, match=r"cannot be written.*locked"):
                await check_writable(sqlite_url, wait_seconds=0.3)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
