"""Users on the parametrised shared test database (``database_url`` in ``tests/conftest.py``).

The database is shared by the tests of a session, so every test makes its own
users with fresh Telegram ids and never relies on a table being empty.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from testkit.users import UserMaker, new_user_id

from bot.core.records import UserProfile
from bot.storage import repo


@pytest.fixture
def db_url(database_url: str) -> str:
    """``engine`` and ``sessions`` open the session's shared database, on both backends."""
    return database_url


@pytest.fixture
async def session(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with sessions() as session:
        yield session


@pytest.fixture
def make_user(sessions: async_sessionmaker[AsyncSession]) -> UserMaker:
    """``await make_user()`` stores a new user (committed) and returns the profile."""

    async def make() -> UserProfile:
        async with sessions() as s, s.begin():
            tg = new_user_id()
            return await repo.get_or_create_user(s, telegram_user_id=tg, chat_id=tg)

    return make
