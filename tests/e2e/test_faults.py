"""Telegram misbehaves (429s, 500s, dropped connections, 403) and nothing is lost.

Two users talk to the real process at the same time while the fake answers a third of the
calls with 429 (retry_after 1 s) and some with 500 or a dropped connection (never carried
out, so a retry cannot duplicate anything). Each user must get exactly the conversation a
user gets when nothing fails, message for message and in order, and no call may come
back inside a retry_after window. A 403 ("bot was blocked by the user") marks the user
blocked; writing to the bot again clears it.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable

from fakebot import BotMessage, FakeBotApi, FakeUser
from testkit.waits import FAULTY_REPLY, wait_budget

from .conftest import E2E, BotProcess, no_bad_requests, say, text_of

pytestmark = E2E

# (what the user does, a piece of the bot's answer to wait for)
SCRIPT: list[tuple[str, str]] = [
    ("/start", "where are you"),
    ("Madrid", "when should my reminders"),
    ("press:q:hour:11", "all set"),
    ("/new", "which company"),
    ("Ferro Works", "what role"),
    ("/cancel", "left that"),
]
SENDING = ["sendMessage", "editMessageReplyMarkup", "answerCallbackQuery", "sendDocument"]


def replied(expected: str) -> Callable[[BotMessage], bool]:
    """Whether a bot message holds ``expected`` (any case)."""
    return lambda message: expected in text_of(message).casefold()


async def run_script(user: FakeUser) -> list[str]:
    """Play :data:`SCRIPT`; the bot's messages to the user, digits masked (clock times)."""
    for action, expected in SCRIPT:
        user.mark_read()
        if action.startswith("press:"):
            anchor = user.last_message
            assert anchor is not None
            await user.press_raw(anchor, action.removeprefix("press:"))
        else:
            await user.send(action)
        await user.wait_for_message(wait_budget(FAULTY_REPLY), replied(expected))
    return [re.sub(r"\d", "#", text_of(m)) for m in user.messages]


async def test_every_reply_arrives_in_order_through_429_500_and_drops(
    fake: FakeBotApi, bot: BotProcess
) -> None:
    calm = await asyncio.gather(run_script(fake.user("Calm1")), run_script(fake.user("Calm2")))
    assert calm[0] == calm[1]
    expected = calm[0]

    mark = len(fake.calls)
    # Each kind surely happens (rules fire in order), then at random on any call.
    fake.faults.add(kind="429", method="sendMessage", times=1, retry_after=1)
    fake.faults.add(kind="500", method="sendMessage", times=1)
    fake.faults.add(kind="drop", method="answerCallbackQuery", times=1)
    fake.faults.add(kind="429", method=SENDING, probability=1 / 3, retry_after=1)
    fake.faults.add(kind="500", probability=0.1)
    fake.faults.add(kind="drop", probability=0.1)
    try:
        stormy = await asyncio.gather(
            run_script(fake.user("Storm1")), run_script(fake.user("Storm2"))
        )
    finally:
        fake.faults.clear()

    faults = [c.fault for c in fake.calls[mark:] if c.fault]
    assert {"429", "500", "drop"} <= set(faults), faults
    for transcript in stormy:
        assert transcript == expected  # every message, once, in order
    # Nothing was tried again inside a retry_after window. (The fake keeps one window for
    # all chat-less calls, so a getUpdates long poll right after a 429 on the chat-less
    # answerCallbackQuery counts as "early"; it is not a retry of anything.)
    early = [c.method for c in fake.calls if c.early and c.method != "getUpdates"]
    assert early == []
    assert no_bad_requests(fake) == []
    # Retries are logged, never as an unhandled error (the module's log check follows).
    assert "retry 1 of" in bot.log()


async def test_403_marks_the_user_blocked_and_a_new_message_clears_it(
    fake: FakeBotApi, bot: BotProcess
) -> None:
    user = fake.user("Blocker")
    await say(user, "/start", until="where are you")
    rule = fake.faults.add(kind="403", method="sendMessage", chat_id=user.id)
    await user.send("/help")
    await fake.wait_until(lambda: rule.fired >= 1)
    await say_nothing_pending(fake, bot)
    fake.faults.remove(rule)
    ((blocked_at,),) = bot.query(
        "SELECT blocked_at FROM users WHERE telegram_user_id = ?", [user.id]
    )
    assert blocked_at is not None
    assert "blocked the bot" in bot.log()

    await say(user, "/help", until="what i can do")
    assert bot.query("SELECT blocked_at FROM users WHERE telegram_user_id = ?", [user.id]) == [
        (None,)
    ]


async def say_nothing_pending(fake: FakeBotApi, bot: BotProcess) -> None:
    """Wait until the bot has handled everything queued (another user's round trip)."""
    probe = fake.user("Probe")
    await say(probe, "/start", until="where are you")
