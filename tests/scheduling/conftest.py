"""Fixtures for the nudge tests: a fresh migrated database per test and the fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fakebot import FakeBotApi
from telegram import Bot
from testkit.databases import Databases

from .support import fake_bot


@pytest.fixture
def fresh_url(request: pytest.FixtureRequest, databases: Databases) -> str:
    """A new database at head for this test; SQLite unless the test is parametrised."""
    return databases.migrated(getattr(request, "param", "sqlite"))


@pytest.fixture
def db_url(fresh_url: str) -> str:
    """``engine`` and ``sessions`` open this test's own database."""
    return fresh_url


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
async def bot(fake: FakeBotApi) -> AsyncIterator[Bot]:
    async with fake_bot(fake) as client:
        yield client
