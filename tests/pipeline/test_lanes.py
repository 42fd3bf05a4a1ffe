"""Lanes: one chat's jobs in order and one at a time, chats side by side, fairly."""

from __future__ import annotations

import asyncio

from bot.telegram.pipeline.lanes import Lanes


async def test_one_chat_in_order_one_at_a_time() -> None:
    seen: list[int] = []
    running = 0
    most = 0

    async def handle(job: int) -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(0)
        seen.append(job)
        running -= 1

    lanes: Lanes[int] = Lanes(handle, workers=8)
    lanes.start()
    for job in range(50):
        lanes.submit(7, job)
    await lanes.drained()
    await lanes.stop()
    assert seen == list(range(50))
    assert most == 1
    assert lanes.chats == 0  # nothing is kept for a chat with nothing to do


async def test_a_stuck_chat_does_not_hold_the_others() -> None:
    release = asyncio.Event()
    others_done = asyncio.Event()
    done: list[tuple[int, int]] = []

    async def handle(job: tuple[int, int]) -> None:
        chat, _ = job
        if chat == 1:
            await release.wait()
        done.append(job)
        if len(done) == 10:
            others_done.set()

    lanes: Lanes[tuple[int, int]] = Lanes(handle, workers=4)
    lanes.start()
    for n in range(3):
        lanes.submit(1, (1, n))
    for chat in range(2, 12):
        lanes.submit(chat, (chat, 0))
    await others_done.wait()  # every other chat is answered while chat 1 is stuck
    assert {chat for chat, _ in done} == set(range(2, 12))
    release.set()
    await lanes.drained()
    await lanes.stop()
    assert [job for job in done if job[0] == 1] == [(1, 0), (1, 1), (1, 2)]


async def test_a_flooding_chat_gets_one_turn_per_round() -> None:
    order: list[int] = []

    async def handle(chat: int) -> None:
        order.append(chat)
        await asyncio.sleep(0)

    lanes: Lanes[int] = Lanes(handle, workers=1)
    for _ in range(100):
        lanes.submit(1, 1)
    lanes.submit(2, 2)
    lanes.submit(3, 3)
    lanes.start()
    await lanes.drained()
    await lanes.stop()
    # The flood's second job waits behind the other chats' first.
    assert order.index(2) <= 2 and order.index(3) <= 3


async def test_again_keeps_the_chat_in_order_without_holding_a_worker() -> None:
    order: list[str] = []
    tried: set[str] = set()
    lanes: Lanes[str]

    async def handle(job: str) -> None:
        if job == "a1" and job not in tried:
            tried.add(job)
            lanes.again(1, job, 0.01)  # the chat waits; its next job must not overtake
            return
        order.append(job)

    lanes = Lanes(handle, workers=1)
    lanes.start()
    lanes.submit(1, "a1")
    lanes.submit(1, "a2")
    lanes.submit(2, "b1")
    await lanes.drained()
    await lanes.stop()
    assert order.index("a1") < order.index("a2")
    assert order.index("b1") < order.index("a1")  # the only worker served chat 2 meanwhile
