"""Repository functions: the only way the bot reads and changes stored data.

Every function takes an ``AsyncSession`` first and keyword-only arguments
after it, and returns frozen records from :mod:`bot.core.records`. The caller
owns the transaction (these functions flush, never commit). Every statement
that touches a user's data is scoped by ``owner_id`` (the ``users.id`` of
:class:`~bot.core.records.UserProfile`): passing ids that belong to another
user gives ``None``, ``False`` or ``0``, never that user's data.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from enum import Enum
from typing import Any, Final, cast

from sqlalchemy import Row, Select, Table, bindparam, delete, event, func, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import ORMExecuteState, Session, selectinload

from bot.core.records import (
    AttemptRecord,
    InterviewRecord,
    InterviewStatus,
    NudgeRecord,
    NudgeState,
    Person,
    UserProfile,
)
from bot.core.types import Channel, Recipient, Step, StepKind, Vibe
from bot.storage.models import (
    AttemptRow,
    ConversationRow,
    InterviewRow,
    NudgeRow,
    PersonRow,
    ProcessedUpdateRow,
    UserRow,
    utcnow,
)
from bot.storage.upsert import insert_for

__all__ = [
    "EXPORT_SCHEMA",
    "UNSET",
    "PersonInput",
    "Unset",
    "add_person",
    "cancel_pending_nudges",
    "clear_conversation",
    "count_interviews",
    "count_rows",
    "create_interview",
    "delete_attempt",
    "delete_interview",
    "erase_user",
    "export_user",
    "find_user",
    "get_conversation",
    "get_interview",
    "get_or_create_user",
    "get_user",
    "get_user_by_telegram_id",
    "interview_page",
    "json_value",
    "list_interviews",
    "list_nudges",
    "log_attempt",
    "mark_attempts_answered",
    "mark_blocked",
    "mark_update_seen",
    "nudge_record",
    "prune_processed_updates",
    "remove_person",
    "replace_nudges",
    "save_conversation",
    "set_status",
    "split_rules",
    "unblock",
    "update_interview",
    "update_user_settings",
]

EXPORT_SCHEMA: Final = "hearback.export/1"
"""The version tag of :func:`export_user` documents."""


class Unset(Enum):
    """Marks an argument that was not given (``None`` is a real value: "clear it")."""

    UNSET = "unset"


UNSET: Final = Unset.UNSET

PersonInput = tuple[str, Recipient] | tuple[str, Recipient, str | None]
"""A person to add with an interview: (name, role) or (name, role, e-mail)."""

TableRow = Row[*tuple[Any, ...]]
"""A row read with a Core statement: its columns by name, as the ORM object's attributes."""

_OPEN_NUDGE_STATES: Final = (NudgeState.PENDING, NudgeState.CLAIMED)


# --- records -----------------------------------------------------------------------------------


def _user(row: UserRow) -> UserProfile:
    return UserProfile(
        id=row.id,
        telegram_user_id=row.telegram_user_id,
        chat_id=row.chat_id,
        zone=row.zone,
        country=row.country,
        nudge_hour=row.nudge_hour,
        nudge_minute=row.nudge_minute,
        language_code=row.language_code,
        blocked_at=row.blocked_at,
        created_at=row.created_at,
        name=row.name,
    )


def _person(row: PersonRow | TableRow) -> Person:
    return Person(id=row.id, name=row.name, role=row.role, email=row.email)


def _attempt(row: AttemptRow | TableRow) -> AttemptRecord:
    return AttemptRecord(
        id=row.id,
        at=row.at,
        channel=row.channel,
        to=row.recipient,
        answered=row.answered,
        person_id=row.person_id,
    )


def _interview(row: InterviewRow) -> InterviewRecord:
    return InterviewRecord(
        id=row.id,
        owner_id=row.owner_id,
        company=row.company,
        role=row.role,
        interviewed_at=row.interviewed_at,
        said=row.said,
        promised_by=row.promised_by,
        vibe=row.vibe,
        thank_you_sent_at=row.thank_you_sent_at,
        status=row.status,
        notes=row.notes,
        people=tuple(_person(p) for p in row.people),
        attempts=tuple(_attempt(a) for a in row.attempts),
        created_at=row.created_at,
    )


def split_rules(text: str) -> tuple[str, ...]:
    """The rule ids stored comma-separated in a nudge row."""
    return tuple(r for r in text.split(",") if r)


def nudge_record(row: NudgeRow | TableRow) -> NudgeRecord:
    """A nudge row as the record every layer reads (also used by ``bot.storage.nudges``)."""
    return NudgeRecord(
        id=row.id,
        interview_id=row.interview_id,
        owner_id=row.owner_id,
        kind=row.kind,
        due_at=row.due_at,
        state=row.state,
        claim_token=row.claim_token,
        lease_until=row.lease_until,
        sent_at=row.sent_at,
        telegram_message_id=row.telegram_message_id,
        attempts=row.attempts,
        last_error=row.last_error,
        reason=row.reason,
        rules=split_rules(row.rules),
    )


# --- reads on the tables -----------------------------------------------------------------------
#
# The reads of every turn (the user, the conversation, the interviews) are SQLAlchemy Core
# statements built once, with bound parameters: no ORM objects to load and convert into
# records, and no statement to build and key for the cache on each call. Writes go through
# the ORM. A read first flushes what the ORM has not written yet (:func:`_settled`).

_USERS: Final = cast(Table, UserRow.__table__)
_INTERVIEWS: Final = cast(Table, InterviewRow.__table__)
_PEOPLE: Final = cast(Table, PersonRow.__table__)
_ATTEMPTS: Final = cast(Table, AttemptRow.__table__)
_NUDGES: Final = cast(Table, NudgeRow.__table__)
_CONVERSATIONS: Final = cast(Table, ConversationRow.__table__)

_USER_BY_TELEGRAM_ID: Final = select(
    *(_USERS.c[name] for name in UserProfile.__dataclass_fields__)
).where(_USERS.c.telegram_user_id == bindparam("tg"))
_REFRESH_USER: Final = (
    update(_USERS)
    .where(_USERS.c.id == bindparam("uid"))
    .values(
        chat_id=bindparam("new_chat"),
        language_code=bindparam("new_language"),
        updated_at=bindparam("at"),
    )
)

_INTERVIEW_FIELDS: Final = tuple(
    name for name in InterviewRecord.__dataclass_fields__ if name not in ("people", "attempts")
)
_INTERVIEWS_OF_OWNER: Final = (
    select(*(_INTERVIEWS.c[name] for name in _INTERVIEW_FIELDS))
    .where(_INTERVIEWS.c.owner_id == bindparam("owner"))
    .order_by(_INTERVIEWS.c.interviewed_at, _INTERVIEWS.c.id)
)
_INTERVIEWS_IN: Final = _INTERVIEWS_OF_OWNER.where(
    _INTERVIEWS.c.status.in_(bindparam("statuses", expanding=True))
)
_ONE_INTERVIEW: Final = _INTERVIEWS_OF_OWNER.where(_INTERVIEWS.c.id == bindparam("iid"))
_INTERVIEW_PAGE: Final = _INTERVIEWS_OF_OWNER.limit(bindparam("take")).offset(bindparam("skip"))
_PEOPLE_OF: Final = (
    select(_PEOPLE.c.interview_id, _PEOPLE.c.id, _PEOPLE.c.name, _PEOPLE.c.role, _PEOPLE.c.email)
    .where(_PEOPLE.c.interview_id.in_(bindparam("ids", expanding=True)))
    .order_by(_PEOPLE.c.id)
)
_ATTEMPTS_OF: Final = (
    select(
        _ATTEMPTS.c.interview_id,
        _ATTEMPTS.c.id,
        _ATTEMPTS.c.at,
        _ATTEMPTS.c.channel,
        _ATTEMPTS.c.recipient,
        _ATTEMPTS.c.answered,
        _ATTEMPTS.c.person_id,
    )
    .where(_ATTEMPTS.c.interview_id.in_(bindparam("ids", expanding=True)))
    .order_by(_ATTEMPTS.c.at, _ATTEMPTS.c.id)
)
_NUDGES_OF: Final = (
    select(_NUDGES)
    .where(
        _NUDGES.c.owner_id == bindparam("owner"),
        _NUDGES.c.interview_id.in_(bindparam("ids", expanding=True)),
    )
    .order_by(_NUDGES.c.due_at, _NUDGES.c.id)
)
_CONVERSATION: Final = select(_CONVERSATIONS.c.state, _CONVERSATIONS.c.data).where(
    _CONVERSATIONS.c.owner_id == bindparam("owner"), _CONVERSATIONS.c.name == bindparam("name")
)


def _user_of(row: Row[Any]) -> UserProfile:
    return UserProfile(**row._asdict())


async def _interview_records(
    session: AsyncSession, rows: Sequence[Row[Any]]
) -> tuple[InterviewRecord, ...]:
    """Records of interview rows (:data:`_INTERVIEW_FIELDS`), with their people and attempts
    read in one statement each for all of them."""
    if not rows:
        return ()
    ids = [row.id for row in rows]
    people: dict[int, list[Person]] = {i: [] for i in ids}
    attempts: dict[int, list[AttemptRecord]] = {i: [] for i in ids}
    for p in (await session.execute(_PEOPLE_OF, {"ids": ids})).all():
        people[p.interview_id].append(_person(p))
    for a in (await session.execute(_ATTEMPTS_OF, {"ids": ids})).all():
        attempts[a.interview_id].append(_attempt(a))
    return tuple(
        InterviewRecord(
            **row._asdict(), people=tuple(people[row.id]), attempts=tuple(attempts[row.id])
        )
        for row in rows
    )


# --- users -------------------------------------------------------------------------------------


async def get_or_create_user(
    session: AsyncSession,
    *,
    telegram_user_id: int,
    chat_id: int,
    language_code: str | None = None,
    nudge_hour: int = 10,
    nudge_minute: int = 0,
) -> UserProfile:
    """The user with this Telegram id, created on first contact; chat id and language refreshed.

    ``nudge_hour`` and ``nudge_minute`` (S6) are only used when the user is created.
    """
    row = await session.scalar(select(UserRow).where(UserRow.telegram_user_id == telegram_user_id))
    if row is None:
        row = UserRow(
            telegram_user_id=telegram_user_id,
            chat_id=chat_id,
            language_code=language_code,
            nudge_hour=nudge_hour,
            nudge_minute=nudge_minute,
        )
        session.add(row)
    else:
        if row.chat_id != chat_id:
            row.chat_id = chat_id
        if language_code is not None and row.language_code != language_code:
            row.language_code = language_code
    await session.flush()
    return _user(row)


async def find_user(
    session: AsyncSession, *, telegram_user_id: int, chat_id: int, language_code: str | None = None
) -> UserProfile | None:
    """The user with this Telegram id, chat id and language refreshed; never creates one
    (after /delete only /start may make the account again)."""
    await _settled(session)
    row = (await session.execute(_USER_BY_TELEGRAM_ID, {"tg": telegram_user_id})).first()
    if row is None:
        return None
    user = _user_of(row)
    language = user.language_code if language_code is None else language_code
    if user.chat_id != chat_id or user.language_code != language:
        await session.execute(
            _REFRESH_USER,
            {"uid": user.id, "new_chat": chat_id, "new_language": language, "at": utcnow()},
        )
        user = replace(user, chat_id=chat_id, language_code=language)
    return user


async def get_user(session: AsyncSession, *, owner_id: int) -> UserProfile | None:
    row = await session.get(UserRow, owner_id)
    return None if row is None else _user(row)


async def get_user_by_telegram_id(
    session: AsyncSession, *, telegram_user_id: int
) -> UserProfile | None:
    row = await session.scalar(select(UserRow).where(UserRow.telegram_user_id == telegram_user_id))
    return None if row is None else _user(row)


async def update_user_settings(
    session: AsyncSession,
    *,
    owner_id: int,
    zone: str | Unset | None = UNSET,
    country: str | Unset | None = UNSET,
    nudge_hour: int | Unset = UNSET,
    nudge_minute: int = 0,
    name: str | Unset | None = UNSET,
) -> UserProfile | None:
    """Change the user's zone, country (business days) or nudge time (S6); ``None`` if unknown.

    The nudge time is ``nudge_hour:nudge_minute``: the minute is stored with the hour and
    only then, so an hour alone means that hour on the dot. Values are stored as given; the
    caller validates them (e.g. with the calendar module).
    """
    row = await session.get(UserRow, owner_id)
    if row is None:
        return None
    if not isinstance(nudge_hour, Unset) and not 0 <= nudge_hour <= 23:
        raise ValueError(f"nudge hour must be 0-23, got {nudge_hour}")
    if not 0 <= nudge_minute <= 59:
        raise ValueError(f"nudge minute must be 0-59, got {nudge_minute}")
    if not isinstance(zone, Unset):
        row.zone = zone
    if not isinstance(country, Unset):
        row.country = country.upper() if country else None
    if not isinstance(nudge_hour, Unset):
        row.nudge_hour = nudge_hour
        row.nudge_minute = nudge_minute
    if not isinstance(name, Unset):
        row.name = name[:80] if name else None
    await session.flush()
    return _user(row)


async def mark_blocked(session: AsyncSession, *, owner_id: int, at: datetime | None = None) -> bool:
    """Record that Telegram said the user blocked the bot (the first mark is kept)."""
    _require_aware("at", at)
    row = await session.get(UserRow, owner_id)
    if row is None:
        return False
    if row.blocked_at is None:
        row.blocked_at = at or utcnow()
        await session.flush()
    return True


async def unblock(session: AsyncSession, *, owner_id: int) -> bool:
    """The user talks to the bot again: clear the blocked mark. False if the user is unknown."""
    row = await session.get(UserRow, owner_id)
    if row is None:
        return False
    if row.blocked_at is not None:
        row.blocked_at = None
        await session.flush()
    return True


# --- interviews --------------------------------------------------------------------------------


def _interview_query(owner_id: int) -> Select[InterviewRow]:
    return (
        select(InterviewRow)
        .where(InterviewRow.owner_id == owner_id)
        .options(selectinload(InterviewRow.people), selectinload(InterviewRow.attempts))
        .execution_options(populate_existing=True)
    )


async def _load_interview(
    session: AsyncSession, owner_id: int, interview_id: int
) -> InterviewRow | None:
    return await session.scalar(_interview_query(owner_id).where(InterviewRow.id == interview_id))


async def _owns_interview(session: AsyncSession, owner_id: int, interview_id: int) -> bool:
    found = await session.scalar(
        select(InterviewRow.id).where(
            InterviewRow.id == interview_id, InterviewRow.owner_id == owner_id
        )
    )
    return found is not None


def _require_aware(name: str, value: datetime | None) -> None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"{name} must be an aware datetime")


async def create_interview(
    session: AsyncSession,
    *,
    owner_id: int,
    company: str,
    role: str,
    interviewed_at: datetime,
    said: str | None = None,
    promised_by: date | None = None,
    vibe: Vibe = Vibe.NEUTRAL,
    thank_you_sent_at: datetime | None = None,
    notes: str | None = None,
    people: Sequence[PersonInput] = (),
    status: InterviewStatus = InterviewStatus.WAITING,
) -> InterviewRecord:
    """Store a new interview (and the people met) for ``owner_id``; ``LookupError`` if unknown."""
    _require_aware("interviewed_at", interviewed_at)
    _require_aware("thank_you_sent_at", thank_you_sent_at)
    if await session.get(UserRow, owner_id) is None:
        raise LookupError(f"no user {owner_id}")
    row = InterviewRow(
        owner_id=owner_id,
        company=company,
        role=role,
        interviewed_at=interviewed_at,
        said=said,
        promised_by=promised_by,
        vibe=Vibe(vibe),
        thank_you_sent_at=thank_you_sent_at,
        status=InterviewStatus(status),
        notes=notes,
    )
    row.people = [
        PersonRow(
            owner_id=owner_id,
            name=p[0],
            role=Recipient(p[1]),
            email=p[2] if len(p) > 2 else None,
        )
        for p in people
    ]
    row.attempts = []
    session.add(row)
    await session.flush()
    return _interview(row)


# --- reads remembered within a transaction ----------------------------------------------------
#
# One turn often reads the same interview several times ("should I call again?" finds it,
# then decides, then words the plan: three loads of three queries each). Records are frozen
# copies, so a read can be answered again from memory until something is written: any
# statement other than a SELECT, any flush with changes, and the end of the transaction
# forget everything remembered; unflushed changes are flushed before a read.

_REMEMBERED: Final = "hearback_remembered_reads"


async def _settled(session: AsyncSession) -> dict[tuple[Any, ...], Any]:
    """Flush the session's unsaved changes, if any (the table reads below do not, unlike
    ORM queries), and return the reads remembered in this transaction."""
    sync = session.sync_session
    if sync.new or sync.dirty or sync.deleted:
        await session.flush()  # forgets what was remembered (after_flush)
    memo: dict[tuple[Any, ...], Any] = sync.info.setdefault(_REMEMBERED, {})
    return memo


@event.listens_for(Session, "do_orm_execute")
def _forget_on_write(state: ORMExecuteState) -> None:
    if not state.is_select:
        state.session.info.pop(_REMEMBERED, None)


@event.listens_for(Session, "after_flush")
def _forget_after_flush(session: Session, _context: Any) -> None:
    session.info.pop(_REMEMBERED, None)


@event.listens_for(Session, "after_transaction_end")
def _forget_after_transaction(session: Session, _transaction: Any) -> None:
    session.info.pop(_REMEMBERED, None)


async def get_interview(
    session: AsyncSession, *, owner_id: int, interview_id: int
) -> InterviewRecord | None:
    memo = await _settled(session)
    key = ("interview", owner_id, interview_id)
    if key in memo:
        found: InterviewRecord | None = memo[key]
        return found
    rows = (await session.execute(_ONE_INTERVIEW, {"owner": owner_id, "iid": interview_id})).all()
    records = await _interview_records(session, rows)
    record = records[0] if records else None
    memo[key] = record
    return record


async def list_interviews(
    session: AsyncSession,
    *,
    owner_id: int,
    statuses: Sequence[InterviewStatus] | None = None,
) -> tuple[InterviewRecord, ...]:
    """The user's interviews, oldest first; only the given statuses when ``statuses`` is set.

    Oldest first keeps a numbered list stable as new interviews are added.
    """
    memo = await _settled(session)
    key = ("interviews", owner_id, None if statuses is None else tuple(statuses))
    if key in memo:
        remembered: tuple[InterviewRecord, ...] = memo[key]
        return remembered
    if statuses is None:
        result = await session.execute(_INTERVIEWS_OF_OWNER, {"owner": owner_id})
    else:
        wanted = [InterviewStatus(s) for s in statuses]
        result = await session.execute(_INTERVIEWS_IN, {"owner": owner_id, "statuses": wanted})
    records = await _interview_records(session, result.all())
    memo[key] = records
    for record in records:  # each is also the answer to a read of it alone
        memo[("interview", owner_id, record.id)] = record
    return records


async def count_interviews(
    session: AsyncSession, *, owner_id: int, statuses: Sequence[InterviewStatus] | None = None
) -> int:
    """How many interviews the user has (of the given statuses), counted by the database."""
    query = select(func.count()).select_from(InterviewRow).where(InterviewRow.owner_id == owner_id)
    if statuses is not None:
        query = query.where(InterviewRow.status.in_([InterviewStatus(s) for s in statuses]))
    return int(await session.scalar(query) or 0)


async def interview_page(
    session: AsyncSession, *, owner_id: int, offset: int, limit: int
) -> tuple[tuple[InterviewRecord, ...], dict[int, tuple[NudgeRecord, ...]]]:
    """One page of :func:`list_interviews` (same order) with the nudges of those interviews.

    A fixed number of queries whatever the page size (no query per interview).
    """
    await _settled(session)
    rows = (
        await session.execute(
            _INTERVIEW_PAGE, {"owner": owner_id, "skip": max(0, offset), "take": max(0, limit)}
        )
    ).all()
    records = await _interview_records(session, rows)
    nudges: dict[int, list[NudgeRecord]] = {r.id: [] for r in records}
    if records:
        found = await session.execute(_NUDGES_OF, {"owner": owner_id, "ids": list(nudges)})
        for row in found.all():
            nudges[row.interview_id].append(nudge_record(row))
    return records, {key: tuple(value) for key, value in nudges.items()}


async def update_interview(
    session: AsyncSession,
    *,
    owner_id: int,
    interview_id: int,
    company: str | Unset = UNSET,
    role: str | Unset = UNSET,
    interviewed_at: datetime | Unset = UNSET,
    said: str | Unset | None = UNSET,
    promised_by: date | Unset | None = UNSET,
    vibe: Vibe | Unset = UNSET,
    thank_you_sent_at: datetime | Unset | None = UNSET,
    status: InterviewStatus | Unset = UNSET,
    notes: str | Unset | None = UNSET,
) -> InterviewRecord | None:
    """Change the given fields of one of the user's interviews; ``None`` when not theirs.

    A new promised-by date should be followed by a new plan (S7): see :func:`replace_nudges`.
    """
    given = {
        "company": company,
        "role": role,
        "interviewed_at": interviewed_at,
        "said": said,
        "promised_by": promised_by,
        "vibe": vibe,
        "thank_you_sent_at": thank_you_sent_at,
        "status": status,
        "notes": notes,
    }
    changes = {name: value for name, value in given.items() if not isinstance(value, Unset)}
    for name, value in changes.items():
        check = _INTERVIEW_CHECKS.get(name)
        if check is not None:
            changes[name] = check(name, value)
    row = await _load_interview(session, owner_id, interview_id)
    if row is None:
        return None
    for name, value in changes.items():
        setattr(row, name, value)
    await session.flush()
    return _interview(row)


def _aware(name: str, value: Any) -> Any:
    _require_aware(name, value)
    return value


# How update_interview checks or converts a changed field before it is stored.
_INTERVIEW_CHECKS: dict[str, Callable[[str, Any], Any]] = {
    "interviewed_at": _aware,
    "thank_you_sent_at": _aware,
    "vibe": lambda _, value: Vibe(value),
    "status": lambda _, value: InterviewStatus(value),
}


async def set_status(
    session: AsyncSession, *, owner_id: int, interview_id: int, status: InterviewStatus
) -> InterviewRecord | None:
    """Record where the interview stands (G8, S5). Pending nudges are left to the caller (S7)."""
    return await update_interview(
        session, owner_id=owner_id, interview_id=interview_id, status=status
    )


async def delete_interview(session: AsyncSession, *, owner_id: int, interview_id: int) -> bool:
    """Delete one of the user's interviews with its people, attempts and nudges."""
    for table in (NudgeRow, AttemptRow, PersonRow):
        await session.execute(
            delete(table).where(table.interview_id == interview_id, table.owner_id == owner_id)
        )
    result = await session.execute(
        delete(InterviewRow)
        .where(InterviewRow.id == interview_id, InterviewRow.owner_id == owner_id)
        .returning(InterviewRow.id)
    )
    return result.scalar_one_or_none() is not None


# --- people ------------------------------------------------------------------------------------


async def add_person(
    session: AsyncSession,
    *,
    owner_id: int,
    interview_id: int,
    name: str,
    role: Recipient,
    email: str | None = None,
) -> Person | None:
    """Add someone at the employer to one of the user's interviews; ``None`` when not theirs."""
    if not await _owns_interview(session, owner_id, interview_id):
        return None
    row = PersonRow(
        interview_id=interview_id,
        owner_id=owner_id,
        name=name,
        role=Recipient(role),
        email=email,
    )
    session.add(row)
    await session.flush()
    return _person(row)


async def remove_person(session: AsyncSession, *, owner_id: int, person_id: int) -> bool:
    """Remove a person (attempts to them stay, without the link)."""
    await session.execute(
        update(AttemptRow)
        .where(AttemptRow.person_id == person_id, AttemptRow.owner_id == owner_id)
        .values(person_id=None)
    )
    result = await session.execute(
        delete(PersonRow)
        .where(PersonRow.id == person_id, PersonRow.owner_id == owner_id)
        .returning(PersonRow.id)
    )
    return result.scalar_one_or_none() is not None


# --- attempts ----------------------------------------------------------------------------------


async def log_attempt(
    session: AsyncSession,
    *,
    owner_id: int,
    interview_id: int,
    at: datetime,
    channel: Channel,
    to: Recipient,
    person_id: int | None = None,
    answered: bool = False,
) -> AttemptRecord | None:
    """Record a follow-up the user made (G2, G3 count them).

    ``None`` when the interview, or the person given, is not the user's (the
    person must belong to the same interview).
    """
    _require_aware("at", at)
    if not await _owns_interview(session, owner_id, interview_id):
        return None
    if person_id is not None:
        found = await session.scalar(
            select(PersonRow.id).where(
                PersonRow.id == person_id,
                PersonRow.owner_id == owner_id,
                PersonRow.interview_id == interview_id,
            )
        )
        if found is None:
            return None
    row = AttemptRow(
        interview_id=interview_id,
        owner_id=owner_id,
        person_id=person_id,
        at=at,
        channel=Channel(channel),
        recipient=Recipient(to),
        answered=answered,
    )
    session.add(row)
    await session.flush()
    return _attempt(row)


async def delete_attempt(session: AsyncSession, *, owner_id: int, attempt_id: int) -> int | None:
    """Undo a logged follow-up; returns its interview id, or ``None`` when not the user's."""
    result = await session.execute(
        delete(AttemptRow)
        .where(AttemptRow.id == attempt_id, AttemptRow.owner_id == owner_id)
        .returning(AttemptRow.interview_id)
    )
    return result.scalar_one_or_none()


async def mark_attempts_answered(session: AsyncSession, *, owner_id: int, interview_id: int) -> int:
    """A reply came (S7): mark the interview's unanswered attempts answered; returns how many."""
    result = await session.execute(
        update(AttemptRow)
        .where(
            AttemptRow.interview_id == interview_id,
            AttemptRow.owner_id == owner_id,
            AttemptRow.answered.is_(False),
        )
        .values(answered=True)
        .returning(AttemptRow.id)
        .execution_options(synchronize_session="fetch")
    )
    return len(result.all())


async def set_attempts_answered(
    session: AsyncSession, *, owner_id: int, interview_id: int, answered: Collection[int]
) -> int:
    """Mark exactly the attempts ``answered`` (ids) of the interview answered, the others not
    (a reopened interview: the user says which follow-ups really got a reply); returns how
    many of its attempts are answered now."""
    result = await session.execute(
        update(AttemptRow)
        .where(AttemptRow.interview_id == interview_id, AttemptRow.owner_id == owner_id)
        .values(answered=AttemptRow.id.in_(list(answered)) if answered else False)
        .returning(AttemptRow.id, AttemptRow.answered)
        .execution_options(synchronize_session="fetch")
    )
    return sum(1 for row in result.all() if row.answered)


# --- nudges ------------------------------------------------------------------------------------


async def replace_nudges(
    session: AsyncSession,
    *,
    owner_id: int,
    interview_id: int,
    steps: Sequence[Step],
    reasons: Mapping[StepKind, str] | None = None,
) -> tuple[NudgeRecord, ...] | None:
    """Put a (re)computed plan in place (S7): open nudges go, one pending row per step comes.

    Open means pending, or claimed and not yet sent; sent, skipped, failed and
    cancelled rows stay as history. ``reasons`` carries a row's note over to its new row
    (a snoozed step stays "snoozed"). ``None`` when the interview is not the user's.
    """
    if not await _owns_interview(session, owner_id, interview_id):
        return None
    await session.execute(
        delete(NudgeRow).where(
            NudgeRow.interview_id == interview_id,
            NudgeRow.owner_id == owner_id,
            NudgeRow.state.in_(_OPEN_NUDGE_STATES),
            NudgeRow.sent_at.is_(None),
        )
    )
    rows = []
    for step in steps:
        _require_aware("step.at", step.at)
        rows.append(
            NudgeRow(
                interview_id=interview_id,
                owner_id=owner_id,
                kind=step.kind,
                rules=",".join(step.rules),
                due_at=step.at,
                state=NudgeState.PENDING,
                attempts=0,
                reason=(reasons or {}).get(step.kind),
            )
        )
    session.add_all(rows)
    await session.flush()
    return tuple(nudge_record(r) for r in rows)


async def cancel_pending_nudges(
    session: AsyncSession, *, owner_id: int, interview_id: int, reason: str
) -> int:
    """Cancel the interview's open nudges (S7: a reply or an outcome); returns how many."""
    result = await session.execute(
        update(NudgeRow)
        .where(
            NudgeRow.interview_id == interview_id,
            NudgeRow.owner_id == owner_id,
            NudgeRow.state.in_(_OPEN_NUDGE_STATES),
            NudgeRow.sent_at.is_(None),
        )
        .values(
            state=NudgeState.CANCELLED,
            reason=reason,
            claim_token=None,
            lease_until=None,
            updated_at=utcnow(),
        )
        .returning(NudgeRow.id)
        .execution_options(synchronize_session="fetch")
    )
    return len(result.all())


async def list_nudges(
    session: AsyncSession, *, owner_id: int, interview_id: int
) -> tuple[NudgeRecord, ...]:
    """The interview's nudges in due order (empty when the interview is not the user's)."""
    rows = (
        await session.scalars(
            select(NudgeRow)
            .where(NudgeRow.interview_id == interview_id, NudgeRow.owner_id == owner_id)
            .order_by(NudgeRow.due_at, NudgeRow.id)
            .execution_options(populate_existing=True)
        )
    ).all()
    return tuple(nudge_record(r) for r in rows)


# --- conversations -----------------------------------------------------------------------------


async def get_conversation(
    session: AsyncSession, *, owner_id: int, name: str
) -> tuple[str, dict[str, Any]] | None:
    """The saved state and data of the user's unfinished conversation ``name``."""
    await _settled(session)
    row = (await session.execute(_CONVERSATION, {"owner": owner_id, "name": name})).first()
    return None if row is None else (row.state, dict(row.data))


async def save_conversation(
    session: AsyncSession, *, owner_id: int, name: str, state: str, data: dict[str, Any]
) -> bool:
    """Write the conversation's state through (on every answer). False if the user is unknown.

    ``data`` must be JSON-serialisable.
    """
    # One statement, not three (the user, the row, then an insert or an update): it runs on
    # every answer of every conversation. No row is written for an unknown user.
    table = ConversationRow.__table__
    columns = table.c
    statement = insert_for(session.get_bind().dialect.name, table).from_select(
        ["owner_id", "name", "state", "data", "updated_at"],
        select(
            literal(owner_id, columns.owner_id.type),
            literal(name, columns.name.type),
            literal(state, columns.state.type),
            literal(dict(data), columns.data.type),
            literal(utcnow(), columns.updated_at.type),
        ).where(select(UserRow.id).where(UserRow.id == owner_id).exists()),
    )
    statement = statement.on_conflict_do_update(
        index_elements=[columns.owner_id, columns.name],
        set_={
            "state": statement.excluded.state,
            "data": statement.excluded.data,
            "updated_at": statement.excluded.updated_at,
        },
    )
    result = await session.execute(statement)
    return bool(getattr(result, "rowcount", 0))


async def clear_conversation(session: AsyncSession, *, owner_id: int, name: str) -> bool:
    result = await session.execute(
        delete(ConversationRow)
        .where(ConversationRow.owner_id == owner_id, ConversationRow.name == name)
        .returning(ConversationRow.id)
    )
    return result.scalar_one_or_none() is not None


# --- update dedup ------------------------------------------------------------------------------


async def mark_update_seen(
    session: AsyncSession, *, update_id: int, at: datetime | None = None
) -> bool:
    """True the first time a Telegram ``update_id`` is seen, False on a replay.

    Safe under concurrency (``INSERT … ON CONFLICT DO NOTHING``); the row
    becomes visible to others when the caller commits.
    """
    values = {"update_id": update_id, "seen_at": at or utcnow()}
    dialect = session.get_bind().dialect.name
    stmt = insert_for(dialect, ProcessedUpdateRow).values(values).on_conflict_do_nothing()
    result = await session.execute(stmt.returning(ProcessedUpdateRow.update_id))
    return result.scalar_one_or_none() is not None


async def prune_processed_updates(
    session: AsyncSession, *, before: datetime, limit: int | None = None
) -> int:
    """Forget update ids seen before ``before`` (Telegram stops replaying after a day).

    With ``limit``, at most that many of the oldest (call again until it returns less), so
    no transaction holds SQLite's write lock for long.
    """
    condition = ProcessedUpdateRow.seen_at < before
    if limit is not None:
        oldest = (
            select(ProcessedUpdateRow.update_id)
            .where(condition)
            .order_by(ProcessedUpdateRow.seen_at)
            .limit(limit)
            .scalar_subquery()
        )
        condition = ProcessedUpdateRow.update_id.in_(oldest)
    result = await session.execute(
        delete(ProcessedUpdateRow).where(condition).returning(ProcessedUpdateRow.update_id)
    )
    return len(result.all())


# --- export and erase --------------------------------------------------------------------------


def json_value(value: object) -> object:
    """A column value as JSON has it: dates as ISO text, enums as their value."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def _columns(row: Any, skip: Sequence[str] = ()) -> dict[str, object]:
    return {
        c.key: json_value(getattr(row, c.key))
        for c in row.__mapper__.column_attrs
        if c.key not in skip
    }


async def export_user(session: AsyncSession, *, owner_id: int) -> dict[str, Any] | None:
    """Every stored row of the user as one JSON-ready document (schema ``hearback.export/1``).

    ``None`` when the user is unknown.
    """
    user = await session.get(UserRow, owner_id, populate_existing=True)
    if user is None:
        return None

    async def rows(model: Any, *order: Any) -> list[dict[str, object]]:
        result = await session.scalars(
            select(model)
            .where(model.owner_id == owner_id)
            .order_by(*order)
            .execution_options(populate_existing=True)
        )
        return [_columns(r, skip=("owner_id",)) for r in result.all()]

    return {
        "schema": EXPORT_SCHEMA,
        "exported_at": utcnow().isoformat(),
        "user": _columns(user),
        "interviews": await rows(InterviewRow, InterviewRow.id),
        "people": await rows(PersonRow, PersonRow.id),
        "attempts": await rows(AttemptRow, AttemptRow.id),
        "nudges": await rows(NudgeRow, NudgeRow.id),
        "conversations": await rows(ConversationRow, ConversationRow.id),
    }


async def erase_user(session: AsyncSession, *, owner_id: int) -> bool:
    """Delete the user and every row that references them, in the caller's transaction.

    Children are deleted explicitly (not only by ``ON DELETE CASCADE``) so the
    result does not depend on foreign-key enforcement being on.
    """
    for model in (NudgeRow, AttemptRow, PersonRow, ConversationRow, InterviewRow):
        await session.execute(delete(model).where(model.owner_id == owner_id))
    result = await session.execute(
        delete(UserRow).where(UserRow.id == owner_id).returning(UserRow.id)
    )
    return result.scalar_one_or_none() is not None


async def count_rows(session: AsyncSession, *, owner_id: int) -> dict[str, int]:
    """How many rows of each table reference the user (export/erase checks, admin)."""
    counts = {
        "users": await session.scalar(
            select(func.count()).select_from(UserRow).where(UserRow.id == owner_id)
        )
        or 0
    }
    for model in (InterviewRow, PersonRow, AttemptRow, NudgeRow, ConversationRow):
        counts[model.__tablename__] = (
            await session.scalar(
                select(func.count()).select_from(model).where(model.owner_id == owner_id)
            )
            or 0
        )
    return counts
