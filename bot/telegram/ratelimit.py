"""The Bot API client's rate limiter: Telegram's pace, its ``retry_after``, and retries.

PTB's :class:`~telegram.ext.AIORateLimiter` keeps the overall rate and, on a 429, holds
every request for ``retry_after`` seconds (plus a margin) before trying again, so nothing
goes out early. It does nothing about a 5xx or a dropped connection: the reply of a handler
was then simply lost (the end-to-end fault tests showed it). :class:`PatientRateLimiter` adds
a few retries with exponential backoff for those transient failures.

What is never retried: ``BadRequest`` (the request is wrong; the same request stays wrong),
``Forbidden`` (the user blocked the bot: the error handler marks them), an invalid token,
and ``Conflict``. ``getUpdates`` does not pass through a rate limiter at all (PTB's updater
has its own retry loop).

A timeout or a connection dropped after the request was sent may hide a message that did
arrive; retrying it can then show the user the same reply twice, which beats losing it.
Such retries are logged as possible duplicates.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)
from telegram.ext import AIORateLimiter

from bot.botapi import may_have_arrived

__all__ = ["PatientRateLimiter"]

log = logging.getLogger(__name__)

JSONDict = dict[str, Any]
Result = bool | JSONDict | list[JSONDict]
Sleep = Callable[[float], Awaitable[None]]

_FINAL = (BadRequest, Forbidden, InvalidToken, Conflict, ChatMigrated, RetryAfter)


class PatientRateLimiter(AIORateLimiter):
    """:class:`AIORateLimiter` that also retries 5xx answers and network failures."""

    def __init__(
        self,
        *,
        rate_per_second: float = 30.0,
        flood_retries: int = 8,
        network_retries: int = 4,
        backoff_seconds: float = 0.5,
        backoff_cap_seconds: float = 10.0,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        super().__init__(overall_max_rate=rate_per_second, max_retries=flood_retries)
        self.network_retries = network_retries
        self.backoff_seconds = backoff_seconds
        self.backoff_cap_seconds = backoff_cap_seconds
        self._sleep = sleep

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        failures = 0
        while True:
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except _FINAL:
                raise
            except NetworkError as exc:  # 5xx, dropped connections, timeouts
                if failures >= self.network_retries:
                    raise
                failures += 1
                delay = min(self.backoff_cap_seconds, self.backoff_seconds * 2 ** (failures - 1))
                doubt = " (may have arrived: possible duplicate)" if may_have_arrived(exc) else ""
                log.warning(
                    "Bot API %s failed with %s%s; retry %d of %d in %.1f s",
                    endpoint,
                    type(exc).__name__,
                    doubt,
                    failures,
                    self.network_retries,
                    delay,
                )
                await self._sleep(delay)
