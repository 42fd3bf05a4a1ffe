"""Safe HTML for Telegram: escape user text, bound it, split long replies."""

from __future__ import annotations

import html
import re
import unicodedata

TELEGRAM_LIMIT = 4096
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str, limit: int) -> str:
    """User text made safe to keep: control characters out, whitespace trimmed, bounded."""
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text)).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def esc(text: object) -> str:
    """Escape any value for Telegram's HTML parse mode."""
    return html.escape(str(text), quote=False)


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def visible_len(markup: str) -> int:
    """Length Telegram counts for an HTML message: tags dropped, entities decoded."""
    return utf16_len(html.unescape(re.sub(r"<[^>]+>", "", markup)))


def split_html(markup: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split a reply into parts Telegram accepts, on line boundaries.

    Every reply HearBack builds keeps tags within one line, so cutting between lines never
    leaves a tag open. A single line longer than the limit (user text pasted back) is cut
    between characters, outside tags and entities.
    """
    parts: list[str] = []
    current = ""
    for line in markup.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if visible_len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        current = ""
        while visible_len(line) > limit:
            head, line = _cut_line(line, limit)
            parts.append(head)
        current = line
    if current.strip():
        parts.append(current)
    return parts or [""]


_TOKEN = re.compile(r"<[^>]+>|&[#a-zA-Z0-9]+;|.", re.DOTALL)


def _cut_line(line: str, limit: int) -> tuple[str, str]:
    """Cut ``line`` at most ``limit`` visible characters in, reopening open tags after it."""
    count = 0
    open_tags: list[str] = []
    pos = 0
    for match in _TOKEN.finditer(line):
        token = match.group()
        if token.startswith("<"):
            if token.startswith("</"):
                if open_tags:
                    open_tags.pop()
            else:
                open_tags.append(token)
        else:
            width = utf16_len(html.unescape(token))
            if count + width > limit - 10:
                break
            count += width
        pos = match.end()
    head = line[:pos] + "".join(f"</{_tag_name(t)}>" for t in reversed(open_tags))
    tail = "".join(open_tags) + line[pos:]
    return head, tail


def _tag_name(open_tag: str) -> str:
    return open_tag[1:-1].split()[0]
