"""Alembic: up to head and back to base on both databases; models and migrations never drift;
0005 gives the nudge time its minutes and takes them away again without touching the hour."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, Table, inspect, text
from sqlalchemy.engine import Connection
from testkit.databases import Databases

from bot.config import ConfigError
from bot.storage import migrate
from bot.storage.db import make_engine
from bot.storage.models import Base

BACKENDS = [pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)]
TABLES = {"users", "interviews", "people", "attempts", "nudges", "conversations"}


async def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            names = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
    finally:
        await engine.dispose()
    return names


def _diff(metadata: MetaData) -> Callable[[Connection], list[object]]:
    def run(conn: Connection) -> list[object]:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))

    return run


async def _compare(url: str, metadata: MetaData) -> list[object]:
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(_diff(metadata))
    finally:
        await engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
async def test_empty_database_up_to_head_and_down_to_base(
    backend: str, databases: Databases
) -> None:
    url = databases.empty(backend)
    assert await migrate.current_revision(url) is None
    head = migrate.head_revision()
    assert await migrate.upgrade(url) == head
    assert await _tables(url) >= TABLES | {
        "processed_updates",
        "heartbeats",
        "inbox",
        "outbox",
        "alembic_version",
    }
    assert await migrate.downgrade(url) is None
    assert await _tables(url) <= {"alembic_version"}
    assert await migrate.upgrade(url) == head  # and up again


async def _run(url: str, sql: str, **params: object) -> list[tuple[object, ...]]:
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            result = await conn.execute(text(sql), params)
            return [tuple(row) for row in result] if result.returns_rows else []
    finally:
        await engine.dispose()


async def _user_columns(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(
                lambda c: {column["name"] for column in inspect(c).get_columns("users")}
            )
    finally:
        await engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
async def test_the_nudge_minute_up_and_down_keeps_every_users_hour(
    backend: str, databases: Databases
) -> None:
    """0005 gives stored users minute 0 (their time unchanged); down drops only the minutes."""
    url = databases.empty(backend)
    await migrate.upgrade(url, "0004_inbox_outbox")
    insert = (
        "INSERT INTO users (telegram_user_id, chat_id, nudge_hour, created_at, updated_at) "
        "VALUES (:tg, :tg, :hour, :at, :at)"
    )
    at = datetime(2026, 11, 30, 9, tzinfo=UTC)
    await _run(url, insert, tg=1, hour=14, at=at)
    assert await migrate.upgrade(url, "0005_nudge_minute") == "0005_nudge_minute"
    select = "SELECT telegram_user_id, nudge_hour, nudge_minute FROM users ORDER BY 1"
    assert await _run(url, select) == [(1, 14, 0)]
    await _run(url, "UPDATE users SET nudge_minute = 30")
    await _run(url, insert, tg=2, hour=8, at=at)  # a writer that does not know the minute
    assert await _run(url, select) == [(1, 14, 30), (2, 8, 0)]
    assert await migrate.downgrade(url, "0004_inbox_outbox") == "0004_inbox_outbox"
    assert "nudge_minute" not in await _user_columns(url)
    assert await _run(url, "SELECT nudge_hour FROM users ORDER BY telegram_user_id") == [
        (14,),
        (8,),
    ]
    await migrate.upgrade(url)
    assert await _run(url, select) == [(1, 14, 0), (2, 8, 0)]


async def test_models_and_migrations_do_not_drift(database_url: str) -> None:
    """Autogenerate against a database migrated to head finds nothing to do."""
    assert await _compare(database_url, Base.metadata) == []


async def test_the_drift_check_sees_a_difference(database_url: str) -> None:
    """Guard for the test above: a model change the migrations lack is reported."""
    changed = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.sorted_tables:
        table.to_metadata(changed)
    Table("surveys", changed, Column("id", Integer, primary_key=True))
    changed.tables["users"].append_column(Column("favourite_colour", Integer))
    diff = await _compare(database_url, changed)
    kinds = sorted(str(entry[0]) for entry in diff if isinstance(entry, tuple))
    assert kinds == ["add_column", "add_table"]


def test_migrate_main_prints_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert migrate.migrate_main(url) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.count("\n") == 1 and migrate.head_revision() in out
    assert migrate.migrate_main(url) == 0  # already at head: still fine
    capsys.readouterr()


@pytest.mark.parametrize(
    "url",
    [
        "definitely not a url",
        "mysql://user@localhost/db",
        "sqlite:////nonexistent-dir/for/sure/hb.db",
        "postgresql://postgres@127.0.0.1:1/nothing",
    ],
)
def test_migrate_main_reports_a_bad_database_in_one_line(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert migrate.migrate_main(url) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("hearback migrate: ")
    assert "Traceback" not in err


def test_the_head_read_from_the_scripts_is_alembics() -> None:
    assert migrate.scripted_head() == migrate.head_revision()


@pytest.mark.parametrize(
    ("scripts", "head"),
    [
        ({"a.py": 'revision = "a"\ndown_revision = None\n'}, "a"),
        (
            {
                "a.py": 'revision: str = "a"\ndown_revision: str | None = None\n',
                "b.py": 'revision: str = "b"\ndown_revision: str | None = "a"\n',
            },
            "b",
        ),
        # Two heads, a merge, a label, a computed id, no id: only Alembic can tell.
        (
            {
                "a.py": 'revision = "a"\ndown_revision = None\n',
                "b.py": 'revision = "b"\ndown_revision = "a"\n',
                "c.py": 'revision = "c"\ndown_revision = "a"\n',
            },
            None,
        ),
        ({"m.py": 'revision = "m"\ndown_revision = ("a", "b")\n'}, None),
        ({"a.py": 'revision = "a"\ndown_revision = None\nbranch_labels = ("x",)\n'}, None),
        ({"a.py": 'revision = "a" + "b"\ndown_revision = None\n'}, None),
        ({"a.py": "down_revision = None\n"}, None),
        ({}, None),
    ],
)
def test_the_head_read_from_the_scripts(
    tmp_path: Path, scripts: dict[str, str], head: str | None
) -> None:
    (tmp_path / "versions").mkdir()
    (tmp_path / "versions" / "__init__.py").write_text("x = 1\n")
    for name, body in scripts.items():
        (tmp_path / "versions" / name).write_text(body)
    assert migrate.scripted_head(tmp_path) == head


def test_a_database_at_the_head_is_started_without_alembic(tmp_path: Path) -> None:
    """Alembic, Mako and Pygments (about 10 MB) load only when there is something to do."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'head.db'}"
    code = (
        "import asyncio, sys\n"
        "from bot.storage.migrate import upgrade\n"
        f"print(asyncio.run(upgrade({url!r})), 'alembic' in sys.modules)\n"
    )
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert first.stdout.split() == [migrate.head_revision(), "True"]  # it migrated
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert again.stdout.split() == [migrate.head_revision(), "False"]


def test_migrations_folder_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert migrate.migrations_dir() == Path(migrate.__file__).parents[2] / "migrations"
    monkeypatch.setenv(migrate.MIGRATIONS_DIR_ENV, str(tmp_path))
    with pytest.raises(ConfigError, match="no Alembic migrations"):
        migrate.migrations_dir()
