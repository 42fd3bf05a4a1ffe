"""Engines, sessions and users on the parametrised test database (see ``tests/conftest.py``).

The database is shared by the tests of a session, so every test makes its own
users with fresh Telegram ids and never relies on a table being empty.
"""

from __future__ import annotations

import itertools
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.core.records import UserProfile
from bot.storage import repo
from bot.storage.db import make_engine, make_sessionmaker

_ids = itertools.count(secrets.randbelow(10**9) * 1000 + 10**12)

INTERVIEWED = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)


def new_telegram_id() -> int:
    """A Telegram user id no other test of this run uses."""
    return next(_ids)


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return make_sessionmaker(engine)


@pytest.fixture
async def session(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with sessions() as session:
        yield session


UserMaker = Callable[[], Awaitable[UserProfile]]


@pytest.fixture
def make_user(sessions: async_sessionmaker[AsyncSession]) -> UserMaker:
    """``await make_user()`` stores a new user (committed) and returns the profile."""

    async def make() -> UserProfile:
        async with sessions() as s, s.begin():
            tg = new_telegram_id()
            return await repo.get_or_create_user(s, telegram_user_id=tg, chat_id=tg)

    return make
