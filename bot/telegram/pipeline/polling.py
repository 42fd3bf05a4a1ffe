"""``hearback run``: long polling that tells Telegram "received" only for stored updates.

Telegram keeps an update until a ``getUpdates`` asks for an offset past it. PTB's updater
asks for the next offset as soon as it has a batch in memory, so a crash loses whatever of
that batch was not handled yet. Here a batch is stored in the inbox first (one commit), and
only then is the next offset asked for; the lanes handle the stored updates meanwhile.

When the database cannot store a batch, the same offset is asked again after a backoff:
Telegram keeps the updates and hands them out again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update
from telegram.error import InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application

from bot.botapi import retry_seconds
from bot.telegram.pipeline.core import Pipeline
from bot.telegram.pipeline.wiring import wiring_of

__all__ = ["poll", "run_polling"]

log = logging.getLogger(__name__)

App = Application[Any, Any, Any, Any, Any, Any]

LONG_POLL_SECONDS = 10
BATCH = 100


async def poll(
    app: App,
    pipeline: Pipeline,
    stop: asyncio.Event,
    *,
    long_poll: int = LONG_POLL_SECONDS,
    backoff_cap: float = 30.0,
) -> None:
    """Fetch, store, confirm, until ``stop`` is set."""
    bot = app.bot
    offset: int | None = None
    failures = 0
    stopping = asyncio.ensure_future(stop.wait())
    try:
        while not stop.is_set():
            room = asyncio.ensure_future(pipeline.room())
            await asyncio.wait({room, stopping}, return_when=asyncio.FIRST_COMPLETED)
            room.cancel()
            if stop.is_set():
                return
            fetch = asyncio.ensure_future(
                bot.get_updates(
                    offset=offset,
                    limit=BATCH,
                    timeout=long_poll,
                    read_timeout=long_poll + 10,
                    allowed_updates=Update.ALL_TYPES,
                )
            )
            await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if not fetch.done():
                fetch.cancel()  # nothing of it is confirmed: Telegram hands it out again
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await fetch
                return
            delay = 0.0
            try:
                updates = list(fetch.result())
            except InvalidToken:
                raise
            except RetryAfter as exc:
                delay = retry_seconds(exc)
            except (NetworkError, TelegramError) as exc:
                failures += 1
                delay = min(backoff_cap, 0.5 * 2 ** min(failures, 8))
                log.warning(
                    "polling for updates failed with %s; trying again in %.1f s",
                    type(exc).__name__,
                    delay,
                )
            else:
                failures = 0
                if updates:
                    try:
                        await pipeline.receive(updates)
                    except Exception as exc:
                        # Not stored: keep the offset, Telegram keeps the updates.
                        failures += 1
                        delay = min(backoff_cap, 0.5 * 2 ** min(failures, 8))
                        log.warning(
                            "could not store %d updates (%s); asking again in %.1f s",
                            len(updates),
                            type(exc).__name__,
                            delay,
                        )
                    else:
                        offset = updates[-1].update_id + 1
            if delay > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), delay)
    finally:
        stopping.cancel()


async def run_polling(app: App, *, stop: asyncio.Event | None = None) -> None:
    """The bot in polling mode until SIGTERM/SIGINT (or ``stop``): PTB's life cycle
    (initialize, post_init, start ... stop, post_stop, shutdown) around :func:`poll`."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    await app.initialize()
    try:
        # A webhook left behind would make getUpdates fail (Telegram allows one way in).
        await app.bot.delete_webhook(drop_pending_updates=False)
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        pipeline = wiring_of(app.bot_data).pipeline
        if pipeline is None:
            raise RuntimeError("post_init did not start the update pipeline")
        log.info("polling for updates")
        await poll(app, pipeline, stop)
        log.info("stopping: no new updates; letting the ones in flight finish")
    finally:
        if app.running:
            await app.stop()
            if app.post_stop is not None:
                await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
        engine = app.bot_data.get("engine")
        if isinstance(engine, AsyncEngine):
            await engine.dispose()  # SQLite checkpoints its WAL into the file on close
