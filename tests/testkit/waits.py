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

import os
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


# Idle-machine figures shared by the end-to-end and fake-Bot-API tests (generous: the
# slowest of their kind, e.g. a reply to 10,000 characters of hostile text).
REPLY = 5.0
"""The bot answers one message or button press."""
PROCESS_START = 20.0
"""A ``hearback`` process starts, migrates its database and polls (or sets its webhook)."""
PROCESS_STOP = 10.0
"""A ``hearback`` process stops after SIGTERM (or dies after SIGKILL)."""
