"""A database fault while handling an update: keep the update unseen, tell the user once.

A turn records its update id in the same transaction as everything else it does, so a
database fault (locked, read-only, full, unreachable: :func:`bot.storage.db.is_database_fault`)
rolls the record back with the rest and the update counts as never seen: a redelivery of it
is handled in full. In webhook mode the request is then answered 503, so Telegram delivers
it again later.

The user is told once per *fault streak*: the first update of a chat that fails says
sorry; the chat's next ones stay quiet until one of its turns succeeds again, so a minute
of a full disk is one message, not thirty.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Final

from telegram import Update

from bot.storage.db import db_reason
from bot.telegram import texts

log = logging.getLogger(__name__)

KEY: Final = "database_faults"
MAX_REMEMBERED: Final = 1000
"""Update ids that failed are kept for the webhook's answer; at most this many."""


@dataclass
class FaultNotices:
    """Which chats were told about the current fault, and which updates failed on one."""

    told: set[int] = field(default_factory=set)
    failed: OrderedDict[int, None] = field(default_factory=OrderedDict)

    def fault(self, update_id: int, chat_id: int | None) -> bool:
        """Record that ``update_id`` failed; True when its chat is to be told now."""
        self.failed[update_id] = None
        while len(self.failed) > MAX_REMEMBERED:
            self.failed.popitem(last=False)
        if chat_id is None or chat_id in self.told:
            return False
        self.told.add(chat_id)
        return True

    def recovered(self, chat_id: int) -> None:
        """A turn of this chat succeeded: its fault streak, if any, is over."""
        self.told.discard(chat_id)

    def take_failed(self, update_id: int) -> bool:
        """Did handling ``update_id`` fail on a database fault? (Asked once, by the webhook.)"""
        return self.failed.pop(update_id, 0) is None


def notices(bot_data: dict[Any, Any]) -> FaultNotices:
    found = bot_data.setdefault(KEY, FaultNotices())
    assert isinstance(found, FaultNotices)
    return found


async def on_database_fault(update: object, error: BaseException, context: Any) -> None:
    """The error handler's part for database faults: one log line, at most one apology."""
    if not isinstance(update, Update):
        log.error("database fault: %s", db_reason(error))
        return
    chat = update.effective_chat
    log.error(
        "database fault while handling update %d: %s; left unseen for a redelivery",
        update.update_id,
        db_reason(error),
    )
    if not notices(context.bot_data).fault(update.update_id, chat.id if chat else None):
        return
    assert chat is not None
    try:
        await context.bot.send_message(chat_id=chat.id, text=texts.DB_FAULT)
    except Exception:
        log.warning("could not send the apology for the database fault")
