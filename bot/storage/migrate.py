"""Alembic migrations from code: ``upgrade``/``downgrade`` a database, ``hearback migrate``.

The migration scripts live in the top-level ``migrations/`` folder beside the
``bot`` package (override with ``HEARBACK_MIGRATIONS_DIR``). The Alembic
configuration is built here, no ``alembic.ini`` needed; the connection is
opened by :func:`bot.storage.db.make_engine` and shared with ``env.py``.
SQLite migrations run with ``foreign_keys=OFF`` (batch mode copies and drops
tables) and are followed by ``PRAGMA foreign_key_check``.

Also usable as ``python -m bot.storage.migrate upgrade|downgrade REV|current|revision ID MESSAGE``.

Alembic (with Mako and Pygments, about 10 MB the process keeps) is imported only when a
migration has work to do: :func:`upgrade` to the head first compares the database's
revision with the head read from the scripts' ``revision``/``down_revision`` lines, and a
database already there, as on every start but the first after an upgrade, needs nothing
more.
"""

from __future__ import annotations

import ast
import asyncio
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Connection

import bot
from bot.config import ConfigError, load_settings, one_line
from bot.storage.db import READ_ONLY, check_database, describe_url, make_engine

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

__all__ = [
    "MIGRATIONS_DIR_ENV",
    "SchemaError",
    "alembic_config",
    "check_revision",
    "current_revision",
    "downgrade",
    "head_revision",
    "main",
    "migrate_main",
    "migrations_dir",
    "upgrade",
]

MIGRATIONS_DIR_ENV = "HEARBACK_MIGRATIONS_DIR"
_LOCK = int.from_bytes(b"HearBack", "big")
"""The PostgreSQL advisory lock key held while migrating."""


class SchemaError(Exception):
    """The database's schema is one this HearBack cannot use (``str()`` is one line)."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


def _known(current: str | None, script: ScriptDirectory) -> bool:
    from alembic.util import CommandError

    if current is None:
        return True
    try:
        return script.get_revision(current) is not None
    except CommandError:  # alembic's "Can't locate revision identified by ..."
        return False


def _newer(current: str, head: str | None) -> SchemaError:
    return SchemaError(
        f"the database is at revision {current!r}, newer than this HearBack knows (its newest "
        f"is {head!r}): a newer version migrated it. Run that version, or restore a backup "
        "taken before the upgrade"
    )


def _require_known(sync_conn: Connection, cfg: Config) -> None:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(cfg)
    current = MigrationContext.configure(sync_conn).get_current_revision()
    if current is not None and not _known(current, script):
        raise _newer(current, script.get_current_head())


async def check_revision(url: str, *, at_head: bool = True) -> str | None:
    """The database's revision; :class:`SchemaError` when this HearBack does not know it (a
    newer version migrated it) or, with ``at_head``, when it is not migrated to the head."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    engine = make_engine(url)
    cfg = alembic_config(url)
    try:
        async with engine.connect() as conn:
            conn = await conn.execution_options(**READ_ONLY)
            current = await conn.run_sync(
                lambda sync_conn: MigrationContext.configure(sync_conn).get_current_revision()
            )
    finally:
        await engine.dispose()
    script = ScriptDirectory.from_config(cfg)
    head = script.get_current_head()
    if current is not None and not _known(current, script):
        raise _newer(current, head)
    if at_head and current != head:
        raise SchemaError(
            f"the database is at revision {current!r}, not {head!r}: run hearback migrate "
            "(hearback run and hearback webhook migrate it when they start)"
        )
    return current


def migrations_dir() -> Path:
    """The Alembic script folder: ``$HEARBACK_MIGRATIONS_DIR`` or ``<repo>/migrations``."""
    override = os.environ.get(MIGRATIONS_DIR_ENV)
    folder = (
        Path(override) if override else Path(bot.__file__).resolve().parent.parent / "migrations"
    )
    if not (folder / "env.py").is_file():
        raise ConfigError(
            f"no Alembic migrations in {folder} (set {MIGRATIONS_DIR_ENV} to the migrations folder)"
        )
    return folder


def alembic_config(url: str | None = None) -> Config:
    """An Alembic ``Config`` for the migrations folder; ``url`` is passed to ``env.py``."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if url is not None:
        cfg.attributes["database_url"] = url
    return cfg


def head_revision() -> str:
    """The newest revision id in the migrations folder."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise ConfigError("the migrations folder has no revisions")
    return head


def scripted_head(folder: Path | None = None) -> str | None:
    """The head revision as the scripts in ``folder/versions`` state it, read without
    Alembic; ``None`` when that is not plain (several heads, a branch label or dependency,
    a value that is not a literal): then only Alembic can tell."""
    revisions: dict[str, str | None] = {}
    for path in sorted(((folder or migrations_dir()) / "versions").glob("*.py")):
        if path.name == "__init__.py" or path.name.startswith(".#"):
            continue  # the files Alembic skips too
        values: dict[str, object] = {}
        for node in ast.parse(path.read_bytes(), filename=str(path)).body:
            target: ast.expr
            if isinstance(node, ast.AnnAssign) and node.value is not None:
                target, value = node.target, node.value
            elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, value = node.targets[0], node.value
            else:
                continue
            if isinstance(target, ast.Name):
                try:
                    values[target.id] = ast.literal_eval(value)
                except (ValueError, TypeError):
                    values[target.id] = ValueError  # not a literal
        revision, down = values.get("revision"), values.get("down_revision")
        if not isinstance(revision, str) or not (down is None or isinstance(down, str)):
            return None
        if values.get("branch_labels") is not None or values.get("depends_on") is not None:
            return None
        revisions[revision] = down
    heads = set(revisions) - set(revisions.values())
    return heads.pop() if len(heads) == 1 else None


async def _stored_revision(url: str) -> tuple[str, ...]:
    """The revisions in the database's ``alembic_version`` table (read-only)."""
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            conn = await conn.execution_options(**READ_ONLY)
            rows = await conn.execute(text("SELECT version_num FROM alembic_version"))
            return tuple(str(row[0]) for row in rows)
    finally:
        await engine.dispose()


async def _at_head(url: str) -> str | None:
    """The head revision when the database is plainly at it, else ``None``."""
    try:
        head = scripted_head()
        if head is not None and await _stored_revision(url) == (head,):
            return head
    except Exception:  # no table yet, an odd script...: Alembic decides
        pass
    return None


async def _with_connection(
    url: str, work: Callable[[Connection, Config], object], *, checked: bool = False
) -> None:
    if not checked:
        await check_database(url)
    cfg = alembic_config(url)
    engine = make_engine(url, foreign_keys=False)
    try:
        async with engine.begin() as conn:

            def run(sync_conn: Connection) -> None:
                if sync_conn.dialect.name == "postgresql":
                    # Instances starting together migrate one after the other (the lock ends
                    # with this transaction); SQLite's BEGIN IMMEDIATE already serialises.
                    sync_conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
                cfg.attributes["connection"] = sync_conn
                _require_known(sync_conn, cfg)
                work(sync_conn, cfg)
                if sync_conn.dialect.name == "sqlite":
                    broken = sync_conn.execute(text("PRAGMA foreign_key_check")).all()
                    if broken:
                        raise RuntimeError(f"migration left broken foreign keys: {broken[:5]}")

            await conn.run_sync(run)
    finally:
        await engine.dispose()


async def upgrade(url: str, revision: str = "head") -> str | None:
    """Migrate the database at ``url`` up to ``revision``; returns the revision it is at.

    Up to the head, a database already there is only read (Alembic stays unloaded)."""
    if revision == "head":
        await check_database(url)
        head = await _at_head(url)
        if head is not None:
            return head
    from alembic import command

    await _with_connection(
        url, lambda _conn, cfg: command.upgrade(cfg, revision), checked=revision == "head"
    )
    return await current_revision(url)


async def downgrade(url: str, revision: str = "base") -> str | None:
    """Migrate the database at ``url`` down to ``revision``; returns the revision it is at."""
    from alembic import command

    await _with_connection(url, lambda _conn, cfg: command.downgrade(cfg, revision))
    return await current_revision(url)


async def current_revision(url: str) -> str | None:
    """The revision the database is at (``None``: never migrated)."""
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(
                lambda sync_conn: MigrationContext.configure(sync_conn).get_current_revision()
            )
    finally:
        await engine.dispose()


async def make_revision(url: str, *, rev_id: str, message: str) -> None:
    """Autogenerate a new revision from the models against a database migrated to head."""
    from alembic import command

    await _with_connection(
        url,
        lambda _conn, cfg: command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id),
    )


def migrate_main(url: str) -> int:
    """``hearback migrate``: upgrade to head, print one line, return the exit code."""
    shown = describe_url(url)
    try:
        revision = asyncio.run(upgrade(url))
    except ConfigError as exc:
        print(f"hearback migrate: {exc}", file=sys.stderr)
        return 2
    except SchemaError as exc:
        print(f"hearback migrate: {shown}: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a failed migration is reported in one line, not a traceback
        print(
            f"hearback migrate: {shown}: {one_line(f'{type(exc).__name__}: {exc}')}",
            file=sys.stderr,
        )
        return 1
    print(f"database {shown} is at revision {revision} (head)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m bot.storage.migrate``: upgrade (default), downgrade REV, current, revision."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        url = load_settings().database_url
        action = args[0] if args else "upgrade"
        if action == "upgrade":
            return migrate_main(url)
        if action == "downgrade" and len(args) == 2:
            revision = asyncio.run(downgrade(url, args[1]))
            print(f"database {describe_url(url)} is at revision {revision}")
            return 0
        if action == "current":
            print(asyncio.run(current_revision(url)))
            return 0
        if action == "revision" and len(args) == 3:
            asyncio.run(make_revision(url, rev_id=args[1], message=args[2]))
            return 0
    except ConfigError as exc:
        print(f"migrate: {exc}", file=sys.stderr)
        return 2
    print(
        "usage: python -m bot.storage.migrate [upgrade | downgrade REV | current | revision ID MSG]"
    )
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
