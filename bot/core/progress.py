"""Where each step of one interview's wait stands: due, open, done, skipped or passed.

The states follow the rules' windows, not only the reminder's moment:

- **due**: still ahead, on the day shown (a step that waits for a follow-up the user has not
  logged yet stays due, with ``waits`` set).
- **open**: its time has come and it can still be done: the thank-you from the interview until
  24 hours after it (S1), a follow-up from its day until the user moves on (S5).
- **done**: it happened (the note sent, the follow-up logged, the wait let go).
- **skipped**: no longer needed, because the interview ended (an offer, a no, a reply).
- **passed**: its window closed without it (a thank-you after 24 hours).

:func:`step_states` reads the record (:class:`~bot.core.nudging.WaitFacts`), the projected
plan and the moments the pending reminders are really set for. :func:`now_and_next` gives
what /list shows: the open step, if any, and the next one still ahead, never a past one.
Pure: ``now`` is an argument.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.core.calendar import BusinessCalendar
from bot.core.nudging import STEP_ORDER, WaitFacts
from bot.core.plan import thank_you_at
from bot.core.types import Interview, Plan, Recipient, StepKind

__all__ = [
    "THANK_YOU_WINDOW",
    "Stage",
    "StepState",
    "StepStatus",
    "now_and_next",
    "step_states",
]

THANK_YOU_WINDOW = timedelta(hours=24)
"""S1: the thank-you belongs in the first day after the interview."""


class StepState(StrEnum):
    DUE = "due"
    OPEN = "open"
    DONE = "done"
    SKIPPED = "skipped"
    PASSED = "passed"


class Stage(StrEnum):
    """Where the interview itself stands, as far as the steps care."""

    WAITING = "waiting"
    MOVED_ON = "moved_on"
    ENDED = "ended"  # a reply or an outcome: the remaining steps are not needed


@dataclass(frozen=True, slots=True)
class StepStatus:
    """One step: its moment (done, or planned), its state, and for an open thank-you the end
    of its window. ``waits`` marks a step that counts from a follow-up not logged yet."""

    kind: StepKind
    at: datetime
    state: StepState
    until: datetime | None = None
    waits: bool = False


def step_states(
    interview: Interview,
    facts: WaitFacts,
    plan: Plan,
    *,
    now: datetime,
    cal: BusinessCalendar,
    stage: Stage,
    scheduled: Mapping[StepKind, datetime] | None = None,
) -> tuple[StepStatus, ...]:
    """Every step of the wait in order, with its state at ``now``.

    ``plan`` is the projected plan (:func:`bot.core.plan.make_plan` with the attempts so
    far); ``scheduled`` the moments the pending reminders are really set for (moved after
    downtime, snoozed), which win over the plan's.
    """
    moments = {step.kind: step.at for step in plan.steps}
    moments.update(scheduled or {})
    follow_ups = facts.follow_ups
    out: list[StepStatus] = []

    def ahead(kind: StepKind, at: datetime, *, waits: bool = False) -> StepStatus:
        if stage is Stage.ENDED:
            return StepStatus(kind, at, StepState.SKIPPED)
        if stage is Stage.MOVED_ON:
            return StepStatus(kind, at, StepState.PASSED)
        if waits or at > now:
            return StepStatus(kind, at, StepState.DUE, waits=waits)
        return StepStatus(kind, at, StepState.OPEN)

    for kind in STEP_ORDER:
        if kind is StepKind.THANK_YOU:
            if facts.thank_you_sent_at is not None:
                out.append(StepStatus(kind, facts.thank_you_sent_at, StepState.DONE))
                continue
            deadline = interview.interviewed_at + THANK_YOU_WINDOW
            at = thank_you_at(interview, cal=cal)
            if now >= deadline:
                out.append(StepStatus(kind, at, StepState.PASSED))
            elif stage is not Stage.WAITING:
                out.append(StepStatus(kind, at, StepState.SKIPPED))
            else:
                out.append(StepStatus(kind, at, StepState.OPEN, until=deadline))
        elif kind is StepKind.CHECK_IN:
            if follow_ups:
                out.append(StepStatus(kind, follow_ups[0].at, StepState.DONE))
            elif kind in moments:
                out.append(ahead(kind, moments[kind]))
        elif kind is StepKind.SECOND_FOLLOW_UP:
            if len(follow_ups) >= 2:
                out.append(StepStatus(kind, follow_ups[1].at, StepState.DONE))
            elif kind in moments:
                out.append(ahead(kind, moments[kind], waits=not follow_ups))
        elif kind is StepKind.HIRING_MANAGER:
            note = _note_up_the_chain(facts)
            if note is not None:
                out.append(StepStatus(kind, note, StepState.DONE))
            elif kind in moments:
                out.append(ahead(kind, moments[kind], waits=len(follow_ups) < 2))
        elif stage is Stage.MOVED_ON:
            let_go = facts.last_sent(kind) or moments.get(kind)
            if let_go is not None:
                out.append(StepStatus(kind, let_go, StepState.DONE))
        elif kind in moments:
            out.append(ahead(kind, moments[kind]))
    return tuple(out)


def _note_up_the_chain(facts: WaitFacts) -> datetime | None:
    """When the note to the hiring manager went, if the follow-ups went to someone else."""
    if not facts.contact.is_gatekeeper:
        return None
    notes = [a.at for a in facts.attempts if a.to is Recipient.HIRING_MANAGER]
    return min(notes) if notes else None


def now_and_next(
    states: Sequence[StepStatus], now: datetime
) -> tuple[StepStatus | None, StepStatus | None]:
    """The step that is open now (if any) and the next step still ahead (if any).

    The next one is never in the past and never a step that waits for a follow-up the user
    has not logged (it has no day of its own yet).
    """
    open_now = next((s for s in states if s.state is StepState.OPEN), None)
    upcoming = next(
        (s for s in states if s.state is StepState.DUE and not s.waits and s.at > now), None
    )
    return open_now, upcoming
