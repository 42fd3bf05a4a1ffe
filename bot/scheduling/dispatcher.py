"""The nudge dispatcher: claim what is due, check it still makes sense, send it, record it.

One :meth:`Dispatcher.run` delivers everything due at that moment and returns a
:class:`DispatchReport`. Several dispatchers (processes, or instances sharing a database)
may run at once: rows are claimed atomically (:func:`bot.storage.nudges.claim_due`) and
every later write names the claim token, so each nudge is sent by one of them.

Per interview: the send-time checks of :mod:`bot.scheduling.policy` (skip when pointless,
move when outside the user's hours, at most one reminder per interview per day and the one
the record makes most useful: :func:`~bot.scheduling.policy.judge_due`); then per nudge
:func:`~bot.storage.nudges.begin_delivery` is committed, then the Bot API call, then
:func:`~bot.storage.nudges.mark_sent`. Delivery is at least once: a crash or a lost answer
after the call can give one duplicate, and every such case is logged as a possible
duplicate (never silently).

Telegram's answers:

- ``RetryAfter``: the chat is held for ``retry_after`` seconds (:class:`Pacer`) and the
  same message is tried again after it, never before; the lease is extended if needed.
- ``Forbidden`` (the user blocked the bot): the user is marked blocked and their nudges
  go back to pending; none is claimed until the user talks to the bot again (/start).
- ``BadRequest``: not retried; the nudge is recorded failed with Telegram's description.
- network errors and 5xx: retried with exponential backoff, then recorded failed with the
  error. A retry after an error that may have hidden a delivered message (a timeout, a
  dropped connection) is logged as a possible duplicate.

Sends are paced: at most ``rate_per_second`` overall and one per ``per_chat_seconds`` per
chat; a chat's nudges go out one at a time in due order. Time is injected: ``clock`` gives
the aware "now" used for every database decision, ``monotonic``/``sleep`` drive pacing and
backoff (tests pass fakes; nothing here waits for a schedule).
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from bot import botapi
from bot.core.nudging import SentNudge, spaced_after
from bot.core.types import StepKind
from bot.scheduling.ledger import Ledger
from bot.scheduling.pacing import Monotonic, Pacer, Sleep
from bot.scheduling.policy import Action, Judgement, calendar_for, judge_due
from bot.storage import nudges, repo
from bot.storage.db import READ_ONLY, immediate_transaction
from bot.storage.nudges import ClaimedNudge, NudgeContext

__all__ = [
    "Clock",
    "DispatchConfig",
    "DispatchHooks",
    "DispatchReport",
    "Dispatcher",
    "Render",
    "database_locked",
]

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
START_CHUNK = 16
"""Chats whose delivery starts in one turn of the event loop (:meth:`Dispatcher.run`)."""
Rows = Sequence[Sequence[tuple[str, str]]]
Render = Callable[[ClaimedNudge, NudgeContext], tuple[str, Rows]]
"""A nudge's message: HTML text and inline buttons as (label, callback data) rows."""
NudgeHook = Callable[[ClaimedNudge], Awaitable[None]]
BatchHook = Callable[[Sequence[ClaimedNudge]], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class DispatchConfig:
    """Tuning of one dispatcher; the defaults suit Telegram's published limits."""

    rate_per_second: float = 30.0
    per_chat_seconds: float = 1.0
    # A claim and its batch's checks run in the loop's thread (SQLite's write path is inline):
    # 50 keep each such step near a millisecond; 200 held replies for ~4-10 ms several times.
    batch_size: int = 50
    lease: timedelta = timedelta(minutes=5)
    max_in_flight: int = 32
    network_retries: int = 3
    backoff_seconds: float = 1.0
    backoff_cap_seconds: float = 30.0
    max_flood_waits: int = 8

    def __post_init__(self) -> None:
        if self.rate_per_second <= 0 or self.batch_size < 1 or self.max_in_flight < 1:
            raise ValueError("rate, batch size and in-flight limit must be positive")
        if self.lease <= timedelta(0):
            raise ValueError("the lease must be positive")


@dataclass
class DispatchHooks:
    """Test seams: called after a batch is claimed and after a message was sent (pre-record)."""

    after_claim: BatchHook | None = None
    after_send: NudgeHook | None = None


@dataclass
class DispatchReport:
    """What one run did (counts of nudges) and which nudges may have been sent twice."""

    claimed: int = 0
    sent: int = 0
    skipped: int = 0
    moved: int = 0
    failed: int = 0
    blocked: int = 0
    released: int = 0
    lost: int = 0
    expired: int = 0
    retry_after: int = 0
    possible_duplicates: list[int] = field(default_factory=list)

    def add(self, other: DispatchReport) -> None:
        for name in (
            "claimed",
            "sent",
            "skipped",
            "moved",
            "failed",
            "blocked",
            "released",
            "lost",
            "expired",
            "retry_after",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.possible_duplicates.extend(other.possible_duplicates)


@dataclass(frozen=True, slots=True)
class _Sent:
    message_id: int
    doubt: str | None  # why an earlier try may have delivered it too


@dataclass(frozen=True, slots=True)
class _Blocked:
    error: str


@dataclass(frozen=True, slots=True)
class _Failed:
    error: str


@dataclass(frozen=True, slots=True)
class _Postponed:
    seconds: float
    error: str


@dataclass(frozen=True, slots=True)
class _Stopped:
    pass


_Outcome = _Sent | _Blocked | _Failed | _Postponed | _Stopped


async def _post_message(bot: Bot, data: dict[str, Any]) -> int:
    """``sendMessage``, reading only the message id from Telegram's answer.

    ``Bot.send_message`` turns every answer into a ``Message`` (with its keyboard, chat and
    sender): about 0.5 ms of CPU per message, a sixth of the dispatcher's cost at 300
    messages per second, for an id (:func:`bot.botapi.post`).
    """
    result = await botapi.post(bot, "sendMessage", data)
    return int(result["message_id"])


def _markup(rows: Rows) -> dict[str, Any]:
    """The inline keyboard as the Bot API's JSON (PTB sends a dict as it is).

    Building InlineKeyboardButton objects and serialising them again cost about 0.6 ms
    per message at 300 messages per second.
    """
    return {
        "inline_keyboard": [
            [{"text": text, "callback_data": data} for text, data in row] for row in rows
        ]
    }


class Dispatcher:
    """Delivers due nudges through ``bot``; see the module docstring for the guarantees.

    ``bot`` may be several clients (lanes) of the same bot: each chat always goes through
    the same one (``chat_id % lanes``). httpx's connection pool spends time proportional to
    its size on every request, so above ~8 concurrent requests a few small pools cost far
    less CPU than one large one (bench/nudges.py).
    """

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        bot: Bot | Sequence[Bot],
        *,
        render: Render,
        clock: Clock,
        config: DispatchConfig | None = None,
        monotonic: Monotonic = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        hooks: DispatchHooks | None = None,
        pacer: Pacer | None = None,
        write_lock: asyncio.Lock | None = None,
    ) -> None:
        self.config = config or DispatchConfig()
        # ``pacer``: one shared with the bot's replies (one rate for everything sent);
        # ``write_lock``: the process's SQLite write lock, shared with the turns.
        self.pacer = pacer or Pacer(
            self.config.rate_per_second,
            per_chat_seconds=self.config.per_chat_seconds,
            monotonic=monotonic,
            sleep=sleep,
        )
        # Nudges may have a rate of their own below the shared one (replies keep the rest).
        self._own_pace: Pacer | None = None
        if pacer is not None and 1.0 / self.config.rate_per_second > pacer.interval:
            self._own_pace = Pacer(
                self.config.rate_per_second, per_chat_seconds=0, monotonic=monotonic, sleep=sleep
            )
        self._sessions = sessions
        self._render = render
        self._bots: tuple[Bot, ...] = (bot,) if isinstance(bot, Bot) else tuple(bot)
        if not self._bots:
            raise ValueError("at least one Bot is needed")
        self._clock = clock
        self._sleep = sleep
        self._hooks = hooks or DispatchHooks()
        self._stopping = False
        self._sqlite: bool | None = None
        self._db_lock = write_lock or asyncio.Lock()
        self._in_flight = asyncio.Semaphore(self.config.max_in_flight)
        self._chat_locks: dict[int, tuple[asyncio.Lock, int]] = {}
        self._open = 0
        self._progress = asyncio.Event()
        self._chosen: dict[int, SentNudge] = {}  # interview id -> the reminder chosen this run
        self.ledger = Ledger(self._write, clock=clock, lease=self.config.lease)

    # -- control -------------------------------------------------------------------------------

    def stop(self) -> None:
        """Finish the messages in flight; give every other claimed nudge back as pending."""
        self._stopping = True
        self._progress.set()

    @property
    def bot(self) -> Bot:
        """The (first) Bot API client the nudges go out through."""
        return self._bots[0]

    @property
    def bots(self) -> tuple[Bot, ...]:
        return self._bots

    @property
    def stopping(self) -> bool:
        return self._stopping

    async def next_wake(self) -> datetime | None:
        """The earliest moment something becomes due (or a lease runs out), if any."""
        async with self._read() as session:
            return await nudges.next_wake_at(session)

    async def run(self) -> DispatchReport:
        """Deliver every nudge due now; returns what happened."""
        report = DispatchReport()
        self._chosen = {}
        await self._release_expired(report)
        tasks: set[asyncio.Task[None]] = set()
        low_water = max(1, self.config.batch_size // 2)
        try:
            while not self._stopping:
                claimed = await self._claim()
                if not claimed:
                    break
                report.claimed += len(claimed)
                if self._hooks.after_claim is not None:
                    await self._hooks.after_claim(claimed)
                async with self._read() as session:
                    contexts = await nudges.load_contexts(
                        session, nudge_ids=[c.id for c in claimed]
                    )
                verdicts = self._select(claimed, contexts)
                await self._space_out(claimed, contexts, verdicts)
                by_chat: dict[int, list[tuple[ClaimedNudge, NudgeContext, Judgement]]] = {}
                for nudge in claimed:
                    context = contexts.get(nudge.id)
                    if context is None:
                        report.lost += 1  # deleted with its interview meanwhile
                        continue
                    by_chat.setdefault(context.chat_id, []).append(
                        (nudge, context, verdicts[nudge.id])
                    )
                for started, (chat_id, items) in enumerate(by_chat.items(), 1):
                    self._open += len(items)
                    task = asyncio.create_task(self._deliver_chat(chat_id, items, report))
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
                    if started % START_CHUNK == 0:
                        # Each new task renders its first message at once: let the loop
                        # serve replies between groups instead of after the whole batch.
                        await asyncio.sleep(0)
                # Claim the next batch while this one is still going, but keep memory flat.
                while self._open > low_water and not self._stopping:
                    self._progress.clear()
                    await self._progress.wait()
        finally:
            if tasks:
                await asyncio.gather(*tasks, return_exceptions=True)
            await self.ledger.drain()
        return report

    def _select(
        self, claimed: Sequence[ClaimedNudge], contexts: dict[int, NudgeContext]
    ) -> dict[int, Judgement]:
        """What to do with each claimed nudge, decided per interview (the module doc)."""
        now = self._clock()
        groups: dict[int, list[ClaimedNudge]] = {}
        for nudge in claimed:
            if nudge.id in contexts:
                groups.setdefault(nudge.interview_id, []).append(nudge)
        verdicts: dict[int, Judgement] = {}
        for interview_id, group in groups.items():
            context = contexts[group[0].id]
            facts = context.facts
            chosen = self._chosen.get(interview_id)
            if facts is not None and chosen is not None:
                # Chosen in an earlier batch of this run: it counts as sent today.
                facts = replace(facts, sent=(*facts.sent, chosen))
            decided = judge_due(
                {n.id: n.kind for n in group},
                facts=facts,
                now=now,
                cal=calendar_for(context.zone, context.country),
                nudge_hour=context.nudge_hour,
                nudge_minute=context.nudge_minute,
                status=context.status,
                interviewed_at=context.interviewed_at,
                thank_you_sent=context.thank_you_sent_at is not None,
            )
            for nudge in group:
                if decided[nudge.id].action is Action.SEND:
                    self._chosen[interview_id] = SentNudge(nudge.kind, now)
            verdicts.update(decided)
        return verdicts

    async def _space_out(
        self,
        claimed: Sequence[ClaimedNudge],
        contexts: dict[int, NudgeContext],
        verdicts: dict[int, Judgement],
    ) -> None:
        """After a follow-up reminder is chosen, the interview's later pending steps are due no
        sooner than five business days per step after it (they count from it). One write for
        the whole batch: one query for the batch's pending rows, one statement for the moves
        (a statement per interview held the loop for tens of ms in a batch of 200)."""
        now = self._clock()
        chosen = [
            (nudge, contexts[nudge.id])
            for nudge in claimed
            if nudge.id in contexts
            and verdicts[nudge.id].action is Action.SEND
            and nudge.kind is not StepKind.THANK_YOU
        ]
        if not chosen:
            return
        siblings: dict[int, list[StepKind]] = {}
        for nudge in claimed:
            siblings.setdefault(nudge.interview_id, []).append(nudge.kind)

        async def push(session: AsyncSession) -> bool:
            waiting = await nudges.pending_steps(
                session, interview_ids=[nudge.interview_id for nudge, _ in chosen]
            )
            moves: dict[int, datetime] = {}
            for nudge, context in chosen:
                steps = waiting.get(nudge.interview_id)
                if not steps:
                    continue
                later = spaced_after(
                    nudge.kind,
                    now,
                    [*(step.kind for step in steps), *siblings[nudge.interview_id]],
                    cal=calendar_for(context.zone, context.country),
                    nudge_hour=context.nudge_hour,
                    nudge_minute=context.nudge_minute,
                )
                for step in steps:
                    until = later.get(step.kind)
                    if until is not None and step.due_at < until:
                        moves[step.id] = max(until, moves.get(step.id, until))
            if moves:
                await nudges.postpone_many(session, until=moves, now=now)
            return True

        await self.ledger.write(push)

    # -- database ------------------------------------------------------------------------------

    def _is_sqlite(self) -> bool:
        if self._sqlite is None:
            self._sqlite = self._sessions().get_bind().dialect.name == "sqlite"
        return self._sqlite

    @asynccontextmanager
    async def _write(self) -> AsyncIterator[AsyncSession]:
        # SQLite has one writer at a time; queueing here beats its busy-wait sleeps.
        guard = self._db_lock if self._is_sqlite() else nullcontext()
        async with guard, self._sessions() as session, immediate_transaction(session):
            yield session

    @asynccontextmanager
    async def _read(self) -> AsyncIterator[AsyncSession]:
        async with self._sessions() as session, session.begin():
            await session.connection(execution_options=READ_ONLY)
            yield session

    async def _claim(self) -> list[ClaimedNudge]:
        async with self._write() as session:
            return await nudges.claim_due(
                session,
                now=self._clock(),
                token=uuid.uuid4().hex,
                lease=self.config.lease,
                limit=self.config.batch_size,
            )

    async def _release_expired(self, report: DispatchReport) -> None:
        async with self._write() as session:
            expired = await nudges.release_expired(session, now=self._clock())
        for claim in expired:
            report.expired += 1
            if claim.was_sending:
                report.possible_duplicates.append(claim.id)
                log.warning(
                    "nudge %d: possible duplicate: the dispatcher sending it stopped before "
                    "recording the result; it goes out again",
                    claim.id,
                )
            else:
                log.info("nudge %d: claim expired before sending; back to pending", claim.id)

    # -- delivery ------------------------------------------------------------------------------

    @asynccontextmanager
    async def _chat_turn(self, chat_id: int) -> AsyncIterator[None]:
        lock, users = self._chat_locks.get(chat_id, (asyncio.Lock(), 0))
        self._chat_locks[chat_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._chat_locks[chat_id]
            if users <= 1:
                del self._chat_locks[chat_id]
            else:
                self._chat_locks[chat_id] = (lock, users - 1)

    async def _deliver_chat(
        self,
        chat_id: int,
        items: list[tuple[ClaimedNudge, NudgeContext, Judgement]],
        report: DispatchReport,
    ) -> None:
        """One chat's nudges, in due order, one at a time."""
        finished = 0
        blocked = False
        try:
            async with self._chat_turn(chat_id):
                for nudge, context, verdict in items:
                    if self._stopping:
                        await self._give_back(nudge, report, reason="dispatcher stopping")
                    elif blocked:
                        await self._give_back(nudge, report, reason="user blocked the bot")
                    else:
                        outcome = await self._deliver(nudge, context, verdict, report)
                        blocked = outcome == "blocked"
                    finished += 1
                    self._done_one()
        except Exception as exc:
            if database_locked(exc):
                # Another connection kept SQLite's write lock past the busy timeout (a long
                # turn on a crowded machine): nothing is wrong with these nudges.
                log.warning(
                    "the database stayed locked; %d nudge(s) wait until their claims expire",
                    len(items) - finished,
                )
            else:
                log.exception("delivering to a chat failed; its claims return when they expire")
        finally:
            for _ in range(len(items) - finished):
                self._done_one()

    def _done_one(self) -> None:
        self._open -= 1
        self._progress.set()

    async def _give_back(self, nudge: ClaimedNudge, report: DispatchReport, *, reason: str) -> None:
        async def write(session: AsyncSession) -> bool:
            return await nudges.release(
                session, nudge_id=nudge.id, token=nudge.token, now=self._clock(), reason=reason
            )

        if await self.ledger.write(write):
            report.released += 1

    async def _deliver(
        self,
        nudge: ClaimedNudge,
        context: NudgeContext,
        verdict: Judgement,
        report: DispatchReport,
    ) -> str:
        now = self._clock()
        if context.blocked:
            await self._give_back(nudge, report, reason="user blocked the bot")
            return "blocked"
        if verdict.action is Action.SHELVE:

            async def shelve(session: AsyncSession) -> bool:
                return await nudges.shelve(
                    session, nudge_id=nudge.id, token=nudge.token, now=now, reason=verdict.reason
                )

            if await self.ledger.write(shelve):
                report.skipped += 1
                log.info("nudge %d shelved: %s", nudge.id, verdict.reason)
            return "skipped"
        if verdict.action is Action.SKIP:

            async def skip(session: AsyncSession) -> bool:
                return await nudges.skip(
                    session, nudge_id=nudge.id, token=nudge.token, now=now, reason=verdict.reason
                )

            if await self.ledger.write(skip):
                report.skipped += 1
                log.info("nudge %d skipped: %s", nudge.id, verdict.reason)
            return "skipped"
        if verdict.action is Action.MOVE:
            until = verdict.until

            async def move(session: AsyncSession) -> bool:
                return await nudges.release(
                    session,
                    nudge_id=nudge.id,
                    token=nudge.token,
                    now=now,
                    due_at=until,
                    reason=verdict.reason,
                )

            if await self.ledger.write(move):
                report.moved += 1
                log.info("nudge %d moved to %s: %s", nudge.id, until, verdict.reason)
            return "moved"

        text, rows = self._render(nudge, context)
        outcome = await self._send(nudge, context.chat_id, text, _markup(rows), report)
        if outcome is None:
            report.lost += 1
            return "lost"
        return await self._record(nudge, outcome, report)

    async def _send(
        self,
        nudge: ClaimedNudge,
        chat_id: int,
        text: str,
        markup: dict[str, Any],
        report: DispatchReport,
    ) -> _Outcome | None:
        """Send with pacing and retries; ``None`` when the claim was lost before sending."""
        began = False
        network_failures = 0
        flood_waits = 0
        doubt: str | None = None
        while True:
            await self.pacer.wait_for_chat(chat_id)
            async with self._in_flight:
                if not began:
                    if self._stopping:
                        return _Stopped()
                    # Committed before the pacing slot, so nothing delays the call after it.
                    began = await self.ledger.begin(nudge)
                    if not began:
                        log.info("nudge %d: claim lost before sending (plan changed)", nudge.id)
                        return None
                if self._own_pace is not None:
                    await self._own_pace.turn(chat_id)
                await self.pacer.turn(chat_id)
                try:
                    message_id = await _post_message(
                        self._bots[chat_id % len(self._bots)],
                        {
                            "chat_id": chat_id,
                            "text": text,
                            "parse_mode": ParseMode.HTML,
                            "reply_markup": markup,
                            "link_preview_options": {"is_disabled": True},
                        },
                    )
                except RetryAfter as exc:
                    wait = botapi.retry_seconds(exc)
                    error: BaseException = exc
                except Forbidden as exc:
                    return _Blocked(botapi.describe(exc))
                except BadRequest as exc:
                    return _Failed(botapi.describe(exc))
                except InvalidToken:
                    raise
                except NetworkError as exc:
                    wait = -1.0
                    error = exc
                except TelegramError as exc:
                    return _Failed(botapi.describe(exc))
                else:
                    return _Sent(message_id, doubt)

            if isinstance(error, RetryAfter):
                flood_waits += 1
                report.retry_after += 1
                self.pacer.hold(chat_id, wait)
                if flood_waits > self.config.max_flood_waits:
                    return _Postponed(wait, botapi.describe(error))
                await self._keep_lease(nudge, wait)
                continue
            assert isinstance(error, NetworkError)
            if botapi.may_have_arrived(error):
                doubt = botapi.describe(error)
            network_failures += 1
            if network_failures > self.config.network_retries:
                return _Failed(f"{botapi.describe(error)} (gave up after {network_failures} tries)")
            backoff = min(
                self.config.backoff_cap_seconds,
                self.config.backoff_seconds * 2 ** (network_failures - 1),
            )
            await self._keep_lease(nudge, backoff)
            await self._sleep(backoff)

    async def _keep_lease(self, nudge: ClaimedNudge, wait: float) -> None:
        """Extend the claim when a wait could outlast the lease given at begin_delivery."""
        if timedelta(seconds=wait) < self.config.lease / 2:
            return
        now = self._clock()

        async def extend(session: AsyncSession) -> bool:
            return await nudges.extend_lease(
                session,
                nudge_id=nudge.id,
                token=nudge.token,
                until=now + timedelta(seconds=wait) + self.config.lease,
                now=now,
            )

        await self.ledger.write(extend)

    async def _record(self, nudge: ClaimedNudge, outcome: _Outcome, report: DispatchReport) -> str:
        now = self._clock()
        if isinstance(outcome, _Stopped):
            await self._give_back(nudge, report, reason="dispatcher stopping")
            return "stopped"
        if isinstance(outcome, _Sent):
            if self._hooks.after_send is not None:
                await self._hooks.after_send(nudge)
            recorded = await self.ledger.sent(nudge, outcome.message_id)
            report.sent += 1
            if outcome.doubt is not None:
                report.possible_duplicates.append(nudge.id)
                log.warning(
                    "nudge %d: possible duplicate: an earlier try may have been delivered (%r)",
                    nudge.id,
                    outcome.doubt,
                )
            if not recorded:
                report.possible_duplicates.append(nudge.id)
                log.warning(
                    "nudge %d: possible duplicate: sent, but its claim was lost meanwhile "
                    "(lease expired, or the plan was replaced), so it may go out again",
                    nudge.id,
                )
            return "sent"
        if isinstance(outcome, _Blocked):
            error = outcome.error

            async def blocked(session: AsyncSession) -> bool:
                await repo.mark_blocked(session, owner_id=nudge.owner_id, at=now)
                return await nudges.release(
                    session, nudge_id=nudge.id, token=nudge.token, now=now, error=error
                )

            await self.ledger.write(blocked)
            report.blocked += 1
            log.info("nudge %d: user %d blocked the bot; nudges wait", nudge.id, nudge.owner_id)
            return "blocked"
        if isinstance(outcome, _Postponed):
            postponed = outcome

            async def postpone(session: AsyncSession) -> bool:
                return await nudges.release(
                    session,
                    nudge_id=nudge.id,
                    token=nudge.token,
                    now=now,
                    due_at=now + timedelta(seconds=postponed.seconds),
                    error=postponed.error,
                )

            await self.ledger.write(postpone)
            report.released += 1
            log.warning("nudge %d: flood-limited; postponed %.0f s", nudge.id, outcome.seconds)
            return "postponed"
        failure = outcome.error

        async def fail(session: AsyncSession) -> bool:
            return await nudges.mark_failed(
                session, nudge_id=nudge.id, token=nudge.token, now=now, error=failure
            )

        await self.ledger.write(fail)
        report.failed += 1
        log.warning("nudge %d failed: %r", nudge.id, outcome.error)
        return "failed"


def database_locked(exc: BaseException) -> bool:
    """SQLite's "database is locked": the write lock stayed taken past the busy timeout."""
    return isinstance(exc, OperationalError) and "database is locked" in str(exc.orig)
