"""Telegram's HTML subset, parsed as Telegram parses it: plain text plus message entities.

Used by the two stand-ins for the Bot API (:mod:`bot.telegram.localapi` in process, and the
fake server of the end-to-end tests), so both accept and reject the same markup. Offsets and
lengths are in UTF-16 code units, as Telegram counts them.

In strict mode (the default) a bare ``&`` or ``>`` outside a tag is rejected, as the Bot API
documentation demands ("All <, > and & symbols that are not a part of a tag or an HTML entity
must be replaced"). The production server is more lenient and keeps a bare ``&`` or ``>`` as
text; ``strict=False`` gives that behaviour. A bare ``<`` is an error either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.telegram.html import utf16_len

__all__ = ["HtmlError", "parse_html"]

JSON = dict[str, Any]


class HtmlError(ValueError):
    """Markup Telegram would refuse; the message is Telegram's reason."""


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
    """A small single-pass parser for Telegram's HTML subset."""

    def __init__(self, source: str, *, strict: bool) -> None:
        self.src = source
        self.strict = strict
        self.pos = 0
        self.out: list[str] = []
        self.out_len = 0  # UTF-16 units written so far
        self.stack: list[_Open] = []
        self.entities: list[JSON] = []

    def fail(self, reason: str) -> HtmlError:
        return HtmlError(reason)

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
