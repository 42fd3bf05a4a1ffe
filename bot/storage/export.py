"""The /export file, written as it is read: page by page from the database into a file.

The document is the one :func:`bot.storage.repo.export_user` returns (schema
``hearback.export/1``), as ``json.dumps(..., indent=2, ensure_ascii=False)`` would write
it, byte for byte. It is never held whole in memory: each table is read in pages of
``page_rows`` rows (one query per page, keyset on the id, plain rows rather than ORM
objects so the session keeps none of them), and each page is written to ``out`` before
the next is read. Memory stays at a page, whatever the user has stored.

The file is bounded: once the next record would take it past ``max_bytes``, the lists are
closed where they are and the document ends with ``"truncated": true``; the caller tells
the user. User text inside is data: JSON-escaped by the encoder, nothing else.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, Iterator, Sequence
from contextlib import aclosing
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any, Final

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import (
    AttemptRow,
    ConversationRow,
    InterviewRow,
    NudgeRow,
    PersonRow,
    UserRow,
)
from bot.storage.repo import EXPORT_SCHEMA, json_value

__all__ = [
    "EXPORT_SCHEMA",
    "MAX_BYTES",
    "PAGE_ROWS",
    "TABLES",
    "ExportResult",
    "count_export_rows",
    "write_export",
]

PAGE_ROWS: Final = 200
"""Rows read per query: a page of rows in memory, about half a megabyte at most."""

MAX_BYTES: Final = 20 * 1024 * 1024
"""The largest file /export sends (Telegram takes documents up to 50 MB from a bot)."""

TABLES: Final[tuple[tuple[str, Any], ...]] = (
    ("interviews", InterviewRow),
    ("people", PersonRow),
    ("attempts", AttemptRow),
    ("nudges", NudgeRow),
    ("conversations", ConversationRow),
)
"""The document's lists, in its order, and the table each comes from."""

_CLOSING: Final = 512
"""Bytes kept free for closing the lists and the truncation mark."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    found: bool  # False: no such user, nothing was written
    rows: int = 0  # records written (the user's own row not counted)
    size: int = 0  # bytes written
    truncated: bool = False  # the cap was hit: some records are not in the file


def _keys(model: Any, skip: Sequence[str] = ()) -> list[str]:
    return [c.key for c in model.__mapper__.column_attrs if c.key not in skip]


_ENCODER: Final = json.JSONEncoder(indent=2, ensure_ascii=False, default=str)
"""``json.dumps(indent=2, ensure_ascii=False, default=str)``, made once, not per record."""


def _dump(value: object, indent: str) -> str:
    """``value`` as indent-2 JSON, its later lines shifted right by ``indent`` (its nesting)."""
    return _ENCODER.encode(value).replace("\n", "\n" + indent)


async def _pages(
    session: AsyncSession, model: Any, *, owner_id: int, page_rows: int
) -> AsyncGenerator[Iterator[dict[str, object]]]:
    """The user's rows of ``model`` by id, ``page_rows`` at a time, one query per page (each
    record is made a dict as it is written, so a page is held only as the rows fetched)."""
    keys = _keys(model, skip=("owner_id",))
    columns = [getattr(model, key) for key in keys]
    at_id = keys.index("id")
    after: int | None = None
    while True:
        stmt = select(*columns).where(model.owner_id == owner_id)
        if after is not None:
            stmt = stmt.where(model.id > after)
        rows = (await session.execute(stmt.order_by(model.id).limit(page_rows))).all()
        if not rows:
            return
        yield ({key: json_value(v) for key, v in zip(keys, row, strict=True)} for row in rows)
        if len(rows) < page_rows:
            return
        after = rows[-1][at_id]


async def count_export_rows(session: AsyncSession, *, owner_id: int) -> int:
    """How many records an export of the user holds, in one statement."""
    counts = [
        select(func.count()).select_from(model).where(model.owner_id == owner_id).scalar_subquery()
        for _, model in TABLES
    ]
    total: ColumnElement[Any] = counts[0]
    for count in counts[1:]:
        total = total + count
    return int(await session.scalar(select(total)) or 0)


async def write_export(
    session: AsyncSession,
    out: IO[bytes],
    *,
    owner_id: int,
    now: datetime,
    max_bytes: int = MAX_BYTES,
    page_rows: int = PAGE_ROWS,
) -> ExportResult:
    """Write the user's export to ``out``; see the module docstring."""
    keys = _keys(UserRow)
    user = (
        await session.execute(
            select(*[getattr(UserRow, k) for k in keys]).where(UserRow.id == owner_id)
        )
    ).one_or_none()
    if user is None:
        return ExportResult(found=False)
    size = 0
    rows = 0
    budget = max(0, max_bytes - _CLOSING)

    def write(data: bytes) -> None:
        nonlocal size
        out.write(data)
        size += len(data)

    head = {
        "schema": EXPORT_SCHEMA,
        "exported_at": now.isoformat(),
        "user": {key: json_value(v) for key, v in zip(keys, user, strict=True)},
    }
    write(_dump(head, "")[:-2].encode())  # without the closing "\n}": the lists follow
    truncated = False
    for name, model in TABLES:
        write(f",\n  {json.dumps(name)}: [".encode())
        first = True
        if truncated:  # past the cap: the later lists stay empty, and are not read
            write(b"]")
            continue
        pages = _pages(session, model, owner_id=owner_id, page_rows=page_rows)
        async with aclosing(pages):
            async for page in pages:
                for record in page:
                    chunk = (("\n    " if first else ",\n    ") + _dump(record, "    ")).encode()
                    if size + len(chunk) > budget:
                        truncated = True
                        break
                    write(chunk)
                    rows += 1
                    first = False
                if truncated:
                    break
        write(b"]" if first else b"\n  ]")
    if truncated:
        write(b',\n  "truncated": true')
    write(b"\n}")
    return ExportResult(found=True, rows=rows, size=size, truncated=truncated)
