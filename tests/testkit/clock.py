"""A clock a test holds in its hand, and the moment most tests start at."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

NOW = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)
"""Wednesday 18 November 2026, 15:00 UTC: a business day, 10:00 in New York and 16:00 in
Berlin, so inside everyone's hours."""


@dataclass
class Clock:
    """An aware "now" that moves only when the test says so; pass it where code takes a
    ``clock`` (the bot, the dispatcher, the nudge service)."""

    now: datetime

    def __post_init__(self) -> None:
        if self.now.tzinfo is None:
            raise ValueError("a Clock holds an aware datetime")

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("a Clock holds an aware datetime")
        self.now = moment

    def advance(self, **delta: float) -> None:
        """Move forward by ``timedelta(**delta)``, e.g. ``clock.advance(days=2)``."""
        self.now += timedelta(**delta)
