"""The fake Bot API answers a real python-telegram-bot over loopback HTTP as Telegram would.

Every test drives the fake with PTB's own ``Bot`` or ``Application`` (real HTTP, httpx), so a
mismatch in reply shapes, status codes or parameter encoding shows up as a PTB error here.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
import math
import os
import random
import re
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

# pytest puts tests/ on sys.path (rootdir-less "prepend" import mode), so the package is
# importable as `fakebot` under both `pytest` and `python -m pytest`.
from fakebot import FakeBotApi, FaultRules, parse_html, utf16_len
from fakebot.validation import ApiError, format_text
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest
from testkit.waits import PROCESS_START, wait_budget

TOKEN = "123456:TEST-fake-bot-token"
REPO_ROOT = Path(__file__).resolve().parent.parent
AnyApp = Application[Any, Any, Any, Any, Any, Any]


def _keyboard(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d) for t, d in pairs]])


def _loopback_request() -> HTTPXRequest:
    """Plain HTTP on loopback: skip loading the CA bundle (about 170 ms per client)."""
    return HTTPXRequest(connection_pool_size=8, httpx_kwargs={"verify": False})


def _bot(fake: FakeBotApi, token: str = TOKEN) -> Bot:
    return Bot(
        token,
        base_url=fake.base_url,
        request=_loopback_request(),
        get_updates_request=_loopback_request(),
    )


def _ci(text: str) -> str:
    """PTB drops "Bad Request: " and capitalizes the rest of the message, so match loosely."""
    return "(?i)" + re.escape(text)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(token=TOKEN, seed=7) as server:
        yield server
    assert server.internal_errors == []


@pytest.fixture
async def bot(fake: FakeBotApi) -> AsyncIterator[Bot]:
    async with _bot(fake) as client:
        yield client


# ---------------------------------------------------------------- handlers of the test bot


async def _on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(
        "Ready? <b>Pick one</b>",
        parse_mode="HTML",
        reply_markup=_keyboard(("Yes", "choice:yes"), ("No", "choice:no")),
    )


async def _on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None and message.text is not None
    await message.reply_text(f"echo: {message.text}")


async def _on_choice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer("noted")
    await query.edit_message_text(f"You chose {query.data.split(':')[1]}")


async def _on_doc(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_chat is not None
    await context.bot.send_document(
        update.effective_chat.id,
        document=b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
        filename="plan.ics",
    )


def _build_app(fake: FakeBotApi) -> AnyApp:
    app: AnyApp = (
        ApplicationBuilder()
        .token(fake.token)
        .base_url(fake.base_url)
        .request(_loopback_request())
        .get_updates_request(_loopback_request())
        .build()
    )
    app.add_handler(CommandHandler("start", _on_start))
    app.add_handler(CommandHandler("doc", _on_doc))
    app.add_handler(CallbackQueryHandler(_on_choice, pattern=r"^choice:"))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _on_text))
    return app


@pytest.fixture
async def polling_app(fake: FakeBotApi) -> AsyncIterator[AnyApp]:
    app = _build_app(fake)
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(timeout=dtm.timedelta(seconds=1))
        yield app
        await app.updater.stop()
        await app.stop()


# ---------------------------------------------------------------- protocol


class TestProtocol:
    """Reply shapes, tokens, unknown methods and parameter encodings match Telegram."""

    async def test_get_me_is_a_bot_user_ptb_can_read(self, bot: Bot) -> None:
        me = await bot.get_me()
        assert (me.id, me.is_bot, me.username) == (123456, True, "hearback_test_bot")

    async def test_wrong_token_is_401_and_malformed_token_404(self, fake: FakeBotApi) -> None:
        for token, status in (("999:WRONG", 401), ("not-a-token", 404)):
            with pytest.raises(InvalidToken):
                async with _bot(fake, token):
                    pass
            assert fake.calls[-1].status == status

    async def test_unknown_method_is_404_not_found(self, fake: FakeBotApi, bot: Bot) -> None:
        with pytest.raises(EndPointNotFound):
            await bot.do_api_request("sendTelepathy", api_kwargs={"chat_id": 1})
        async with (
            aiohttp.ClientSession() as http,
            http.post(f"{fake.base_url}{TOKEN}/sendTelepathy") as response,
        ):
            assert response.status == 404
            assert await response.json() == {
                "ok": False,
                "error_code": 404,
                "description": "Not Found",
            }

    async def test_json_and_form_bodies_decode_like_telegram(self, fake: FakeBotApi) -> None:
        """Form values are strings: a numeric text stays text, chat_id becomes a number."""
        user = fake.user("Ann")
        await user.send("hi")
        async with aiohttp.ClientSession() as http:
            url = f"{fake.base_url}{TOKEN}/SENDMESSAGE"  # method names ignore case
            async with http.post(url, data={"chat_id": str(user.id), "text": "123"}) as form:
                form_body = await form.json()
            async with http.post(url, json={"chat_id": user.id, "text": "456"}) as as_json:
                json_body = await as_json.json()
        assert form_body["ok"] is True and json_body["ok"] is True
        assert set(form_body) == {"ok", "result"}
        result = form_body["result"]
        assert result["text"] == "123" and isinstance(result["date"], int)
        assert result["chat"] == {"id": user.id, "type": "private", "first_name": "Ann"}
        assert result["from"]["is_bot"] is True
        assert [m.text for m in user.messages] == ["123", "456"]
        assert (
            fake.calls[-2].method == "sendMessage" and fake.calls[-2].params["chat_id"] == user.id
        )

    async def test_error_reply_shape(self, fake: FakeBotApi) -> None:
        async with (
            aiohttp.ClientSession() as http,
            http.post(f"{fake.base_url}{TOKEN}/sendMessage", json={"chat_id": 5, "text": "x"}) as r,
        ):
            assert r.status == 400
            assert await r.json() == {
                "ok": False,
                "error_code": 400,
                "description": "Bad Request: chat not found",
            }


# ---------------------------------------------------------------- getUpdates


class TestGetUpdates:
    """Offsets confirm updates; long polling waits and returns as soon as an update arrives."""

    async def test_offset_confirms_earlier_updates(self, fake: FakeBotApi, bot: Bot) -> None:
        user = fake.user("Ann")
        for text in ("one", "two", "three"):
            await user.send(text)
        first = await bot.get_updates(timeout=0)
        assert [u.update_id for u in first] == [1, 2, 3]
        assert [u.message.text for u in first if u.message] == ["one", "two", "three"]
        again = await bot.get_updates(offset=3, timeout=0)
        assert [u.update_id for u in again] == [3]
        assert [u["update_id"] for u in fake.pending_updates] == [3]
        assert await bot.get_updates(offset=4, timeout=0) == ()
        await user.send("four")
        await user.send("five")
        last = await bot.get_updates(offset=-1, timeout=0)
        assert [u.update_id for u in last] == [5]
        assert [u["update_id"] for u in fake.pending_updates] == [5]
        limited = await bot.get_updates(limit=1, timeout=0)
        assert len(limited) == 1

    async def test_long_poll_returns_early_on_a_new_update(
        self, fake: FakeBotApi, bot: Bot
    ) -> None:
        user = fake.user("Ann")
        # Long enough that returning after it cannot pass for returning early.
        poll_seconds = math.ceil(wait_budget(4))
        started = time.monotonic()
        poll = asyncio.create_task(
            bot.get_updates(timeout=poll_seconds, read_timeout=poll_seconds + wait_budget(2))
        )
        await fake.wait_until(lambda: len(fake.calls_to("getUpdates")) == 1)
        await user.send("wake up")
        updates = await poll
        assert time.monotonic() - started < poll_seconds / 2
        assert [u.message.text for u in updates if u.message] == ["wake up"]

    async def test_long_poll_without_updates_waits_its_timeout(
        self, fake: FakeBotApi, bot: Bot
    ) -> None:
        started = time.monotonic()
        assert await bot.get_updates(timeout=1, read_timeout=1 + wait_budget(2)) == ()
        assert 0.9 <= time.monotonic() - started < 1 + wait_budget(2)

    async def test_a_second_instance_terminates_the_older_poll(
        self, fake: FakeBotApi, bot: Bot
    ) -> None:
        """Two bot processes polling one token: the older long poll ends with 409 Conflict."""
        seconds = math.ceil(wait_budget(5))  # outlives the second instance's call
        older = asyncio.create_task(
            bot.get_updates(timeout=seconds, read_timeout=seconds + wait_budget(2))
        )
        await fake.wait_until(lambda: len(fake.calls_to("getUpdates")) == 1)
        async with _bot(fake) as second_instance:
            assert await second_instance.get_updates(timeout=0) == ()
        with pytest.raises(Conflict, match="terminated by other getUpdates"):
            await older
        assert [c.status for c in fake.calls_to("getUpdates")] == [409, 200]

    async def test_commands_carry_a_bot_command_entity(self, fake: FakeBotApi, bot: Bot) -> None:
        user = fake.user("Ann")
        await user.command("/new", "Acme")
        (update,) = await bot.get_updates(timeout=0)
        assert update.message is not None
        assert update.message.text == "/new Acme"
        assert update.message.parse_entities(["bot_command"]) != {}
        assert list(update.message.parse_entities(["bot_command"]).values()) == ["/new"]

    async def test_location_and_edits_reach_ptb(self, fake: FakeBotApi, bot: Bot) -> None:
        user = fake.user("Ann", username="ann_k")
        first = await user.send("Berlni")
        await user.edit(first, "Berlin")
        await user.share_location(52.52, 13.405)
        updates = await bot.get_updates(timeout=0)
        assert updates[0].message is not None and updates[0].message.from_user is not None
        assert updates[0].message.from_user.username == "ann_k"
        edited = updates[1].edited_message
        assert edited is not None and edited.text == "Berlin" and edited.edit_date is not None
        assert edited.message_id == first.message_id
        located = updates[2].message
        assert located is not None and located.location is not None
        assert (located.location.latitude, located.location.longitude) == (52.52, 13.405)


# ---------------------------------------------------------------- a real Application


class TestApplication:
    """A real PTB Application polling the fake: echo, buttons and documents round trip."""

    async def test_echo_round_trip(self, fake: FakeBotApi, polling_app: AnyApp) -> None:
        user = fake.user("Ann")
        await user.send("hello")
        reply = await user.wait_for_message()
        assert reply.text == "echo: hello"
        await user.send("second")
        assert (await user.wait_for_message()).text == "echo: second"
        assert fake.stats.count("sendMessage", 200) == 2
        assert fake.stats.count("getUpdates", 200) >= 2

    async def test_button_press_round_trip(self, fake: FakeBotApi, polling_app: AnyApp) -> None:
        user = fake.user("Ann")
        await user.command("/start")
        menu = await user.wait_for_message()
        assert menu.text == "Ready? Pick one" and menu.parse_mode == "HTML"
        assert menu.entities == [{"type": "bold", "offset": 7, "length": 8}]
        assert menu.buttons == [("Yes", "choice:yes"), ("No", "choice:no")]
        pressed = await user.press(menu, "No")
        assert pressed.data == "choice:no"
        answer = await user.wait_for_answer(pressed)
        assert answer["text"] == "noted"
        await fake.wait_until(lambda: menu.text == "You chose no")
        assert menu.buttons == []  # editing text without reply_markup drops the keyboard
        assert menu.history == [("Ready? <b>Pick one</b>", menu.history[0][1])]

    async def test_document_bytes_arrive(self, fake: FakeBotApi, polling_app: AnyApp) -> None:
        user = fake.user("Ann")
        await user.command("/doc")
        sent = await user.wait_for_message(predicate=lambda m: m.document is not None)
        assert sent.document is not None
        assert sent.document.filename == "plan.ics"
        assert sent.document.content == b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"

    async def test_waiting_for_a_message_that_never_comes_times_out(
        self, fake: FakeBotApi, polling_app: AnyApp
    ) -> None:
        user = fake.user("Ann")
        await user.send("hello")
        await user.wait_for_message()
        started = time.monotonic()
        with pytest.raises(TimeoutError, match="no matching bot message"):
            await user.wait_for_message(timeout=0.2)  # fixed on purpose: the timeout itself
        assert time.monotonic() - started < wait_budget(0.8)  # not the default budget

    async def test_fake_logs_carry_neither_token_nor_user_text(
        self, fake: FakeBotApi, polling_app: AnyApp, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level(logging.DEBUG)
        user = fake.user("Ann")
        await user.send("my secret salary 90k")
        await user.wait_for_message()
        own = [r for r in caplog.records if r.name.startswith(("tests.fakebot", "aiohttp"))]
        assert own, "the fake logs its calls at DEBUG"
        text = "\n".join(r.getMessage() for r in own)
        assert "salary" not in text and fake.token not in text

    async def test_stopping_confirms_every_fetched_update(self, fake: FakeBotApi) -> None:
        app = _build_app(fake)
        user = fake.user("Ann")
        async with app:
            await app.start()
            assert app.updater is not None
            await app.updater.start_polling(timeout=dtm.timedelta(seconds=1))
            await user.send("ping")
            await user.wait_for_message()
            await app.updater.stop()
            await app.stop()
        assert fake.pending_updates == []


# ---------------------------------------------------------------- validation


class TestValidation:
    """Telegram's checks on text, HTML, keyboards, chats and edits, through PTB."""

    @pytest.fixture
    async def ann(self, fake: FakeBotApi) -> int:
        user = fake.user("Ann")
        await user.send("hi")
        return user.id

    async def test_valid_html_gives_entities_in_utf16_units(
        self, fake: FakeBotApi, bot: Bot, ann: int
    ) -> None:
        text = '😀 <b>bold <i>both</i></b> <a href="https://x.test/?a=1&amp;b=2">link</a> &lt;3'
        message = await bot.send_message(ann, text, parse_mode="HTML")
        assert message.text == "😀 bold both link <3"
        assert [(e.type, e.offset, e.length) for e in message.entities] == [
            ("bold", 3, 9),
            ("italic", 8, 4),
            ("text_link", 13, 4),
        ]
        assert message.entities[2].url == "https://x.test/?a=1&b=2"

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("1 < 2", 'Unsupported start tag ""'),
            ("<div>x</div>", 'Unsupported start tag "div"'),
            ("Tom & Jerry", 'unescaped "&"'),
            ("<b>open", "Can't find end tag"),
            (
                "<b><i>x</b></i>",
                'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"',
            ),
            ("x</b>", "Unexpected end tag"),
            ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
        ],
    )
    async def test_bad_html_is_rejected(self, bot: Bot, ann: int, text: str, reason: str) -> None:
        with pytest.raises(BadRequest, match=_ci("can't parse entities")) as caught:
            await bot.send_message(ann, text, parse_mode="HTML")
        assert reason.lower() in caught.value.message.lower()

    @pytest.mark.parametrize(
        ("text", "parse_mode", "accepted"),
        [
            ("a" * 4096, None, True),
            ("a" * 4097, None, False),
            ("<b>" + "a" * 4096 + "</b>", "HTML", True),  # counted after entity parsing
            ("&amp;" * 4096, "HTML", True),
            ("😀" * 2048, None, True),  # 4096 UTF-16 code units
            ("😀" * 2049, None, False),
            ("  " + "a" * 4096 + "\n\n", None, True),  # surrounding whitespace is stripped
        ],
    )
    async def test_length_limit_is_4096_utf16_units(
        self, bot: Bot, ann: int, text: str, parse_mode: str | None, accepted: bool
    ) -> None:
        if accepted:
            message = await bot.send_message(ann, text, parse_mode=parse_mode)
            assert message.text is not None and utf16_len(message.text) <= 4096
        else:
            with pytest.raises(BadRequest, match=_ci("message is too long")):
                await bot.send_message(ann, text, parse_mode=parse_mode)

    async def test_empty_text_is_rejected(self, bot: Bot, ann: int) -> None:
        for text in ("", "  \n ", "<b> </b>"):
            with pytest.raises(BadRequest, match=_ci("message text is empty")):
                await bot.send_message(ann, text, parse_mode="HTML")

    @pytest.mark.parametrize(
        ("data", "accepted"),
        [("x" * 64, True), ("x" * 65, False), ("é" * 32, True), ("é" * 33, False), ("", False)],
    )
    async def test_callback_data_is_1_to_64_bytes(
        self, fake: FakeBotApi, bot: Bot, ann: int, data: str, accepted: bool
    ) -> None:
        markup = _keyboard(("Go", data))
        if accepted:
            message = await bot.send_message(ann, "pick", reply_markup=markup)
            assert fake.transcript(ann)[-1].buttons == [("Go", data)]
            assert message.reply_markup == markup
        else:
            with pytest.raises(BadRequest, match=_ci("BUTTON_DATA_INVALID")):
                await bot.send_message(ann, "pick", reply_markup=markup)

    async def test_unknown_chat_is_not_found(self, fake: FakeBotApi, bot: Bot) -> None:
        never_wrote = fake.user("Bob")
        with pytest.raises(BadRequest, match=_ci("chat not found")):
            await bot.send_message(never_wrote.id, "hello")
        with pytest.raises(BadRequest, match=_ci("chat not found")):
            await bot.send_message("@somebody", "hello")

    async def test_edit_rules(self, fake: FakeBotApi, bot: Bot, ann: int) -> None:
        with pytest.raises(BadRequest, match=_ci("message to edit not found")):
            await bot.edit_message_text("new", chat_id=ann, message_id=999)
        sent = await bot.send_message(ann, "<b>v1</b>", parse_mode="HTML")
        with pytest.raises(BadRequest, match=_ci("message is not modified")):
            await bot.edit_message_text(
                "<b>v1</b>", chat_id=ann, message_id=sent.message_id, parse_mode="HTML"
            )
        # Same characters but different formatting is a real change.
        edited = await bot.edit_message_text("v1", chat_id=ann, message_id=sent.message_id)
        assert isinstance(edited, type(sent)) and edited.edit_date is not None
        await bot.edit_message_reply_markup(
            ann, sent.message_id, reply_markup=_keyboard(("A", "a"))
        )
        with pytest.raises(BadRequest, match=_ci("message is not modified")):
            await bot.edit_message_reply_markup(
                ann, sent.message_id, reply_markup=_keyboard(("A", "a"))
            )
        assert fake.transcript(ann)[-1].buttons == [("A", "a")]
        assert fake.transcript(ann)[-1].edits == 2
        with pytest.raises(BadRequest, match=_ci("message can't be edited")):
            await bot.edit_message_text("mine?", chat_id=ann, message_id=1)  # the user's message

    async def test_delete_and_chat_action_and_commands(
        self, fake: FakeBotApi, bot: Bot, ann: int
    ) -> None:
        sent = await bot.send_message(ann, "temporary")
        assert await bot.delete_message(ann, sent.message_id) is True
        assert fake.transcript(ann)[-1].deleted
        with pytest.raises(BadRequest, match=_ci("message to delete not found")):
            await bot.delete_message(ann, sent.message_id)
        assert await bot.send_chat_action(ann, "typing") is True
        assert fake.chat_actions(ann) == ["typing"]
        assert await bot.set_my_commands([("start", "Begin"), ("new", "A new interview")])
        assert [c.command for c in await bot.get_my_commands()] == ["start", "new"]
        with pytest.raises(BadRequest, match=_ci("BOT_COMMAND_INVALID")):
            await bot.set_my_commands([("Bad-Name", "nope")])

    async def test_callback_query_answered_once(self, fake: FakeBotApi, bot: Bot, ann: int) -> None:
        user = fake.user(user_id=ann)
        menu = await bot.send_message(ann, "pick", reply_markup=_keyboard(("Yes", "y")))
        pressed = await user.press(menu.message_id, "Yes")
        (update,) = [u for u in await bot.get_updates(timeout=0) if u.callback_query]
        query = update.callback_query
        assert query is not None and query.data == "y" and query.chat_instance
        assert query.message is not None and query.message.message_id == menu.message_id
        assert await query.answer("ok")
        with pytest.raises(BadRequest, match=_ci("query is too old")):
            await query.answer("twice")
        assert fake.callback_answer(pressed.query_id) == {
            "text": "ok",
            "show_alert": False,
            "url": None,
        }


class TestHtmlParser:
    """The pure parser, table-driven: plain text and entities as Telegram computes them."""

    @pytest.mark.parametrize(
        ("source", "text", "entities"),
        [
            ("plain", "plain", []),
            ("&lt;&gt;&amp;&quot;&#65;&#x1F600;", '<>&"A😀', []),
            (
                "<strong>a</strong><em>b</em><ins>c</ins><del>d</del>",
                "abcd",
                [
                    {"type": "bold", "offset": 0, "length": 1},
                    {"type": "italic", "offset": 1, "length": 1},
                    {"type": "underline", "offset": 2, "length": 1},
                    {"type": "strikethrough", "offset": 3, "length": 1},
                ],
            ),
            (
                '<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>',
                "st",
                [
                    {"type": "spoiler", "offset": 0, "length": 1},
                    {"type": "spoiler", "offset": 1, "length": 1},
                ],
            ),
            (
                '<pre><code class="language-python">x = 1</code></pre>',
                "x = 1",
                [
                    {"type": "pre", "offset": 0, "length": 5, "language": "python"},
                ],
            ),
            ("<code>c</code>", "c", [{"type": "code", "offset": 0, "length": 1}]),
            (
                "<blockquote expandable>q</blockquote>",
                "q",
                [
                    {"type": "expandable_blockquote", "offset": 0, "length": 1},
                ],
            ),
            (
                '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
                "👍",
                [
                    {
                        "type": "custom_emoji",
                        "offset": 0,
                        "length": 2,
                        "custom_emoji_id": "5368324170671202286",
                    },
                ],
            ),
            ("<B>upper</B>", "upper", [{"type": "bold", "offset": 0, "length": 5}]),
            ("<b></b>x", "x", []),  # empty entities are dropped
        ],
    )
    def test_table(self, source: str, text: str, entities: list[dict[str, Any]]) -> None:
        assert parse_html(source) == (text, entities)

    def test_lenient_mode_keeps_bare_ampersand_and_gt_like_tdlib(self) -> None:
        assert parse_html("AT&T > 2", strict=False) == ("AT&T > 2", [])
        with pytest.raises(ApiError, match='">" must be escaped'):
            parse_html("a > b")
        with pytest.raises(ApiError, match="Unsupported start tag"):
            parse_html("a < b", strict=False)

    def test_markdown_is_refused_loudly(self) -> None:
        with pytest.raises(ApiError, match="not implemented by the fake"):
            format_text(
                "*x*",
                "MarkdownV2",
                None,
                limit=4096,
                strict=True,
                empty_reason="empty",
                too_long_reason="long",
            )

    def test_byte_offsets_count_utf8(self) -> None:
        with pytest.raises(ApiError, match='"x" at byte offset 5'):
            parse_html("ä€<x>")  # 2 + 3 bytes before the tag


# ---------------------------------------------------------------- faults


class TestFaults:
    """Injected faults reach PTB as the exceptions a real outage would raise."""

    @pytest.fixture
    async def ann(self, fake: FakeBotApi) -> int:
        user = fake.user("Ann")
        await user.send("hi")
        return user.id

    async def test_429_window_is_remembered(
        self, ann: int, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("PTB_TIMEDELTA", "true")  # retry_after as a timedelta, no warning
        now = [1000.0]
        async with FakeBotApi(token=TOKEN, monotonic=lambda: now[0]) as server:
            user, other = server.user("Ann"), server.user("Bob")
            await user.send("hi")
            await other.send("hi")
            server.faults.add(method="sendMessage", kind="429", retry_after=2, times=1)
            async with _bot(server) as client:
                with pytest.raises(RetryAfter) as first:
                    await client.send_message(user.id, "one")
                assert first.value.retry_after == dtm.timedelta(seconds=2)
                now[0] += 1.2  # still inside the window: an early retry
                with pytest.raises(RetryAfter) as early:
                    await client.send_message(user.id, "one")
                assert early.value.retry_after == dtm.timedelta(seconds=1)
                await client.send_message(other.id, "unaffected chat")
                now[0] += 1.0
                await client.send_message(user.id, "one")
            stats = server.stats
            assert stats.early_retries == 1
            assert stats.count("sendMessage", 429) == 2 and stats.count("sendMessage", 200) == 2
            assert [m.text for m in user.messages] == ["one"]

    async def test_403_500_and_dropped_connections(
        self, fake: FakeBotApi, bot: Bot, ann: int
    ) -> None:
        fake.faults.add(method="sendMessage", kind="403", times=1)
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await bot.send_message(ann, "a")
        fake.faults.add(method="sendMessage", kind="500", times=1)
        with pytest.raises(NetworkError) as server_error:
            await bot.send_message(ann, "b")
        assert not isinstance(server_error.value, BadRequest)
        assert "Internal Server Error" in server_error.value.message
        fake.faults.add(method="sendMessage", kind="drop", times=1)
        with pytest.raises(NetworkError, match="disconnected"):
            await bot.send_message(ann, "c")
        fake.faults.add(method="sendMessage", kind="drop_after", times=1)
        with pytest.raises(NetworkError, match="disconnected"):
            await bot.send_message(ann, "d")
        await bot.send_message(ann, "e")
        # Only the lost answer (drop_after) and the clean call reached the chat.
        assert [m.text for m in fake.transcript(ann)] == ["d", "e"]
        assert [c.status for c in fake.calls_to("sendMessage")] == [403, 500, 0, 0, 200]
        assert fake.stats.faults == {"403": 1, "500": 1, "drop": 1, "drop_after": 1}

    async def test_delay_then_normal_answer(self, fake: FakeBotApi, bot: Bot, ann: int) -> None:
        fake.faults.add(method="sendMessage", kind="delay", delay=0.3, times=1)
        started = time.monotonic()
        await bot.send_message(ann, "slow")
        assert time.monotonic() - started >= 0.3
        await bot.send_message(ann, "fast")
        assert [m.text for m in fake.transcript(ann)] == ["slow", "fast"]

    async def test_a_timed_out_call_is_still_carried_out(
        self, fake: FakeBotApi, bot: Bot, ann: int
    ) -> None:
        """Like Telegram: the client gives up, the message is delivered anyway."""
        fake.faults.add(method="sendMessage", kind="delay", delay=0.6, times=1)
        with pytest.raises(TimedOut):
            await bot.send_message(ann, "late", read_timeout=0.2)
        await fake.wait_until(lambda: len(fake.transcript(ann)) == 1)
        assert fake.calls_to("sendMessage")[0].client_gone
        await bot.send_message(ann, "next")
        order = fake.stats.chat_order[ann]
        assert [m.text for m in fake.transcript(ann)] == ["late", "next"]
        assert order == sorted(order) and len(order) == 2

    async def test_chat_filter_and_block(self, fake: FakeBotApi, bot: Bot, ann: int) -> None:
        bob = fake.user("Bob")
        await bob.send("hi")
        fake.faults.add(kind="403", chat_id=bob.id)
        await bot.send_message(ann, "fine")
        with pytest.raises(Forbidden):
            await bot.send_message(bob.id, "blocked")
        fake.faults.clear()
        await bob.block()
        with pytest.raises(Forbidden, match="blocked"):
            await bot.send_message(bob.id, "still blocked")
        updates = await bot.get_updates(timeout=0)
        member = [u.my_chat_member for u in updates if u.my_chat_member]
        assert len(member) == 1 and member[0].new_chat_member.status == "kicked"

    def test_seeded_probability_is_reproducible(self) -> None:
        def run(seed: int) -> list[bool]:
            rules = FaultRules(random.Random(seed))
            rule = rules.add(method="sendMessage", kind="429", probability=0.3)
            outcome = [rules.pick("sendMessage", 1)[1] is rule for _ in range(400)]
            assert rules.pick("getMe", None) == ([], None)
            return outcome

        first, second, other = run(3), run(3), run(4)
        assert first == second and first != other
        assert 80 <= sum(first) <= 160  # about 30 % of 400

    def test_times_limits_a_rule(self) -> None:
        rules = FaultRules(random.Random(0))
        rule = rules.add(kind="500", times=2)
        picks = [rules.pick("sendMessage", None)[1] for _ in range(4)]
        assert picks == [rule, rule, None, None] and rule.exhausted
        with pytest.raises(ValueError, match="unknown fault kind"):
            rules.add(kind="418")  # type: ignore[arg-type]


# ---------------------------------------------------------------- documents and webhooks


class TestDocumentsAndWebhooks:
    """Multipart uploads keep their bytes; webhook mode posts updates with the secret header."""

    async def test_send_photo_checks_the_image_as_telegram_does(
        self, fake: FakeBotApi, bot: Bot
    ) -> None:
        import io

        from PIL import Image

        def png(width: int, height: int) -> bytes:
            out = io.BytesIO()
            Image.new("RGB", (width, height), (255, 255, 255)).save(out, format="PNG")
            return out.getvalue()

        user = fake.user("Ann")
        await user.send("hi")
        message = await bot.send_photo(
            user.id, png(1080, 1400), caption="<b>Your wait</b>", parse_mode="HTML"
        )
        assert message.photo and message.photo[-1].width == 1080
        assert message.caption == "Your wait"
        stored = user.messages[-1]
        assert stored.photo is not None and stored.photo_size == (1080, 1400)
        with pytest.raises(BadRequest, match=_ci("IMAGE_PROCESS_FAILED")):
            await bot.send_photo(user.id, b"not an image at all")
        with pytest.raises(BadRequest, match=_ci("PHOTO_INVALID_DIMENSIONS")):
            await bot.send_photo(user.id, png(4000, 100))

    async def test_send_document_keeps_filename_bytes_and_caption(
        self, fake: FakeBotApi, bot: Bot
    ) -> None:
        user = fake.user("Ann")
        await user.send("hi")
        payload = bytes(range(256)) * 40
        message = await bot.send_document(
            user.id, payload, filename="export.json", caption="<b>Your data</b>", parse_mode="HTML"
        )
        assert message.document is not None and message.document.file_name == "export.json"
        assert message.document.file_size == len(payload) and message.caption == "Your data"
        stored = user.messages[-1]
        assert stored.document is not None and stored.document.content == payload
        again = await bot.send_document(user.id, message.document.file_id)
        assert again.document is not None and again.document.file_id == message.document.file_id
        call = fake.calls_to("sendDocument")[0]
        assert call.params["document"] == {"filename": "export.json", "size": len(payload)}

    async def test_webhook_delivery_with_secret_and_retry(self, fake: FakeBotApi, bot: Bot) -> None:
        received: list[tuple[str | None, dict[str, Any]]] = []
        failures = [1]

        async def hook(request: web.Request) -> web.Response:
            received.append(
                (request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json())
            )
            if failures[0]:
                failures[0] -= 1
                return web.Response(status=500)
            return web.Response()

        app = web.Application()
        app.router.add_post("/hook", hook)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        port = _free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        try:
            url = f"http://127.0.0.1:{port}/hook"
            assert await bot.set_webhook(url, secret_token="s3cret-token")
            info = await bot.get_webhook_info()
            assert info.url == url
            with pytest.raises(Conflict, match="webhook is active"):
                await bot.get_updates(timeout=0)
            user = fake.user("Ann")
            await user.send("via webhook")
            await fake.wait_until(lambda: fake.pending_updates == [])
            assert [secret for secret, _ in received] == ["s3cret-token", "s3cret-token"]
            assert received[-1][1]["message"]["text"] == "via webhook"
            assert [d.status for d in fake.webhook_deliveries] == [500, 200]
            info = await bot.get_webhook_info()
            assert info.pending_update_count == 0 and "500" in (info.last_error_message or "")
            assert await bot.delete_webhook()
            assert fake.webhook_url is None
        finally:
            await runner.cleanup()

    async def test_ptb_webhook_application_round_trip(self, fake: FakeBotApi) -> None:
        app = _build_app(fake)
        port = _free_port()
        async with app:
            await app.start()
            assert app.updater is not None
            await app.updater.start_webhook(
                listen="127.0.0.1",
                port=port,
                url_path="hook",
                webhook_url=f"http://127.0.0.1:{port}/hook",
                secret_token="s3cret-token",
            )
            assert fake.webhook_secret == "s3cret-token"
            user = fake.user("Ann")
            await user.send("over the hook")
            assert (await user.wait_for_message()).text == "echo: over the hook"
            await app.updater.stop()
            await app.stop()
        assert [d.status for d in fake.webhook_deliveries] == [200]


class TestStandalone:
    """``PYTHONPATH=tests python -m fakebot`` serves the API and the control endpoints."""

    async def test_control_api_and_module_entry(self) -> None:
        port = _free_port()
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "fakebot",
            "--port",
            str(port),
            "--token",
            TOKEN,
            cwd=REPO_ROOT,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT / "tests")},
            stdout=subprocess.PIPE,
        )
        try:
            assert process.stdout is not None
            banner = await asyncio.wait_for(process.stdout.readline(), wait_budget(PROCESS_START))
            assert f"127.0.0.1:{port}/bot" in banner.decode()
            base = f"http://127.0.0.1:{port}"
            async with aiohttp.ClientSession() as http:
                async with http.post(f"{base}/_fake/users/42/messages", json={"text": "hey"}) as r:
                    assert (await r.json())["update_id"] == 1
                async with http.post(f"{base}/bot{TOKEN}/getUpdates") as r:
                    body = await r.json()
                assert body["result"][0]["message"]["text"] == "hey"
                async with http.post(
                    f"{base}/bot{TOKEN}/sendMessage", data={"chat_id": "42", "text": "yo"}
                ) as r:
                    assert r.status == 200
                async with http.get(f"{base}/_fake/chats/42/messages") as r:
                    assert [m["text"] for m in await r.json()] == ["yo"]
                async with http.get(f"{base}/_fake/stats") as r:
                    stats = await r.json()
                assert {"method": "sendMessage", "status": 200, "count": 1} in stats["calls"]
        finally:
            process.terminate()
            await process.wait()
