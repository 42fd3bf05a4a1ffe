"""Helpers for the nudge tests: bulk seeding, a PTB Bot on the fake Bot API, and counting
what the fake received per nudge."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fakebot import FakeBotApi
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.request import HTTPXRequest
from testkit.users import new_user_id

from bot.core.records import InterviewStatus, NudgeState
from bot.core.types import Channel, Recipient, StepKind, Vibe
from bot.storage.models import AttemptRow, InterviewRow, NudgeRow, PersonRow, UserRow

TOKEN = "123456:TEST-fake-bot-token"


@dataclass(frozen=True)
class Seeded:
    owner_id: int
    chat_id: int
    interview_id: int  # the first kind's
    nudge_ids: tuple[int, ...]
    interview_ids: tuple[int, ...] = ()  # one per kind, in the order given


async def seed(
    sessions: async_sessionmaker[AsyncSession],
    *,
    users: int,
    due_at: datetime,
    kinds: Sequence[StepKind] = (StepKind.CHECK_IN,),
    zone: str | None = "UTC",
    country: str | None = None,
    interviewed_at: datetime | None = None,
    company: str = "Acme",
    promised_by: date | None = None,
    status: InterviewStatus = InterviewStatus.WAITING,
    chat_ids: Sequence[int] | None = None,
) -> list[Seeded]:
    """Users, each with one interview per kind holding that kind's pending nudge (1 minute
    apart), in bulk.

    One interview per nudge: the dispatcher sends at most one reminder per interview a day
    (these tests are about delivery). Each interview's record makes its step the one to send:
    a second follow-up comes after one logged follow-up, a note to the hiring manager after
    two to a named recruiter.
    """
    interviewed = interviewed_at or due_at - timedelta(days=14)
    chats = list(chat_ids) if chat_ids is not None else [new_user_id() for _ in range(users)]
    async with sessions() as session, session.begin():
        user_rows = (
            await session.execute(
                insert(UserRow).returning(UserRow.id, UserRow.chat_id),
                [
                    {
                        "telegram_user_id": chat,
                        "chat_id": chat,
                        "zone": zone,
                        "country": country,
                        "nudge_hour": 10,
                        "created_at": interviewed,
                        "updated_at": interviewed,
                    }
                    for chat in chats
                ],
            )
        ).all()
        owners = {row.chat_id: row.id for row in user_rows}
        slots = [(chat, k, kind) for chat in chats for k, kind in enumerate(kinds)]
        interview_rows = (
            await session.execute(
                insert(InterviewRow).returning(InterviewRow.id),
                [
                    {
                        "owner_id": owners[chat],
                        "company": f"{company} {i}",
                        "role": "Engineer",
                        "interviewed_at": interviewed,
                        "promised_by": promised_by,
                        "vibe": Vibe.NEUTRAL,
                        "status": status,
                        "created_at": interviewed,
                        "updated_at": interviewed,
                    }
                    for i, (chat, _, _) in enumerate(slots)
                ],
            )
        ).all()
        interview_of = {
            (chat, k): row.id for (chat, k, _), row in zip(slots, interview_rows, strict=True)
        }
        before = {StepKind.SECOND_FOLLOW_UP: 1, StepKind.HIRING_MANAGER: 2}
        people = [
            {
                "interview_id": interview_of[chat, k],
                "owner_id": owners[chat],
                "name": "Rita",
                "role": Recipient.RECRUITER,
                "created_at": interviewed,
            }
            for chat, k, kind in slots
            if kind in before
        ]
        attempts = [
            {
                "interview_id": interview_of[chat, k],
                "owner_id": owners[chat],
                "at": interviewed + timedelta(days=1 + 7 * n),
                "channel": Channel.EMAIL,
                "recipient": Recipient.RECRUITER,
                "answered": False,
                "created_at": interviewed,
            }
            for chat, k, kind in slots
            for n in range(before.get(kind, 0))
        ]
        if people:
            await session.execute(insert(PersonRow), people)
        if attempts:
            await session.execute(insert(AttemptRow), attempts)
        nudge_rows = (
            await session.execute(
                insert(NudgeRow).returning(NudgeRow.id, NudgeRow.owner_id, NudgeRow.interview_id),
                [
                    {
                        "interview_id": interview_of[chat, k],
                        "owner_id": owners[chat],
                        "kind": kind,
                        "rules": "S2,S6",
                        "due_at": due_at + timedelta(minutes=k),
                        "state": NudgeState.PENDING,
                        "attempts": 0,
                        "created_at": interviewed,
                        "updated_at": interviewed,
                    }
                    for chat, k, kind in slots
                ],
            )
        ).all()
    by_owner: dict[int, list[int]] = {}
    for row in nudge_rows:
        by_owner.setdefault(row.owner_id, []).append(row.id)
    return [
        Seeded(
            owners[chat],
            chat,
            interview_of[chat, 0],
            tuple(sorted(by_owner[owners[chat]])),
            tuple(interview_of[chat, k] for k in range(len(kinds))),
        )
        for chat in chats
    ]


def fake_bot(fake: FakeBotApi, *, pool: int = 32) -> Bot:
    request = HTTPXRequest(connection_pool_size=pool, httpx_kwargs={"verify": False})
    return Bot(TOKEN, base_url=fake.base_url, request=request, get_updates_request=request)


async def know_chats(fake: FakeBotApi, chat_ids: Sequence[int]) -> None:
    """Make the fake know these private chats (Telegram only lets a bot write to users who
    started it)."""
    for chat_id in chat_ids:
        await fake.user(first_name="Ann", user_id=chat_id).send("/start")


_NUDGE_DATA = re.compile(r"^n:(\d+):")


def nudge_of(buttons: Sequence[tuple[str, str | None]]) -> int | None:
    for _, data in buttons:
        match = _NUDGE_DATA.match(data or "")
        if match:
            return int(match.group(1))
    return None


def sends_per_nudge(fake: FakeBotApi, chat_ids: Sequence[int]) -> Counter[int]:
    """How many messages each nudge id produced in these chats (read from the buttons)."""
    counts: Counter[int] = Counter()
    for chat_id in chat_ids:
        for message in fake.transcript(chat_id):
            nudge_id = nudge_of(message.buttons)
            if nudge_id is not None:
                counts[nudge_id] += 1
    return counts
