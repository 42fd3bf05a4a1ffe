"""``hearback webhook`` end to end: the secret header, /healthz, ``hearback health``, and two
instances on one PostgreSQL database handling each update once.

The fake Bot API posts updates to the URL the bot registers with setWebhook, with the
secret header, as Telegram does; the tests also post to the server directly, as an attacker
(no or a wrong secret) or as a Telegram that delivers one update twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from fakebot import FakeBotApi
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from testkit.databases import Databases

from .conftest import (
    E2E,
    LOOP,
    TOKEN,
    WEBHOOK_SECRET,
    BotProcess,
    hearback_command,
    new_interview,
    next_reply,
    no_bad_requests,
    onboard,
    post,
    say,
    text_of,
    text_update,
)

pytestmark = E2E


async def healthz(bot: BotProcess) -> tuple[int, dict[str, Any]]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{bot.port}/healthz") as response,
    ):
        return response.status, await response.json()


async def hearback(bot: BotProcess, *args: str) -> tuple[int, str]:
    """Run another ``hearback`` command with the bot's environment (as Docker would)."""
    proc = await asyncio.create_subprocess_exec(
        *hearback_command(),
        *args,
        cwd=bot.workdir,
        env=bot.environment(),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await proc.communicate()
    assert proc.returncode is not None
    return proc.returncode, out.decode()


async def point_webhook_at(fake: FakeBotApi, bot: BotProcess) -> None:
    """Make the fake deliver to ``bot`` (what a re-registering instance or a balancer does)."""
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{fake.base_url}{TOKEN}/setWebhook",
            json={"url": f"http://127.0.0.1:{bot.port}/telegram", "secret_token": WEBHOOK_SECRET},
        ) as response,
    ):
        assert response.status == 200


@pytest_asyncio.fixture(loop_scope=LOOP, scope="module")
async def hook(fake: FakeBotApi, workdir: Path) -> AsyncIterator[BotProcess]:
    process = BotProcess(fake, workdir, command="webhook", name="hook")
    await process.start()
    yield process
    if process.running:
        await process.stop()
    process.assert_clean()
    assert WEBHOOK_SECRET not in process.log()


class TestOneInstance:
    """The webhook server of one ``hearback webhook`` process on SQLite."""

    async def test_registers_its_url_and_secret(self, fake: FakeBotApi, hook: BotProcess) -> None:
        assert fake.webhook_url == f"http://127.0.0.1:{hook.port}/telegram"
        assert fake.webhook_secret == WEBHOOK_SECRET

    async def test_updates_arrive_through_the_webhook(
        self, fake: FakeBotApi, hook: BotProcess
    ) -> None:
        user = fake.user("Webb")
        await onboard(user, "Chicago")
        summary = await new_interview(user, company="Hooksmith Inc", said=None)
        assert "Hooksmith Inc" in text_of(summary)
        delivered = [d for d in fake.webhook_deliveries if d.status == 200]
        assert len(delivered) >= 10
        assert all(d.status == 200 for d in fake.webhook_deliveries)

    async def test_without_or_with_a_wrong_secret_403_and_nothing_happens(
        self, fake: FakeBotApi, hook: BotProcess
    ) -> None:
        intruder = fake.user("Intruder")  # never wrote through Telegram: the fake has no chat
        for secret in (None, "", "wrong-secret", WEBHOOK_SECRET + "x", WEBHOOK_SECRET[:-1]):
            assert await post(hook, text_update(intruder, "/start"), secret) == 403
        assert await post(hook, b"not json", WEBHOOK_SECRET) == 400
        assert await post(hook, b"[1, 2]", WEBHOOK_SECRET) == 400
        assert await post(hook, {"no": "update_id"}, WEBHOOK_SECRET) == 400
        # A request that does get through is answered; the refused ones left no trace.
        probe = fake.user("Probe")
        await say(probe, "/start", until="where are you")
        assert intruder.messages == []
        assert hook.query(
            "SELECT count(*) FROM users WHERE telegram_user_id = ?", [intruder.id]
        ) == [(0,)]
        assert hook.log().count("without the right secret token: refused (403)") == 5

    async def test_the_same_update_posted_twice_is_handled_once(
        self, fake: FakeBotApi, hook: BotProcess
    ) -> None:
        user = fake.user("Twice")
        await onboard(user, "Denver")
        await new_interview(user, company="Echo Echo", said=None)
        update = text_update(user, "I emailed the recruiter today")
        user.mark_read()
        statuses = list(await asyncio.gather(post(hook, update), post(hook, update)))
        assert statuses == [200, 200]
        await say(user, "/list", until="your interviews")
        logged = [m for m in user.messages if text_of(m).startswith("Logged:")]
        assert len(logged) == 1
        ((attempts,),) = hook.query(
            "SELECT count(*) FROM attempts a JOIN users u ON u.id = a.owner_id "
            "WHERE u.telegram_user_id = ?",
            [user.id],
        )
        assert attempts == 1

    async def test_healthz_and_hearback_health(self, fake: FakeBotApi, hook: BotProcess) -> None:
        assert await healthz(hook) == (200, {"ok": True, "database": "ok"})
        code, out = await hearback(hook, "health")
        assert code == 0 and "ok" in out and "/healthz" in out
        code, out = await hearback(hook, "health", "--mode", "database")
        assert code == 0 and "database ok" in out

    async def test_sigterm_stops_cleanly_and_keeps_the_webhook(
        self, fake: FakeBotApi, hook: BotProcess
    ) -> None:
        assert await hook.stop() == 0
        assert fake.webhook_url is not None  # other instances may still be serving it
        code, out = await hearback(hook, "health")
        assert code == 1 and "UNHEALTHY" in out
        assert no_bad_requests(fake) == []


# ---------------------------------------------------------------------- two instances, one DB


@pytest.fixture(scope="module")
def postgres_url(databases: Databases) -> str:
    return databases.empty("postgresql")


@pytest_asyncio.fixture(loop_scope=LOOP, scope="module")
async def pair(
    fake: FakeBotApi, workdir: Path, postgres_url: str
) -> AsyncIterator[tuple[BotProcess, BotProcess]]:
    """Two webhook instances on one fresh PostgreSQL database, started at the same time."""
    first = BotProcess(fake, workdir, database_url=postgres_url, command="webhook", name="pg-a")
    second = BotProcess(fake, workdir, database_url=postgres_url, command="webhook", name="pg-b")
    await asyncio.gather(first.start(), second.start())
    yield first, second
    for process in (first, second):
        if process.running:
            await process.stop()
        process.assert_clean()


INTERVIEWS_OF = (
    "SELECT count(*) FROM interviews i JOIN users u ON u.id = i.owner_id "
    "WHERE u.telegram_user_id = :uid"
)
ATTEMPTS_OF = (
    "SELECT count(*) FROM attempts a JOIN users u ON u.id = a.owner_id "
    "WHERE u.telegram_user_id = :uid"
)


async def _count(url: str, sql: str, **params: Any) -> int:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            value = (await conn.execute(text(sql), params)).scalar_one()
            assert isinstance(value, int)
            return value
    finally:
        await engine.dispose()


@pytest.mark.postgres
async def test_two_instances_on_one_postgres_database(
    fake: FakeBotApi, pair: tuple[BotProcess, BotProcess], postgres_url: str
) -> None:
    first, second = pair
    user = fake.user("Duo")
    # The conversation hops between the instances on every answer, as behind a balancer.
    steps = [
        ("/start", "where are you"),
        ("Berlin", "when should my reminders"),
        ("10", "all set"),
        ("/new", "which company"),
        ("Twinwell GmbH", "what role"),
        ("Analyst", "when was the interview"),
        ("yesterday", "who did you meet"),
        ("Kim Roe, recruiter", "anyone else"),
        ("/skip", "hear back"),
        ("/skip", "how did it feel"),
        ("warm", "thank-you note"),
        ("no", "your plan"),
    ]
    for index, (said, expected) in enumerate(steps):
        await point_webhook_at(fake, (first, second)[index % 2])
        await say(user, said, until=expected)
    summary = user.messages[-1]
    assert "Twinwell GmbH — Analyst" in text_of(summary) and "Kim Roe" in text_of(summary)

    # One update delivered to both instances at once: handled once.
    update = text_update(user, "I emailed the recruiter today")
    user.mark_read()
    assert list(await asyncio.gather(post(first, update), post(second, update))) == [200, 200]
    # A 200 means "stored"; the instance that stored it answers right after.
    await next_reply(user, until="Logged:")
    await say(user, "/list", until="your interviews")
    assert len([m for m in user.messages if text_of(m).startswith("Logged:")]) == 1
    assert await _count(postgres_url, INTERVIEWS_OF, uid=user.id) == 1
    assert await _count(postgres_url, ATTEMPTS_OF, uid=user.id) == 1
    for process in pair:
        assert await healthz(process) == (200, {"ok": True, "database": "ok"})
    assert no_bad_requests(fake) == []


@pytest.mark.postgres
@pytest.mark.parametrize("round_", range(3))
async def test_instances_starting_together_migrate_one_after_the_other(
    fake: FakeBotApi, workdir: Path, databases: Databases, round_: int
) -> None:
    """Three ``hearback migrate`` at once on a fresh database: all succeed (before the
    advisory lock, one of two usually died on "duplicate key ... pg_type_typname_nsp_index")."""
    url = databases.empty("postgresql")
    process = BotProcess(fake, workdir, database_url=url, name=f"migrate-{round_}")
    results = await asyncio.gather(*(hearback(process, "migrate") for _ in range(3)))
    for code, out in results:
        assert code == 0, out
        assert "at revision" in out


class TestWebhookConfig:
    """Where the server answers and what it registers, from WEBHOOK_URL (no process)."""

    @staticmethod
    def config(url: str | None, secret: str | None = "s3cret") -> Any:
        from bot.config import Settings
        from bot.webhook import webhook_config

        # pydantic turns the str into a SecretStr; the plain str lets the test pass bad ones.
        settings = Settings(_env_file=None, webhook_url=url, webhook_secret=secret)  # type: ignore[call-arg, arg-type]
        return webhook_config(settings)

    async def test_a_bare_host_gets_the_telegram_path(self) -> None:
        config = self.config("https://bot.example.com")
        assert (config.public_url, config.path) == ("https://bot.example.com/telegram", "/telegram")

    async def test_a_path_is_kept_for_the_proxy(self) -> None:
        config = self.config("https://example.com/hearback/hook/")
        assert (config.public_url, config.path) == (
            "https://example.com/hearback/hook",
            "/hearback/hook",
        )

    @pytest.mark.parametrize(
        ("url", "secret", "words"),
        [
            (None, "s3cret", "WEBHOOK_URL"),
            ("https://bot.example.com", None, "WEBHOOK_SECRET"),
            ("ftp://bot.example.com", "s3cret", "https URL"),
            ("https://bot.example.com/healthz", "s3cret", "/healthz"),
        ],
    )
    async def test_what_is_wrong_is_said_in_one_line(
        self, url: str | None, secret: str | None, words: str
    ) -> None:
        from bot.config import ConfigError

        with pytest.raises(ConfigError, match=words) as caught:
            self.config(url, secret)
        assert "\n" not in str(caught.value)
