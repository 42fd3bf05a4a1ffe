"""/delete erases the user from the disk, not only from the tables: nothing of what they told
is left in the SQLite files (secure_delete, then a WAL checkpoint that truncates the log),
and only /start brings a user back: nothing else re-creates their row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from .harness import BotEnv, User, onboard, text_of

COMPANY = "Zyxwvut Widgets"
ROLE = "Quantum Basketweaver"
PERSON = "Ottoline Frobisher"
EMAIL = "ottoline.frobisher@zyxwvut.example"
SECRETS = (COMPANY, ROLE, PERSON, EMAIL, "Zyxwvut", "Frobisher", "Basketweaver")


async def tell_everything(user: User) -> None:
    await user.send("/new")
    await user.send(COMPANY)
    await user.send(ROLE)
    await user.send("today 9am")
    await user.send(f"{PERSON}, recruiter, {EMAIL}")
    await user.press("That's everyone")
    await user.send(f"{PERSON} promised an answer within two weeks")
    await user.press("Yes")
    await user.press("warm")
    await user.press("Not yet")
    await user.send("/status")
    await user.press("Log a follow-up")
    await user.press("Work e-mail")
    await user.press("Recruiter")
    await user.send("/export")


def files_of(env: BotEnv) -> list[Path]:
    main = Path(env.url.removeprefix("sqlite+aiosqlite:///"))
    return [p for p in (main, Path(f"{main}-wal"), Path(f"{main}-shm")) if p.exists()]


def leftovers(env: BotEnv) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in files_of(env):
        raw = path.read_bytes()
        hits = [s for s in SECRETS if s.encode() in raw or s.lower().encode() in raw]
        if hits:
            found[path.name] = hits
    return found


def user_rows(env: BotEnv, telegram_id: int) -> int:
    path = env.url.removeprefix("sqlite+aiosqlite:///")
    with sqlite3.connect(path) as conn:
        (count,) = conn.execute(
            "SELECT count(*) FROM users WHERE telegram_user_id = ?", (telegram_id,)
        ).fetchone()
    return int(count)


async def erase(user: User) -> None:
    await user.send("/delete")
    assert "erased" in text_of(await user.press("Yes, erase"))


async def test_after_delete_no_file_holds_anything_the_user_told(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await tell_everything(user)
    assert leftovers(env), "the test must first see the data on disk"
    await erase(user)
    # While the bot still runs (the checkpoint after /delete) ...
    assert leftovers(env) == {}
    await env.stop()
    # ... and after it stopped.
    assert leftovers(env) == {}
    await env.start()


@pytest.mark.parametrize("after", ["text", "command", "old button", "location"])
async def test_only_start_brings_a_user_back(env: BotEnv, after: str) -> None:
    user = env.user()
    await onboard(user)
    await tell_everything(user)
    old_buttons = user.last_buttons()
    await erase(user)
    assert user_rows(env, user.user_id) == 0
    if after == "text":
        replies = await user.send("should I call them again?")
    elif after == "command":
        replies = await user.send("/list")
    elif after == "old button":
        replies = await user.press_data(old_buttons[0][2], old_buttons[0][0])
    else:
        replies = await user.share_location(52.52, 13.40)
    assert "/start" in text_of(replies)
    assert "anything" in text_of(replies)
    assert user_rows(env, user.user_id) == 0
    reply = text_of(await user.send("/start"))
    assert "HearBack" in reply
    assert user_rows(env, user.user_id) == 1
