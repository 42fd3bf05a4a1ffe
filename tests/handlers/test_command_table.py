"""The command table drives registration, the menu, /help, free text and buttons."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Sequence

import pytest
from telegram.ext import CallbackQueryHandler, CommandHandler
from testkit.clock import NOW, Clock
from testkit.databases import Databases

from bot.core.understand import FrameIntent
from bot.telegram import commands, nudges, presses, understood
from bot.telegram.commands import Command
from bot.telegram.runtime import Turn
from bot.telegram.updates import callback_update

from .harness import BotEnv, User, text_of


def _handlers(env: BotEnv) -> list[object]:
    assert env.app is not None
    return [h for group in env.app.handlers.values() for h in group]


class TestRegistration:
    def test_every_named_command_has_a_command_handler(self, env: BotEnv) -> None:
        registered = {
            name for h in _handlers(env) if isinstance(h, CommandHandler) for name in h.commands
        }
        assert registered == {c.name for c in commands.COMMANDS if c.name}

    def test_buttons_are_routed_by_pattern_and_one_catch_all_comes_last(self, env: BotEnv) -> None:
        buttons = [h for h in _handlers(env) if isinstance(h, CallbackQueryHandler)]
        patterned = [h for h in buttons if h.pattern is not None]
        assert len(patterned) == len([c for c in commands.COMMANDS if c.button])
        assert buttons[-1].pattern is None and len(buttons) == len(patterned) + 1
        for command in commands.COMMANDS:
            if command.button is None:
                continue
            data = f"{command.button}:1"
            first = next(h for h in patterned if h.check_update(_query(env, data)))
            assert first.pattern == commands.button_pattern(command.button)

    def test_the_nudge_buttons_are_an_entry_of_the_table(self) -> None:
        assert inspect.unwrap(commands.BY_BUTTON[nudges.ACTION].press) is nudges.on_nudge_button

    def test_every_button_prefix_is_a_typed_kind(self) -> None:
        # Each prefix the table claims has a class in presses.KINDS, and each kind is claimed:
        # no button reaches a handler as unparsed strings, and no kind is left unhandled.
        claimed = {c.button for c in commands.COMMANDS if c.button}
        assert claimed == {kind.PREFIX for kind in presses.KINDS}

    def test_a_prefix_does_not_catch_a_longer_one(self) -> None:
        pattern = commands.button_pattern("n")
        assert pattern.match("n:12:k") and pattern.match("n")
        assert not pattern.match("new") and not pattern.match("new:1")

    def test_a_name_button_or_intent_claimed_twice_is_refused(self) -> None:
        twice = (
            Command("a", None, commands.on_cancel, button="x"),
            Command("b", None, commands.on_cancel, button="x"),
        )
        with pytest.raises(ValueError, match="button claimed twice: x"):
            commands._check(twice)


def _query(env: BotEnv, data: str) -> object:
    assert env.app is not None
    return callback_update(env.app.bot, 1001, data, message_id=1)


async def started(env: BotEnv) -> User:
    """A user with an account (only /start makes one), out of the onboarding question."""
    user = env.user()
    await user.send("/start")
    await user.send("/cancel")
    return user


class TestHelpAndIntents:
    async def test_help_lists_the_menu_in_order(self, env: BotEnv) -> None:
        reply = text_of(await (await started(env)).send("/help"))
        positions = [reply.index(f"/{c.name} — ") for c in commands.MENU]
        assert positions == sorted(positions)
        assert all(c.help is not None and c.help in reply for c in commands.MENU)
        assert "/back" not in reply and "/skip" not in reply

    def test_every_intent_but_unknown_has_an_action(self) -> None:
        handled = set(commands.BY_INTENT) | set(understood.FRAME_ACTIONS)
        assert handled == set(FrameIntent) - {FrameIntent.UNKNOWN}

    async def test_free_text_runs_the_command_of_its_intent(self, env: BotEnv) -> None:
        reply = text_of(await (await started(env)).send("hey what can you do?"))
        assert "What I can do" in reply  # /help's answer

    async def test_unknown_intent_suggests_commands(self, env: BotEnv) -> None:
        reply = await (await started(env)).send("blorp")
        assert "not sure" in text_of(reply)
        assert all(d.startswith("cmd:") for _, d in reply[-1].button_list)

    async def test_a_suggestion_runs_its_command_but_never_delete(self, env: BotEnv) -> None:
        user = await started(env)
        assert "What I can do" in text_of(await user.press_data("cmd:help"))
        assert "expired" in text_of(await user.press_data("cmd:delete"))
        assert "expired" in text_of(await user.press_data("cmd:nosuch"))

    async def test_an_unclaimed_button_has_expired(self, env: BotEnv) -> None:
        assert "expired" in text_of(await (await started(env)).press_data("zz:1"))


@pytest.fixture
async def extended(
    databases: Databases, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[BotEnv, list[tuple[str, Sequence[str]]]]]:
    """A bot whose table has one more entry: /ping with button prefix ``pg``."""
    seen: list[tuple[str, Sequence[str]]] = []

    async def ping(turn: Turn, args: Sequence[str]) -> None:
        seen.append(("run", list(args)))
        turn.say("pong")

    entry = Command("ping", "Check I'm here", ping, button="pg")
    monkeypatch.setattr(commands, "COMMANDS", (*commands.COMMANDS, entry))
    env = BotEnv(url=databases.migrated("sqlite"), clock=Clock(NOW))
    await env.start()
    yield env, seen
    await env.stop()


async def test_adding_a_command_is_one_entry_and_its_handler(
    extended: tuple[BotEnv, list[tuple[str, Sequence[str]]]],
) -> None:
    env, seen = extended
    user = await started(env)
    assert text_of(await user.send("/ping twice please")) == "pong"
    assert text_of(await user.press_data("pg:7:x")) == "pong"
    assert seen == [("run", ["twice", "please"]), ("run", ["7", "x"])]
