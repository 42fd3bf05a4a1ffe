"""How plans, verdicts, interviews and drafts look in a Telegram message (HTML)."""

from __future__ import annotations

from datetime import date, datetime

from bot.core.calendar import BusinessCalendar
from bot.core.records import InterviewRecord, InterviewStatus, NudgeRecord, NudgeState
from bot.core.types import (
    Channel,
    Decision,
    Draft,
    DraftKind,
    Plan,
    Recipient,
    StepKind,
    ToneFinding,
    Verdict,
    Vibe,
)
from bot.telegram.html import esc

STEP_NAMES = {
    StepKind.THANK_YOU: "Thank-you note",
    StepKind.CHECK_IN: "Check-in",
    StepKind.SECOND_FOLLOW_UP: "Second follow-up",
    StepKind.HIRING_MANAGER: "Note to the hiring manager",
    StepKind.MOVE_ON: "Time to move on",
}
DRAFT_NAMES = {
    DraftKind.THANK_YOU: "Thank-you note",
    DraftKind.CHECK_IN: "Check-in",
    DraftKind.SECOND_FOLLOW_UP: "Second follow-up",
    DraftKind.HIRING_MANAGER: "Note to the hiring manager",
    DraftKind.UPDATE: "Share real news",
    DraftKind.FEEDBACK_REQUEST: "Ask for feedback",
    DraftKind.WITHDRAW: "Withdraw politely",
}
CHANNEL_NAMES = {
    Channel.EMAIL: "Work e-mail",
    Channel.PHONE: "Office phone",
    Channel.PERSONAL_EMAIL: "Personal e-mail",
    Channel.PERSONAL_PHONE: "Personal phone / text",
    Channel.IN_PERSON: "In person",
    Channel.SOCIAL: "LinkedIn / social",
}
RECIPIENT_NAMES = {
    Recipient.RECRUITER: "Recruiter",
    Recipient.HR: "HR",
    Recipient.HIRING_MANAGER: "Hiring manager",
    Recipient.INTERVIEWER: "Interviewer",
}
STATUS_NAMES = {
    InterviewStatus.WAITING: "waiting",
    InterviewStatus.REPLIED: "they replied",
    InterviewStatus.OFFER: "offer 🎉",
    InterviewStatus.REJECTED: "rejected",
    InterviewStatus.CLOSED: "position closed",
    InterviewStatus.WITHDREW: "you withdrew",
    InterviewStatus.MOVED_ON: "moved on",
}
VIBE_NAMES = {Vibe.WARM: "warm 🙂", Vibe.NEUTRAL: "neutral 😐", Vibe.CHILLY: "chilly 🥶"}
VERDICT_HEAD = {
    Verdict.GO: "✅ <b>Go</b>",
    Verdict.WAIT: "⏳ <b>Wait</b>",
    Verdict.STOP: "🛑 <b>Stop</b>",
}


def when(moment: datetime, cal: BusinessCalendar, now: datetime | None = None) -> str:
    """A moment in the user's zone, e.g. "Mon 30 Nov, 10:00"."""
    local = cal.localize(moment)
    text = f"{local:%a} {local.day} {local:%b}, {local:%H:%M}"
    if now is not None and local.year != cal.localize(now).year:
        text = f"{local:%a} {local.day} {local:%b} {local.year}, {local:%H:%M}"
    return text


def day(value: date) -> str:
    """A date in short words, e.g. "Fri 20 Nov"."""
    return f"{value:%a} {value.day} {value:%b}"


def rules(ids: tuple[str, ...] | list[str]) -> str:
    return ", ".join(ids)


def plan_lines(plan: Plan, cal: BusinessCalendar, now: datetime) -> list[str]:
    lines = []
    for step in plan.steps:
        past = " <i>(passed)</i>" if step.at <= now else ""
        lines.append(
            f"• {STEP_NAMES[step.kind]}: <b>{when(step.at, cal, now)}</b> "
            f"({rules(step.rules)}){past}"
        )
    return lines or ["• No reminders planned."]


def nudge_lines(nudges: tuple[NudgeRecord, ...], cal: BusinessCalendar, now: datetime) -> list[str]:
    lines = []
    for nudge in nudges:
        state = "" if nudge.state is NudgeState.PENDING else f" <i>({nudge.state.value})</i>"
        lines.append(
            f"• {STEP_NAMES[nudge.kind]}: <b>{when(nudge.due_at, cal, now)}</b>"
            f" ({rules(nudge.rules)}){state}"
        )
    return lines


def interview_title(record: InterviewRecord) -> str:
    role = f" — {esc(record.role)}" if record.role else ""
    return f"<b>{esc(record.company)}</b>{role}"


def interview_label(record: InterviewRecord) -> str:
    """Plain text for a button (no HTML in button labels)."""
    label = record.company if not record.role else f"{record.company} – {record.role}"
    return label if len(label) <= 40 else label[:39] + "…"


def next_step(nudges: tuple[NudgeRecord, ...], cal: BusinessCalendar, now: datetime) -> str:
    pending = [n for n in nudges if n.state is NudgeState.PENDING]
    if not pending:
        return "no reminders pending"
    first = min(pending, key=lambda n: n.due_at)
    return f"next: {STEP_NAMES[first.kind].lower()} {when(first.due_at, cal, now)}"


def decision_text(decision: Decision, cal: BusinessCalendar, now: datetime) -> str:
    head = VERDICT_HEAD[decision.verdict]
    if decision.verdict is Verdict.WAIT and decision.next_ok_at is not None:
        head += f" until <b>{when(decision.next_ok_at, cal, now)}</b>"
    return f"{head}\n{esc(decision.advice)}\n<i>Rules: {rules(decision.rules)}</i>"


def draft_text(draft: Draft) -> str:
    return (
        f"<b>{DRAFT_NAMES[draft.kind]}</b>\n"
        f"Subject: <code>{esc(draft.subject)}</code>\n\n"
        f"<pre>{esc(draft.body)}</pre>"
    )


def tone_text(findings: tuple[ToneFinding, ...]) -> str:
    lines = [f"I found {len(findings)} thing(s) worth a second look:"]
    for finding in findings:
        lines.append(
            f"\n• <b>“{esc(finding.words)}”</b> ({finding.rule}, {esc(finding.category)}): "
            f"{esc(finding.why)}\n  <i>Instead:</i> {esc(finding.instead)}"
        )
    return "\n".join(lines)
