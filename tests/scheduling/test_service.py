"""PTB's JobQueue as the clock: one job at the next due moment, one sweep, a run at start.

A real ``Application`` with its ``JobQueue`` (APScheduler) runs; the Bot API is answered
in-process. Jobs are never waited for: a test reads when a job is set to fire, or runs the
job's callback itself, as APScheduler would at that moment.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application, ApplicationBuilder
from testkit.clock import NOW, Clock
from testkit.waits import wait_delta

from bot.core.records import NudgeState
from bot.scheduling.dispatcher import DispatchConfig, Dispatcher, DispatchHooks
from bot.scheduling.service import NEXT_JOB, SWEEP_JOB, NudgeService
from bot.storage import nudges
from bot.storage.nudges import ClaimedNudge
from bot.telegram.localapi import LOCAL_TOKEN, LocalBotApi
from bot.telegram.nudges import render_nudge

from .support import seed

Sessions = async_sessionmaker[AsyncSession]
AnyApp = Application[Any, Any, Any, Any, Any, Any]


@pytest.fixture
async def app() -> AsyncIterator[AnyApp]:
    api = LocalBotApi()
    application: AnyApp = (
        ApplicationBuilder().token(LOCAL_TOKEN).request(api).get_updates_request(api).build()
    )
    await application.initialize()
    await application.start()  # starts the JobQueue (no polling)
    yield application
    await application.stop()
    await application.shutdown()


def service_for(app: AnyApp, sessions: Sessions, clock: Clock) -> NudgeService:
    config = DispatchConfig(rate_per_second=1000, per_chat_seconds=0.0)
    dispatcher = Dispatcher(sessions, app.bot, render=render_nudge, clock=clock, config=config)
    return NudgeService(dispatcher, job_queue=app.job_queue, clock=clock)


def fires_in(app: AnyApp, name: str) -> timedelta:
    assert app.job_queue is not None
    (job,) = app.job_queue.get_jobs_by_name(name)
    assert job.next_t is not None
    return job.next_t - datetime.now(UTC)


def sent_to(app: AnyApp) -> list[int]:
    api = app.bot.request
    assert isinstance(api, LocalBotApi)
    return [m.chat_id for m in api.sent]


async def states(sessions: Sessions) -> dict[NudgeState, int]:
    async with sessions() as s:
        return await nudges.count_by_state(s)


class TestClock:
    async def test_on_start_what_fell_due_while_down_goes_out(
        self, app: AnyApp, sessions: Sessions, clock: Clock
    ) -> None:
        overdue = await seed(sessions, users=3, due_at=NOW - timedelta(hours=2))
        await seed(sessions, users=2, due_at=NOW + timedelta(hours=3))
        service = service_for(app, sessions, clock)
        await service.start()
        await service.settled()
        assert sorted(sent_to(app)) == sorted(u.chat_id for u in overdue)
        assert await states(sessions) == {NudgeState.SENT: 3, NudgeState.PENDING: 2}
        # Armed for the next one, three hours ahead, and the sweep every minute.
        assert abs(fires_in(app, NEXT_JOB) - timedelta(hours=3)) < wait_delta(1)
        assert abs(fires_in(app, SWEEP_JOB) - timedelta(seconds=60)) < wait_delta(1)
        await service.stop()
        assert app.job_queue is not None and app.job_queue.jobs() == ()

    async def test_the_job_wakes_the_dispatcher_when_it_fires(
        self, app: AnyApp, sessions: Sessions, clock: Clock
    ) -> None:
        (user,) = await seed(sessions, users=1, due_at=NOW + timedelta(minutes=30))
        service = service_for(app, sessions, clock)
        await service.start()
        await service.settled()
        assert sent_to(app) == []
        assert app.job_queue is not None
        (job,) = app.job_queue.get_jobs_by_name(NEXT_JOB)
        clock.advance(minutes=30)  # the moment APScheduler fires the job
        await job.run(app)
        await service.settled()
        assert sent_to(app) == [user.chat_id]
        assert app.job_queue.get_jobs_by_name(NEXT_JOB) == ()  # nothing left to wait for
        await service.stop()

    async def test_a_plan_change_re_arms_for_an_earlier_nudge(
        self, app: AnyApp, sessions: Sessions, clock: Clock
    ) -> None:
        await seed(sessions, users=1, due_at=NOW + timedelta(days=2))
        service = service_for(app, sessions, clock)
        await service.start()
        await service.settled()
        assert abs(fires_in(app, NEXT_JOB) - timedelta(days=2)) < wait_delta(1)
        await seed(sessions, users=1, due_at=NOW + timedelta(hours=1))
        await service.plan_changed()  # what Deps.plan_listeners calls after the turn
        assert abs(fires_in(app, NEXT_JOB) - timedelta(hours=1)) < wait_delta(1)
        (now_due,) = await seed(sessions, users=1, due_at=NOW - timedelta(seconds=1))
        await service.plan_changed()  # already due: no job, a run right away
        await service.settled()
        assert sent_to(app) == [now_due.chat_id]
        await service.stop()

    async def test_memory_stays_flat_two_jobs_for_any_number_of_nudges(
        self, app: AnyApp, sessions: Sessions, clock: Clock
    ) -> None:
        for hours in (1, 5, 9):
            await seed(sessions, users=400, due_at=NOW + timedelta(hours=hours))
        service = service_for(app, sessions, clock)
        await service.start()
        await service.settled()
        assert app.job_queue is not None
        assert sorted(j.name for j in app.job_queue.jobs() if j.name) == [NEXT_JOB, SWEEP_JOB]
        assert await states(sessions) == {NudgeState.PENDING: 1200}
        await service.stop()

    async def test_stopping_hands_back_what_was_not_sent(
        self, app: AnyApp, sessions: Sessions, clock: Clock
    ) -> None:
        """Claims not yet sent return to pending at once, without waiting for the lease."""
        await seed(sessions, users=30, due_at=NOW - timedelta(minutes=1))
        config = DispatchConfig(rate_per_second=1000, per_chat_seconds=0.0, max_in_flight=1)
        sent = 0

        async def after_send(nudge: object) -> None:
            nonlocal sent
            sent += 1
            if sent == 3:
                service.dispatcher.stop()  # what service.stop() does first

        hooks = DispatchHooks(after_send=after_send)
        dispatcher = Dispatcher(
            sessions, app.bot, render=render_nudge, clock=clock, config=config, hooks=hooks
        )
        service = NudgeService(dispatcher, job_queue=app.job_queue, clock=clock)
        await service.start()
        await service.settled()
        await service.stop()
        counts = await states(sessions)
        assert NudgeState.CLAIMED not in counts
        assert counts[NudgeState.SENT] >= 3 and counts[NudgeState.PENDING] >= 20
        assert counts[NudgeState.SENT] + counts[NudgeState.PENDING] == 30
        assert service.total.released == counts[NudgeState.PENDING]
        assert len(sent_to(app)) == counts[NudgeState.SENT]


async def test_a_locked_database_is_a_warning_and_the_sweep_tries_again(
    app: AnyApp, sessions: Sessions, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    await seed(sessions, users=1, due_at=NOW - timedelta(minutes=5))

    async def locked(claimed: Sequence[ClaimedNudge]) -> None:
        cause = sqlite3.OperationalError("database is locked")
        raise OperationalError("BEGIN IMMEDIATE", {}, cause)

    config = DispatchConfig(rate_per_second=1000, per_chat_seconds=0.0)
    hooks = DispatchHooks(after_claim=locked)
    dispatcher = Dispatcher(
        sessions, app.bot, render=render_nudge, clock=clock, config=config, hooks=hooks
    )
    service = NudgeService(dispatcher, job_queue=app.job_queue, clock=clock)
    with caplog.at_level(logging.WARNING, logger="bot.scheduling"):
        await service.start()
        await service.settled()
        await service.stop()
    assert [(r.levelno, r.getMessage(), r.exc_info) for r in caplog.records] == [
        (logging.WARNING, "the database stayed locked; the sweep will try again", None)
    ]
    assert sent_to(app) == []
