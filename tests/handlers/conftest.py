from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.storage.migrate import upgrade

from .harness import BotEnv, Clock

# Wednesday 18 November 2026, 15:00 UTC = 10:00 in New York, 16:00 in Berlin.
START = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)


@pytest.fixture
async def env(tmp_path: Path) -> AsyncIterator[BotEnv]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    await upgrade(url)
    bot_env = BotEnv(url=url, clock=Clock(START))
    await bot_env.start()
    yield bot_env
    await bot_env.stop()
