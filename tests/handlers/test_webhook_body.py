"""The webhook endpoint with the right secret but a body that is no Telegram update: 400,
one log line that quotes nothing of the body, and nothing handled."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.telegram.pipeline.wiring import start_pipeline, stop_pipeline
from bot.telegram.updates import text_update
from bot.webhook import SECRET_HEADER, make_web_app

from .harness import BotEnv

SECRET = "s3cret-for-tests"
PATH = "/telegram"


async def client_for(env: BotEnv) -> TestClient[Any, Any]:
    assert env.app is not None and env.engine is not None
    web_app = make_web_app(env.app, secret=SECRET, path=PATH, engine=env.engine)
    client: TestClient[Any, Any] = TestClient(TestServer(web_app))
    await client.start_server()
    return client


@pytest.mark.parametrize(
    "body",
    [
        {"message": "x"},
        {"update_id": 7, "message": "secret words"},
        {"update_id": 7, "message": {"message_id": 1}},
        {"update_id": 7, "callback_query": 5},
        {"update_id": "seven"},
        {"update_id": True},
        {"update_id": 2**70},
        {"update_id": -1},
    ],
)
async def test_a_body_that_is_no_update_gets_400_and_one_line(
    env: BotEnv, caplog: pytest.LogCaptureFixture, body: dict[str, Any]
) -> None:
    caplog.set_level(logging.INFO)
    client = await client_for(env)
    try:
        response = await client.post(PATH, json=body, headers={SECRET_HEADER: SECRET})
        assert response.status == 400
    finally:
        await client.close()
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in problems] == [
        "webhook request with a body that is not an update: refused (400)"
    ]
    assert all(r.exc_info is None for r in caplog.records)
    assert "secret words" not in caplog.text
    assert env.api.sent == []


async def test_a_real_update_is_handled_and_answered_200(env: BotEnv) -> None:
    assert env.app is not None
    pipeline = await start_pipeline(env.app)
    client = await client_for(env)
    try:
        update = text_update(env.app.bot, 4242, "/start").to_dict()
        response = await client.post(PATH, json=update, headers={SECRET_HEADER: SECRET})
        assert response.status == 200  # stored; handled from the inbox right after
        await pipeline.drained()
    finally:
        await client.close()
        await stop_pipeline(env.app)
    assert any("HearBack" in m.text for m in env.api.sent)
