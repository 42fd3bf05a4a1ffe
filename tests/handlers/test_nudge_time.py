"""The reminder time keeps its minutes (S6): what the user types is what they get, to the minute.

Through the real Application: onboarding, /settings and a plain sentence set the time; the
plan, /status and /settings then show it as HH:MM. The clock is the testkit's (Wed 18 Nov
2026); the interview of ``new_interview`` is promised "by Friday", so its check-in is Tue 24
Nov at the user's time.
"""

from __future__ import annotations

from datetime import time
from zoneinfo import ZoneInfo

import pytest

from bot.core.records import NudgeState, UserProfile
from bot.core.types import StepKind
from bot.storage import repo
from bot.storage.db import make_sessionmaker
from bot.telegram import texts
from bot.telegram.flows import parse_nudge_time

from .harness import BotEnv, User, new_interview, onboard, text_of

NEW_YORK = ZoneInfo("America/New_York")


async def profile(env: BotEnv, user: User) -> UserProfile:
    assert env.engine is not None
    async with make_sessionmaker(env.engine)() as session:
        found = await repo.get_user_by_telegram_id(session, telegram_user_id=user.user_id)
    assert found is not None
    return found


async def pending_local_times(env: BotEnv, user: User) -> set[str]:
    """HH:MM, New York time, of every pending reminder but the thank-you."""
    assert env.engine is not None
    me = await profile(env, user)
    async with make_sessionmaker(env.engine)() as session:
        records = await repo.list_interviews(session, owner_id=me.id)
        rows = [
            n
            for r in records
            for n in await repo.list_nudges(session, owner_id=me.id, interview_id=r.id)
        ]
    return {
        f"{n.due_at.astimezone(NEW_YORK):%H:%M}"
        for n in rows
        if n.state is NudgeState.PENDING and n.kind is not StepKind.THANK_YOU
    }


async def open_time_setting(user: User) -> str:
    await user.send("/settings")
    return text_of(await user.press("Reminder time"))


class TestReading:
    """The forms a person types; anything else, or a time outside 07:00-21:00, is None."""

    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            ("9", time(9)),
            ("9:30", time(9, 30)),
            ("09:05", time(9, 5)),
            ("14:30", time(14, 30)),
            ("14.30", time(14, 30)),
            ("14h30", time(14, 30)),
            ("1430", time(14, 30)),
            ("2pm", time(14)),
            ("2 PM", time(14)),
            ("7:30pm", time(19, 30)),
            ("7:30 p.m.", time(19, 30)),
            ("8:45am", time(8, 45)),
            ("12pm", time(12)),
            ("noon", time(12)),
            ("9 o'clock", time(9)),
            ("at 9:30", time(9, 30)),
            ("half past 8", time(8, 30)),
            ("quarter past 9", time(9, 15)),
            ("a quarter to 10", time(9, 45)),
            ("20 past 7", time(7, 20)),
            ("quarter to 6 pm", time(17, 45)),
            ("7", time(7)),
            ("21:00", time(21)),
            ("9pm", time(21)),
        ],
    )
    def test_a_time_is_read_to_the_minute(self, typed: str, expected: time) -> None:
        assert parse_nudge_time(typed) == expected

    @pytest.mark.parametrize(
        "typed",
        [
            "6:59",  # before 07:00
            "21:01",  # after 21:00
            "21:30",
            "9:30pm",
            "3am",
            "12am",
            "half past 9 pm",
            "25",
            "14:75",
            "13pm",
            "14:3",
            "12345",
            "half past",
            "tomorrow",
            "",
            "9" * 500,
        ],
    )
    def test_anything_else_is_not_a_reminder_time(self, typed: str) -> None:
        assert parse_nudge_time(typed) is None


class TestOnboarding:
    async def test_half_past_two_typed_at_onboarding(self, env: BotEnv) -> None:
        user = env.user()
        await user.send("/start")
        asked = text_of(await user.send("New York"))
        assert "Now: 10:00." in asked
        reply = text_of(await user.send("14:30"))
        assert "<b>14:30</b>" in reply and "All set" in reply
        assert (await profile(env, user)).nudge_at == time(14, 30)
        summary = await new_interview(user)
        assert "Tue 24 Nov, 14:30" in summary
        assert await pending_local_times(env, user) == {"14:30"}

    async def test_half_past_seven_in_the_evening(self, env: BotEnv) -> None:
        user = env.user()
        await user.send("/start")
        await user.send("New York")
        reply = text_of(await user.send("7:30pm"))
        assert "<b>19:30</b>" in reply
        assert "Tue 24 Nov, 19:30" in await new_interview(user)
        assert await pending_local_times(env, user) == {"19:30"}

    async def test_a_bad_time_is_asked_again(self, env: BotEnv) -> None:
        user = env.user()
        await user.send("/start")
        await user.send("New York")
        assert text_of(await user.send("6:30")) == texts.HOUR_BAD
        assert text_of(await user.send("14:75")) == texts.HOUR_BAD
        reply = text_of(await user.send("8:15"))
        assert "<b>08:15</b>" in reply and "All set" in reply


class TestSettings:
    async def test_half_past_two_moves_the_plan_and_shows_as_typed(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        assert "Now: 10:00." in await open_time_setting(user)
        reply = text_of(await user.send("14:30"))
        assert "<b>14:30</b>" in reply
        assert "Tue 24 Nov, 14:30" in text_of(await user.send("/status"))
        assert await pending_local_times(env, user) == {"14:30"}
        assert "Reminder time: <b>14:30</b>" in text_of(await user.send("/settings"))
        assert "Now: 14:30." in text_of(await user.press("Reminder time"))

    async def test_half_past_seven_pm(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        await open_time_setting(user)
        assert "<b>19:30</b>" in text_of(await user.send("7:30pm"))
        assert "Tue 24 Nov, 19:30" in text_of(await user.send("/status"))

    async def test_a_quick_pick_is_the_whole_hour(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await open_time_setting(user)
        await user.send("14:30")
        await open_time_setting(user)
        assert "<b>16:00</b>" in text_of(await user.press("16:00"))
        assert (await profile(env, user)).nudge_at == time(16, 0)

    @pytest.mark.parametrize("typed", ["21:30", "6:45", "3am", "25:00", "lunchtime-ish"])
    async def test_bad_input_keeps_the_old_time(self, env: BotEnv, typed: str) -> None:
        user = env.user()
        await onboard(user)
        await open_time_setting(user)
        await user.send("9:45")
        await open_time_setting(user)
        assert text_of(await user.send(typed)) == texts.HOUR_BAD
        assert (await profile(env, user)).nudge_at == time(9, 45)
        assert "<b>11:05</b>" in text_of(await user.send("11:05"))  # still the question


class TestInASentence:
    """ "remind me at 14:30" in the chat sets 14:30; nothing says it was rounded."""

    @pytest.mark.parametrize(
        ("said", "expected"),
        [("remind me at 14:30 please", "14:30"), ("send my reminders at 7:30pm", "19:30")],
    )
    async def test_the_time_said_is_the_time_set(
        self, env: BotEnv, said: str, expected: str
    ) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        reply = text_of(await user.send(said))
        assert reply == texts.HOUR_NOW_SET.format(time=expected)
        assert f"Tue 24 Nov, {expected}" in text_of(await user.send("/status"))
        assert f"{(await profile(env, user)).nudge_at:%H:%M}" == expected

    async def test_a_time_outside_the_day_is_refused_and_asked_again(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        reply = await user.send("can you remind me at 6am instead")
        assert reply[0].text == texts.HOUR_BAD
        assert "When should my reminders arrive" in text_of(reply)
        assert (await profile(env, user)).nudge_at == time(10, 0)
        assert "<b>09:15</b>" in text_of(await user.send("9:15"))
        assert (await profile(env, user)).nudge_at == time(9, 15)
