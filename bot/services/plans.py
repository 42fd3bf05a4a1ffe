"""Follow-up plans: an interview's plan as pending nudges, re-made whenever its facts change.

The plan itself is the core's (:func:`bot.core.plan.make_plan`, S1-S6); here it is written
as nudge rows, steps already sent or skipped are not planned again, and a closed interview
has its pending nudges cancelled (S7).

Re-planning keeps what the user did with the reminders: a snoozed step keeps its snoozed
moment while that is not earlier than the new plan's, and a second-follow-up reminder that
went out before any check-in was logged (it asked about the check-in,
:data:`bot.core.nudging.Message.CHECK_IN_AGAIN`) does not count as the second follow-up,
so logging the check-in plans the real one.

:func:`wait_facts` and :func:`progress` read where the wait stands, for /list, /status and
the timeline picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.calendar import calendar_for
from bot.core.nudging import SentNudge, WaitFacts
from bot.core.plan import make_plan
from bot.core.progress import Stage, StepStatus, step_states
from bot.core.records import (
    InterviewRecord,
    InterviewStatus,
    NudgeRecord,
    NudgeState,
    UserProfile,
)
from bot.core.types import Plan, Step, StepKind
from bot.services.people import follow_up_to
from bot.storage import repo
from bot.storage.repo import UNSET, Unset

__all__ = [
    "OPEN",
    "SNOOZED",
    "Planned",
    "change_settings",
    "plan_for",
    "progress",
    "replan",
    "replan_all",
    "wait_facts",
]

SNOOZED = "snoozed"
"""The note on a reminder the user snoozed (it is pending again, due at the snoozed time)."""

OPEN = (InterviewStatus.WAITING,)
"""The statuses whose interviews still have a plan (G8, S7)."""


@dataclass(frozen=True, slots=True)
class Planned:
    """An interview after a change, with its new plan (``None``: closed, no reminders)."""

    record: InterviewRecord
    plan: Plan | None


def plan_for(user: UserProfile, record: InterviewRecord) -> Plan:
    """The plan of an open interview in the user's calendar, from the unanswered attempts."""
    return make_plan(
        record.to_core(),
        cal=calendar_for(user.zone, user.country),
        nudge_hour=user.nudge_hour,
        nudge_minute=user.nudge_minute,
        attempts=[a for a in record.core_attempts() if not a.answered],
        follow_up_to=follow_up_to(record),
    )


async def replan(session: AsyncSession, user: UserProfile, record: InterviewRecord) -> Planned:
    """Write the interview's plan as pending nudges (S1-S6), or cancel them when it is closed.

    Steps already sent or skipped are not planned again; snoozes survive (module doc).
    """
    if record.status not in OPEN:
        await repo.cancel_pending_nudges(
            session,
            owner_id=user.id,
            interview_id=record.id,
            reason=f"interview {record.status.value} (S7)",
        )
        return Planned(record, None)
    plan = plan_for(user, record)
    existing = await repo.list_nudges(session, owner_id=user.id, interview_id=record.id)
    done = _done_kinds(record, existing)
    snoozed = {
        n.kind: n.due_at
        for n in existing
        if n.state is NudgeState.PENDING and n.reason == SNOOZED and n.sent_at is None
    }
    steps: list[Step] = []
    reasons: dict[StepKind, str] = {}
    for step in plan.steps:
        if step.kind in done:
            continue
        until = snoozed.get(step.kind)
        if until is not None and until >= step.at:
            step = Step(step.kind, until, step.rules)
            reasons[step.kind] = SNOOZED
        steps.append(step)
    await repo.replace_nudges(
        session, owner_id=user.id, interview_id=record.id, steps=steps, reasons=reasons
    )
    return Planned(record, plan)


def _done_kinds(record: InterviewRecord, nudges: Sequence[NudgeRecord]) -> set[StepKind]:
    """The steps whose reminder is behind the user: sent or skipped rows, except a second
    follow-up sent before any follow-up was logged (it asked about the check-in instead)."""
    first = min((a.at for a in record.attempts if not a.answered), default=None)
    done: set[StepKind] = set()
    for nudge in nudges:
        if nudge.state is NudgeState.SKIPPED:
            done.add(nudge.kind)
        elif nudge.state is NudgeState.SENT:
            asked_about_check_in = nudge.kind is StepKind.SECOND_FOLLOW_UP and (
                first is None or (nudge.sent_at is not None and nudge.sent_at < first)
            )
            if not asked_about_check_in:
                done.add(nudge.kind)
    return done


def wait_facts(record: InterviewRecord, nudges: Sequence[NudgeRecord] = ()) -> WaitFacts:
    """What really happened in the interview's wait (the record and its delivered reminders)."""
    return WaitFacts(
        interviewed_at=record.interviewed_at,
        promised_by=record.promised_by,
        thank_you_sent_at=record.thank_you_sent_at,
        roles=tuple(p.role for p in record.people),
        attempts=record.core_attempts(),
        sent=tuple(
            SentNudge(n.kind, n.sent_at)
            for n in nudges
            if n.state is NudgeState.SENT and n.sent_at is not None
        ),
    )


def progress(
    user: UserProfile,
    record: InterviewRecord,
    nudges: Sequence[NudgeRecord],
    *,
    now: datetime,
) -> tuple[StepStatus, ...]:
    """Every step of the interview's wait with its state at ``now`` (due, open, done, ...)."""
    if record.status is InterviewStatus.WAITING:
        stage = Stage.WAITING
    elif record.status is InterviewStatus.MOVED_ON:
        stage = Stage.MOVED_ON
    else:
        stage = Stage.ENDED
    scheduled = {n.kind: n.due_at for n in nudges if n.state is NudgeState.PENDING}
    return step_states(
        record.to_core(),
        wait_facts(record, nudges),
        plan_for(user, record),
        now=now,
        cal=calendar_for(user.zone, user.country),
        stage=stage,
        scheduled=scheduled,
    )


async def replan_all(session: AsyncSession, user: UserProfile) -> None:
    """A new zone, country or hour moves every open interview's pending nudges (S6)."""
    for record in await repo.list_interviews(session, owner_id=user.id):
        await replan(session, user, record)


async def change_settings(
    session: AsyncSession,
    user: UserProfile,
    *,
    zone: str | Unset = UNSET,
    country: str | Unset | None = UNSET,
    nudge_hour: int | Unset = UNSET,
    nudge_minute: int = 0,
    name: str | Unset | None = UNSET,
) -> UserProfile:
    """Store the user's new zone, country or reminder time and re-plan around it (S6).

    The reminder time is ``nudge_hour:nudge_minute``; an hour alone means on the dot.
    """
    updated = await repo.update_user_settings(
        session,
        owner_id=user.id,
        zone=zone,
        country=country,
        nudge_hour=nudge_hour,
        nudge_minute=nudge_minute,
        name=name,
    )
    if updated is None:
        raise LookupError(f"no user {user.id}")
    if not (
        isinstance(zone, Unset) and isinstance(country, Unset) and isinstance(nudge_hour, Unset)
    ):
        await replan_all(session, updated)  # a new name changes no date
    return updated
