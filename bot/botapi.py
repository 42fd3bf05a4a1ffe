"""What the bot knows about the Bot API client itself: which failures may hide a delivered
message, how long a 429 asks us to wait, and the one raw call that skips PTB's objects.

Both ways out to Telegram use this module: the handlers' rate limiter
(:mod:`bot.telegram.ratelimit`) and the nudge dispatcher (:mod:`bot.scheduling.dispatcher`),
so they judge a failed request the same way.
"""

from __future__ import annotations

import warnings
from datetime import timedelta
from typing import Any

import aiohttp
import httpx
from telegram import Bot
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.warnings import PTBDeprecationWarning

__all__ = ["NOT_SENT_CAUSES", "describe", "may_have_arrived", "post", "retry_seconds"]

NOT_SENT_CAUSES: tuple[type[BaseException], ...] = (
    # The bot's own client (bot.telegram.httpclient): no connection made, or none in time.
    aiohttp.ClientConnectorError,
    aiohttp.ConnectionTimeoutError,
    # PTB's httpx client (the terminal chat and some tests use it).
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
)
"""Causes that show the request never left this machine: nothing can have been sent."""


def may_have_arrived(exc: NetworkError) -> bool:
    """True when the request may have reached Telegram although no answer came back.

    A timeout or a connection dropped after the request was written may hide a message that
    did arrive; a retry can then show it twice. Telegram's own 5xx answer (a ``NetworkError``
    without a cause) and a request that never left (:data:`NOT_SENT_CAUSES`) cannot.
    """
    cause = exc.__cause__
    if isinstance(exc, TimedOut):
        return not isinstance(cause, NOT_SENT_CAUSES)
    return cause is not None and not isinstance(cause, NOT_SENT_CAUSES)


def retry_seconds(exc: RetryAfter) -> float:
    """The wait a 429 asks for, in seconds (PTB gives an int or a timedelta by version)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value: Any = exc.retry_after
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value)


def describe(exc: BaseException) -> str:
    """One line naming the error for a log or a nudge's error column (at most 300 chars)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:300]


async def post(bot: Bot, method: str, data: dict[str, Any]) -> Any:
    """Call ``method`` with a JSON-ready ``data`` dict; returns Telegram's raw ``result``.

    ``Bot._post`` is what every PTB ``Bot`` method calls: the same request, the same errors
    (RetryAfter, Forbidden, BadRequest, NetworkError) and, on an ``ExtBot``, the same rate
    limiter; only the answer is left as JSON instead of being turned into objects. It is
    private to PTB, so this is the only place that calls it, and
    ``tests/test_botapi.py`` fails if PTB changes it.
    """
    return await bot._post(method, data)
