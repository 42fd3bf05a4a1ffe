"""Pacing sends to Telegram: a global rate, one message per second per chat, ``retry_after``.

Telegram allows a bot about 30 messages per second overall and one per second in a private
chat (short bursts tolerated), and answers 429 with ``retry_after`` when it is pushed.
:class:`Pacer` spaces the starts of sends evenly (``1/rate`` apart), keeps each chat to one
send per ``per_chat`` seconds on average with at most ``per_chat_burst`` at once (a token
bucket: the two or three messages of one answer go out together, a steady stream is held to
the rate), and holds a chat until the moment a 429 named: a send to that chat never goes out
before it, and no burst follows a hold.

Spacing alone is neither a bound nor efficient: a busy event loop wakes a task late, the
next one, woken on time, starts right after it, and the time lost is never made up. So the
spacing may catch up on up to ``catch_up`` seconds of lost slots, and the actual start times
are kept in a sliding window of the last ``rate`` starts: a send waits while the oldest of
them is less than a second (plus ``margin``, for the jitter between a start here and its
arrival at Telegram) ago. No one-second window ever holds more than ``rate`` starts.

Time comes from an injected monotonic clock and sleep, so tests can run it on a fake clock.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Protocol

__all__ = ["Monotonic", "Pacer", "Sleep", "SlotSource"]

Monotonic = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]

FORGET_ABOVE = 256
"""Chats remembered before those whose spacing has passed are dropped: a chat is then held
about ``per_chat`` seconds after its send, not until thousands of other chats came by (each
entry lingering that long pins memory the allocator cannot give back)."""


class SlotSource(Protocol):
    """Hands out global send slots (a monotonic moment), or ``None`` when it cannot."""

    async def take(self) -> float | None: ...


class Pacer:
    """Decides when the next send may start; one instance per dispatcher."""

    def __init__(
        self,
        rate_per_second: float,
        *,
        per_chat_seconds: float = 1.0,
        per_chat_burst: int = 1,
        catch_up_seconds: float = 0.1,
        margin_seconds: float = 0.02,
        monotonic: Monotonic = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        shared: SlotSource | None = None,
    ) -> None:
        if rate_per_second <= 0:
            raise ValueError("rate_per_second must be positive")
        if per_chat_burst < 1:
            raise ValueError("per_chat_burst must be at least 1")
        self.interval = 1.0 / rate_per_second
        self.per_chat = per_chat_seconds
        # How far a chat's next moment may lie ahead of a send (the bucket's depth in time).
        self._burst_span = (per_chat_burst - 1) * per_chat_seconds
        self._monotonic = monotonic
        self._sleep = sleep
        self._shared = shared  # slots shared with other instances (bot.scheduling.shared_rate)
        self._next_slot = 0.0
        self.catch_up = catch_up_seconds
        capacity = max(1, math.floor(rate_per_second))
        # 1 s unless the rate is below one, plus a margin for the jitter between a send's
        # start here and its arrival at Telegram.
        self._window = capacity / rate_per_second + margin_seconds
        self._reserved: deque[float] = deque(maxlen=capacity)
        self._starts: deque[float] = deque(maxlen=capacity)
        self._chat_ready: dict[int, float] = {}
        """Per chat, the moment from which it may receive again: its bucket has a token and
        no ``retry_after`` holds it (the generic cell rate algorithm's arrival time, less the
        burst span)."""
        self._prune_above = FORGET_ABOVE

    def chat_ready_at(self, chat_id: int) -> float:
        """The monotonic moment from which ``chat_id`` may receive the next message."""
        return self._chat_ready.get(chat_id, 0.0)

    def hold(self, chat_id: int, seconds: float) -> float:
        """Telegram said "retry after ``seconds``" for this chat; returns the moment it ends."""
        until = self._monotonic() + max(seconds, 0.0)
        self._chat_ready[chat_id] = max(self._chat_ready.get(chat_id, 0.0), until)
        return until

    async def wait_for_chat(self, chat_id: int) -> None:
        """Sleep until the chat may receive again (its spacing and any ``retry_after``)."""
        while True:
            wait = self._chat_ready.get(chat_id, 0.0) - self._monotonic()
            if wait <= 0:
                return
            await self._sleep(wait)

    async def turn(self, chat_id: int) -> None:
        """Wait for this chat, then for a global slot; on return the send may start."""
        await self.wait_for_chat(chat_id)
        now = self._monotonic()
        # A late wake-up may be made up for (catch_up seconds at most), but the slots handed
        # out never put more than ``rate`` into one window: each waiter gets its own time.
        slot = max(now - self.catch_up, self._next_slot)
        if len(self._reserved) == self._reserved.maxlen:
            slot = max(slot, self._reserved[0] + self._window)
        self._reserved.append(slot)
        self._next_slot = slot + self.interval
        before = self._chat_ready.get(chat_id, 0.0)
        self._chat_ready[chat_id] = self._after_send(before, slot)  # reserved: no double take
        if self._shared is not None:
            # The rate is the bot's, not this process's: other instances take slots too.
            shared_slot = await self._shared.take()
            if shared_slot is not None:
                slot = max(slot, shared_slot)
            now = self._monotonic()
        if slot > now:
            await self._sleep(slot - now)
        # A task woken late can start right before one woken on time: check the real starts.
        while len(self._starts) == self._starts.maxlen:
            wait = self._starts[0] + self._window - self._monotonic()
            if wait <= 0:
                break
            await self._sleep(wait)
        start = self._monotonic()
        self._starts.append(start)
        # The chat's spacing counts from the real start, which may be later than the slot.
        self._chat_ready[chat_id] = max(
            self._chat_ready.get(chat_id, 0.0), self._after_send(before, start)
        )
        self._forget_idle(start)

    def _after_send(self, ready: float, start: float) -> float:
        """The chat's next moment after a send at ``start``: one token spent."""
        return max(ready, start - self._burst_span) + self.per_chat

    def _forget_idle(self, now: float) -> None:
        # Keep memory flat: now and then, drop chats whose bucket is full again (forgetting
        # one changes nothing: an unknown chat has a full bucket too).
        if len(self._chat_ready) > self._prune_above:
            for chat_id, ready in list(self._chat_ready.items()):
                if ready + self._burst_span < now:
                    del self._chat_ready[chat_id]
            self._prune_above = max(FORGET_ABOVE, 2 * len(self._chat_ready))
