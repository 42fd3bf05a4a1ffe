"""The update pipeline: inbox in, turns per chat, outbox out.

1. :meth:`Pipeline.receive` stores a batch of updates in the inbox in one commit; only then
   may Telegram be told they arrived (the next ``getUpdates`` offset, or the webhook's 200).
2. Each new update becomes a :class:`Job` in its chat's lane (:class:`~bot.telegram.pipeline.lanes.
   Lanes`): a chat's updates one at a time in order, chats side by side.
3. A job runs the update through PTB's handlers; the turn (``turn_handler``) marks the inbox
   row done and writes its replies to the outbox in the same transaction, then the sender
   delivers them.
4. After a restart, :meth:`Pipeline.recover` queues every reply still in the outbox and every
   update still ``new`` in the inbox, per chat in order, before anything newer.

A turn that failed because the database could not be used stays in the inbox and runs
again with backoff (the user is told once that it will); any other failure is tried
``max_tries`` times, then given up with the kind apology. A chat that sends more than
:class:`FloodGuard` allows is told once and the rest of its burst is dropped.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Final

from telegram import Update
from telegram.ext import Application

from bot.storage import mailbox
from bot.storage.db import READ_ONLY, is_database_fault
from bot.telegram import faults, texts
from bot.telegram.pipeline.lanes import Lanes
from bot.telegram.pipeline.sender import ReplySender
from bot.telegram.pipeline.writes import Acks, WriteGate

__all__ = [
    "CURRENT_JOB",
    "FloodGuard",
    "Job",
    "Pipeline",
    "chat_key",
    "retry_delay",
]

log = logging.getLogger(__name__)

App = Application[Any, Any, Any, Any, Any, Any]
Clock = Callable[[], datetime]

KEEP_DONE: Final = timedelta(days=2)
"""How long handled update ids are kept: Telegram stops redelivering after a day."""


def retry_delay(attempts: int) -> float:
    """Seconds before an update that failed ``attempts`` times is tried again."""
    return min(60.0, 2.0**attempts)


@dataclass
class Job:
    """One update to handle (or, with no update, a chat's queued replies to send)."""

    update_id: int
    chat: int
    update: Update | None = None
    body: str | None = None
    attempts: int = 0
    told: bool = False
    taken: bool = False
    """Set by the turn when its transaction marked the inbox row done."""
    error: BaseException | None = None
    """Set by the turn when it failed; the pipeline decides what happens next."""
    kind: str = "update"  # "update", "flush" (send queued replies), "notice" (slow down)


CURRENT_JOB: ContextVar[Job | None] = ContextVar("hearback_pipeline_job", default=None)
"""The job whose update PTB is handling in this task (``None`` outside the pipeline)."""


def chat_key(update: Update) -> int:
    """The lane of an update: its chat, else its user, else one shared lane."""
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return 0


@dataclass
class FloodGuard:
    """Per chat: ``burst`` updates at once, then ``per_second``; beyond, told once, dropped.

    Only chats whose bucket is not full again are remembered: a chat that sent one message
    is forgotten ``1 / per_second`` seconds later (1.5 s at the default 40 a minute), not a
    whole refill later, so the table holds the chats of the last few seconds, however many
    users come and go.
    """

    burst: float = 30.0
    per_second: float = 1.0
    monotonic: Callable[[], float] = time.monotonic
    keep: int = 256
    """Chats remembered before those whose bucket is full again are forgotten."""
    _buckets: dict[int, tuple[float, float, bool]] = field(default_factory=dict)
    _prune_above: int = 0

    def check(self, chat: int) -> str:
        """``"ok"``, ``"warn"`` (the first update over the limit) or ``"drop"``."""
        now = self.monotonic()
        tokens, last, warned = self._buckets.get(chat, (self.burst, now, False))
        tokens = min(self.burst, tokens + (now - last) * self.per_second)
        if tokens >= 1.0:
            self._buckets[chat] = (tokens - 1.0, now, warned and tokens < self.burst)
            self._forget_idle(now)
            return "ok"
        self._buckets[chat] = (tokens, now, True)
        return "drop" if warned else "warn"

    def _forget_idle(self, now: float) -> None:
        if len(self._buckets) <= max(self.keep, self._prune_above):
            return
        # A full bucket is what an unknown chat gets (its warning is over too): forgetting
        # the chat changes nothing.
        for chat, (tokens, last, _) in list(self._buckets.items()):
            if tokens + (now - last) * self.per_second >= self.burst:
                del self._buckets[chat]
        self._prune_above = 2 * len(self._buckets)


class Pipeline:
    """Inbox, lanes and sender of one process; see the module docstring."""

    def __init__(
        self,
        app: App,
        *,
        gate: WriteGate,
        sender: ReplySender,
        clock: Clock,
        workers: int = 64,
        max_tries: int = 3,
        max_backlog: int = 10_000,
        flood: FloodGuard | None = None,
    ) -> None:
        self.app = app
        self.gate = gate
        self.sender = sender
        self.acks: Acks = sender.acks
        self._clock = clock
        self.max_tries = max_tries
        self.max_backlog = max_backlog
        self.flood = flood or FloodGuard()
        self.lanes: Lanes[Job] = Lanes(self._handle, workers=workers)
        self._room = asyncio.Event()
        self._room.set()
        self.received = 0
        self.handled = 0
        self.dropped = 0

    # -- in ---------------------------------------------------------------------------------

    async def receive(self, updates: Sequence[Update], bodies: Sequence[str] | None = None) -> int:
        """Store ``updates`` in one commit, then queue the new ones; returns how many it queued.

        Raises when the database could not store them: the caller must not tell Telegram
        they arrived (no next offset, no 200), so Telegram delivers them again.
        """
        if not updates:
            return 0
        if bodies is None:
            bodies = [json.dumps(u.to_dict(), separators=(",", ":")) for u in updates]
        rows = [(u.update_id, chat_key(u), body) for u, body in zip(updates, bodies, strict=True)]
        async with self.gate.write() as session:
            fresh = await mailbox.store_updates(session, rows, at=self._clock())
        dropped: list[int] = []
        queued = 0
        for update in updates:
            if update.update_id not in fresh:
                log.info("update %d seen before; skipped", update.update_id)
                continue
            fresh.discard(update.update_id)  # a batch may repeat an id
            chat = chat_key(update)
            verdict = self.flood.check(chat)
            if verdict != "ok":
                dropped.append(update.update_id)
                if verdict == "warn":
                    log.info("chat flooding; told once, dropping the rest of its burst")
                    self.lanes.submit(chat, Job(update.update_id, chat, kind="notice"))
                continue
            self.lanes.submit(chat, Job(update.update_id, chat, update=update))
            queued += 1
        if dropped:
            self.dropped += len(dropped)
            await self.acks.updates_done(dropped)
        self.received += queued
        self._check_room()
        return queued

    async def room(self) -> None:
        """Wait while the backlog in memory is at its bound (polling fetches no more)."""
        self._check_room()
        await self._room.wait()

    def _check_room(self) -> None:
        if self.lanes.queued >= self.max_backlog:
            self._room.clear()
        else:
            self._room.set()

    async def recover(self) -> tuple[int, int]:
        """Queue what a previous run left: unsent replies first, then unhandled updates."""
        async with self.gate.sessions() as session, session.begin():
            await session.connection(execution_options=READ_ONLY)
            replies = await mailbox.unsent_replies(session, limit=1_000_000)
            pending = await mailbox.pending_updates(session, limit=1_000_000)
        chats = sorted({r.chat_id for r in replies})
        for chat in chats:
            self.lanes.submit(chat, Job(0, chat, kind="flush"))
        for row in pending:
            job = Job(row.update_id, row.chat_id, body=row.body, attempts=row.attempts)
            job.told = row.told
            self.lanes.submit(row.chat_id, job)
        if replies or pending:
            log.info(
                "recovered %d unsent replies and %d unhandled updates", len(replies), len(pending)
            )
        return len(replies), len(pending)

    # -- running ----------------------------------------------------------------------------

    def start(self) -> None:
        self.acks.start()
        self.lanes.start()

    async def stop(self, timeout: float = 3.0) -> None:  # noqa: ASYNC109 - a bound on shutdown
        """Finish the turns running now; what is queued stays in the inbox for next time."""
        await self.lanes.stop(timeout)
        await self.sender.close()
        await self.acks.stop()

    async def drained(self) -> None:
        await self.lanes.drained()

    async def _handle(self, job: Job) -> None:
        try:
            await self._run(job)
        finally:
            self._check_room()

    async def _run(self, job: Job) -> None:
        if job.kind == "notice":
            await self.sender.say_now(job.chat, texts.SLOW_DOWN)
            return
        if job.kind == "flush" or job.chat in self.sender.behind:
            await self._flush(job.chat)
            if job.kind == "flush":
                return
        update = job.update
        if update is None:
            update = Update.de_json(json.loads(job.body or "{}"), self.app.bot)
            job.update = update
        token = CURRENT_JOB.set(job)
        try:
            await self.app.process_update(update)
        finally:
            CURRENT_JOB.reset(token)
        if job.error is None:
            self.handled += 1
            if not job.taken:
                await self.acks.updates_done([job.update_id])  # no turn: nothing else to keep
            return
        await self._failed(job)

    async def _flush(self, chat: int) -> None:
        try:
            async with self.gate.sessions() as session, session.begin():
                await session.connection(execution_options=READ_ONLY)
                replies = await mailbox.unsent_replies(session, chat_id=chat)
        except Exception as exc:
            log.warning("could not read queued replies (%s)", type(exc).__name__)
            return
        await self.sender.deliver(replies)

    async def _failed(self, job: Job) -> None:
        error, job.error = job.error, None
        assert error is not None
        job.attempts += 1
        if is_database_fault(error):
            log.warning(
                "update %d: the database failed (%s); kept, try %d again shortly",
                job.update_id,
                type(error).__name__,
                job.attempts,
            )
            # Told once per fault streak of the chat (not once per message), and only once
            # for this update however often it is retried.
            if not job.told and faults.notices(self.app.bot_data).fault(job.update_id, job.chat):
                job.told = await self.sender.say_now(job.chat, texts.SAVE_LATER)
            await self._note(job)
            self.lanes.again(job.chat, job, retry_delay(job.attempts))
            return
        # The exception and its type are logged; never the user's text nor the token.
        log.error(
            "error while handling update %d (try %d of %d): %s",
            job.update_id,
            job.attempts,
            self.max_tries,
            type(error).__name__,
            exc_info=error,
        )
        if job.attempts < self.max_tries:
            await self._note(job)
            self.lanes.again(job.chat, job, retry_delay(job.attempts))
            return
        if not job.told:
            job.told = await self.sender.say_now(job.chat, texts.GAVE_UP)
        try:
            async with self.gate.write() as session:
                await mailbox.finish_updates(
                    session, update_ids=[job.update_id], at=self._clock(), state=mailbox.FAILED
                )
        except Exception as exc:
            log.warning("could not record a failed update (%s)", type(exc).__name__)

    async def _note(self, job: Job) -> None:
        try:
            async with self.gate.write() as session:
                await mailbox.note_failure(
                    session, update_id=job.update_id, attempts=job.attempts, told=job.told
                )
        except Exception:
            pass  # the database is failing; the row stays new and is retried anyway

    # -- upkeep -----------------------------------------------------------------------------

    async def prune(self, *, now: datetime | None = None) -> int:
        """Forget handled update ids older than two days, a small chunk per transaction."""
        before = (now or self._clock()) - KEEP_DONE
        total = 0
        while True:
            async with self.gate.write() as session:
                dropped = await mailbox.prune_inbox(session, before=before)
            total += dropped
            if dropped < mailbox.PRUNE_CHUNK:
                return total
            await asyncio.sleep(0)  # let turns take the write lock between chunks
