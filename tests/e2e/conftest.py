"""End to end: the real ``hearback`` process, started by the test, talking to the fake Bot API.

Every test module here runs on one event loop for the whole module (declare
``pytestmark = E2E``): the fake Bot API (:mod:`fakebot`) serves on 127.0.0.1 in that loop,
and the bot runs as a subprocess (``hearback run`` or ``hearback webhook``) pointed at it
with ``TELEGRAM_API_BASE_URL``, a SQLite file (or a PostgreSQL database) of its own, and
``LOG_LEVEL=DEBUG``. Its stdout and stderr go to a log file that the tests read: after every
module the log must hold no traceback, no "error while handling" and never the token.

The process reads the real clock; tests put interviews in the past to make steps due.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import re
import signal
import socket
import sqlite3
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterable
from pathlib import Path
from typing import Any, Final

import aiohttp
import pytest
import pytest_asyncio
from fakebot import BotMessage, FakeBotApi, FakeUser, UserMessage
from testkit.waits import PROCESS_START, PROCESS_STOP, wait_budget

TOKEN = "123456:AAE2e-fake-token-for-tests-0123456789"
"""Shaped like a BotFather token (the bot refuses others); the fake answers only this one."""
TOKEN_SECRET = TOKEN.split(":", 1)[1]
WEBHOOK_SECRET = "e2e-webhook-secret_0123456789"
LOOP: Final = "module"
E2E = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope=LOOP)]
"""``pytestmark`` of every e2e module: the marker and the module-wide event loop."""

PROBLEMS = re.compile(r"Traceback|error while handling|CRITICAL", re.IGNORECASE)
_ENV_PREFIXES = (
    "DATABASE_",
    "TELEGRAM_",
    "WEBHOOK_",
    "LOG_",
    "HEARBACK_",
    "RATE_LIMIT",
    "DEFAULT_NUDGE",
)


def hearback_command() -> list[str]:
    """The installed ``hearback`` console script next to this interpreter (or the module)."""
    script = Path(sys.executable).with_name("hearback")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from bot.cli import main; raise SystemExit(main())"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class BotProcess:
    """One ``hearback`` process under test; may be started, stopped and killed repeatedly.

    Every start appends to the same log file, so a module's checks see all of its runs.
    """

    def __init__(
        self,
        fake: FakeBotApi,
        workdir: Path,
        *,
        database_url: str | None = None,
        command: str = "run",
        env: dict[str, str] | None = None,
        name: str = "bot",
    ) -> None:
        self.fake = fake
        self.workdir = workdir
        self.database_path = workdir / f"{name}.db"
        self.database_url = database_url or f"sqlite+aiosqlite:///{self.database_path}"
        self.command = command
        self.extra_env = dict(env or {})
        self.name = name
        self.log_path = workdir / f"{name}.log"
        self.proc: asyncio.subprocess.Process | None = None
        self.port = free_port() if command == "webhook" else 0
        self.starts = 0

    # ------------------------------------------------------------------ running

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(_ENV_PREFIXES)}
        env.update(
            DATABASE_URL=self.database_url,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=self.fake.base_url,
            LOG_LEVEL="DEBUG",
            PYTHONUNBUFFERED="1",
            # Telegram's 30/s would make the hostile-text hunt crawl; the fake has no limit.
            RATE_LIMIT_PER_SECOND="1000",
            RATE_LIMIT_PER_CHAT_SECONDS="0",
            RATE_LIMIT_CHAT_UPDATES_PER_MINUTE="100000",
        )
        if self.command == "webhook":
            env.update(
                WEBHOOK_LISTEN="127.0.0.1",
                WEBHOOK_PORT=str(self.port),
                WEBHOOK_URL=f"http://127.0.0.1:{self.port}/telegram",
                WEBHOOK_SECRET=WEBHOOK_SECRET,
            )
        env.update(self.extra_env)
        return env

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.returncode is None

    async def start(self, timeout: float | None = None) -> None:  # noqa: ASYNC109
        """Start the process and wait until it polls (run) or set its webhook (webhook).

        ``timeout``: seconds as given, by default the budget of :data:`PROCESS_START`.
        """
        assert not self.running, "already running"
        if timeout is None:
            timeout = wait_budget(PROCESS_START)
        mark = len(self.fake.calls)
        ready_method = "getUpdates" if self.command == "run" else "setWebhook"
        with self.log_path.open("ab") as log:
            log.write(f"----- start {self.starts + 1} of {self.name}\n".encode())
            log.flush()
            self.proc = await asyncio.create_subprocess_exec(
                *hearback_command(),
                self.command,
                cwd=self.workdir,
                env=self.environment(),
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )
        self.starts += 1

        def ready() -> bool:
            # A getUpdates long poll is ready as it arrives; setWebhook once it succeeded.
            return any(
                c.method == ready_method and (c.ok or ready_method == "getUpdates")
                for c in self.fake.calls[mark:]
            )

        exited = asyncio.ensure_future(self.proc.wait())
        polling = asyncio.ensure_future(self.fake.wait_until(ready, timeout))
        done, _ = await asyncio.wait({exited, polling}, return_when=asyncio.FIRST_COMPLETED)
        if exited in done:
            polling.cancel()
            raise AssertionError(
                f"{self.name} exited with {self.proc.returncode} before it was ready:\n"
                + self.log_tail()
            )
        exited.cancel()
        try:
            polling.result()
        except TimeoutError:
            raise AssertionError(
                f"{self.name} not ready in {timeout:g} s:\n{self.log_tail()}"
            ) from None

    async def stop(self, timeout: float | None = None) -> int:  # noqa: ASYNC109
        """SIGTERM and wait: the graceful stop of ``docker stop`` or systemd."""
        return await self._end(signal.SIGTERM, timeout or wait_budget(PROCESS_STOP))

    async def kill(self) -> int:
        """SIGKILL (kill -9): no clean-up of any kind."""
        return await self._end(signal.SIGKILL, wait_budget(PROCESS_STOP))

    async def _end(self, sig: int, timeout: float) -> int:  # noqa: ASYNC109
        if self.proc is None:
            return 0
        if self.proc.returncode is None:
            self.proc.send_signal(sig)
            try:
                await asyncio.wait_for(self.proc.wait(), timeout)
            except TimeoutError:
                self.proc.kill()
                await self.proc.wait()
                raise AssertionError(
                    f"{self.name} ignored signal {sig} for {timeout:g} s"
                ) from None
        code = self.proc.returncode
        assert code is not None
        return code

    # ------------------------------------------------------------------ reading

    def log(self) -> str:
        if not self.log_path.exists():
            return ""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log().splitlines()[-lines:])

    def problems(self, allow: Iterable[str] = ()) -> list[str]:
        """Log lines that show an unhandled exception (minus those matching ``allow``)."""
        allowed = [re.compile(a) for a in allow]
        return [
            line
            for line in self.log().splitlines()
            if PROBLEMS.search(line) and not any(a.search(line) for a in allowed)
        ]

    def assert_clean(self, allow: Iterable[str] = ()) -> None:
        found = self.problems(allow)
        assert not found, f"{self.name} logged problems:\n" + "\n".join(found[:20])
        text = self.log()
        assert TOKEN_SECRET not in text, "the bot token appears in the log"

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        """Read the bot's SQLite database directly (read-only), to check what is stored."""
        uri = f"file:{self.database_path}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=wait_budget(2))) as conn:
            return list(conn.execute(sql, tuple(params)))


# ---------------------------------------------------------------------- conversation helpers


async def say(
    user: FakeUser,
    text: str,
    *,
    until: str | Callable[[BotMessage], bool] | None = None,
    timeout: float | None = None,  # noqa: ASYNC109
) -> BotMessage:
    """The user sends ``text``; returns the bot's first reply (or the first matching ``until``)."""
    user.mark_read()
    await user.send(text)
    return await next_reply(user, until=until, timeout=timeout)


async def press(
    user: FakeUser,
    message: BotMessage,
    button: str,
    *,
    until: str | Callable[[BotMessage], bool] | None = None,
    timeout: float | None = None,  # noqa: ASYNC109
) -> BotMessage:
    """The user presses ``button`` (its data, or a part of its label); returns the reply."""
    user.mark_read()
    exact = any(button in (label, data) for label, data in message.buttons)
    pressed = await user.press(message, button if exact else button_data(message, button))
    reply = await next_reply(user, until=until, timeout=timeout)
    await user.wait_for_answer(pressed, timeout)
    return reply


async def next_reply(
    user: FakeUser,
    *,
    until: str | Callable[[BotMessage], bool] | None = None,
    timeout: float | None = None,  # noqa: ASYNC109
) -> BotMessage:
    if isinstance(until, str):
        needle = until.casefold()

        def predicate(m: BotMessage) -> bool:
            return needle in text_of(m).casefold()

        return await user.wait_for_message(timeout, predicate)
    return await user.wait_for_message(timeout, until)


def text_of(message: BotMessage) -> str:
    return message.text if message.text is not None else (message.caption or "")


def button_data(message: BotMessage, label_part: str) -> str:
    """The callback data of the button whose label contains ``label_part``."""
    for label, data in message.buttons:
        if label_part.casefold() in label.casefold() and data is not None:
            return data
    raise LookupError(f"no button like {label_part!r}: {message.buttons}")


def last_document(user: FakeUser) -> dict[str, Any]:
    """The JSON of the newest document the bot sent to ``user`` (the /export file)."""
    for message in reversed(user.messages):
        if message.document is not None:
            data = json.loads(message.document.content)
            assert isinstance(data, dict)
            return data
    raise LookupError("the bot sent no document")


async def onboard(user: FakeUser, city: str = "Berlin") -> None:
    """/start, the city, the reminder hour: the user is ready for /new."""
    await say(user, "/start", until="where are you")
    hour = await say(user, city, until="when should my reminders arrive")
    await press(user, hour, "9:00", until="all set")


async def new_interview(
    user: FakeUser,
    *,
    company: str,
    role: str = "Backend engineer",
    when: str = "yesterday",
    person: str | None = "Dana Lee, recruiter, dana@acme.example",
    said: str | None = "within two weeks",
    vibe: str = "warm",
    thanked: bool = True,
) -> BotMessage:
    """/new through every question; returns the summary with the plan."""
    await say(user, "/new", until="which company")
    await say(user, company, until="what role")
    await say(user, role, until="when was the interview")
    people = await say(user, when, until="who did you meet")
    if person is not None:
        people = await say(user, person, until="anyone else")
    timeline = await press(user, people, "That's everyone", until="hear back")
    if said is None:
        vibe_question = await press(user, timeline, "They didn't say", until="how did it feel")
    else:
        confirm = await say(user, said, until="so, by")
        vibe_question = await press(user, confirm, "Yes", until="how did it feel")
    thanks = await press(user, vibe_question, f"q:vibe:{vibe}", until="thank-you note")
    return await press(user, thanks, "Yes, sent" if thanked else "Not yet", until="your plan")


# ---------------------------------------------------------------------- webhook posts

_update_ids = itertools.count(900_000_000)
_message_ids = itertools.count(500_000)


def text_update(user: FakeUser, text_: str) -> dict[str, Any]:
    """A message update built by the test (ids far from the fake's own)."""
    message = {
        "message_id": next(_message_ids),
        "from": user.to_api(),
        "chat": user.chat_api(),
        "date": int(time.time()),
        "text": text_,
    }
    return {"update_id": next(_update_ids), "message": message}


async def post(
    bot: BotProcess, body: bytes | dict[str, Any], secret: str | None = WEBHOOK_SECRET
) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    url = f"http://127.0.0.1:{bot.port}/telegram"
    async with aiohttp.ClientSession() as session:
        if isinstance(body, bytes):
            response = await session.post(url, data=body, headers=headers)
        else:
            response = await session.post(url, json=body, headers=headers)
        async with response:
            return response.status


# ---------------------------------------------------------------------- fixtures


@pytest_asyncio.fixture(loop_scope=LOOP, scope="module")
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(token=TOKEN, seed=6) as server:
        yield server
    assert server.internal_errors == []


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e")


@pytest_asyncio.fixture(loop_scope=LOOP, scope="module")
async def bot(fake: FakeBotApi, workdir: Path) -> AsyncIterator[BotProcess]:
    """``hearback run`` on a SQLite file, started once for the module."""
    process = BotProcess(fake, workdir)
    await process.start()
    yield process
    await process.stop()
    process.assert_clean()


def no_bad_requests(fake: FakeBotApi, since: int = 0) -> list[str]:
    """Every 4xx the fake answered from call ``since`` on, other than Telegram's answers to
    circumstances (403 blocked, 409 conflict, 429 flood control): requests Telegram refuses."""
    return [
        f"{c.method} -> {c.status} {c.description}"
        for c in fake.calls[since:]
        if 400 <= c.status < 500 and c.status not in (403, 409, 429)
    ]


def redeliver(fake: FakeBotApi, update: dict[str, Any]) -> None:
    """Queue ``update`` again with the same ``update_id``, as Telegram does when it is unsure
    the bot got it (a crash before the offset was confirmed, a webhook answer that was lost).

    Telegram hands out its queue in update_id order (a replay is an update whose offset was
    never confirmed), so the copy goes in by id, after any update with the same id. The fake
    has no public call for this, so this reaches into its queue.
    """
    queue = fake._pending
    at = next((i for i, u in enumerate(queue) if u["update_id"] > update["update_id"]), None)
    queue.insert(len(queue) if at is None else at, json.loads(json.dumps(update)))
    fake._signal.fire()


def message_update(user: FakeUser, sent: UserMessage) -> dict[str, Any]:
    """The update Telegram made for a text message ``user`` sent (same id, same body)."""
    message: dict[str, Any] = {
        "message_id": sent.message_id,
        "from": user.to_api(),
        "chat": user.chat_api(),
        "date": sent.date,
        "text": sent.text,
    }
    return {"update_id": sent.update_id, "message": message}
