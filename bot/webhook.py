"""``hearback webhook``: Telegram posts updates to a small aiohttp server of ours.

- ``POST <path of WEBHOOK_URL>``: one update. The ``X-Telegram-Bot-Api-Secret-Token``
  header must equal ``WEBHOOK_SECRET`` (compared in constant time); without it, or with a
  wrong one, the answer is 403 and nothing is processed. The update is stored in the
  inbox *before* the answer goes back: if the process dies before that commit, Telegram
  gets no answer and delivers the update again; after it, the update is handled from the
  inbox (also after a restart). A second delivery of a stored update is recognised by its
  id. Updates are handled as in polling mode: per chat in order, chats side by side.
- ``GET /healthz``: 200 ``{"ok": true}`` when a heartbeat row can be written, else 503
  (for load balancers, Docker's HEALTHCHECK and ``hearback health``).

``WEBHOOK_URL`` is the public HTTPS URL Telegram posts to; the server answers on the same
path (``https://bot.example.com`` alone means ``https://bot.example.com/telegram``), so a
reverse proxy can pass requests through unchanged. ``WEBHOOK_LISTEN``/``WEBHOOK_PORT`` say
where the server listens. Several instances may run behind one URL against one PostgreSQL
database: conversations live in the database, each update id is handled once, and nudges
are claimed atomically. Stopping one instance never deletes the webhook.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import signal
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot.config import ConfigError, Settings
from bot.health import HEALTH_PATH, HEALTH_TIMEOUT_SECONDS, check_health
from bot.storage.health import HEARTBEAT_HEALTH, write_problem
from bot.telegram.callbacks import MAX_ID
from bot.telegram.pipeline.wiring import wiring_of

__all__ = [
    "DEFAULT_PATH",
    "HEALTH_PATH",
    "SECRET_HEADER",
    "WebhookConfig",
    "check_health",
    "make_web_app",
    "serve",
    "webhook_config",
]

log = logging.getLogger(__name__)

App = Application[Any, Any, Any, Any, Any, Any]

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DEFAULT_PATH = "/telegram"
MAX_UPDATE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class WebhookConfig:
    """Where to listen, the URL Telegram posts to, the local path, and the shared secret."""

    listen: str
    port: int
    public_url: str
    path: str
    secret: str


def webhook_config(settings: Settings) -> WebhookConfig:
    """The webhook set-up from the settings, or :class:`ConfigError` in one line."""
    if not settings.webhook_url or settings.webhook_secret is None:
        raise ConfigError(
            "webhook mode needs WEBHOOK_URL (the public https URL Telegram posts to) and "
            "WEBHOOK_SECRET (1-256 characters A-Z a-z 0-9 _ -); see .env.example"
        )
    parts = urlsplit(settings.webhook_url.strip())
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ConfigError("WEBHOOK_URL must be an https URL like https://bot.example.com/telegram")
    path = parts.path.rstrip("/") or DEFAULT_PATH
    if path == HEALTH_PATH:
        raise ConfigError(f"WEBHOOK_URL must not end in {HEALTH_PATH} (the health check's path)")
    public_url = urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))
    return WebhookConfig(
        listen=settings.webhook_listen,
        port=settings.webhook_port,
        public_url=public_url,
        path=path,
        secret=settings.webhook_secret.get_secret_value(),
    )


# --- the HTTP application ----------------------------------------------------------------------


def make_web_app(app: App, *, secret: str, path: str, engine: AsyncEngine) -> web.Application:
    """The aiohttp application: the update endpoint at ``path`` and ``/healthz``."""
    expected = secret.encode()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            log.warning("webhook request without the right secret token: refused (403)")
            return web.Response(status=403, text="forbidden")
        update = parse_update(await request.read(), app)
        if update is None:
            # One line, and nothing of the body: it may hold what a user typed.
            log.warning("webhook request with a body that is not an update: refused (400)")
            return web.Response(status=400, text="not an update")
        # Stored before the answer: a crash before the commit means Telegram delivers the
        # update again; after it, the inbox has it (bot.telegram.pipeline).
        pipeline = wiring_of(app.bot_data).pipeline
        if pipeline is None:
            return web.Response(status=503, text="starting")
        try:
            await pipeline.receive([update])
        except Exception as exc:
            # Not stored: Telegram is to deliver it again later.
            log.warning("could not store an update (%s); Telegram will retry", type(exc).__name__)
            return web.Response(status=503, text="database unavailable; deliver again later")
        return web.Response(status=200)

    async def health(request: web.Request) -> web.Response:
        problem = await database_problem(engine)
        if problem is None:
            return web.json_response({"ok": True, "database": "ok"})
        return web.json_response({"ok": False, "database": problem}, status=503)

    web_app = web.Application(client_max_size=MAX_UPDATE_BYTES)
    web_app.router.add_post(path, receive)
    web_app.router.add_get(HEALTH_PATH, health)
    return web_app


def parse_update(body: bytes, app: App) -> Update | None:
    """The update in a request body, or ``None`` when PTB cannot make one of it.

    An update is a JSON object with an integer ``update_id`` in range; whatever else PTB
    raises on a malformed body (``{"message": "x"}`` raises AttributeError) means "not an
    update" too, so such a request gets 400 instead of an unhandled 500.
    """
    try:
        data = json.loads(body)
        if not isinstance(data, dict):
            return None
        update_id = data.get("update_id")
        if type(update_id) is not int or not 0 <= update_id <= MAX_ID:
            return None
        update = Update.de_json(data, app.bot)
    except Exception:  # PTB's parsers raise many kinds on a malformed body
        return None
    return update if isinstance(update, Update) else None


async def database_problem(
    engine: AsyncEngine, seconds: float = HEALTH_TIMEOUT_SECONDS
) -> str | None:
    """``None`` when a heartbeat is written within ``seconds``, else what went wrong (one
    line): a database that answers reads but cannot be written is not healthy."""
    return await write_problem(engine, HEARTBEAT_HEALTH, seconds)


# --- running -----------------------------------------------------------------------------------


async def serve(app: App, settings: Settings, *, stop: asyncio.Event | None = None) -> None:
    """Run the bot behind the webhook until SIGTERM/SIGINT (or ``stop`` is set).

    The same life cycle as PTB's ``run_*``: initialize, ``post_init``, start, then the
    server and ``setWebhook``; at the end the server stops taking updates (letting the ones
    in flight finish), then stop, ``post_stop``, shutdown, ``post_shutdown``.
    """
    config = webhook_config(settings)
    engine = app.bot_data["engine"]
    assert isinstance(engine, AsyncEngine)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    runner = web.AppRunner(
        make_web_app(app, secret=config.secret, path=config.path, engine=engine),
        access_log=None,
        handle_signals=False,
        shutdown_timeout=30.0,
    )
    await app.initialize()
    try:
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        await runner.setup()
        await web.TCPSite(runner, config.listen, config.port).start()
        try:
            await app.bot.set_webhook(
                url=config.public_url,
                secret_token=config.secret,
                allowed_updates=Update.ALL_TYPES,
            )
        except TelegramError as exc:
            raise ConfigError(f"Telegram refused the webhook {config.public_url}: {exc}") from None
        log.info(
            "webhook server on %s:%d%s; Telegram posts to %s",
            config.listen,
            config.port,
            config.path,
            config.public_url,
        )
        await stop.wait()
        log.info("stopping: no new updates; letting the ones in flight finish")
    finally:
        await runner.cleanup()
        if app.running:
            await app.stop()
            if app.post_stop is not None:
                await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
        await engine.dispose()
