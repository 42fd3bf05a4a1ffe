"""Export gives every row of a user as one JSON document; erase leaves nothing behind."""

from __future__ import annotations

import json
import tempfile
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from testkit.clock import NOW as INTERVIEWED
from testkit.users import UserMaker

from bot.core.records import UserProfile
from bot.core.types import Channel, Recipient, Step, StepKind
from bot.storage import export, repo
from bot.storage.models import Base, UserRow

ROW_KINDS = ("interviews", "people", "attempts", "nudges", "conversations")


async def _fill(sessions: async_sessionmaker[AsyncSession], user: UserProfile) -> None:
    """One or more rows of every kind that belongs to a user."""
    async with sessions() as s, s.begin():
        await repo.update_user_settings(s, owner_id=user.id, zone="Europe/Berlin")
        for company in ("Acme", "Globex"):
            interview = await repo.create_interview(
                s,
                owner_id=user.id,
                company=company,
                role="Engineer",
                interviewed_at=INTERVIEWED,
                said="in two weeks",
                notes="liked the team",
                people=[("Rita", Recipient.RECRUITER, "rita@example.com")],
            )
            await repo.log_attempt(
                s,
                owner_id=user.id,
                interview_id=interview.id,
                at=INTERVIEWED + timedelta(days=15),
                channel=Channel.EMAIL,
                to=Recipient.RECRUITER,
                person_id=interview.people[0].id,
            )
            await repo.replace_nudges(
                s,
                owner_id=user.id,
                interview_id=interview.id,
                steps=[Step(StepKind.CHECK_IN, INTERVIEWED + timedelta(days=14), ("S2", "S6"))],
            )
        await repo.save_conversation(
            s, owner_id=user.id, name="new_interview", state="ASK_VIBE", data={"company": "Initech"}
        )


async def _rows_referencing(session: AsyncSession, user_id: int) -> dict[str, int]:
    """Count, in every table of the schema, the rows that reference the user."""
    counts: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        if table.name == "users":
            where = table.c.id == user_id
        elif "owner_id" in table.c:
            where = table.c.owner_id == user_id
        else:
            # A table without owner_id must not point at users at all, or erase could miss it.
            assert not any(fk.column.table.name == "users" for fk in table.foreign_keys), table
            continue
        counts[table.name] = await session.scalar(select(func.count()).where(where)) or 0
    return counts


async def test_export_contains_every_row_kind(
    sessions: async_sessionmaker[AsyncSession], make_user: UserMaker
) -> None:
    user = await make_user()
    await _fill(sessions, user)
    async with sessions() as s:
        document = await repo.export_user(s, owner_id=user.id)
        counts = await _rows_referencing(s, user.id)
        assert await repo.export_user(s, owner_id=-1) is None
    assert document is not None
    decoded = json.loads(json.dumps(document))  # JSON-able as it is
    assert decoded["schema"] == "hearback.export/1"
    assert decoded["user"]["id"] == user.id
    assert decoded["user"]["telegram_user_id"] == user.telegram_user_id
    assert decoded["user"]["zone"] == "Europe/Berlin"
    for kind in ROW_KINDS:
        assert len(decoded[kind]) == counts[kind] > 0, kind
    assert {i["company"] for i in decoded["interviews"]} == {"Acme", "Globex"}
    assert decoded["interviews"][0]["interviewed_at"] == INTERVIEWED.isoformat()
    assert decoded["people"][0]["email"] == "rita@example.com"
    assert decoded["attempts"][0]["channel"] == "email"
    assert decoded["nudges"][0]["rules"] == "S2,S6"
    assert decoded["conversations"][0]["data"] == {"company": "Initech"}


async def test_the_streamed_file_is_the_document_byte_for_byte(
    sessions: async_sessionmaker[AsyncSession], make_user: UserMaker
) -> None:
    """/export writes its file page by page; for a normal user it is exactly the document
    ``export_user`` gives, as ``json.dumps(indent=2, ensure_ascii=False)`` writes it."""
    user = await make_user()
    await _fill(sessions, user)
    with tempfile.TemporaryFile() as out:
        async with sessions() as s:
            result = await export.write_export(s, out, owner_id=user.id, now=INTERVIEWED)
            document = await repo.export_user(s, owner_id=user.id)
        out.seek(0)
        streamed = out.read()
    assert document is not None and result.found and not result.truncated
    document["exported_at"] = INTERVIEWED.isoformat()
    expected = json.dumps(document, indent=2, ensure_ascii=False, default=str).encode()
    assert streamed == expected
    assert result.size == len(expected)


async def test_erase_leaves_no_row_referencing_the_user(
    sessions: async_sessionmaker[AsyncSession], make_user: UserMaker
) -> None:
    user = await make_user()
    other = await make_user()
    await _fill(sessions, user)
    await _fill(sessions, other)
    async with sessions() as s:
        before_other = await _rows_referencing(s, other.id)
    async with sessions() as s, s.begin():
        assert await repo.erase_user(s, owner_id=user.id)
    async with sessions() as s:
        assert await _rows_referencing(s, user.id) == dict.fromkeys(before_other, 0)
        assert await _rows_referencing(s, other.id) == before_other
        assert await repo.get_user(s, owner_id=user.id) is None
    async with sessions() as s, s.begin():
        assert not await repo.erase_user(s, owner_id=user.id)


async def test_erase_is_one_transaction(
    sessions: async_sessionmaker[AsyncSession], make_user: UserMaker
) -> None:
    """Rolled back, an erase leaves everything in place."""
    user = await make_user()
    await _fill(sessions, user)
    async with sessions() as s:
        before = await _rows_referencing(s, user.id)
        assert await repo.erase_user(s, owner_id=user.id)
        assert (await _rows_referencing(s, user.id))["interviews"] == 0
        await s.rollback()
    async with sessions() as s:
        assert await _rows_referencing(s, user.id) == before


async def test_deleting_the_user_row_cascades_in_the_database(
    sessions: async_sessionmaker[AsyncSession], make_user: UserMaker
) -> None:
    """ON DELETE CASCADE is in the schema and enforced (SQLite: foreign_keys=ON)."""
    user = await make_user()
    await _fill(sessions, user)
    async with sessions() as s, s.begin():
        await s.execute(
            delete(UserRow)
            .where(UserRow.id == user.id)
            .execution_options(synchronize_session=False)
        )
    async with sessions() as s:
        counts = await _rows_referencing(s, user.id)
    assert set(counts) == {"users", *ROW_KINDS}
    assert counts == dict.fromkeys(counts, 0)
