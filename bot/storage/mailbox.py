"""The inbox and outbox tables: every statement the update pipeline runs.

Inbox: an update is inserted (``ON CONFLICT DO NOTHING`` on its id, so a redelivery is
recognised) and committed before Telegram is told it arrived. The turn that handles it
flips it from ``new`` to ``done`` in its own transaction, clearing the body (only the id is
kept, to recognise a late redelivery, and pruned after two days in small chunks).

Outbox: the replies of a turn are rows written in the turn's transaction; once Telegram
has a reply its row is deleted.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, cast

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import InboxRow, OutboxRow
from bot.storage.upsert import insert_for

__all__ = [
    "DONE",
    "FAILED",
    "NEW",
    "PRUNE_CHUNK",
    "Outgoing",
    "PendingUpdate",
    "QueuedReply",
    "add_replies",
    "delete_replies",
    "finish_updates",
    "note_failure",
    "pending_updates",
    "prune_inbox",
    "store_updates",
    "take_update",
    "unsent_replies",
]

NEW: Final = "new"
DONE: Final = "done"
FAILED: Final = "failed"

PRUNE_CHUNK: Final = 500
"""Rows deleted per transaction by the prune: a few milliseconds of SQLite's write lock."""


@dataclass(frozen=True, slots=True)
class PendingUpdate:
    update_id: int
    chat_id: int
    body: str
    attempts: int
    told: bool


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One reply: a text (HTML) with buttons, a document or photo, or "take the buttons off"."""

    text: str
    buttons: Sequence[Sequence[tuple[str, str]]] | None = None
    document: tuple[str, bytes] | None = None
    strip_markup_of: int | None = None
    photo: bool = False  # the document is an image to show as a photo
    export_of: int | None = None
    """The user whose /export file this is: written when it is sent (page by page from the
    database into a temporary file), so the outbox never holds the file itself."""


@dataclass(frozen=True, slots=True)
class QueuedReply:
    id: int
    chat_id: int
    item: Outgoing


# The statements run on the tables (SQLAlchemy Core), not through the ORM: these rows are
# never loaded as objects, and the ORM's bulk paths would evaluate every UPDATE and DELETE
# against the session's objects and compile a multi-row INSERT anew every time.
_INBOX: Final = cast(Table, InboxRow.__table__)
_OUTBOX: Final = cast(Table, OutboxRow.__table__)

_TAKE: Final = (
    update(_INBOX)
    .where(_INBOX.c.update_id == bindparam("uid"), _INBOX.c.state == NEW)
    .values(state=DONE, body=None, done_at=bindparam("at"))
    .returning(_INBOX.c.update_id)
)
_ADD_REPLY: Final = insert(_OUTBOX).returning(_OUTBOX.c.id, sort_by_parameter_order=True)
_FINISH: Final = (
    update(_INBOX)
    .where(_INBOX.c.update_id.in_(bindparam("uids", expanding=True)), _INBOX.c.state == NEW)
    .values(state=bindparam("new_state"), body=None, done_at=bindparam("at"))
)
_DELETE_REPLIES: Final = delete(_OUTBOX).where(_OUTBOX.c.id.in_(bindparam("ids", expanding=True)))


_STORE: Final[dict[str, Any]] = {}
"""Per dialect, the inbox insert: one statement compiled once, run with a row of parameters
per update (a multi-row ``values()`` would be compiled anew on every batch)."""


def _store_statement(session: AsyncSession) -> Any:
    dialect = session.get_bind().dialect.name
    statement = _STORE.get(dialect)
    if statement is None:
        statement = _STORE[dialect] = (
            insert_for(dialect, _INBOX).on_conflict_do_nothing().returning(_INBOX.c.update_id)
        )
    return statement


# --- inbox -----------------------------------------------------------------------------------


async def store_updates(
    session: AsyncSession, rows: Sequence[tuple[int, int | None, str]], *, at: datetime
) -> set[int]:
    """Insert ``(update_id, chat_id, body)`` rows; returns the ids that were new."""
    if not rows:
        return set()
    values = [
        {
            "update_id": update_id,
            "chat_id": chat_id,
            "body": body,
            "state": NEW,
            "attempts": 0,
            "told": False,
            "received_at": at,
        }
        for update_id, chat_id, body in rows
    ]
    result = await session.execute(_store_statement(session), values)
    return set(result.scalars())


async def pending_updates(session: AsyncSession, *, limit: int) -> list[PendingUpdate]:
    """The oldest updates not yet handled, in update id (= Telegram's) order."""
    result = await session.execute(
        select(
            InboxRow.update_id, InboxRow.chat_id, InboxRow.body, InboxRow.attempts, InboxRow.told
        )
        .where(InboxRow.state == NEW)
        .order_by(InboxRow.update_id)
        .limit(limit)
    )
    return [PendingUpdate(u, c or 0, b or "{}", a, t) for u, c, b, a, t in result.all()]


async def take_update(session: AsyncSession, *, update_id: int, at: datetime) -> bool:
    """Mark the update handled in the caller's transaction: False when it already was.

    On PostgreSQL a second instance doing the same waits for the row lock and then finds
    it done, so an update's changes are committed once.
    """
    result = await session.execute(_TAKE, {"uid": update_id, "at": at})
    return result.scalar_one_or_none() is not None


async def finish_updates(
    session: AsyncSession, *, update_ids: Sequence[int], at: datetime, state: str = DONE
) -> None:
    """Close updates that needed no turn (or were given up)."""
    if update_ids:
        await session.execute(_FINISH, {"uids": list(update_ids), "new_state": state, "at": at})


async def note_failure(session: AsyncSession, *, update_id: int, attempts: int, told: bool) -> None:
    await session.execute(
        update(_INBOX)
        .where(_INBOX.c.update_id == update_id, _INBOX.c.state == NEW)
        .values(attempts=attempts, told=told)
    )


async def prune_inbox(session: AsyncSession, *, before: datetime, limit: int = PRUNE_CHUNK) -> int:
    """Forget up to ``limit`` handled update ids older than ``before``; call until 0."""
    oldest = (
        select(InboxRow.update_id)
        .where(InboxRow.done_at < before)
        .order_by(InboxRow.done_at)
        .limit(limit)
        .scalar_subquery()
    )
    result = await session.execute(
        delete(InboxRow).where(InboxRow.update_id.in_(oldest)).returning(InboxRow.update_id)
    )
    return len(result.all())


# --- outbox ----------------------------------------------------------------------------------


def _encode(item: Outgoing) -> str:
    data: dict[str, Any] = {"t": item.text}
    if item.buttons:
        data["b"] = [[list(b) for b in row] for row in item.buttons]
    if item.strip_markup_of is not None:
        data["s"] = item.strip_markup_of
    if item.document is not None:
        data["n"] = item.document[0]
    if item.photo:
        data["p"] = True
    if item.export_of is not None:
        data["x"] = item.export_of
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _decode(raw: str, document: bytes | None) -> Outgoing:
    data = json.loads(raw)
    buttons = [[(t, d) for t, d in row] for row in data["b"]] if "b" in data else None
    name = data.get("n")
    return Outgoing(
        text=data.get("t", ""),
        buttons=buttons,
        document=(name, document or b"") if name is not None else None,
        strip_markup_of=data.get("s"),
        photo=bool(data.get("p", False)),
        export_of=data.get("x"),
    )


async def add_replies(
    session: AsyncSession, *, chat_id: int, items: Sequence[Outgoing], at: datetime
) -> list[QueuedReply]:
    """Write a turn's replies (in its transaction); returns them with their ids, in order."""
    if not items:
        return []
    values = [
        {
            "chat_id": chat_id,
            "item": _encode(item),
            "document": item.document[1] if item.document else None,
            "created_at": at,
        }
        for item in items
    ]
    result = await session.execute(_ADD_REPLY, values)
    ids = list(result.scalars())
    return [QueuedReply(i, chat_id, item) for i, item in zip(ids, items, strict=True)]


async def unsent_replies(
    session: AsyncSession, *, chat_id: int | None = None, limit: int = 1000
) -> list[QueuedReply]:
    """Replies not yet delivered (of one chat, or all), oldest first."""
    stmt = select(OutboxRow.id, OutboxRow.chat_id, OutboxRow.item, OutboxRow.document)
    if chat_id is not None:
        stmt = stmt.where(OutboxRow.chat_id == chat_id)
    result = await session.execute(stmt.order_by(OutboxRow.id).limit(limit))
    return [QueuedReply(i, c, _decode(item, doc)) for i, c, item, doc in result.all()]


async def delete_replies(session: AsyncSession, *, ids: Sequence[int]) -> None:
    if ids:
        await session.execute(_DELETE_REPLIES, {"ids": list(ids)})
