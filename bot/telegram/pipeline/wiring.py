"""Plugging the pipeline into the PTB Application.

:func:`wire` (in ``build_application``) makes the parts every turn needs: the write gate,
the group commits and the reply sender, paced with the :class:`~bot.scheduling.pacing.
Pacer` the nudges share. Handlers driven directly through ``Application.process_update``
(the tests, the terminal chat) use just these. :func:`start_pipeline` (post_init) adds the
inbox, the lanes and recovery; :func:`stop_pipeline` (post_stop) finishes the turns in
flight and leaves the rest in the inbox.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.ext import Application

from bot.config import Settings
from bot.scheduling.pacing import Pacer
from bot.telegram.pipeline.core import FloodGuard, Pipeline
from bot.telegram.pipeline.sender import ReplySender
from bot.telegram.pipeline.writes import Acks, WriteGate

__all__ = ["WIRING_KEY", "Wiring", "start_pipeline", "stop_pipeline", "wire", "wiring_of"]

log = logging.getLogger(__name__)

WIRING_KEY = "pipeline"
ACK_DELAY = 0.05
"""Seconds a "reply delivered" mark waits for more (or for a turn whose commit carries it):
one transaction for many marks instead of one each. A crash in between only sends those
replies once more (delivery is at least once)."""
App = Application[Any, Any, Any, Any, Any, Any]


@dataclass
class Wiring:
    gate: WriteGate
    acks: Acks
    sender: ReplySender
    pacer: Pacer | None
    workers: int = 64
    pipeline: Pipeline | None = None
    hinted: OrderedDict[int, None] = field(default_factory=OrderedDict)
    """Chats told that an edit changes nothing (bounded; at most once each)."""

    def first_hint(self, chat: int, *, keep: int = 10_000) -> bool:
        if chat in self.hinted:
            return False
        self.hinted[chat] = None
        while len(self.hinted) > keep:
            self.hinted.popitem(last=False)
        return True


def wire(
    bot_data: MutableMapping[str, Any],
    *,
    bot: Bot,
    sessions: async_sessionmaker[AsyncSession],
    clock: Callable[[], datetime],
    pacer: Pacer | None,
    workers: int = 64,
) -> Wiring:
    gate = WriteGate(sessions)
    acks = Acks(gate, clock, delay=ACK_DELAY)
    sender = ReplySender(bot, gate=gate, acks=acks, clock=clock, pacer=pacer)
    wiring = Wiring(gate=gate, acks=acks, sender=sender, pacer=pacer, workers=workers)
    bot_data[WIRING_KEY] = wiring
    return wiring


def wiring_of(bot_data: MutableMapping[str, Any]) -> Wiring:
    wiring = bot_data[WIRING_KEY]
    assert isinstance(wiring, Wiring)
    return wiring


async def start_pipeline(
    app: App, settings: Settings | None = None, *, flood: FloodGuard | None = None
) -> Pipeline:
    """Recover what a previous run left, then start the lanes (idempotent)."""
    wiring = wiring_of(app.bot_data)
    if wiring.pipeline is not None:
        return wiring.pipeline
    from bot.telegram.runtime import Deps

    deps = app.bot_data["deps"]
    assert isinstance(deps, Deps)
    if flood is None and settings is not None:
        per_minute = settings.rate_limit_chat_updates_per_minute
        flood = FloodGuard(burst=per_minute, per_second=per_minute / 60)
    pipeline = Pipeline(
        app,
        gate=wiring.gate,
        sender=wiring.sender,
        clock=deps.clock,
        workers=wiring.workers,
        flood=flood,
    )
    await pipeline.recover()
    pipeline.start()
    wiring.pipeline = pipeline
    return pipeline


async def stop_pipeline(app: App) -> None:
    wiring = app.bot_data.get(WIRING_KEY)
    if not isinstance(wiring, Wiring) or wiring.pipeline is None:
        return
    pipeline, wiring.pipeline = wiring.pipeline, None
    await pipeline.stop()
