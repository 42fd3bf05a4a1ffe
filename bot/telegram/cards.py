"""What the bot shows about one interview after a change: the saved card, an update, a draft.

Shared by the commands (:mod:`bot.telegram.actions`), the questions that end in them
(:mod:`bot.telegram.flows`) and the nudge buttons (:mod:`bot.telegram.nudges`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.core.records import InterviewRecord, NudgeRecord
from bot.core.types import Channel, DraftKind, Recipient
from bot.services import interviews, plans
from bot.services.people import contact_for
from bot.services.plans import Planned
from bot.telegram import presses, texts, views
from bot.telegram.html import esc
from bot.telegram.presses import press_button
from bot.telegram.runtime import Buttons, Turn


def facts(turn: Turn, record: InterviewRecord) -> str:
    """One line: when, their timeline, how it felt, whom the user met."""
    parts = [texts.INTERVIEWED.format(when=views.when(record.interviewed_at, turn.cal, turn.now))]
    if record.promised_by:
        today = turn.cal.local_date(turn.now)
        parts.append(texts.ANSWER_BY.format(day=views.day(record.promised_by, today)))
    else:
        parts.append(texts.NO_DATE_GIVEN)
    parts.append(texts.FELT.format(vibe=views.VIBE_NAMES[record.vibe]))
    if record.people:
        names = ", ".join(
            texts.PERSON_IN_ROLE.format(name=esc(p.name), role=views.role_word(p.role))
            for p in record.people
        )
        parts.append(texts.MET.format(names=names))
    return " · ".join(parts)


def steps(turn: Turn, record: InterviewRecord, nudges: Sequence[NudgeRecord] = ()) -> list[str]:
    """The interview's steps, each with its state now (due, open, done, skipped, passed)."""
    states = plans.progress(turn.user, record, nudges, now=turn.now)
    return views.step_lines(states, turn.cal, turn.now)


def show_new(turn: Turn, planned: Planned) -> None:
    """The card of a newly saved interview, with its plan and what to do first."""
    record = planned.record
    lines = [
        texts.SAVED.format(title=views.interview_title(record)),
        facts(turn, record),
        "",
        texts.YOUR_PLAN,
    ]
    if planned.plan is not None:
        lines += steps(turn, record)
    rows: list[list[tuple[str, str]]] = []
    if record.thank_you_sent_at is None:
        thanks = presses.Draft(record.id, DraftKind.THANK_YOU)
        rows.append([press_button(texts.BUTTON_DRAFT_THANKS, thanks)])
    rows.append(
        [
            press_button(texts.BUTTON_EDIT, presses.Edit(record.id)),
            press_button(texts.BUTTON_DONE, presses.Ok()),
        ]
    )
    turn.say("\n".join(lines), rows)


def show_updated(turn: Turn, planned: Planned, note: str, buttons: Buttons | None = None) -> None:
    """The interview after an edit, with its new plan (and ``buttons``, e.g. an undo)."""
    record = planned.record
    lines = [f"{esc(note)} {views.interview_title(record)}", facts(turn, record)]
    if planned.plan is not None:
        lines += ["", texts.YOUR_PLAN, *steps(turn, record)]
    turn.say("\n".join(lines), buttons)


async def send_draft(
    turn: Turn,
    interview_id: int,
    kind: DraftKind,
    news: str = "",
    *,
    other_company: str = "",
    other_deadline: date | None = None,
    other_offer: bool = False,
    to: str | None = None,
) -> None:
    """A ready-to-send draft of ``kind``, with the button that logs it as sent (a thank-you:
    one note per person met, or only to ``to`` when that person was met)."""
    record = await interviews.get(turn.session, turn.user, interview_id)
    if record is None:
        turn.say(texts.EXPIRED)
        return
    user_name = turn.user.name or ""  # never guessed: "[your name]" until the user says it
    if kind is DraftKind.THANK_YOU and len(record.people) > 1:
        notes = interviews.thank_you_notes(record, user_name=user_name, cal=turn.cal, only=to)
        for note in notes[:-1]:
            turn.say(views.draft_text(note))
        done = (
            [[press_button(texts.BUTTON_SENT_IT, presses.Thanked(record.id))]]
            if record.thank_you_sent_at is None
            else []
        )
        if not turn.user.name:
            done.append(
                [press_button(texts.BUTTON_SET_NAME, presses.Settings(presses.Setting.NAME))]
            )
        turn.say(views.draft_text(notes[-1]) + "\n\n" + texts.RECIPIENT_LAST, done or None)
        return
    draft = interviews.draft_for(
        record,
        kind,
        user_name=user_name,
        cal=turn.cal,
        news=news,
        other_company=other_company,
        other_deadline=other_deadline,
        other_offer=other_offer,
    )
    rows = sent_it(record, kind)
    if not turn.user.name:
        rows.append([press_button(texts.BUTTON_SET_NAME, presses.Settings(presses.Setting.NAME))])
    turn.say(views.draft_text(draft) + "\n\n" + texts.RECIPIENT_LAST, rows)


def sent_it(record: InterviewRecord, kind: DraftKind) -> list[list[tuple[str, str]]]:
    """The "I sent it" button under a draft of ``kind``: a follow-up (and a feedback request)
    is logged as an attempt, the thank-you marked sent, a withdrawal closes the interview,
    news is noted. Every draft has one."""
    if kind is DraftKind.THANK_YOU:
        if record.thank_you_sent_at is not None:
            return []
        return [[press_button(texts.BUTTON_SENT_IT, presses.Thanked(record.id))]]
    if kind is DraftKind.WITHDRAW:
        return [[press_button(texts.BUTTON_SENT_IT, presses.Withdrawn(record.id))]]
    if kind is DraftKind.UPDATE:
        return [[press_button(texts.BUTTON_SENT_IT, presses.NewsShared(record.id))]]
    contact = contact_for(record, kind)
    to = contact.role if contact else Recipient.RECRUITER
    sent = presses.LogAttempt(record.id, Channel.EMAIL, to)
    return [[press_button(texts.BUTTON_SENT_LOG, sent)]]
