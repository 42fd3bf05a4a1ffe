"""The bot's HTTP client (bot.telegram.httpclient) against the fake Bot API over loopback:
the bodies it posts, the files it leaves open, and how each failure is reported."""

from __future__ import annotations

import asyncio
import socket
import tempfile
from collections.abc import AsyncIterator
from typing import Any

import pytest
from fakebot import FakeBotApi
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import NetworkError, TimedOut
from testkit.waits import wait_budget

from bot import botapi
from bot.telegram.httpclient import AiohttpRequest

TOKEN = "123456:TEST-httpclient-token"
CHAT = 4242


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(token=TOKEN, seed=11) as server:
        server._chat_of(server.user(first_name="Ana", user_id=CHAT))
        yield server
    assert server.internal_errors == []


def _bot(base_url: str, request: AiohttpRequest) -> Bot:
    return Bot(TOKEN, base_url=base_url, request=request, get_updates_request=AiohttpRequest(1))


async def test_a_message_arrives_whole_with_its_buttons(fake: FakeBotApi) -> None:
    text = "Thank-you note for <b>Zoë &amp; Co</b>: 50% done — ok?"
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="y:1")]])
    async with _bot(fake.base_url, AiohttpRequest(4)) as bot:
        sent = await bot.send_message(CHAT, text, parse_mode="HTML", reply_markup=keyboard)
        raw = await botapi.post(bot, "sendMessage", {"chat_id": CHAT, "text": "plain & raw"})
    (first, second) = fake.transcript(CHAT)
    assert sent.message_id == first.message_id
    assert first.text == "Thank-you note for Zoë & Co: 50% done — ok?"
    assert first.buttons == [("Yes", "y:1")]
    assert (second.text, raw["message_id"]) == ("plain & raw", second.message_id)


async def test_a_file_on_disk_is_uploaded_and_left_open_for_a_retry(fake: FakeBotApi) -> None:
    content = b"company,role\n" + b"Acme,Engineer\n" * 30_000  # ~420 kB: a spool on disk
    with tempfile.SpooledTemporaryFile(max_size=1024) as spool:
        spool.write(content)
        async with _bot(fake.base_url, AiohttpRequest(2)) as bot:
            for _ in range(2):  # the sender seeks back and sends the same file on a retry
                spool.seek(0)
                document = InputFile(spool, filename="hearback.csv", read_file_handle=False)
                await bot.send_document(CHAT, document, caption="Your data")
                assert not spool.closed
            await asyncio.sleep(0)  # let aiohttp finish closing what it closes
            assert not spool.closed
    sent = [m.document for m in fake.transcript(CHAT)]
    assert [(d.filename, d.content) for d in sent if d] == [("hearback.csv", content)] * 2
    assert all(c.ok for c in fake.calls_to("sendDocument"))


async def test_a_small_file_in_memory_is_uploaded(fake: FakeBotApi) -> None:
    with tempfile.SpooledTemporaryFile(max_size=1 << 20) as spool:
        spool.write(b"a small export")
        spool.seek(0)
        async with _bot(fake.base_url, AiohttpRequest(2)) as bot:
            document = InputFile(spool, filename="small.txt", read_file_handle=False)
            await bot.send_document(CHAT, document)
        assert not spool.closed
    (message,) = fake.transcript(CHAT)
    assert message.document is not None
    assert (message.document.filename, message.document.content) == (
        "small.txt",
        b"a small export",
    )


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # nothing listens there now


async def test_a_refused_connection_is_known_not_to_have_arrived() -> None:
    base = f"http://127.0.0.1:{_closed_port()}/bot"
    request = AiohttpRequest(1, connect_timeout=wait_budget(5))
    await request.initialize()
    try:
        bot = _bot(base, request)
        with pytest.raises(NetworkError) as caught:
            await botapi.post(bot, "sendMessage", {"chat_id": CHAT, "text": "hi"})
    finally:
        await request.shutdown()
    assert isinstance(caught.value.__cause__, botapi.NOT_SENT_CAUSES)
    assert not botapi.may_have_arrived(caught.value)


async def test_a_slow_answer_times_out_and_may_have_arrived(fake: FakeBotApi) -> None:
    fake.faults.add(kind="delay", method="sendMessage", delay=wait_budget(30), times=1)
    async with _bot(fake.base_url, AiohttpRequest(1, read_timeout=0.2)) as bot:
        with pytest.raises(TimedOut) as caught:
            await botapi.post(bot, "sendMessage", {"chat_id": CHAT, "text": "hi"})
    assert botapi.may_have_arrived(caught.value)


async def test_no_free_connection_in_time_is_known_not_to_have_been_sent(
    fake: FakeBotApi,
) -> None:
    arrived, release = asyncio.Event(), asyncio.Event()
    canonical, send = fake._methods["sendmessage"]

    async def held(params: dict[str, Any], files: Any) -> Any:
        arrived.set()
        await release.wait()  # the only connection stays busy until the test ends
        return await send(params, files)

    fake._methods["sendmessage"] = (canonical, held)
    request = AiohttpRequest(1, read_timeout=wait_budget(60), connect_timeout=0.1, pool_timeout=0.1)
    async with _bot(fake.base_url, request) as bot:
        first = asyncio.create_task(
            botapi.post(bot, "sendMessage", {"chat_id": CHAT, "text": "first"})
        )
        await asyncio.wait_for(arrived.wait(), wait_budget(5))
        with pytest.raises(TimedOut) as caught:
            await botapi.post(bot, "sendMessage", {"chat_id": CHAT, "text": "second"})
        release.set()
        await first
    assert not botapi.may_have_arrived(caught.value)
    assert [m.text for m in fake.transcript(CHAT)] == ["first"]  # the second never left


async def test_it_must_be_initialised_and_closes_once() -> None:
    request = AiohttpRequest(2)
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:9/bot/getMe", "POST")
    await request.initialize()
    await request.initialize()  # shared by two Bots: the second is a no-op
    assert request.read_timeout == 5.0
    await request.shutdown()
    await request.shutdown()
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:9/bot/getMe", "POST")


def test_a_pool_needs_a_connection() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        AiohttpRequest(0)
