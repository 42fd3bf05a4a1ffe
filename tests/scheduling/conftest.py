"""Fixtures for the nudge tests: fresh databases, the fake Bot API and a Bot talking to it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

import pytest
from fakebot import FakeBotApi
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from telegram import Bot

from bot.storage.db import make_engine, make_sessionmaker
from bot.storage.migrate import upgrade

from .support import FakeClock, fake_bot

# Wednesday 18 November 2026, 15:00 UTC: a business day, inside everyone's hours in UTC.
NOW = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
async def fresh_url(
    request: pytest.FixtureRequest, database_factory: Callable[[str], str]
) -> AsyncIterator[str]:
    """A new database migrated to head; SQLite unless the test is parametrised."""
    backend = getattr(request, "param", "sqlite")
    url = database_factory(backend)
    await upgrade(url)
    yield url


@pytest.fixture
async def engine(fresh_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(fresh_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return make_sessionmaker(engine)


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
async def bot(fake: FakeBotApi) -> AsyncIterator[Bot]:
    async with fake_bot(fake) as client:
        yield client
