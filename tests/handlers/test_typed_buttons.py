"""Buttons with typed arguments (bot.telegram.presses) through the real application: a press
whose data parses reaches its handler as the typed object, anything else gets the kind
"expired button" answer and changes nothing."""

from __future__ import annotations

import pytest

from bot.core.types import Channel, Recipient, Vibe
from bot.telegram import presses, texts
from bot.telegram.callbacks import unpack

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
    "st:x",
    "ls:-2",
    "lg:1:pigeon",  # not a channel: a button is strict (typed words are not)
    "sh:1:email:boss",
    "dr:1:sonnet",
    "rp:1:maybe",
    "ed:1:salary",
    "ans:1",
    "ans:1:a b",
    "set:colour",
    "del:maybe",
    "why:G1:?",
    "q",
    "cmd:",
    "n:1",
    "n:1:z",
    "ok:1",
    "help:1",
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


class TestMigratedKinds:
    """The kinds that took strings before: their buttons, as already sent, still work, and
    the builders and the command words reach the same typed handler."""

    async def test_a_log_press_as_sent_before_the_schema_logs(self, env: BotEnv) -> None:
        user, interview_id = await ready(env)
        reply = text_of(await user.press_data(f"lg:{interview_id}:email:recruiter"))
        assert "Logged" in reply
        (record,) = await interviews(env, user)
        assert [a.channel for a in record.attempts] == [Channel.EMAIL]

    async def test_status_buttons_carry_typed_data(self, env: BotEnv) -> None:
        user, interview_id = await ready(env)
        await user.send("/status")
        data = {d for _, _, d in user.last_buttons()}
        assert presses.encode(presses.ShouldI(interview_id)) in data
        assert presses.encode(presses.LogAttempt(interview_id)) in data
        assert presses.encode(presses.Reply(interview_id)) in data
        for item in data:
            callback = unpack(item)
            assert callback is not None
            kind = next(k for k in presses.KINDS if callback.action == k.PREFIX)
            assert presses.decode(kind, item) is not None

    async def test_the_channel_question_fills_in_the_press(self, env: BotEnv) -> None:
        user, interview_id = await ready(env)
        await user.press_data(f"lg:{interview_id}")
        channels = {d for _, _, d in user.last_buttons()}
        assert presses.encode(presses.LogAttempt(interview_id, Channel.PHONE)) in channels
        await user.press_data(presses.encode(presses.LogAttempt(interview_id, Channel.PHONE)))
        whom = {d for _, _, d in user.last_buttons()}
        done = presses.LogAttempt(interview_id, Channel.PHONE, Recipient.HR)
        assert presses.encode(done) in whom

    async def test_command_words_are_read_kindly(self, env: BotEnv) -> None:
        user, interview_id = await ready(env)
        # A channel the bot does not know is asked for, not "expired" as a forged button is.
        reply = text_of(await user.send(f"/log {interview_id} pigeon"))
        assert reply != texts.EXPIRED
        assert presses.encode(presses.LogAttempt(interview_id, Channel.EMAIL)) in {
            d for _, _, d in user.last_buttons()
        }
        reply = text_of(await user.send(f"/log {interview_id} email recruiter"))
        assert "Logged" in reply

    async def test_a_nudge_op_that_is_not_one_has_expired(self, env: BotEnv) -> None:
        user, _ = await ready(env)
        assert text_of(await user.press_data("n:1:z")) == texts.EXPIRED
