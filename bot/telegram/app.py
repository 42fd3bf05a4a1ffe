"""Building the PTB ``Application``: handlers, command menu, database, and the way in."""

from __future__ import annotations

import asyncio
import functools
import logging
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, Defaults
from telegram.request import BaseRequest

from bot.config import Settings
from bot.places import index_ready
from bot.scheduling.pacing import Pacer
from bot.scheduling.shared_rate import SharedSlots
from bot.storage import repo
from bot.storage.db import make_engine, make_sessionmaker
from bot.storage.mailbox import PRUNE_CHUNK
from bot.telegram import commands, handlers
from bot.telegram.httpclient import AiohttpRequest
from bot.telegram.nudges import direct_bot, install_nudges, shutdown_nudges
from bot.telegram.pipeline.wiring import start_pipeline, stop_pipeline, wire, wiring_of
from bot.telegram.ratelimit import PatientRateLimiter
from bot.telegram.runtime import Clock, Deps, system_clock

log = logging.getLogger(__name__)

HTTP_CONNECTIONS = 64
"""Connections to the Bot API kept for sends (getUpdates has its own): one per lane of the
pipeline (64), so a reply never queues for a connection behind other chats' sends. With 16,
at 100 updates/s, 30 nudges/s and the Bot API answering in 50 ms, replies waited for one
and the bot-side p99 was 35-120 ms; with 64 it was 13 ms (bench/updates.py)."""
POOL_WAIT_SECONDS = 30.0
"""How long a send may wait for a free connection before it counts as a network failure."""

App = Application[Any, Any, Any, Any, Any, Any]


def build_application(
    settings: Settings,
    *,
    token: str,
    engine: AsyncEngine | None = None,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    clock: Clock = system_clock,
    rate_limit: bool = True,
) -> App:
    """The whole bot as one PTB Application (no network until it is initialised).

    ``request``/``updates_request`` replace PTB's HTTP client (the terminal chat and the
    handler tests answer the Bot API in-process); ``clock`` lets tests move time.
    """
    engine = engine or make_engine(settings.database_url)
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_base_url.replace("/bot", "/file/bot"))
        .post_init(functools.partial(_post_init, settings=settings))
        .post_stop(_post_stop)
        .post_shutdown(_dispose_engine)
        .concurrent_updates(False)
        # Every text the bot sends is HTML (escaped where the user typed it), no previews.
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .application_class(LeanApplication)
        .updater(None)  # bot.telegram.pipeline.polling fetches updates (stored, then confirmed)
    )
    if request is not None:
        builder = builder.request(request)
    else:
        # aiohttp, not PTB's httpx: an eighth of the CPU per request (bot.telegram.httpclient).
        # 16 connections carry far more than Telegram's ~30 messages a second, and a send
        # waits for a free one instead of failing after PTB's 1 s pool timeout.
        builder = builder.request(AiohttpRequest(HTTP_CONNECTIONS, pool_timeout=POOL_WAIT_SECONDS))
    if updates_request is None:
        updates_request = AiohttpRequest(1)  # one long poll at a time
    builder = builder.get_updates_request(updates_request)
    if rate_limit:
        # Telegram's pace and retry_after, plus retries of 5xx and dropped connections.
        limiter = PatientRateLimiter(rate_per_second=settings.rate_limit_per_second)
        builder = builder.rate_limiter(limiter)  # type: ignore[arg-type]
    app: App = builder.build()
    app.bot_data["deps"] = Deps(
        sessions=make_sessionmaker(engine),
        clock=clock,
        default_nudge_hour=settings.default_nudge_hour,
    )
    app.bot_data["engine"] = engine
    # Replies and nudges share one pacer: the global rate, each chat's spacing and every
    # retry_after Telegram gave for a chat. Replies go out on a Bot without PTB's limiter,
    # whose 429 handling would hold every chat.
    pacer = None
    if rate_limit:
        # On PostgreSQL several instances may run: the rate is shared through the database.
        shared = (
            SharedSlots(engine, rate_per_second=settings.rate_limit_per_second)
            if engine.dialect.name == "postgresql"
            else None
        )
        pacer = Pacer(
            settings.rate_limit_per_second,
            per_chat_seconds=settings.rate_limit_per_chat_seconds,
            per_chat_burst=settings.rate_limit_per_chat_burst,
            shared=shared,
        )
    app.bot_data["pacer"] = pacer
    wire(
        app.bot_data,
        bot=direct_bot(app, settings) if rate_limit else app.bot,
        sessions=app.bot_data["deps"].sessions,
        clock=clock,
        pacer=pacer,
    )
    handlers.register(app)
    return app


class LeanApplication(Application):  # type: ignore[type-arg]
    """PTB's Application without its per-user memory: with no persistence configured, PTB
    still adds every chat and user id it sees to two sets that only persistence empties."""

    def _mark_for_persistence_update(self, *, update: object = None, job: object = None) -> None:
        if self.persistence is not None:
            super()._mark_for_persistence_update(update=update, job=job)  # type: ignore[arg-type]


async def _post_init(app: App, settings: Settings | None = None) -> None:
    # The city index: loaded in a worker thread (tens of milliseconds), never on the loop.
    await index_ready()
    menu = [BotCommand(c.name, c.help) for c in commands.MENU if c.name and c.help]
    await app.bot.set_my_commands(menu)
    log.info("HearBack is up as @%s", app.bot.username)
    if app.job_queue is not None:
        app.job_queue.run_repeating(forget_old_updates, interval=PRUNE_EVERY, first=60)
    if settings is not None:
        await install_nudges(app, settings)  # the scheduled nudges
    await start_pipeline(app, settings)  # recovers what a previous run left, then handles updates


async def _post_stop(app: App) -> None:
    await stop_pipeline(app)  # the turns in flight finish; the rest waits in the inbox
    await shutdown_nudges(app)


async def _dispose_engine(app: App) -> None:
    """Close the database connections when the bot stops: the last SQLite connection to
    close checkpoints the write-ahead log into the database file and removes it."""
    engine = app.bot_data.get("engine")
    if isinstance(engine, AsyncEngine):
        await engine.dispose()


PRUNE_EVERY = timedelta(hours=1)
KEEP_UPDATE_IDS = timedelta(days=2)  # Telegram keeps undelivered updates for 24 hours


async def forget_old_updates(context: Any) -> int:
    """Drop update ids old enough that Telegram can no longer deliver them again.

    In chunks, each its own short transaction, so turns get the write lock in between.
    """
    deps = context.bot_data["deps"]
    assert isinstance(deps, Deps)
    wiring = wiring_of(context.bot_data)
    before = deps.clock() - KEEP_UPDATE_IDS
    dropped = 0
    while True:
        async with wiring.gate.write() as session:
            chunk = await repo.prune_processed_updates(session, before=before, limit=PRUNE_CHUNK)
        dropped += chunk
        if chunk < PRUNE_CHUNK:
            break
        await asyncio.sleep(0)
    if wiring.pipeline is not None:
        dropped += await wiring.pipeline.prune()
    if dropped:
        log.info("forgot %d old update ids", dropped)
    return dropped
