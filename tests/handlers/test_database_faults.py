"""An update whose handling hits a database fault (here: SQLite refusing a write half-way
through the turn, after the update id was recorded) is rolled back entirely, so the update
is not marked as seen and its redelivery is handled; the user hears one apology per fault
streak; a webhook answers 503 so that Telegram delivers it again."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import event

from bot.telegram import texts
from bot.telegram.pipeline.wiring import start_pipeline, stop_pipeline
from bot.telegram.updates import text_update
from bot.webhook import SECRET_HEADER, make_web_app

from .harness import BotEnv, User, onboard, text_of


@contextmanager
def writes_refused_after_the_update_id(env: BotEnv) -> Iterator[None]:
    """Every turn records its update id, then finds the database read-only (a real SQLite
    "attempt to write a readonly database" on its next write)."""
    assert env.engine is not None

    def after(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO PROCESSED_UPDATES"):
            other = conn.connection.dbapi_connection.cursor()
            other.execute("PRAGMA query_only = 1")
            other.close()

    event.listen(env.engine.sync_engine, "after_cursor_execute", after)
    try:
        yield
    finally:
        event.remove(env.engine.sync_engine, "after_cursor_execute", after)


async def heal(env: BotEnv) -> None:
    """The database can be written again (fresh connections: query_only is per connection)."""
    assert env.engine is not None
    await env.engine.dispose()


def seen(env: BotEnv, update_id: int) -> bool:
    path = env.url.removeprefix("sqlite+aiosqlite:///")
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT count(*) FROM processed_updates WHERE update_id = ?", (update_id,)
        ).fetchone()
    return bool(rows[0])


async def asked_company(env: BotEnv) -> User:
    user = env.user()
    await onboard(user)
    await user.send("/new")
    return user


async def test_a_fault_half_way_leaves_the_update_unseen_and_its_redelivery_works(
    env: BotEnv,
) -> None:
    user = await asked_company(env)
    with writes_refused_after_the_update_id(env):
        reply = text_of(await user.send("Acme", update_id=880_001))
    assert reply == texts.DB_FAULT
    assert not seen(env, 880_001)
    await heal(env)
    reply = text_of(await user.send("Acme", update_id=880_001))  # Telegram delivers it again
    assert texts.ASK_ROLE in reply
    assert seen(env, 880_001)


async def test_one_apology_per_chat_per_fault_streak(env: BotEnv) -> None:
    user = await asked_company(env)
    other = env.user(2002)
    await onboard(other)
    with writes_refused_after_the_update_id(env):
        first = await user.send("Acme")
        second = await user.send("Acme again")
        third = await user.send("/list")
        elsewhere = await other.send("/list")
    assert [text_of(first), text_of(second), text_of(third)] == [texts.DB_FAULT, "", ""]
    assert text_of(elsewhere) == texts.DB_FAULT  # another chat is told too, once
    await heal(env)
    assert texts.ASK_ROLE in text_of(await user.send("Acme"))
    # The streak ended with that success: a new fault is told again.
    with writes_refused_after_the_update_id(env):
        assert text_of(await user.send("Engineer")) == texts.DB_FAULT
    await heal(env)


@contextmanager
def inbox_refused(env: BotEnv) -> Iterator[None]:
    """The webhook's intake finds the database read-only when it stores the update."""
    assert env.engine is not None

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO INBOX"):
            other = conn.connection.dbapi_connection.cursor()
            other.execute("PRAGMA query_only = 1")
            other.close()

    event.listen(env.engine.sync_engine, "before_cursor_execute", before)
    try:
        yield
    finally:
        event.remove(env.engine.sync_engine, "before_cursor_execute", before)


async def test_a_webhook_update_that_hit_a_fault_is_answered_503_then_200(env: BotEnv) -> None:
    """The webhook answers 200 only once the update is stored: a fault while storing it is a
    503 (Telegram delivers it again), and the stored update is then handled."""
    assert env.app is not None and env.engine is not None
    user = await asked_company(env)
    pipeline = await start_pipeline(env.app)
    client: TestClient[Any, Any] = TestClient(
        TestServer(make_web_app(env.app, secret="s3cret", path="/telegram", engine=env.engine))
    )
    await client.start_server()
    body = text_update(env.app.bot, user.user_id, "Acme", update_id=880_777).to_dict()
    headers = {SECRET_HEADER: "s3cret"}
    try:
        with inbox_refused(env):
            response = await client.post("/telegram", json=body, headers=headers)
            assert response.status == 503
        await heal(env)
        response = await client.post("/telegram", json=body, headers=headers)
        assert response.status == 200
        await pipeline.drained()
    finally:
        await client.close()
        await stop_pipeline(env.app)
    assert texts.ASK_ROLE in env.api.sent[-1].text
