"""Starting the real bot: settings, token check, database check and migration, then PTB."""

from __future__ import annotations

import asyncio
import gc
import logging
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.config import ConfigError, Settings, load_settings
from bot.core.heap import give_back_free_heap
from bot.logs import setup_logging
from bot.places import load_index
from bot.storage.db import check_database, db_reason, describe_url
from bot.storage.health import check_writable
from bot.storage.migrate import SchemaError, upgrade
from bot.telegram.app import build_application
from bot.telegram.runtime import Clock, system_clock

log = logging.getLogger(__name__)

NO_TOKEN_HELP = (
    "{problem}. To get a token, open Telegram, talk to @BotFather, send /newbot and put the "
    "token in .env as TELEGRAM_BOT_TOKEN=... (see .env.example). To try HearBack right now "
    "without a token, run: {chat}"
)


def typed_command(subcommand: str) -> str:
    """``hearback <subcommand>`` as it can be typed in this shell.

    "hearback chat" when ``hearback`` on the PATH is this very script; otherwise the path
    this script was started by, as typed (".venv/bin/hearback chat" after the README's
    install, where the virtual environment is not activated).
    """
    started = sys.argv[0] if sys.argv and sys.argv[0] else "hearback"
    script = Path(started)
    if script.name != "hearback":  # python -m bot.cli, or an embedding program
        return f"{sys.executable} -m bot.cli {subcommand}"
    on_path = shutil.which("hearback")
    if on_path is not None and Path(on_path).resolve() == script.resolve():
        return f"hearback {subcommand}"
    if script.is_absolute() and script.is_relative_to(Path.cwd()):
        started = str(script.relative_to(Path.cwd()))
    return f"{started} {subcommand}"


def prepare(command: str) -> tuple[Settings, str] | int:
    """Settings and token ready to run, or the exit code after one line on stderr."""
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"hearback {command}: {exc}", file=sys.stderr)
        return 2
    problem = settings.token_problem()
    if problem is not None or settings.telegram_bot_token is None:
        advice = NO_TOKEN_HELP.format(problem=problem, chat=typed_command("chat"))
        print(f"hearback {command}: {advice}", file=sys.stderr)
        return 2
    token = settings.telegram_bot_token.get_secret_value().strip()
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    setup_logging(settings.log_level, token, secret)
    try:
        asyncio.run(check_database(settings.database_url))
    except ConfigError as exc:
        print(f"hearback {command}: {exc}", file=sys.stderr)
        return 2
    shown = describe_url(settings.database_url)
    try:
        revision = asyncio.run(upgrade(settings.database_url))
    except (ConfigError, SchemaError) as exc:
        print(f"hearback {command}: {shown}: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a failed migration (locked, read-only...): one line, no traceback
        print(f"hearback {command}: {shown}: cannot migrate: {db_reason(exc)}", file=sys.stderr)
        return 1
    try:
        # SELECT 1 answers on a read-only file, a full disk or a locked database: write once.
        asyncio.run(check_writable(settings.database_url))
    except ConfigError as exc:
        print(f"hearback {command}: {exc}", file=sys.stderr)
        return 1
    log.info("database ready at revision %s", revision)
    return settings, token


def clock_for(settings: Settings) -> Clock:
    """The real clock, or (``HEARBACK_TEST_NOW``, tests only) one that starts at that moment
    and then runs at the real pace."""
    start = settings.hearback_test_now
    if start is None:
        return system_clock
    log.warning("HEARBACK_TEST_NOW is set: the clock starts at %s (for tests only)", start)
    offset = start - datetime.now(UTC)

    def test_clock() -> datetime:
        return datetime.now(UTC) + offset

    return test_clock


def settle_heap() -> None:
    """Load the city index, then exempt everything loaded so far from the cyclic garbage
    collector: it lives as long as the process. Otherwise each full collection walks these
    ~130,000 objects (over 100 ms on a busy machine) and the loop answers nobody meanwhile."""
    load_index()
    gc.collect()
    gc.freeze()
    # Parsing the index peaks at ~17 MB for ~6 MB kept: without this the process would
    # start ~6 MB bigger than it is.
    give_back_free_heap()


def run_polling() -> int:
    ready = prepare("run")
    if isinstance(ready, int):
        return ready
    settings, token = ready
    from bot.telegram.pipeline.polling import run_polling as poll_until_stopped

    app = build_application(settings, token=token, clock=clock_for(settings))
    settle_heap()
    asyncio.run(poll_until_stopped(app))
    return 0


def run_webhook() -> int:
    """``hearback webhook``: the bot behind :mod:`bot.webhook` (secret header, /healthz)."""
    from bot.webhook import serve, webhook_config

    try:
        webhook_config(load_settings())  # say what is missing before touching the database
    except ConfigError as exc:
        print(f"hearback webhook: {exc}", file=sys.stderr)
        return 2
    ready = prepare("webhook")
    if isinstance(ready, int):
        return ready
    settings, token = ready
    app = build_application(settings, token=token, clock=clock_for(settings))
    settle_heap()
    try:
        asyncio.run(serve(app, settings))
    except ConfigError as exc:
        print(f"hearback webhook: {exc}", file=sys.stderr)
        return 2
    return 0
