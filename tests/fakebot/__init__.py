"""A faithful fake of the Telegram Bot API for HearBack's tests.

An aiohttp server on 127.0.0.1 that answers python-telegram-bot exactly as Telegram would:
the same reply shapes, the same validation (UTF-16 lengths after entity parsing, Telegram's
HTML subset, callback data of 1-64 bytes, known chats, edits), long polling and webhooks, a
per-call fault injector with a seeded random source, and a driver that lets a test act as a
user. See ``server.FakeBotApi`` and ``driver.FakeUser``.

Run it on its own with ``PYTHONPATH=tests python -m fakebot --port 8081 --token 123:ABC``.
"""

from .driver import FakeUser
from .faults import FaultKind, FaultRule, FaultRules
from .records import BotMessage, Call, CallbackPress, SentDocument, Stats, UserMessage
from .server import FakeBotApi
from .validation import ApiError, parse_html, utf16_len

__all__ = [
    "ApiError",
    "BotMessage",
    "Call",
    "CallbackPress",
    "FakeBotApi",
    "FakeUser",
    "FaultKind",
    "FaultRule",
    "FaultRules",
    "SentDocument",
    "Stats",
    "UserMessage",
    "parse_html",
    "utf16_len",
]
