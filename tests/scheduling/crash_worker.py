"""A dispatcher process that SIGKILLs itself at a chosen point (used by test_crash.py).

    python crash_worker.py DATABASE_URL BOT_API_BASE_URL TOKEN NOW_ISO claim|send N

``claim``: dies right after its first claim was committed, before anything is sent.
``send``: dies right after the N-th message was sent, before it is recorded as sent.
Exit code 3 means it was never killed (the test then fails).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Sequence
from datetime import datetime

from telegram import Bot
from telegram.request import HTTPXRequest

from bot.scheduling.dispatcher import DispatchConfig, Dispatcher, DispatchHooks
from bot.storage.db import make_engine, make_sessionmaker
from bot.storage.nudges import ClaimedNudge
from bot.telegram.nudges import render_nudge


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


async def main(url: str, base_url: str, token: str, now: datetime, mode: str, after: int) -> int:
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    sent = 0

    async def after_claim(batch: Sequence[ClaimedNudge]) -> None:
        if mode == "claim":
            die()

    async def after_send(nudge: ClaimedNudge) -> None:
        nonlocal sent
        sent += 1
        if mode == "send" and sent == after:
            die()

    request = HTTPXRequest(connection_pool_size=4, httpx_kwargs={"verify": False})
    config = DispatchConfig(rate_per_second=1000, per_chat_seconds=0.0, max_in_flight=1)
    async with Bot(token, base_url=base_url, request=request) as bot:
        dispatcher = Dispatcher(
            sessions,
            bot,
            render=render_nudge,
            clock=lambda: now,
            config=config,
            hooks=DispatchHooks(after_claim=after_claim, after_send=after_send),
        )
        await dispatcher.run()
    await engine.dispose()
    return 3


if __name__ == "__main__":
    url, base, token, when, mode, after = sys.argv[1:7]
    sys.exit(asyncio.run(main(url, base, token, datetime.fromisoformat(when), mode, int(after))))
