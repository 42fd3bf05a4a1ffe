"""What ``hearback run`` and ``hearback health`` print when they cannot start: one line,
a clear reason, the right exit code, no traceback. The real console script is run in a
subprocess with a clean environment (no ``.env`` is read: the working directory has none)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from testkit.databases import Databases, run_in_thread

SCRIPT = Path(sys.executable).with_name("hearback")
TOKEN = "123456:AAE-startup-line-tests-0123456789abcdef"


def hearback(
    *args: str, cwd: Path, env: dict[str, str] | None = None, script: str | None = None
) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_", "TELEGRAM_", "WEBHOOK_", "LOG_", "HEARBACK_"))
    }
    clean["PATH"] = "/usr/local/bin:/usr/bin:/bin"  # as after the README's install: no venv
    clean.update(env or {})
    return subprocess.run(
        [script or str(SCRIPT), *args],
        cwd=cwd,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


# A log record of the bot's own format; "hearback run" logs its start-up at INFO.
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (?P<level>[A-Z]+) ")


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The one line the command printed about what is wrong (start-up INFO logs aside)."""
    out = (result.stdout + result.stderr).strip()
    assert "Traceback" not in out, out
    said = []
    for line in out.splitlines():
        record = LOG_LINE.match(line)
        if record is None:
            said.append(line)
        else:
            assert record.group("level") in ("DEBUG", "INFO"), out
    assert len(said) == 1, out
    return said[0]


class TestNoToken:
    def test_says_the_botfather_advice_once_and_the_chat_command_as_typed(self) -> None:
        # Run it as the README does: from the folder holding .venv, as .venv/bin/hearback.
        home = SCRIPT.parent.parent.parent
        typed = os.path.relpath(SCRIPT, home)
        result = hearback("run", cwd=home, script=typed, env={"TELEGRAM_BOT_TOKEN": ""})
        line = one_line(result)
        assert result.returncode == 2
        assert line.count("@BotFather") == 1, line
        assert f"{typed} chat" in line, line
        assert "TELEGRAM_BOT_TOKEN" in line

    def test_a_bad_token_names_the_problem_and_the_advice_once(self, tmp_path: Path) -> None:
        result = hearback("run", cwd=tmp_path, env={"TELEGRAM_BOT_TOKEN": "not-a-token"})
        line = one_line(result)
        assert result.returncode == 2
        assert "does not look like" in line
        assert line.count("@BotFather") == 1, line
        assert "not-a-token" not in line


def _stamp(url: str, revision: str) -> None:
    """Migrate ``url`` to head, then mark it as migrated by a newer HearBack."""
    from sqlalchemy import text

    from bot.storage.db import make_engine
    from bot.storage.migrate import upgrade

    async def work() -> None:
        await upgrade(url)
        engine = make_engine(url)
        try:
            async with engine.begin() as conn:
                await conn.execute(
                    text("UPDATE alembic_version SET version_num = :v"), {"v": revision}
                )
        finally:
            await engine.dispose()

    run_in_thread(work())


NEWER = "9999_from_the_future"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def newer_database(request: pytest.FixtureRequest, databases: Databases) -> str:
    url = databases.empty(request.param)
    _stamp(url, NEWER)
    return url


class TestUnknownNewerRevision:
    """A database migrated by a newer HearBack: this one must not touch it, and say so."""

    @pytest.mark.parametrize("command", ["run", "health", "migrate"])
    def test_one_line_and_exit_1(self, tmp_path: Path, newer_database: str, command: str) -> None:
        env = {
            "DATABASE_URL": newer_database,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot",  # never reached
        }
        result = hearback(command, cwd=tmp_path, env=env)
        line = one_line(result)
        assert result.returncode == 1, line
        assert NEWER in line and "newer" in line, line


def _migrated_sqlite(tmp_path: Path) -> Path:
    from bot.storage.migrate import upgrade

    path = tmp_path / "hearback.db"
    run_in_thread(upgrade(f"sqlite+aiosqlite:///{path}"))
    return path


def _env(url: str) -> dict[str, str]:
    return {
        "DATABASE_URL": url,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot",  # never reached
    }


class TestUnwritableDatabase:
    """SELECT 1 works on each of these databases; writing does not."""

    @pytest.mark.parametrize("command", ["run", "health"])
    def test_read_only(self, tmp_path: Path, command: str) -> None:
        path = _migrated_sqlite(tmp_path)
        # SQLite's own read-only mode: what it falls back to for a file it may not write
        # (a chmod cannot show it here, as the tests may run as root).
        url = f"sqlite+aiosqlite:///file:{path}?mode=ro&uri=true"
        result = hearback(command, cwd=tmp_path, env=_env(url))
        line = one_line(result)
        assert result.returncode == 1, line
        assert "cannot be written" in line and "readonly" in line, line

    @pytest.mark.parametrize("command", ["run", "health"])
    def test_locked_by_another_writer(self, tmp_path: Path, command: str) -> None:
        path = _migrated_sqlite(tmp_path)
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # held for the whole run: longer than any wait
        try:
            result = hearback(command, cwd=tmp_path, env=_env(f"sqlite+aiosqlite:///{path}"))
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        line = one_line(result)
        assert result.returncode != 0, line
        assert "locked" in line, line

    def test_a_writable_database_is_healthy_and_takes_a_heartbeat(self, tmp_path: Path) -> None:
        path = _migrated_sqlite(tmp_path)
        result = hearback("health", cwd=tmp_path, env=_env(f"sqlite+aiosqlite:///{path}"))
        assert result.returncode == 0, result.stderr
        assert "database ok" in result.stdout
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT name FROM heartbeats").fetchall() == [("health",)]


# What `hearback health` may load: Docker runs it every 30 s, and the image ships byte-code
# for exactly what it imports (Dockerfile), so the Telegram layer, the web server and the
# scheduler stay out of it.
HEALTH_MUST_NOT_IMPORT = ("telegram", "aiohttp", "apscheduler", "bot.telegram", "bot.webhook")


def test_health_loads_the_settings_and_the_storage_only(tmp_path: Path) -> None:
    path = _migrated_sqlite(tmp_path)
    code = (
        "import sys\n"
        "from bot.cli import main\n"
        "status = main(['health'])\n"
        f"banned = {HEALTH_MUST_NOT_IMPORT!r}\n"
        "print(sorted(m for m in sys.modules if m.startswith(banned) and "
        "(m in banned or m.startswith(tuple(b + '.' for b in banned)))), status)\n"
    )
    result = hearback(
        "-c", code, cwd=tmp_path, env=_env(f"sqlite+aiosqlite:///{path}"), script=sys.executable
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[] 0", result.stdout


# What `hearback run` (polling) must not load when it starts: aiohttp's web server is for
# webhook mode (its client is the Bot API's), Alembic for a database not yet at the head,
# Pillow and icalendar for the two turns that draw a picture or write a calendar file, and
# the ~250 holiday countries other than the users', and PostgreSQL's dialect on SQLite (each
# MB the process would keep for good).
RUN_MUST_NOT_IMPORT = (
    "aiohttp.web",
    "alembic",
    "PIL",
    "icalendar",
    "holidays.countries.",
    "sqlalchemy.dialects.postgresql",
)


def test_the_polling_bot_starts_without_what_it_rarely_needs() -> None:
    code = (
        "import sys\n"
        "import bot.runner, bot.telegram.pipeline.polling, bot.telegram.app\n"
        "from bot.places import load_index\n"
        "load_index()\n"
        f"banned = {RUN_MUST_NOT_IMPORT!r}\n"
        "print(sorted(m for m in sys.modules if m.startswith(banned) and "
        "(m in banned or m.startswith(tuple(b.rstrip('.') + '.' for b in banned)))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", result.stdout


@contextlib.contextmanager
def full_disk(folder: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs at ``folder`` holding a migrated database, open in another connection
    (so its -wal and -shm exist, as beside a running bot), then filled to the last byte.

    Needs root to mount; elsewhere the test is skipped (the read-only and locked cases
    above run everywhere).
    """
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        path = _migrated_sqlite(folder)
        holder = sqlite3.connect(path)
        holder.execute("SELECT count(*) FROM users").fetchall()
        try:
            filling = (folder / "filler").open("wb", buffering=0)
            with filling as filler, contextlib.suppress(OSError):
                while True:
                    filler.write(b"\0" * 4096)
            assert os.statvfs(folder).f_bavail == 0
            yield path
        finally:
            holder.close()
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.parametrize("command", ["run", "health"])
def test_a_full_disk_is_refused_in_one_line(tmp_path: Path, command: str) -> None:
    with full_disk(tmp_path / "full") as path:
        result = hearback(command, cwd=tmp_path, env=_env(f"sqlite+aiosqlite:///{path}"))
    line = one_line(result)
    assert result.returncode == 1, line
    assert "cannot be written" in line and "full" in line, line
