"""/export of a user with thousands of records: complete, read in pages, in bounded memory.

The file is written page by page (:mod:`bot.storage.export`); these tests hold it to that
with a user who has thousands of interviews: every record is in the file, the statements
are one per page (no query per record), the memory at its peak is a small part of the
file (materialising the document, or even the file's text, would take more than the whole
file), and the size cap ends the file cleanly.
"""

from __future__ import annotations

import json
import tempfile
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from testkit.clock import NOW
from testkit.records import fill_many
from testkit.users import UserMaker

from bot.storage import export

INTERVIEWS = 3000


@contextmanager
def statements(engine: AsyncEngine) -> Iterator[list[str]]:
    """The SELECT statements ``engine`` runs inside the block (not SQLite's BEGIN)."""
    seen: list[str] = []

    def note(*args: Any) -> None:
        if str(args[2]).lstrip().upper().startswith("SELECT"):
            seen.append(str(args[2]))

    event.listen(engine.sync_engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", note)


async def test_thousands_of_interviews_stream_complete_in_pages_and_bounded_memory(
    engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession], make_user: UserMaker
) -> None:
    user = await make_user()
    async with sessions() as s, s.begin():
        stored = await fill_many(s, owner_id=user.id, interviews=INTERVIEWS, at=NOW)
    with tempfile.TemporaryFile() as warm, tempfile.TemporaryFile() as out:
        async with sessions() as s:
            # Once before measuring: compiled statements and type caches are made once per
            # process, not per export.
            await export.write_export(s, warm, owner_id=user.id, now=NOW)
        async with sessions() as s:
            with statements(engine) as seen:
                tracemalloc.start()
                try:
                    result = await export.write_export(s, out, owner_id=user.id, now=NOW)
                    _, peak = tracemalloc.get_traced_memory()
                finally:
                    tracemalloc.stop()
        out.seek(0)
        document = json.load(out)

    # Complete: every record, with the user's text as it was stored.
    assert not result.truncated and "truncated" not in document
    assert result.rows == sum(stored.values())
    for name, _ in export.TABLES:
        assert len(document[name]) == stored[name], name
    assert document["interviews"][7]["company"] == 'Company "7" — Ünïcode <b>&</b>'
    assert document["user"]["id"] == user.id
    # One query for the user, then one per page of each table (the last page is the one
    # that comes back short): the count grows with the pages, never with the records.
    pages = sum(n // export.PAGE_ROWS + 1 for n in stored.values())
    assert len(seen) == 1 + pages, seen
    # Bounded: the whole file as one bytes object would already be result.size.
    print(f"export of {result.size} bytes, {result.rows} records: peak {peak} bytes traced")
    assert peak < result.size // 4, (peak, result.size)


async def test_the_cap_ends_the_file_cleanly_and_reads_no_further(
    engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession], make_user: UserMaker
) -> None:
    user = await make_user()
    async with sessions() as s, s.begin():
        await fill_many(s, owner_id=user.id, interviews=600, at=NOW)
    cap = 64 * 1024
    with tempfile.TemporaryFile() as out:
        async with sessions() as s:
            with statements(engine) as seen:
                result = await export.write_export(s, out, owner_id=user.id, now=NOW, max_bytes=cap)
        out.seek(0)
        raw = out.read()
    document = json.loads(raw)
    assert result.truncated and document["truncated"] is True
    assert len(raw) == result.size <= cap
    assert 0 < len(document["interviews"]) < 600
    assert result.rows == len(document["interviews"])
    assert document["people"] == document["attempts"] == document["nudges"] == []
    # The user's row and the first page of interviews; the other tables were not read.
    assert len(seen) == 2, seen


async def test_an_unknown_user_writes_nothing(sessions: async_sessionmaker[AsyncSession]) -> None:
    with tempfile.TemporaryFile() as out:
        async with sessions() as s:
            result = await export.write_export(s, out, owner_id=-1, now=NOW)
        assert not result.found and out.tell() == 0


async def test_the_record_count_is_one_statement(
    engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession], make_user: UserMaker
) -> None:
    user = await make_user()
    async with sessions() as s, s.begin():
        stored = await fill_many(s, owner_id=user.id, interviews=30, at=NOW)
    async with sessions() as s:
        with statements(engine) as seen:
            assert await export.count_export_rows(s, owner_id=user.id) == sum(stored.values())
    assert len(seen) == 1
