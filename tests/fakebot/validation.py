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


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


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

_TAG_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8})|([a-zA-Z][a-zA-Z0-9]*));")
_NAME_CHARS = re.compile(r"[A-Za-z0-9-]")


@dataclass
class _Open:
    name: str
    start: int  # UTF-16 offset in the output text
    byte_offset: int
    attrs: dict[str, str]


class _HtmlParser:
    """A small single-pass parser for Telegram's HTML subset (written for this fake)."""

    def __init__(self, source: str, *, strict: bool) -> None:
        self.src = source
        self.strict = strict
        self.pos = 0
        self.out: list[str] = []
        self.out_len = 0  # UTF-16 units written so far
        self.stack: list[_Open] = []
        self.entities: list[JSON] = []

    def fail(self, reason: str) -> ApiError:
        return bad_request(f"can't parse entities: {reason}")

    def byte_offset(self, index: int) -> int:
        return len(self.src[:index].encode("utf-8", "surrogatepass"))

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.out_len += utf16_len(text)

    def parse(self) -> tuple[str, list[JSON]]:
        src = self.src
        while self.pos < len(src):
            ch = src[self.pos]
            if ch == "&":
                self.emit(self.entity(self.pos, in_attribute=False))
            elif ch == "<":
                if self.pos + 1 < len(src) and src[self.pos + 1] == "/":
                    self.end_tag()
                else:
                    self.start_tag()
            elif ch == ">" and self.strict:
                raise self.fail(
                    f'character ">" must be escaped as "&gt;" at byte offset '
                    f"{self.byte_offset(self.pos)}"
                )
            else:
                self.emit(ch)
                self.pos += 1
        if self.stack:
            raise self.fail(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"'
            )
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def entity(self, index: int, *, in_attribute: bool) -> str:
        """Decode the character reference at ``index`` and move past it."""
        match = _ENTITY_RE.match(self.src, index)
        decoded: str | None = None
        if match:
            if match.group(3) is not None:
                decoded = _NAMED_ENTITIES.get(match.group(3))
            else:
                number = int(match.group(1)) if match.group(1) else int(match.group(2), 16)
                if 0 < number <= 0x10FFFF and not 0xD800 <= number <= 0xDFFF:
                    decoded = chr(number)
        if decoded is None or match is None:
            if not self.strict:
                self.pos = index + 1
                return "&"
            where = "attribute value" if in_attribute else "text"
            raise self.fail(
                f'unsupported HTML entity or unescaped "&" in {where} at byte offset '
                f"{self.byte_offset(index)}"
            )
        self.pos = match.end()
        return decoded

    def start_tag(self) -> None:
        src = self.src
        begin = self.pos
        offset = self.byte_offset(begin)
        i = begin + 1
        while i < len(src) and _NAME_CHARS.match(src[i]):
            i += 1
        if i >= len(src):
            raise self.fail(f"Unclosed start tag at byte offset {offset}")
        name = src[begin + 1 : i].lower()
        if name not in _TAG_ENTITY:
            raise self.fail(f'Unsupported start tag "{name}" at byte offset {offset}')
        attrs: dict[str, str] = {}
        while True:
            while i < len(src) and src[i].isspace():
                i += 1
            if i >= len(src):
                raise self.fail(f"Unclosed start tag at byte offset {offset}")
            if src[i] == ">":
                i += 1
                break
            if src[i] == "/" and i + 1 < len(src) and src[i + 1] == ">":
                raise self.fail(f'Unsupported self-closing tag "{name}" at byte offset {offset}')
            attr_begin = i
            while i < len(src) and not src[i].isspace() and src[i] not in "=>":
                i += 1
            attr_name = src[attr_begin:i].lower()
            while i < len(src) and src[i].isspace():
                i += 1
            value = ""
            if i < len(src) and src[i] == "=":
                i += 1
                while i < len(src) and src[i].isspace():
                    i += 1
                if i >= len(src):
                    raise self.fail(f"Unclosed start tag at byte offset {offset}")
                value, i = self.attribute_value(i, offset)
            attrs[attr_name] = value
        self.check_attributes(name, attrs, offset)
        self.stack.append(_Open(name=name, start=self.out_len, byte_offset=offset, attrs=attrs))
        self.pos = i

    def attribute_value(self, i: int, tag_offset: int) -> tuple[str, int]:
        src = self.src
        quote = src[i] if src[i] in "\"'" else None
        if quote is not None:
            i += 1
        parts: list[str] = []
        while True:
            if i >= len(src):
                raise self.fail(f"Unclosed start tag at byte offset {tag_offset}")
            ch = src[i]
            if quote is not None and ch == quote:
                return "".join(parts), i + 1
            if quote is None and (ch.isspace() or ch == ">"):
                return "".join(parts), i
            if ch == "&":
                saved = self.pos
                parts.append(self.entity(i, in_attribute=True))
                i, self.pos = self.pos, saved
            else:
                if quote is None and ch in "\"'<=`":
                    raise self.fail(
                        f"Unexpected character in attribute at byte offset {tag_offset}"
                    )
                parts.append(ch)
                i += 1

    def check_attributes(self, name: str, attrs: dict[str, str], offset: int) -> None:
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise self.fail('Tag "span" must have class "tg-spoiler"')
        if name == "tg-emoji":
            emoji_id = attrs.get("emoji-id", "")
            if not emoji_id.isdigit():
                raise self.fail(f"Custom emoji identifier expected at byte offset {offset}")

    def end_tag(self) -> None:
        src = self.src
        begin = self.pos
        offset = self.byte_offset(begin)
        close = src.find(">", begin)
        if close == -1:
            raise self.fail(f"Unclosed end tag at byte offset {offset}")
        name = src[begin + 2 : close].strip().lower()
        if not self.stack:
            raise self.fail(f"Unexpected end tag at byte offset {offset}")
        top = self.stack[-1]
        if name != top.name:
            raise self.fail(
                f'Unmatched end tag at byte offset {offset}, expected "</{top.name}>", '
                f'found "</{name}>"'
            )
        self.stack.pop()
        self.pos = close + 1
        self.close_entity(top)

    def close_entity(self, tag: _Open) -> None:
        length = self.out_len - tag.start
        if length <= 0:
            return  # Telegram drops empty entities
        entity: JSON = {"type": _TAG_ENTITY[tag.name], "offset": tag.start, "length": length}
        if tag.name == "a":
            href = tag.attrs.get("href", "")
            if not href:
                return
            entity["url"] = href
        elif tag.name == "blockquote" and "expandable" in tag.attrs:
            entity["type"] = "expandable_blockquote"
        elif tag.name == "tg-emoji":
            entity["custom_emoji_id"] = tag.attrs["emoji-id"]
        elif tag.name == "code":
            language = tag.attrs.get("class", "")
            inside_pre = bool(self.stack) and self.stack[-1].name == "pre"
            if inside_pre and language.startswith("language-"):
                # <pre><code class="language-x"> becomes one pre entity with a language.
                self.stack[-1].attrs["language"] = language.removeprefix("language-")
                return
        elif tag.name == "pre" and "language" in tag.attrs:
            entity["language"] = tag.attrs["language"]
        self.entities.append(entity)


def parse_html(source: str, *, strict: bool = True) -> tuple[str, list[JSON]]:
    """Parse Telegram HTML into plain text and message entities (offsets in UTF-16 units)."""
    return _HtmlParser(source, strict=strict).parse()


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
