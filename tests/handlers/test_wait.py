"""The wait as the user sees it in the chat: what /list calls next, the picture of the wait,
"I sent it" under every draft, a withdrawal that closes the interview, and a reopened
interview that asks which follow-ups were answered.

The interview is Wed 18 Nov 2026 09:00 in New York, "by Friday" (20 Nov): thank-you reminder
12:00 that day (its window until Thu 19 Nov 09:00), check-in Tue 24 Nov 10:00.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import cast

from PIL import Image

from bot.core.records import InterviewStatus, NudgeState
from bot.core.types import DraftKind
from bot.storage import repo
from bot.storage.db import make_sessionmaker
from bot.telegram import texts
from bot.telegram.localapi import SentMessage

from .harness import BotEnv, User, interviews, new_interview, onboard, text_of


async def ready(env: BotEnv) -> tuple[User, int]:
    user = env.user()
    await onboard(user)
    await new_interview(user)
    (record,) = await interviews(env, user)
    return user, record.id


async def pending(env: BotEnv, user: User) -> set[str]:
    assert env.engine is not None
    async with make_sessionmaker(env.engine)() as session:
        profile = await repo.get_user_by_telegram_id(session, telegram_user_id=user.user_id)
        assert profile is not None
        (record,) = await repo.list_interviews(session, owner_id=profile.id)
        rows = await repo.list_nudges(session, owner_id=profile.id, interview_id=record.id)
    return {n.kind.value for n in rows if n.state is NudgeState.PENDING}


def buttons(messages: list[SentMessage]) -> list[tuple[str, str]]:
    return [b for m in messages for b in m.button_list]


class TestWhatComesNext:
    async def test_list_never_calls_a_past_step_next(self, env: BotEnv) -> None:
        user, _ = await ready(env)
        reply = text_of(await user.send("/list"))
        assert "now: thank-you note · next: check-in Tue 24 Nov, 10:00" in reply
        # 17 hours after the interview the thank-you's day is still open, and still "now".
        env.clock.advance(hours=17)
        reply = text_of(await user.send("/list"))
        assert "now: thank-you note · next: check-in Tue 24 Nov, 10:00" in reply
        status = text_of(await user.send("/status"))
        assert "(open until Thu 19 Nov, 09:00)" in status and "(passed)" not in status
        # Past its window it has passed; the next step is still the one ahead.
        env.clock.advance(hours=8)
        reply = text_of(await user.send("/list"))
        assert "next: check-in Tue 24 Nov, 10:00" in reply and "thank-you" not in reply
        assert "Thank-you note: <b>Wed 18 Nov, 12:00</b> <i>(passed)</i>" in text_of(
            await user.send("/status")
        )
        # On the check-in's day it is open now, and nothing past is "next".
        env.clock.advance(days=5)
        reply = text_of(await user.send("/list"))
        assert "now: check-in" in reply and "next: time to move on" in reply


class TestPicture:
    async def test_status_offers_the_picture_and_sends_a_phone_sized_png(self, env: BotEnv) -> None:
        user, interview_id = await ready(env)
        status = await user.send("/status")
        assert (texts.BUTTON_PICTURE, f"pic:{interview_id}") in buttons(status)
        assert "<b>Plan</b>" in text_of(status)  # the text stays the default
        (photo,) = [m for m in await user.press("Show as picture") if m.document is not None]
        assert photo.photo and "Acme" in photo.text
        name, content = photo.document or ("", b"")
        assert name.endswith(".png")
        with Image.open(io.BytesIO(content)) as image:
            assert image.format == "PNG" and image.width == 1080
            assert 600 < image.height < 2500
            # Not a blank page: the rail, the dots and the words put thousands of dark pixels.
            grey = image.convert("L")
            levels = cast("Iterable[int]", grey.get_flattened_data())  # one int per pixel in "L"
            assert sum(1 for v in levels if v < 128) > 5000

    async def test_another_users_interview_gives_no_picture(self, env: BotEnv) -> None:
        _, interview_id = await ready(env)
        stranger = env.user(2002)
        await onboard(stranger)
        reply = await stranger.press_data(f"pic:{interview_id}")
        assert [m.document for m in reply] == [None] and texts.EXPIRED in text_of(reply)


class TestISentIt:
    async def test_every_draft_has_an_i_sent_it_button(self, env: BotEnv) -> None:
        user, interview_id = await ready(env)
        for kind in DraftKind:
            if kind is DraftKind.UPDATE:
                await user.press_data(f"dr:{interview_id}:{kind.value}")
                draft = await user.send("I received another offer, due Friday")
            elif kind is DraftKind.THANK_YOU:  # first the one thing to mention
                await user.press_data(f"dr:{interview_id}:{kind.value}")
                draft = await user.send("the kafka migration")
            else:
                draft = await user.press_data(f"dr:{interview_id}:{kind.value}")
            labels = [label for label, _ in buttons(draft)]
            assert any("I sent it" in label for label in labels), (kind, labels)

    async def test_news_sent_is_noted_and_changes_nothing(self, env: BotEnv) -> None:
        user, interview_id = await ready(env)
        before = await pending(env, user)
        reply = text_of(await user.press_data(f"nw:{interview_id}"))
        assert reply == texts.NEWS_NOTED
        assert await pending(env, user) == before

    async def test_withdrawal_sent_closes_the_interview_with_undo(self, env: BotEnv) -> None:
        user, interview_id = await ready(env)
        draft = await user.press_data(f"dr:{interview_id}:{DraftKind.WITHDRAW.value}")
        assert ("I sent it ✅", f"wd:{interview_id}") in buttons(draft)
        closed = await user.press("I sent it")
        assert "you withdrew" in text_of(closed) and "Acme" in text_of(closed)
        (record,) = await interviews(env, user)
        assert record.status is InterviewStatus.WITHDREW
        assert await pending(env, user) == set()
        assert "you withdrew" in text_of(await user.send("/list"))
        assert "Already noted" in text_of(await user.press_data(f"wd:{interview_id}"))
        # Undo: waiting again, the reminders back, and nothing to ask (no reply was logged).
        undone = text_of(await user.press_data(f"rp:{interview_id}:reopen"))
        assert "Reopened" in undone and "Which of them" not in undone
        (record,) = await interviews(env, user)
        assert record.status is InterviewStatus.WAITING
        assert "check_in" in await pending(env, user)


class TestReopened:
    async def test_undo_of_an_outcome_asks_which_follow_ups_were_answered(
        self, env: BotEnv
    ) -> None:
        user, interview_id = await ready(env)
        env.clock.advance(days=6)  # Tue 24 Nov: the check-in's day
        await user.press_data(f"lg:{interview_id}:email:recruiter")
        await user.press_data(f"rp:{interview_id}:rejected")
        (record,) = await interviews(env, user)
        assert [a.answered for a in record.attempts] == [True]
        asked = await user.press_data(f"rp:{interview_id}:reopen")
        assert "Which of them really got an answer?" in text_of(asked)
        labels = [label for label, _ in buttons(asked)]
        assert "None of them" in labels and "Only Tue 24 Nov: Work e-mail" in labels
        noted = text_of(await user.press("None of them"))
        assert "Noted" in noted and "Second follow-up" in noted
        (record,) = await interviews(env, user)
        assert record.status is InterviewStatus.WAITING
        assert [a.answered for a in record.attempts] == [False]
        # The check-in counts again: the plan goes on with the second follow-up.
        assert "second_follow_up" in await pending(env, user)
        assert "check_in" not in await pending(env, user)

    async def test_an_answer_for_another_interview_is_refused(self, env: BotEnv) -> None:
        user, interview_id = await ready(env)
        reply = text_of(await user.press_data(f"ans:{interview_id}:999999"))
        assert reply == texts.EXPIRED
