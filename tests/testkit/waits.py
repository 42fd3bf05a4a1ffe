"""How long a test waits: every budget is an idle-machine figure times one tolerance factor.

A test never waits a fixed time for something to happen: it waits *until* it happens, up
to a budget, and the budget only matters when the thing never comes (then the test fails
with a message instead of hanging). On a quiet machine a reply takes well under a second;
on a 2-core machine running another job the same reply can take ten times as long. So every
budget is written as what the step needs on an idle machine and passed through
:func:`wait_budget`, which multiplies it by ``HEARBACK_TEST_TOLERANCE`` (default
:data:`DEFAULT_TOLERANCE`). A slow or crowded machine raises the factor; nothing else
changes. pytest-timeout (``timeout`` in ``pyproject.toml``) is the safety net above all of
it.

The same factor relaxes the few upper bounds a test puts on elapsed time (guards against
catastrophic regex backtracking, a long poll that returns early): such a guard only has to
tell "fast" from "runaway", which a constant factor does not blur.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from datetime import timedelta

TOLERANCE_ENV = "HEARBACK_TEST_TOLERANCE"
DEFAULT_TOLERANCE = 5.0
"""Five times the idle need: enough for a 2-core machine that is also running another job."""


def tolerance() -> float:
    """The factor from ``HEARBACK_TEST_TOLERANCE`` (a number >= 1), or the default."""
    raw = os.environ.get(TOLERANCE_ENV, "").strip()
    if not raw:
        return DEFAULT_TOLERANCE
    try:
        factor = float(raw)
    except ValueError:
        raise ValueError(f"{TOLERANCE_ENV} must be a number, e.g. 5; got {raw!r}") from None
    if not factor >= 1:  # also refuses nan
        raise ValueError(f"{TOLERANCE_ENV} must be at least 1; got {raw!r}")
    return factor


def wait_budget(seconds: float) -> float:
    """How long to wait for something that takes at most ``seconds`` on an idle machine."""
    return seconds * tolerance()


def wait_delta(seconds: float) -> timedelta:
    """:func:`wait_budget` as a ``timedelta``."""
    return timedelta(seconds=wait_budget(seconds))


async def poll_until(
    condition: Callable[[], bool], seconds: float, *, every: float = 0.05, what: str = ""
) -> None:
    """Check ``condition`` every ``every`` seconds until it holds, for at most
    ``wait_budget(seconds)``; AssertionError naming ``what`` if it never does.

    Only for things nothing can signal, such as a line another process writes to its log;
    what the fake Bot API sees is awaited with its event-driven ``wait_until`` instead.
    """
    loop = asyncio.get_running_loop()
    budget = wait_budget(seconds)
    deadline = loop.time() + budget
    while not condition():
        if loop.time() >= deadline:
            raise AssertionError(f"not within {budget:g} s: {what or condition}")
        await asyncio.sleep(every)


# Idle-machine figures shared by the end-to-end and fake-Bot-API tests (generous: the
# slowest of their kind, e.g. a reply to 10,000 characters of hostile text).
REPLY = 5.0
"""The bot answers one message or button press."""
FAULTY_REPLY = 12.0
"""The bot answers while Telegram throws 429s (retry_after 1 s), 500s and dropped
connections at it: several retries and backoffs."""
NUDGE = 5.0
"""A due nudge goes out once the dispatcher wakes (at start, or at its due moment)."""
PROCESS_START = 20.0
"""A ``hearback`` process starts, migrates its database and polls (or sets its webhook)."""
PROCESS_STOP = 10.0
"""A ``hearback`` process stops after SIGTERM (or dies after SIGKILL)."""
