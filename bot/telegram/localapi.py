"""An in-process stand-in for the Bot API, so the real PTB ``Application`` runs offline.

``hearback chat`` uses it to print the bot's messages in a terminal, and handler tests use
it to record what the bot sent. It answers the methods HearBack calls with objects shaped
like Telegram's, and rejects what Telegram rejects (empty or over-long text, HTML that does
not parse, callback data over 64 bytes) with the same status codes, so a test that passes
here does not fail against the real service for those reasons.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PIL import Image
from telegram.request import BaseRequest, RequestData

from bot.telegram.html import TELEGRAM_LIMIT, utf16_len
from bot.telegram.parsehtml import HtmlError, parse_html

LOCAL_TOKEN = "123456:LOCAL-hearback-chat-not-a-real-token"
BOT_USER = {
    "id": 123456,
    "is_bot": True,
    "first_name": "HearBack",
    "username": "hearback_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


def visible_text(markup: str) -> str:
    """Parse Telegram HTML as Telegram does; raise :class:`HtmlError` where it would fail."""
    return parse_html(markup)[0]


@dataclass
class SentMessage:
    """One message the bot sent (or edited) in a chat."""

    chat_id: int
    message_id: int
    text: str
    buttons: list[list[tuple[str, str]]] = field(default_factory=list)
    document: tuple[str, bytes] | None = None
    photo: bool = False  # the document was sent as a photo

    @property
    def button_list(self) -> list[tuple[str, str]]:
        return [b for row in self.buttons for b in row]


class ApiError(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


class LocalBotApi(BaseRequest):
    """A ``BaseRequest`` that answers Bot API calls in-process.

    ``on_send`` is called with every message the bot sends or edits (the terminal chat
    prints it). ``calls`` records ``(method, parameters)`` for every request.
    """

    def __init__(self, on_send: Callable[[SentMessage], None] | None = None) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.messages: dict[tuple[int, int], SentMessage] = {}
        self.sent: list[SentMessage] = []
        self.errors: list[tuple[str, int, str]] = []
        self.commands: list[dict[str, str]] = []
        self.on_send = on_send
        self._next_id = 1000

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params: dict[str, Any] = dict(request_data.parameters) if request_data else {}
        files = request_data.multipart_data if request_data else {}
        self.calls.append((api_method, params))
        try:
            result = self._answer(api_method, params, files)
        except ApiError as exc:
            self.errors.append((api_method, exc.status, exc.description))
            body = {"ok": False, "error_code": exc.status, "description": exc.description}
            return exc.status, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": result}).encode()

    # -- the methods ----------------------------------------------------------

    def _answer(self, method: str, params: dict[str, Any], files: dict[str, Any]) -> Any:
        match method:
            case "getMe":
                return BOT_USER
            case "getUpdates":
                return []
            case "setMyCommands":
                self.commands = list(params.get("commands", []))
                return True
            case "getMyCommands":
                return self.commands
            case (
                "deleteWebhook"
                | "setWebhook"
                | "answerCallbackQuery"
                | "sendChatAction"
                | "deleteMessage"
                | "close"
                | "logOut"
            ):
                return True
            case "sendMessage":
                text = self._check_text(params)
                buttons = self._check_markup(params)
                return self._store(int(params["chat_id"]), None, text, buttons, None)
            case "editMessageText":
                text = self._check_text(params)
                buttons = self._check_markup(params)
                return self._edit(params, text, buttons)
            case "editMessageReplyMarkup":
                return self._edit(params, None, self._check_markup(params))
            case "sendDocument":
                document = self._document(params, files)
                caption = str(params.get("caption", ""))
                if caption:
                    self._visible(caption, params)
                return self._store(int(params["chat_id"]), None, caption, [], document)
            case "sendPhoto":
                photo = self._document(params, files, field="photo")
                self._check_image(photo[1])
                caption = str(params.get("caption", ""))
                if caption:
                    self._visible(caption, params)
                return self._store(int(params["chat_id"]), None, caption, [], photo, is_photo=True)
        raise ApiError(404, "Not Found")

    def _visible(self, text: str, params: dict[str, Any]) -> str:
        if params.get("parse_mode") == "HTML":
            try:
                return visible_text(text)
            except HtmlError as exc:
                raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from exc
        return text

    def _check_text(self, params: dict[str, Any]) -> str:
        text = str(params.get("text", ""))
        visible = self._visible(text, params)
        if not visible.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_len(visible) > TELEGRAM_LIMIT:
            raise ApiError(400, "Bad Request: message is too long")
        return text

    @staticmethod
    def _check_markup(params: dict[str, Any]) -> list[list[tuple[str, str]]]:
        markup = params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        if not markup or "inline_keyboard" not in markup:
            return []
        rows: list[list[tuple[str, str]]] = []
        for row in markup["inline_keyboard"]:
            out: list[tuple[str, str]] = []
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(str(data).encode()) <= 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                out.append((str(button.get("text", "")), str(data or button.get("url", ""))))
            rows.append(out)
        return rows

    @staticmethod
    def _document(
        params: dict[str, Any], files: dict[str, Any], *, field: str = "document"
    ) -> tuple[str, bytes]:
        part = files.get(field)
        if isinstance(part, tuple):
            name = str(part[0])
            content = part[1]
            data = content if isinstance(content, bytes) else content.read()
            return name, bytes(data)
        raise ApiError(400, f"Bad Request: there is no {field} in the request")

    @staticmethod
    def _check_image(content: bytes) -> None:
        """Telegram refuses a photo that is no image, or whose sides add up to more than
        10000 px or are more than 20 times apart."""
        try:
            with Image.open(io.BytesIO(content)) as image:
                width, height = image.size
        except (OSError, ValueError):
            raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED") from None
        if width + height > 10_000 or max(width, height) > 20 * min(width, height):
            raise ApiError(400, "Bad Request: PHOTO_INVALID_DIMENSIONS")

    def _store(
        self,
        chat_id: int,
        message_id: int | None,
        text: str,
        buttons: list[list[tuple[str, str]]],
        document: tuple[str, bytes] | None,
        *,
        is_photo: bool = False,
    ) -> dict[str, Any]:
        if message_id is None:
            self._next_id += 1
            message_id = self._next_id
        message = SentMessage(chat_id, message_id, text, buttons, document, is_photo)
        self.messages[(chat_id, message_id)] = message
        self.sent.append(message)
        if self.on_send is not None:
            self.on_send(message)
        result: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "you"},
            "from": BOT_USER,
        }
        if text:
            result["text"] = text
        if document is not None and is_photo:
            result["photo"] = [
                {
                    "file_id": f"ph{message_id}",
                    "file_unique_id": f"p{message_id}",
                    "width": 1,
                    "height": 1,
                }
            ]
        elif document is not None:
            result["document"] = {
                "file_id": f"doc{message_id}",
                "file_unique_id": f"u{message_id}",
                "file_name": document[0],
            }
        return result

    def _edit(
        self, params: dict[str, Any], text: str | None, buttons: list[list[tuple[str, str]]]
    ) -> dict[str, Any]:
        key = (int(params["chat_id"]), int(params["message_id"]))
        old = self.messages.get(key)
        if old is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        new_text = old.text if text is None else text
        if new_text == old.text and buttons == old.buttons:
            raise ApiError(400, "Bad Request: message is not modified")
        return self._store(key[0], key[1], new_text, buttons, None)
