"""/delete against the real ``hearback run``: after the erase and a clean stop (SIGTERM), no
byte of what the user told is in any of the SQLite files (database, -wal, -shm), and an
old button pressed after the erase does not bring the user's row back."""

from __future__ import annotations

from pathlib import Path

from fakebot import FakeBotApi

from .conftest import E2E, BotProcess, new_interview, onboard, press, say, text_of

pytestmark = E2E

COMPANY = "Zyxwvut Widgets"
ROLE = "Quantum Basketweaver"
PERSON = "Ottoline Frobisher"
EMAIL = "ottoline.frobisher@zyxwvut.example"
SECRETS = (COMPANY, ROLE, PERSON, EMAIL, "Zyxwvut", "Frobisher", "Basketweaver")


def leftovers(database: Path) -> dict[str, dict[str, int]]:
    """For each database file, how often each secret occurs in its raw bytes."""
    found: dict[str, dict[str, int]] = {}
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        if not path.exists():
            continue
        raw = path.read_bytes()
        counts = {s: raw.count(s.encode()) + raw.count(s.lower().encode()) for s in SECRETS}
        hits = {s: n for s, n in counts.items() if n}
        if hits:
            found[path.name] = hits
    return found


async def test_delete_leaves_nothing_on_disk_after_a_clean_stop(
    fake: FakeBotApi, workdir: Path
) -> None:
    bot = BotProcess(fake, workdir, name="privacy")
    await bot.start()
    try:
        user = fake.user("Ottoline's candidate")
        await onboard(user, "Europe/Berlin")  # a zone name: no wait for the city index
        summary = await new_interview(
            user,
            company=COMPANY,
            role=ROLE,
            person=f"{PERSON}, recruiter, {EMAIL}",
            said=f"{PERSON} said within two weeks",
        )
        await say(user, "/export", until=lambda m: m.document is not None)
        assert leftovers(bot.database_path), "the data must first be on disk"

        confirm = await say(user, "/delete", until="can't be undone")
        await press(user, confirm, "Yes, erase everything", until="all your data is erased")
        # An old button after the erase: a kind answer, and no user row comes back.
        reply = await press(user, summary, "Edit", until="/start")
        assert "anything" in text_of(reply)
        reply = await say(user, "hello?", until="/start")
        users = bot.query("SELECT count(*) FROM users WHERE telegram_user_id = ?", [user.id])
        assert users == [(0,)]
    finally:
        assert await bot.stop() == 0
    bot.assert_clean()
    assert leftovers(bot.database_path) == {}
