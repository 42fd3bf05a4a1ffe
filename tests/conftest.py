"""Fixtures every test layer shares, the Hypothesis profile and the ``e2e`` marker.

Helpers (clocks, waits, database making) live in :mod:`testkit`; this file only turns them
into fixtures.

Databases (PostgreSQL at 127.0.0.1:5432 is required, see :mod:`testkit.databases`):

- ``databases``: the session's :class:`~testkit.databases.Databases`;
  ``databases.migrated(backend)`` is a new database at head (a copy of a template migrated
  once per session), ``databases.empty(backend)`` a new empty one.
- ``database_url``: one database at head shared by the session, parametrised over
  ``sqlite`` and ``postgresql`` (so a test using it runs on both).
- ``db_url``: the database that ``engine`` and ``sessions`` open. A directory's conftest
  says which (the shared ``database_url``, or a fresh copy per test).
- ``clock``: a :class:`~testkit.clock.Clock` at :data:`testkit.clock.NOW`.

Every test under ``tests/e2e/`` is marked ``e2e``, so ``pytest -m "not e2e"`` is the fast
lane.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from testkit.clock import NOW, Clock
from testkit.databases import Databases, pg_maintenance_url, postgres_problem

from bot.storage.db import make_engine, make_sessionmaker

# Property tests are judged on what they find, never on how fast a machine runs them: no
# per-example deadline and no "too slow" health check (both read the wall clock).
settings.register_profile(
    "hearback", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("hearback")

E2E_DIR = Path(__file__).resolve().parent / "e2e"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under ``tests/e2e/`` ``e2e``: the fast lane is ``-m "not e2e"``."""
    for item in items:
        if E2E_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", name="postgres_maintenance_url")
def _postgres_maintenance_url() -> str:
    problem = postgres_problem()
    if problem is not None:
        pytest.fail(problem, pytrace=False)
    return pg_maintenance_url()


@pytest.fixture(scope="session")
def databases(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Databases]:
    """New databases for this session; all are dropped when it ends."""

    def ensure(backend: str) -> None:
        if backend == "postgresql":
            request.getfixturevalue("postgres_maintenance_url")

    made = Databases(tmp_path_factory.mktemp("databases"), ensure)
    try:
        yield made
    finally:
        made.close()


@pytest.fixture(
    scope="session",
    params=[pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def database_url(request: pytest.FixtureRequest, databases: Databases) -> str:
    """A database at head shared by the session, once on SQLite and once on PostgreSQL."""
    return databases.migrated(request.param)


@pytest.fixture
async def engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(db_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return make_sessionmaker(engine)


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)
