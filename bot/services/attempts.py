"""The user's follow-ups (attempts): log one, undo one (G2, G3 count them)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.records import AttemptRecord, InterviewRecord, UserProfile
from bot.core.types import Channel, Recipient
from bot.services.people import person_in_role
from bot.services.plans import Planned, replan
from bot.storage import repo

__all__ = ["log", "undo"]


async def log(
    session: AsyncSession,
    user: UserProfile,
    record: InterviewRecord,
    *,
    channel: Channel,
    to: Recipient,
    at: datetime,
) -> tuple[AttemptRecord | None, Planned | None]:
    """Record a follow-up to ``to`` (the person of that role, if named) and re-plan after it."""
    person = person_in_role(record, to)
    attempt = await repo.log_attempt(
        session,
        owner_id=user.id,
        interview_id=record.id,
        at=at,
        channel=channel,
        to=to,
        person_id=person.id if person else None,
    )
    updated = await repo.get_interview(session, owner_id=user.id, interview_id=record.id)
    return attempt, None if updated is None else await replan(session, user, updated)


async def undo(session: AsyncSession, user: UserProfile, attempt_id: int) -> Planned | None:
    """Remove one of the user's follow-ups and re-plan; ``None`` when it is gone or not theirs."""
    interview_id = await repo.delete_attempt(session, owner_id=user.id, attempt_id=attempt_id)
    if interview_id is None:
        return None
    record = await repo.get_interview(session, owner_id=user.id, interview_id=interview_id)
    return None if record is None else await replan(session, user, record)
