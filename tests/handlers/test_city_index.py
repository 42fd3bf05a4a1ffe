"""A city typed while the city index is still loading waits for it off the event loop."""

from __future__ import annotations

import asyncio
import threading

import pytest

from bot import places
from bot.telegram.app import _post_init

from .harness import BotEnv, text_of


class SlowLoad:
    """Stands in for the index parser: records its thread and waits for the test's word."""

    def __init__(self) -> None:
        self.real = places.parse_index
        self.threads: list[int] = []
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self, data: bytes) -> places._Index:
        self.threads.append(threading.get_ident())
        self.started.set()
        self.release.wait(10)  # a load on the loop would hold it here; the test then fails
        return self.real(data)


@pytest.fixture
def slow_load(monkeypatch: pytest.MonkeyPatch) -> SlowLoad:
    monkeypatch.setattr(places, "_loaded", None)  # as right after start
    load = SlowLoad()
    monkeypatch.setattr(places, "parse_index", load)
    return load


async def test_a_city_during_the_load_waits_in_a_thread_and_the_loop_runs_on(
    env: BotEnv, slow_load: SlowLoad
) -> None:
    user = env.user()
    await user.send("/start")
    reply = asyncio.create_task(user.send("Berlin"))
    assert await asyncio.to_thread(slow_load.started.wait, 10)
    for _ in range(5):  # the loop is free: this coroutine runs, the reply waits for the index
        await asyncio.sleep(0)
    assert not reply.done()
    slow_load.release.set()
    assert "Europe/Berlin" in text_of(await reply)
    assert slow_load.threads and threading.get_ident() not in slow_load.threads


async def test_two_cities_at_once_load_the_index_once(env: BotEnv, slow_load: SlowLoad) -> None:
    first, second = env.user(1001, "Ana"), env.user(1002, "Bo")
    await first.send("/start")
    await second.send("/start")
    replies = [
        asyncio.create_task(first.send("Berlin")),
        asyncio.create_task(second.send("Tokyo")),
    ]
    assert await asyncio.to_thread(slow_load.started.wait, 10)
    slow_load.release.set()
    berlin, tokyo = (text_of(r) for r in await asyncio.gather(*replies))
    assert "Europe/Berlin" in berlin
    assert "Asia/Tokyo" in tokyo
    assert len(slow_load.threads) == 1


async def test_start_up_loads_the_index_off_the_loop(env: BotEnv, slow_load: SlowLoad) -> None:
    assert env.app is not None
    started = asyncio.create_task(_post_init(env.app))
    assert await asyncio.to_thread(slow_load.started.wait, 10)
    assert not started.done()
    slow_load.release.set()
    await started
    assert places._loaded is not None
    assert threading.get_ident() not in slow_load.threads
