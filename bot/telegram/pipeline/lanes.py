"""Per-chat order, cross-chat concurrency: one lane per chat, a few workers for all lanes.

A chat's jobs run in the order they were submitted, one at a time. Different chats run at
once, at most ``workers`` of them. A worker takes the chat that has waited longest, runs
one job of it, and puts the chat back at the end of the line if it has more: a chat that
floods gets one turn per round like every other, and a slow chat holds only its own lane.

A job can ask to run again later (:meth:`Lanes.again`): its chat stays held (later jobs of
the chat keep waiting behind it, in order) while no worker is spent on the wait.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

__all__ = ["Lanes"]

log = logging.getLogger(__name__)

J = TypeVar("J")


class Lanes(Generic[J]):
    """Runs ``handle(job)`` per chat in order, chats concurrently; see the module docstring."""

    def __init__(self, handle: Callable[[J], Awaitable[None]], *, workers: int = 8) -> None:
        if workers < 1:
            raise ValueError("at least one worker")
        self._handle = handle
        self._workers = workers
        self._queues: dict[int, deque[J]] = {}
        self._ready: asyncio.Queue[int] = asyncio.Queue()
        self._held: set[int] = set()  # chats with a job running (or waiting to run again)
        self._waiting: set[int] = set()  # chats whose job asked to run again later
        self._in_line: set[int] = set()  # chats in the ready queue
        self._tasks: list[asyncio.Task[None]] = []
        self._timers: set[asyncio.TimerHandle] = set()
        self._closing = False
        self.queued = 0
        self._idle = asyncio.Event()
        self._idle.set()

    # -- feeding ------------------------------------------------------------------------------

    def submit(self, chat: int, job: J, *, first: bool = False) -> None:
        """Queue ``job`` behind the chat's others (or before them, ``first``)."""
        queue = self._queues.get(chat)
        if queue is None:
            queue = self._queues[chat] = deque()
        if first:
            queue.appendleft(job)
        else:
            queue.append(job)
        self.queued += 1
        self._idle.clear()
        self._make_ready(chat)

    def _make_ready(self, chat: int) -> None:
        if chat not in self._held and chat not in self._in_line:
            self._in_line.add(chat)
            self._ready.put_nowait(chat)

    def again(self, chat: int, job: J, delay: float) -> None:
        """From inside ``handle``: run ``job`` again after ``delay`` seconds, before the
        chat's later jobs. The chat stays held meanwhile; no worker waits for it."""
        self._waiting.add(chat)
        self.queued += 1

        def release() -> None:
            self._timers.discard(handle)
            self.queued -= 1
            self._waiting.discard(chat)
            self._held.discard(chat)
            if not self._closing:
                self.submit(chat, job, first=True)
            elif self.queued == 0:
                self._idle.set()

        handle = asyncio.get_running_loop().call_later(delay, release)
        self._timers.add(handle)

    def busy(self, chat: int) -> bool:
        return chat in self._held or bool(self._queues.get(chat))

    @property
    def chats(self) -> int:
        """Chats with something queued or running (memory stays bounded by this)."""
        return len(self._queues) + len(self._held - self._queues.keys())

    # -- running ------------------------------------------------------------------------------

    def start(self) -> None:
        if self._tasks:
            return
        self._closing = False
        for n in range(self._workers):
            self._tasks.append(asyncio.create_task(self._work(), name=f"hearback-lane-{n}"))

    async def stop(self, timeout: float = 3.0) -> None:  # noqa: ASYNC109 - a bound on shutdown
        """Finish the jobs running now (cancelled after ``timeout``); queued ones are left."""
        self._closing = True
        for timer in self._timers:
            timer.cancel()
        self._timers.clear()
        tasks, self._tasks = self._tasks, []
        for _ in tasks:
            self._ready.put_nowait(0)  # wake every worker; it sees the flag and ends
        if not tasks:
            return
        _, pending = await asyncio.wait(tasks, timeout=timeout)
        for task in pending:
            task.cancel()
        for task in pending:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def drained(self) -> None:
        """Wait until nothing is queued, running or waiting to run again."""
        await self._idle.wait()

    async def _work(self) -> None:
        while True:
            chat = await self._ready.get()
            if self._closing:
                return
            self._in_line.discard(chat)
            queue = self._queues.get(chat)
            if not queue or chat in self._held:
                continue  # a stale wake-up
            job = queue.popleft()
            self._held.add(chat)
            try:
                await self._handle(job)
            except Exception:
                log.exception("a pipeline job failed")
            finally:
                self.queued -= 1
                self._release(chat)

    def _release(self, chat: int) -> None:
        if chat in self._waiting:
            return  # the job runs again later: the chat stays held until then
        self._held.discard(chat)
        if self._queues.get(chat):
            self._make_ready(chat)  # to the back of the line: one turn per round
        else:
            self._queues.pop(chat, None)
        if self.queued == 0:
            self._idle.set()
