"""The Application around the handlers: command menu, error handler, terminal chat, logs."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from bot.config import Settings
from bot.telegram import commands, understood
from bot.telegram.app import _post_init
from bot.telegram.localchat import chat

from .harness import BotEnv, text_of


async def test_command_menu_is_registered_at_start(env: BotEnv) -> None:
    assert env.app is not None
    await _post_init(env.app)
    names = [c["command"] for c in env.api.commands]
    assert names == [c.name for c in commands.MENU]
    assert {"new", "shouldi", "draft", "help", "delete"} <= set(names)
    assert [c["description"] for c in env.api.commands] == [c.help for c in commands.MENU]


async def test_error_is_logged_without_user_text_and_user_hears_kindly(
    env: BotEnv, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(**_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(understood, "coach_wait", broken)
    user = env.user()
    await user.send("/start")
    await user.send("/cancel")
    caplog.set_level(logging.DEBUG)
    secret = "my-private-words-4711"
    reply = text_of(await user.send(f"why haven't they called? {secret}"))
    assert "something went wrong" in reply
    assert "RuntimeError" in caplog.text
    assert secret not in caplog.text
    # Nothing the failed turn did was kept, and the bot still answers afterwards.
    monkeypatch.undo()
    assert "Silence is common" in text_of(await user.send("/why"))


async def test_terminal_chat_runs_the_real_bot(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}")
    stdin = io.StringIO("/start\nBerlin\n2\n/help\n/quit\n")
    out = io.StringIO()
    assert await chat(settings, stdin=stdin, out=out) == 0
    shown = out.getvalue()
    assert "I'm HearBack" in shown
    assert "Europe/Berlin" in shown
    assert "[1] 08:00" in shown
    assert "/shouldi" in shown
    assert "<b>" not in shown  # HTML is rendered as plain text


async def test_block_and_unblock_updates_mark_the_user(env: BotEnv) -> None:
    from telegram import Update

    from bot.storage import repo
    from bot.storage.db import make_sessionmaker

    user = env.user(3003)
    await user.send("/start")
    assert env.app is not None and env.engine is not None

    def change(old: str, new: str, update_id: int) -> Update:
        person = {"id": 3003, "is_bot": False, "first_name": "Sam"}
        bot_user = {"id": env.app.bot.id, "is_bot": True, "first_name": "HearBack"}  # type: ignore[union-attr]
        data = {
            "update_id": update_id,
            "my_chat_member": {
                "chat": {"id": 3003, "type": "private", "first_name": "Sam"},
                "from": person,
                "date": 1_790_000_000,
                "old_chat_member": {"status": old, "user": bot_user, "until_date": 0},
                "new_chat_member": {"status": new, "user": bot_user, "until_date": 0},
            },
        }
        parsed = Update.de_json(data, env.app.bot)  # type: ignore[union-attr]
        assert parsed is not None
        return parsed

    async def blocked_at() -> object:
        async with make_sessionmaker(env.engine)() as session:  # type: ignore[arg-type]
            profile = await repo.get_user_by_telegram_id(session, telegram_user_id=3003)
            assert profile is not None
            return profile.blocked_at

    await env.app.process_update(change("member", "kicked", 91))
    assert await blocked_at() is not None
    await env.app.process_update(change("kicked", "member", 92))
    assert await blocked_at() is None


async def test_old_update_ids_are_forgotten(env: BotEnv) -> None:
    from types import SimpleNamespace

    from bot.telegram.app import forget_old_updates

    user = env.user()
    await user.send("/help")
    await user.send("/why")
    assert env.app is not None
    context = SimpleNamespace(bot_data=env.app.bot_data)
    assert await forget_old_updates(context) == 0  # still fresh
    env.clock.advance(days=3)
    assert await forget_old_updates(context) == 2


async def test_replies_are_html_without_previews_by_the_applications_defaults(
    env: BotEnv,
) -> None:
    await env.user().send("/help")
    sends = [params for method, params in env.api.calls if method == "sendMessage"]
    assert sends
    for params in sends:
        assert params["parse_mode"] == "HTML"
        assert params["link_preview_options"] == {"is_disabled": True}
