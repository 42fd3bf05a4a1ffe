"""Fixtures every test layer may share: database URLs on SQLite and PostgreSQL.

PostgreSQL is required, not optional: the server at 127.0.0.1:5432 (``.ci/run``
starts it; override with ``HEARBACK_TEST_POSTGRES_URL``) must answer, or the
tests that need it fail with a message saying so. Each test session works in
fresh databases named ``hearback_t_<random>``, created through the maintenance
database and dropped at the end.

- ``database_url``: a database migrated to head, parametrised over
  ``sqlite`` and ``postgresql`` (so a test using it runs on both).
- ``database_factory(backend)``: the URL of a new, empty database.
- ``postgres_maintenance_url``: the URL of the maintenance database.
- :func:`fresh_database`: the context manager behind both, for other scopes.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import threading
from collections.abc import Callable, Coroutine, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest

BACKENDS = ("sqlite", "postgresql")
POSTGRES_URL_ENV = "HEARBACK_TEST_POSTGRES_URL"
DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"

T = TypeVar("T")


def pg_maintenance_url() -> str:
    """Where test databases are created and dropped from (the ``test`` database)."""
    return os.environ.get(POSTGRES_URL_ENV, DEFAULT_POSTGRES_URL)


def run_in_thread(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion on a private event loop in another thread.

    Lets synchronous (e.g. session-scoped) fixtures do async work without
    touching the event loop pytest-asyncio gives the tests.
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


async def _admin(statement: str) -> None:
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(pg_maintenance_url(), isolation_level="AUTOCOMMIT")
    try:
        async with asyncio.timeout(15):
            async with engine.connect() as conn:
                await conn.execute(text(statement))
    finally:
        await engine.dispose()


def postgres_problem() -> str | None:
    """Why the PostgreSQL test server cannot be used, or ``None`` when it answers."""
    try:
        run_in_thread(_admin("SELECT 1"))
    except Exception as exc:
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        return (
            f"PostgreSQL is required for the storage tests but {pg_maintenance_url()} "
            f"does not answer ({type(exc).__name__}: {reason}). Start it (bash .ci/run does) "
            f"or point {POSTGRES_URL_ENV} at a server where the user may create databases."
        )
    return None


@contextmanager
def fresh_database(backend: str, directory: Path) -> Iterator[str]:
    """The URL of a new, empty database of ``backend``; dropped (PostgreSQL) on exit."""
    name = f"hearback_t_{secrets.token_hex(6)}"
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{directory / (name + '.db')}"
        return
    if backend != "postgresql":
        raise ValueError(f"unknown backend {backend!r}")
    from sqlalchemy.engine import make_url

    run_in_thread(_admin(f'CREATE DATABASE "{name}"'))
    try:
        yield (
            make_url(pg_maintenance_url()).set(database=name).render_as_string(hide_password=False)
        )
    finally:
        run_in_thread(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session", name="postgres_maintenance_url")
def _postgres_maintenance_url() -> str:
    problem = postgres_problem()
    if problem is not None:
        pytest.fail(problem, pytrace=False)
    return pg_maintenance_url()


@pytest.fixture(scope="session")
def database_factory(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], str]]:
    """``factory(backend)`` makes a new empty database; all are dropped after the session."""
    directory = tmp_path_factory.mktemp("databases")
    with ExitStack() as stack:

        def factory(backend: str) -> str:
            if backend == "postgresql":
                request.getfixturevalue("postgres_maintenance_url")
            return stack.enter_context(fresh_database(backend, directory))

        yield factory


@pytest.fixture(
    scope="session",
    params=[pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def database_url(request: pytest.FixtureRequest, database_factory: Callable[[str], str]) -> str:
    """A database migrated to head, once on SQLite and once on PostgreSQL."""
    from bot.storage.migrate import upgrade

    url = database_factory(request.param)
    run_in_thread(upgrade(url))
    return url
