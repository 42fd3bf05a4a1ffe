"""The reply sender: a 429 holds only its chat; what cannot go out stays queued."""

from __future__ import annotations

import asyncio
import time
import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from telegram import Bot
from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.warnings import PTBDeprecationWarning
from testkit.waits import wait_budget

from bot.scheduling.dispatcher import DispatchConfig, Dispatcher
from bot.scheduling.pacing import Pacer
from bot.storage import mailbox
from bot.storage.db import make_engine, make_sessionmaker
from bot.storage.migrate import upgrade
from bot.telegram.nudges import render_nudge
from bot.telegram.pipeline.sender import ReplySender
from bot.telegram.pipeline.writes import Acks, WriteGate


class ScriptedBot:
    """Answers ``_post`` like the Bot API; ``faults[chat]`` lists exceptions to raise first."""

    def __init__(self, faults: dict[int, list[Exception]] | None = None) -> None:
        self.faults = faults or {}
        self.sent: list[tuple[float, int, str]] = []

    async def _post(self, method: str, data: dict[str, Any]) -> dict[str, Any]:
        chat = int(data["chat_id"])
        queue = self.faults.get(chat)
        if queue:
            raise queue.pop(0)
        self.sent.append((time.monotonic(), chat, str(data.get("text", method))))
        return {"message_id": len(self.sent)}


async def sender_on(tmp_path: Path, bot: ScriptedBot, pacer: Pacer | None) -> ReplySender:
    url = f"sqlite+aiosqlite:///{tmp_path / 's.db'}"
    await upgrade(url)
    gate = WriteGate(make_sessionmaker(make_engine(url)))
    clock = lambda: datetime(2026, 11, 18, tzinfo=UTC)  # noqa: E731
    return ReplySender(
        bot,  # type: ignore[arg-type]
        gate=gate,
        acks=Acks(gate, clock),
        clock=clock,
        pacer=pacer,
        backoff_seconds=0.0,
    )


def queued(chat: int, *texts: str) -> list[mailbox.QueuedReply]:
    return [
        mailbox.QueuedReply(n, chat, mailbox.Outgoing(t)) for n, t in enumerate(texts, chat * 10)
    ]


async def test_a_retry_after_holds_only_its_chat(tmp_path: Path) -> None:
    # The window is what six sends need on an idle machine, times the tolerance factor: the
    # others must all be through while chat 1 is still inside it.
    window = wait_budget(0.3)
    with warnings.catch_warnings():  # PTB warns about its own retry_after type while building
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        flood = RetryAfter(timedelta(seconds=window))
    bot = ScriptedBot({1: [flood]})
    sender = await sender_on(tmp_path, bot, Pacer(1000, per_chat_seconds=0))
    began = time.monotonic()
    held = asyncio.create_task(sender.deliver(queued(1, "to the held chat")))
    others = [sender.deliver(queued(chat, f"to {chat}")) for chat in range(2, 8)]
    assert all(await asyncio.gather(*others))
    others_done = time.monotonic() - began
    assert await held
    by_chat = {chat: at - began for at, chat, _ in bot.sent}
    assert others_done < window  # nobody waited for chat 1's window
    assert by_chat[1] >= window  # and chat 1 was not written to inside it


async def test_a_reply_that_cannot_go_out_stays_queued_with_the_later_ones(
    tmp_path: Path,
) -> None:
    failures: list[Exception] = [NetworkError("down")] * 5
    bot = ScriptedBot({3: failures})
    sender = await sender_on(tmp_path, bot, None)
    assert not await sender.deliver(queued(3, "first", "second"))
    assert bot.sent == [] and 3 in sender.behind
    assert await sender.deliver(queued(3, "first", "second"))
    assert [text for _, _, text in bot.sent] == ["first", "second"]
    assert 3 not in sender.behind


async def test_a_refused_reply_is_dropped_and_the_next_goes_out(tmp_path: Path) -> None:
    bot = ScriptedBot({4: [BadRequest("message is too long")]})
    sender = await sender_on(tmp_path, bot, None)
    assert await sender.deliver(queued(4, "refused", "fine"))
    assert [text for _, _, text in bot.sent] == ["fine"]


def test_nudges_may_keep_a_slower_rate_than_the_shared_pacer() -> None:
    shared = Pacer(1000)
    sessions: Any = object()
    slow = Dispatcher(
        sessions,
        Bot("123456:not-a-real-token"),
        render=render_nudge,
        clock=lambda: datetime.now(UTC),
        config=DispatchConfig(rate_per_second=30),
        pacer=shared,
    )
    assert slow.pacer is shared and slow._own_pace is not None
    assert slow._own_pace.interval == 1 / 30
    same = Dispatcher(
        sessions,
        Bot("123456:not-a-real-token"),
        render=render_nudge,
        clock=lambda: datetime.now(UTC),
        config=DispatchConfig(rate_per_second=1000),
        pacer=shared,
    )
    assert same._own_pace is None


async def test_delivered_marks_ride_along_with_a_turn_and_survive_its_rollback(
    tmp_path: Path,
) -> None:
    sender = await sender_on(tmp_path, ScriptedBot(), None)
    gate, acks = sender._gate, sender.acks
    async with gate.write() as session:
        rows = await mailbox.add_replies(
            session,
            chat_id=9,
            items=[mailbox.Outgoing("a"), mailbox.Outgoing("b")],
            at=datetime(2026, 11, 18, tzinfo=UTC),
        )
    acks._replies.extend(r.id for r in rows)  # delivered, not yet recorded

    async def unsent() -> int:
        async with gate.sessions() as session:
            return len(await mailbox.unsent_replies(session, chat_id=9))

    class TurnFailed(Exception):
        pass

    try:
        async with gate.write() as session:
            undo = await acks.ride_along(session)
            raise TurnFailed
    except TurnFailed:
        undo()
    assert await unsent() == 2 and sorted(acks._replies) == sorted(r.id for r in rows)
    async with gate.write() as session:
        await acks.ride_along(session)
    assert await unsent() == 0 and acks._replies == []
