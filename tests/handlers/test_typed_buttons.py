"""Buttons with typed arguments (bot.telegram.presses) through the real application: a press
whose data parses reaches its handler as the typed object, anything else gets the kind
"expired button" answer and changes nothing."""

from __future__ import annotations

import pytest

from bot.core.types import Vibe
from bot.telegram import presses, texts

from .harness import BotEnv, User, interviews, new_interview, onboard, text_of


async def ready(env: BotEnv) -> tuple[User, int]:
    user = env.user()
    await onboard(user)
    await new_interview(user)
    (record,) = await interviews(env, user)
    return user, record.id


BAD = [
    "ty",
    "ty:",
    "ty:abc",
    "ty:-1",
    "ty:１",
    "ty:1:2",
    "wd:x",
    "nw:" + "9" * 19,
    "pic:1.5",
    "ua:",
    "ua:a",
    "vb:1",
    "vb:1:lukewarm",
    "vb:x:warm",
]


class TestTypedButtons:
    @pytest.mark.parametrize("data", BAD)
    async def test_data_that_does_not_parse_gets_the_expired_answer(
        self, env: BotEnv, data: str
    ) -> None:
        user, _ = await ready(env)
        assert text_of(await user.press_data(data)) == texts.EXPIRED

    async def test_every_kind_answers_bad_data_kindly(self, env: BotEnv) -> None:
        user, _ = await ready(env)
        for kind in presses.KINDS:
            assert text_of(await user.press_data(f"{kind.PREFIX}:?")) == texts.EXPIRED

    async def test_a_vibe_press_reaches_the_handler_typed(self, env: BotEnv) -> None:
        user, interview_id = await ready(env)
        reply = await user.press_data(presses.encode(presses.SetVibe(interview_id, Vibe.CHILLY)))
        assert texts.VIBE_NOTED in text_of(reply)
        (record,) = await interviews(env, user)
        assert record.vibe is Vibe.CHILLY

    async def test_a_thank_you_press_as_sent_before_the_schema_still_works(
        self, env: BotEnv
    ) -> None:
        user, interview_id = await ready(env)
        reply = await user.press_data(f"ty:{interview_id}")  # the data buttons in chats carry
        assert text_of(reply) in {texts.THANKS_NOTED, texts.THANKS_ALREADY}
        (record,) = await interviews(env, user)
        assert record.thank_you_sent_at is not None

    async def test_another_users_interview_is_expired(self, env: BotEnv) -> None:
        _, interview_id = await ready(env)
        stranger = env.user(2002)
        await onboard(stranger)
        for kind in (presses.Thanked, presses.Withdrawn, presses.NewsShared):
            reply = await stranger.press_data(presses.encode(kind(interview_id)))
            assert text_of(reply) == texts.EXPIRED
