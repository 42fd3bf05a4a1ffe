"""kill -9 of a dispatcher process, then a restart: nothing lost, duplicates only when the
process died between sending and recording, and those are logged.

The dying dispatcher is a real subprocess (``crash_worker.py``) on the same database and
the same fake Bot API; it SIGKILLs itself at the chosen point. The restarted dispatcher
runs in the test with the clock moved past the dead one's lease.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fakebot import FakeBotApi
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from testkit.clock import NOW, Clock
from testkit.waits import PROCESS_START, wait_budget

from bot.core.records import NudgeState
from bot.core.types import StepKind
from bot.scheduling.dispatcher import DispatchConfig, Dispatcher
from bot.storage import nudges
from bot.telegram.nudges import render_nudge

from .support import TOKEN, know_chats, nudge_of, seed, sends_per_nudge

Sessions = async_sessionmaker[AsyncSession]
WORKER = Path(__file__).with_name("crash_worker.py")
LEASE = DispatchConfig().lease
BACKENDS = pytest.mark.parametrize(
    "fresh_url", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)


async def run_worker(url: str, fake: FakeBotApi, now: datetime, mode: str, after: int = 0) -> int:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(WORKER),
        url,
        fake.base_url,
        TOKEN,
        now.isoformat(),
        mode,
        str(after),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(process.communicate(), wait_budget(PROCESS_START))
    assert process.returncode == -signal.SIGKILL, err.decode()[-2000:]
    return process.returncode


async def states(sessions: Sessions) -> dict[NudgeState, int]:
    async with sessions() as s:
        return await nudges.count_by_state(s)


@BACKENDS
async def test_killed_between_claim_and_send(
    fresh_url: str,
    sessions: Sessions,
    fake: FakeBotApi,
    bot: Bot,
    caplog: pytest.LogCaptureFixture,
) -> None:
    users = await seed(sessions, users=10, due_at=NOW - timedelta(minutes=1))
    chats = [u.chat_id for u in users]
    await know_chats(fake, chats)
    await run_worker(fresh_url, fake, NOW, "claim")
    assert await states(sessions) == {NudgeState.CLAIMED: 10}
    assert fake.calls_to("sendMessage") == []

    clock = Clock(NOW + timedelta(minutes=1))
    config = DispatchConfig(rate_per_second=1000, per_chat_seconds=0.0)
    restarted = Dispatcher(sessions, bot, render=render_nudge, clock=clock, config=config)
    assert (await restarted.run()).sent == 0  # the dead claim holds until its lease ends

    caplog.set_level(logging.INFO, logger="bot.scheduling")
    clock.set(NOW + LEASE + timedelta(seconds=1))
    report = await restarted.run()
    assert (report.expired, report.sent, report.possible_duplicates) == (10, 10, [])
    assert sends_per_nudge(fake, chats) == {u.nudge_ids[0]: 1 for u in users}
    assert await states(sessions) == {NudgeState.SENT: 10}
    assert "possible duplicate" not in caplog.text


@BACKENDS
async def test_killed_between_send_and_mark_sent(
    fresh_url: str,
    sessions: Sessions,
    fake: FakeBotApi,
    bot: Bot,
    caplog: pytest.LogCaptureFixture,
) -> None:
    kinds = [
        StepKind.CHECK_IN,
        StepKind.SECOND_FOLLOW_UP,
        StepKind.HIRING_MANAGER,
        StepKind.CHECK_IN,
        StepKind.SECOND_FOLLOW_UP,
    ]
    (user,) = await seed(sessions, users=1, due_at=NOW - timedelta(minutes=10), kinds=kinds)
    await know_chats(fake, [user.chat_id])
    await run_worker(fresh_url, fake, NOW, "send", after=3)
    assert len(fake.transcript(user.chat_id)) == 3
    assert await states(sessions) == {NudgeState.SENT: 2, NudgeState.CLAIMED: 3}

    caplog.set_level(logging.INFO, logger="bot.scheduling")
    clock = Clock(NOW + LEASE + timedelta(seconds=1))
    config = DispatchConfig(rate_per_second=1000, per_chat_seconds=0.0)
    report = await Dispatcher(sessions, bot, render=render_nudge, clock=clock, config=config).run()
    third = user.nudge_ids[2]
    assert (report.expired, report.sent, report.possible_duplicates) == (3, 3, [third])
    counts = sends_per_nudge(fake, [user.chat_id])
    assert counts == {n: (2 if n == third else 1) for n in user.nudge_ids}  # none lost
    assert await states(sessions) == {NudgeState.SENT: 5}
    duplicates = [r for r in caplog.records if "possible duplicate" in r.getMessage()]
    assert [r.getMessage().split(":")[0] for r in duplicates] == [f"nudge {third}"]
    # The user saw them in due order, the repeated one right after the crash.
    order = [nudge_of(m.buttons) for m in fake.transcript(user.chat_id)]
    assert order == [*user.nudge_ids[:3], third, *user.nudge_ids[3:]]
