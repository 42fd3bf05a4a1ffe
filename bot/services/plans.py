"""Follow-up plans: an interview's plan as pending nudges, re-made whenever its facts change.

The plan itself is the core's (:func:`bot.core.plan.make_plan`, S1-S6); here it is written
as nudge rows, steps already sent or skipped are not planned again, and a closed interview
has its pending nudges cancelled (S7).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.calendar import calendar_for
from bot.core.plan import make_plan
from bot.core.records import InterviewRecord, InterviewStatus, NudgeState, UserProfile
from bot.core.types import Plan
from bot.services.people import follow_up_to
from bot.storage import repo
from bot.storage.repo import UNSET, Unset

__all__ = ["OPEN", "Planned", "change_settings", "plan_for", "replan", "replan_all"]

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
        attempts=[a for a in record.core_attempts() if not a.answered],
        follow_up_to=follow_up_to(record),
    )


async def replan(session: AsyncSession, user: UserProfile, record: InterviewRecord) -> Planned:
    """Write the interview's plan as pending nudges (S1-S6), or cancel them when it is closed.

    Steps already sent or skipped are not planned again.
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
    done = {n.kind for n in existing if n.state in (NudgeState.SENT, NudgeState.SKIPPED)}
    steps = [s for s in plan.steps if s.kind not in done]
    await repo.replace_nudges(session, owner_id=user.id, interview_id=record.id, steps=steps)
    return Planned(record, plan)


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
    name: str | Unset | None = UNSET,
) -> UserProfile:
    """Store the user's new zone, country or reminder hour and re-plan around it (S6)."""
    updated = await repo.update_user_settings(
        session, owner_id=user.id, zone=zone, country=country, nudge_hour=nudge_hour, name=name
    )
    if updated is None:
        raise LookupError(f"no user {user.id}")
    if not (
        isinstance(zone, Unset) and isinstance(country, Unset) and isinstance(nudge_hour, Unset)
    ):
        await replan_all(session, updated)  # a new name changes no date
    return updated
