"""Bot API update objects built in-process: the terminal chat and the tests act as a user."""

from __future__ import annotations

import itertools
import time
from typing import Any

from telegram import Bot, Update

_ids = itertools.count(int(time.time() * 1000) % 10**12)


def next_id() -> int:
    return next(_ids)


def _user(user_id: int, first_name: str) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"}


def _message(user_id: int, first_name: str, now: int) -> dict[str, Any]:
    return {
        "message_id": next_id() % 2**31,
        "date": now,
        "chat": {"id": user_id, "type": "private", "first_name": first_name},
        "from": _user(user_id, first_name),
    }


def text_update(
    bot: Bot, user_id: int, text: str, *, first_name: str = "Sam", update_id: int | None = None
) -> Update:
    message = _message(user_id, first_name, int(time.time()))
    message["text"] = text
    if text.startswith("/"):
        command = text.split()[0] if text.split() else text
        message["entities"] = [
            {"type": "bot_command", "offset": 0, "length": len(command.encode("utf-16-le")) // 2}
        ]
    data = {"update_id": update_id if update_id is not None else next_id(), "message": message}
    update = Update.de_json(data, bot)
    assert update is not None
    return update


def location_update(
    bot: Bot, user_id: int, latitude: float, longitude: float, *, first_name: str = "Sam"
) -> Update:
    message = _message(user_id, first_name, int(time.time()))
    message["location"] = {"latitude": latitude, "longitude": longitude}
    update = Update.de_json({"update_id": next_id(), "message": message}, bot)
    assert update is not None
    return update


def callback_update(
    bot: Bot,
    user_id: int,
    data: str,
    *,
    message_id: int,
    message_text: str = "",
    first_name: str = "Sam",
    update_id: int | None = None,
) -> Update:
    message = _message(user_id, first_name, int(time.time()))
    message["message_id"] = message_id
    message["from"] = {"id": bot.id, "is_bot": True, "first_name": "HearBack"}
    if message_text:
        message["text"] = message_text
    query = {
        "id": str(next_id()),
        "from": _user(user_id, first_name),
        "chat_instance": str(user_id),
        "message": message,
        "data": data,
    }
    payload = {
        "update_id": update_id if update_id is not None else next_id(),
        "callback_query": query,
    }
    update = Update.de_json(payload, bot)
    assert update is not None
    return update
