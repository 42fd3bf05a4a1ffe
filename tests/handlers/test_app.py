"""The Application around the handlers: command menu, error handler, terminal chat, logs."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from bot.config import Settings
from bot.telegram import actions, texts
from bot.telegram.app import _post_init
from bot.telegram.localchat import chat

from .harness import BotEnv, text_of


async def test_command_menu_is_registered_at_start(env: BotEnv) -> None:
    assert env.app is not None
    await _post_init(env.app)
    names = [c["command"] for c in env.api.commands]
    assert names == [name for name, _ in texts.COMMANDS]
    assert {"new", "shouldi", "draft", "help", "delete"} <= set(names)


async def test_error_is_logged_without_user_text_and_user_hears_kindly(
    env: BotEnv, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(turn: object, args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setitem(actions.ACTIONS, "why", broken)
    user = env.user()
    caplog.set_level(logging.DEBUG)
    secret = "my-private-words-4711"
    reply = text_of(await user.send(f"why haven't they called? {secret}"))
    assert "something went wrong" in reply
    assert "RuntimeError" in caplog.text
    assert secret not in caplog.text
    # Nothing the failed turn did was kept, and the bot still answers afterwards.
    monkeypatch.undo()
    assert "C1" in text_of(await user.send("/why"))


async def test_terminal_chat_runs_the_real_bot(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}")
    stdin = io.StringIO("/start\nBerlin\n2\n/help\n/quit\n")
    out = io.StringIO()
    assert await chat(settings, stdin=stdin, out=out) == 0
    shown = out.getvalue()
    assert "I'm HearBack" in shown
    assert "Europe/Berlin" in shown
    assert "[1] 8:00" in shown
    assert "/shouldi" in shown
    assert "<b>" not in shown  # HTML is rendered as plain text
