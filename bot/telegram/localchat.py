"""``hearback chat``: talk to the real bot in a terminal, no token and no network.

The same Application and handlers as ``hearback run``, on the same database; a local
request class answers the Bot API calls and prints what the bot sends. Buttons are shown
as numbered choices: type the number to press one.
"""

from __future__ import annotations

import asyncio
import html
import re
import sys
from typing import TextIO

from bot.config import Settings
from bot.storage.db import make_engine
from bot.storage.migrate import upgrade
from bot.telegram.app import build_application
from bot.telegram.callbacks import parse_id
from bot.telegram.localapi import LOCAL_TOKEN, LocalBotApi, SentMessage
from bot.telegram.updates import callback_update, location_update, text_update

LOCAL_USER_ID = 424242
_TAG = re.compile(r"<[^>]+>")


def render(markup: str) -> str:
    """Telegram HTML as plain terminal text."""
    return html.unescape(_TAG.sub("", markup))


class Terminal:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.buttons: list[tuple[int, str, str]] = []  # (message id, label, data)

    def show(self, message: SentMessage) -> None:
        if message.document is not None:
            name, content = message.document
            self.out.write(f"\n📎 {name} ({len(content)} bytes)\n")
        if message.text:
            self.out.write("\n" + render(message.text) + "\n")
        if message.buttons:
            self.buttons = [
                (message.message_id, label, data) for label, data in message.button_list
            ]
            for number, (_, label, _) in enumerate(self.buttons, 1):
                self.out.write(f"  [{number}] {label}\n")
        self.out.flush()


async def chat(settings: Settings, *, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout) -> int:
    await upgrade(settings.database_url)
    terminal = Terminal(out)
    api = LocalBotApi(on_send=terminal.show)
    engine = make_engine(settings.database_url)
    app = build_application(
        settings,
        token=LOCAL_TOKEN,
        engine=engine,
        request=api,
        updates_request=LocalBotApi(),
        rate_limit=False,
    )
    out.write(
        "HearBack local chat: you are talking to the real bot, offline. Type /start, "
        "a number to press a button, 'loc LAT LON' to share a location, or /quit.\n"
    )
    async with app:
        await app.start()
        try:
            while True:
                out.write("\nyou> ")
                out.flush()
                line = await asyncio.to_thread(stdin.readline)
                if not line:
                    break
                text = line.rstrip("\n")
                if text.strip() in ("/quit", "/exit"):
                    break
                update = _update_for(app.bot, terminal, text)
                await app.process_update(update)
        finally:
            await app.stop()
    await engine.dispose()
    out.write("\nBye. Your data stays in the local database.\n")
    return 0


def _update_for(bot: object, terminal: Terminal, text: str):  # type: ignore[no-untyped-def]
    stripped = text.strip()
    number = parse_id(stripped)
    if number is not None and 1 <= number <= len(terminal.buttons):
        message_id, _, data = terminal.buttons[number - 1]
        terminal.buttons = []
        return callback_update(bot, LOCAL_USER_ID, data, message_id=message_id)  # type: ignore[arg-type]
    match = re.fullmatch(r"loc\s+(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)", stripped)
    if match:
        return location_update(bot, LOCAL_USER_ID, float(match[1]), float(match[2]))  # type: ignore[arg-type]
    return text_update(bot, LOCAL_USER_ID, text)  # type: ignore[arg-type]
