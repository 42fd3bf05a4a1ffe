"""Plugging the nudges into the bot: ``install_nudges`` in post_init, ``shutdown_nudges`` after.

``install_nudges`` builds the :class:`Dispatcher` on the bot's sessions, clock and Bot API
client (:func:`direct_bot`), registers the nudge buttons (action ``n``) and the plan
listener that re-arms the clock, and starts the :class:`NudgeService` (which runs once at
start for whatever fell due while the bot was down). ``shutdown_nudges`` belongs in
``post_stop``: the Bot API client is still open there, so messages in flight finish and
other claims are handed back.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Bot
from telegram.ext import Application

from bot.config import Settings
from bot.scheduling.dispatcher import DispatchConfig, Dispatcher
from bot.scheduling.service import NudgeService

__all__ = ["SERVICE_KEY", "direct_bot", "install_nudges", "shutdown_nudges"]

log = logging.getLogger(__name__)

SERVICE_KEY = "nudges"
"""Where the running :class:`NudgeService` is kept in ``application.bot_data``."""

AnyApp = Application[Any, Any, Any, Any, Any, Any]


async def install_nudges(
    app: AnyApp,
    settings: Settings,
    *,
    bot: Bot | None = None,
    config: DispatchConfig | None = None,
    start: bool = True,
) -> NudgeService:
    """Create, register and (unless ``start=False``) start the nudge service of ``app``."""
    from bot.scheduling.buttons import on_nudge_button
    from bot.scheduling.messages import ACTION
    from bot.telegram import handlers
    from bot.telegram.runtime import Deps

    existing = app.bot_data.get(SERVICE_KEY)
    if isinstance(existing, NudgeService):
        return existing
    deps = app.bot_data["deps"]
    assert isinstance(deps, Deps)
    dispatcher = Dispatcher(
        deps.sessions,
        bot or direct_bot(app, settings),
        clock=deps.clock,
        config=config or DispatchConfig(rate_per_second=settings.rate_limit_per_second),
    )
    if app.job_queue is None:
        log.warning("PTB's job queue is missing (extra 'job-queue'); nudges run on start only")
    service = NudgeService(dispatcher, job_queue=app.job_queue, clock=deps.clock)
    handlers.EXTRA_BUTTONS[ACTION] = on_nudge_button
    deps.plan_listeners.append(service.plan_changed)
    app.bot_data[SERVICE_KEY] = service
    if start:
        await service.start()
    return service


def direct_bot(app: AnyApp, settings: Settings) -> Bot:
    """A Bot on the application's own HTTP client and token, without its rate limiter.

    The dispatcher paces its sends and handles ``RetryAfter``, 5xx and lost answers per
    nudge (so a possible duplicate is logged with the nudge's id); going through the
    application's limiter as well would stack two rounds of retries. The HTTP client is
    shared, never shut down here: the application closes it.
    """
    request = app.bot.request
    return Bot(
        app.bot.token,
        base_url=settings.telegram_api_base_url,
        base_file_url=settings.telegram_api_base_url.replace("/bot", "/file/bot"),
        request=request,
        get_updates_request=request,
    )


async def shutdown_nudges(app: AnyApp) -> None:
    """Stop the nudge service of ``app`` (if installed) and unregister its plan listener."""
    from bot.telegram.runtime import Deps

    service = app.bot_data.pop(SERVICE_KEY, None)
    if not isinstance(service, NudgeService):
        return
    deps = app.bot_data.get("deps")
    if isinstance(deps, Deps) and service.plan_changed in deps.plan_listeners:
        deps.plan_listeners.remove(service.plan_changed)
    await service.stop()
