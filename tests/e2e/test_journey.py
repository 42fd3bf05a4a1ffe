"""A new user's whole journey through the real ``hearback run`` process.

/start with a city, /new through every question, the plan, "should I call again?" the day
after the interview (wait, G1), a draft, /export and /delete, all over HTTP through the
fake Bot API, which rejects anything Telegram would reject.
"""

from __future__ import annotations

import contextlib
import sqlite3

from fakebot import FakeBotApi
from testkit.waits import wait_budget

from .conftest import (
    E2E,
    BotProcess,
    last_document,
    new_interview,
    next_reply,
    no_bad_requests,
    onboard,
    press,
    say,
    text_of,
)

pytestmark = E2E

COMPANY = "Quillfeather Labs"


async def test_a_new_users_whole_journey(fake: FakeBotApi, bot: BotProcess) -> None:
    user = fake.user("Maya")
    await onboard(user, "Berlin")
    assert any("Europe/Berlin" in text_of(m) for m in user.messages)

    summary = await new_interview(user, company=COMPANY, when="yesterday")
    plan = text_of(summary)
    assert f"Saved: {COMPANY}" in plan
    assert "met Dana Lee (recruiter)" in plan
    # The plan: a check-in at the nudge hour (S2, S6), then the second follow-up (five
    # business days after the check-in, once it is sent) and move on; no rule ids shown.
    assert "Check-in:" in plan and "(S2, S6)" not in plan
    assert "Second follow-up: five business days after your check-in" in plan
    assert "Time to move on:" in plan
    assert "09:00" in plan  # the reminder hour chosen at onboarding

    # The day after the interview, "should I call again?" is a wait, because of G1.
    # One contact (the recruiter): nobody to choose between, so no "whom?" question.
    verdict = await say(user, "should I call again?", until=COMPANY)
    answer = text_of(verdict)
    assert "office phone to the recruiter" in answer
    assert "Wait until" in answer and "G1" not in answer
    assert "Go" not in answer.split("\n")[1]

    # A draft of the check-in, from the button under the verdict.
    draft = await press(user, verdict, "Draft: check-in", until="subject")
    body = text_of(draft)
    assert COMPANY in body and "Dana" in body
    assert "address in last" in body  # G10's reminder comes with every draft

    # /export: one JSON document with everything stored.
    await say(user, "/export", until=lambda m: m.document is not None)
    export = last_document(user)
    assert export["schema"] == "hearback.export/1"
    assert [i["company"] for i in export["interviews"]] == [COMPANY]
    assert [p["name"] for p in export["people"]] == ["Dana Lee"]
    assert {n["kind"] for n in export["nudges"]} >= {"check_in", "second_follow_up", "move_on"}
    assert export["user"]["zone"] == "Europe/Berlin"

    # /delete asks first; "yes" erases every row of the user.
    confirm = await say(user, "/delete", until="can't be undone")
    await press(user, confirm, "Yes, erase everything", until="all your data is erased")
    assert bot.query("SELECT count(*) FROM interviews") == [(0,)]
    assert bot.query("SELECT count(*) FROM nudges") == [(0,)]
    assert bot.query("SELECT count(*) FROM people") == [(0,)]
    assert bot.query("SELECT count(*) FROM users WHERE telegram_user_id = ?", [user.id]) == [(0,)]

    # Coming back afterwards starts afresh.
    await say(user, "/start", until="where are you")
    assert no_bad_requests(fake) == []


async def test_thousands_of_interviews_export_whole_after_a_notice(
    fake: FakeBotApi, bot: BotProcess
) -> None:
    """The /export file of a big account is written to disk as it is read and uploaded from
    there (over real HTTP): the user is told it is coming, then gets every record."""
    user = fake.user("Archivist")
    await onboard(user)
    count = 3000
    with contextlib.closing(sqlite3.connect(bot.database_path, timeout=wait_budget(5))) as db:
        [(owner,)] = db.execute("SELECT id FROM users WHERE telegram_user_id = ?", [user.id])
        at = "2026-01-05 09:00:00.000000"
        db.executemany(
            "INSERT INTO interviews (owner_id, company, role, interviewed_at, said, vibe, "
            "status, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    owner,
                    f'Firm "{n}" <b>',
                    "Analyst",
                    at,
                    "soon",
                    "warm",
                    "closed",
                    "x" * 300,
                    at,
                    at,
                )
                for n in range(count)
            ],
        )
        db.commit()
    user.mark_read()
    await user.send("/export")
    notice = await next_reply(user, until="preparing your file")
    assert notice.document is None
    await next_reply(user, until=lambda m: m.document is not None, timeout=wait_budget(30))
    export = last_document(user)
    companies = [i["company"] for i in export["interviews"]]
    assert len(companies) == count and companies[7] == 'Firm "7" <b>'
    assert "truncated" not in export
    sent = [c for c in fake.calls if c.method == "sendDocument" and c.chat_id == user.id]
    assert sent[-1].ok and sent[-1].params["document"]["size"] > 1_000_000  # past the spool
