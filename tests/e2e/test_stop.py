"""SIGTERM (``docker stop``, systemd) is honoured within 5 s, also right after a start.

Right after a start is when the city index loads; a city waiting in Telegram's queue is
handled at once. Neither may hold the event loop, or the stop waits for them.
"""

from __future__ import annotations

from pathlib import Path

from fakebot import FakeBotApi

from .conftest import E2E, BotProcess, next_reply

pytestmark = E2E

STOP_WITHIN = 5.0  # seconds; Docker's default grace is 10 s


def assert_stopped_cleanly(process: BotProcess, code: int) -> None:
    assert code == 0, process.log_tail()
    process.assert_clean()
    assert "was destroyed but it is pending" not in process.log()


async def test_sigterm_right_after_start_up(fake: FakeBotApi, workdir: Path) -> None:
    process = BotProcess(fake, workdir, name="stop-at-start")
    await process.start()
    assert_stopped_cleanly(process, await process.stop(timeout=STOP_WITHIN))


async def test_sigterm_while_a_city_typed_before_the_start_is_answered(
    fake: FakeBotApi, workdir: Path
) -> None:
    process = BotProcess(fake, workdir, name="stop-city")
    user = fake.user("Ines")
    await user.send("/start")  # typed while the bot was down: its first poll gets both
    await user.send("Berlin")
    await process.start()
    await next_reply(user, until="where are you", timeout=30)  # Berlin comes right after
    assert_stopped_cleanly(process, await process.stop(timeout=STOP_WITHIN))
    await process.start()  # the city was answered before the stop, or is answered now
    reply = await next_reply(user, until="Europe/Berlin", timeout=30)
    assert "Europe/Berlin" in (reply.text or "")
    assert_stopped_cleanly(process, await process.stop(timeout=STOP_WITHIN))
