"""An in-process HTTP server that speaks the Telegram Bot API as python-telegram-bot uses it.

``async with FakeBotApi() as fake:`` starts it on 127.0.0.1 (port 0 picks a free one); pass
``fake.base_url`` to PTB (``ApplicationBuilder().base_url(fake.base_url)``). Tests act as users
through :meth:`FakeBotApi.user` (see :mod:`tests.fakebot.driver`), inject faults through
:attr:`FakeBotApi.faults`, and read :attr:`FakeBotApi.calls`, :meth:`FakeBotApi.transcript`
and :attr:`FakeBotApi.stats`.

Nothing the users or the bot write is logged: log lines carry method names and statuses only,
and aiohttp's access log (which would print the token in the path) is switched off.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import logging
import math
import random
import re
import socket
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web
from aiohttp.web_request import FileField
from PIL import Image
from testkit.waits import REPLY, wait_budget

from .driver import FakeUser
from .faults import FaultRule, FaultRules
from .records import (
    BotMessage,
    Call,
    CallbackPress,
    SentDocument,
    Stats,
    UserMessage,
    WebhookDelivery,
)
from .validation import (
    CHAT_ACTIONS,
    MAX_CALLBACK_ANSWER_CHARS,
    MAX_CAPTION_UTF16,
    MAX_TEXT_UTF16,
    NOT_MODIFIED,
    ApiError,
    bad_request,
    command_entities,
    format_text,
    normalise_params,
    optional_bool,
    optional_int,
    optional_str,
    require_int,
    validate_commands,
    validate_reply_markup,
    validate_secret_token,
)

JSON = dict[str, Any]
Handler = Callable[[JSON, dict[str, "Upload"]], Awaitable[Any]]

_LOG = logging.getLogger("tests.fakebot")
_TOKEN_SHAPE = re.compile(r"^[0-9]+:[A-Za-z0-9_-]+$")
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_NO_MESSAGE_ID = "message identifier is not specified"


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes
    content_type: str


@dataclass
class _Chat:
    user: JSON
    chat: JSON
    next_message_id: int = 1
    bot_messages: list[BotMessage] = field(default_factory=list)
    user_messages: dict[int, JSON] = field(default_factory=dict)
    blocked: bool = False
    actions: list[str] = field(default_factory=list)

    def find_bot_message(self, message_id: int) -> BotMessage | None:
        for message in self.bot_messages:
            if message.message_id == message_id and not message.deleted:
                return message
        return None


class _Signal:
    """Wakes every waiter whenever the fake's state changes; waiters re-check a predicate."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait_for(self, predicate: Callable[[], bool], within: float | None) -> bool:
        loop = asyncio.get_running_loop()
        deadline = None if within is None else loop.time() + within
        while not predicate():
            event = self._event
            if deadline is None:
                await event.wait()
                continue
            remaining = deadline - loop.time()
            if remaining <= 0:
                return predicate()
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                return predicate()
        return True


class FakeBotApi:
    """A faithful fake of the Telegram Bot API on loopback, for tests."""

    def __init__(
        self,
        token: str = "123456:TEST-fake-bot-token",
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        seed: int = 0,
        bot_username: str = "hearback_test_bot",
        bot_first_name: str = "HearBack",
        strict_html: bool = True,
        wall_clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        webhook_retry_delay: float = 0.2,
    ) -> None:
        self.token = token
        self.host = host
        self._requested_port = port
        self.port = 0
        self.strict_html = strict_html
        self.rng = random.Random(seed)
        self.faults = FaultRules(self.rng)
        self.calls: list[Call] = []
        self.webhook_deliveries: list[WebhookDelivery] = []
        self.internal_errors: list[Exception] = []  # bugs of the fake; a test may assert []
        self._wall = wall_clock
        self._monotonic = monotonic
        self._webhook_retry_delay = webhook_retry_delay
        head = token.split(":", 1)[0]
        self.bot_id = int(head) if head.isdigit() else 1
        self.bot_user: JSON = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self._users: dict[int, FakeUser] = {}
        self._chats: dict[int, _Chat] = {}
        self._pending: list[JSON] = []
        self._next_update_id = 1
        self._next_query = 1
        self._next_file = 1
        self._poll_generation = 0
        self._flood_until: dict[int | None, float] = {}
        self._queries: dict[str, JSON | None] = {}  # query id -> answer (None until answered)
        self._commands: dict[str, list[JSON]] = {}
        self._files: dict[str, SentDocument] = {}
        self._webhook_url: str | None = None
        self._webhook_secret: str | None = None
        self._webhook_last_error: tuple[int, str] | None = None
        self._webhook_task: asyncio.Task[None] | None = None
        self._signal = _Signal()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._methods: dict[str, tuple[str, Handler]] = {
            name.lower(): (name, handler)
            for name, handler in {
                "getMe": self._get_me,
                "getUpdates": self._get_updates,
                "sendMessage": self._send_message,
                "editMessageText": self._edit_message_text,
                "editMessageReplyMarkup": self._edit_message_reply_markup,
                "answerCallbackQuery": self._answer_callback_query,
                "sendDocument": self._send_document,
                "sendPhoto": self._send_photo,
                "setMyCommands": self._set_my_commands,
                "getMyCommands": self._get_my_commands,
                "deleteMyCommands": self._delete_my_commands,
                "deleteWebhook": self._delete_webhook,
                "setWebhook": self._set_webhook,
                "getWebhookInfo": self._get_webhook_info,
                "close": self._true,
                "logOut": self._true,
                "sendChatAction": self._send_chat_action,
                "deleteMessage": self._delete_message,
                "setMyDescription": self._true,
                "setMyShortDescription": self._true,
                "setChatMenuButton": self._true,
            }.items()
        }

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        app = web.Application(client_max_size=MAX_UPLOAD_BYTES + 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._add_control_routes(app)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self._requested_port))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()
        _LOG.debug("fake Bot API listening on port %d", self.port)

    async def stop(self) -> None:
        self._closing = True
        self._signal.fire()
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            await asyncio.gather(self._webhook_task, return_exceptions=True)
            self._webhook_task = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotApi:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def root_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """What PTB takes as ``base_url``: requests go to ``{base_url}{token}/{method}``."""
        return f"{self.root_url}/bot"

    url = base_url

    # ------------------------------------------------------------------ test-facing API

    def user(
        self,
        first_name: str = "Ann",
        user_id: int | None = None,
        *,
        username: str | None = None,
        last_name: str | None = None,
        language_code: str | None = "en",
    ) -> FakeUser:
        """A simulated user. The chat becomes known to the fake once they write to the bot."""
        if user_id is None:
            user_id = 100_000_000 + len(self._users) + 1
            while user_id in self._users:
                user_id += 1
        existing = self._users.get(user_id)
        if existing is not None:
            return existing
        created = FakeUser(
            self,
            user_id=user_id,
            first_name=first_name,
            username=username,
            last_name=last_name,
            language_code=language_code,
        )
        self._users[user_id] = created
        return created

    def transcript(self, chat_id: int) -> list[BotMessage]:
        """Every message the bot sent into this chat, in order (deleted ones flagged)."""
        chat = self._chats.get(chat_id)
        return list(chat.bot_messages) if chat else []

    def chat_actions(self, chat_id: int) -> list[str]:
        chat = self._chats.get(chat_id)
        return list(chat.actions) if chat else []

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method.lower() == method.lower()]

    @property
    def stats(self) -> Stats:
        return Stats(
            by_method_status=Counter((c.method, c.status) for c in self.calls),
            early_retries=sum(1 for c in self.calls if c.early),
            faults=Counter(c.fault for c in self.calls if c.fault),
            chat_order={
                chat_id: [m.message_id for m in chat.bot_messages]
                for chat_id, chat in self._chats.items()
            },
        )

    @property
    def pending_updates(self) -> list[JSON]:
        return list(self._pending)

    @property
    def webhook_url(self) -> str | None:
        return self._webhook_url

    @property
    def webhook_secret(self) -> str | None:
        return self._webhook_secret

    def callback_answer(self, query_id: str) -> JSON | None:
        return self._queries.get(query_id)

    def commands(self, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        return list(self._commands.get(self._commands_key(scope, language_code), []))

    async def wait_until(
        self,
        predicate: Callable[[], bool],
        timeout: float | None = None,  # noqa: ASYNC109 - the documented driver API
    ) -> None:
        """Wait (event-driven, no polling loop) until ``predicate()`` holds; TimeoutError if not.

        ``timeout`` is in seconds as given; by default the budget of one reply
        (``testkit.waits``).
        """
        if timeout is None:
            timeout = wait_budget(REPLY)
        if not await self._signal.wait_for(predicate, timeout):
            raise TimeoutError(f"condition not met within {timeout} s")

    # ------------------------------------------------------------------ used by the driver

    def _chat_of(self, user: FakeUser) -> _Chat:
        chat = self._chats.get(user.id)
        if chat is None:
            chat = _Chat(user=user.to_api(), chat=user.chat_api())
            self._chats[user.id] = chat
        return chat

    def _now(self) -> int:
        return int(self._wall())

    def _push_update(self, kind: str, body: JSON) -> int:
        update_id = self._next_update_id
        self._next_update_id += 1
        self._pending.append({"update_id": update_id, kind: body})
        self._signal.fire()
        return update_id

    def _user_message(self, user: FakeUser, text: str | None, extra: JSON) -> UserMessage:
        chat = self._chat_of(user)
        message_id = chat.next_message_id
        chat.next_message_id += 1
        date = self._now()
        body: JSON = {"message_id": message_id, "from": chat.user, "chat": chat.chat, "date": date}
        if text is not None:
            body["text"] = text
            entities = command_entities(text)
            if entities:
                body["entities"] = entities
        body.update(extra)
        chat.user_messages[message_id] = body
        update_id = self._push_update("message", body)
        return UserMessage(user.id, message_id, update_id, text, date)

    def _user_edit(self, user: FakeUser, message_id: int, text: str) -> UserMessage:
        chat = self._chat_of(user)
        original = chat.user_messages.get(message_id)
        if original is None:
            raise LookupError(f"user {user.id} has no message {message_id} to edit")
        body = {**original, "text": text, "edit_date": self._now()}
        body.pop("entities", None)
        entities = command_entities(text)
        if entities:
            body["entities"] = entities
        chat.user_messages[message_id] = body
        update_id = self._push_update("edited_message", body)
        return UserMessage(user.id, message_id, update_id, text, body["date"])

    def _user_press(self, user: FakeUser, message: BotMessage, data: str) -> CallbackPress:
        chat = self._chat_of(user)
        query_id = str(4_300_000_000_000_000_000 + self._next_query)
        self._next_query += 1
        self._queries[query_id] = None
        digest = hashlib.sha256(f"{self.bot_id}:{chat.chat['id']}".encode()).hexdigest()
        body: JSON = {
            "id": query_id,
            "from": chat.user,
            "chat_instance": str(int(digest[:15], 16)),
            "message": message.to_api(self.bot_user, chat.chat),
            "data": data,
        }
        update_id = self._push_update("callback_query", body)
        return CallbackPress(query_id, update_id, user.id, message.message_id, data)

    def _user_block(self, user: FakeUser, blocked: bool) -> int:
        chat = self._chat_of(user)
        chat.blocked = blocked
        old, new = ("member", "kicked") if blocked else ("kicked", "member")
        body: JSON = {
            "chat": chat.chat,
            "from": chat.user,
            "date": self._now(),
            "old_chat_member": self._member(old),
            "new_chat_member": self._member(new),
        }
        return self._push_update("my_chat_member", body)

    def _member(self, status: str) -> JSON:
        member: JSON = {"user": self.bot_user, "status": status}
        if status == "kicked":
            member["until_date"] = 0
        return member

    # ------------------------------------------------------------------ HTTP dispatch

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        name = request.match_info["method"]
        call = Call(method=name, params={}, at=self._wall(), chat_id=None)
        self.calls.append(call)
        try:
            if token != self.token:
                status = 401 if _TOKEN_SHAPE.match(token) else 404
                raise ApiError(status, "Unauthorized" if status == 401 else "Not Found")
            entry = self._methods.get(name.lower())
            if entry is None:
                raise ApiError(404, "Not Found")
            call.method, handler = entry
            params, files = await self._read_params(request)
            call.params = dict(params)
            for key, upload in files.items():
                call.params[key] = {"filename": upload.filename, "size": len(upload.content)}
            chat_id = params.get("chat_id")
            call.chat_id = chat_id if isinstance(chat_id, int) else None
            self._check_flood_window(call)
            delays, fault = self.faults.pick(call.method, call.chat_id)
            for rule in delays:
                await self._sleep(rule.delay)
            if fault is not None:
                call.fault = fault.kind
                if fault.kind == "drop":
                    return self._drop(request, call)
                if fault.kind != "drop_after":
                    self._raise_fault(fault, call)
            result = await handler(params, files)
            if fault is not None and fault.kind == "drop_after":
                return self._drop(request, call)
            return self._respond(request, call, 200, {"ok": True, "result": result})
        except ApiError as error:
            call.description = error.description
            return self._respond(request, call, error.status, error.payload())
        except ConnectionResetError:
            # The client went away mid-request (a bot process stopped or killed while it sent
            # a call): nobody is left to answer, and it is no bug of the fake.
            call.description = "client disconnected"
            return web.Response(status=499)
        except Exception as exc:  # a bug in the fake itself: answer 500, keep it for the test
            _LOG.exception("fake Bot API failed in %s", call.method)
            self.internal_errors.append(exc)
            bug = ApiError(500, f"Internal Server Error (fake Bot API bug: {type(exc).__name__})")
            call.description = bug.description
            return self._respond(request, call, 500, bug.payload())
        finally:
            self._signal.fire()

    def _respond(self, request: web.Request, call: Call, status: int, body: JSON) -> web.Response:
        call.status = status
        transport = request.transport
        call.client_gone = transport is None or transport.is_closing()
        _LOG.debug("%s -> %d", call.method, status)
        return web.json_response(body, status=status)

    def _drop(self, request: web.Request, call: Call) -> web.StreamResponse:
        call.status = 0
        _LOG.debug("%s -> connection dropped", call.method)
        if request.transport is not None:
            request.transport.abort()
        # Nothing reaches the client; aiohttp sees a closed transport and gives up quietly.
        return web.Response(status=500)

    def _check_flood_window(self, call: Call) -> None:
        until = self._flood_until.get(call.chat_id)
        if until is None:
            return
        remaining = until - self._monotonic()
        if remaining <= 0:
            del self._flood_until[call.chat_id]
            return
        call.early = True
        wait = max(1, math.ceil(remaining))
        raise ApiError(
            429, f"Too Many Requests: retry after {wait}", parameters={"retry_after": wait}
        )

    def _raise_fault(self, fault: FaultRule, call: Call) -> None:
        if fault.kind == "429":
            self._flood_until[call.chat_id] = self._monotonic() + fault.retry_after
            raise ApiError(
                429,
                f"Too Many Requests: retry after {fault.retry_after}",
                parameters={"retry_after": fault.retry_after},
            )
        if fault.kind == "403":
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        raise ApiError(500, "Internal Server Error")

    async def _sleep(self, seconds: float) -> None:
        await self._signal.wait_for(lambda: self._closing, seconds)

    async def _read_params(self, request: web.Request) -> tuple[JSON, dict[str, Upload]]:
        raw: JSON = dict(request.query)
        files: dict[str, Upload] = {}
        if request.method == "POST" and request.body_exists:
            try:
                if request.content_type == "application/json":
                    body = json.loads(await request.text())
                    if not isinstance(body, dict):
                        raise bad_request("parameters must be a JSON object")
                    raw.update(body)
                else:
                    form = await request.post()
                    for key, value in form.items():
                        if isinstance(value, FileField):
                            files[key] = Upload(
                                value.filename, value.file.read(), value.content_type
                            )
                        else:
                            raw[key] = value
            except UnicodeDecodeError:
                raise bad_request("strings must be encoded in UTF-8") from None
            except ValueError:
                raise bad_request("can't parse JSON object") from None
        return normalise_params(raw), files

    # ------------------------------------------------------------------ helpers for methods

    def _known_chat(self, params: JSON) -> _Chat:
        chat_id = require_int(params, "chat_id")
        chat = self._chats.get(chat_id)
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def _writable_chat(self, params: JSON) -> _Chat:
        chat = self._known_chat(params)
        if chat.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def _reply_target(self, chat: _Chat, params: JSON) -> int | None:
        target = optional_int(params, "reply_to_message_id")
        allow = optional_bool(params, "allow_sending_without_reply")
        reply_parameters = params.get("reply_parameters")
        if isinstance(reply_parameters, dict):
            raw = reply_parameters.get("message_id")
            target = raw if isinstance(raw, int) else target
            allow = allow or bool(reply_parameters.get("allow_sending_without_reply"))
        if target is None:
            return None
        exists = target in chat.user_messages or chat.find_bot_message(target) is not None
        if not exists:
            if allow:
                return None
            raise bad_request("message to be replied not found")
        return target

    def _new_message_id(self, chat: _Chat) -> int:
        message_id = chat.next_message_id
        chat.next_message_id += 1
        return message_id

    def _editable(self, params: JSON) -> tuple[_Chat, BotMessage]:
        if params.get("inline_message_id"):
            raise bad_request("inline messages are not supported by the fake Bot API")
        chat = self._known_chat(params)
        message_id = require_int(
            params, "message_id", empty_reason="message identifier is not specified"
        )
        message = chat.find_bot_message(message_id)
        if message is None:
            if message_id in chat.user_messages:
                raise bad_request("message can't be edited")
            raise bad_request("message to edit not found")
        return chat, message

    @staticmethod
    def _commands_key(scope: Any, language_code: Any) -> str:
        scope_key = json.dumps(scope or {"type": "default"}, sort_keys=True)
        return f"{scope_key}|{language_code or ''}"

    # ------------------------------------------------------------------ Bot API methods

    async def _true(self, params: JSON, files: dict[str, Upload]) -> bool:
        return True

    async def _get_me(self, params: JSON, files: dict[str, Upload]) -> JSON:
        return self.bot_user

    async def _get_updates(self, params: JSON, files: dict[str, Upload]) -> list[JSON]:
        if self._webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first",
            )
        offset = optional_int(params, "offset")
        limit = optional_int(params, "limit") or 100
        limit = min(max(limit, 1), 100)
        timeout = _seconds(params.get("timeout"))
        # A newer getUpdates ends any older one still waiting, as Telegram does.
        self._poll_generation += 1
        generation = self._poll_generation
        self._signal.fire()
        if offset is not None:
            if offset < 0:
                del self._pending[: max(len(self._pending) + offset, 0)]
            else:
                self._pending = [u for u in self._pending if u["update_id"] >= offset]
        if not self._pending and timeout > 0:
            await self._signal.wait_for(
                lambda: (
                    bool(self._pending)
                    or self._poll_generation != generation
                    or self._closing
                    or self._webhook_url is not None
                ),
                timeout,
            )
        if self._poll_generation != generation:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; make sure that only one bot "
                "instance is running",
            )
        return list(self._pending[:limit])

    async def _send_message(self, params: JSON, files: dict[str, Upload]) -> JSON:
        chat = self._writable_chat(params)
        markup = validate_reply_markup(params.get("reply_markup"))
        text = optional_str(params, "text")
        if not text:
            raise bad_request("message text is empty")
        parse_mode = optional_str(params, "parse_mode")
        formatted = format_text(
            text,
            parse_mode,
            params.get("entities"),
            limit=MAX_TEXT_UTF16,
            strict=self.strict_html,
            empty_reason="message text is empty",
            too_long_reason="message is too long",
        )
        reply_to = self._reply_target(chat, params)
        message = BotMessage(
            chat_id=chat.chat["id"],
            message_id=self._new_message_id(chat),
            date=self._now(),
            text=formatted.text,
            source=text,
            parse_mode=parse_mode,
            entities=formatted.entities,
            reply_markup=markup,
            reply_to_message_id=reply_to,
        )
        chat.bot_messages.append(message)
        return message.to_api(self.bot_user, chat.chat)

    async def _send_document(self, params: JSON, files: dict[str, Upload]) -> JSON:
        chat = self._writable_chat(params)
        markup = validate_reply_markup(params.get("reply_markup"))
        caption = optional_str(params, "caption")
        parse_mode = optional_str(params, "parse_mode")
        formatted = format_text(
            caption,
            parse_mode,
            params.get("caption_entities"),
            limit=MAX_CAPTION_UTF16,
            strict=self.strict_html,
            empty_reason=None,
            too_long_reason="message caption is too long",
        )
        document = self._document_from(params, files)
        reply_to = self._reply_target(chat, params)
        message = BotMessage(
            chat_id=chat.chat["id"],
            message_id=self._new_message_id(chat),
            date=self._now(),
            text=None,
            source=caption,
            parse_mode=parse_mode,
            reply_markup=markup,
            document=document,
            caption=formatted.text or None,
            caption_entities=formatted.entities,
            reply_to_message_id=reply_to,
        )
        chat.bot_messages.append(message)
        return message.to_api(self.bot_user, chat.chat)

    async def _send_photo(self, params: JSON, files: dict[str, Upload]) -> JSON:
        """``sendPhoto`` with an uploaded image: Telegram refuses a file that is no image and
        one whose sides add up to more than 10000 px or are more than 20 times apart."""
        chat = self._writable_chat(params)
        markup = validate_reply_markup(params.get("reply_markup"))
        caption = optional_str(params, "caption")
        parse_mode = optional_str(params, "parse_mode")
        formatted = format_text(
            caption,
            parse_mode,
            params.get("caption_entities"),
            limit=MAX_CAPTION_UTF16,
            strict=self.strict_html,
            empty_reason=None,
            too_long_reason="message caption is too long",
        )
        photo = self._document_from(params, files, field="photo")
        try:
            with Image.open(io.BytesIO(photo.content)) as image:
                width, height = image.size
        except (OSError, ValueError):
            raise bad_request("IMAGE_PROCESS_FAILED") from None
        if width + height > 10_000 or max(width, height) > 20 * min(width, height):
            raise bad_request("PHOTO_INVALID_DIMENSIONS")
        message = BotMessage(
            chat_id=chat.chat["id"],
            message_id=self._new_message_id(chat),
            date=self._now(),
            text=None,
            source=caption,
            parse_mode=parse_mode,
            reply_markup=markup,
            photo=photo,
            photo_size=(width, height),
            caption=formatted.text or None,
            caption_entities=formatted.entities,
            reply_to_message_id=self._reply_target(chat, params),
        )
        chat.bot_messages.append(message)
        return message.to_api(self.bot_user, chat.chat)

    def _document_from(
        self, params: JSON, files: dict[str, Upload], *, field: str = "document"
    ) -> SentDocument:
        upload = files.get(field)
        reference = params.get(field)
        if upload is None and isinstance(reference, str) and reference.startswith("attach://"):
            upload = files.get(reference.removeprefix("attach://"))
        if upload is None:
            if isinstance(reference, str) and reference in self._files:
                return self._files[reference]
            if isinstance(reference, str) and reference:
                raise bad_request("wrong file identifier/HTTP URL specified")
            raise bad_request(f"there is no {field} in the request")
        if not upload.content:
            raise bad_request("file must be non-empty")
        if len(upload.content) > MAX_UPLOAD_BYTES:
            raise ApiError(413, "Request Entity Too Large")
        number = self._next_file
        self._next_file += 1
        document = SentDocument(
            filename=upload.filename,
            content=upload.content,
            mime_type=upload.content_type or "application/octet-stream",
            file_id=f"BQACAgFAKE{number:06d}",
            file_unique_id=f"AgADFAKE{number:06d}",
        )
        self._files[document.file_id] = document
        return document

    async def _edit_message_text(self, params: JSON, files: dict[str, Upload]) -> JSON:
        chat, message = self._editable(params)
        markup = validate_reply_markup(params.get("reply_markup"), inline_only=True)
        text = optional_str(params, "text")
        if not text:
            raise bad_request("message text is empty")
        if message.text is None:
            raise bad_request("there is no text in the message to edit")
        parse_mode = optional_str(params, "parse_mode")
        formatted = format_text(
            text,
            parse_mode,
            params.get("entities"),
            limit=MAX_TEXT_UTF16,
            strict=self.strict_html,
            empty_reason="message text is empty",
            too_long_reason="message is too long",
        )
        # Without reply_markup Telegram removes the inline keyboard.
        unchanged = (
            formatted.text == message.text
            and formatted.entities == message.entities
            and markup == _inline_only(message.reply_markup)
        )
        if unchanged:
            raise bad_request(NOT_MODIFIED.removeprefix("Bad Request: "))
        message.history.append((message.source, message.reply_markup))
        message.text, message.entities, message.source = formatted.text, formatted.entities, text
        message.parse_mode = parse_mode
        message.reply_markup = markup
        message.edit_date = self._now()
        return message.to_api(self.bot_user, chat.chat)

    async def _edit_message_reply_markup(self, params: JSON, files: dict[str, Upload]) -> JSON:
        chat, message = self._editable(params)
        markup = validate_reply_markup(params.get("reply_markup"), inline_only=True)
        if markup == _inline_only(message.reply_markup):
            raise bad_request(NOT_MODIFIED.removeprefix("Bad Request: "))
        message.history.append((message.source, message.reply_markup))
        message.reply_markup = markup
        message.edit_date = self._now()
        return message.to_api(self.bot_user, chat.chat)

    async def _delete_message(self, params: JSON, files: dict[str, Upload]) -> bool:
        chat = self._known_chat(params)
        message_id = require_int(
            params, "message_id", empty_reason="message identifier is not specified"
        )
        message = chat.find_bot_message(message_id)
        if message is not None:
            message.deleted = True
            return True
        if chat.user_messages.pop(message_id, None) is not None:
            return True
        raise bad_request("message to delete not found")

    async def _answer_callback_query(self, params: JSON, files: dict[str, Upload]) -> bool:
        query_id = optional_str(params, "callback_query_id") or ""
        if query_id not in self._queries or self._queries[query_id] is not None:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        text = optional_str(params, "text") or ""
        if len(text) > MAX_CALLBACK_ANSWER_CHARS:
            raise bad_request("MESSAGE_TOO_LONG")
        self._queries[query_id] = {
            "text": text,
            "show_alert": optional_bool(params, "show_alert"),
            "url": optional_str(params, "url"),
        }
        return True

    async def _send_chat_action(self, params: JSON, files: dict[str, Upload]) -> bool:
        chat = self._writable_chat(params)
        action = optional_str(params, "action")
        if action not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        chat.actions.append(action)
        return True

    async def _set_my_commands(self, params: JSON, files: dict[str, Upload]) -> bool:
        commands = validate_commands(params.get("commands"))
        key = self._commands_key(params.get("scope"), params.get("language_code"))
        self._commands[key] = commands
        return True

    async def _get_my_commands(self, params: JSON, files: dict[str, Upload]) -> list[JSON]:
        key = self._commands_key(params.get("scope"), params.get("language_code"))
        return list(self._commands.get(key, []))

    async def _delete_my_commands(self, params: JSON, files: dict[str, Upload]) -> bool:
        key = self._commands_key(params.get("scope"), params.get("language_code"))
        self._commands.pop(key, None)
        return True

    async def _set_webhook(self, params: JSON, files: dict[str, Upload]) -> bool:
        url = optional_str(params, "url") or ""
        secret = validate_secret_token(optional_str(params, "secret_token"))
        if optional_bool(params, "drop_pending_updates"):
            self._pending.clear()
        if not url:
            await self._remove_webhook()
            return True
        if not re.match(r"^https?://[^\s/]+", url):
            raise bad_request("bad webhook: invalid webhook URL specified")
        self._webhook_url, self._webhook_secret = url, secret
        self._webhook_last_error = None
        self._signal.fire()  # ends a waiting getUpdates
        if self._webhook_task is None or self._webhook_task.done():
            self._webhook_task = asyncio.create_task(self._deliver_webhooks())
        return True

    async def _delete_webhook(self, params: JSON, files: dict[str, Upload]) -> bool:
        if optional_bool(params, "drop_pending_updates"):
            self._pending.clear()
        await self._remove_webhook()
        return True

    async def _remove_webhook(self) -> None:
        self._webhook_url = self._webhook_secret = None
        self._signal.fire()
        task, self._webhook_task = self._webhook_task, None
        if task is not None and task is not asyncio.current_task():
            await asyncio.gather(task, return_exceptions=True)

    async def _get_webhook_info(self, params: JSON, files: dict[str, Upload]) -> JSON:
        info: JSON = {
            "url": self._webhook_url or "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }
        if self._webhook_url:
            info["max_connections"] = 40
            info["ip_address"] = "127.0.0.1"
        if self._webhook_last_error is not None:
            info["last_error_date"], info["last_error_message"] = self._webhook_last_error
        return info

    # ------------------------------------------------------------------ webhook delivery

    async def _deliver_webhooks(self) -> None:
        """Post pending updates to the webhook one at a time, in order, retrying failures."""
        # The bot handles an update before it answers the post: allow it one reply's budget.
        timeout = aiohttp.ClientTimeout(total=wait_budget(REPLY))
        async with aiohttp.ClientSession(timeout=timeout) as session:
            while True:
                await self._signal.wait_for(
                    lambda: bool(self._pending) or self._webhook_url is None or self._closing,
                    None,
                )
                url = self._webhook_url
                if url is None or self._closing:
                    return
                update = self._pending[0]
                headers = {SECRET_HEADER: self._webhook_secret} if self._webhook_secret else {}
                status: int | None = None
                error: str | None = None
                try:
                    async with session.post(url, json=update, headers=headers) as response:
                        status = response.status
                        await response.read()
                except (aiohttp.ClientError, TimeoutError) as exc:
                    error = type(exc).__name__
                if status is not None and 200 <= status < 300:
                    if self._pending and self._pending[0] is update:
                        self._pending.pop(0)
                else:
                    error = error or f"Wrong response from the webhook: {status}"
                    self._webhook_last_error = (self._now(), error)
                self.webhook_deliveries.append(WebhookDelivery(update["update_id"], status, error))
                self._signal.fire()
                if error is not None:
                    await self._sleep(self._webhook_retry_delay)

    # ------------------------------------------------------------------ control API

    def _add_control_routes(self, app: web.Application) -> None:
        """A small HTTP API so the standalone server can be driven from outside Python."""

        async def send(request: web.Request) -> web.Response:
            body = await request.json()
            user = self.user(str(body.get("first_name", "Ann")), int(request.match_info["uid"]))
            sent = await user.send(str(body["text"]))
            return web.json_response({"update_id": sent.update_id, "message_id": sent.message_id})

        async def press(request: web.Request) -> web.Response:
            body = await request.json()
            user = self.user(user_id=int(request.match_info["uid"]))
            pressed = await user.press(int(body["message_id"]), str(body["button"]))
            return web.json_response({"query_id": pressed.query_id, "data": pressed.data})

        async def messages(request: web.Request) -> web.Response:
            chat_id = int(request.match_info["cid"])
            return web.json_response(
                [
                    {
                        "message_id": m.message_id,
                        "text": m.text,
                        "source": m.source,
                        "parse_mode": m.parse_mode,
                        "buttons": m.buttons,
                        "document": m.document.filename if m.document else None,
                        "deleted": m.deleted,
                    }
                    for m in self.transcript(chat_id)
                ]
            )

        async def stats(request: web.Request) -> web.Response:
            snapshot = self.stats
            return web.json_response(
                {
                    "calls": [
                        {"method": m, "status": s, "count": n}
                        for (m, s), n in sorted(snapshot.by_method_status.items())
                    ],
                    "early_retries": snapshot.early_retries,
                    "faults": dict(snapshot.faults),
                }
            )

        app.router.add_post("/_fake/users/{uid:[0-9]+}/messages", send)
        app.router.add_post("/_fake/users/{uid:[0-9]+}/press", press)
        app.router.add_get("/_fake/chats/{cid:-?[0-9]+}/messages", messages)
        app.router.add_get("/_fake/stats", stats)


def _seconds(value: Any) -> float:
    """getUpdates' timeout: PTB sends whole seconds, but a fractional one is tolerated."""
    if value in (None, ""):
        return 0.0
    try:
        return max(float(value), 0.0)
    except (TypeError, ValueError):
        raise bad_request("invalid timeout specified") from None


def _inline_only(markup: JSON | None) -> JSON | None:
    return markup if markup and "inline_keyboard" in markup else None
