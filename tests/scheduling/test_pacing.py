"""The pacer: a global rate, one message per second per chat, and ``retry_after`` held."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from bot.scheduling.pacing import Pacer


class VirtualTime:
    """A monotonic clock that advances only when someone sleeps (one sleeper at a time)."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += max(seconds, 0.0)
        await asyncio.sleep(0)


@pytest.fixture
def vt() -> VirtualTime:
    return VirtualTime()


async def test_starts_are_spaced_by_the_global_rate(vt: VirtualTime) -> None:
    pacer = Pacer(5, monotonic=vt.monotonic, sleep=vt.sleep)
    starts = []
    for chat in range(11):
        await pacer.turn(chat)
        starts.append(vt.now)
    gaps = [round(b - a, 9) for a, b in itertools.pairwise(starts)]
    assert gaps == [0.2] * 10
    # Never more than 5 starts in any one-second window.
    assert all(sum(1 for s in starts if t <= s < t + 1) <= 5 for t in starts)


async def test_one_message_per_second_per_chat(vt: VirtualTime) -> None:
    pacer = Pacer(1000, monotonic=vt.monotonic, sleep=vt.sleep)
    await pacer.turn(7)
    first = vt.now
    await pacer.turn(8)  # another chat is not held back by chat 7
    assert vt.now - first < 0.01
    await pacer.turn(7)
    assert vt.now - first >= 1.0


async def test_retry_after_is_never_cut_short(vt: VirtualTime) -> None:
    pacer = Pacer(1000, monotonic=vt.monotonic, sleep=vt.sleep)
    await pacer.turn(1)
    until = pacer.hold(1, 7)
    assert until == vt.now + 7
    await pacer.turn(1)
    assert vt.now >= until
    # A shorter hold never shortens a longer one.
    longer = pacer.hold(1, 30)
    pacer.hold(1, 2)
    assert pacer.chat_ready_at(1) == longer


async def test_concurrent_turns_share_the_rate() -> None:
    """Real tasks and a real clock: 20 chats at 100/s take about 0.19 s, not less."""
    pacer = Pacer(100)
    loop = asyncio.get_running_loop()
    began = loop.time()
    stamps: list[float] = []

    async def one(chat: int) -> None:
        await pacer.turn(chat)
        stamps.append(loop.time())

    await asyncio.gather(*(one(chat) for chat in range(20)))
    assert max(stamps) - began >= 0.19 - 0.005


def test_the_rate_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        Pacer(0)
