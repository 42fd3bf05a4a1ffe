"""One send rate for several instances: slots handed out by PostgreSQL."""

from __future__ import annotations

import asyncio
import itertools

import pytest
from testkit.databases import Databases

from bot.scheduling.pacing import Pacer
from bot.scheduling.shared_rate import SharedSlots
from bot.storage.db import make_engine


@pytest.mark.postgres
async def test_two_instances_share_one_rate(databases: Databases) -> None:
    url = databases.migrated("postgresql")
    first, second = make_engine(url), make_engine(url)  # two processes' engines
    rate = 20.0
    try:
        a = SharedSlots(first, rate_per_second=rate)
        b = SharedSlots(second, rate_per_second=rate)
        taken = await asyncio.gather(*(s.take_epoch() for s in [a, b] * 30))
        local = [await s.take() for s in [a, b] * 5]
    finally:
        await first.dispose()
        await second.dispose()
    slots = sorted(slot for slot, _ in taken)
    gaps = [later - earlier for earlier, later in itertools.pairwise(slots)]
    # On the database's clock every slot is exactly 1/rate after the one before, whichever
    # instance took it: together they never exceed the rate.
    assert min(gaps) == pytest.approx(1 / rate, abs=1e-6)
    for start in slots:
        assert sum(1 for s in slots if start <= s < start + 1.0) <= rate
    # Turned into local time, the spacing holds up to the clock estimate's error.
    moments = sorted(m for m in local if m is not None)
    assert len(moments) == 10
    assert moments[-1] - moments[0] >= 9 / rate - 0.05


async def test_the_pacer_waits_for_the_shared_slot() -> None:
    now = [100.0]
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    class Slots:
        async def take(self) -> float | None:
            return now[0] + 0.5  # another instance holds the next half second

    class Down:
        async def take(self) -> float | None:
            return None  # the database does not answer: local pacing only

    pacer = Pacer(10, monotonic=lambda: now[0], sleep=sleep, shared=Slots())
    await pacer.turn(1)
    assert slept == [pytest.approx(0.5)]
    alone = Pacer(10, monotonic=lambda: now[0], sleep=sleep, shared=Down())
    slept.clear()
    await alone.turn(1)
    assert slept == []


@pytest.mark.postgres
async def test_a_database_that_does_not_answer_gives_no_slot(databases: Databases) -> None:
    url = databases.migrated("postgresql")
    engine = make_engine(url)
    await engine.dispose()
    broken = make_engine(url.replace("127.0.0.1:5432", "127.0.0.1:9"))
    try:
        assert await SharedSlots(broken, rate_per_second=5).take() is None
    finally:
        await broken.dispose()
