"""Group commit for the dispatcher's writes: many nudges, one transaction.

Every nudge needs two writes around its Bot API call (``begin`` before, ``sent`` after),
and the caller of ``begin`` must not send until that write is committed. One transaction
per write costs about 2.4 ms on SQLite through aiosqlite and one statement about 1 ms, so
at 300 messages per second the writes alone would fill the time. The :class:`Ledger`
queues writes and lets a single flusher commit whatever has queued in one transaction,
with one bulk statement per kind (:func:`~bot.storage.nudges.begin_deliveries`,
:func:`~bot.storage.nudges.mark_sent_many`): under load the batches grow by themselves,
and a lone write is committed at once. Each caller gets its own answer (did *my* claim
hold?) once the transaction holding its write has committed, or the error if it failed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.types import StepKind
from bot.storage import nudges
from bot.storage.nudges import ClaimedNudge

__all__ = ["Ledger", "Write"]

Write = Callable[[AsyncSession], Awaitable[Any]]
OpenTransaction = Callable[[], AbstractAsyncContextManager[AsyncSession]]


@dataclass
class _Pending:
    begins: list[tuple[ClaimedNudge, asyncio.Future[bool]]] = field(default_factory=list)
    sents: list[tuple[ClaimedNudge, int | None, asyncio.Future[bool]]] = field(default_factory=list)
    others: list[tuple[Write, asyncio.Future[Any]]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.begins or self.sents or self.others)

    def futures(self) -> list[asyncio.Future[Any]]:
        return (
            [f for _, f in self.begins]
            + [f for _, _, f in self.sents]
            + [f for _, f in self.others]
        )


class Ledger:
    """Queues the dispatcher's writes and commits them in batches (see the module doc)."""

    def __init__(
        self, open_transaction: OpenTransaction, *, clock: Callable[[], datetime], lease: timedelta
    ) -> None:
        self._open = open_transaction
        self._clock = clock
        self._lease = lease
        self._queue = _Pending()
        self._flusher: asyncio.Task[None] | None = None
        self.transactions = 0

    async def begin(self, nudge: ClaimedNudge) -> bool:
        """Commit "sending" for this nudge; False when its claim was lost (do not send)."""
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._queue.begins.append((nudge, future))
        self._kick()
        return await future

    async def sent(self, nudge: ClaimedNudge, message_id: int | None) -> bool:
        """Commit "sent"; False when the claim was lost meanwhile (a duplicate may follow)."""
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._queue.sents.append((nudge, message_id, future))
        self._kick()
        return await future

    async def write(self, operation: Write) -> Any:
        """Run any other write in the next batch; returns what it returned."""
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._queue.others.append((operation, future))
        self._kick()
        return await future

    async def drain(self) -> None:
        """Wait until everything queued so far is committed (or has failed)."""
        while self._flusher is not None and not self._flusher.done():
            await asyncio.shield(self._flusher)

    def _kick(self) -> None:
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush_all(), name="hearback-nudge-ledger")

    async def _flush_all(self) -> None:
        while self._queue:
            batch, self._queue = self._queue, _Pending()
            try:
                results = await self._commit(batch)
            except Exception as exc:
                for future in batch.futures():
                    if not future.done():
                        future.set_exception(exc)
                continue
            for future, result in zip(batch.futures(), results, strict=True):
                if not future.done():
                    future.set_result(result)

    async def _commit(self, batch: _Pending) -> list[Any]:
        async with self._open() as session:
            now = self._clock()
            began: set[int] = set()
            if batch.begins:
                began = await nudges.begin_deliveries(
                    session,
                    items=[(n.id, n.token) for n, _ in batch.begins],
                    now=now,
                    lease=self._lease,
                )
            recorded: set[int] = set()
            if batch.sents:
                recorded = await nudges.mark_sent_many(
                    session,
                    items=[(n.id, n.token, message_id) for n, message_id, _ in batch.sents],
                    now=now,
                )
                for nudge, _, _ in batch.sents:
                    if nudge.id in recorded and nudge.kind is StepKind.MOVE_ON:
                        # S5: the interview becomes "moved on" unless a reply comes.
                        await nudges.mark_moved_on(
                            session,
                            owner_id=nudge.owner_id,
                            interview_id=nudge.interview_id,
                            now=now,
                        )
            others = [await operation(session) for operation, _ in batch.others]
        self.transactions += 1
        return (
            [n.id in began for n, _ in batch.begins]
            + [n.id in recorded for n, _, _ in batch.sents]
            + others
        )
