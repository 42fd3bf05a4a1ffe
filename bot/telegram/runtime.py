"""What every handler needs: dependencies, the user, a database session, the time, replies."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import CallbackContext, ExtBot

from bot.core.calendar import BusinessCalendar, calendar_for
from bot.core.records import UserProfile
from bot.storage.mailbox import Outgoing

log = logging.getLogger(__name__)

Buttons = Sequence[Sequence[tuple[str, str]]]
Clock = Callable[[], datetime]
PlanListener = Callable[[], Awaitable[None]]


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class Deps:
    """Shared by all handlers; stored in ``application.bot_data["deps"]``."""

    sessions: async_sessionmaker[AsyncSession]
    clock: Clock = system_clock
    default_nudge_hour: int = 10
    # Called after a turn changed any interview's plan (the nudge dispatcher re-arms).
    plan_listeners: list[PlanListener] = field(default_factory=list)


Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]


def deps_of(context: Context) -> Deps:
    deps = context.bot_data["deps"]
    assert isinstance(deps, Deps)
    return deps


def keyboard(buttons: Buttons | None) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in buttons]
    )


@dataclass
class Turn:
    """One update being handled: who, when, the open transaction, and how to answer."""

    update: Update
    context: Context
    deps: Deps
    session: AsyncSession
    user: UserProfile
    now: datetime
    plan_changed: bool = False
    outbox: list[Outgoing] = field(default_factory=list)
    # Run once the turn's transaction has committed, before the replies go out.
    after_commit: list[Callable[[], Awaitable[object]]] = field(default_factory=list)

    @property
    def chat_id(self) -> int:
        return self.user.chat_id

    @property
    def cal(self) -> BusinessCalendar:
        return calendar_for(self.user.zone, self.user.country)

    @property
    def zone_known(self) -> bool:
        return bool(self.user.zone)

    def say(self, text: str, buttons: Buttons | None = None) -> None:
        """Queue an HTML reply: written to the outbox in the turn's transaction and sent
        once it has committed, so a reply goes out for what was really stored (and, after
        a crash, still goes out); the database is never held open while Telegram answers.
        """
        self.outbox.append(Outgoing(text=text, buttons=buttons))

    def send_file(self, name: str, content: bytes, caption: str) -> None:
        self.outbox.append(Outgoing(text=caption, document=(name, content)))

    def send_export(self, name: str, caption: str) -> None:
        """The user's /export file, written by the sender when it goes out."""
        self.outbox.append(Outgoing(text=caption, document=(name, b""), export_of=self.user.id))

    def send_photo(self, name: str, content: bytes, caption: str) -> None:
        self.outbox.append(Outgoing(text=caption, document=(name, content), photo=True))

    def close_buttons(self, message: Message | None) -> None:
        """Take the buttons off a message whose question has been answered."""
        if message is not None and message.reply_markup is not None:
            self.outbox.append(Outgoing(text="", strip_markup_of=message.message_id))
