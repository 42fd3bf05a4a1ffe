"""Several engines writing one SQLite file at once never fail with "database is locked".

Each task has its own engine (its own connections and aiosqlite threads), as
two bot processes or the bot and the scheduler would. Transactions begin with
``BEGIN IMMEDIATE`` and wait out the busy timeout instead of failing.
"""

from __future__ import annotations

import asyncio
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine
from testkit.clock import NOW as INTERVIEWED
from testkit.databases import Databases
from testkit.users import new_user_id

from bot.core.records import NudgeState
from bot.core.types import Channel, Recipient, Step, StepKind
from bot.storage import repo
from bot.storage.db import immediate_transaction, make_engine, make_sessionmaker
from bot.storage.models import InterviewRow, NudgeRow

TASKS = 6
ROUNDS = 25


async def _writer(url: str, telegram_ids: list[int]) -> int:
    """Interleave read-then-write transactions the way handlers do."""
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    written = 0
    try:
        for round_ in range(ROUNDS):
            tg = telegram_ids[round_ % len(telegram_ids)]
            async with sessions() as s, s.begin():
                user = await repo.get_or_create_user(s, telegram_user_id=tg, chat_id=tg)
                interview = await repo.create_interview(
                    s, owner_id=user.id, company=f"C{round_}", role="r", interviewed_at=INTERVIEWED
                )
                await asyncio.sleep(0)  # let the other tasks in while the lock is held
                await repo.log_attempt(
                    s,
                    owner_id=user.id,
                    interview_id=interview.id,
                    at=INTERVIEWED + timedelta(days=3),
                    channel=Channel.EMAIL,
                    to=Recipient.RECRUITER,
                )
                await repo.replace_nudges(
                    s,
                    owner_id=user.id,
                    interview_id=interview.id,
                    steps=[Step(StepKind.CHECK_IN, INTERVIEWED + timedelta(days=14), ("S2",))],
                )
                await repo.mark_update_seen(s, update_id=new_user_id())
            written += 1
    finally:
        await engine.dispose()
    return written


async def test_concurrent_writers_all_succeed(databases: Databases) -> None:
    url = databases.migrated("sqlite")
    shared = [new_user_id() for _ in range(3)]  # the same users, written by every task
    results = await asyncio.gather(*(_writer(url, shared) for _ in range(TASKS)))
    assert results == [ROUNDS] * TASKS
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as s:
            interviews = await s.scalar(select(func.count()).select_from(InterviewRow))
            users = {
                (await repo.get_user_by_telegram_id(s, telegram_user_id=tg)) is not None
                for tg in shared
            }
            journal = await s.scalar(text("PRAGMA journal_mode"))
            foreign_keys = await s.scalar(text("PRAGMA foreign_keys"))
            busy = await s.scalar(text("PRAGMA busy_timeout"))
    finally:
        await engine.dispose()
    assert interviews == TASKS * ROUNDS
    assert users == {True}
    assert (journal, foreign_keys, busy) == ("wal", 1, 10_000)


async def _claimer(url: str, batch: int) -> list[int]:
    """Claim due nudges in batches the way a dispatcher would (BEGIN IMMEDIATE + RETURNING)."""
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    token = secrets.token_hex(8)
    claimed: list[int] = []
    now = datetime(2026, 12, 1, tzinfo=UTC)
    try:
        while True:
            async with sessions() as s, immediate_transaction(s):
                due = (
                    select(NudgeRow.id)
                    .where(NudgeRow.state == NudgeState.PENDING, NudgeRow.due_at <= now)
                    .order_by(NudgeRow.due_at, NudgeRow.id)
                    .limit(batch)
                    .scalar_subquery()
                )
                result = await s.execute(
                    update(NudgeRow)
                    .where(NudgeRow.id.in_(due))
                    .values(
                        state=NudgeState.CLAIMED,
                        claim_token=token,
                        lease_until=now + timedelta(minutes=5),
                    )
                    .returning(NudgeRow.id)
                    .execution_options(synchronize_session=False)
                )
                ids = list(result.scalars())
            if not ids:
                return claimed
            claimed.extend(ids)
            await asyncio.sleep(0)
    finally:
        await engine.dispose()


async def test_concurrent_claims_take_every_nudge_exactly_once(
    databases: Databases,
) -> None:
    url = databases.migrated("sqlite")
    engine: AsyncEngine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as s, s.begin():
            tg = new_user_id()
            user = await repo.get_or_create_user(s, telegram_user_id=tg, chat_id=tg)
            interview = await repo.create_interview(
                s, owner_id=user.id, company="A", role="r", interviewed_at=INTERVIEWED
            )
            steps = [
                Step(StepKind.CHECK_IN, INTERVIEWED + timedelta(minutes=i), ("S2",))
                for i in range(300)
            ]
            created = await repo.replace_nudges(
                s, owner_id=user.id, interview_id=interview.id, steps=steps
            )
            assert created is not None
    finally:
        await engine.dispose()
    per_task = await asyncio.gather(*(_claimer(url, batch=7) for _ in range(TASKS)))
    everything = [i for ids in per_task for i in ids]
    assert sorted(everything) == sorted(n.id for n in created)  # each once, none lost
    assert sum(1 for ids in per_task if ids) >= 2  # the work really was shared
