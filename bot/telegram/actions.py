"""What the user can do with their interviews: list, status, log, reply, "should I?", drafts,
calendar, export and delete. Commands, buttons and recognised free text all land here.

Each action takes the turn and its typed arguments (:mod:`bot.telegram.presses`), parsed from
a pressed button, the words of a command or what the free text said; missing ones are asked
for with buttons. Every id is re-read scoped to the current user, so another user's id, or a forged
one, only ever gives "that button has expired".
"""

from __future__ import annotations

import asyncio
import dataclasses
import importlib
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Final, TypeVar

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.core.coaching import explain_rules, why_silence
from bot.core.drafts import draft_order
from bot.core.progress import THANK_YOU_WINDOW
from bot.core.records import AttemptRecord, InterviewRecord, InterviewStatus, NudgeState
from bot.core.types import Channel, DraftKind, Outcome, Recipient, Verdict
from bot.core.verdict import decide
from bot.places import zone_label
from bot.services import attempts, interviews, plans
from bot.services.interviews import OUTCOME_STATUS, outcome_of
from bot.services.plans import OPEN
from bot.storage import export, repo
from bot.storage.db import checkpoint_wal
from bot.telegram import cards, flows, presses, texts, views
from bot.telegram.answers import DetailAnswers, EditAnswers, NewDateAnswers, NewsAnswers
from bot.telegram.callbacks import parse_id
from bot.telegram.conversation import clear, load
from bot.telegram.html import esc
from bot.telegram.presses import Confirm, EditField, ReplyChoice, Setting, press_button
from bot.telegram.runtime import Buttons, Turn

REPLY_CHOICES = (
    (texts.REPLY_REPLIED, ReplyChoice.REPLIED),
    (texts.REPLY_NEW_DATE, ReplyChoice.NEW_DATE),
    (texts.REPLY_OFFER, ReplyChoice.OFFER),
    (texts.REPLY_REJECTED, ReplyChoice.REJECTED),
    (texts.REPLY_CLOSED, ReplyChoice.CLOSED),
    (texts.REPLY_WITHDREW, ReplyChoice.WITHDREW),
)


# --- picking an interview --------------------------------------------------------------------


R = TypeVar("R", bound=presses.OnInterview)  # a press naming an interview


async def pick(turn: Turn, press: R, *, open_only: bool = True) -> InterviewRecord | None:
    """The interview ``press`` names, or the only one; otherwise ask with buttons, each the
    same press with one interview in it."""
    if press.interview is not None:
        return await owned(turn, press.interview)
    records = await repo.list_interviews(
        turn.session, owner_id=turn.user.id, statuses=OPEN if open_only else None
    )
    if not records:
        if open_only and await repo.list_interviews(turn.session, owner_id=turn.user.id):
            turn.say(texts.ALL_CLOSED)
        else:
            turn.say(texts.NO_INTERVIEWS)
        return None
    if len(records) == 1:
        return records[0]
    rows = [
        [press_button(views.interview_label(r), dataclasses.replace(press, interview=r.id))]
        for r in records[-8:]
    ]
    turn.say(texts.PICK_INTERVIEW, rows)
    return None


async def owned(turn: Turn, interview_id: int) -> InterviewRecord | None:
    """The user's interview named by a typed button, or the "expired" answer when it is not
    theirs (or gone): the id in a button is only a hint."""
    record = await interviews.get(turn.session, turn.user, interview_id)
    if record is None:
        turn.say(texts.EXPIRED)
    return record


C = TypeVar("C", bound=presses.OnContact)  # a press naming a contact


def channel_buttons(press: C, *, work_only: bool = False) -> Buttons:
    """One button per channel, each ``press`` with that channel."""
    channels = [c for c in Channel if c.is_work_channel or not work_only]
    return [
        [
            press_button(views.CHANNEL_NAMES[c], dataclasses.replace(press, channel=c))
            for c in channels[i : i + 2]
        ]
        for i in range(0, len(channels), 2)
    ]


def recipient_buttons(press: C, record: InterviewRecord) -> Buttons:
    """One button per role at the employer, each ``press`` with that role."""
    labels: dict[Recipient, str] = {r: views.RECIPIENT_NAMES[r] for r in Recipient}
    for person in record.people:
        labels.setdefault(person.role, views.RECIPIENT_NAMES[person.role])
        labels[person.role] = f"{views.RECIPIENT_NAMES[person.role]} ({person.name[:20]})"
    roles = list(Recipient)
    return [
        [press_button(labels[r], dataclasses.replace(press, to=r)) for r in roles[i : i + 2]]
        for i in range(0, len(roles), 2)
    ]


# --- the actions ---------------------------------------------------------------------------


LIST_PAGE = 10
"""Interviews per /list message: one page, with buttons to the others."""


async def do_list(turn: Turn, press: presses.ListPage) -> None:
    total = await repo.count_interviews(turn.session, owner_id=turn.user.id)
    if not total:
        turn.say(texts.NO_INTERVIEWS)
        return
    pages = (total + LIST_PAGE - 1) // LIST_PAGE
    page = min(max(press.page or 1, 1), pages)
    first = (page - 1) * LIST_PAGE
    records, nudges = await repo.interview_page(
        turn.session, owner_id=turn.user.id, offset=first, limit=LIST_PAGE
    )
    title = texts.YOUR_INTERVIEWS
    if pages > 1:
        title = texts.YOUR_INTERVIEWS_PAGE.format(page=page, pages=pages)
    lines = [title]
    rows = []
    for number, record in enumerate(records, first + 1):
        status = views.STATUS_NAMES[record.status]
        plan = nudges.get(record.id, ())
        tail = ""
        if record.status in OPEN:
            states = plans.progress(turn.user, record, plan, now=turn.now)
            tail = views.now_and_next(states, turn.cal, turn.now)
        line = texts.LIST_LINE.format(
            number=number, title=views.interview_title(record), status=status
        )
        lines.append(line + (texts.LIST_NEXT.format(next=tail) if tail else ""))
        label = texts.LIST_BUTTON.format(number=number, label=views.interview_label(record))
        rows.append([press_button(label, presses.Status(record.id))])
    paging = []
    if page > 1:
        paging.append(press_button(texts.LIST_EARLIER, presses.ListPage(page - 1)))
    if page < pages:
        paging.append(press_button(texts.LIST_LATER, presses.ListPage(page + 1)))
    if paging:
        rows.append(paging)
    turn.say("\n".join(lines), rows)


async def do_status(turn: Turn, press: presses.Status) -> None:
    record = await pick(turn, press, open_only=False)
    if record is None:
        return
    nudges = await repo.list_nudges(turn.session, owner_id=turn.user.id, interview_id=record.id)
    lines = [
        texts.STATUS_HEAD.format(
            title=views.interview_title(record), status=views.STATUS_NAMES[record.status]
        ),
        cards.facts(turn, record),
    ]
    if record.said:
        lines.append(texts.THEY_SAID.format(said=esc(record.said)))
    lines.append(texts.THANKS_SENT if record.thank_you_sent_at else texts.THANKS_NOT_YET)
    lines += ["", texts.PLAN, *cards.steps(turn, record, nudges)]
    lines += ["", texts.YOUR_FOLLOW_UPS]
    if record.attempts:
        for attempt in record.attempts:
            line = texts.FOLLOW_UP_LINE.format(
                when=views.when(attempt.at, turn.cal, turn.now),
                channel=views.CHANNEL_NAMES[attempt.channel].lower(),
                recipient=views.role_word(attempt.to),
            )
            lines.append(line + (texts.FOLLOW_UP_ANSWERED if attempt.answered else ""))
    else:
        lines.append(texts.NONE_YET)
    rows = [
        [
            press_button(texts.BUTTON_SHOULD_I, presses.ShouldI(record.id)),
            press_button(texts.BUTTON_DRAFT, presses.Draft(record.id)),
        ],
        [
            press_button(texts.BUTTON_LOG, presses.LogAttempt(record.id)),
            press_button(texts.BUTTON_THEY_REPLIED, presses.Reply(record.id)),
        ],
        [
            press_button(texts.BUTTON_CALENDAR, presses.Calendar(record.id)),
            press_button(texts.BUTTON_EDIT, presses.Edit(record.id)),
        ],
        [press_button(texts.BUTTON_PICTURE, presses.Picture(record.id))],
    ]
    turn.say("\n".join(lines), rows)


async def do_status_number(turn: Turn, args: Sequence[str]) -> None:
    """``/status 2``: the second interview as numbered by /list."""
    number = parse_id(args[0]) if args else None
    if number is None or number > 999:
        await do_status(turn, presses.Status())
        return
    records = await repo.list_interviews(turn.session, owner_id=turn.user.id)
    index = number - 1
    if not 0 <= index < len(records):
        turn.say(texts.interviews_you_have(len(records)))
        return
    await do_status(turn, presses.Status(records[index].id))


async def loaded(module: str) -> None:
    """Import ``module`` in a worker thread the first time, so the event loop goes on with
    other chats meanwhile; afterwards this returns at once.

    For what few turns need (Pillow for the picture, icalendar for /calendar): loaded at
    start they would cost every process several megabytes for good."""
    if module not in sys.modules:
        await asyncio.to_thread(importlib.import_module, module)


async def do_picture(turn: Turn, press: presses.Picture) -> None:
    """``pic:<interview>``: the interview's timeline as a picture (the text stays in /status)."""
    record = await owned(turn, press.interview)
    if record is None:
        return
    await loaded("bot.telegram.picture")
    from bot.telegram import picture

    nudges = await repo.list_nudges(turn.session, owner_id=turn.user.id, interview_id=record.id)
    image = picture.timeline_png(
        title=texts.PICTURE_TITLE.format(company=record.company, role=record.role)
        if record.role
        else record.company,
        states=plans.progress(turn.user, record, nudges, now=turn.now),
        interviewed_at=record.interviewed_at,
        promised_by=record.promised_by,
        cal=turn.cal,
        now=turn.now,
    )
    turn.send_photo(
        texts.PICTURE_FILE.format(id=record.id),
        image,
        texts.PICTURE_CAPTION.format(company=esc(record.company)),
    )


async def do_log(turn: Turn, press: presses.LogAttempt) -> None:
    record = await pick(turn, press)
    if record is None:
        return
    press = dataclasses.replace(press, interview=record.id)
    channel, to = press.channel, press.to
    if channel is None:
        turn.say(texts.HOW_FOLLOWED_UP, channel_buttons(press))
        return
    if to is None:
        turn.say(texts.TO_WHOM, recipient_buttons(press, record))
        return
    attempt, planned = await attempts.log(
        turn.session, turn.user, record, channel=channel, to=to, at=turn.now
    )
    turn.plan_changed = True
    plan = planned.plan if planned else None
    lines = [
        texts.LOGGED.format(
            channel=views.CHANNEL_NAMES[channel].lower(),
            recipient=views.role_word(to),
            company=esc(record.company),
        )
    ]
    if not channel.is_work_channel:
        lines.append(texts.WORK_CHANNELS)
    if plan is not None and planned is not None:
        lines += ["", texts.WHAT_NEXT, *cards.steps(turn, planned.record)]
    rows = (
        [[press_button(texts.BUTTON_UNDO, presses.UndoAttempt(attempt.id))]]
        if attempt is not None
        else None
    )
    turn.say("\n".join(lines), rows)


async def undo_attempt(turn: Turn, press: presses.UndoAttempt) -> None:
    """The Undo button under "Logged: ...": remove that follow-up and re-plan."""
    planned = await attempts.undo(turn.session, turn.user, press.attempt)
    if planned is None:
        turn.say(texts.ATTEMPT_GONE)
        return
    turn.plan_changed = True
    turn.say(texts.ATTEMPT_REMOVED.format(title=views.interview_title(planned.record)))


async def keep_date(turn: Turn, press: presses.KeepDate) -> None:
    """Undo a new date read from their reply: the date before comes back, and the follow-ups
    that reply marked answered are asked about (as when an answer is undone)."""
    record = await owned(turn, press.interview)
    if record is None:
        return
    day = None
    if press.day:
        try:
            day = date(press.day // 10000, press.day // 100 % 100, press.day % 100)
        except ValueError:
            turn.say(texts.EXPIRED)
            return
    planned = await interviews.update(
        turn.session, turn.user, record.id, promised_by=day, said=None
    )
    turn.plan_changed = True
    if planned is None:
        turn.say(texts.EXPIRED)
        return
    answered = [a for a in planned.record.attempts if a.answered]
    if answered:
        await _ask_which_answered(turn, record, answered)
        return
    cards.show_updated(turn, planned, texts.DATE_KEPT)


async def _ask_which_answered(
    turn: Turn, record: InterviewRecord, answered: Sequence[AttemptRecord]
) -> None:
    """A reply marked every follow-up answered; asked again, the user says which were."""
    which: Buttons = [
        [
            press_button(
                texts.BUTTON_ANSWERED_NONE,
                presses.Answered(record.id, presses.ANSWERED_NONE),
            ),
            press_button(
                texts.BUTTON_ANSWERED_ALL, presses.Answered(record.id, presses.ANSWERED_ALL)
            ),
        ],
        *(
            [
                press_button(
                    texts.BUTTON_ANSWERED_ONLY.format(
                        when=views.day(turn.cal.local_date(attempt.at)),
                        channel=views.CHANNEL_NAMES[attempt.channel],
                    ),
                    presses.Answered(record.id, str(attempt.id)),
                )
            ]
            for attempt in answered[-4:]
        ),
    ]
    turn.say(texts.WHICH_ANSWERED.format(title=views.interview_title(record)), which)


async def do_reply(turn: Turn, press: presses.Reply) -> None:
    conv = await load(turn)
    if conv is not None and conv.flow == "outcome":
        await clear(turn)  # its button was pressed: the typed question is answered
    record = await pick(turn, press, open_only=False)
    if record is None:
        return
    choice = press.choice
    if choice is None:
        turn.say(
            texts.WHAT_HAPPENED.format(company=esc(record.company)),
            [
                [press_button(label, presses.Reply(record.id, value))]
                for label, value in REPLY_CHOICES
            ],
        )
        return
    if choice is ReplyChoice.REOPEN:
        reopened = await interviews.reopen(turn.session, turn.user, record.id)
        turn.plan_changed = True
        answered = [a for a in reopened.record.attempts if a.answered] if reopened else []
        if not answered:
            turn.say(texts.REOPENED.format(title=views.interview_title(record)))
            return
        await _ask_which_answered(turn, record, answered)
        return
    if choice is ReplyChoice.NEW_DATE:
        if record.status not in OPEN:
            # The plan is made once the new date is known (the question that follows).
            await interviews.reopen(turn.session, turn.user, record.id, plan=False)
        await flows.start(turn, "newdate", NewDateAnswers(edit_id=record.id))
        return
    if choice is ReplyChoice.REPLIED:
        status = InterviewStatus.REPLIED
        word = texts.REPLIED_WORD
        rows: Buttons = [
            [press_button(texts.REPLY_NEW_DATE, presses.Reply(record.id, ReplyChoice.NEW_DATE))]
        ]
    else:
        outcome = Outcome(choice.value)
        status = OUTCOME_STATUS[outcome]
        word = texts.OUTCOME_WORDS[outcome]
        rows = []
        if outcome is Outcome.REJECTED:
            rows = [
                [
                    press_button(
                        texts.BUTTON_FEEDBACK,
                        presses.Draft(record.id, DraftKind.FEEDBACK_REQUEST),
                    )
                ]
            ]
        if outcome is Outcome.OFFER:
            # dr::withdraw: the interview it is for is picked (not this one, with the offer)
            withdraw = presses.Draft(None, DraftKind.WITHDRAW)
            rows = [[press_button(texts.BUTTON_WITHDRAW_OTHER, withdraw)]]
    reopen = presses.Reply(record.id, ReplyChoice.REOPEN)
    rows = [*rows, [press_button(texts.BUTTON_STILL_WAITING, reopen)]]
    await interviews.record_answer(turn.session, turn.user, record.id, status)
    turn.plan_changed = True
    turn.say(texts.OUTCOME_SAID.format(title=views.interview_title(record), word=esc(word)), rows)


async def answered_which(turn: Turn, press: presses.Answered) -> None:
    """``ans:<interview>:none|all|<attempt>``: which follow-ups of a reopened interview got an
    answer (the others count again: G3, S7)."""
    record = await owned(turn, press.interview)
    if record is None:
        return
    ids = [a.id for a in record.attempts]
    if press.which == presses.ANSWERED_ALL:
        answered = ids
    elif press.which == presses.ANSWERED_NONE:
        answered = []
    else:
        only = press.attempt
        if only is None or only not in ids:
            turn.say(texts.EXPIRED)
            return
        answered = [only]
    planned = await interviews.set_answered(turn.session, turn.user, record.id, answered)
    if planned is None:
        turn.say(texts.EXPIRED)
        return
    turn.plan_changed = True
    lines = [texts.ANSWERED_NOTED.format(title=views.interview_title(planned.record))]
    if planned.plan is not None:
        lines += ["", texts.WHAT_NEXT, *cards.steps(turn, planned.record)]
    turn.say("\n".join(lines))


async def withdrawn(turn: Turn, press: presses.Withdrawn) -> None:
    """``wd:<interview>``: the withdrawal e-mail was sent, so the interview closes (G8), with
    an Undo that reopens it."""
    record = await owned(turn, press.interview)
    if record is None:
        return
    title = views.interview_title(record)
    if record.status is InterviewStatus.WITHDREW:
        turn.say(texts.WITHDRAWN_ALREADY.format(title=title))
        return
    if record.status not in (
        InterviewStatus.WAITING,
        InterviewStatus.REPLIED,
        InterviewStatus.MOVED_ON,
    ):
        turn.say(
            texts.WITHDRAW_CLOSED.format(title=title, status=views.STATUS_NAMES[record.status])
        )
        return
    await interviews.withdraw(turn.session, turn.user, record.id)
    turn.plan_changed = True
    turn.say(
        texts.WITHDRAWN.format(title=title),
        [[press_button(texts.BUTTON_UNDO, presses.Reply(record.id, ReplyChoice.REOPEN))]],
    )


async def news_sent(turn: Turn, press: presses.NewsShared) -> None:
    """``nw:<interview>``: real news was shared; it is not a follow-up (G9), the plan stays."""
    record = await owned(turn, press.interview)
    if record is not None:
        turn.say(texts.NEWS_NOTED)


async def do_shouldi(turn: Turn, press: presses.ShouldI) -> None:
    record = await pick(turn, press, open_only=False)
    if record is None:
        return
    press = dataclasses.replace(press, interview=record.id)
    channel, to = press.channel, press.to
    if channel is None:
        turn.say(texts.HOW_CONTACT.format(company=esc(record.company)), channel_buttons(press))
        return
    if to is None:
        turn.say(texts.AND_WHOM, recipient_buttons(press, record))
        return
    decision = decide(
        record.to_core(),
        channel=channel,
        to=to,
        now=turn.now,
        cal=turn.cal,
        attempts=record.core_attempts(),
        outcome=outcome_of(record),
    )
    rows: list[list[tuple[str, str]]] = []
    if decision.verdict is Verdict.GO or decision.suggest is not None:
        kind = decision.suggest or DraftKind.CHECK_IN
        rows.append(
            [
                press_button(
                    texts.BUTTON_DRAFT_KIND.format(kind=views.DRAFT_NAMES[kind].lower()),
                    presses.Draft(record.id, kind),
                )
            ]
        )
    if decision.verdict is Verdict.GO:
        did_it = presses.LogAttempt(record.id, channel, to)
        rows.append([press_button(texts.BUTTON_DID_IT, did_it)])
    if decision.rules:
        rows.append([press_button(texts.BUTTON_WHY, presses.Why.of(decision.rules))])
    text = texts.VERDICT_FOR.format(
        company=esc(record.company),
        channel=views.CHANNEL_NAMES[channel].lower(),
        recipient=views.role_word(to),
        decision=views.decision_text(decision, turn.cal, turn.now),
    )
    thanks_until = record.interviewed_at + THANK_YOU_WINDOW
    if (
        decision.verdict is not Verdict.GO
        and record.thank_you_sent_at is None
        and record.status in OPEN
        and turn.now < thanks_until
    ):
        # S1: "wait" for a follow-up is not "do nothing" while the thank-you is still due
        text += "\n\n" + texts.THANK_YOU_STILL_DUE.format(
            until=views.when(thanks_until, turn.cal, turn.now)
        )
        rows.insert(
            0,
            [
                press_button(
                    texts.BUTTON_DRAFT_KIND.format(
                        kind=views.DRAFT_NAMES[DraftKind.THANK_YOU].lower()
                    ),
                    presses.Draft(record.id, DraftKind.THANK_YOU),
                )
            ],
        )
    turn.say(text, rows)


async def do_draft(turn: Turn, press: presses.Draft) -> None:
    record = await pick(turn, press, open_only=False)
    if record is None:
        return
    kind = press.kind
    if kind is None:
        kinds = draft_order(
            thank_you_sent=record.thank_you_sent_at is not None,
            attempts_made=len(record.attempts),
            outcome=outcome_of(record),
            hiring_manager_known=record.hiring_manager_known,
        )
        turn.say(
            texts.WHICH_DRAFT,
            [[press_button(views.DRAFT_NAMES[k], presses.Draft(record.id, k))] for k in kinds],
        )
        return
    if kind is DraftKind.UPDATE:
        await flows.start(turn, "news", NewsAnswers(edit_id=record.id))
        return
    if kind is DraftKind.THANK_YOU:
        await draft_thank_you(turn, record)
        return
    await cards.send_draft(turn, record.id, kind)


async def draft_thank_you(turn: Turn, record: InterviewRecord, to: str | None = None) -> None:
    """Thank-you notes (S1); while none is sent and nothing is noted from the interview,
    first ask for the one thing the notes should mention, so they are not generic."""
    if not record.notes and record.thank_you_sent_at is None:
        await flows.start(turn, "detail", DetailAnswers(edit_id=record.id, to=(to or "")[:80]))
        return
    await cards.send_draft(turn, record.id, DraftKind.THANK_YOU, to=to)


async def set_vibe(turn: Turn, press: presses.SetVibe) -> None:
    """``vb:<interview>:<vibe>``: how the interview felt, noted from a message (G4 may apply)."""
    record = await owned(turn, press.interview)
    if record is None:
        return
    planned = await interviews.update(turn.session, turn.user, record.id, vibe=press.vibe)
    turn.plan_changed = True
    if planned is not None:
        cards.show_updated(turn, planned, texts.VIBE_NOTED)


async def mark_thanked(turn: Turn, press: presses.Thanked) -> None:
    record = await owned(turn, press.interview)
    if record is None:
        return
    if record.thank_you_sent_at is not None:
        turn.say(texts.THANKS_ALREADY)
        return
    await interviews.set_thanked(turn.session, turn.user, record.id, at=turn.now)
    turn.plan_changed = True
    turn.say(texts.THANKS_NOTED)


async def do_calendar(turn: Turn, press: presses.Calendar) -> None:
    record = await pick(turn, press, open_only=False)
    if record is None:
        return
    nudges = await repo.list_nudges(turn.session, owner_id=turn.user.id, interview_id=record.id)
    pending = [n for n in nudges if n.state is NudgeState.PENDING]
    if not pending:
        turn.say(texts.CALENDAR_EMPTY.format(company=esc(record.company)))
        return
    await loaded("icalendar")
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", texts.CALENDAR_PRODID)
    cal.add("version", "2.0")
    for nudge in pending:
        event = icalendar.Event()
        event.add("uid", texts.CALENDAR_UID.format(id=nudge.id))
        event.add("dtstamp", turn.now)
        start = turn.cal.localize(nudge.due_at)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=15))
        event.add(
            "summary",
            texts.CALENDAR_EVENT.format(step=views.STEP_NAMES[nudge.kind], company=record.company),
        )
        event.add("description", texts.CALENDAR_DESCRIPTION)
        cal.add_component(event)
    safe = "".join(c for c in record.company if c.isalnum())[:30] or texts.CALENDAR_FALLBACK_NAME
    turn.send_file(texts.CALENDAR_FILE.format(name=safe), cal.to_ical(), texts.CALENDAR_CAPTION)


EXPORT_SLOW_ROWS: Final = 2000
"""Records from which an export takes long enough that the user is told it is coming."""


async def do_export(turn: Turn, press: presses.Export | None = None) -> None:
    # The file is written when it is sent, page by page into a temporary file (the outbox
    # and this turn's write transaction never hold it); only its size is looked at here.
    if await export.count_export_rows(turn.session, owner_id=turn.user.id) >= EXPORT_SLOW_ROWS:
        turn.say(texts.EXPORT_PREPARING)
    turn.send_export(texts.EXPORT_FILE, texts.EXPORT_CAPTION)


async def do_delete(turn: Turn, press: presses.Delete) -> None:
    if press.answer is Confirm.YES:
        await repo.erase_user(turn.session, owner_id=turn.user.id)
        turn.plan_changed = True
        engine = turn.session.bind
        if isinstance(engine, AsyncEngine):
            # The log still holds the erased rows' earlier pages: fold it in and cut it.
            turn.after_commit.append(lambda: checkpoint_wal(engine))
        turn.say(texts.DELETED)
        return
    if press.answer is Confirm.NO:
        turn.say(texts.DELETE_KEPT)
        return
    turn.say(
        texts.DELETE_CONFIRM,
        [
            [
                press_button(texts.BUTTON_ERASE, presses.Delete(Confirm.YES)),
                press_button(texts.BUTTON_KEEP, presses.Delete(Confirm.NO)),
            ]
        ],
    )


async def do_remove(turn: Turn, press: presses.RemoveInterview) -> None:
    """One interview goes, with its people, follow-ups and reminders; the account stays."""
    record = await pick(turn, press, open_only=False)
    if record is None:
        return
    title = views.interview_title(record)
    if press.answer is Confirm.YES:
        await repo.delete_interview(turn.session, owner_id=turn.user.id, interview_id=record.id)
        turn.plan_changed = True
        turn.say(texts.REMOVED.format(title=title))
        return
    if press.answer is Confirm.NO:
        turn.say(texts.REMOVE_KEPT.format(title=title))
        return
    turn.say(
        texts.REMOVE_CONFIRM.format(title=title),
        [
            [
                press_button(texts.BUTTON_REMOVE, dataclasses.replace(press, answer=Confirm.YES)),
                press_button(texts.BUTTON_KEEP, dataclasses.replace(press, answer=Confirm.NO)),
            ]
        ],
    )


async def do_edit(turn: Turn, press: presses.Edit) -> None:
    record = await pick(turn, press, open_only=False)
    if record is None:
        return
    fields = (
        (texts.EDIT_COMPANY, EditField.COMPANY),
        (texts.EDIT_ROLE, EditField.ROLE),
        (texts.EDIT_WHEN, EditField.WHEN),
        (texts.EDIT_TIMELINE, EditField.TIMELINE),
        (texts.EDIT_VIBE, EditField.VIBE),
    )
    if press.field is None:
        rows = [
            [press_button(label, presses.Edit(record.id, f)) for label, f in fields[i : i + 2]]
            for i in range(0, 5, 2)
        ]
        rows.append([press_button(texts.EDIT_REMOVE, presses.RemoveInterview(record.id))])
        turn.say(texts.EDIT_WHAT.format(company=esc(record.company)), rows)
        return
    await flows.start(turn, "edit", EditAnswers(edit_id=record.id, field=press.field.value))


async def do_why(turn: Turn, press: presses.Why) -> None:
    """Why: the rules a button carries, each in one plain sentence; without any, why the
    silence (the usual reasons, in plain words, in varying order)."""
    said = [explain_rules([rule]) for rule in press.rules]
    said = [text for text in said if text]
    if said:
        turn.say("\n".join(texts.WHY_RULE.format(text=esc(text)) for text in said))
        return
    notes = list(why_silence())
    shift = turn.update.update_id % len(notes)
    notes = notes[shift:] + notes[:shift]
    parts = [texts.COACHING.format(title=esc(c.title), text=esc(c.text)) for c in notes]
    turn.say("\n\n".join(parts))


async def do_settings(turn: Turn, press: presses.Settings) -> None:
    if press.setting is not None:
        await flows.start(turn, press.setting.value)
        return
    user = turn.user
    turn.say(
        texts.SETTINGS.format(
            zone=esc(zone_label(user.zone) if user.zone else texts.NOT_SET),
            time=f"{user.nudge_at:%H:%M}",
            country=esc(user.country or texts.NONE_SET),
        )
        + texts.SETTINGS_NAME.format(name=esc(user.name or texts.NOT_SET)),
        [
            [
                press_button(texts.BUTTON_ZONE, presses.Settings(Setting.ZONE)),
                press_button(texts.BUTTON_HOUR, presses.Settings(Setting.HOUR)),
            ],
            [
                press_button(texts.BUTTON_COUNTRY, presses.Settings(Setting.COUNTRY)),
                press_button(texts.BUTTON_NAME, presses.Settings(Setting.NAME)),
            ],
        ],
    )
