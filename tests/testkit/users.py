"""Users for tests that share a database: ids nobody else in the run uses."""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Awaitable, Callable

from bot.core.records import UserProfile

_ids = itertools.count(secrets.randbelow(10**6) * 10_000 + 10**9)

UserMaker = Callable[[], Awaitable[UserProfile]]
"""The ``make_user`` fixture: ``await make_user()`` stores a new user and returns it."""


def new_user_id() -> int:
    """A Telegram user id (and private chat id) that no other test of this run uses."""
    return next(_ids)
