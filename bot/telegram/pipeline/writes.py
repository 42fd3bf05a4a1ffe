"""Write transactions of the pipeline: one writer at a time on SQLite, and group commits.

SQLite has one writer at a time. Connections that collide wait in SQLite's busy handler,
which sleeps in steps of up to 100 ms and gives up with "database is locked" after the busy
timeout; an asyncio lock in front of every write transaction of this process queues them in
order instead, with no sleep. PostgreSQL takes row locks and needs no such lock.

:class:`Acks` collects small bookkeeping writes (a reply was delivered, an update needed no
turn) and commits them together: what arrives while one commit waits for the write lock
goes into the next, so under load one transaction serves many turns. Losing the last few
to a crash only means a reply goes out again (at least once), never a lost one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage import mailbox
from bot.storage.db import immediate_transaction

__all__ = ["Acks", "WriteGate"]

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


class WriteGate:
    """Opens write transactions; on SQLite, one at a time in this process (FIFO)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions
        sqlite = sessions().get_bind().dialect.name == "sqlite"
        self.lock: asyncio.Lock | None = asyncio.Lock() if sqlite else None

    @property
    def serialised(self) -> bool:
        return self.lock is not None

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncSession]:
        """A session in a transaction that takes the write lock first; commits at the end."""
        guard: Any = self.lock if self.lock is not None else contextlib.nullcontext()
        async with guard, self.sessions() as session, immediate_transaction(session):
            yield session


class Acks:
    """Batches "reply delivered" and "update closed" writes into group commits."""

    def __init__(self, gate: WriteGate, clock: Clock, *, delay: float = 0.0) -> None:
        self._gate = gate
        self._clock = clock
        self._delay = delay
        self._replies: list[int] = []
        self._updates: list[int] = []
        self._wanted = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._closing = False

    async def replies_sent(self, ids: list[int]) -> None:
        if ids:
            self._replies.extend(ids)
            await self._later()

    async def updates_done(self, ids: list[int]) -> None:
        if ids:
            self._updates.extend(ids)
            await self._later()

    async def _later(self) -> None:
        if self._task is None:
            await self.flush()  # not started (tests driving handlers directly): write now
        else:
            self._wanted.set()

    def start(self) -> None:
        if self._task is None:
            self._closing = False
            self._task = asyncio.create_task(self._loop(), name="hearback-acks")

    async def stop(self) -> None:
        task, self._task = self._task, None
        self._closing = True
        self._wanted.set()
        if task is not None:
            with contextlib.suppress(Exception):
                await task
        with contextlib.suppress(Exception):
            await self.flush()

    async def flush(self) -> None:
        if not self._replies and not self._updates:
            return
        undo: Callable[[], None] | None = None
        try:
            async with self._gate.write() as session:
                undo = await self.ride_along(session)
        except Exception as exc:
            if undo is not None:
                undo()  # the commit failed after the writes
            log.warning(
                "could not record delivered replies yet (%s); will retry", type(exc).__name__
            )
            raise

    async def ride_along(self, session: AsyncSession) -> Callable[[], None]:
        """Write what is waiting in ``session``'s transaction (a turn's, whose commit then
        carries it: no wait for a write lock of its own); returns an undo for a rollback.

        During a burst every turn takes the acks of the turns before it, so a reply that
        went out is known to have gone out within one turn, not after a queue of them.
        """
        replies, self._replies = self._replies, []
        updates, self._updates = self._updates, []

        def undo() -> None:
            # Kept for the next try; at worst a reply goes out again after a restart.
            self._replies[:0] = replies
            self._updates[:0] = updates

        try:
            for start in range(0, len(replies), mailbox.PRUNE_CHUNK):
                chunk = replies[start : start + mailbox.PRUNE_CHUNK]
                await mailbox.delete_replies(session, ids=chunk)
            for start in range(0, len(updates), mailbox.PRUNE_CHUNK):
                chunk = updates[start : start + mailbox.PRUNE_CHUNK]
                await mailbox.finish_updates(session, update_ids=chunk, at=self._clock())
        except BaseException:
            undo()
            raise
        return undo

    async def _loop(self) -> None:
        while not self._closing:
            await self._wanted.wait()
            self._wanted.clear()
            if self._delay > 0:
                await asyncio.sleep(self._delay)  # let more turns add theirs
            # Whatever came in while the last commit waited for the lock goes in this one.
            try:
                await self.flush()
            except Exception:
                await asyncio.sleep(1.0)
                self._wanted.set()
