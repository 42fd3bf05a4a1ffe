"""At LOG_LEVEL=DEBUG the log holds neither the token nor what users typed.

A user goes through onboarding, /new, a tone check and free text, typing words that occur
nowhere else; then the whole log of the process (every start) is searched for them.
"""

from __future__ import annotations

from fakebot import FakeBotApi

from .conftest import E2E, TOKEN, TOKEN_SECRET, BotProcess, new_interview, say

pytestmark = E2E

TYPED = [
    "Xylofonville",
    "Quokkamatic GmbH",
    "Zebra wrangler",
    "Wilhelmina Quist, recruiter, wq@quokkamatic.example",
    "they will decide after Quokkafest",
    "I am furious that Quokkamatic ignored me, answer NOW or else",
    "quokka should I phone Wilhelmina again?",
]
MARKERS = ["Xylofon", "Quokka", "Zebra wrangler", "Wilhelmina", "quokkamatic.example", "furious"]


async def test_debug_logs_hold_no_token_and_no_user_text(fake: FakeBotApi, bot: BotProcess) -> None:
    user = fake.user("Logan")
    await say(user, "/start", until="where are you")
    await say(user, TYPED[0], until="couldn't find")  # an unknown place
    await say(user, "Toronto", until="when should my reminders")
    await say(user, "10", until="all set")
    await new_interview(
        user, company=TYPED[1], role=TYPED[2], person=TYPED[3], said=None, thanked=False
    )
    await say(user, "/tone", until="paste the draft")
    await say(user, TYPED[5], until="second look")
    await say(user, TYPED[6])
    await say(user, "/export", until=lambda m: m.document is not None)

    # A restart too: start-up and shut-down lines are part of the log.
    await bot.stop()
    await bot.start()
    await say(user, "/list", until="your interviews")

    log = bot.log()
    assert " DEBUG " in log  # the level really was DEBUG
    for marker in MARKERS:
        assert marker.casefold() not in log.casefold(), marker
    assert TOKEN not in log and TOKEN_SECRET not in log
