"""A whole wait, end to end: interview, thank-you, check-in, second follow-up, move on, with a
week of downtime in the middle. Each reminder's day, words and count are checked.

The real ``hearback run`` process talks to the fake Bot API; its clock is set with
``HEARBACK_TEST_NOW`` at each start (then runs at the real pace), as if the bot had been
running all along or, for the downtime, had been off.

Berlin, reminders at 09:00. Interview Mon 30 Nov 2026 09:00, "by Friday" (Fri 4 Dec):

- thank-you reminder Mon 30 Nov 12:00;
- check-in Tue 8 Dec (two business days after Fri 4), second follow-up Tue 15 Dec: the bot
  is down from Mon 7 to Wed 16 Dec, so both are due when it comes back. One reminder goes,
  the check-in, and nothing claims a check-in was made;
- the user presses Done on Wed 16: the second follow-up comes five business days after the
  check-in, Wed 23 Dec, saying when the check-in went;
- Done again on Wed 23: moving on comes five business days later, skipping Christmas
  (Fri 25 and Sat 26 are German holidays): Thu 31 Dec.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest_asyncio
from fakebot import BotMessage, FakeBotApi, FakeUser
from testkit.waits import NUDGE, poll_until

from .conftest import E2E, LOOP, BotProcess, new_interview, no_bad_requests, onboard, press, text_of

pytestmark = E2E

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    year = 2026 if month >= 11 else 2027
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def is_nudge(message: BotMessage) -> bool:
    return any((data or "").startswith("n:") for _, data in message.buttons)


class Wait:
    """The bot, the user, and every reminder as it arrived (text, buttons, local day)."""

    def __init__(self, bot: BotProcess, user: FakeUser) -> None:
        self.bot = bot
        self.user = user
        self.reminders: list[tuple[str, BotMessage]] = []

    async def restart_at(self, moment: datetime) -> int:
        if self.bot.running:
            await self.bot.stop()
        self.bot.extra_env["HEARBACK_TEST_NOW"] = moment.astimezone(UTC).isoformat()
        mark = len(self.bot.log())
        await self.bot.start()
        return mark

    async def run_at(self, moment: datetime, *, sent: int) -> list[BotMessage]:
        """Start the bot at ``moment``; wait for its dispatcher to report ``sent`` sent;
        return the reminders that arrived, recorded with the day they came."""
        before = len(self.user.messages)
        mark = await self.restart_at(moment)
        wanted = f"nudges: {sent} sent"
        try:
            # The process writes its log; nothing else to wait on.
            await poll_until(lambda: wanted in self.bot.log()[mark:], NUDGE, what=wanted)
        except AssertionError:
            log = self.bot.log()[mark:][-2000:]
            raise AssertionError(f"no {wanted!r} in the log:\n{log}") from None
        arrived = [m for m in self.user.messages[before:] if is_nudge(m)]
        day = moment.strftime("%a %d %b")
        self.reminders += [(day, m) for m in arrived]
        return arrived

    def pending(self) -> dict[str, datetime]:
        rows = self.bot.query(
            "SELECT n.kind, n.due_at FROM nudges n JOIN users u ON u.id = n.owner_id "
            "WHERE u.telegram_user_id = ? AND n.state = 'pending'",
            [self.user.id],
        )
        out = {}
        for kind, value in rows:
            moment = datetime.fromisoformat(str(value))
            out[str(kind)] = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(
                BERLIN
            )
        return out


@pytest_asyncio.fixture(loop_scope=LOOP, scope="module")
async def wait(fake: FakeBotApi, workdir: Path) -> AsyncIterator[Wait]:
    process = BotProcess(fake, workdir, name="wait")
    story = Wait(process, fake.user("Mira"))
    await story.restart_at(berlin(11, 30, 10))
    yield story
    await process.stop()
    process.assert_clean()


async def test_1_the_interview_is_planned(wait: Wait) -> None:
    await onboard(wait.user, "Berlin")
    plan = await new_interview(
        wait.user,
        company="Rakuten",
        when="today 9am",
        said="by Friday",
        thanked=False,
        person="Dana Lee, recruiter, dana@rakuten.example",
    )
    assert "Thank-you note" in text_of(plan) and "(open until Tue 1 Dec, 09:00)" in text_of(plan)
    assert "Check-in: Tue 8 Dec, 09:00" in text_of(plan)
    assert wait.pending() == {
        "thank_you": berlin(11, 30, 12),
        "check_in": berlin(12, 8, 9),
        "second_follow_up": berlin(12, 15, 9),
        "move_on": berlin(12, 22, 9),
    }


async def test_2_the_thank_you_reminder_the_same_afternoon(wait: Wait) -> None:
    (reminder,) = await wait.run_at(berlin(11, 30, 12, 30), sent=1)
    words = text_of(reminder)
    assert "Thank-you note for Rakuten" in words and "until Tue 1 Dec, 09:00" in words
    reply = await press(wait.user, reminder, "I sent it", until="Thank-you noted")
    assert "noted as sent" in text_of(reply)
    assert "thank_you" not in wait.pending()


async def test_3_after_a_week_down_one_reminder_and_it_is_the_check_in(wait: Wait) -> None:
    # Down from Mon 7 Dec: the check-in (Tue 8) and the second follow-up (Tue 15) are due.
    await wait.bot.stop()
    (reminder,) = await wait.run_at(berlin(12, 16, 9, 30), sent=1)
    words = text_of(reminder)
    assert "Today is a good day for your check-in with Rakuten" in words
    assert "by Fri 4 Dec" in words
    assert "One more follow-up" not in words and "since your check-in" not in words
    # The second follow-up now counts from today's reminder: Wed 16 + 5 business days.
    assert wait.pending()["second_follow_up"] == berlin(12, 23, 9)
    # The user checks in and says so.
    reply = await press(wait.user, reminder, "Done", until="Logged")
    assert "Logged: work e-mail to the recruiter at Rakuten" in text_of(reply)
    assert wait.pending() == {
        "second_follow_up": berlin(12, 23, 9),
        "move_on": berlin(12, 31, 9),
    }


async def test_4_the_second_follow_up_says_when_the_check_in_went(wait: Wait) -> None:
    (reminder,) = await wait.run_at(berlin(12, 23, 9, 30), sent=1)
    words = text_of(reminder)
    assert "One more follow-up with Rakuten" in words
    assert "Your check-in went on Wed 16 Dec" in words
    reply = await press(wait.user, reminder, "Done", until="Logged")
    assert "Time to move on: Thu 31 Dec, 09:00" in text_of(reply)


async def test_5_moving_on_after_christmas(wait: Wait, fake: FakeBotApi) -> None:
    (reminder,) = await wait.run_at(berlin(12, 31, 9, 30), sent=1)
    words = text_of(reminder)
    assert "Time to let go of Rakuten" in words
    assert "You followed up 2 times, the last on Wed 23 Dec" in words
    ((status,),) = wait.bot.query(
        "SELECT i.status FROM interviews i JOIN users u ON u.id = i.owner_id "
        "WHERE u.telegram_user_id = ?",
        [wait.user.id],
    )
    assert status == "moved_on"
    assert wait.pending() == {}


async def test_6_the_whole_wait_one_reminder_a_day_in_plain_words(
    wait: Wait, fake: FakeBotApi
) -> None:
    days = [day for day, _ in wait.reminders]
    assert days == ["Mon 30 Nov", "Wed 16 Dec", "Wed 23 Dec", "Thu 31 Dec"]
    kinds = [text_of(m).split("\n", 1)[0] for _, m in wait.reminders]
    assert [k.split(" ")[1] for k in kinds] == ["Thank-you", "Today", "One", "Time"]
    everything = " ".join(text_of(m) for m in wait.user.messages)
    assert "Five business days have passed" not in everything
    # No reminder shows a rule id.
    for _, message in wait.reminders:
        assert not any(f"{f}{n}" in text_of(message) for f in "GSTC" for n in range(1, 13))
    assert no_bad_requests(fake) == []
    # One reminder a day per interview, and never two the same day.
    assert len(set(days)) == len(days)
