"""What the fake remembers: every call, every message the bot sent, and statistics."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .validation import inline_buttons

JSON = dict[str, Any]


@dataclass
class Call:
    """One request to the Bot API as the fake saw it."""

    method: str  # canonical name, e.g. "sendMessage"
    params: JSON  # decoded parameters; uploaded files appear as {"filename", "size"}
    at: float  # wall-clock time (seconds since the epoch) when it arrived
    chat_id: int | None
    status: int = 0  # HTTP status sent; 0 when the connection was dropped
    description: str | None = None  # the error description, for failed calls
    fault: str | None = None  # the injected fault kind, if any
    early: bool = False  # a call inside a 429 window it had been told to wait out
    client_gone: bool = False  # the client had already hung up when the answer was ready

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


@dataclass
class SentDocument:
    filename: str
    content: bytes
    mime_type: str
    file_id: str
    file_unique_id: str

    def to_api(self) -> JSON:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_name": self.filename,
            "mime_type": self.mime_type,
            "file_size": len(self.content),
        }


@dataclass
class BotMessage:
    """A message the bot sent into a chat, as it stands now (edits update it in place)."""

    chat_id: int
    message_id: int
    date: int
    text: str | None  # plain text after entity parsing; None for a document
    source: str | None  # the text exactly as the bot sent it (with HTML tags)
    parse_mode: str | None
    entities: list[JSON] = field(default_factory=list)
    reply_markup: JSON | None = None
    document: SentDocument | None = None
    photo: SentDocument | None = None
    photo_size: tuple[int, int] | None = None  # width, height
    caption: str | None = None
    caption_entities: list[JSON] = field(default_factory=list)
    reply_to_message_id: int | None = None
    edit_date: int | None = None
    deleted: bool = False
    history: list[tuple[str | None, JSON | None]] = field(default_factory=list)

    @property
    def buttons(self) -> list[tuple[str, str | None]]:
        """(text, callback_data) of each inline button, row by row (None for url buttons)."""
        return inline_buttons(self.reply_markup)

    @property
    def keyboard(self) -> list[list[str]]:
        """Texts of a reply keyboard (the one under the input field), if the bot sent one."""
        if not self.reply_markup or "keyboard" not in self.reply_markup:
            return []
        return [
            [b if isinstance(b, str) else str(b.get("text", "")) for b in row]
            for row in self.reply_markup["keyboard"]
        ]

    @property
    def edits(self) -> int:
        return len(self.history)

    def to_api(self, bot_user: JSON, chat: JSON) -> JSON:
        body: JSON = {
            "message_id": self.message_id,
            "from": bot_user,
            "chat": chat,
            "date": self.date,
        }
        if self.text is not None:
            body["text"] = self.text
            if self.entities:
                body["entities"] = self.entities
        if self.photo is not None:
            width, height = self.photo_size or (0, 0)
            body["photo"] = [
                {
                    "file_id": self.photo.file_id,
                    "file_unique_id": self.photo.file_unique_id,
                    "width": width,
                    "height": height,
                    "file_size": len(self.photo.content),
                }
            ]
        if self.document is not None or self.photo is not None:
            if self.document is not None:
                body["document"] = self.document.to_api()
            if self.caption:
                body["caption"] = self.caption
                if self.caption_entities:
                    body["caption_entities"] = self.caption_entities
        # Telegram echoes only inline keyboards back in the Message object.
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            body["reply_markup"] = self.reply_markup
        if self.edit_date is not None:
            body["edit_date"] = self.edit_date
        return body


@dataclass(frozen=True)
class UserMessage:
    """A message a simulated user sent (or edited)."""

    chat_id: int
    message_id: int
    update_id: int
    text: str | None
    date: int


@dataclass(frozen=True)
class CallbackPress:
    """A button press: the callback query the fake created for it."""

    query_id: str
    update_id: int
    chat_id: int
    message_id: int
    data: str


@dataclass(frozen=True)
class WebhookDelivery:
    update_id: int
    status: int | None  # HTTP status of the bot's webhook; None when the connection failed
    error: str | None


@dataclass(frozen=True)
class Stats:
    """A snapshot of the statistics, derived from the recorded calls and transcripts."""

    by_method_status: Counter[tuple[str, int]]
    early_retries: int
    faults: Counter[str]
    chat_order: dict[int, list[int]]  # chat id -> message ids the bot sent, in order

    def count(self, method: str | None = None, status: int | None = None) -> int:
        return sum(
            n
            for (m, s), n in self.by_method_status.items()
            if (method is None or m == method) and (status is None or s == status)
        )
