"""Two real ``hearback webhook`` processes on one PostgreSQL database share one send rate.

Telegram's limit is per bot: two instances that each kept the configured rate would send
twice as much. Here both processes get a burst at once (half of the users write to each,
as behind a balancer) and answer it through the shared send slots
(:mod:`bot.scheduling.shared_rate`). From the send times the fake Bot API recorded: both
processes were sending during the same seconds, and no window of the combined sends holds
more than the configured rate allows (a sliding window, plus two sends of tolerance for the
jitter between a slot and its arrival; one rate per process would put twice the rate in a
window). ``bench/shared_rate.py`` prints the same figures over several rounds.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from fakebot import FakeBotApi, FakeUser
from fakebot.records import Call
from testkit.databases import Databases
from testkit.waits import wait_budget

from .conftest import E2E, LOOP, BotProcess, post, say, text_update

pytestmark = [*E2E, pytest.mark.postgres]

RATE = 8
"""Sends per second for the whole bot (RATE_LIMIT_PER_SECOND of both processes)."""
TOLERANCE = 2
"""Sends a window may hold beyond the rate: a slot is where a send starts, and its arrival at
the fake comes a little later, by a varying amount (one late and one on time, a slot apart,
land in one window)."""
USERS_EACH = 8
HELPS_EACH = 4
SENDS = ("send", "edit")  # the Bot API methods that count against Telegram's rate


@pytest_asyncio.fixture(loop_scope=LOOP, scope="module")
async def paced_pair(
    fake: FakeBotApi, workdir: Path, databases: Databases
) -> AsyncIterator[tuple[BotProcess, BotProcess]]:
    url = databases.empty("postgresql")
    env = {"RATE_LIMIT_PER_SECOND": str(RATE), "RATE_LIMIT_PER_CHAT_SECONDS": "0"}
    first = BotProcess(fake, workdir, database_url=url, command="webhook", name="rate-a", env=env)
    second = BotProcess(fake, workdir, database_url=url, command="webhook", name="rate-b", env=env)
    await first.start()  # one after the other: both migrate the same empty database
    await second.start()
    yield first, second
    for process in (first, second):
        if process.running:
            await process.stop()
        process.assert_clean()


def most_in_window(times: list[float], seconds: float) -> int:
    """The largest number of ``times`` inside any window ``[t, t + seconds)``."""
    times = sorted(times)
    best = 0
    start = 0
    for end, moment in enumerate(times):
        while moment - times[start] >= seconds:
            start += 1
        best = max(best, end - start + 1)
    return best


def sends(calls: list[Call], chats: set[int]) -> list[float]:
    return [c.at for c in calls if c.method.startswith(SENDS) and c.ok and c.chat_id in chats]


async def test_two_processes_keep_one_rate_together(
    fake: FakeBotApi, paced_pair: tuple[BotProcess, BotProcess]
) -> None:
    groups: list[list[FakeUser]] = [
        [fake.user(f"Rate{side}{n}") for n in range(USERS_EACH)] for side in "ab"
    ]
    everyone = [u for group in groups for u in group]
    for user in everyone:  # through the fake first: Telegram knows a chat once it wrote
        await say(user, "/start", until=lambda m: True)
    mark = len(fake.calls)
    before = {u.id: len(u.messages) for u in everyone}
    # Then every user writes to one process (its half), all at once, /help a few times. A
    # 200 means stored; the process that stored an update answers it.

    async def write(process: BotProcess, user: FakeUser) -> list[int]:
        return [await post(process, text_update(user, "/help")) for _ in range(HELPS_EACH)]

    statuses = await asyncio.gather(
        *(
            write(process, user)
            for process, group in zip(paced_pair, groups, strict=True)
            for user in group
        )
    )
    assert {s for each in statuses for s in each} == {200}

    def answered() -> bool:
        # (A posted text_update has no command entity: "/help" answers "where are you?",
        # and is told the place was not found; one reply per message all the same.)
        return all(len(u.messages) - before[u.id] >= HELPS_EACH for u in everyone)

    await fake.wait_until(answered, wait_budget(60))
    calls = fake.calls[mark:]
    chats = [{u.id for u in group} for group in groups]
    by_a, by_b = sends(calls, chats[0]), sends(calls, chats[1])
    combined = sorted(by_a + by_b)
    span = combined[-1] - combined[0]
    print(
        f"{len(combined)} sends in {span:.2f} s ({len(by_a)} by one process, {len(by_b)} by "
        f"the other): {len(combined) / span:.2f}/s against {RATE}/s; most in 1 s: "
        f"{most_in_window(combined, 1.0)}, in 2 s: {most_in_window(combined, 2.0)}"
    )
    # The work was shared: each process sent a good part of it, in the same seconds (the
    # middle half of the burst has sends of both).
    assert min(len(by_a), len(by_b)) >= len(combined) // 3
    middle = (combined[0] + span / 4, combined[-1] - span / 4)
    for own in (by_a, by_b):
        assert any(middle[0] <= t <= middle[1] for t in own)
    # ... and together they kept one rate, not one each.
    assert len(combined) >= 4 * RATE  # long enough for the windows to mean something
    assert most_in_window(combined, 1.0) <= RATE + TOLERANCE
    assert most_in_window(combined, 3.0) <= 3 * RATE + TOLERANCE
    assert len(combined) - 1 <= RATE * span * 1.05
