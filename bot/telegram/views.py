"""How plans, verdicts, interviews and drafts look in a Telegram message (HTML)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from bot.core import progress
from bot.core.calendar import BusinessCalendar
from bot.core.progress import StepState, StepStatus
from bot.core.records import InterviewRecord
from bot.core.types import Decision, Draft, Recipient, StepKind, ToneFinding, Verdict
from bot.telegram import texts
from bot.telegram.html import esc, visible_len

STEP_NAMES = texts.STEP_NAMES
DRAFT_NAMES = texts.DRAFT_NAMES
CHANNEL_NAMES = texts.CHANNEL_NAMES
RECIPIENT_NAMES = texts.RECIPIENT_NAMES
STATUS_NAMES = texts.STATUS_NAMES
VIBE_NAMES = texts.VIBE_NAMES


def role_word(role: Recipient) -> str:
    """A role inside a sentence: "recruiter", "hiring manager", but "HR" keeps its capitals."""
    name = RECIPIENT_NAMES[role]
    return name if name.isupper() else name.lower()


def the_role(role: Recipient) -> str:
    """A role as the person: "the recruiter", "the hiring manager", but "HR"."""
    word = role_word(role)
    return word if word.isupper() else texts.THE_ROLE.format(role=word)


def when(moment: datetime, cal: BusinessCalendar, now: datetime | None = None) -> str:
    """A moment in the user's zone, e.g. "Mon 30 Nov, 10:00"."""
    local = cal.localize(moment)
    text = f"{local:%a} {local.day} {local:%b}, {local:%H:%M}"
    if now is not None and local.year != cal.localize(now).year:
        text = f"{local:%a} {local.day} {local:%b} {local.year}, {local:%H:%M}"
    return text


def day(value: date, today: date | None = None) -> str:
    """A date in short words, e.g. "Fri 20 Nov"; "Fri 15 Jan 2027" when not ``today``'s year."""
    text = f"{value:%a} {value.day} {value:%b}"
    return text if today is None or today.year == value.year else f"{text} {value.year}"


def rules(ids: tuple[str, ...] | list[str]) -> str:
    return ", ".join(ids)


def step_lines(states: Sequence[StepStatus], cal: BusinessCalendar, now: datetime) -> list[str]:
    """Each step of the wait with its state: due (its day), open, done, skipped or passed."""
    lines = []
    for status in states:
        name = STEP_NAMES[status.kind]
        if status.waits and status.state is StepState.DUE:
            after = (
                texts.AFTER_CHECK_IN
                if status.kind is StepKind.SECOND_FOLLOW_UP
                else texts.AFTER_SECOND
            )
            lines.append(texts.STEP_WAITS.format(step=name, after=after))
            continue
        state = texts.STEP_STATES[status.state]
        if status.state is StepState.OPEN and status.until is not None:
            state = texts.OPEN_UNTIL.format(until=when(status.until, cal, now))
        lines.append(texts.STEP_LINE.format(step=name, when=when(status.at, cal, now), state=state))
    return lines or [texts.NO_REMINDERS_PLANNED]


def now_and_next(states: Sequence[StepStatus], cal: BusinessCalendar, now: datetime) -> str:
    """For /list: the step open now, if any, and the next one still ahead (never a past one)."""
    open_now, upcoming = progress.now_and_next(states, now)
    parts = []
    if open_now is not None:
        parts.append(texts.NOW_STEP.format(step=STEP_NAMES[open_now.kind].lower()))
    if upcoming is not None:
        parts.append(
            texts.NEXT_STEP.format(
                step=STEP_NAMES[upcoming.kind].lower(), when=when(upcoming.at, cal, now)
            )
        )
    if not parts:
        return texts.NO_REMINDERS_PENDING
    if len(parts) == 1:
        return parts[0]
    return texts.NOW_AND_NEXT.format(now=parts[0], next=parts[1])


def title(company: str, role: str) -> str:
    """ "<b>Acme</b> — Designer", the user's words escaped."""
    role_part = texts.TITLE_ROLE.format(role=esc(role)) if role else ""
    return texts.TITLE.format(company=esc(company), role=role_part)


def interview_title(record: InterviewRecord) -> str:
    return title(record.company, record.role)


def interview_label(record: InterviewRecord) -> str:
    """Plain text for a button (no HTML in button labels)."""
    label = record.company if not record.role else f"{record.company} – {record.role}"
    return label if len(label) <= 40 else label[:39] + "…"


def decision_text(decision: Decision, cal: BusinessCalendar, now: datetime) -> str:
    head = texts.VERDICT_HEAD[decision.verdict]
    if decision.verdict is Verdict.STOP and decision.rules == ("G5",):
        head = texts.VERDICT_NOT_THIS_WAY  # the channel only: another way is fine
    if decision.verdict is Verdict.WAIT and decision.next_ok_at is not None:
        head += texts.VERDICT_UNTIL.format(when=when(decision.next_ok_at, cal, now))
    return texts.VERDICT.format(head=head, advice=esc(decision.advice))


def draft_text(draft: Draft) -> str:
    return texts.DRAFT.format(
        name=DRAFT_NAMES[draft.kind], subject=esc(draft.subject), body=esc(draft.body)
    )


TONE_QUOTES = 3
"""At most this many different wordings are quoted for one kind of finding."""
TONE_BUDGET = 3800
"""The tone reply stays this far under Telegram's 4096 characters, so it is one message."""


def tone_text(findings: tuple[ToneFinding, ...]) -> str:
    """The findings of the tone check (G10) as one message: each kind of finding once, with
    up to :data:`TONE_QUOTES` of its wordings and how many more are like it.

    A long draft that repeats itself gave one entry per repeat (164 findings, 9 messages);
    now it is one entry per kind, and kinds that would not fit are counted at the end. The
    rule id and the category stay data: a reply never shows internal names.
    """
    groups: dict[tuple[str, str], list[ToneFinding]] = {}
    for finding in findings:
        groups.setdefault((finding.rule, finding.category), []).append(finding)
    head = texts.tone_found(len(findings), len(groups))
    lines = [head]
    used = visible_len(head)
    for index, group in enumerate(groups.values()):
        entry = _tone_entry(group)
        if used + visible_len(entry) + 100 > TONE_BUDGET:
            lines.append(texts.tone_more_kinds(len(groups) - index))
            break
        lines.append(entry)
        used += visible_len(entry) + 1
    return "\n".join(lines)


def _tone_entry(group: list[ToneFinding]) -> str:
    wordings: dict[str, str] = {}
    for finding in group:
        words = " ".join(finding.words.split())
        wordings.setdefault(words.casefold(), words if len(words) <= 60 else words[:59] + "…")
    quoted = list(wordings.values())[:TONE_QUOTES]
    first = group[0]
    entry = texts.TONE_FINDING.format(
        quotes=", ".join(texts.TONE_QUOTE.format(words=esc(words)) for words in quoted),
        why=esc(first.why),
        instead=esc(first.instead),
    )
    more = len(group) - len(quoted)
    if more:
        like = texts.TONE_MORE_LIKE_IT if len(quoted) == 1 else texts.TONE_MORE_LIKE_THESE
        entry += like.format(count=more)
    return entry
