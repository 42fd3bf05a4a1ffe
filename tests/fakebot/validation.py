"""What Telegram checks before it accepts a message, written as pure functions.

Every function here either returns the normalised value or raises :class:`ApiError` carrying
the status code and description the real Bot API would send. Nothing in this module touches the
network, a clock or shared state, so it can be tested on its own.

Fidelity notes (kept deliberately, see the package docstring):

* Lengths are counted in UTF-16 code units after entity parsing and after Telegram strips
  leading and trailing whitespace, as Telegram does.
* In strict mode (the default) a bare ``&`` or ``>`` outside a tag is rejected, as the Bot API
  documentation demands ("All <, > and & symbols that are not a part of a tag or an HTML entity
  must be replaced"). The production server (tdlib) is more lenient and keeps a bare ``&`` or
  ``>`` as text; pass ``strict=False`` for that behaviour. A bare ``<`` is an error either way.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from bot.telegram import parsehtml as html_parser
from bot.telegram.html import utf16_len as utf16_len  # re-exported by the package
from bot.telegram.parsehtml import HtmlError

JSON = dict[str, Any]

MAX_TEXT_UTF16 = 4096
MAX_CAPTION_UTF16 = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER_CHARS = 200
MAX_INLINE_BUTTONS = 100
MAX_COMMANDS = 100

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)


class ApiError(Exception):
    """An error reply of the Bot API: HTTP status, description and optional parameters."""

    def __init__(self, status: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def payload(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}")


# --------------------------------------------------------------------------- parameters

INT_PARAMS = frozenset(
    {
        "chat_id",
        "message_id",
        "offset",
        "limit",
        "timeout",
        "reply_to_message_id",
        "message_thread_id",
        "max_connections",
        "cache_time",
        "user_id",
    }
)
BOOL_PARAMS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "drop_pending_updates",
        "show_alert",
        "allow_sending_without_reply",
        "disable_web_page_preview",
        "disable_content_type_detection",
        "allow_paid_broadcast",
    }
)
JSON_PARAMS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "commands",
        "scope",
        "allowed_updates",
        "reply_parameters",
        "link_preview_options",
        "menu_button",
    }
)


def normalise_params(raw: dict[str, Any]) -> JSON:
    """Turn form values (always strings) into the types Telegram reads them as.

    python-telegram-bot posts ``application/x-www-form-urlencoded`` or multipart bodies in which
    every non-string value is JSON-encoded and every string is sent as it is. Telegram decodes
    parameters by name, so a text of ``"123"`` stays a string while ``chat_id=123`` is a number.
    Values that do not convert are kept unchanged; the method handler then reports them.
    """
    out: JSON = {}
    for key, value in raw.items():
        if not isinstance(value, str):
            out[key] = value
        elif key in INT_PARAMS:
            out[key] = _maybe_int(value)
        elif key in BOOL_PARAMS:
            lowered = value.strip().lower()
            out[key] = {"true": True, "1": True, "false": False, "0": False}.get(lowered, value)
        elif key in JSON_PARAMS:
            try:
                out[key] = json.loads(value)
            except ValueError:
                out[key] = value
        else:
            out[key] = value
    return out


def _maybe_int(value: str) -> int | str:
    try:
        return int(value.strip())
    except ValueError:
        return value


def require_int(params: JSON, name: str, *, empty_reason: str | None = None) -> int:
    value = params.get(name)
    if value is None or value == "":
        raise bad_request(empty_reason or f"{name} is empty")
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.startswith("@"):
            raise bad_request("chat not found")
        raise bad_request(f"invalid {name} specified")
    return value


def optional_int(params: JSON, name: str) -> int | None:
    if params.get(name) in (None, ""):
        return None
    return require_int(params, name)


def optional_str(params: JSON, name: str) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad_request(f'field "{name}" must be of type String')
    return value


def optional_bool(params: JSON, name: str) -> bool:
    value = params.get(name)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise bad_request(f'field "{name}" must be of type Boolean')
    return value


# --------------------------------------------------------------------------- HTML


def parse_html(source: str, *, strict: bool = True) -> tuple[str, list[JSON]]:
    """Parse Telegram HTML into plain text and message entities (offsets in UTF-16 units)."""
    try:
        return html_parser.parse_html(source, strict=strict)
    except HtmlError as exc:
        raise bad_request(f"can't parse entities: {exc}") from None


def strip_text(text: str, entities: list[JSON]) -> tuple[str, list[JSON]]:
    """Strip leading/trailing whitespace like Telegram and clip the entities to what is left."""
    stripped_left = text.lstrip()
    head = utf16_len(text) - utf16_len(stripped_left)
    result = stripped_left.rstrip()
    end = utf16_len(result)
    clipped: list[JSON] = []
    for entity in entities:
        start = max(entity["offset"] - head, 0)
        stop = min(entity["offset"] + entity["length"] - head, end)
        if stop > start:
            clipped.append({**entity, "offset": start, "length": stop - start})
    return result, clipped


@dataclass(frozen=True)
class FormattedText:
    """A text as Telegram stores it: the plain characters plus entities."""

    text: str
    entities: list[JSON]


def format_text(
    source: str | None,
    parse_mode: str | None,
    entities: Any,
    *,
    limit: int,
    strict: bool,
    empty_reason: str | None,
    too_long_reason: str,
) -> FormattedText:
    """Apply parse mode, strip and length rules; ``empty_reason=None`` allows an empty text."""
    if source is None:
        source = ""
    if not isinstance(source, str):
        raise bad_request("text must be a string")
    mode = (parse_mode or "").strip().lower()
    if mode == "html":
        text, found = parse_html(source, strict=strict)
    elif mode == "":
        text, found = source, _explicit_entities(entities)
    elif mode in ("markdown", "markdownv2"):
        raise bad_request(
            f"parse_mode {parse_mode} is not implemented by the fake Bot API; use HTML"
        )
    else:
        raise bad_request(f"unsupported parse_mode {parse_mode}")
    text, found = strip_text(text, found)
    if not text and empty_reason is not None:
        raise bad_request(empty_reason)
    if utf16_len(text) > limit:
        raise bad_request(too_long_reason)
    return FormattedText(text=text, entities=found)


def _explicit_entities(entities: Any) -> list[JSON]:
    if entities in (None, ""):
        return []
    if not isinstance(entities, list) or not all(isinstance(e, dict) for e in entities):
        raise bad_request("can't parse entities JSON object")
    for entity in entities:
        if not isinstance(entity.get("offset"), int) or not isinstance(entity.get("length"), int):
            raise bad_request('can\'t parse MessageEntity: Field "offset" must be of type Number')
    return [dict(e) for e in entities]


# --------------------------------------------------------------------------- keyboards

_MARKUP_JSON = "can't parse reply keyboard markup JSON object"
_URL_RE = re.compile(r"^(https?://|tg://)[^\s]+$", re.IGNORECASE)


def validate_reply_markup(value: Any, *, inline_only: bool = False) -> JSON | None:
    """Check a reply_markup like Telegram and return it as a JSON object (or None)."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise bad_request(_MARKUP_JSON) from None
    if not isinstance(value, dict):
        raise bad_request(_MARKUP_JSON)
    if "inline_keyboard" in value:
        _check_inline_keyboard(value["inline_keyboard"])
        return value
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in value:
        rows = value["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise bad_request('can\'t parse reply keyboard: field "keyboard" must be an Array')
        for row in rows:
            for button in row:
                text = button if isinstance(button, str) else None
                if isinstance(button, dict):
                    text = button.get("text")
                if not isinstance(text, str) or not text:
                    raise bad_request("can't parse keyboard button: Text must be non-empty")
        return value
    if value.get("remove_keyboard") is True or value.get("force_reply") is True:
        return value
    raise bad_request(_MARKUP_JSON)


def _check_inline_keyboard(rows: Any) -> None:
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise bad_request('can\'t parse inline keyboard: field "inline_keyboard" must be an Array')
    if sum(len(r) for r in rows) > MAX_INLINE_BUTTONS:
        raise bad_request("reply markup is too long")
    for row in rows:
        for button in row:
            if not isinstance(button, dict):
                raise bad_request("can't parse inline keyboard button: Object expected")
            text = button.get("text")
            if not isinstance(text, str) or not text.strip():
                raise bad_request("can't parse inline keyboard button: Text must be non-empty")
            kinds = [k for k in button if k != "text"]
            if len(kinds) != 1:
                raise bad_request(
                    "can't parse inline keyboard button: InlineKeyboardButton must have exactly "
                    "one optional field"
                )
            if "callback_data" in button:
                data = button["callback_data"]
                size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else 0
                if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
                    raise bad_request("BUTTON_DATA_INVALID")
            elif "url" in button:
                url = button["url"]
                if not isinstance(url, str) or not _URL_RE.match(url):
                    raise bad_request("BUTTON_URL_INVALID")


def inline_buttons(markup: JSON | None) -> list[tuple[str, str | None]]:
    """(text, callback_data) of every inline button, row by row; url buttons give None."""
    if not markup or "inline_keyboard" not in markup:
        return []
    return [
        (str(button["text"]), button.get("callback_data"))
        for row in markup["inline_keyboard"]
        for button in row
    ]


# --------------------------------------------------------------------------- commands

_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_COMMAND_IN_TEXT = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?=$|[\s.,;:!?])")


def validate_commands(value: Any) -> list[JSON]:
    if not isinstance(value, list):
        raise bad_request("can't parse commands JSON object")
    if len(value) > MAX_COMMANDS:
        raise bad_request("too many commands specified")
    commands: list[JSON] = []
    for item in value:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand: Object expected")
        command = item.get("command")
        description = item.get("description")
        if not isinstance(command, str) or not _COMMAND_RE.match(command.removeprefix("/")):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request("command description must be non-empty and at most 256 characters")
        commands.append({"command": command.removeprefix("/"), "description": description})
    return commands


def command_entities(text: str) -> list[JSON]:
    """The ``bot_command`` entities Telegram attaches to a user's text."""
    found: list[JSON] = []
    for match in _COMMAND_IN_TEXT.finditer(text):
        found.append(
            {
                "type": "bot_command",
                "offset": utf16_len(text[: match.start()]),
                "length": utf16_len(match.group(0)),
            }
        )
    return found


CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)

_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def validate_secret_token(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not _SECRET_RE.match(value):
        raise bad_request("secret token contains unallowed characters")
    return value
