"""Nudges that fall due while the bot is down, and nudges while Telegram misbehaves.

Interviews are told to the real process under the real clock; then the bot is stopped and
started again with ``HEARBACK_TEST_NOW`` half an hour after a planned step (always a
business day at the user's nudge hour), as if it had been down while the step fell due.

1. The check-in arrives, once.
2. With 429s on a third of the calls, 500s and dropped connections, the second follow-up
   arrives once for each user and nothing is sent twice; a user who blocked the bot gets
   a 403, is marked blocked, and is not tried again.
3. Later still, the others get "time to let go" (S5); the blocked user gets nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest_asyncio
from fakebot import BotMessage, FakeBotApi, FakeUser
from testkit.waits import FAULTY_REPLY, NUDGE, poll_until, wait_budget

from .conftest import E2E, LOOP, BotProcess, new_interview, no_bad_requests, onboard, text_of

pytestmark = E2E

CHECK_IN = "good day for your check-in"
# Nobody here logs the check-in, so the second follow-up's slot asks about the check-in
# instead of proposing a second follow-up (it counts from a check-in that was sent).
SECOND = "Did you check in"
MOVE_ON = "Time to let go"


@dataclass
class Cast:
    nadia: FakeUser
    storm: list[FakeUser]
    xavier: FakeUser

    @property
    def everyone(self) -> list[FakeUser]:
        return [self.nadia, *self.storm, self.xavier]


def due_at(bot: BotProcess, user: FakeUser, kind: str) -> datetime:
    ((value,),) = bot.query(
        "SELECT n.due_at FROM nudges n JOIN users u ON u.id = n.owner_id "
        "WHERE u.telegram_user_id = ? AND n.kind = ?",
        [user.id, kind],
    )
    moment = datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def states(bot: BotProcess, user: FakeUser) -> dict[str, str]:
    rows = bot.query(
        "SELECT n.kind, n.state FROM nudges n JOIN users u ON u.id = n.owner_id "
        "WHERE u.telegram_user_id = ?",
        [user.id],
    )
    return {str(kind): str(state) for kind, state in rows}


def is_nudge(message: BotMessage) -> bool:
    """A reminder: its buttons carry ``n:<nudge id>:<op>``."""
    return any((data or "").startswith("n:") for _, data in message.buttons)


def nudges_to(user: FakeUser, marker: str) -> list[BotMessage]:
    return [m for m in user.messages if marker in text_of(m) and is_nudge(m)]


async def restart_at(bot: BotProcess, moment: datetime) -> int:
    """Stop the bot and start it with its clock at ``moment``; returns the log size then."""
    if bot.running:
        await bot.stop()
    bot.extra_env["HEARBACK_TEST_NOW"] = moment.isoformat()
    mark = len(bot.log())
    await bot.start()
    return mark


async def dispatcher_ran(bot: BotProcess, mark: int, sent: int) -> None:
    """Wait for the dispatcher's summary line (written after a run) saying ``sent`` sent."""
    wanted = f"nudges: {sent} sent"
    try:
        # The process writes its log; nothing else to wait on.
        await poll_until(lambda: wanted in bot.log()[mark:], NUDGE, what=wanted)
    except AssertionError:
        raise AssertionError(f"no {wanted!r} in the log:\n{bot.log()[mark:][-2000:]}") from None


@pytest_asyncio.fixture(loop_scope=LOOP, scope="module")
async def cast(fake: FakeBotApi, bot: BotProcess) -> Cast:
    """Five users in Berlin, each with an interview yesterday: the same plan for all."""
    users = [fake.user(name) for name in ("Nadia", "Storm1", "Storm2", "Storm3", "Xavier")]
    for user in users:
        await onboard(user, "Berlin")
        await new_interview(user, company=f"{user.first_name} GmbH", said=None)
    return Cast(users[0], users[1:4], users[4])


async def test_a_check_in_due_while_the_bot_was_down_arrives_once(
    fake: FakeBotApi, bot: BotProcess, cast: Cast
) -> None:
    check_in = due_at(bot, cast.nadia, "check_in")
    assert all(due_at(bot, u, "check_in") == check_in for u in cast.everyone)
    assert not nudges_to(cast.nadia, CHECK_IN)

    mark = await restart_at(bot, check_in + timedelta(minutes=30))
    for user in cast.everyone:
        nudge = await user.wait_for_message(wait_budget(NUDGE), lambda m: CHECK_IN in text_of(m))
        assert "Nadia GmbH" in text_of(nudge) or user is not cast.nadia
        assert any("Draft" in label for label, _ in nudge.buttons)
    await dispatcher_ran(bot, mark, sent=len(cast.everyone))
    for user in cast.everyone:
        assert len(nudges_to(user, CHECK_IN)) == 1
        assert states(bot, user)["check_in"] == "sent"
        assert states(bot, user)["second_follow_up"] == "pending"
    assert no_bad_requests(fake) == []


async def test_under_faults_each_nudge_arrives_once_and_403_blocks(
    fake: FakeBotApi, bot: BotProcess, cast: Cast
) -> None:
    second = due_at(bot, cast.nadia, "second_follow_up")
    await bot.stop()
    await cast.xavier.block()
    calls = len(fake.calls)
    # If the dispatcher tries Xavier before the bot reads the update saying he blocked it,
    # the try gets the blocked chat's 403 and nothing else: the random 500s and drops below
    # could otherwise use up his retries before Telegram ever said "blocked".
    fake.faults.add(kind="403", method="sendMessage", chat_id=cast.xavier.id)
    fake.faults.add(kind="500", method="sendMessage", times=1)  # at least one, surely
    fake.faults.add(kind="429", method="sendMessage", probability=1 / 3, retry_after=1)
    fake.faults.add(kind="500", method="sendMessage", probability=0.15)
    fake.faults.add(kind="drop", method="sendMessage", probability=0.15)
    try:
        mark = await restart_at(bot, second + timedelta(minutes=30))
        for user in [cast.nadia, *cast.storm]:
            await user.wait_for_message(wait_budget(FAULTY_REPLY), lambda m: SECOND in text_of(m))
        await dispatcher_ran(bot, mark, sent=4)
    finally:
        fake.faults.clear()

    for user in [cast.nadia, *cast.storm]:
        assert len(nudges_to(user, SECOND)) == 1
        assert len(nudges_to(user, CHECK_IN)) == 1  # not sent again after the restart
        assert states(bot, user)["second_follow_up"] == "sent"
    ours = fake.calls[calls:]
    assert any(c.fault for c in ours)
    assert [c.method for c in ours if c.early] == []  # never inside a retry_after window
    # Xavier blocked the bot: at most one 403 (none when Telegram's notice of the block,
    # an update handled beside the dispatcher, came first), then he is left alone.
    to_xavier = [c for c in ours if c.method == "sendMessage" and c.chat_id == cast.xavier.id]
    assert [c.status for c in to_xavier if c.fault is None] in ([403], [])
    ((blocked_at,),) = bot.query(
        "SELECT blocked_at FROM users WHERE telegram_user_id = ?", [cast.xavier.id]
    )
    assert blocked_at is not None
    assert states(bot, cast.xavier)["second_follow_up"] == "pending"
    assert len(nudges_to(cast.xavier, SECOND)) == 0


async def test_later_the_others_move_on_and_the_blocked_user_gets_nothing(
    fake: FakeBotApi, bot: BotProcess, cast: Cast
) -> None:
    move_on = due_at(bot, cast.nadia, "move_on")
    calls = len(fake.calls)
    mark = await restart_at(bot, move_on + timedelta(minutes=30))
    for user in [cast.nadia, *cast.storm]:
        await user.wait_for_message(wait_budget(NUDGE), lambda m: MOVE_ON in text_of(m))
    await dispatcher_ran(bot, mark, sent=4)
    assert [c for c in fake.calls[calls:] if c.chat_id == cast.xavier.id] == []
    assert states(bot, cast.xavier)["move_on"] == "pending"
    for user in [cast.nadia, *cast.storm]:
        assert len(nudges_to(user, MOVE_ON)) == 1
    assert no_bad_requests(fake) == []
