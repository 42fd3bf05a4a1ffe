"""Many stored records for one user, written fast (bulk inserts), for tests of large data."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.records import InterviewStatus, NudgeState
from bot.core.types import Channel, Recipient, StepKind, Vibe
from bot.storage.models import AttemptRow, InterviewRow, NudgeRow, PersonRow

CHUNK = 500


async def fill_many(
    session: AsyncSession, *, owner_id: int, interviews: int, at: datetime
) -> dict[str, int]:
    """``interviews`` closed interviews, each with a person, an attempt and a nudge, with user
    text that needs escaping in JSON; returns how many rows of each kind were written."""
    for start in range(0, interviews, CHUNK):
        await session.execute(
            insert(InterviewRow),
            [
                {
                    "owner_id": owner_id,
                    "company": f'Company "{n}" — Ünïcode <b>&</b>',
                    "role": "Backend engineer",
                    "interviewed_at": at - timedelta(days=n % 400),
                    "said": "within two weeks\nthey said",
                    "vibe": Vibe.WARM,
                    "status": InterviewStatus.CLOSED,
                    "notes": "liked the team " * 4,
                    "created_at": at,
                    "updated_at": at,
                }
                for n in range(start, min(interviews, start + CHUNK))
            ],
        )
    ids = list(
        await session.scalars(
            select(InterviewRow.id)
            .where(InterviewRow.owner_id == owner_id)
            .order_by(InterviewRow.id)
        )
    )
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        await session.execute(
            insert(PersonRow),
            [
                {
                    "interview_id": i,
                    "owner_id": owner_id,
                    "name": "Dana Lee",
                    "role": Recipient.RECRUITER,
                    "email": "dana@acme.example",
                    "created_at": at,
                }
                for i in chunk
            ],
        )
        await session.execute(
            insert(AttemptRow),
            [
                {
                    "interview_id": i,
                    "owner_id": owner_id,
                    "at": at,
                    "channel": Channel.EMAIL,
                    "recipient": Recipient.RECRUITER,
                    "answered": False,
                    "created_at": at,
                }
                for i in chunk
            ],
        )
        await session.execute(
            insert(NudgeRow),
            [
                {
                    "interview_id": i,
                    "owner_id": owner_id,
                    "kind": StepKind.CHECK_IN,
                    "rules": "S2,S6",
                    "due_at": at,
                    "state": NudgeState.SENT,
                    "attempts": 0,
                    "created_at": at,
                    "updated_at": at,
                }
                for i in chunk
            ],
        )
    return {
        "interviews": len(ids),
        "people": len(ids),
        "attempts": len(ids),
        "nudges": len(ids),
        "conversations": 0,
    }
