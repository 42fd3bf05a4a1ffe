"""Aware datetimes come back equal, aware and in UTC on both databases, across DST changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from testkit.users import UserMaker

from bot.core.types import Step, StepKind
from bot.storage import repo
from bot.storage.models import NudgeRow

NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")

# Around the 2026 changes: New York springs forward on 8 March (02:00 -> 03:00),
# Berlin falls back on 25 October (03:00 -> 02:00, so 02:30 happens twice).
MOMENTS = [
    datetime(2026, 3, 8, 1, 59, 59, 999_999, tzinfo=NEW_YORK),
    datetime(2026, 3, 8, 3, 0, tzinfo=NEW_YORK),
    datetime(2026, 3, 8, 3, 30, 15, 123_456, tzinfo=NEW_YORK),
    datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN, fold=0),  # CEST, 00:30 UTC
    datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN, fold=1),  # CET, 01:30 UTC
    datetime(2026, 10, 25, 3, 0, tzinfo=BERLIN),
    datetime(2026, 11, 18, 10, 0, tzinfo=timezone(timedelta(hours=5, minutes=30))),
    datetime(2026, 12, 31, 23, 59, 59, tzinfo=UTC),
]


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


async def test_moments_round_trip(
    sessions: async_sessionmaker[AsyncSession], make_user: UserMaker
) -> None:
    user = await make_user()
    ids = []
    async with sessions() as s, s.begin():
        for moment in MOMENTS:
            record = await repo.create_interview(
                s,
                owner_id=user.id,
                company="Acme",
                role="r",
                interviewed_at=moment,
                thank_you_sent_at=moment + timedelta(hours=3),
                promised_by=date(2026, 3, 8),
            )
            ids.append(record.id)
    async with sessions() as s:  # a fresh session: values really come from the database
        for moment, iid in zip(MOMENTS, ids, strict=True):
            got = await repo.get_interview(s, owner_id=user.id, interview_id=iid)
            assert got is not None
            # Compare in UTC: Python never calls an ambiguous wall time (fold) equal to
            # a datetime in another zone (PEP 495), so == across zones would lie here.
            assert got.interviewed_at == utc(moment)
            assert got.interviewed_at.tzinfo is UTC
            assert got.interviewed_at.timestamp() == moment.timestamp()
            assert got.thank_you_sent_at == utc(moment + timedelta(hours=3))
            assert got.thank_you_sent_at is not None and got.thank_you_sent_at.tzinfo is UTC
            assert got.promised_by == date(2026, 3, 8)


async def test_the_two_berlin_half_past_twos_stay_an_hour_apart(
    sessions: async_sessionmaker[AsyncSession], make_user: UserMaker
) -> None:
    user = await make_user()
    async with sessions() as s, s.begin():
        first = await repo.create_interview(
            s, owner_id=user.id, company="A", role="r", interviewed_at=MOMENTS[3]
        )
        second = await repo.create_interview(
            s, owner_id=user.id, company="B", role="r", interviewed_at=MOMENTS[4]
        )
    async with sessions() as s:
        a = await repo.get_interview(s, owner_id=user.id, interview_id=first.id)
        b = await repo.get_interview(s, owner_id=user.id, interview_id=second.id)
    assert a is not None and b is not None
    assert b.interviewed_at - a.interviewed_at == timedelta(hours=1)
    assert a.interviewed_at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


async def test_due_comparisons_and_order_follow_instants(
    sessions: async_sessionmaker[AsyncSession], make_user: UserMaker
) -> None:
    """SQL compares and sorts ``due_at`` by instant, whatever zone the value was given in."""
    user = await make_user()
    async with sessions() as s, s.begin():
        interview = await repo.create_interview(
            s, owner_id=user.id, company="A", role="r", interviewed_at=MOMENTS[0]
        )
        steps = [Step(StepKind.CHECK_IN, m, ("S2",)) for m in reversed(MOMENTS)]
        await repo.replace_nudges(s, owner_id=user.id, interview_id=interview.id, steps=steps)
    cutoff = datetime(2026, 10, 25, 1, 0, tzinfo=UTC).astimezone(NEW_YORK)
    async with sessions() as s:
        listed = await repo.list_nudges(s, owner_id=user.id, interview_id=interview.id)
        due = (
            await s.scalars(
                select(NudgeRow.due_at)
                .where(NudgeRow.owner_id == user.id, NudgeRow.due_at <= cutoff)
                .order_by(NudgeRow.due_at)
            )
        ).all()
    in_order = sorted(utc(m) for m in MOMENTS)
    assert [n.due_at for n in listed] == in_order
    assert list(due) == [m for m in in_order if m <= utc(cutoff)]
    assert len(due) == 4


async def test_naive_values_never_reach_the_database(
    sessions: async_sessionmaker[AsyncSession], make_user: UserMaker
) -> None:
    user = await make_user()
    async with sessions() as s:
        with pytest.raises(ValueError, match="aware"):
            await repo.mark_blocked(s, owner_id=user.id, at=datetime(2026, 1, 1))
        row = NudgeRow(
            interview_id=1, owner_id=user.id, kind=StepKind.CHECK_IN, due_at=datetime(2026, 1, 1)
        )
        s.add(row)
        with pytest.raises(Exception, match="naive datetime"):
            await s.flush()
