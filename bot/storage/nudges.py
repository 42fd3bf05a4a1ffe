"""The nudge dispatcher's queries: claim, deliver, release, and what a button may change.

The ``nudges`` table is the truth about what is due, so nothing due is lost when the bot
restarts. A dispatcher moves due rows from ``pending`` to ``claimed`` in one statement,
stamping them with its claim token and a lease; every later change names that token, so a
dispatcher whose lease ran out can never overwrite the work of the one that took the row
over.

A claimed row goes through two phases, told apart by its token:

- ``<token>``: claimed, nothing sent yet. If the dispatcher dies now, the row returns to
  pending when the lease expires and is delivered once (nothing can have reached the user).
- ``<token>+sending``: :func:`begin_delivery` committed this just before the Bot API call.
  If the dispatcher dies now, the message may or may not have gone out; the row still
  returns to pending (at least once, nothing lost) and :func:`release_expired` reports it
  as a possible duplicate so the caller logs it.

Claims use ``FOR UPDATE SKIP LOCKED`` on PostgreSQL; on SQLite the caller runs them inside
``BEGIN IMMEDIATE`` (:func:`bot.storage.db.immediate_transaction`), which serialises
writers. Rows of users who blocked the bot are never claimed: they wait, pending, until the
user talks to the bot again.

On a row that was sent, ``reason`` records what the user did with its buttons (``done``,
``snoozed``, ``replied``, ``stopped``): a button acts once, and only while ``reason`` is
empty. Like :mod:`bot.storage.repo`, every function takes the session first, flushes, and
leaves the transaction to the caller; functions behind buttons are scoped by ``owner_id``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final, cast

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Select,
    Table,
    and_,
    bindparam,
    case,
    exists,
    func,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.nudging import SentNudge, WaitFacts
from bot.core.records import InterviewStatus, NudgeRecord, NudgeState
from bot.core.types import Attempt, Recipient, StepKind
from bot.storage.models import AttemptRow, InterviewRow, NudgeRow, PersonRow, UserRow
from bot.storage.repo import nudge_record, split_rules

__all__ = [
    "ERROR_LIMIT",
    "SENDING_SUFFIX",
    "ClaimedNudge",
    "ExpiredClaim",
    "NudgeContext",
    "PendingStep",
    "begin_deliveries",
    "begin_delivery",
    "claim_due",
    "count_by_state",
    "extend_lease",
    "get_nudge",
    "load_contexts",
    "mark_failed",
    "mark_handled",
    "mark_moved_on",
    "mark_sent",
    "mark_sent_many",
    "next_wake_at",
    "pending_kinds",
    "pending_steps",
    "postpone",
    "postpone_many",
    "release",
    "release_expired",
    "sending_token",
    "shelve",
    "skip",
    "snooze",
]

SENDING_SUFFIX: Final = "+sending"
"""Appended to a claim token once the Bot API call may have started (see the module doc)."""

ERROR_LIMIT: Final = 500
"""Stored error texts are cut to this many characters."""


# Updates run on the Core tables: the ORM's handling of UPDATE … RETURNING cost about 4 ms
# per statement, more than the statement itself.
_NUDGES = cast(Table, NudgeRow.__table__)

# The statements of every nudge sent, built once (see bot.storage.repo's table reads).
_BEGIN: Final = (
    update(_NUDGES)
    .where(
        _NUDGES.c.id.in_(bindparam("ids", expanding=True)),
        _NUDGES.c.state == NudgeState.CLAIMED,
        _NUDGES.c.claim_token == bindparam("token"),
    )
    .values(
        claim_token=bindparam("new_token"),
        lease_until=bindparam("until"),
        attempts=_NUDGES.c.attempts + 1,
        updated_at=bindparam("at"),
    )
    .returning(_NUDGES.c.id)
)
_SENT_ONE: Final = (
    update(_NUDGES)
    .where(
        _NUDGES.c.id == bindparam("nid"),
        _NUDGES.c.state == NudgeState.CLAIMED,
        _NUDGES.c.claim_token == bindparam("token"),
    )
    .values(
        state=NudgeState.SENT,
        sent_at=bindparam("at"),
        telegram_message_id=bindparam("mid"),
        claim_token=None,
        lease_until=None,
        last_error=None,
        reason=None,
        updated_at=bindparam("at"),
    )
    .returning(_NUDGES.c.id)
)
_INTERVIEWS = cast(Table, InterviewRow.__table__)


def sending_token(token: str) -> str:
    """The token a row carries while its message is being sent."""
    return token + SENDING_SUFFIX


@dataclass(frozen=True, slots=True)
class ClaimedNudge:
    """A row this dispatcher now holds: what to send, to whom, and the token to finish it."""

    id: int
    interview_id: int
    owner_id: int
    kind: StepKind
    due_at: datetime
    rules: tuple[str, ...]
    attempts: int
    token: str


@dataclass(frozen=True, slots=True)
class ExpiredClaim:
    """A claim whose lease ran out; ``was_sending`` means the message may have gone out."""

    id: int
    owner_id: int
    was_sending: bool


@dataclass(frozen=True, slots=True)
class NudgeContext:
    """What a nudge's message and the send-time checks need about its user and interview."""

    nudge_id: int
    chat_id: int
    zone: str | None
    country: str | None
    nudge_hour: int
    nudge_minute: int
    blocked: bool
    company: str
    role: str
    status: InterviewStatus
    interviewed_at: datetime
    promised_by: date | None
    thank_you_sent_at: datetime | None
    facts: WaitFacts | None = None
    """What really happened in the interview's wait (follow-ups, people, reminders sent)."""


def _clip(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= ERROR_LIMIT else flat[: ERROR_LIMIT - 1] + "…"


def _is_postgres(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _not_blocked() -> ColumnElement[bool]:
    users = cast(Table, UserRow.__table__)
    return ~exists().where(users.c.id == _NUDGES.c.owner_id, users.c.blocked_at.is_not(None))


# --- the dispatcher ----------------------------------------------------------------------------


async def claim_due(
    session: AsyncSession, *, now: datetime, token: str, lease: timedelta, limit: int
) -> list[ClaimedNudge]:
    """Atomically move up to ``limit`` due pending rows to claimed, oldest due first.

    PostgreSQL: ``WITH picked AS MATERIALIZED (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)
    UPDATE … FROM picked … RETURNING``, so concurrent dispatchers take disjoint rows without
    waiting for each other. SQLite: ``UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING``
    inside the caller's ``BEGIN IMMEDIATE``.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    pick: Select[int] = (
        select(_NUDGES.c.id)
        .where(
            _NUDGES.c.state == NudgeState.PENDING,
            _NUDGES.c.due_at <= now,
            _not_blocked(),
        )
        .order_by(_NUDGES.c.due_at, _NUDGES.c.id)
        .limit(limit)
    )
    if _is_postgres(session):
        # A materialized CTE runs the locking SELECT exactly once. Written as
        # ``id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)`` PostgreSQL may re-scan the
        # subquery in a semi-join; rows this statement already updated then fail the
        # recheck and each re-scan yields further rows, so far more than n get claimed.
        picked = (
            pick.with_for_update(skip_locked=True, of=_NUDGES)
            .cte("picked")
            .prefix_with("MATERIALIZED")
        )
        chosen = _NUDGES.c.id == picked.c.id
    else:
        chosen = _NUDGES.c.id.in_(pick)
    result = await session.execute(
        update(_NUDGES)
        .where(chosen, _NUDGES.c.state == NudgeState.PENDING)
        .values(
            state=NudgeState.CLAIMED,
            claim_token=token,
            lease_until=now + lease,
            updated_at=now,
        )
        .returning(
            _NUDGES.c.id,
            _NUDGES.c.interview_id,
            _NUDGES.c.owner_id,
            _NUDGES.c.kind,
            _NUDGES.c.due_at,
            _NUDGES.c.rules,
            _NUDGES.c.attempts,
        )
    )
    claimed = [
        ClaimedNudge(
            id=row.id,
            interview_id=row.interview_id,
            owner_id=row.owner_id,
            kind=row.kind,
            due_at=row.due_at,
            rules=split_rules(row.rules),
            attempts=row.attempts,
            token=token,
        )
        for row in result
    ]
    claimed.sort(key=lambda c: (c.due_at, c.id))
    return claimed


async def load_contexts(
    session: AsyncSession, *, nudge_ids: Sequence[int]
) -> dict[int, NudgeContext]:
    """The user and interview facts behind each nudge id (ids whose rows are gone are absent)."""
    if not nudge_ids:
        return {}
    rows = await session.execute(
        select(
            NudgeRow.id,
            NudgeRow.interview_id,
            UserRow.chat_id,
            UserRow.zone,
            UserRow.country,
            UserRow.nudge_hour,
            UserRow.nudge_minute,
            UserRow.blocked_at,
            InterviewRow.company,
            InterviewRow.role,
            InterviewRow.status,
            InterviewRow.interviewed_at,
            InterviewRow.promised_by,
            InterviewRow.thank_you_sent_at,
        )
        .join(InterviewRow, InterviewRow.id == NudgeRow.interview_id)
        .join(UserRow, UserRow.id == NudgeRow.owner_id)
        .where(NudgeRow.id.in_(list(nudge_ids)), InterviewRow.owner_id == NudgeRow.owner_id)
    )
    found = rows.all()
    facts = await _wait_facts(session, {row.interview_id for row in found}, found)
    return {
        row.id: NudgeContext(
            nudge_id=row.id,
            chat_id=row.chat_id,
            zone=row.zone,
            country=row.country,
            nudge_hour=row.nudge_hour,
            nudge_minute=row.nudge_minute,
            blocked=row.blocked_at is not None,
            company=row.company,
            role=row.role,
            status=row.status,
            interviewed_at=row.interviewed_at,
            promised_by=row.promised_by,
            thank_you_sent_at=row.thank_you_sent_at,
            facts=facts.get(row.interview_id),
        )
        for row in found
    }


async def _wait_facts(
    session: AsyncSession, interview_ids: set[int], rows: Sequence[Any]
) -> dict[int, WaitFacts]:
    """The facts of each interview's wait, in three queries for the whole batch."""
    if not interview_ids:
        return {}
    ids = sorted(interview_ids)
    roles: dict[int, list[Recipient]] = {i: [] for i in ids}
    for interview_id, role in await session.execute(
        select(PersonRow.interview_id, PersonRow.role)
        .where(PersonRow.interview_id.in_(ids))
        .order_by(PersonRow.id)
    ):
        roles[interview_id].append(role)
    attempts: dict[int, list[Attempt]] = {i: [] for i in ids}
    for attempt in await session.execute(
        select(
            AttemptRow.interview_id,
            AttemptRow.at,
            AttemptRow.channel,
            AttemptRow.recipient,
            AttemptRow.answered,
        )
        .where(AttemptRow.interview_id.in_(ids))
        .order_by(AttemptRow.at, AttemptRow.id)
    ):
        attempts[attempt.interview_id].append(
            Attempt(attempt.at, attempt.channel, attempt.recipient, attempt.answered)
        )
    sent: dict[int, list[SentNudge]] = {i: [] for i in ids}
    for interview_id, kind, sent_at in await session.execute(
        select(NudgeRow.interview_id, NudgeRow.kind, NudgeRow.sent_at).where(
            NudgeRow.interview_id.in_(ids),
            NudgeRow.state == NudgeState.SENT,
            NudgeRow.sent_at.is_not(None),
        )
    ):
        if sent_at is not None:
            sent[interview_id].append(SentNudge(kind, sent_at))
    by_interview = {row.interview_id: row for row in rows}
    return {
        i: WaitFacts(
            interviewed_at=by_interview[i].interviewed_at,
            promised_by=by_interview[i].promised_by,
            thank_you_sent_at=by_interview[i].thank_you_sent_at,
            roles=tuple(roles[i]),
            attempts=tuple(attempts[i]),
            sent=tuple(sent[i]),
        )
        for i in ids
    }


async def _finish(
    session: AsyncSession, nudge_id: int, tokens: Sequence[str], values: dict[str, object]
) -> bool:
    result = await session.execute(
        update(_NUDGES)
        .where(
            _NUDGES.c.id == nudge_id,
            _NUDGES.c.state == NudgeState.CLAIMED,
            _NUDGES.c.claim_token.in_(list(tokens)),
        )
        .values(**values)
        .returning(_NUDGES.c.id)
    )
    return result.first() is not None


def _chunks(ids: Sequence[int], size: int = 500) -> list[list[int]]:
    return [list(ids[i : i + size]) for i in range(0, len(ids), size)]


def _by_token(items: Sequence[tuple[int, str]]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for nudge_id, token in items:
        groups.setdefault(token, []).append(nudge_id)
    return groups


async def begin_deliveries(
    session: AsyncSession, *, items: Sequence[tuple[int, str]], now: datetime, lease: timedelta
) -> set[int]:
    """Record, before the Bot API calls, that these (id, token) nudges are about to be sent.

    Renews each lease and counts the try; returns the ids whose claim still held. For an id
    missing from the answer the claim was lost (the plan changed and the row was replaced or
    cancelled, or the lease expired and another dispatcher took it): it must not be sent.
    """
    began: set[int] = set()
    for token, ids in _by_token(items).items():
        for chunk in _chunks(ids):
            result = await session.execute(
                _BEGIN,
                {
                    "ids": chunk,
                    "token": token,
                    "new_token": sending_token(token),
                    "until": now + lease,
                    "at": now,
                },
            )
            began.update(result.scalars())
    return began


async def begin_delivery(
    session: AsyncSession, *, nudge_id: int, token: str, now: datetime, lease: timedelta
) -> bool:
    """:func:`begin_deliveries` for one nudge: False when its claim was lost."""
    began = await begin_deliveries(session, items=[(nudge_id, token)], now=now, lease=lease)
    return nudge_id in began


async def extend_lease(
    session: AsyncSession, *, nudge_id: int, token: str, until: datetime, now: datetime
) -> bool:
    """Keep a claim (either phase) while waiting, e.g. out a long ``retry_after``."""
    return await _finish(
        session,
        nudge_id,
        [token, sending_token(token)],
        {"lease_until": until, "updated_at": now},
    )


async def mark_sent_many(
    session: AsyncSession, *, items: Sequence[tuple[int, str, int | None]], now: datetime
) -> set[int]:
    """These (id, token, Telegram message id) went out: sent. Only with the sending token.

    Returns the ids recorded. An id missing from the answer had lost its claim (the lease
    expired and another dispatcher took the row over): the caller logs a possible duplicate.
    """
    recorded: set[int] = set()
    by_token: dict[str, dict[int, int | None]] = {}
    for nudge_id, token, message_id in items:
        by_token.setdefault(token, {})[nudge_id] = message_id
    for token, messages in by_token.items():
        if len(messages) == 1:  # the usual case: a statement built once
            [(nudge_id, message_id)] = messages.items()
            found = await session.execute(
                _SENT_ONE,
                {"nid": nudge_id, "token": sending_token(token), "mid": message_id, "at": now},
            )
            recorded.update(found.scalars())
            continue
        for chunk in _chunks(list(messages)):
            message_ids = {n: literal(messages[n], BigInteger) for n in chunk}
            result = await session.execute(
                update(_NUDGES)
                .where(
                    _NUDGES.c.id.in_(chunk),
                    _NUDGES.c.state == NudgeState.CLAIMED,
                    _NUDGES.c.claim_token == sending_token(token),
                )
                .values(
                    state=NudgeState.SENT,
                    sent_at=now,
                    telegram_message_id=case(message_ids, value=_NUDGES.c.id),
                    claim_token=None,
                    lease_until=None,
                    last_error=None,
                    reason=None,
                    updated_at=now,
                )
                .returning(_NUDGES.c.id)
            )
            recorded.update(result.scalars())
    return recorded


async def mark_sent(
    session: AsyncSession,
    *,
    nudge_id: int,
    token: str,
    now: datetime,
    message_id: int | None,
) -> bool:
    """:func:`mark_sent_many` for one nudge: False when its claim was lost."""
    recorded = await mark_sent_many(session, items=[(nudge_id, token, message_id)], now=now)
    return nudge_id in recorded


async def mark_moved_on(
    session: AsyncSession, *, owner_id: int, interview_id: int, now: datetime
) -> bool:
    """S5: the move-on nudge went out, so a still-waiting interview becomes "moved on"."""
    result = await session.execute(
        update(_INTERVIEWS)
        .where(
            _INTERVIEWS.c.id == interview_id,
            _INTERVIEWS.c.owner_id == owner_id,
            _INTERVIEWS.c.status == InterviewStatus.WAITING,
        )
        .values(status=InterviewStatus.MOVED_ON, updated_at=now)
        .returning(_INTERVIEWS.c.id)
    )
    return result.first() is not None


async def mark_failed(
    session: AsyncSession, *, nudge_id: int, token: str, now: datetime, error: str
) -> bool:
    """Delivery gave up (a ``BadRequest``, or retries used up): failed, with the error."""
    return await _finish(
        session,
        nudge_id,
        [token, sending_token(token)],
        {
            "state": NudgeState.FAILED,
            "claim_token": None,
            "lease_until": None,
            "last_error": _clip(error),
            "updated_at": now,
        },
    )


async def skip(
    session: AsyncSession, *, nudge_id: int, token: str, now: datetime, reason: str
) -> bool:
    """The nudge became pointless (e.g. the thank-you was sent, the interview closed)."""
    return await _finish(
        session,
        nudge_id,
        [token],
        {
            "state": NudgeState.SKIPPED,
            "claim_token": None,
            "lease_until": None,
            "reason": _clip(reason),
            "updated_at": now,
        },
    )


@dataclass(frozen=True, slots=True)
class PendingStep:
    """A pending row of an interview: which step, and when it is due."""

    id: int
    kind: StepKind
    due_at: datetime


async def pending_steps(
    session: AsyncSession, *, interview_ids: Sequence[int]
) -> dict[int, list[PendingStep]]:
    """The pending rows of these interviews (not those claimed by anyone), by interview id;
    one query per 500 interviews (the dispatcher asks for a whole batch at once)."""
    found: dict[int, list[PendingStep]] = {}
    for chunk in _chunks(sorted(set(interview_ids))):
        rows = await session.execute(
            select(_NUDGES.c.interview_id, _NUDGES.c.id, _NUDGES.c.kind, _NUDGES.c.due_at)
            .where(_NUDGES.c.interview_id.in_(chunk), _NUDGES.c.state == NudgeState.PENDING)
            .order_by(_NUDGES.c.id)
        )
        for row in rows:
            found.setdefault(row.interview_id, []).append(PendingStep(row.id, row.kind, row.due_at))
    return found


async def pending_kinds(session: AsyncSession, *, interview_id: int) -> dict[int, StepKind]:
    """The interview's pending rows (id -> step), not counting rows claimed by anyone."""
    steps = await pending_steps(session, interview_ids=[interview_id])
    return {step.id: step.kind for step in steps.get(interview_id, [])}


async def postpone_many(
    session: AsyncSession, *, until: Mapping[int, datetime], now: datetime
) -> set[int]:
    """Each pending row (id -> moment) is due no earlier than its moment (later steps count
    from a reminder that went out later than planned); one statement per 500 rows. Returns
    the ids moved: a row no longer pending, or already due later, is left as it is."""
    moved: set[int] = set()
    kind = _NUDGES.c.due_at.type
    for chunk in _chunks(sorted(until)):
        moment = case({i: literal(until[i], kind) for i in chunk}, value=_NUDGES.c.id)
        result = await session.execute(
            update(_NUDGES)
            .where(
                _NUDGES.c.id.in_(chunk),
                _NUDGES.c.state == NudgeState.PENDING,
                _NUDGES.c.due_at < moment,
            )
            .values(due_at=moment, updated_at=now)
            .returning(_NUDGES.c.id)
        )
        moved.update(result.scalars())
    return moved


async def postpone(session: AsyncSession, *, nudge_id: int, until: datetime, now: datetime) -> bool:
    """:func:`postpone_many` for one row: False when it is no longer pending or already
    due later."""
    return nudge_id in await postpone_many(session, until={nudge_id: until}, now=now)


async def shelve(
    session: AsyncSession, *, nudge_id: int, token: str, now: datetime, reason: str
) -> bool:
    """The step waits for a follow-up the user has not logged: the row is cancelled with the
    reason, and the next re-plan (when the follow-up is logged) brings the step back."""
    return await _finish(
        session,
        nudge_id,
        [token],
        {
            "state": NudgeState.CANCELLED,
            "claim_token": None,
            "lease_until": None,
            "reason": _clip(reason),
            "updated_at": now,
        },
    )


async def release(
    session: AsyncSession,
    *,
    nudge_id: int,
    token: str,
    now: datetime,
    due_at: datetime | None = None,
    error: str | None = None,
    reason: str | None = None,
) -> bool:
    """Give the row back as pending (optionally due at another moment), keeping it alive.

    Used when the user blocked the bot (it waits for their return), when a nudge falls
    outside the user's hours (S6, moved to ``due_at``) and when the dispatcher stops.
    """
    values: dict[str, object] = {
        "state": NudgeState.PENDING,
        "claim_token": None,
        "lease_until": None,
        "updated_at": now,
    }
    if due_at is not None:
        values["due_at"] = due_at
    if error is not None:
        values["last_error"] = _clip(error)
    if reason is not None:
        values["reason"] = _clip(reason)
    return await _finish(session, nudge_id, [token, sending_token(token)], values)


async def release_expired(session: AsyncSession, *, now: datetime) -> list[ExpiredClaim]:
    """Return claims whose lease ran out to pending; say which may already have been sent."""
    pick = (
        select(NudgeRow.id, NudgeRow.owner_id, NudgeRow.claim_token)
        .where(NudgeRow.state == NudgeState.CLAIMED, NudgeRow.lease_until < now)
        .order_by(NudgeRow.id)
    )
    if _is_postgres(session):
        pick = pick.with_for_update(skip_locked=True)
    rows = (await session.execute(pick)).all()
    if not rows:
        return []
    await session.execute(
        update(_NUDGES)
        .where(
            _NUDGES.c.id.in_([r.id for r in rows]),
            _NUDGES.c.state == NudgeState.CLAIMED,
            _NUDGES.c.lease_until < now,
        )
        .values(
            state=NudgeState.PENDING,
            claim_token=None,
            lease_until=None,
            last_error="lease expired before the dispatcher finished",
            updated_at=now,
        )
    )
    return [
        ExpiredClaim(
            id=r.id,
            owner_id=r.owner_id,
            was_sending=bool(r.claim_token and r.claim_token.endswith(SENDING_SUFFIX)),
        )
        for r in rows
    ]


async def next_wake_at(session: AsyncSession) -> datetime | None:
    """When the dispatcher must next look: the earliest pending due moment or lease end.

    Pending rows of blocked users do not count (they wait for the user's return).
    """
    # ORDER BY … LIMIT 1 walks the (state, due_at) index and stops at the first row whose
    # user is not blocked; min() with the NOT EXISTS would read every pending row.
    due = await session.scalar(
        select(_NUDGES.c.due_at)
        .where(_NUDGES.c.state == NudgeState.PENDING, _not_blocked())
        .order_by(_NUDGES.c.due_at)
        .limit(1)
    )
    lease = await session.scalar(
        select(func.min(NudgeRow.lease_until)).where(NudgeRow.state == NudgeState.CLAIMED)
    )
    moments = [m for m in (due, lease) if m is not None]
    return min(moments) if moments else None


async def count_by_state(session: AsyncSession) -> dict[NudgeState, int]:
    """How many nudges are in each state (for the bench and operators)."""
    rows = await session.execute(
        select(NudgeRow.state, func.count()).group_by(NudgeRow.state).order_by(NudgeRow.state)
    )
    return {row[0]: row[1] for row in rows}


# --- buttons (owner-scoped) --------------------------------------------------------------------


async def get_nudge(session: AsyncSession, *, owner_id: int, nudge_id: int) -> NudgeRecord | None:
    """One of the user's nudges; ``None`` for an id that is not theirs (or does not exist)."""
    row = await session.scalar(
        select(NudgeRow)
        .where(NudgeRow.id == nudge_id, NudgeRow.owner_id == owner_id)
        .execution_options(populate_existing=True)
    )
    return None if row is None else nudge_record(row)


async def latest_unanswered(
    session: AsyncSession, *, owner_id: int, since: datetime
) -> NudgeRecord | None:
    """The user's reminder sent most recently (not before ``since``) whose buttons were not
    used: what a typed "done" or "sent it" answers."""
    row = await session.scalar(
        select(NudgeRow)
        .where(
            NudgeRow.owner_id == owner_id,
            NudgeRow.state == NudgeState.SENT,
            or_(NudgeRow.reason.is_(None), NudgeRow.reason == ""),
            NudgeRow.sent_at >= since,
        )
        .order_by(NudgeRow.sent_at.desc(), NudgeRow.id.desc())
        .limit(1)
        .execution_options(populate_existing=True)
    )
    return None if row is None else nudge_record(row)


def _unhandled(owner_id: int, nudge_id: int) -> ColumnElement[bool]:
    return and_(
        _NUDGES.c.id == nudge_id,
        _NUDGES.c.owner_id == owner_id,
        _NUDGES.c.state == NudgeState.SENT,
        or_(_NUDGES.c.reason.is_(None), _NUDGES.c.reason == ""),
    )


async def mark_handled(
    session: AsyncSession, *, owner_id: int, nudge_id: int, what: str, now: datetime
) -> bool:
    """Record the one action taken on a sent nudge's buttons. False if one was taken already."""
    result = await session.execute(
        update(_NUDGES)
        .where(_unhandled(owner_id, nudge_id))
        .values(reason=_clip(what), updated_at=now)
        .returning(_NUDGES.c.id)
    )
    return result.first() is not None


async def snooze(
    session: AsyncSession, *, owner_id: int, nudge_id: int, until: datetime, now: datetime
) -> bool:
    """Send a sent nudge again at ``until`` (S6: the caller picks a business day and hour).

    The row becomes pending again, so it is delivered by the same path as any nudge; its
    ``reason`` says it was snoozed until it is sent again. False if its buttons were used.
    """
    if until.tzinfo is None:
        raise ValueError("until must be an aware datetime")
    result = await session.execute(
        update(_NUDGES)
        .where(_unhandled(owner_id, nudge_id))
        .values(
            state=NudgeState.PENDING,
            due_at=until,
            sent_at=None,
            telegram_message_id=None,
            reason="snoozed",
            updated_at=now,
        )
        .returning(_NUDGES.c.id)
    )
    return result.first() is not None
