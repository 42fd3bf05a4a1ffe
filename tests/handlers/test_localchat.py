"""``hearback chat``: the same nudge service on the same database, and files saved to disk.

The terminal user (``LOCAL_USER_ID``) is stored first with an interview, straight through the
services, so its first reminder is due at a known moment; the chat's clock starts just
before it and runs at the real pace, and the scripted keyboard waits (within a budget) for
what the terminal shows before typing the next line.
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.config import Settings
from bot.core.records import NudgeState
from bot.core.types import Recipient, Vibe
from bot.services import interviews, plans
from bot.storage import repo
from bot.storage.db import make_engine, make_sessionmaker
from bot.storage.migrate import upgrade
from bot.telegram.localchat import LOCAL_USER_ID, chat

BUDGET = 30.0  # seconds a scripted line may wait for the screen: a bound, not a schedule


class Screen(io.StringIO):
    """The terminal's output; a writer wakes whoever waits for some text to appear."""

    def __init__(self) -> None:
        super().__init__()
        self.changed = threading.Condition()

    def write(self, text: str) -> int:
        with self.changed:
            written = super().write(text)
            self.changed.notify_all()
        return written

    def wait_for(self, needle: str, after: int) -> int:
        with self.changed:
            ok = self.changed.wait_for(lambda: needle in self.getvalue()[after:], BUDGET)
        assert ok, f"{needle!r} never showed:\n{self.getvalue()[-1500:]}"
        return self.getvalue().index(needle, after) + len(needle)


class Keyboard(io.StringIO):
    """Types each line once the screen shows what it waits for (``None``: at once)."""

    def __init__(self, screen: Screen, script: Sequence[tuple[str | None, str]]) -> None:
        super().__init__()
        self.screen = screen
        self.script = list(script)
        self.seen = 0

    def readline(self, size: int = -1, /) -> str:  # type: ignore[override]  # as typeshed
        if not self.script:
            return ""
        wait, line = self.script.pop(0)
        if wait is not None:
            self.seen = self.screen.wait_for(wait, self.seen)
        return line + "\n"


async def seeded(url: str, interviewed: datetime) -> datetime:
    """The terminal user in Berlin with one interview; returns its first reminder's moment."""
    await upgrade(url)
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            user = await repo.get_or_create_user(
                session, telegram_user_id=LOCAL_USER_ID, chat_id=LOCAL_USER_ID
            )
            user = await plans.change_settings(session, user, zone="Europe/Berlin", nudge_hour=9)
            planned = await interviews.create(
                session,
                user,
                company="Razorpay",
                role="Backend engineer",
                interviewed_at=interviewed,
                said=None,
                promised_by=None,
                vibe=Vibe.WARM,
                thank_you_sent_at=None,
                people=[("Dana", Recipient.RECRUITER, None)],
            )
            rows = await repo.list_nudges(session, owner_id=user.id, interview_id=planned.record.id)
        return min(n.due_at for n in rows if n.state is NudgeState.PENDING)
    finally:
        await engine.dispose()


async def test_a_reminder_shows_as_it_falls_due_with_its_buttons(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"
    # Monday 30 November 2026, 10:00 in Berlin: the thank-you reminder is due at 13:00 there;
    # the chat opens a second before it, so it arrives while the user is idle.
    due = await seeded(url, datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
    offset = due - timedelta(seconds=1) - datetime.now(UTC)
    screen = Screen()
    keyboard = Keyboard(
        screen,
        [
            ("[4] 🔕 Stop reminders", "2"),  # the reminder came while idle: press its Done
            ("Thank-you noted as sent", "/quit"),
        ],
    )
    code = await chat(
        Settings(database_url=url),
        stdin=keyboard,
        out=screen,
        clock=lambda: datetime.now(UTC) + offset,
        folder=tmp_path,
    )
    assert code == 0
    shown = screen.getvalue()
    reminder = shown.index("Thank-you note for Razorpay")
    assert shown.count("Thank-you note for Razorpay") == 1
    assert "[1] ✍️ Draft it" in shown[reminder:] and "[2] ✅ I sent it" in shown[reminder:]
    assert "you> " in shown[reminder:]  # a new prompt after the reminder
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session:
            user = await repo.get_user_by_telegram_id(session, telegram_user_id=LOCAL_USER_ID)
            assert user is not None
            (record,) = await repo.list_interviews(session, owner_id=user.id)
            rows = await repo.list_nudges(session, owner_id=user.id, interview_id=record.id)
    finally:
        await engine.dispose()
    assert record.thank_you_sent_at is not None
    assert {n.kind.value: n.state for n in rows}["thank_you"] is NudgeState.SENT


async def test_calendar_and_export_are_saved_in_the_folder(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"
    await seeded(url, datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
    (tmp_path / "hearback-export.json").write_text("keep me")  # never overwritten
    screen = Screen()
    keyboard = Keyboard(screen, [(None, "/calendar"), ("bytes)", "/export"), ("bytes)", "/quit")])
    moment = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    code = await chat(
        Settings(database_url=url),
        stdin=keyboard,
        out=screen,
        clock=lambda: moment,
        folder=tmp_path,
    )
    assert code == 0
    shown = screen.getvalue()
    calendar = tmp_path / "hearback-Razorpay.ics"
    export = tmp_path / "hearback-export-1.json"
    assert f"📎 {calendar.resolve()}" in shown and f"📎 {export.resolve()}" in shown
    assert calendar.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert json.loads(export.read_text())["interviews"][0]["company"] == "Razorpay"
    assert (tmp_path / "hearback-export.json").read_text() == "keep me"
