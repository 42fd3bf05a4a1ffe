"""Free text, understood: one message becomes a frame of facts, and the frame an action.

:func:`on_free_text` reads a message with :func:`bot.core.understand.understand` (in a worker
thread: it is pure CPU and its first call loads a language model), using what the user has
stored (their interviews and people) so "rakuten" finds "Rakuten Group" and "jessica" the
recruiter. The frame's intent picks what happens; its facts fill the questions so the user is
asked only for what is missing:

- a new interview told in one sentence starts the interview questions with every fact it
  gave already answered (the flow ends with a summary that can be fixed item by item);
- follow-ups are logged one per attempt, each on its own day (one before the interview is
  questioned, not logged);
- "they replied" marks earlier follow-ups answered and, with a new date, plans from it;
- an outcome is confirmed with a button before anything closes;
- an offer or deadline from another company takes the real-news path (G9): go today, the
  update draft with the deadline, and the interview stays open;
- "should I?" and drafts use the channel and person named, and ask when it matters;
- feelings get coaching about the user's own wait;
- another language gets a short English answer and no action.

When several interviews could be meant and the message names none, the message waits in a
small conversation (``pending``) while the user picks one; it is then read again.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from bot.core.calendar import calendar_for, country_for_zone
from bot.core.coaching import coach_wait
from bot.core.phrasing import job_title
from bot.core.plan import nudge_time_allowed
from bot.core.records import InterviewRecord, InterviewStatus, NudgeState
from bot.core.timeline import read_promise
from bot.core.types import Channel, DraftKind, Recipient, Verdict
from bot.core.understand import (
    AttemptFact,
    Correction,
    Frame,
    FrameIntent,
    Known,
    KnownInterview,
    KnownPerson,
    correction_in,
    understand,
)
from bot.core.verdict import decide
from bot.places import find_places_soon, zone_label
from bot.services import attempts, interviews
from bot.services.interviews import outcome_of
from bot.services.people import follow_up_to
from bot.services.plans import OPEN, change_settings, plan_for
from bot.storage import repo
from bot.telegram import actions, cards, flows, presses, texts, views
from bot.telegram.answers import (
    InterviewAnswers,
    OnboardAnswers,
    OutcomeAnswers,
    PendingAnswers,
    ZoneAnswers,
)
from bot.telegram.conversation import Conversation, clear, save
from bot.telegram.html import clean, esc
from bot.telegram.presses import press_button
from bot.telegram.runtime import Turn

__all__ = ["FRAME_ACTIONS", "known_of", "read", "resume_pending"]

MAX_ATTEMPTS = 5
"""At most this many follow-ups are logged from one message."""


async def known_of(turn: Turn) -> Known:
    """The user's stored interviews and people, as the understanding step takes them."""
    records = await repo.list_interviews(turn.session, owner_id=turn.user.id)
    ordered = sorted(records, key=lambda r: (r.status not in OPEN, -r.interviewed_at.timestamp()))
    return Known(
        tuple(
            KnownInterview(
                r.company,
                r.role,
                r.interviewed_at,
                tuple(KnownPerson(p.name, p.role, p.email) for p in r.people),
            )
            for r in ordered[:30]
        )
    )


INLINE_CHARS = 280
"""Messages up to this long are read in the loop's thread: well under a millisecond, less
than the trip to a worker thread and back costs (a long one takes milliseconds)."""


async def read(turn: Turn, text: str) -> Frame:
    """The frame of ``text`` for this user; a long message is read off the event loop."""
    known = await known_of(turn)
    now, cal = turn.now, turn.cal
    if len(text) <= INLINE_CHARS:
        return understand(text, now=now, cal=cal, known=known)
    return await asyncio.to_thread(understand, text, now=now, cal=cal, known=known)


# --- which interview -----------------------------------------------------------------------


async def _interview_for(
    turn: Turn, frame: Frame, text: str, *, open_only: bool = True
) -> InterviewRecord | None:
    """The interview the message is about; asks (and returns ``None``) when it cannot tell."""
    records = await repo.list_interviews(turn.session, owner_id=turn.user.id)
    if frame.company:
        named = [r for r in records if r.company == frame.company]
        if named:
            waiting = [r for r in named if r.status in OPEN]
            return (waiting or named)[-1]
    candidates = [r for r in records if r.status in OPEN] if open_only else records
    if not candidates and records and open_only:
        candidates = records
    if not candidates:
        turn.say(texts.NO_INTERVIEWS)
        return None
    if len(candidates) == 1:
        return candidates[0]
    met = _met_only_at(candidates, frame)
    if met is not None:  # "sarah replied": Sarah is someone met at one interview only
        return met
    await flows.start(turn, "pending", PendingAnswers(text=text[:2000], intent=frame.intent.value))
    return None


def _met_only_at(records: Sequence[InterviewRecord], frame: Frame) -> InterviewRecord | None:
    """The one interview where every person the message names was met, if there is one."""
    names = {p.name.split()[0].casefold() for p in frame.people if p.name}
    if not names:
        return None
    fits = [
        r
        for r in records
        if names <= {p.name.split()[0].casefold() for p in r.people if p.name.split()}
    ]
    return fits[0] if len(fits) == 1 else None


async def resume_pending(turn: Turn, conv: Conversation, interview_id: int) -> None:
    """The user picked the interview a waiting message was about: read it again and act."""
    answers = conv.answers_as(PendingAnswers)
    await clear(turn)
    record = await interviews.get(turn.session, turn.user, interview_id)
    if record is None:
        turn.say(texts.EXPIRED)
        return
    frame = await read(turn, answers.text)
    handler = ON_RECORD.get(frame.intent)
    if handler is None:
        turn.say(texts.UNKNOWN)
        return
    await handler(turn, frame, record)


def _with_record(
    action: Callable[[Turn, Frame, InterviewRecord], Awaitable[None]],
    *,
    open_only: bool = True,
) -> Callable[[Turn, Frame, str], Awaitable[None]]:
    async def run(turn: Turn, frame: Frame, text: str) -> None:
        record = await _interview_for(turn, frame, text, open_only=open_only)
        if record is not None:
            await action(turn, frame, record)

    return run


# --- people --------------------------------------------------------------------------------


def _recipient(record: InterviewRecord, to: str | None) -> Recipient | None:
    """Whom ``to`` (a name or a role word) means in this interview; ``None`` when unknown."""
    if not to:
        return None
    if to in {r.value for r in Recipient}:
        return Recipient(to)
    first = to.split()[0].casefold()
    for person in record.people:
        if person.name.split()[0].casefold() == first:
            return person.role
    return None


def _person_role(frame: Frame, name: str) -> Recipient | None:
    first = name.split()[0].casefold()
    for person in frame.people:
        if person.name and person.name.split()[0].casefold() == first:
            return person.role
    return None


async def _remember_people(turn: Turn, frame: Frame, record: InterviewRecord) -> InterviewRecord:
    """Add the people the message introduces with a role (and not stored yet)."""
    stored = {p.name.split()[0].casefold() for p in record.people}
    added = False
    for person in frame.people:
        if not person.name or person.role is None:
            continue
        if person.name.split()[0].casefold() in stored or len(record.people) >= flows.MAX_PEOPLE:
            continue
        await repo.add_person(
            turn.session,
            owner_id=turn.user.id,
            interview_id=record.id,
            name=person.name[: flows.MAX_NAME],
            role=person.role,
            email=person.email,
        )
        stored.add(person.name.split()[0].casefold())
        added = True
    if not added:
        return record
    fresh = await interviews.get(turn.session, turn.user, record.id)
    return fresh or record


# --- a new interview -------------------------------------------------------------------------


def _moment(turn: Turn, value: datetime | date | None) -> datetime | None:
    """The interview's moment from the frame: a day alone is 10:00 local, never after now."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return turn.cal.at_local(value.date(), value.hour, value.minute)
    moment = turn.cal.at_local(value, 10)
    return min(moment, turn.now)


def _upcoming_day(turn: Turn, value: datetime | date | None) -> date | None:
    """The day of an interview still to come ("i have an interview at acme tmrw"), if so."""
    if value is None:
        return None
    day = value.date() if isinstance(value, datetime) else value
    return day if day > turn.cal.local_date(turn.now) else None


@dataclass(frozen=True, slots=True)
class _Fix:
    """A correction made ready to store: the fields it changes and the question it answers."""

    question: str  # "role", "when" or "timeline"
    fields: dict[str, Any]


def _fix_of(turn: Turn, fix: Correction, said_at: datetime) -> _Fix | None:
    """The fields a correction sets (the promise read from ``said_at``); ``None`` when it
    cannot be used (a day still to come, a promise with no date)."""
    if fix.role:
        return _Fix("role", {"role": job_title(fix.role)[: flows.MAX_ROLE]})
    if fix.interview_at is not None:
        moment = _moment(turn, fix.interview_at)
        if moment is None or moment > turn.now:
            return None
        return _Fix("when", {"interviewed_at": moment})
    if fix.said:
        reading = read_promise(fix.said, said_at=said_at, cal=turn.cal)
        if reading.promised_by is None:
            return None
        return _Fix(
            "timeline", {"said": fix.said[: flows.MAX_SAID], "promised_by": reading.promised_by}
        )
    return None


async def correct_stored(turn: Turn, text: str) -> bool:
    """ "actually it was tuesday not wednesday", "no sorry the role is senior designer": the
    fix goes to the interview told about last, which is shown again with its plan."""
    fix = correction_in(text, now=turn.now, cal=turn.cal)
    if fix is None:
        return False
    records = await repo.list_interviews(turn.session, owner_id=turn.user.id)
    if not records:
        return False
    record = max(records, key=lambda r: r.id)
    ready = _fix_of(turn, fix, record.interviewed_at)
    if ready is None:
        return False
    planned = await interviews.update(turn.session, turn.user, record.id, **ready.fields)
    if planned is None:
        return False
    turn.plan_changed = True
    cards.show_updated(
        turn,
        planned,
        texts.CORRECTED,
        [[press_button(texts.BUTTON_CHANGE_MORE, presses.Edit(record.id))]],
    )
    return True


async def correct_answers(turn: Turn, conv: Conversation, text: str) -> bool:
    """The same fix while a new interview is being told: the answer so far is changed and
    the open question is asked again (or, when the fix answers it, the next one)."""
    answers = conv.answers
    if conv.flow != "new" or not isinstance(answers, InterviewAnswers):
        return False
    fix = correction_in(text, now=turn.now, cal=turn.cal)
    ready = None if fix is None else _fix_of(turn, fix, answers.interviewed_at or turn.now)
    if ready is None:
        return False
    for name, value in ready.fields.items():
        setattr(answers, name, value)
    if ready.question == "role":
        what = texts.CORRECTED_ROLE.format(role=esc(answers.role))
    elif ready.question == "when":
        moment: datetime = ready.fields["interviewed_at"]
        what = texts.CORRECTED_DAY.format(day=views.day(turn.cal.local_date(moment)))
    else:
        answers.understood = views.day(ready.fields["promised_by"])
        what = texts.CORRECTED_SAID.format(day=answers.understood)
    await save(turn, conv)
    turn.say(texts.CORRECTED_IN_FLOW.format(what=what))
    if conv.question == ready.question:
        await flows.advance(turn, conv)  # the fix answers the open question itself
    else:
        await flows.ask_again(turn, conv)
    return True


MAX_OPEN_INTERVIEWS = 50
"""Interviews waiting for news that one user may have at once (memory, /list and nudges)."""


async def room_for_another(turn: Turn) -> bool:
    """False, having said so kindly, when the user is at :data:`MAX_OPEN_INTERVIEWS`."""
    waiting = await repo.count_interviews(turn.session, owner_id=turn.user.id, statuses=OPEN)
    if waiting >= MAX_OPEN_INTERVIEWS:
        turn.say(texts.TOO_MANY_OPEN.format(count=waiting))
        return False
    return True


async def new_interview(turn: Turn, frame: Frame, text: str) -> None:
    company = flows.display_company(frame.company or "")[: flows.MAX_COMPANY]
    if not turn.zone_known:  # the whole message is read again once the zone is known
        turn.say(texts.ZONE_FIRST)
        await flows.start(turn, "onboard", OnboardAnswers(held=[text[:2000]]))
        return
    upcoming = _upcoming_day(turn, frame.interview_at)
    if upcoming is not None:
        # Not happened yet: nothing to plan. A next round with an employer already stored
        # is their answer to the last one (its reminders stop); a new one is wished luck.
        records = await repo.list_interviews(turn.session, owner_id=turn.user.id)
        if company and any(r.company.casefold() == company.casefold() for r in records):
            await reply_or_next_round(turn, frame, text)
            return
        turn.say(
            texts.UPCOMING_INTERVIEW.format(
                company=esc(company) if company else texts.YOUR_INTERVIEW,
                day=views.day(upcoming),
            )
        )
        return
    if not await room_for_another(turn):
        return
    role = job_title(frame.role or "")[: flows.MAX_ROLE]
    answers = InterviewAnswers(company=company, role=role)
    moment = _moment(turn, frame.interview_at)
    if moment is not None and "interview_at" not in frame.unsure and moment <= turn.now:
        answers.interviewed_at = moment
    if frame.timeline is not None:
        answers.said = (frame.said or text)[: flows.MAX_SAID]
        answers.promised_by = frame.timeline.by
        said_at = answers.interviewed_at
        if frame.said and said_at:
            # T1: they said it at the interview, so "in a week" counts from that day, not
            # from the day the user told me (the /new questions count the same way)
            reading = read_promise(frame.said, said_at=said_at, cal=turn.cal)
            if reading.promised_by is not None:
                answers.promised_by = reading.promised_by
        answers.understood = views.day(answers.promised_by)
    elif frame.no_date_said:
        # they gave no date: plan from the interview
        answers.said = (frame.said or text)[: flows.MAX_SAID]
    answers.people = [
        (p.name[: flows.MAX_NAME], p.role or Recipient.INTERVIEWER, p.email)
        for p in frame.people
        if p.name
    ][: flows.MAX_PEOPLE]
    answers.vibe = frame.vibe
    answers.told = True
    await flows.start(turn, "new", answers)


# --- follow-ups ------------------------------------------------------------------------------


def _attempt_moment(turn: Turn, on: date | None) -> datetime:
    """When a reported follow-up happened: its day at noon (never after now), else now."""
    if on is None:
        return turn.now
    return min(turn.cal.at_local(on, 12), turn.now)


_THANKING_ME = re.compile(r"^\W*(?:thanks|thank you|thx|ty)\b[^.!?\n]{0,40}[.!?,\n]*", re.I)


def _about_thank_you(text: str) -> bool:
    """Whether a reported e-mail is the thank-you note ("i sent the thank you note", "emailed
    jess to say thanks"), not a check-in; a "thanks" to me at the start does not count."""
    rest = _THANKING_ME.sub("", text, count=1)
    return "thank" in rest.casefold() and flows.thanks_sent(rest) is True


async def log_or_thank(turn: Turn, frame: Frame, text: str) -> None:
    """A reported follow-up, or the thank-you note when that is what was sent (S1): a
    thank-you is not a check-in and must not move the plan as one."""
    record = await _interview_for(turn, frame, text, open_only=True)
    if record is None:
        return
    if not _about_thank_you(text):
        await log_attempts(turn, frame, record)
        return
    record = await _remember_people(turn, frame, record)
    if record.thank_you_sent_at is not None:
        turn.say(texts.THANKS_ALREADY)
        return
    on = next((f.on for f in frame.attempts if f.on is not None), None)
    await interviews.set_thanked(turn.session, turn.user, record.id, at=_attempt_moment(turn, on))
    turn.plan_changed = True
    record = await interviews.get(turn.session, turn.user, record.id) or record
    lines = [texts.THANKS_NOTED_FOR.format(company=esc(record.company))]
    if record.status in OPEN and plan_for(turn.user, record) is not None:
        lines += ["", texts.WHAT_NEXT, *cards.steps(turn, record)]
    turn.say("\n".join(lines))


async def log_attempts(turn: Turn, frame: Frame, record: InterviewRecord) -> None:
    record = await _remember_people(turn, frame, record)
    facts: Sequence[AttemptFact] = frame.attempts[:MAX_ATTEMPTS]
    if not facts:
        await actions.do_log(turn, presses.LogAttempt(record.id))
        return
    interview_day = turn.cal.local_date(record.interviewed_at)
    lines: list[str] = []
    undo_rows: list[list[tuple[str, str]]] = []
    unknown_whom: list[str] = []
    for fact in facts:
        if fact.on is not None and fact.on < interview_day:
            lines.append(
                texts.ATTEMPT_BEFORE_INTERVIEW.format(
                    day=views.day(fact.on), interview=views.day(interview_day)
                )
            )
            continue
        to = _recipient(record, fact.to)
        if to is None and fact.to and fact.to not in {r.value for r in Recipient}:
            to = _person_role(frame, fact.to)
        if to is None:
            if fact.to:
                unknown_whom.append(fact.to)
            to = follow_up_to(record)
        at = _attempt_moment(turn, fact.on)
        attempt, _planned = await attempts.log(
            turn.session, turn.user, record, channel=fact.channel, to=to, at=at
        )
        turn.plan_changed = True
        lines.append(
            texts.LOGGED_ON.format(
                company=esc(record.company),
                channel=views.CHANNEL_NAMES[fact.channel].lower(),
                recipient=(
                    esc(fact.to)
                    if fact.to and fact.to not in {r.value for r in Recipient}
                    else views.the_role(to)
                ),
                day=(
                    texts.TODAY_WORD
                    if fact.on is None or fact.on == turn.cal.local_date(turn.now)
                    else views.day(fact.on)
                ),
            )
        )
        if not fact.channel.is_work_channel:
            lines.append(texts.WORK_CHANNELS)
        if attempt is not None:
            undo_rows.append(
                [
                    press_button(
                        texts.BUTTON_UNDO_ONE.format(n=len(undo_rows) + 1),
                        presses.UndoAttempt(attempt.id),
                    )
                ]
            )
        record = await interviews.get(turn.session, turn.user, record.id) or record
    if any(f.on is None for f in facts) and len(facts) > 1:
        lines.append(texts.UNDATED_AS_TODAY)
    if unknown_whom:
        lines.append(texts.UNKNOWN_PERSON.format(names=esc(", ".join(dict.fromkeys(unknown_whom)))))
    plan = plan_for(turn.user, record) if record.status in OPEN else None
    if plan is not None and undo_rows:
        lines += ["", texts.WHAT_NEXT, *cards.steps(turn, record)]
    turn.say("\n".join(lines), undo_rows[:MAX_ATTEMPTS] or None)


# --- replies, outcomes, news ------------------------------------------------------------------


async def reply(turn: Turn, frame: Frame, record: InterviewRecord) -> None:
    record = await _remember_people(turn, frame, record)
    new_date = frame.reply.new_date if frame.reply else None
    if new_date is None:
        await actions.do_reply(turn, presses.Reply(record.id, presses.ReplyChoice.REPLIED))
        return
    await repo.mark_attempts_answered(
        session=turn.session, owner_id=turn.user.id, interview_id=record.id
    )
    if record.status not in OPEN:
        await interviews.reopen(turn.session, turn.user, record.id, plan=False)
    before = record.promised_by
    planned = await interviews.update(
        turn.session, turn.user, record.id, promised_by=new_date, said=frame_said(frame)
    )
    turn.plan_changed = True
    if planned is None:
        turn.say(texts.EXPIRED)
        return
    keep = presses.KeepDate(record.id, int(f"{before:%Y%m%d}") if before else 0)
    label = (
        texts.BUTTON_KEEP_DATE.format(day=views.day(before)) if before else texts.BUTTON_NO_NEW_DATE
    )
    cards.show_updated(
        turn,
        planned,
        texts.REPLY_NEW_DATE_NOTE.format(day=views.day(new_date)),
        [[press_button(label, keep)]],
    )


_NEXT_ROUND = re.compile(
    r"\b(?:second|2nd|third|3rd|fourth|4th|final|next|another|onsite|on-site|follow[- ]?up|"
    r"technical|tech|last)\s+(?:round|interview|stage|meeting|conversation)s?\b|"
    r"\b(?:invited|asked|called) me (?:back|in|for (?:a|an|the) (?:round|interview|meeting))\b|"
    r"\bmoved? (?:me )?(?:forward|on) to\b|\bshortlisted\b",
    re.IGNORECASE,
)


_NO_DECISION = re.compile(
    r"\bno (?:update|news|decision|answer|word)s?(?: yet| so far)?\b|\bnothing (?:yet|decided)\b|"
    r"\bstill (?:interviewing|deciding|reviewing|waiting (?:on|for)|finishing|talking to|"
    r"meeting|looking at|in (?:the )?process|going through)\b|\bnot (?:decided|made a decision)"
    r" yet\b|\bhaven'?t (?:decided|made a decision)\b|\bno decision\b",
    re.IGNORECASE,
)


async def reply_or_next_round(turn: Turn, frame: Frame, text: str) -> None:
    """They answered; when the answer is a next round ("they want a second round next
    tuesday"), that is no new decision date: the wait for this round is over (S7), and the
    next round is its own interview to tell me about once it has happened."""
    record = await _interview_for(turn, frame, text, open_only=False)
    if record is None:
        return
    if not _NEXT_ROUND.search(text):
        if (frame.reply is None or frame.reply.new_date is None) and _NO_DECISION.search(text):
            # "she said no update yet, they're still interviewing": an answer, not the answer
            turn.say(texts.NO_DECISION_YET.format(title=views.interview_title(record)))
            await actions.do_reply(turn, presses.Reply(record.id, presses.ReplyChoice.NEW_DATE))
            return
        await reply(turn, frame, record)
        return
    record = await _remember_people(turn, frame, record)
    await interviews.record_answer(turn.session, turn.user, record.id, InterviewStatus.REPLIED)
    turn.plan_changed = True
    day = frame.reply.new_date if frame.reply else None
    when = texts.NEXT_ROUND_ON.format(day=views.day(day)) if day else ""
    reopen = presses.Reply(record.id, presses.ReplyChoice.REOPEN)
    turn.say(
        texts.NEXT_ROUND.format(title=views.interview_title(record), when=when),
        [[press_button(texts.BUTTON_NOT_NEXT_ROUND, reopen)]],
    )


def frame_said(frame: Frame) -> str | None:
    return (
        None
        if frame.reply is None or frame.reply.new_date is None
        else (texts.NEW_DATE_SAID.format(day=views.day(frame.reply.new_date)))
    )


async def outcome(turn: Turn, frame: Frame, record: InterviewRecord) -> None:
    """An outcome is confirmed before anything closes (a misreading must not end a wait)."""
    choices = {c.value: c for c in presses.ReplyChoice}
    choice = choices.get(frame.outcome.value) if frame.outcome is not None else None
    if frame.outcome is None or choice is None:
        await actions.do_reply(turn, presses.Reply(record.id))
        return
    question = texts.CONFIRM_OUTCOME.format(
        title=views.interview_title(record), outcome=texts.OUTCOME_NAMES[frame.outcome]
    )
    # asked as a question, so a typed "yes" or "no" answers it as the buttons do
    await flows.start(
        turn, "outcome", OutcomeAnswers(edit_id=record.id, choice=choice.value, question=question)
    )


async def confirm_outcome_typed(turn: Turn, conv: Conversation, text: str) -> bool:
    """A typed answer to "they said no?": yes records it, no asks what happened; anything
    else is not an answer (the caller drops the question and reads the text anew)."""
    answers = conv.answers_as(OutcomeAnswers)
    word = " ".join(text.casefold().split()).strip(" !.")
    yes = word in texts.YES_WORDS or word in texts.CONFIRM_YES_WORDS
    no = word in texts.NO_WORDS or word in texts.CONFIRM_NO_WORDS
    if not (yes or no):
        return False
    await clear(turn)
    choice = presses.ReplyChoice(answers.choice) if yes else None
    await actions.do_reply(turn, presses.Reply(answers.edit_id, choice))
    return True


async def real_news(turn: Turn, frame: Frame, record: InterviewRecord) -> None:
    """Real news (another offer, a deadline): go today, the update draft, the deadline shown."""
    to = follow_up_to(record)
    decision = decide(
        record.to_core(),
        channel=Channel.EMAIL,
        to=to,
        now=turn.now,
        cal=turn.cal,
        attempts=record.core_attempts(),
        outcome=outcome_of(record),
        real_news=True,
    )
    offer = frame.other_offer
    lines = [texts.NEWS_HEAD.format(company=esc(record.company))]
    if offer is not None and offer.deadline is not None:
        lines.append(texts.NEWS_DEADLINE.format(day=views.day(offer.deadline)))
    lines.append(views.decision_text(decision, turn.cal, turn.now))
    lines.append(texts.NEWS_STAYS_OPEN)
    turn.say("\n".join(lines))
    if decision.verdict is Verdict.GO:
        await cards.send_draft(
            turn,
            record.id,
            DraftKind.UPDATE,
            other_company=(offer.company or "") if offer else "",
            other_deadline=offer.deadline if offer else None,
            other_offer=offer is not None,
        )


# --- "should I?" and drafts -------------------------------------------------------------------


async def should_i(turn: Turn, frame: Frame, record: InterviewRecord) -> None:
    record = await _remember_people(turn, frame, record)
    if frame.attempts:
        # "i emailed sarah on friday, can i call her today?": Friday's e-mail counts first
        await log_attempts(turn, frame, record)
        record = await interviews.get(turn.session, turn.user, record.id) or record
    # "should i follow up?" names no channel: the answer is for a work e-mail, the channel
    # a follow-up takes by default (G5); a call or anything else is asked about by name.
    channel = frame.channel or Channel.EMAIL
    # Whom: the person named; else the one contact there is; several roles: ask.
    several = len({p.role for p in record.people}) > 1
    to = _recipient(record, frame.to) or (
        follow_up_to(record) if frame.to is None and not several else None
    )
    await actions.do_shouldi(turn, presses.ShouldI(record.id, channel, to))


async def draft(turn: Turn, frame: Frame, record: InterviewRecord) -> None:
    record = await _remember_people(turn, frame, record)
    if frame.draft_kind is DraftKind.UPDATE and frame.other_offer is not None:
        await real_news(turn, frame, record)
        return
    if frame.draft_kind is DraftKind.THANK_YOU and frame.to:
        # "write a thank you to tom": Tom's note only
        await actions.draft_thank_you(turn, record, to=frame.to)
        return
    await actions.do_draft(turn, presses.Draft(record.id, frame.draft_kind))


# --- the rest ------------------------------------------------------------------------------------


RECENT_OUTCOME = timedelta(days=60)


async def feeling(turn: Turn, frame: Frame, text: str) -> None:
    records = await repo.list_interviews(turn.session, owner_id=turn.user.id)
    waiting = [r for r in records if r.status in OPEN]
    named = [r for r in records if frame.company and r.company == frame.company]
    # nothing open: the latest one, if it was interviewed lately ("ugh" right after a no)
    recent = [r for r in records[-1:] if turn.now - r.interviewed_at < RECENT_OUTCOME]
    candidates = named or waiting or recent
    record = candidates[-1] if candidates else None
    seed = turn.update.update_id
    if record is None:
        message = coach_wait(now=turn.now, cal=turn.cal, interview=None, feeling=text, seed=seed)
    else:
        plan = plan_for(turn.user, record) if record.status in OPEN else None
        message = coach_wait(
            now=turn.now,
            cal=turn.cal,
            interview=record.to_core(),
            plan=plan,
            attempts=[a for a in record.core_attempts() if not a.answered],
            outcome=outcome_of(record),
            feeling=text,
            seed=seed,
        )
    turn.say(esc(message), [[press_button(texts.BUTTON_WHY_SILENCE, presses.Why())]])


async def felt(turn: Turn, frame: Frame, record: InterviewRecord) -> None:
    """How an interview felt, said on its own ("the recruiter was cold on the phone")."""
    if frame.vibe is None:
        return
    turn.say(
        texts.VIBE_NOTE.format(
            title=views.interview_title(record), vibe=views.VIBE_NAMES[frame.vibe]
        ),
        [
            [
                press_button(texts.BUTTON_YES_NOTE_IT, presses.SetVibe(record.id, frame.vibe)),
                press_button(texts.BUTTON_NO_THANKS, presses.Ok()),
            ]
        ],
    )


async def thanks(turn: Turn, frame: Frame, text: str) -> None:
    turn.say(texts.YOU_ARE_WELCOME)


async def reminders(turn: Turn, frame: Frame, text: str) -> None:
    records = {r.id: r for r in await repo.list_interviews(turn.session, owner_id=turn.user.id)}
    upcoming = []
    for record in records.values():
        if record.status not in OPEN:
            continue
        nudges = await repo.list_nudges(turn.session, owner_id=turn.user.id, interview_id=record.id)
        upcoming += [
            (n.due_at, record, n)
            for n in nudges
            if n.state is NudgeState.PENDING and n.due_at >= turn.now
        ]
    if not upcoming:
        turn.say(texts.NO_REMINDERS)
        return
    upcoming.sort(key=lambda item: item[0])
    lines = [texts.REMINDERS_HEAD]
    for due, record, nudge in upcoming[:10]:
        lines.append(
            texts.REMINDER_LINE.format(
                when=views.when(due, turn.cal, turn.now),
                step=views.STEP_NAMES[nudge.kind],
                company=esc(record.company),
            )
        )
    turn.say("\n".join(lines))


_MOVED = re.compile(
    r"\b(?:moved|moving|relocated|relocating|i'?m now|now living|now based|i live|living|"
    r"based|i'?m)\s+(?:now\s+)?(?:to|in|at)\s+(?P<place>[^.!?,;\n]{2,60})",
    re.IGNORECASE,
)


MOVED_HOME = re.compile(
    r"\b(?:i (?:have |just )?moved|i'?ve (?:just )?moved|relocated|i'?m now (?:based|living)|"
    r"(?:moving|relocating) to|i now live|now based|now living)\b",
    re.IGNORECASE,
)
"""A move told in words the reader does not count as a setting."""


_WHEN_AFTER_PLACE = re.compile(r"\s+(?:next|this|in|on|by|soon|at the end)\b.*$")
_MOVE_TO_COME = re.compile(
    r"\b(?:moving|relocating|will (?:be )?mov(?:e|ing)|going to move|gonna move|"
    r"plan(?:ning)? to move|about to move)\b(?!.*\b(?:today|now)\b)",
    re.IGNORECASE,
)


async def settings(turn: Turn, frame: Frame, text: str) -> None:
    moved = _MOVED.search(text)
    if frame.nudge_hour is None and moved and _MOVE_TO_COME.search(text) and turn.user.zone:
        # "im moving to london next week": not yet; the zone changes once they are there
        place = clean(moved.group("place"), 60)
        place = _WHEN_AFTER_PLACE.sub("", place) or place
        turn.say(texts.MOVE_TO_COME.format(zone=esc(turn.user.zone), place=esc(place)))
        return
    if frame.nudge_hour is None and moved:
        # "i moved to berlin": the zone follows the move; several candidates are asked
        places = await find_places_soon(moved.group("place"))
        if len(places) == 1:
            zone = places[0].zone
            turn.user = await change_settings(
                turn.session, turn.user, zone=zone, country=country_for_zone(zone)
            )
            turn.plan_changed = True
            local = calendar_for(zone, turn.user.country).localize(turn.now)
            turn.say(
                texts.ZONE_MOVED.format(
                    zone=esc(zone_label(zone)),
                    time=f"{local:%H:%M}",
                    nudge=f"{turn.user.nudge_at:%H:%M}",
                )
            )
            return
        # several places (or none): the zone question takes the place as its answer
        conv = Conversation(flow="zone", question="zone", answers=ZoneAnswers())
        await save(turn, conv)
        await flows.respond(turn, conv, flows.Reply(text=moved.group("place")))
        return
    if frame.nudge_hour is None:
        await actions.do_settings(turn, presses.Settings())
        return
    hour = frame.nudge_hour
    if not nudge_time_allowed(hour):
        turn.say(texts.HOUR_BAD)
        await flows.start(turn, "hour")  # so the next message is read as the time
        return
    await change_settings(turn.session, turn.user, nudge_hour=hour.hour, nudge_minute=hour.minute)
    turn.plan_changed = True
    turn.say(texts.HOUR_NOW_SET.format(time=f"{hour:%H:%M}"))


async def undo(turn: Turn, frame: Frame, text: str) -> None:
    """Undo the latest follow-up logged, or reopen the latest interview that was closed."""
    records = await repo.list_interviews(turn.session, owner_id=turn.user.id)
    latest = max(
        ((a, r) for r in records for a in r.attempts),
        key=lambda item: item[0].id,
        default=None,
    )
    rows: list[list[tuple[str, str]]] = []
    if latest is not None:
        attempt, record = latest
        rows.append(
            [
                press_button(
                    texts.BUTTON_UNDO_ATTEMPT.format(
                        company=record.company[:30],
                        day=views.when(attempt.at, turn.cal, turn.now),
                    ),
                    presses.UndoAttempt(attempt.id),
                )
            ]
        )
    closed = [
        r for r in records if r.status not in OPEN and r.status is not InterviewStatus.REPLIED
    ]
    if closed:
        record = closed[-1]
        rows.append(
            [
                press_button(
                    texts.BUTTON_REOPEN.format(company=record.company[:30]),
                    presses.Reply(record.id, presses.ReplyChoice.REOPEN),
                )
            ]
        )
    if not rows:
        turn.say(texts.NOTHING_TO_UNDO)
        return
    turn.say(texts.UNDO_WHICH, rows)


ON_RECORD: dict[FrameIntent, Callable[[Turn, Frame, InterviewRecord], Awaitable[None]]] = {
    FrameIntent.LOG_ATTEMPT: log_attempts,
    FrameIntent.REPLY: reply,
    FrameIntent.OUTCOME: outcome,
    FrameIntent.REAL_NEWS: real_news,
    FrameIntent.SHOULD_I: should_i,
    FrameIntent.DRAFT: draft,
    FrameIntent.UNKNOWN: felt,
}
FRAME_ACTIONS: dict[FrameIntent, Callable[[Turn, Frame, str], Awaitable[None]]] = {
    FrameIntent.NEW_INTERVIEW: new_interview,
    FrameIntent.LOG_ATTEMPT: log_or_thank,
    FrameIntent.REPLY: reply_or_next_round,
    FrameIntent.OUTCOME: _with_record(outcome, open_only=False),
    FrameIntent.REAL_NEWS: _with_record(real_news),
    FrameIntent.SHOULD_I: _with_record(should_i, open_only=False),
    FrameIntent.DRAFT: _with_record(draft, open_only=False),
    FrameIntent.FEELING: feeling,
    FrameIntent.THANKS: thanks,
    FrameIntent.REMINDERS: reminders,
    FrameIntent.SETTINGS: settings,
    FrameIntent.UNDO: undo,
}
FELT = _with_record(felt)
"""An unknown message that still says how an interview felt."""
