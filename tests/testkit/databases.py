"""Test databases on SQLite and PostgreSQL: new empty ones, and copies of one migrated.

PostgreSQL is required, not optional: the server at 127.0.0.1:5432 (``.ci/run`` starts it;
override with ``HEARBACK_TEST_POSTGRES_URL``) must answer, or the tests that need it fail
with a message saying so. Every database a session makes is named ``hearback_t_<random>``,
created through the maintenance database and dropped at the end.

Migrating costs far more than copying, so :class:`Databases` migrates one template per
backend per session and hands out copies of it: a file copy on SQLite, ``CREATE DATABASE
... TEMPLATE`` on PostgreSQL. The schema of a copy is exactly what ``upgrade`` makes.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import sqlite3
import threading
from collections.abc import Callable, Coroutine
from contextlib import closing
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.engine import make_url

from testkit.waits import wait_budget

BACKENDS = ("sqlite", "postgresql")
POSTGRES_URL_ENV = "HEARBACK_TEST_POSTGRES_URL"
DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
ADMIN_SECONDS = 3.0
"""Idle-machine time for one CREATE/DROP DATABASE on the maintenance database."""

DROP_SECONDS = 10.0
"""Idle-machine time for all of a session's DROP DATABASE statements, sent together."""

T = TypeVar("T")


def pg_maintenance_url() -> str:
    """Where test databases are created and dropped from (the ``test`` database)."""
    return os.environ.get(POSTGRES_URL_ENV, DEFAULT_POSTGRES_URL)


def run_in_thread(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion on a private event loop in another thread.

    Lets synchronous (e.g. session-scoped) fixtures do async work without touching the
    event loop pytest-asyncio gives the tests.
    """
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = asyncio.run(coro)
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=work, name="fixture-loop")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


async def _admin(statement: str, seconds: float = ADMIN_SECONDS) -> None:
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(pg_maintenance_url(), isolation_level="AUTOCOMMIT")
    try:
        async with asyncio.timeout(wait_budget(seconds)):
            async with engine.connect() as conn:
                await conn.execute(text(statement))
    finally:
        await engine.dispose()


def admin(statement: str) -> None:
    """Run one statement on the PostgreSQL maintenance database (outside a transaction)."""
    run_in_thread(_admin(statement))


def postgres_problem() -> str | None:
    """Why the PostgreSQL test server cannot be used, or ``None`` when it answers."""
    try:
        admin("SELECT 1")
    except Exception as exc:
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        return (
            f"PostgreSQL is required for the storage tests but {pg_maintenance_url()} "
            f"does not answer ({type(exc).__name__}: {reason}). Start it (bash .ci/run does) "
            f"or point {POSTGRES_URL_ENV} at a server where the user may create databases."
        )
    return None


def new_name() -> str:
    return f"hearback_t_{secrets.token_hex(6)}"


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


def postgres_url(name: str) -> str:
    return make_url(pg_maintenance_url()).set(database=name).render_as_string(hide_password=False)


async def _drop_all(names: list[str]) -> None:
    # Every DROP DATABASE waits for a checkpoint; sent together they share the same few,
    # where one after the other they took seconds each on a busy disk.
    drops = [_admin(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)', DROP_SECONDS) for n in names]
    await asyncio.gather(*drops)


def _self_contained(path: Path) -> None:
    """Fold the WAL into the SQLite file and leave rollback journaling, so that copying the
    one file copies the whole database (the bot turns WAL on again when it connects)."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")


class Databases:
    """Databases for one test session: empty ones, and copies of one migrated per backend.

    ``ensure_backend(backend)`` is called before a database of that backend is made (the
    conftest uses it to fail clearly when PostgreSQL is down). :meth:`close` drops every
    PostgreSQL database made; SQLite files live in ``directory``, a pytest temporary one.
    """

    def __init__(self, directory: Path, ensure_backend: Callable[[str], None]) -> None:
        self._directory = directory
        self._ensure = ensure_backend
        self._templates: dict[str, str] = {}
        self._postgres: list[str] = []

    def empty(self, backend: str) -> str:
        """The URL of a new, empty database (nothing migrated)."""
        return self._new(backend, template=None)

    def migrated(self, backend: str) -> str:
        """The URL of a new database at the head revision: a copy of the session's template."""
        return self._new(backend, template=self._template(backend))

    def close(self) -> None:
        """Drop every PostgreSQL database this session made."""
        names, self._postgres = self._postgres, []
        if names:
            run_in_thread(_drop_all(names))

    def _new(self, backend: str, *, template: str | None) -> str:
        """A new database of ``backend``: empty, or a copy of ``template`` (a file path on
        SQLite, a database name on PostgreSQL)."""
        self._ensure(backend)
        name = new_name()
        if backend == "sqlite":
            path = self._directory / f"{name}.db"
            if template is not None:
                shutil.copyfile(template, path)
            return sqlite_url(path)
        if backend != "postgresql":
            raise ValueError(f"unknown backend {backend!r}")
        admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self._postgres.append(name)
        return postgres_url(name)

    def _template(self, backend: str) -> str:
        """The session's migrated template of ``backend``, made on first use."""
        if backend not in self._templates:
            from bot.storage.migrate import upgrade

            url = self.empty(backend)
            run_in_thread(upgrade(url))
            if backend == "sqlite":
                path = Path(make_url(url).database or "")
                _self_contained(path)
                self._templates[backend] = str(path)
            else:
                self._templates[backend] = make_url(url).database or ""
        return self._templates[backend]
