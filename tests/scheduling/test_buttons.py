"""The nudge buttons through the real bot: each acts once, and only for its owner.

The whole Application runs offline (``tests/handlers/harness.py``): the user talks to it with
updates, nudges are delivered by the installed nudge service through the same in-process Bot
API, and the user presses the buttons of the message they received.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from handlers.harness import BotEnv, User, text_of
from testkit.clock import Clock
from testkit.databases import Databases

from bot.config import Settings
from bot.core.records import InterviewRecord, InterviewStatus, NudgeRecord, NudgeState
from bot.core.types import Channel, Recipient, StepKind
from bot.scheduling.service import NudgeService
from bot.storage import repo
from bot.storage.db import make_sessionmaker
from bot.telegram import texts
from bot.telegram.localapi import SentMessage
from bot.telegram.nudges import SERVICE_KEY, install_nudges, shutdown_nudges

NY = ZoneInfo("America/New_York")
# Wednesday 18 November 2026, 10:00 in New York.
START = datetime(2026, 11, 18, 10, 0, tzinfo=NY)


@pytest.fixture
async def env(databases: Databases) -> AsyncIterator[BotEnv]:
    url = databases.migrated("sqlite")
    bot_env = BotEnv(url=url, clock=Clock(START))
    await bot_env.start()
    assert bot_env.app is not None
    await install_nudges(bot_env.app, Settings(database_url=url), start=False)
    yield bot_env
    await shutdown_nudges(bot_env.app)
    await bot_env.stop()


def service(env: BotEnv) -> NudgeService:
    assert env.app is not None
    found = env.app.bot_data[SERVICE_KEY]
    assert isinstance(found, NudgeService)
    return found


async def start_interview(user: User, thank_you_sent: bool = False) -> None:
    """Onboard in New York at 10:00, then /new: Acme, by Friday (S2: Tue 24 Nov)."""
    for text in ("/start", "New York"):
        await user.send(text)
    await user.press("10:00")
    for text in ("/new", "Acme & Sons", "Backend <engineer>", "today 9am"):
        await user.send(text)
    await user.send("Dana Lee, recruiter, dana@acme.com")
    await user.press("That's everyone")
    await user.send("the recruiter said by Friday")
    await user.press("Yes")
    await user.press("warm")
    await user.press("Yes, sent" if thank_you_sent else "Not yet")


async def deliver(env: BotEnv, user: User, at: datetime) -> list[SentMessage]:
    """Move the clock and let the nudge service run, as its job would at that moment."""
    env.clock.now = at
    start = len(env.api.sent)
    await service(env).run_now()
    return [m for m in env.api.sent[start:] if m.chat_id == user.user_id]


async def the_interview(env: BotEnv, user: User) -> tuple[InterviewRecord, list[NudgeRecord]]:
    assert env.engine is not None
    async with make_sessionmaker(env.engine)() as session:
        profile = await repo.get_user_by_telegram_id(session, telegram_user_id=user.user_id)
        assert profile is not None
        (record,) = await repo.list_interviews(session, owner_id=profile.id)
        rows = await repo.list_nudges(session, owner_id=profile.id, interview_id=record.id)
    return record, list(rows)


def data(message: SentMessage, op: str) -> str:
    found = [d for _, d in message.button_list if d.endswith(f":{op}")]
    assert found, message.button_list
    return found[0]


async def press(user: User, message: SentMessage, op: str) -> str:
    return text_of(await user.press_data(data(message, op), message.message_id))


async def test_install_registers_buttons_and_the_plan_listener(env: BotEnv) -> None:
    assert env.app is not None
    assert service(env).plan_changed in env.app.bot_data["deps"].plan_listeners
    # Nudges use the application's HTTP client and token, not its rate limiter's retries.
    bot = service(env).dispatcher.bot
    assert bot is not env.app.bot and bot.request is env.app.bot.request
    assert bot.token == env.app.bot.token
    await shutdown_nudges(env.app)
    assert SERVICE_KEY not in env.app.bot_data
    assert env.app.bot_data["deps"].plan_listeners == []


class TestThankYou:
    async def test_done_marks_it_sent_once(self, env: BotEnv) -> None:
        user = env.user()
        await start_interview(user)
        (nudge,) = await deliver(env, user, datetime(2026, 11, 18, 12, 0, tzinfo=NY))
        assert "Thank-you note" in nudge.text and "until Thu 19 Nov, 09:00" in nudge.text
        assert "Acme &amp; Sons" in nudge.text and "Backend &lt;engineer&gt;" in nudge.text
        assert "Thank-you noted as sent" in await press(user, nudge, "k")
        record, rows = await the_interview(env, user)
        assert record.thank_you_sent_at is not None
        assert rows[0].kind is StepKind.THANK_YOU and rows[0].reason == "done"
        assert "Already done" in await press(user, nudge, "k")
        assert "Already done" in await press(user, nudge, "s")

    async def test_draft_it_shows_the_draft_and_can_be_asked_again(self, env: BotEnv) -> None:
        user = env.user()
        await start_interview(user)
        (nudge,) = await deliver(env, user, datetime(2026, 11, 18, 12, 0, tzinfo=NY))
        asked = await press(user, nudge, "d")
        assert "one thing from the interview" in asked  # asked once, before the first note
        first = text_of(await user.send("the kafka migration"))
        assert "Thank-you note" in first and "Subject:" in first and "kafka" in first
        assert "Subject:" in await press(user, nudge, "d")
        _, rows = await the_interview(env, user)
        assert rows[0].reason is None  # drafting did not use up the buttons

    async def test_a_thank_you_already_sent_is_not_reminded(self, env: BotEnv) -> None:
        user = env.user()
        await start_interview(user, thank_you_sent=True)
        assert await deliver(env, user, datetime(2026, 11, 18, 12, 0, tzinfo=NY)) == []


class TestCheckIn:
    async def check_in(self, env: BotEnv, user: User) -> SentMessage:
        await start_interview(user, thank_you_sent=True)
        (nudge,) = await deliver(env, user, datetime(2026, 11, 24, 10, 0, tzinfo=NY))
        assert "check-in" in nudge.text and "Fri 20 Nov" in nudge.text
        return nudge

    async def test_done_logs_an_email_to_the_follow_up_person(self, env: BotEnv) -> None:
        user = env.user()
        nudge = await self.check_in(env, user)
        reply = await press(user, nudge, "k")
        assert "Logged" in reply and "recruiter" in reply
        record, _ = await the_interview(env, user)
        (attempt,) = record.attempts
        assert (attempt.channel, attempt.to) == (Channel.EMAIL, Recipient.RECRUITER)
        assert attempt.at == datetime(2026, 11, 24, 10, 0, tzinfo=NY)
        assert "Already done" in await press(user, nudge, "k")
        assert len((await the_interview(env, user))[0].attempts) == 1

    async def test_snooze_brings_it_back_the_next_business_day(self, env: BotEnv) -> None:
        user = env.user()
        nudge = await self.check_in(env, user)
        reply = await press(user, nudge, "s")
        assert "Snoozed" in reply and "Wed 25 Nov, 10:00" in reply and "business day" in reply
        assert "Already snoozed" in await press(user, nudge, "s")
        assert await deliver(env, user, datetime(2026, 11, 25, 9, 59, tzinfo=NY)) == []
        (again,) = await deliver(env, user, datetime(2026, 11, 25, 10, 0, tzinfo=NY))
        assert "check-in" in again.text
        assert "Logged" in await press(user, again, "k")  # the new message's buttons work

    async def test_at_half_past_two_it_comes_and_snoozes_to_the_minute(self, env: BotEnv) -> None:
        """A user who typed 14:30 gets the check-in at 14:30, not 14:00, and Snooze brings it
        back at 14:30 the next business day (S6)."""
        user = env.user()
        await start_interview(user, thank_you_sent=True)
        await user.send("/settings")
        await user.press("Reminder time")
        await user.send("14:30")
        assert await deliver(env, user, datetime(2026, 11, 24, 14, 29, tzinfo=NY)) == []
        (nudge,) = await deliver(env, user, datetime(2026, 11, 24, 14, 30, tzinfo=NY))
        assert "check-in" in nudge.text
        assert "Wed 25 Nov, 14:30" in await press(user, nudge, "s")
        assert await deliver(env, user, datetime(2026, 11, 25, 14, 29, tzinfo=NY)) == []
        (again,) = await deliver(env, user, datetime(2026, 11, 25, 14, 30, tzinfo=NY))
        assert "check-in" in again.text

    async def test_they_replied_stops_the_plan(self, env: BotEnv) -> None:
        user = env.user()
        nudge = await self.check_in(env, user)
        assert "S7" not in await press(user, nudge, "r")
        record, rows = await the_interview(env, user)
        assert record.status is InterviewStatus.REPLIED
        assert [r.state for r in rows if r.state is NudgeState.PENDING] == []
        assert "Already noted" in await press(user, nudge, "r")

    async def test_stop_cancels_the_rest(self, env: BotEnv) -> None:
        user = env.user()
        nudge = await self.check_in(env, user)
        reply = await press(user, nudge, "x")
        assert "No more reminders" in reply and "Acme &amp; Sons" in reply
        _, rows = await the_interview(env, user)
        cancelled = [r for r in rows if r.state is NudgeState.CANCELLED]
        assert cancelled and all(r.reason == "reminders stopped by the user" for r in cancelled)
        assert "Already stopped" in await press(user, nudge, "x")
        assert await deliver(env, user, datetime(2026, 12, 31, 10, 0, tzinfo=NY)) == []


class TestForgedButtons:
    async def test_another_users_nudge_has_expired(self, env: BotEnv) -> None:
        owner, intruder = env.user(1001, "Sam"), env.user(2002, "Eve")
        await start_interview(owner)
        (nudge,) = await deliver(env, owner, datetime(2026, 11, 18, 12, 0, tzinfo=NY))
        await intruder.send("/start")
        nudge_id = data(nudge, "k").split(":")[1]
        for op in ("d", "k", "s", "r", "x"):
            pressed = await intruder.press_data(f"n:{nudge_id}:{op}", nudge.message_id)
            assert text_of(pressed) == texts.EXPIRED
        record, rows = await the_interview(env, owner)
        assert record.thank_you_sent_at is None and rows[0].reason is None

    @pytest.mark.parametrize("forged", ["n:999999:k", "n:abc:k", "n:1:zz", "n"])
    async def test_made_up_data_has_expired(self, env: BotEnv, forged: str) -> None:
        user = env.user()
        await user.send("/start")
        assert text_of(await user.press_data(forged)) == texts.EXPIRED


async def test_a_blocked_user_is_reminded_again_after_start(env: BotEnv) -> None:
    user = env.user()
    await start_interview(user)
    record, _ = await the_interview(env, user)
    assert env.engine is not None
    async with make_sessionmaker(env.engine)() as session, session.begin():
        await repo.mark_blocked(session, owner_id=record.owner_id, at=START)
    assert await deliver(env, user, datetime(2026, 11, 18, 12, 0, tzinfo=NY)) == []
    await user.send("/start")  # the turn wrapper unblocks
    (nudge,) = await deliver(env, user, datetime(2026, 11, 18, 12, 1, tzinfo=NY))
    assert "Thank-you note" in nudge.text


class TestTypedDone:
    """Typing "done" or "ok sent it just now" after a reminder is its Done button."""

    @pytest.mark.parametrize("typed", ["ok sent it just now", "done", "Sent!", "yep, did it"])
    async def test_typed_done_answers_the_latest_reminder(self, env: BotEnv, typed: str) -> None:
        user = env.user()
        await start_interview(user)
        (nudge,) = await deliver(env, user, datetime(2026, 11, 18, 12, 0, tzinfo=NY))
        assert "Thank-you note" in nudge.text
        assert "Thank-you noted as sent" in text_of(await user.send(typed))
        record, rows = await the_interview(env, user)
        assert record.thank_you_sent_at is not None and rows[0].reason == "done"
        assert "Already done" in await press(user, nudge, "k")

    async def test_done_with_no_reminder_lately_is_not_taken_as_one(self, env: BotEnv) -> None:
        user = env.user()
        await start_interview(user)
        (_nudge,) = await deliver(env, user, datetime(2026, 11, 18, 12, 0, tzinfo=NY))
        env.clock.now = datetime(2026, 11, 30, 12, 0, tzinfo=NY)  # twelve days later
        assert "Thank-you noted" not in text_of(await user.send("done"))
        _, rows = await the_interview(env, user)
        assert rows[0].reason is None


class TestTypedLater:
    """ "can i do it tmrw instead?" after a reminder is its Snooze button, to the day named."""

    async def check_in(self, env: BotEnv, user: User) -> SentMessage:
        await start_interview(user, thank_you_sent=True)
        (nudge,) = await deliver(env, user, datetime(2026, 11, 24, 10, 0, tzinfo=NY))
        assert "check-in" in nudge.text
        return nudge

    @pytest.mark.parametrize(
        ("typed", "when"),
        [
            ("can i do it tmrw instead?", "Wed 25 Nov, 10:00"),
            # Thursday 26 November is Thanksgiving in New York: the next business day
            ("not today, remind me thursday", "Fri 27 Nov, 10:00"),
            ("remind me next week", "Mon 30 Nov, 10:00"),
            ("later", "Wed 25 Nov, 10:00"),
        ],
    )
    async def test_typed_later_snoozes_the_latest_reminder(
        self, env: BotEnv, typed: str, when: str
    ) -> None:
        user = env.user()
        nudge = await self.check_in(env, user)
        reply = text_of(await user.send(typed))
        assert "Snoozed" in reply and when in reply, reply
        assert "Already snoozed" in await press(user, nudge, "s")

    async def test_a_call_tomorrow_is_a_question_not_a_snooze(self, env: BotEnv) -> None:
        user = env.user()
        await self.check_in(env, user)
        reply = text_of(await user.send("can i call them tomorrow instead?"))
        assert "Snoozed" not in reply
        assert "<b>" in reply  # a verdict

    async def test_should_i_send_it_tomorrow_is_a_question(self, env: BotEnv) -> None:
        user = env.user()
        await self.check_in(env, user)
        reply = text_of(await user.send("should i send it tomorrow?"))
        assert "Snoozed" not in reply

    async def test_no_recent_reminder_no_snooze(self, env: BotEnv) -> None:
        user = env.user()
        await start_interview(user, thank_you_sent=True)
        reply = text_of(await user.send("remind me tomorrow"))
        assert "Snoozed" not in reply
