"""The update pipeline on the real Application and a real SQLite file (Bot API in-process)."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from handlers.harness import BotEnv
from sqlalchemy import func, select
from testkit.clock import NOW as START
from testkit.clock import Clock

from bot.storage import db, mailbox, repo
from bot.storage.db import make_sessionmaker
from bot.storage.migrate import upgrade
from bot.storage.models import InboxRow, OutboxRow
from bot.telegram.pipeline import core
from bot.telegram.pipeline.core import FloodGuard, Pipeline
from bot.telegram.pipeline.wiring import start_pipeline, stop_pipeline, wiring_of
from bot.telegram.texts import GAVE_UP, SAVE_LATER, SLOW_DOWN
from bot.telegram.updates import text_update


@pytest.fixture
async def env(tmp_path: Path) -> AsyncIterator[BotEnv]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    await upgrade(url)
    bot_env = BotEnv(url=url, clock=Clock(START))
    await bot_env.start()
    yield bot_env
    assert bot_env.app is not None
    await stop_pipeline(bot_env.app)
    await bot_env.stop()


def pipeline_of(env: BotEnv, **kwargs: Any) -> Pipeline:
    """A pipeline on the env's application, not started (its lanes are idle)."""
    assert env.app is not None
    wiring = wiring_of(env.app.bot_data)
    return Pipeline(env.app, gate=wiring.gate, sender=wiring.sender, clock=env.clock, **kwargs)


def texts_to(env: BotEnv, chat_id: int) -> list[str]:
    return [m.text for m in env.api.sent if m.chat_id == chat_id]


async def inbox_states(env: BotEnv) -> dict[str, int]:
    assert env.engine is not None
    async with make_sessionmaker(env.engine)() as session:
        rows = await session.execute(select(InboxRow.state, func.count()).group_by(InboxRow.state))
        return {state: count for state, count in rows.all()}


async def outbox_size(env: BotEnv) -> int:
    assert env.engine is not None
    async with make_sessionmaker(env.engine)() as session:
        return int(await session.scalar(select(func.count()).select_from(OutboxRow)) or 0)


async def test_stored_updates_are_handled_after_a_crash(env: BotEnv) -> None:
    assert env.app is not None
    updates = [text_update(env.app.bot, 500 + n, "/help") for n in range(5)]
    # Stored, and then the process dies before any lane ran.
    assert await pipeline_of(env).receive(updates) == 5
    assert env.api.sent == []
    await env.restart()
    assert env.app is not None
    pipeline = await start_pipeline(env.app)
    await pipeline.drained()
    for n in range(5):
        assert len(texts_to(env, 500 + n)) == 1
    assert await inbox_states(env) == {"done": 5}


async def test_a_redelivered_update_is_stored_once(env: BotEnv) -> None:
    assert env.app is not None
    update = text_update(env.app.bot, 600, "/help")
    pipeline = await start_pipeline(env.app)
    assert await pipeline.receive([update]) == 1
    await pipeline.drained()
    assert await pipeline.receive([update]) == 0  # Telegram sent it again
    await pipeline.drained()
    assert len(texts_to(env, 600)) == 1


async def test_unsent_replies_go_out_after_a_crash(env: BotEnv) -> None:
    assert env.engine is not None and env.app is not None
    # A turn committed its replies, then the process died before sending them.
    async with make_sessionmaker(env.engine)() as session, session.begin():
        await mailbox.add_replies(
            session,
            chat_id=700,
            items=[
                mailbox.Outgoing("first <b>part</b>"),
                mailbox.Outgoing("second", [[("Ok", "ok")]]),
            ],
            at=env.clock(),
        )
    await env.restart()
    assert env.app is not None
    pipeline = await start_pipeline(env.app)
    await pipeline.drained()
    assert texts_to(env, 700) == ["first <b>part</b>", "second"]
    assert env.api.sent[-1].button_list == [("Ok", "ok")]
    await pipeline.acks.flush()
    assert await outbox_size(env) == 0


async def test_a_database_fault_keeps_the_update_and_tells_the_user_once(
    env: BotEnv, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A short busy timeout, so "database is locked" comes quickly; a new engine reads it.
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)
    await env.restart()
    assert env.app is not None
    failures = 0
    retried = __import__("asyncio").Event()

    def quick(attempts: int) -> float:
        nonlocal failures
        failures = attempts
        if attempts >= 3:
            retried.set()
        return 0.01

    monkeypatch.setattr(core, "retry_delay", quick)
    pipeline = pipeline_of(env)
    await pipeline.receive([text_update(env.app.bot, 800, "/start")])
    # Another program holds SQLite's write lock: every try of the turn fails.
    blocker = sqlite3.connect(tmp_path / "bot.db", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        pipeline.start()
        await retried.wait()
    finally:
        blocker.execute("COMMIT")
        blocker.close()
    await pipeline.drained()
    await pipeline.stop()
    sent = texts_to(env, 800)
    assert sent.count(SAVE_LATER) == 1  # told once, however many tries failed
    assert failures >= 3
    assert sent[0] == SAVE_LATER and "HearBack" in sent[1]  # and then really answered
    assert await inbox_states(env) == {"done": 1}


async def test_other_failures_give_up_after_three_tries_with_one_apology(
    env: BotEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert env.app is not None
    tries = 0

    async def broken(*args: object, **kwargs: object) -> None:
        nonlocal tries
        tries += 1
        raise RuntimeError("a bug")

    monkeypatch.setattr(repo, "find_user", broken)
    monkeypatch.setattr(core, "retry_delay", lambda attempts: 0.0)
    pipeline = await start_pipeline(env.app)
    await pipeline.receive([text_update(env.app.bot, 900, "/help")])
    await pipeline.drained()
    assert tries == 3
    assert texts_to(env, 900) == [GAVE_UP]
    assert await inbox_states(env) == {"failed": 1}


async def test_a_flooding_chat_is_told_once_and_the_rest_dropped(env: BotEnv) -> None:
    assert env.app is not None
    clock = [0.0]
    pipeline = pipeline_of(env, flood=FloodGuard(burst=5, per_second=1, monotonic=lambda: clock[0]))
    pipeline.start()
    flood = [text_update(env.app.bot, 1000, "/help") for _ in range(12)]
    calm = [text_update(env.app.bot, 1001, "/help")]
    assert await pipeline.receive(flood + calm) == 6
    await pipeline.drained()
    await pipeline.stop()
    assert texts_to(env, 1000).count(SLOW_DOWN) == 1
    assert len(texts_to(env, 1000)) == 6  # five answers and one notice
    assert len(texts_to(env, 1001)) == 1
    await pipeline.acks.flush()
    assert await inbox_states(env) == {"done": 13}


def test_the_flood_guard_refills_and_forgets_idle_chats() -> None:
    now = [0.0]
    guard = FloodGuard(burst=2, per_second=1, monotonic=lambda: now[0], keep=10)
    assert [guard.check(1) for _ in range(4)] == ["ok", "ok", "warn", "drop"]
    now[0] = 1.0
    assert guard.check(1) == "ok"
    for chat in range(100, 120):
        guard.check(chat)
    now[0] = 10.0  # every bucket so far is full again: those chats are forgotten
    for chat in range(200, 230):
        guard.check(chat)
    assert set(guard._buckets) <= set(range(200, 230))


def test_the_flood_guard_forgets_a_chat_once_its_bucket_is_full_again() -> None:
    """Users who each send a message: the table holds the last seconds' chats, not the last
    minute's (a full bucket is what an unknown chat gets anyway)."""
    now = [0.0]
    guard = FloodGuard(burst=40, per_second=40 / 60, monotonic=lambda: now[0], keep=16)
    for chat in range(10_000):
        now[0] += 0.01  # 100 new users a second
        assert guard.check(chat) == "ok"
        assert len(guard._buckets) <= 2 * 16 + 2 * 150  # 1.5 s of chats, twice at most
    # A flooding chat is remembered while its bucket refills, however many others come by.
    flooder = 10**9
    verdicts = [guard.check(flooder) for _ in range(42)]
    assert verdicts[-2:] == ["warn", "drop"]
    for chat in range(20_000, 21_000):
        now[0] += 0.01
        guard.check(chat)
    assert guard.check(flooder) == "ok"  # 10 s later: 6 tokens back, not a fresh 40
    assert [guard.check(flooder) for _ in range(6)][-1] == "drop"


async def test_prune_forgets_old_ids_in_small_chunks(env: BotEnv) -> None:
    assert env.engine is not None
    sessions = make_sessionmaker(env.engine)
    async with sessions() as session, session.begin():
        rows = [(n, n, "{}") for n in range(1, 1201)]
        await mailbox.store_updates(session, rows, at=env.clock())
        await mailbox.finish_updates(session, update_ids=[n for n, _, _ in rows], at=env.clock())
    pipeline = pipeline_of(env)
    assert await pipeline.prune() == 0  # still fresh
    chunks: list[int] = []
    original = mailbox.prune_inbox

    async def counting(session: Any, **kwargs: Any) -> int:
        chunks.append(await original(session, **kwargs))
        return chunks[-1]

    store_prune = pytest.MonkeyPatch()
    store_prune.setattr(mailbox, "prune_inbox", counting)
    try:
        env.clock.advance(days=3)
        assert await pipeline.prune() == 1200
    finally:
        store_prune.undo()
    assert chunks == [500, 500, 200]
    assert await inbox_states(env) == {}


async def test_ptb_keeps_no_id_per_user(env: BotEnv) -> None:
    assert env.app is not None
    for n in range(30):
        await env.app.process_update(text_update(env.app.bot, 2000 + n, "/help"))
    assert len(env.api.sent) == 30
    assert env.app._chat_ids_to_be_updated_in_persistence == set()
    assert env.app._user_ids_to_be_updated_in_persistence == set()
    assert len(env.app.chat_data) == 0 and len(env.app.user_data) == 0
