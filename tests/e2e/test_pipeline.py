"""The update pipeline from the outside: kill -9 in a burst, a 429 on one chat, edits.

- kill -9 of the real process at random moments while users send a burst, in polling and
  in webhook mode: afterwards every update a user sent is in the inbox and handled, the
  outbox is empty, and every user has at least one answer per message.
- Telegram answers 429 with retry_after 20 for one chat: the other chats' replies come
  as fast as before, and nothing is sent to that chat inside the window.
- Edited messages change nothing stored.

(bench/kill_trials.py runs the kill -9 trials 20+ times; bench/held_chat.py measures how
far the held chat moves the others' p99.)
"""

from __future__ import annotations

import contextlib
import functools
import random
import time
from pathlib import Path

import pytest
from fakebot import FakeBotApi, FakeUser
from testkit.waits import wait_budget

from .conftest import E2E, BotProcess, new_interview, onboard, say, text_of

pytestmark = E2E

HELP = "What I can do"
BURST_USERS = 8
MESSAGES_EACH = 3


async def start(users: list[FakeUser]) -> None:
    """Only /start makes an account: each user starts once, as a real one would."""
    for user in users:
        await say(user, "/start", until=lambda m: True)


def help_replies(user: FakeUser) -> int:
    return sum(1 for m in user.messages if text_of(m).startswith(HELP))


async def kill_during_bursts(
    fake: FakeBotApi, bot: BotProcess, users: list[FakeUser], rng: random.Random, trials: int
) -> None:
    """Each trial: every user sends a burst; the bot is killed after a random number of Bot
    API calls (so at a random point of fetching, storing, handling or answering)."""
    for _ in range(trials):
        mark = len(fake.calls)
        for _ in range(MESSAGES_EACH):
            for user in users:
                await user.send("/help")
        when = mark + rng.randint(1, BURST_USERS * MESSAGES_EACH)
        # (When the burst is over before that many calls, the kill lands after it.)
        with contextlib.suppress(TimeoutError):
            await fake.wait_until(functools.partial(_calls_reach, fake, when), wait_budget(20))
        await bot.kill()
        await bot.start()


async def check_nothing_lost(fake: FakeBotApi, bot: BotProcess, users: list[FakeUser]) -> None:
    expected = {u.id: len(u.sent) - 1 for u in users}  # every message but the /start

    sent = {m.update_id for u in users for m in u.sent}

    def settled() -> bool:
        # (A reply sent twice after a kill can make the count before the last update was
        # even delivered: the inbox says when every update was handled.)
        if not all(help_replies(u) >= expected[u.id] for u in users):
            return False
        done = {i for (i,) in bot.query("SELECT update_id FROM inbox WHERE state = 'done'")}
        return sent <= done

    await fake.wait_until(settled, wait_budget(60))
    await bot.stop()
    sent_ids = {m.update_id for u in users for m in u.sent}
    stored = dict(bot.query("SELECT update_id, state FROM inbox"))
    assert sent_ids <= stored.keys(), "an update never reached the inbox"
    assert {stored[i] for i in sent_ids} == {"done"}
    assert bot.query("SELECT count(*) FROM outbox") == [(0,)]
    bot.assert_clean()


@pytest.mark.parametrize("mode", ["run", "webhook"])
async def test_kill_9_during_bursts_loses_no_update(
    fake: FakeBotApi, workdir: Path, mode: str
) -> None:
    bot = BotProcess(fake, workdir, command=mode, name=f"kill-{mode}")
    users = [fake.user(f"Burst{mode}{n}") for n in range(BURST_USERS)]
    await bot.start()
    await start(users)
    try:
        await kill_during_bursts(fake, bot, users, random.Random(mode), trials=3)
        await check_nothing_lost(fake, bot, users)
    finally:
        if bot.running:
            await bot.kill()


async def test_a_429_on_one_chat_does_not_hold_the_others(
    fake: FakeBotApi, bot: BotProcess
) -> None:
    """Every other chat is answered while the held chat is still inside its retry_after
    window (bench/held_chat.py measures how far it moves their p99). The window is the
    issue's 20 s, longer only when the tolerance factor allows a slower machine more."""
    window = max(20, round(wait_budget(4)))
    held = fake.user("Held")
    others = [fake.user(f"Other{n}") for n in range(6)]
    await start([held, *others])

    fake.faults.add(kind="429", method="sendMessage", chat_id=held.id, times=1, retry_after=window)
    mark = len(fake.calls)
    held.mark_read()
    asked = time.monotonic()
    await held.send("/help")
    await fake.wait_until(
        lambda: any(c.chat_id == held.id and c.status == 429 for c in fake.calls[mark:]),
        wait_budget(10),
    )
    for user in others:
        for _ in range(3):
            await say(user, "/help", until=HELP, timeout=window)
    answered_within = time.monotonic() - asked
    assert answered_within < window, f"the others took {answered_within:.1f} s of the window"
    assert not held.unread, "the held chat got its reply inside the retry_after window"
    # The held chat still gets its answer, after the window and not before.
    await held.wait_for_message(wait_budget(40), lambda m: text_of(m).startswith(HELP))
    assert time.monotonic() - asked >= window - 0.5
    assert [c for c in fake.calls[mark:] if c.early] == []
    fake.faults.clear()


async def test_edits_change_nothing(fake: FakeBotApi, bot: BotProcess) -> None:
    user = fake.user("Editor")
    await onboard(user)
    await say(user, "/new", until="which company")
    acme = await user.send("Acme")
    await user.wait_for_message(wait_budget(10), lambda m: "what role" in text_of(m).casefold())
    user.mark_read()
    await user.edit(acme, "Acme Corporation")
    hint = await user.wait_for_message(wait_budget(10))
    assert "editing it doesn't change" in text_of(hint)
    await user.edit(acme, "/delete yes")  # an old message edited into a command
    await say(user, "Backend engineer", until="when was the interview")
    rows = bot.query(
        "SELECT c.data FROM conversations c JOIN users u ON u.id = c.owner_id "
        "WHERE u.telegram_user_id = ?",
        [user.id],
    )
    assert len(rows) == 1 and "Acme Corporation" not in rows[0][0]
    assert '"Acme"' in rows[0][0]
    await say(user, "/cancel", until="")
    summary = await new_interview(user, company="Globex")
    user.mark_read()
    await user.edit(user.sent[-1], "I emailed the recruiter today")  # edited into a log
    await say(user, "/list", until="your interviews")
    assert "Globex" in text_of(summary)
    assert bot.query("SELECT count(*) FROM attempts") == [(0,)]
    assert [text_of(m) for m in user.messages if "Logged:" in text_of(m)] == []


def _calls_reach(fake: FakeBotApi, count: int) -> bool:
    return len(fake.calls) >= count
