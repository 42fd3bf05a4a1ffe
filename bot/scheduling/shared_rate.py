"""One global send rate for several instances on one PostgreSQL database.

Telegram's limit is per bot, not per process: two instances each pacing themselves at
30 messages per second send 60. :class:`SharedSlots` hands out send slots from one row
(``send_slots``): each call moves the row's ``next_at`` on by ``1/rate`` in one atomic
``UPDATE ... RETURNING`` (the row lock orders the instances) and returns the slot it took,
on the database's clock, turned into this process's monotonic time (the offset between the
two clocks is estimated from the quickest round trip, as NTP does). The
:class:`~bot.scheduling.pacing.Pacer` of each instance then starts no send before its slot.

A slot in the past is not kept (``next_at`` never lags behind now), so an idle period gives
no burst afterwards. When the database does not answer, the pacer goes on with its local
pacing alone (logged once) rather than stopping every send.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

__all__ = ["SharedSlots"]

log = logging.getLogger(__name__)

_TAKE = text(
    "UPDATE send_slots SET next_at = GREATEST(next_at, clock_timestamp()) "
    "+ make_interval(secs => :step) WHERE name = :name "
    "RETURNING EXTRACT(EPOCH FROM next_at - make_interval(secs => :step)), "
    "EXTRACT(EPOCH FROM clock_timestamp())"
)
_CREATE = text(
    "INSERT INTO send_slots (name, next_at) VALUES (:name, clock_timestamp()) "
    "ON CONFLICT (name) DO NOTHING"
)


class SharedSlots:
    """Send slots shared through the database; ``await take()`` gives a monotonic moment."""

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        rate_per_second: float,
        name: str = "telegram",
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if rate_per_second <= 0:
            raise ValueError("the rate must be positive")
        self._engine = engine
        self.step = 1.0 / rate_per_second
        self.name = name
        self._monotonic = monotonic
        self._failing = False
        self.taken = 0
        self._best_trip = float("inf")
        self._offset = 0.0

    async def take_epoch(self) -> tuple[float, float]:
        """Take the next slot: ``(slot, database now)`` in seconds on the database's clock."""
        params = {"name": self.name, "step": self.step}
        async with self._engine.begin() as conn:
            row = (await conn.execute(_TAKE, params)).one_or_none()
            if row is None:  # the first take ever: make the row (or wait for who makes it)
                await conn.execute(_CREATE, {"name": self.name})
                row = (await conn.execute(_TAKE, params)).one()
        return float(row[0]), float(row[1])

    async def take(self) -> float | None:
        """The moment (monotonic) from which this process may start its next send, or
        ``None`` when the database could not be asked."""
        sent = self._monotonic()
        try:
            slot, db_now = await self.take_epoch()
        except Exception as exc:
            if not self._failing:
                log.warning(
                    "the shared send rate is unavailable (%s); pacing locally", type(exc).__name__
                )
            self._failing = True
            return None
        back = self._monotonic()
        if self._failing:
            log.info("the shared send rate is back")
            self._failing = False
        self.taken += 1
        # The database's clock against ours, from the quickest round trip seen (its error is
        # at most half of that trip), so slots keep their spacing here too.
        trip = back - sent
        if trip <= self._best_trip:
            self._best_trip = trip
            self._offset = db_now - (sent + back) / 2
        return max(back, slot - self._offset)
