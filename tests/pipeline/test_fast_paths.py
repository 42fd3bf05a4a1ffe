"""Where the update pipeline saves work: grouped delivery marks, short messages read in the
loop's thread, and the start-up heap left out of the garbage collector's walks."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Bot
from testkit.waits import poll_until

from bot import places
from bot.core.calendar import BusinessCalendar
from bot.core.understand import Known
from bot.runner import settle_heap
from bot.storage.db import make_engine, make_sessionmaker
from bot.storage.migrate import upgrade
from bot.telegram import understood
from bot.telegram.pipeline.wiring import Wiring, wire

NOW = datetime(2026, 11, 18, 12, tzinfo=UTC)


@pytest.fixture
async def wiring(tmp_path: Path) -> AsyncIterator[Wiring]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'acks.db'}"
    await upgrade(url)
    engine = make_engine(url)
    try:
        yield wire(
            {},
            bot=Bot("123:TEST"),
            sessions=make_sessionmaker(engine),
            clock=lambda: NOW,
            pacer=None,
        )
    finally:
        await engine.dispose()


async def test_delivery_marks_close_together_share_one_transaction(
    wiring: Wiring, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[int] = []
    write: Callable[[], AbstractAsyncContextManager[AsyncSession]] = wiring.gate.write

    def counted() -> AbstractAsyncContextManager[AsyncSession]:
        opened.append(1)
        return write()

    monkeypatch.setattr(wiring.gate, "write", counted)
    acks = wiring.acks
    await acks.replies_sent([0])  # not started: written at once (and the connection opened)
    opened.clear()
    acks.start()
    try:
        await acks.replies_sent([1])
        for _ in range(10):  # the loop runs on between two deliveries
            await asyncio.sleep(0)
        await acks.replies_sent([2])
        await poll_until(lambda: not acks._replies and bool(opened), 5, what="marks written")
    finally:
        await acks.stop()
    assert len(opened) == 1


async def test_a_short_message_is_read_in_the_loop_thread_a_long_one_in_a_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threaded: list[str] = []
    to_thread = asyncio.to_thread

    async def recording(fn: Callable[..., Any], text: str, **kwargs: Any) -> Any:
        threaded.append(text)
        return await to_thread(fn, text, **kwargs)

    async def nothing_known(turn: Any) -> Known:
        return Known()

    monkeypatch.setattr(asyncio, "to_thread", recording)
    monkeypatch.setattr(understood, "known_of", nothing_known)
    turn: Any = SimpleNamespace(now=NOW, cal=BusinessCalendar("Europe/Berlin", "DE"))
    short = "should I call again?"
    long = "I had an interview with Acme yesterday, should I call again? " * 10
    assert len(short) <= understood.INLINE_CHARS < len(long)
    await understood.read(turn, short)
    await understood.read(turn, long)
    assert threaded == [long]


def test_settle_heap_loads_the_city_index_and_freezes_what_is_loaded() -> None:
    gc.unfreeze()
    try:
        settle_heap()
        assert places._loaded is not None
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
