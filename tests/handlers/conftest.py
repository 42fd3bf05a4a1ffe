"""The real Application on a fresh migrated SQLite database, offline (see ``harness.py``)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from testkit.clock import NOW, Clock
from testkit.databases import Databases

from .harness import BotEnv


@pytest.fixture
async def env(databases: Databases) -> AsyncIterator[BotEnv]:
    """The bot at Wednesday 18 November 2026, 15:00 UTC (10:00 in New York)."""
    bot_env = BotEnv(url=databases.migrated("sqlite"), clock=Clock(NOW))
    await bot_env.start()
    yield bot_env
    await bot_env.stop()
