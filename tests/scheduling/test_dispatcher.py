"""The dispatcher against the fake Bot API: the right day, once, and Telegram's faults.

The clock is fake (``Clock``); the Bot API is the fake HTTP server of ``tests/fakebot``
talking to a real PTB ``Bot``. Backoff sleeps are recorded instead of slept; only the
``retry_after`` tests wait real seconds, because the fake checks them with its own clock.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fakebot import FakeBotApi
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from testkit.clock import NOW, Clock
from testkit.users import new_user_id
from testkit.waits import wait_budget

from bot.core.calendar import BusinessCalendar
from bot.core.plan import make_plan
from bot.core.records import InterviewStatus, NudgeRecord, NudgeState
from bot.core.types import Channel, Recipient, StepKind, Vibe
from bot.scheduling.dispatcher import DispatchConfig, Dispatcher, DispatchHooks
from bot.services import attempts, interviews, plans
from bot.storage import db, nudges, repo
from bot.storage.db import make_engine, make_sessionmaker
from bot.storage.nudges import ClaimedNudge
from bot.telegram.localapi import LOCAL_TOKEN, LocalBotApi
from bot.telegram.nudges import render_nudge

from .support import know_chats, nudge_of, seed, sends_per_nudge

Sessions = async_sessionmaker[AsyncSession]
NY = ZoneInfo("America/New_York")
FAST = DispatchConfig(rate_per_second=1000, per_chat_seconds=0.0, batch_size=50)


class Sleeps:
    """Records backoff sleeps instead of sleeping."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
        await asyncio.sleep(0)


async def nudge_rows(sessions: Sessions, owner_id: int, interview_id: int) -> list[NudgeRecord]:
    async with sessions() as s:
        return list(await repo.list_nudges(s, owner_id=owner_id, interview_id=interview_id))


class TestWholePlan:
    """A whole interview's plan fires in order, on the right local days, once each.

    The user does what each reminder asks the day it comes (Done logs the follow-up, as the
    button does), so every later step counts from a follow-up that was really sent."""

    async def test_across_dst_and_public_holidays(
        self, sessions: Sessions, fake: FakeBotApi, bot: Bot
    ) -> None:
        chat = new_user_id()
        await know_chats(fake, [chat])
        interviewed = datetime(2026, 10, 29, 15, 0, tzinfo=NY)  # Thursday, still EDT
        async with sessions() as s, s.begin():
            user = await repo.get_or_create_user(s, telegram_user_id=chat, chat_id=chat)
            await repo.update_user_settings(s, owner_id=user.id, zone="America/New_York")
            record = await repo.create_interview(
                s,
                owner_id=user.id,
                company="Smith & <Sons>",
                role="Data engineer",
                interviewed_at=interviewed,
                promised_by=date(2026, 11, 2),
                people=[("Dana", Recipient.RECRUITER), ("Lee", Recipient.HIRING_MANAGER)],
            )
            cal = BusinessCalendar("America/New_York")
            plan = make_plan(record.to_core(), cal=cal, nudge_hour=10)
            await repo.replace_nudges(s, owner_id=user.id, interview_id=record.id, steps=plan.steps)
        clock = Clock(interviewed)
        dispatcher = Dispatcher(sessions, bot, render=render_nudge, clock=clock, config=FAST)

        fired: list[tuple[datetime, str]] = []
        while (wake := await dispatcher.next_wake()) is not None:
            clock.set(wake - timedelta(minutes=1))
            quiet = await dispatcher.run()
            assert quiet.claimed == 0  # nothing goes out early
            clock.set(wake)
            before = len(fake.transcript(chat))
            report = await dispatcher.run()
            assert report.sent == 1 and report.possible_duplicates == []
            (message,) = fake.transcript(chat)[before:]
            assert message.text is not None
            fired.append((wake.astimezone(NY), message.text))
            if "check-in" in message.text or "One more follow-up" in message.text:
                async with sessions() as s, s.begin():
                    profile = await repo.get_user(s, owner_id=user.id)
                    current = await repo.get_interview(s, owner_id=user.id, interview_id=record.id)
                    assert profile is not None and current is not None
                    await attempts.log(
                        s, profile, current, channel=Channel.EMAIL, to=Recipient.RECRUITER, at=wake
                    )

        assert [local.replace(tzinfo=None) for local, _ in fired] == [
            datetime(2026, 10, 29, 18, 0),  # S1: three hours after the interview
            datetime(2026, 11, 4, 10, 0),  # S2: 2 business days after Mon 2 Nov (EST now)
            datetime(2026, 11, 12, 10, 0),  # S3: 5 business days, Veterans Day skipped
            datetime(2026, 11, 19, 10, 0),  # S4: 5 business days later
            datetime(2026, 11, 27, 10, 0),  # S5: Thanksgiving (Thu 26) skipped
        ]
        # The wall clock stayed at 10:00 across the DST change: UTC moved by an hour.
        assert fired[0][0].astimezone(UTC).hour == 22 and fired[1][0].astimezone(UTC).hour == 15
        for local, _ in fired[1:]:
            assert cal.is_business_day(local.date())
        texts = [text for _, text in fired]
        assert "Thank-you note" in texts[0] and "until Fri 30 Oct, 15:00" in texts[0]
        assert "check-in" in texts[1] and "Mon 2 Nov" in texts[1]
        assert "One more follow-up" in texts[2] and "Wed 4 Nov" in texts[2]
        assert "hiring manager" in texts[3] and "Thu 12 Nov" in texts[3]
        assert "Time to let go" in texts[4] and "2 times, the last on Thu 12 Nov" in texts[4]
        assert not any(re.search(r"\b[GSTC]\d+\b", text) for text in texts)  # no rule ids
        assert all("Smith & <Sons>" in text for text in texts)  # escaped on the way, shown whole
        rows = await nudge_rows(sessions, user.id, record.id)
        assert [r.state for r in rows] == [NudgeState.SENT] * 5
        async with sessions() as s:
            after = await repo.get_interview(s, owner_id=user.id, interview_id=record.id)
        assert after is not None and after.status is InterviewStatus.MOVED_ON  # S5

    async def test_each_message_has_the_buttons_of_its_step(
        self, sessions: Sessions, fake: FakeBotApi, bot: Bot, clock: Clock
    ) -> None:
        kinds = [StepKind.CHECK_IN, StepKind.MOVE_ON]
        (user,) = await seed(sessions, users=1, due_at=NOW - timedelta(minutes=5), kinds=kinds)
        await know_chats(fake, [user.chat_id])
        await Dispatcher(sessions, bot, render=render_nudge, clock=clock, config=FAST).run()
        check_in, move_on = fake.transcript(user.chat_id)
        first = user.nudge_ids[0]
        assert [d for _, d in check_in.buttons] == [
            f"n:{first}:d",
            f"n:{first}:k",
            f"n:{first}:s",
            f"n:{first}:r",
            f"n:{first}:x",
            "why:S2:S6",
        ]
        assert move_on.buttons[0][1] == f"n:{user.nudge_ids[1]}:r"
        assert all((d or "").startswith("why:") for _, d in move_on.buttons[1:])


async def half_past_two_user(sessions: Sessions, chat: int) -> tuple[int, int]:
    """A New York user whose reminders come at 14:30, with one interview planned through the
    services: Thu 29 Oct 2026 (EDT), "by Mon 2 Nov", thank-you sent. Returns (owner, interview)."""
    interviewed = datetime(2026, 10, 29, 11, 0, tzinfo=NY)
    async with sessions() as s, s.begin():
        user = await repo.get_or_create_user(s, telegram_user_id=chat, chat_id=chat)
        user = await plans.change_settings(
            s, user, zone="America/New_York", nudge_hour=14, nudge_minute=30
        )
        planned = await interviews.create(
            s,
            user,
            company="Acme",
            role="Engineer",
            interviewed_at=interviewed,
            said=None,
            promised_by=date(2026, 11, 2),
            vibe=Vibe.NEUTRAL,
            thank_you_sent_at=interviewed + timedelta(hours=2),
            people=[("Dana", Recipient.RECRUITER, None)],
        )
    return user.id, planned.record.id


class TestAtTheUsersMinute:
    """Reminders at 14:30 go out at 14:30 local, not a minute before, and stay at 14:30 when
    they are moved (S6). The clock is frozen and set by hand: nothing sleeps."""

    async def test_every_reminder_fires_at_the_minute(
        self, sessions: Sessions, fake: FakeBotApi, bot: Bot
    ) -> None:
        chat = new_user_id()
        await know_chats(fake, [chat])
        await half_past_two_user(sessions, chat)
        clock = Clock(datetime(2026, 10, 29, 13, 0, tzinfo=NY))
        dispatcher = Dispatcher(sessions, bot, render=render_nudge, clock=clock, config=FAST)
        fired: list[datetime] = []
        while (wake := await dispatcher.next_wake()) is not None:
            clock.set(wake - timedelta(minutes=1))
            assert (await dispatcher.run()).claimed == 0  # 14:29: not yet
            clock.set(wake)
            before = len(fake.transcript(chat))
            assert (await dispatcher.run()).sent == 1
            assert len(fake.transcript(chat)) == before + 1
            fired.append(wake.astimezone(NY))
        # S2: Mon 2 Nov + 2 business days; S3: 5 more, Veterans Day (Wed 11) skipped; S5.
        assert [local.replace(tzinfo=None) for local in fired] == [
            datetime(2026, 11, 4, 14, 30),
            datetime(2026, 11, 12, 14, 30),
            datetime(2026, 11, 19, 14, 30),
        ]
        assert {(m.astimezone(UTC).hour, m.minute) for m in fired} == {(19, 30)}  # EST

    async def test_a_reminder_missed_at_night_moves_to_the_next_day_at_the_minute(
        self, sessions: Sessions, fake: FakeBotApi, bot: Bot
    ) -> None:
        chat = new_user_id()
        await know_chats(fake, [chat])
        await half_past_two_user(sessions, chat)
        # The bot was down from before the check-in (Wed 4 Nov 14:30) until 22:00 that night.
        clock = Clock(datetime(2026, 11, 4, 22, 0, tzinfo=NY))
        dispatcher = Dispatcher(sessions, bot, render=render_nudge, clock=clock, config=FAST)
        report = await dispatcher.run()
        assert (report.claimed, report.sent) == (1, 0)
        wake = await dispatcher.next_wake()
        assert wake == datetime(2026, 11, 5, 14, 30, tzinfo=NY)
        clock.set(wake - timedelta(minutes=1))
        assert (await dispatcher.run()).claimed == 0
        clock.set(wake)
        assert (await dispatcher.run()).sent == 1
        (message,) = fake.transcript(chat)
        assert message.text is not None and "check-in" in message.text


class TestOneInterviewsDay:
    """Per interview: one reminder a day, the one the record makes useful (the module doc of
    bot.core.nudging); a note up the chain waits, shelved, for the follow-ups it builds on."""

    async def test_downtime_one_goes_the_rest_move_and_the_manager_note_waits(
        self, sessions: Sessions, fake: FakeBotApi, bot: Bot
    ) -> None:
        chat = new_user_id()
        await know_chats(fake, [chat])
        interviewed = datetime(2026, 11, 2, 10, tzinfo=NY)  # Monday, "by Fri 6 Nov"
        async with sessions() as s, s.begin():
            user = await repo.get_or_create_user(s, telegram_user_id=chat, chat_id=chat)
            user = await plans.change_settings(s, user, zone="America/New_York")
            planned = await interviews.create(
                s,
                user,
                company="Globex",
                role="Analyst",
                interviewed_at=interviewed,
                said="by Friday",
                promised_by=date(2026, 11, 6),
                vibe=Vibe.NEUTRAL,
                thank_you_sent_at=interviewed,
                people=[
                    ("Dana", Recipient.RECRUITER, None),
                    ("Lee", Recipient.HIRING_MANAGER, None),
                ],
            )
        record = planned.record
        # Back after a long outage, on Mon 30 Nov: the check-in (Tue 10 Nov), the second
        # follow-up (Tue 17) and the note up the chain (Tue 24) are all due at once.
        clock = Clock(datetime(2026, 11, 30, 10, 30, tzinfo=NY))
        dispatcher = Dispatcher(sessions, bot, render=render_nudge, clock=clock, config=FAST)
        report = await dispatcher.run()
        assert (report.claimed, report.sent) == (3, 1)
        (message,) = fake.transcript(chat)
        assert message.text is not None and "good day for your check-in" in message.text
        rows = {r.kind: r for r in await nudge_rows(sessions, user.id, record.id)}
        assert rows[StepKind.CHECK_IN].state is NudgeState.SENT
        # The note up the chain needs two unanswered follow-ups: shelved, not sent.
        assert rows[StepKind.HIRING_MANAGER].state is NudgeState.CANCELLED
        # The rest count from today's reminder: Mon 30 + 5 business days = Mon 7 Dec.
        assert rows[StepKind.SECOND_FOLLOW_UP].state is NudgeState.PENDING
        assert rows[StepKind.SECOND_FOLLOW_UP].due_at == datetime(2026, 12, 7, 10, tzinfo=NY)
        assert rows[StepKind.MOVE_ON].due_at > rows[StepKind.SECOND_FOLLOW_UP].due_at
        # Running again the same day sends nothing more.
        clock.set(datetime(2026, 11, 30, 15, tzinfo=NY))
        assert (await dispatcher.run()).sent == 0

        # Two follow-ups logged: the note up the chain comes back into the plan.
        async with sessions() as s, s.begin():
            for day in (30, 37):
                current = await repo.get_interview(s, owner_id=user.id, interview_id=record.id)
                assert current is not None
                await attempts.log(
                    s,
                    user,
                    current,
                    channel=Channel.EMAIL,
                    to=Recipient.RECRUITER,
                    at=interviewed + timedelta(days=day),
                )
        rows = {
            r.kind: r
            for r in await nudge_rows(sessions, user.id, record.id)
            if r.state is NudgeState.PENDING
        }
        assert StepKind.HIRING_MANAGER in rows


class TestSendTimeChecks:
    """Pointless nudges are skipped with a reason; ones outside the user's hours move."""

    async def test_pointless_thank_you_and_closed_interview(
        self, sessions: Sessions, fake: FakeBotApi, bot: Bot, clock: Clock
    ) -> None:
        (stale,) = await seed(
            sessions,
            users=1,
            due_at=NOW - timedelta(hours=30),
            kinds=[StepKind.THANK_YOU],
            interviewed_at=NOW - timedelta(hours=33),
        )
        (closed,) = await seed(
            sessions, users=1, due_at=NOW - timedelta(hours=1), status=InterviewStatus.OFFER
        )
        await know_chats(fake, [stale.chat_id, closed.chat_id])
        report = await Dispatcher(
            sessions, bot, render=render_nudge, clock=clock, config=FAST
        ).run()
        assert (report.skipped, report.sent) == (2, 0)
        assert fake.calls_to("sendMessage") == []
        (thank_you,) = await nudge_rows(sessions, stale.owner_id, stale.interview_id)
        (check_in,) = await nudge_rows(sessions, closed.owner_id, closed.interview_id)
        assert thank_you.state is NudgeState.SKIPPED and "24 hours" in (thank_you.reason or "")
        assert check_in.state is NudgeState.SKIPPED and "offer" in (check_in.reason or "")

    async def test_after_downtime_a_night_nudge_waits_for_the_morning(
        self, sessions: Sessions, fake: FakeBotApi, bot: Bot
    ) -> None:
        due = datetime(2026, 11, 20, 10, tzinfo=NY)  # Friday 10:00
        (user,) = await seed(sessions, users=1, due_at=due, zone="America/New_York")
        await know_chats(fake, [user.chat_id])
        clock = Clock(datetime(2026, 11, 21, 3, tzinfo=NY))  # back up Saturday 03:00
        dispatcher = Dispatcher(sessions, bot, render=render_nudge, clock=clock, config=FAST)
        report = await dispatcher.run()
        assert (report.moved, report.sent) == (1, 0)
        (row,) = await nudge_rows(sessions, user.owner_id, user.interview_id)
        assert row.state is NudgeState.PENDING and row.due_at == datetime(
            2026, 11, 23, 10, tzinfo=NY
        )
        assert await dispatcher.next_wake() == row.due_at
        clock.set(row.due_at)
        assert (await dispatcher.run()).sent == 1

    async def test_a_nudge_replaced_meanwhile_is_not_sent(
        self, sessions: Sessions, fake: FakeBotApi, bot: Bot, clock: Clock
    ) -> None:
        """The plan changed between claim and send (S7): the old row must not go out."""
        (user,) = await seed(sessions, users=1, due_at=NOW)
        await know_chats(fake, [user.chat_id])

        async def replan(claimed: object) -> None:
            async with sessions() as s, s.begin():
                await repo.cancel_pending_nudges(
                    s, owner_id=user.owner_id, interview_id=user.interview_id, reason="replied"
                )

        hooks = DispatchHooks(after_claim=replan)
        report = await Dispatcher(
            sessions, bot, render=render_nudge, clock=clock, config=FAST, hooks=hooks
        ).run()
        assert (report.claimed, report.sent, report.lost) == (1, 0, 1)
        assert fake.calls_to("sendMessage") == []

    async def test_a_plan_replaced_while_sending_is_logged(
        self,
        sessions: Sessions,
        fake: FakeBotApi,
        bot: Bot,
        clock: Clock,
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        """The message went out, then its row vanished: reported, never silently dropped."""
        (user,) = await seed(sessions, users=1, due_at=NOW)
        await know_chats(fake, [user.chat_id])

        async def replace(nudge: object) -> None:
            async with sessions() as s, s.begin():
                await repo.replace_nudges(
                    s, owner_id=user.owner_id, interview_id=user.interview_id, steps=[]
                )

        caplog.set_level(logging.WARNING, logger="bot.scheduling")
        hooks = DispatchHooks(after_send=replace)
        report = await Dispatcher(
            sessions, bot, render=render_nudge, clock=clock, config=FAST, hooks=hooks
        ).run()
        assert (report.sent, report.possible_duplicates) == (1, [user.nudge_ids[0]])
        assert "plan was replaced" in caplog.text


class TestTelegramFaults:
    """RetryAfter, Forbidden, BadRequest, 5xx and lost answers, each handled its own way."""

    async def test_forbidden_marks_the_user_blocked_until_they_come_back(
        self, sessions: Sessions, fake: FakeBotApi, bot: Bot, clock: Clock
    ) -> None:
        kinds = [StepKind.CHECK_IN, StepKind.SECOND_FOLLOW_UP]
        (user,) = await seed(sessions, users=1, due_at=NOW - timedelta(minutes=5), kinds=kinds)
        (other,) = await seed(sessions, users=1, due_at=NOW - timedelta(minutes=5))
        await know_chats(fake, [user.chat_id, other.chat_id])
        await fake.user(user_id=user.chat_id).block()
        dispatcher = Dispatcher(sessions, bot, render=render_nudge, clock=clock, config=FAST)
        report = await dispatcher.run()
        assert (report.sent, report.blocked, report.failed) == (1, 1, 0)
        assert len(fake.calls_to("sendMessage")) == 2  # one 403, one to the other user
        async with sessions() as s:
            profile = await repo.get_user(s, owner_id=user.owner_id)
        assert profile is not None and profile.blocked_at == NOW
        rows = [r for i in user.interview_ids for r in await nudge_rows(sessions, user.owner_id, i)]
        assert [r.state for r in rows] == [NudgeState.PENDING, NudgeState.PENDING]
        assert "Forbidden" in (rows[0].last_error or "")
        clock.advance(hours=1)
        assert (await dispatcher.run()).claimed == 0  # their nudges stop

        # /start: the bot's turn wrapper calls repo.unblock; the nudges resume, in order.
        await fake.user(user_id=user.chat_id).unblock()
        async with sessions() as s, s.begin():
            await repo.unblock(s, owner_id=user.owner_id)
        assert (await dispatcher.run()).sent == 2
        sent = sends_per_nudge(fake, [user.chat_id])
        assert sent == {user.nudge_ids[0]: 1, user.nudge_ids[1]: 1}

    async def test_a_blocked_chat_with_many_nudges_does_not_stall_the_run(
        self, sessions: Sessions, fake: FakeBotApi, bot: Bot, clock: Clock
    ) -> None:
        """Each nudge handed back counts as finished, so the next batch is claimed."""
        kinds = [StepKind.CHECK_IN, StepKind.SECOND_FOLLOW_UP, StepKind.HIRING_MANAGER]
        (blocked,) = await seed(sessions, users=1, due_at=NOW - timedelta(hours=1), kinds=kinds)
        others = await seed(sessions, users=4, due_at=NOW - timedelta(minutes=30))
        await know_chats(fake, [blocked.chat_id, *(u.chat_id for u in others)])
        await fake.user(user_id=blocked.chat_id).block()
        config = DispatchConfig(rate_per_second=1000, per_chat_seconds=0.0, batch_size=3)
        async with asyncio.timeout(wait_budget(2)):  # a stall shows as a timeout
            report = await Dispatcher(
                sessions, bot, render=render_nudge, clock=clock, config=config
            ).run()
        assert (report.blocked, report.released, report.sent) == (1, 2, 4)

    async def test_bad_request_is_not_retried(
        self, sessions: Sessions, fake: FakeBotApi, bot: Bot, clock: Clock
    ) -> None:
        (user,) = await seed(sessions, users=1, due_at=NOW)  # a chat the fake does not know
        sleeps = Sleeps()
        report = await Dispatcher(
            sessions, bot, render=render_nudge, clock=clock, config=FAST, sleep=sleeps
        ).run()
        assert (report.failed, report.sent) == (1, 0)
        assert len(fake.calls_to("sendMessage")) == 1 and sleeps.calls == []
        (row,) = await nudge_rows(sessions, user.owner_id, user.interview_id)
        assert row.state is NudgeState.FAILED and "chat not found" in (row.last_error or "").lower()

    async def test_server_errors_are_retried_with_backoff(
        self, sessions: Sessions, fake: FakeBotApi, bot: Bot, clock: Clock
    ) -> None:
        (user,) = await seed(sessions, users=1, due_at=NOW)
        await know_chats(fake, [user.chat_id])
        fake.faults.add(kind="500", method="sendMessage", times=2)
        sleeps = Sleeps()
        report = await Dispatcher(
            sessions, bot, render=render_nudge, clock=clock, config=FAST, sleep=sleeps
        ).run()
        assert (report.sent, report.possible_duplicates) == (1, [])  # a 500 was an answer
        assert sleeps.calls == [1.0, 2.0]
        assert [c.status for c in fake.calls_to("sendMessage")] == [500, 500, 200]

    async def test_retries_run_out_and_the_error_is_kept(
        self, sessions: Sessions, fake: FakeBotApi, bot: Bot, clock: Clock
    ) -> None:
        (user,) = await seed(sessions, users=1, due_at=NOW)
        await know_chats(fake, [user.chat_id])
        fake.faults.add(kind="500", method="sendMessage")
        sleeps = Sleeps()
        report = await Dispatcher(
            sessions, bot, render=render_nudge, clock=clock, config=FAST, sleep=sleeps
        ).run()
        assert (report.sent, report.failed) == (0, 1)
        assert sleeps.calls == [1.0, 2.0, 4.0]
        (row,) = await nudge_rows(sessions, user.owner_id, user.interview_id)
        assert row.state is NudgeState.FAILED and row.attempts == 1
        assert "Internal Server Error" in (row.last_error or "") and "4 tries" in (
            row.last_error or ""
        )

    async def test_a_lost_answer_gives_one_logged_duplicate(
        self,
        sessions: Sessions,
        fake: FakeBotApi,
        bot: Bot,
        clock: Clock,
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        users = await seed(sessions, users=2, due_at=NOW)
        await know_chats(fake, [u.chat_id for u in users])
        fake.faults.add(kind="drop_after", method="sendMessage", chat_id=users[0].chat_id, times=1)
        caplog.set_level(logging.WARNING, logger="bot.scheduling")
        report = await Dispatcher(
            sessions, bot, render=render_nudge, clock=clock, config=FAST, sleep=Sleeps()
        ).run()
        first = users[0].nudge_ids[0]
        assert report.sent == 2 and report.possible_duplicates == [first]
        assert sends_per_nudge(fake, [u.chat_id for u in users]) == {
            first: 2,
            users[1].nudge_ids[0]: 1,
        }
        assert f"nudge {first}: possible duplicate" in caplog.text

    @pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
    async def test_retry_after_on_30_percent_of_calls(
        self, sessions: Sessions, fake: FakeBotApi, bot: Bot, clock: Clock
    ) -> None:
        """All delivered, once each, and no call inside a window Telegram asked to wait out."""
        kinds = [StepKind.CHECK_IN, StepKind.SECOND_FOLLOW_UP]
        users = await seed(sessions, users=12, due_at=NOW - timedelta(minutes=5), kinds=kinds)
        chats = [u.chat_id for u in users]
        await know_chats(fake, chats)
        fake.faults.add(kind="429", method="sendMessage", probability=0.3, retry_after=1)
        config = DispatchConfig(rate_per_second=200, per_chat_seconds=0.0, batch_size=50)
        report = await Dispatcher(
            sessions, bot, render=render_nudge, clock=clock, config=config
        ).run()
        stats = fake.stats
        assert report.sent == 24 and report.failed == 0
        assert stats.count("sendMessage", 429) >= 3 and report.retry_after == stats.count(
            "sendMessage", 429
        )
        assert stats.early_retries == 0
        assert sends_per_nudge(fake, chats) == {n: 1 for u in users for n in u.nudge_ids}

    async def test_rate_limits_hold_globally_and_per_chat(
        self, sessions: Sessions, fake: FakeBotApi, bot: Bot, clock: Clock
    ) -> None:
        """Paced sends all arrive, two per chat, in due order.

        The spacing itself (20/s overall, 1/s per chat) is proven with virtual time in
        test_pacing.py: arrival stamps at the fake on a shared machine are too noisy to
        assert on (the brief: no timed unit tests).
        """
        kinds = [StepKind.CHECK_IN, StepKind.SECOND_FOLLOW_UP]
        users = await seed(sessions, users=15, due_at=NOW - timedelta(minutes=5), kinds=kinds)
        chats = [u.chat_id for u in users]
        await know_chats(fake, chats)
        config = DispatchConfig(rate_per_second=20, per_chat_seconds=1.0, batch_size=8)
        report = await Dispatcher(
            sessions, bot, render=render_nudge, clock=clock, config=config
        ).run()
        assert report.sent == 30
        calls = sorted(fake.calls_to("sendMessage"), key=lambda c: c.at)
        for chat in chats:
            assert len([c for c in calls if c.chat_id == chat]) == 2
        # A chat's nudges go out in due order.
        for user in users:
            ids = [i for i in (sends_per_nudge(fake, [user.chat_id]))]
            assert ids == list(user.nudge_ids)


@pytest.mark.parametrize(
    "fresh_url", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
async def test_two_dispatchers_send_each_of_2000_nudges_once(fresh_url: str, clock: Clock) -> None:
    """Two dispatchers, each with its own engine (its own connections), one database.

    Each talks to its own in-process Bot API (``LocalBotApi``, which validates like
    Telegram), because the HTTP fake spends ~5 ms of CPU per call in this process; the
    sends are counted per nudge across both.
    """
    engines = [make_engine(fresh_url), make_engine(fresh_url)]
    apis = [LocalBotApi(), LocalBotApi()]
    try:
        sessions = [make_sessionmaker(e) for e in engines]
        users = await seed(sessions[0], users=2000, due_at=NOW - timedelta(minutes=1))
        config = DispatchConfig(
            rate_per_second=100_000, per_chat_seconds=0.0, batch_size=40, max_in_flight=16
        )
        async with (
            Bot(LOCAL_TOKEN, request=apis[0]) as bot_a,
            Bot(LOCAL_TOKEN, request=apis[1]) as bot_b,
        ):
            reports = await asyncio.gather(
                Dispatcher(
                    sessions[0], bot_a, render=render_nudge, clock=clock, config=config
                ).run(),
                Dispatcher(
                    sessions[1], bot_b, render=render_nudge, clock=clock, config=config
                ).run(),
            )
        counts = Counter(nudge_of(m.button_list) for api in apis for m in api.sent)
        assert counts.keys() == {n for u in users for n in u.nudge_ids}
        assert set(counts.values()) == {1}
        assert sum(r.sent for r in reports) == 2000
        assert all(r.sent > 100 for r in reports), [r.sent for r in reports]  # both took part
        assert all(r.possible_duplicates == [] for r in reports)
        async with sessions[0]() as s:
            assert await nudges.count_by_state(s) == {NudgeState.SENT: 2000}
    finally:
        for engine in engines:
            await engine.dispose()


class _ReleaseOn(logging.Handler):
    """Rolls back the other writer's transaction as soon as the dispatcher logs."""

    def __init__(self, writer: sqlite3.Connection) -> None:
        super().__init__(logging.WARNING)
        self.writer = writer

    def emit(self, record: logging.LogRecord) -> None:
        if self.writer.in_transaction:
            self.writer.rollback()


async def test_a_database_locked_past_the_busy_timeout_is_one_warning_line(
    fresh_url: str,
    fake: FakeBotApi,
    bot: Bot,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A long turn on a crowded machine can hold SQLite's write lock past the busy timeout
    just as a nudge is to be recorded: the dispatcher says so in one warning line (no
    traceback), and the claim stays until its lease runs out (at least once)."""
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)
    engine = make_engine(fresh_url)
    sessions = make_sessionmaker(engine)
    writer = sqlite3.connect(make_url(fresh_url).database or "", isolation_level=None)
    dispatcher_log = logging.getLogger("bot.scheduling.dispatcher")
    release = _ReleaseOn(writer)
    try:
        (user,) = await seed(sessions, users=1, due_at=NOW - timedelta(minutes=5))
        await know_chats(fake, [user.chat_id])

        async def take_the_write_lock(nudge: ClaimedNudge) -> None:
            writer.execute("BEGIN IMMEDIATE")

        dispatcher_log.addHandler(release)
        hooks = DispatchHooks(after_send=take_the_write_lock)
        dispatcher = Dispatcher(
            sessions, bot, render=render_nudge, clock=clock, config=FAST, hooks=hooks
        )
        with caplog.at_level(logging.WARNING, logger="bot.scheduling"):
            await dispatcher.run()
        assert [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info] == []
        assert [r.getMessage() for r in caplog.records] == [
            "the database stayed locked; 1 nudge(s) wait until their claims expire"
        ]
        assert len(fake.calls_to("sendMessage")) == 1
        (row,) = await nudge_rows(sessions, user.owner_id, user.interview_id)
        assert row.state is NudgeState.CLAIMED
    finally:
        dispatcher_log.removeHandler(release)
        writer.close()
        await engine.dispose()
