"""Hostile input in every conversation state: no crash, always an answer Telegram accepts."""

from __future__ import annotations

import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .harness import BotEnv, User, onboard

HOSTILE = [
    "<b>bold</b> <script>alert(1)</script> & &amp; &lt; <a href='x'>",
    "x" * 5000,
    "😀👩‍👩‍👧‍👦🇺🇦" * 300,
    "",
    "     ",
    "\u202eRTL override \u200f עברית العربية",
    "ctrl \x00\x01\x07\x1b[31m",
    "/",
    "Robert'); DROP TABLE users;--",
    "1" * 400,
]

# The answers that lead to each question of the /new conversation, after onboarding.
PATHS = {
    "company": ["/new"],
    "role": ["/new", "Acme"],
    "when": ["/new", "Acme", "/skip"],
    "people": ["/new", "Acme", "/skip", "/skip"],
    "timeline": ["/new", "Acme", "/skip", "/skip", "/skip"],
    "timeline_ok": ["/new", "Acme", "/skip", "/skip", "/skip", "by Friday"],
    "vibe": ["/new", "Acme", "/skip", "/skip", "/skip", "by Friday", "yes"],
    "thanks": ["/new", "Acme", "/skip", "/skip", "/skip", "by Friday", "yes", "warm"],
    "tone": ["/tone"],
    "hour": ["/settings"],
    "idle": [],
}


async def at_state(env: BotEnv, user: User, state: str) -> None:
    await user.send("/cancel")
    for answer in PATHS[state]:
        await user.send(answer)
    if state == "hour":
        await user.press("Reminder time")


@pytest.fixture
def errors(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.ERROR)
    return caplog


@pytest.mark.parametrize("state", sorted(PATHS))
async def test_every_state_answers_every_hostile_input(
    env: BotEnv, state: str, errors: pytest.LogCaptureFixture
) -> None:
    user = env.user()
    await onboard(user)
    for text in HOSTILE:
        await at_state(env, user, state)
        replies = await user.send(text)  # the harness fails on any Bot API error
        assert replies, f"no answer to {text[:20]!r} in state {state}"
    assert [r for r in errors.records if r.levelno >= logging.ERROR] == []


async def test_onboarding_states_too(env: BotEnv, errors: pytest.LogCaptureFixture) -> None:
    user = env.user()
    for text in HOSTILE:
        await user.send("/start")
        assert await user.send(text)
    assert [r for r in errors.records if r.levelno >= logging.ERROR] == []


@settings(
    max_examples=40,
    # Listing checks replaces the profile's list, so too_slow (wall clock) is named again.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.text(min_size=1, max_size=600))
async def test_random_text_when_idle(env: BotEnv, text: str) -> None:
    user = env.user(5005)
    replies = await user.send(text)
    assert replies
