"""A crash in the middle of a conversation, and updates delivered twice.

Conversation state lives in the database and is written on every answer, so a ``kill -9``
between two answers loses nothing and the next answer simply continues. Every update's id
is recorded in the same transaction as its effects, so one delivered twice (before or after
a restart) is handled once.
"""

from __future__ import annotations

from fakebot import FakeBotApi
from testkit.waits import REPLY, wait_budget

from .conftest import (
    E2E,
    BotProcess,
    last_document,
    message_update,
    no_bad_requests,
    onboard,
    press,
    redeliver,
    say,
    text_of,
)

pytestmark = E2E


async def test_kill_9_in_the_middle_of_new_loses_nothing(fake: FakeBotApi, bot: BotProcess) -> None:
    user = fake.user("Rui")
    await onboard(user, "Lisbon")
    await say(user, "/new", until="which company")
    await say(user, "Marlowe & Finch", until="what role")
    await say(user, "Data analyst", until="when was the interview")
    await say(user, "yesterday", until="who did you meet")

    assert await bot.kill() == -9
    # While the bot is dead, the half-finished interview is in the database.
    (state,) = bot.query(
        "SELECT c.state FROM conversations c JOIN users u ON u.id = c.owner_id "
        "WHERE u.telegram_user_id = ?",
        [user.id],
    )
    assert state == ("new.people",)
    await user.send("Ivy Chen, hiring manager")  # typed while the bot is down

    await bot.start()
    added = await user.wait_for_message(wait_budget(REPLY), lambda m: "Added" in text_of(m))
    assert "Added Ivy Chen (hiring manager)" in text_of(added)
    timeline = await press(user, added, "That's everyone", until="hear back")
    vibe = await press(user, timeline, "They didn't say", until="how did it feel")
    thanks = await press(user, vibe, "q:vibe:neutral", until="thank-you note")
    summary = await press(user, thanks, "Not yet", until="your plan")

    text = text_of(summary)
    assert "Marlowe & Finch — Data analyst" in text  # the answers given before the crash
    assert "met Ivy Chen (hiring manager)" in text
    assert "no date given" in text
    assert bot.query(
        "SELECT count(*) FROM interviews i JOIN users u ON u.id = i.owner_id "
        "WHERE u.telegram_user_id = ?",
        [user.id],
    ) == [(1,)]
    assert no_bad_requests(fake) == []


def interviews_of(bot: BotProcess, user_id: int) -> int:
    ((count,),) = bot.query(
        "SELECT count(*) FROM interviews i JOIN users u ON u.id = i.owner_id "
        "WHERE u.telegram_user_id = ?",
        [user_id],
    )
    assert isinstance(count, int)
    return count


async def test_the_same_update_twice_creates_one_interview(
    fake: FakeBotApi, bot: BotProcess
) -> None:
    user = fake.user("Noor")
    await onboard(user, "Toronto")
    await say(user, "/new", until="which company")
    await say(user, "Brightwater Ltd", until="what role")
    await say(user, "QA lead", until="when was the interview")
    people = await say(user, "yesterday", until="who did you meet")
    people = await say(user, "Sam Ode, recruiter", until="anyone else")
    timeline = await press(user, people, "That's everyone", until="hear back")
    vibe = await press(user, timeline, "They didn't say", until="how did it feel")
    thanks = await press(user, vibe, "q:vibe:warm", until="thank-you note")

    # While the bot is down, Telegram queues the last answer and a free-text follow-up log;
    # when it comes back it hands each out twice (one update_id each), and also replays
    # "Brightwater Ltd", an update the bot handled long ago.
    await bot.stop()
    before = len(user.messages)
    await user.press(thanks, "Yes, sent")
    await user.send("I emailed the recruiter today")
    final, logged = fake.pending_updates
    (company,) = [m for m in user.sent if m.text == "Brightwater Ltd"]
    for update in (final, logged, message_update(user, company)):
        redeliver(fake, update)
    await bot.start()
    # Updates are handled in order: once /list is answered, every duplicate has been seen.
    await say(user, "/list", until="your interviews")

    answers = [text_of(m) for m in user.messages[before:]]
    assert len(answers) == 3, answers  # nothing for any of the three duplicates
    assert answers[0].startswith("Saved: Brightwater Ltd")
    assert answers[1].startswith("Logged: work e-mail to the recruiter")
    assert answers[2].count("Brightwater Ltd") == 1
    assert interviews_of(bot, user.id) == 1
    assert bot.query("SELECT count(*) FROM attempts") == [(1,)]
    assert bot.log().count("seen before; skipped") == 3

    await say(user, "/export", until=lambda m: m.document is not None)
    export = last_document(user)
    assert [i["company"] for i in export["interviews"]] == ["Brightwater Ltd"]
    assert len(export["attempts"]) == 1
    assert no_bad_requests(fake) == []
