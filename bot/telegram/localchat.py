"""``hearback chat``: talk to the real bot in a terminal, no token and no network.

The same Application and handlers as ``hearback run``, on the same database, with the same
nudge service: reminders that fall due while the chat is open (or fell due before it) are
printed as they come, with their buttons. A local request class answers the Bot API calls
and prints what the bot sends. Buttons are shown as numbered choices: type the number to
press one (the newest message's buttons). Files the bot sends (/calendar, /export, the
picture of the wait) are saved in the current folder and their path printed.
"""

from __future__ import annotations

import asyncio
import html
import re
import sys
from pathlib import Path
from typing import TextIO

from bot.config import Settings
from bot.storage.db import make_engine
from bot.storage.migrate import upgrade
from bot.telegram.app import build_application
from bot.telegram.callbacks import parse_id
from bot.telegram.localapi import LOCAL_TOKEN, LocalBotApi, SentMessage
from bot.telegram.nudges import install_nudges, shutdown_nudges
from bot.telegram.runtime import Clock, system_clock
from bot.telegram.updates import callback_update, location_update, text_update

LOCAL_USER_ID = 424242
_TAG = re.compile(r"<[^>]+>")


def render(markup: str) -> str:
    """Telegram HTML as plain terminal text."""
    return html.unescape(_TAG.sub("", markup))


PROMPT = "\nyou> "


class Terminal:
    def __init__(self, out: TextIO, folder: Path) -> None:
        self.out = out
        self.folder = folder
        self.buttons: list[tuple[int, str, str]] = []  # (message id, label, data)
        self.idle = False  # waiting for the user to type: a reminder then gets a new prompt
        self.saved: list[Path] = []

    def show(self, message: SentMessage) -> None:
        if self.idle:
            self.out.write("\n")
        if message.document is not None:
            name, content = message.document
            path = self.save(name, content)
            self.out.write(f"\n📎 {path} ({len(content)} bytes)\n")
        if message.text:
            self.out.write("\n" + render(message.text) + "\n")
        if message.buttons:
            self.buttons = [
                (message.message_id, label, data) for label, data in message.button_list
            ]
            for number, (_, label, _) in enumerate(self.buttons, 1):
                self.out.write(f"  [{number}] {label}\n")
        if self.idle:
            self.out.write(PROMPT)
        self.out.flush()

    def save(self, name: str, content: bytes) -> Path:
        """Write a file the bot sent into the folder, never over an existing file."""
        base = Path(name).name or "hearback-file"
        stem, suffix = Path(base).stem, Path(base).suffix
        path = self.folder / base
        number = 1
        while path.exists():
            path = self.folder / f"{stem}-{number}{suffix}"
            number += 1
        path.write_bytes(content)
        self.saved.append(path)
        return path.resolve()


async def chat(
    settings: Settings,
    *,
    stdin: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
    clock: Clock = system_clock,
    folder: Path | None = None,
) -> int:
    await upgrade(settings.database_url)
    terminal = Terminal(out, folder or Path.cwd())
    api = LocalBotApi(on_send=terminal.show)
    engine = make_engine(settings.database_url)
    app = build_application(
        settings,
        token=LOCAL_TOKEN,
        engine=engine,
        request=api,
        updates_request=LocalBotApi(),
        clock=clock,
        rate_limit=False,
    )
    out.write(
        "HearBack local chat: you are talking to the real bot, offline. Type /start, "
        "a number to press a button, 'loc LAT LON' to share a location, or /quit.\n"
    )
    async with app:
        await app.start()
        # The same reminders as the real bot: sent by the nudge service, through this API.
        await install_nudges(app, settings)
        try:
            while True:
                out.write(PROMPT)
                out.flush()
                terminal.idle = True
                line = await asyncio.to_thread(stdin.readline)
                terminal.idle = False
                if not line:
                    break
                text = line.rstrip("\n")
                if text.strip() in ("/quit", "/exit"):
                    break
                update = _update_for(app.bot, terminal, text)
                await app.process_update(update)
        finally:
            await shutdown_nudges(app)
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
