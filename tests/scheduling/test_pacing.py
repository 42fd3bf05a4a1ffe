"""The pacer: a global rate, one message per second per chat, and ``retry_after`` held."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from bot.scheduling.pacing import FORGET_ABOVE, Pacer


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
    pacer = Pacer(
        5, catch_up_seconds=0.0, margin_seconds=0.0, monotonic=vt.monotonic, sleep=vt.sleep
    )
    starts = []
    for chat in range(11):
        await pacer.turn(chat)
        starts.append(vt.now)
    gaps = [round(b - a, 9) for a, b in itertools.pairwise(starts)]
    assert gaps == [0.2] * 10
    # Never more than 5 starts in any one-second window.
    assert all(sum(1 for s in starts if t <= s < t + 1) <= 5 for t in starts)


async def test_no_second_ever_holds_more_than_the_rate(vt: VirtualTime) -> None:
    """Catching up after a late wake-up never lets more than ``rate`` starts into a second."""
    pacer = Pacer(
        10, catch_up_seconds=0.5, margin_seconds=0.0, monotonic=vt.monotonic, sleep=vt.sleep
    )
    starts = []
    for chat in range(40):
        await pacer.turn(chat)
        starts.append(vt.now)
        if chat == 12:
            vt.now += 0.45  # the event loop was busy: a late wake-up
    assert all(sum(1 for s in starts if t <= s < t + 1.0) <= 10 for t in starts)
    # The time lost was made up for: 40 starts took no longer than at a steady 10/s.
    assert starts[-1] - starts[0] <= 3.9 + 1e-9


async def test_the_margin_widens_the_window(vt: VirtualTime) -> None:
    pacer = Pacer(
        5, catch_up_seconds=0.0, margin_seconds=0.05, monotonic=vt.monotonic, sleep=vt.sleep
    )
    starts = []
    for chat in range(6):
        await pacer.turn(chat)
        starts.append(vt.now)
    assert starts[5] - starts[0] >= 1.05 - 1e-9


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
    """Real tasks on the real clock: 60 chats at 50/s never put more than 50 in a second."""
    pacer = Pacer(50)
    loop = asyncio.get_running_loop()
    stamps: list[float] = []

    async def one(chat: int) -> None:
        await pacer.turn(chat)
        stamps.append(loop.time())

    await asyncio.gather(*(one(chat) for chat in range(60)))
    stamps.sort()
    assert all(sum(1 for s in stamps if t <= s < t + 1.0) <= 50 for t in stamps)
    assert stamps[-1] - stamps[0] >= 1.0


async def test_chats_whose_spacing_passed_are_forgotten(vt: VirtualTime) -> None:
    """Thousands of chats, each sent to once: the pacer remembers the last second's only."""
    pacer = Pacer(100, monotonic=vt.monotonic, sleep=vt.sleep)
    for chat in range(20 * FORGET_ABOVE):
        await pacer.turn(chat)
    assert len(pacer._chat_ready) <= 2 * max(FORGET_ABOVE, 100)
    # A held chat is remembered however many others come by.
    until = pacer.hold(1, 3600)
    for chat in range(10**6, 10**6 + 10 * FORGET_ABOVE):
        await pacer.turn(chat)
    assert pacer.chat_ready_at(1) == until


def test_the_rate_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        Pacer(0)


async def test_a_short_burst_per_chat_then_one_per_second(vt: VirtualTime) -> None:
    """The messages of one answer go out together; a stream is still held to 1/s."""
    pacer = Pacer(1000, per_chat_burst=3, monotonic=vt.monotonic, sleep=vt.sleep)
    first = vt.now
    starts = []
    for _ in range(8):
        await pacer.turn(7)
        starts.append(vt.now - first)
    assert starts[2] < 0.01  # three at once
    assert starts[3] >= 1.0 - 1e-9  # then the bucket is empty: one per second
    assert all(b - a >= 1.0 - 1e-9 for a, b in itertools.pairwise(starts[3:]))
    # No window of t seconds holds more than 3 + t sends.
    for i, start in enumerate(starts):
        later = [s for s in starts[i:] if s < start + 2.0]
        assert len(later) <= 3 + 2
    # After a quiet while the bucket is full again.
    vt.now += 10  # a quiet while, on the virtual clock
    again = vt.now
    for _ in range(3):
        await pacer.turn(7)
    assert vt.now - again < 0.01


async def test_no_burst_right_after_a_retry_after(vt: VirtualTime) -> None:
    pacer = Pacer(1000, per_chat_burst=3, monotonic=vt.monotonic, sleep=vt.sleep)
    until = pacer.hold(1, 5)
    await pacer.turn(1)
    assert vt.now >= until
    await pacer.turn(1)
    assert vt.now >= until + 1.0 - 1e-9


def test_the_burst_must_be_at_least_one() -> None:
    with pytest.raises(ValueError, match="burst"):
        Pacer(10, per_chat_burst=0)
