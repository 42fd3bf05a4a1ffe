"""The nudge messages: what to do today and why (rule ids), with the buttons that do it.

Telegram HTML; the company and role the user typed are escaped here. Every button's
callback is ``n:<nudge id>:<op>`` (well under 64 bytes), handled by
:mod:`bot.scheduling.buttons`, which re-reads the nudge for the user who pressed it.
"""

from __future__ import annotations

import html
from datetime import date

from bot.core.types import StepKind
from bot.telegram.callbacks import pack

__all__ = [
    "ACTION",
    "ALREADY",
    "OP_DONE",
    "OP_DRAFT",
    "OP_REPLIED",
    "OP_SNOOZE",
    "OP_STOP",
    "Buttons",
    "render",
]

ACTION = "n"
OP_DRAFT, OP_DONE, OP_SNOOZE, OP_REPLIED, OP_STOP = "d", "k", "s", "r", "x"

Buttons = list[list[tuple[str, str]]]

# What a button press recorded on the nudge, and how to say it when pressed again.
ALREADY = {
    "done": "Already done ✅",
    "snoozed": "Already snoozed ⏰",
    "replied": "Already noted: they replied.",
    "stopped": "Already stopped: no more reminders for this interview.",
}


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _title(company: str, role: str) -> str:
    role_part = f" — {_esc(role)}" if role else ""
    return f"<b>{_esc(company) or 'your interview'}</b>{role_part}"


def _day(value: date) -> str:
    return f"{value:%a} {value.day} {value:%b}"


def _body(kind: StepKind, *, title: str, promised_by: date | None) -> str:
    if kind is StepKind.THANK_YOU:
        return (
            f"✉️ <b>Thank-you note</b> for {title}\n"
            "A short thank-you to everyone who interviewed you, sent today, keeps you in mind "
            "while they decide. The first 24 hours are the window for it (S1)."
        )
    if kind is StepKind.CHECK_IN:
        if promised_by is not None:
            why = (
                f"They said you would hear back by {_day(promised_by)}; two business days "
                "have passed since, so a check-in is welcome now (S2)."
            )
        else:
            why = (
                "They gave no date, and two working weeks have passed since the interview: "
                "a fair moment to ask where things stand (S2, T4)."
            )
        return (
            f"📬 <b>Today is a good day for your check-in</b> with {title}\n{why}\n"
            "Bring something useful, such as an article or a piece of news that matters to "
            "them, and one line saying you are still keen (G11). Work e-mail is the right "
            "channel (G5)."
        )
    if kind is StepKind.SECOND_FOLLOW_UP:
        return (
            f"🔁 <b>One more follow-up</b> with {title}\n"
            "Five business days have passed since your check-in, so a second, short note is "
            "fine today (S3). It is the last one to this person: after two unanswered "
            "follow-ups, more would hurt rather than help (G3)."
        )
    if kind is StepKind.HIRING_MANAGER:
        return (
            f"🧭 <b>A note to the hiring manager</b> at {title}\n"
            "Your follow-ups to the recruiter went unanswered, so one respectful note to the "
            "hiring manager is fair now (S4, G7): show your enthusiasm and what you would bring, "
            "and never blame anyone for the silence."
        )
    return (
        f"🌅 <b>Time to let go</b> of {title}\n"
        "You followed up well, and the silence has lasted five more business days (S5). It "
        "says little about you: thin staff, freezes and changed roles are the usual reasons "
        "(C1, C2). I've marked it as moved on and will stop reminding you; the door stays "
        "open, and if they write, tap below. Keep applying elsewhere (C5)."
    )


def _buttons(kind: StepKind, nudge_id: int) -> Buttons:
    def b(label: str, op: str) -> tuple[str, str]:
        return (label, pack(ACTION, nudge_id, op))

    if kind is StepKind.MOVE_ON:
        return [[b("📨 They replied", OP_REPLIED)]]
    done = "✅ I sent it" if kind is StepKind.THANK_YOU else "✅ Done: I sent it"
    rows: Buttons = [
        [b("✍️ Draft it", OP_DRAFT), b(done, OP_DONE)],
        [b("⏰ Snooze a day", OP_SNOOZE)],
    ]
    if kind is StepKind.THANK_YOU:
        rows[1].append(b("🔕 Stop reminders", OP_STOP))
    else:
        rows[1].append(b("📨 They replied", OP_REPLIED))
        rows.append([b("🔕 Stop reminders for this interview", OP_STOP)])
    return rows


def render(
    kind: StepKind,
    *,
    nudge_id: int,
    company: str,
    role: str,
    promised_by: date | None,
    rules: tuple[str, ...],
) -> tuple[str, Buttons]:
    """The HTML text and the button rows of one nudge message."""
    text = _body(kind, title=_title(company, role), promised_by=promised_by)
    if rules:
        text += f"\n<i>Rules: {_esc(', '.join(rules))}</i>"
    return text, _buttons(kind, nudge_id)
