"""Odd input through the real Application: odd digits in commands and buttons, impossible
interview times, promised-by dates centuries ahead. Each gets a kind answer, never the
"something went wrong" apology, and nothing is logged as an error."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from bot.config import Settings
from bot.telegram import texts
from bot.telegram.localchat import chat

from .harness import BotEnv, User, interviews, new_interview, onboard, text_of


@pytest.fixture
def errors(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.ERROR)
    return caplog


def assert_no_error(caplog: pytest.LogCaptureFixture, reply: str) -> None:
    assert texts.ERROR not in reply
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


async def two_interviews(env: BotEnv) -> User:
    user = env.user()
    await onboard(user)
    await new_interview(user, "Acme")
    await new_interview(user, "Globex")
    return user


@pytest.mark.parametrize("command", ["/status ²", "/log ²", "/status ¹²", "/log ٣", "/status １"])
async def test_odd_digits_in_commands(
    env: BotEnv, errors: pytest.LogCaptureFixture, command: str
) -> None:
    user = await two_interviews(env)
    reply = text_of(await user.send(command))
    assert reply
    assert_no_error(errors, reply)


@pytest.mark.parametrize("data", ["n:²:k", "n:²:done", "st:²", "lg:¹²", "ua:²", "q:zone:²"])
async def test_odd_digits_in_buttons(
    env: BotEnv, errors: pytest.LogCaptureFixture, data: str
) -> None:
    user = await two_interviews(env)
    if data.startswith("q:zone"):
        await user.send("/timezone")
        await user.send("Springfield")  # several places: the zone question waits for a pick
    reply = text_of(await user.press_data(data))
    assert reply
    assert_no_error(errors, reply)


async def start_new(user: User) -> None:
    await user.send("/new")
    await user.send("Acme")
    await user.send("/skip")


async def test_yesterday_at_25_is_impossible(env: BotEnv, errors: pytest.LogCaptureFixture) -> None:
    user = env.user()
    await onboard(user)
    await start_new(user)
    reply = text_of(await user.send("yesterday at 25:00"))
    assert "25:00" in reply and "isn't a time" in reply
    assert "Who did you meet" not in reply  # the question is asked again, not skipped
    reply = text_of(await user.send("yesterday at 15:00"))
    assert "15:00" in reply and "Who did you meet" in reply
    assert_no_error(errors, reply)


async def test_an_interview_in_the_future_gets_a_kind_question(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await start_new(user)
    reply = text_of(await user.send("tomorrow at 10:00"))
    assert "still ahead" in reply
    assert user.last_buttons() and "Just now" in user.last_buttons()[0][1]


async def test_an_interview_years_ago_gets_a_kind_question(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await start_new(user)
    reply = text_of(await user.send("3 March 2024"))
    assert "more than a year ago" in reply


async def test_a_promise_centuries_ahead_is_refused_and_the_interview_saves(
    env: BotEnv, errors: pytest.LogCaptureFixture
) -> None:
    user = env.user()
    await onboard(user)
    await start_new(user)
    await user.send("today 9am")
    await user.press("That's everyone")
    reply = text_of(await user.send("by 9999-12-31"))
    # Refused with its year shown, and the same question asked again.
    assert "9999" in reply and "more than a year" in reply
    assert "So, by" not in reply
    reply = text_of(await user.send("by 9998-12-31"))
    assert "9998" in reply and "So, by" not in reply
    reply = text_of(await user.send("within two weeks"))
    assert "So, by" in reply
    await user.press("Yes")
    await user.press("warm")
    summary = text_of(await user.press("Not yet"))
    assert "Saved" in summary
    assert_no_error(errors, summary)
    (record,) = await interviews(env, user)
    assert record.promised_by is not None and record.promised_by.year == 2026


async def test_terminal_chat_takes_a_superscript_digit_as_text(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}")
    stdin = io.StringIO("/start\nBerlin\n²\n/quit\n")  # "²" while hour buttons are shown
    out = io.StringIO()
    assert await chat(settings, stdin=stdin, out=out) == 0
    assert "Bye" in out.getvalue()


async def test_a_promise_in_another_year_is_shown_with_its_year(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await start_new(user)
    await user.send("today 9am")
    await user.press("That's everyone")
    assert "2027" in text_of(await user.send("by 15 January"))
    await user.press("Yes")
    await user.press("warm")
    summary = text_of(await user.press("Not yet"))
    assert "they'll answer by Fri 15 Jan 2027" in summary
    assert "they'll answer by Fri 15 Jan 2027" in text_of(await user.send("/status"))
