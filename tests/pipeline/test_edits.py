"""Edits never run anything again; typed /delete still asks; a location only where asked;
per user, /list in pages of ten and a cap on interviews waiting for news."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from handlers.harness import BotEnv, User, interviews, onboard, text_of
from sqlalchemy import select
from telegram import Update
from testkit.clock import NOW as START
from testkit.clock import Clock

from bot.storage import repo
from bot.storage.db import make_sessionmaker
from bot.storage.migrate import upgrade
from bot.storage.models import ConversationRow
from bot.telegram.texts import EDIT_HINT, LOCATION_NOT_ASKED
from bot.telegram.updates import location_update, next_id, text_update


@pytest.fixture
async def env(tmp_path: Path) -> AsyncIterator[BotEnv]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    await upgrade(url)
    bot_env = BotEnv(url=url, clock=Clock(START))
    await bot_env.start()
    yield bot_env
    await bot_env.stop()


def edited(update: Update, text: str | None = None, *, location: Any = None) -> Update:
    """The same message, edited by the user (a new update id, ``edited_message``)."""
    data = update.to_dict()
    message = data.pop("message")
    message["edit_date"] = message["date"] + 5
    if text is not None:
        message["text"] = text
        message.pop("entities", None)
        if text.startswith("/"):
            length = len(text.split()[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    if location is not None:
        message["location"] = location
    new = Update.de_json({"update_id": next_id(), "edited_message": message}, update.get_bot())
    assert new is not None
    return new


async def process(user: User, update: Update) -> list[str]:
    start = len(user.env.api.sent)
    await user.app.process_update(update)
    return [m.text for m in user.env.api.sent[start:] if m.chat_id == user.user_id]


async def conversation_of(env: BotEnv, user: User) -> list[tuple[str, str, Any]]:
    """Every open conversation of the user: name, state and data, as stored."""
    assert env.engine is not None
    async with make_sessionmaker(env.engine)() as session:
        profile = await repo.get_user_by_telegram_id(session, telegram_user_id=user.user_id)
        assert profile is not None
        rows = await session.execute(
            select(ConversationRow.name, ConversationRow.state, ConversationRow.data).where(
                ConversationRow.owner_id == profile.id
            )
        )
        return [tuple(row) for row in rows.all()]


async def test_an_edited_answer_changes_nothing_and_gets_one_hint(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await user.send("/new")
    answer = text_update(user.app.bot, user.user_id, "Acme")
    await process(user, answer)
    before = await conversation_of(env, user)
    assert await process(user, edited(answer, "Acme Corporation")) == [EDIT_HINT]
    assert await process(user, edited(answer, "Acme Corp")) == []  # the hint comes once
    assert await conversation_of(env, user) == before
    reply = text_of(await user.send("Backend engineer"))
    assert "when" in reply.casefold()
    assert before and "Acme Corporation" not in str(await conversation_of(env, user))


async def test_an_old_message_edited_into_delete_yes_erases_nothing(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    old = text_update(user.app.bot, user.user_id, "/help")
    await process(user, old)
    assert await process(user, edited(old, "/delete yes")) == []
    await user.send("/new")  # the account is still there: no onboarding again
    assert "company" in user.transcript().casefold().rsplit("---", 1)[-1]


async def test_typed_delete_yes_still_asks_for_the_buttons(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    reply = await user.send("/delete yes")
    assert [label for _, label, _ in user.last_buttons()] == [
        "Yes, erase everything",
        "No, keep it",
    ]
    assert "erase" in text_of(reply).casefold()
    assert env.engine is not None
    async with make_sessionmaker(env.engine)() as session:
        assert await repo.get_user_by_telegram_id(session, telegram_user_id=user.user_id)


async def test_live_location_edits_say_nothing(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    shared = location_update(user.app.bot, user.user_id, 52.52, 13.40)
    await process(user, shared)
    for step in range(10):
        moved = {"latitude": 52.52 + step / 1000, "longitude": 13.40, "live_period": 900}
        assert await process(user, edited(shared, location=moved)) == []


async def test_a_location_outside_the_zone_question_keeps_the_interview(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await user.send("/new")
    await user.send("Acme")
    before = await conversation_of(env, user)
    assert before
    reply = text_of(await user.share_location(48.85, 2.35))
    assert LOCATION_NOT_ASKED in reply
    assert await conversation_of(env, user) == before
    assert "when" in text_of(await user.send("Backend engineer")).casefold()
    await user.send("/cancel")
    assert len(await interviews(env, user)) == 0


async def seed_interviews(env: BotEnv, user: User, count: int) -> None:
    from datetime import timedelta

    from bot.core.types import Vibe

    assert env.engine is not None
    async with make_sessionmaker(env.engine)() as session, session.begin():
        profile = await repo.get_user_by_telegram_id(session, telegram_user_id=user.user_id)
        assert profile is not None
        for n in range(count):
            await repo.create_interview(
                session,
                owner_id=profile.id,
                company=f"Company {n:03d}",
                role="Engineer",
                interviewed_at=env.clock() - timedelta(days=1, minutes=count - n),
                vibe=Vibe.WARM,
            )


async def test_list_is_paged_ten_at_a_time(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await seed_interviews(env, user, 23)
    first = text_of(await user.send("/list"))
    assert "page 1 of 3" in first and "Company 000" in first and "Company 009" in first
    assert "Company 010" not in first
    assert [label for _, label, _ in user.last_buttons()][-1] == "Later ›"
    second = text_of(await user.press("Later ›"))
    assert "page 2 of 3" in second and "11. <b>Company 010</b>" in second
    assert "Company 009" not in second
    third = text_of(await user.send("/list 3"))
    assert "Company 022" in third and "Company 019" not in third
    assert "Later ›" not in [label for _, label, _ in user.last_buttons()]
    assert "page 3 of 3" in text_of(await user.send("/list 99"))  # past the end: the last


async def test_new_stops_kindly_at_the_cap_on_open_interviews(env: BotEnv) -> None:
    from bot.telegram.commands import MAX_OPEN_INTERVIEWS

    user = env.user()
    await onboard(user)
    await seed_interviews(env, user, MAX_OPEN_INTERVIEWS)
    reply = text_of(await user.send("/new"))
    assert f"You have {MAX_OPEN_INTERVIEWS} interviews waiting" in reply
    assert "company" not in reply.casefold()
    # Told in words, with /new's words or without: the same cap.
    for told in ("/new globex, backend dev", "had an interview at globex today for pm"):
        reply = text_of(await user.send(told))
        assert f"You have {MAX_OPEN_INTERVIEWS} interviews waiting" in reply
        assert "Globex" not in reply


def edited_as(update: Update, kind: str, **changes: Any) -> Update:
    """The same message, edited, delivered as ``kind`` (``edited_message``,
    ``edited_channel_post`` or ``edited_business_message``), with ``changes`` applied."""
    data = update.to_dict()
    message = data.pop("message")
    message["edit_date"] = message["date"] + 5
    for key, value in changes.items():
        if value is None:
            message.pop(key, None)
        else:
            message[key] = value
    if kind == "edited_business_message":
        message["business_connection_id"] = "biz-1"
    new = Update.de_json({"update_id": next_id(), kind: message}, update.get_bot())
    assert new is not None
    return new


EDIT_KINDS: dict[str, tuple[str, dict[str, Any]]] = {
    "text into a log": ("edited_message", {"text": "I emailed the recruiter today"}),
    "text into a command": (
        "edited_message",
        {"text": "/delete yes", "entities": [{"type": "bot_command", "offset": 0, "length": 7}]},
    ),
    "text into a caption": (
        "edited_message",
        {
            "text": None,
            "caption": "I called them yesterday",
            "photo": [{"file_id": "p1", "file_unique_id": "u1", "width": 90, "height": 90}],
        },
    ),
    "a live location": (
        "edited_message",
        {"text": None, "location": {"latitude": 48.85, "longitude": 2.35, "live_period": 900}},
    ),
    "a business message": ("edited_business_message", {"text": "I emailed the recruiter today"}),
    "a business command": (
        "edited_business_message",
        {"text": "/delete yes", "entities": [{"type": "bot_command", "offset": 0, "length": 7}]},
    ),
}


async def stored_rows(env: BotEnv) -> dict[str, int]:
    """How many rows each of the user tables holds."""
    from sqlalchemy import func

    from bot.storage.models import AttemptRow, InterviewRow, NudgeRow, PersonRow, UserRow

    assert env.engine is not None
    counts: dict[str, int] = {}
    async with make_sessionmaker(env.engine)() as session:
        for model in (UserRow, InterviewRow, PersonRow, AttemptRow, NudgeRow, ConversationRow):
            counts[model.__tablename__] = (
                await session.scalar(select(func.count()).select_from(model)) or 0
            )
    return counts


@pytest.mark.parametrize("kind", list(EDIT_KINDS))
async def test_no_kind_of_edit_changes_anything(env: BotEnv, kind: str) -> None:
    user = env.user()
    await onboard(user)
    await user.send("/new")
    for answer in ("Acme", "/skip", "/skip", "/skip"):
        await user.send(answer)
    await user.press("They didn't say")
    await user.press("neutral")
    await user.press("Not yet")
    assert len(await interviews(env, user)) == 1
    old = text_update(user.app.bot, user.user_id, "/help")
    await process(user, old)
    before = (await stored_rows(env), await conversation_of(env, user))
    update_kind, changes = EDIT_KINDS[kind]
    replies = await process(user, edited_as(old, update_kind, **changes))
    assert set(replies) <= {EDIT_HINT}
    assert (await stored_rows(env), await conversation_of(env, user)) == before
