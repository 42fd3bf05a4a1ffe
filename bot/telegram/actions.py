"""What the user can do with their interviews: list, status, log, reply, "should I?", drafts,
calendar, export and delete. Commands, buttons and recognised free text all land here.

Each action takes the turn and a list of string arguments as they come from a button
(``action:id:slot:slot``) or from what the free text said; missing ones are asked for with
buttons. Every id is re-read scoped to the current user, so another user's id, or a forged
one, only ever gives "that button has expired".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Final, TypeVar

import icalendar
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.core.coaching import explain_rules, why_silence
from bot.core.drafts import draft_order
from bot.core.records import InterviewRecord, InterviewStatus, NudgeState
from bot.core.types import Channel, DraftKind, Outcome, Recipient, Verdict, Vibe
from bot.core.verdict import decide
from bot.services import attempts, interviews, plans
from bot.services.interviews import OUTCOME_STATUS, outcome_of
from bot.services.plans import OPEN
from bot.storage import export, repo
from bot.storage.db import checkpoint_wal
from bot.telegram import cards, flows, picture, presses, texts, views
from bot.telegram.answers import DetailAnswers, EditAnswers, NewDateAnswers, NewsAnswers
from bot.telegram.callbacks import parse_id
from bot.telegram.html import esc
from bot.telegram.presses import press_button
from bot.telegram.runtime import Buttons, Turn, button

REPLY_CHOICES = (
    (texts.REPLY_REPLIED, "replied"),
    (texts.REPLY_NEW_DATE, "newdate"),
    (texts.REPLY_OFFER, Outcome.OFFER.value),
    (texts.REPLY_REJECTED, Outcome.REJECTED.value),
    (texts.REPLY_CLOSED, Outcome.CLOSED.value),
    (texts.REPLY_WITHDREW, Outcome.WITHDREW.value),
)


# --- picking an interview --------------------------------------------------------------------


async def pick(
    turn: Turn, action: str, args: Sequence[str], *, open_only: bool = True
) -> InterviewRecord | None:
    """The interview named by ``args[0]``, or the only one; otherwise ask with buttons."""
    if args and args[0]:
        interview_id = parse_id(args[0])
        record = (
            None
            if interview_id is None
            else await interviews.get(turn.session, turn.user, interview_id)
        )
        if record is None:
            turn.say(texts.EXPIRED)
        return record
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
    rest = list(args[1:])
    rows = [[button(views.interview_label(r), action, r.id, *rest)] for r in records[-8:]]
    turn.say(texts.PICK_INTERVIEW, rows)
    return None


async def owned(turn: Turn, interview_id: int) -> InterviewRecord | None:
    """The user's interview named by a typed button, or the "expired" answer when it is not
    theirs (or gone): the id in a button is only a hint."""
    record = await interviews.get(turn.session, turn.user, interview_id)
    if record is None:
        turn.say(texts.EXPIRED)
    return record


E = TypeVar("E", Channel, Recipient, DraftKind, Outcome, Vibe)


def _enum_arg(kind: type[E], args: Sequence[str], index: int) -> E | None:
    if index < len(args) and args[index] in {m.value for m in kind}:
        return kind(args[index])
    return None


def channel_buttons(action: str, interview_id: int, *, work_only: bool = False) -> Buttons:
    channels = [c for c in Channel if c.is_work_channel or not work_only]
    return [
        [button(views.CHANNEL_NAMES[c], action, interview_id, c.value) for c in channels[i : i + 2]]
        for i in range(0, len(channels), 2)
    ]


def recipient_buttons(action: str, record: InterviewRecord, channel: Channel) -> Buttons:
    labels: dict[Recipient, str] = {r: views.RECIPIENT_NAMES[r] for r in Recipient}
    for person in record.people:
        labels.setdefault(person.role, views.RECIPIENT_NAMES[person.role])
        labels[person.role] = f"{views.RECIPIENT_NAMES[person.role]} ({person.name[:20]})"
    roles = list(Recipient)
    return [
        [button(labels[r], action, record.id, channel.value, r.value) for r in roles[i : i + 2]]
        for i in range(0, len(roles), 2)
    ]


# --- the actions ---------------------------------------------------------------------------


LIST_PAGE = 10
"""Interviews per /list message: one page, with buttons to the others."""


async def do_list(turn: Turn, args: Sequence[str]) -> None:
    total = await repo.count_interviews(turn.session, owner_id=turn.user.id)
    if not total:
        turn.say(texts.NO_INTERVIEWS)
        return
    pages = (total + LIST_PAGE - 1) // LIST_PAGE
    wanted = args[0] if args else ""
    page = int(wanted) if wanted.isascii() and wanted.isdigit() and len(wanted) < 6 else 1
    page = min(max(page, 1), pages)
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
        rows.append([button(label, "st", record.id)])
    paging = []
    if page > 1:
        paging.append(button(texts.LIST_EARLIER, "ls", page - 1))
    if page < pages:
        paging.append(button(texts.LIST_LATER, "ls", page + 1))
    if paging:
        rows.append(paging)
    turn.say("\n".join(lines), rows)


async def do_status(turn: Turn, args: Sequence[str]) -> None:
    record = await pick(turn, "st", args, open_only=False)
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
            button(texts.BUTTON_SHOULD_I, "sh", record.id),
            button(texts.BUTTON_DRAFT, "dr", record.id),
        ],
        [
            button(texts.BUTTON_LOG, "lg", record.id),
            button(texts.BUTTON_THEY_REPLIED, "rp", record.id),
        ],
        [
            button(texts.BUTTON_CALENDAR, "ic", record.id),
            button(texts.BUTTON_EDIT, "ed", record.id),
        ],
        [press_button(texts.BUTTON_PICTURE, presses.Picture(record.id))],
    ]
    turn.say("\n".join(lines), rows)


async def do_status_number(turn: Turn, args: Sequence[str]) -> None:
    """``/status 2``: the second interview as numbered by /list."""
    number = parse_id(args[0]) if args else None
    if number is None or number > 999:
        await do_status(turn, [])
        return
    records = await repo.list_interviews(turn.session, owner_id=turn.user.id)
    index = number - 1
    if not 0 <= index < len(records):
        turn.say(texts.interviews_you_have(len(records)))
        return
    await do_status(turn, [str(records[index].id)])


async def do_picture(turn: Turn, press: presses.Picture) -> None:
    """``pic:<interview>``: the interview's timeline as a picture (the text stays in /status)."""
    record = await owned(turn, press.interview)
    if record is None:
        return
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


async def do_log(turn: Turn, args: Sequence[str]) -> None:
    record = await pick(turn, "lg", args)
    if record is None:
        return
    channel = _enum_arg(Channel, args, 1)
    if channel is None:
        turn.say(texts.HOW_FOLLOWED_UP, channel_buttons("lg", record.id))
        return
    to = _enum_arg(Recipient, args, 2)
    if to is None:
        turn.say(texts.TO_WHOM, recipient_buttons("lg", record, channel))
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


async def do_reply(turn: Turn, args: Sequence[str]) -> None:
    record = await pick(turn, "rp", args, open_only=False)
    if record is None:
        return
    choice = args[1] if len(args) > 1 else ""
    if choice not in {value for _, value in REPLY_CHOICES} | {"reopen"}:
        turn.say(
            texts.WHAT_HAPPENED.format(company=esc(record.company)),
            [[button(label, "rp", record.id, value)] for label, value in REPLY_CHOICES],
        )
        return
    if choice == "reopen":
        reopened = await interviews.reopen(turn.session, turn.user, record.id)
        turn.plan_changed = True
        answered = [a for a in reopened.record.attempts if a.answered] if reopened else []
        if not answered:
            turn.say(texts.REOPENED.format(title=views.interview_title(record)))
            return
        # A reply marked every follow-up answered; asked again, the user says which were.
        which: Buttons = [
            [
                button(texts.BUTTON_ANSWERED_NONE, "ans", record.id, "none"),
                button(texts.BUTTON_ANSWERED_ALL, "ans", record.id, "all"),
            ],
            *(
                [
                    button(
                        texts.BUTTON_ANSWERED_ONLY.format(
                            when=views.day(turn.cal.local_date(attempt.at)),
                            channel=views.CHANNEL_NAMES[attempt.channel],
                        ),
                        "ans",
                        record.id,
                        attempt.id,
                    )
                ]
                for attempt in answered[-4:]
            ),
        ]
        turn.say(texts.WHICH_ANSWERED.format(title=views.interview_title(record)), which)
        return
    if choice == "newdate":
        if record.status not in OPEN:
            # The plan is made once the new date is known (the question that follows).
            await interviews.reopen(turn.session, turn.user, record.id, plan=False)
        await flows.start(turn, "newdate", NewDateAnswers(edit_id=record.id))
        return
    if choice == "replied":
        status = InterviewStatus.REPLIED
        word = texts.REPLIED_WORD
        rows: Buttons = [[button(texts.REPLY_NEW_DATE, "rp", record.id, "newdate")]]
    else:
        outcome = Outcome(choice)
        status = OUTCOME_STATUS[outcome]
        word = texts.OUTCOME_WORDS[outcome]
        rows = []
        if outcome is Outcome.REJECTED:
            rows = [
                [
                    button(
                        texts.BUTTON_FEEDBACK,
                        "dr",
                        record.id,
                        DraftKind.FEEDBACK_REQUEST.value,
                    )
                ]
            ]
        if outcome is Outcome.OFFER:
            rows = [[button(texts.BUTTON_WITHDRAW_OTHER, "dr", "", DraftKind.WITHDRAW.value)]]
    rows = [*rows, [button(texts.BUTTON_STILL_WAITING, "rp", record.id, "reopen")]]
    await interviews.record_answer(turn.session, turn.user, record.id, status)
    turn.plan_changed = True
    turn.say(texts.OUTCOME_SAID.format(title=views.interview_title(record), word=esc(word)), rows)


async def answered_which(turn: Turn, args: Sequence[str]) -> None:
    """``ans:<interview>:none|all|<attempt>``: which follow-ups of a reopened interview got an
    answer (the others count again: G3, S7)."""
    record = await pick(turn, "ans", args[:1], open_only=False)
    if record is None:
        return
    choice = args[1] if len(args) > 1 else ""
    ids = [a.id for a in record.attempts]
    if choice == "all":
        answered = ids
    elif choice == "none":
        answered = []
    else:
        only = parse_id(choice)
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
        [[button(texts.BUTTON_UNDO, "rp", record.id, "reopen")]],
    )


async def news_sent(turn: Turn, press: presses.NewsShared) -> None:
    """``nw:<interview>``: real news was shared; it is not a follow-up (G9), the plan stays."""
    record = await owned(turn, press.interview)
    if record is not None:
        turn.say(texts.NEWS_NOTED)


async def do_shouldi(turn: Turn, args: Sequence[str]) -> None:
    record = await pick(turn, "sh", args, open_only=False)
    if record is None:
        return
    channel = _enum_arg(Channel, args, 1)
    if channel is None:
        turn.say(
            texts.HOW_CONTACT.format(company=esc(record.company)), channel_buttons("sh", record.id)
        )
        return
    to = _enum_arg(Recipient, args, 2)
    if to is None:
        turn.say(texts.AND_WHOM, recipient_buttons("sh", record, channel))
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
                button(
                    texts.BUTTON_DRAFT_KIND.format(kind=views.DRAFT_NAMES[kind].lower()),
                    "dr",
                    record.id,
                    kind.value,
                )
            ]
        )
    if decision.verdict is Verdict.GO:
        rows.append([button(texts.BUTTON_DID_IT, "lg", record.id, channel.value, to.value)])
    if decision.rules:
        rows.append([button(texts.BUTTON_WHY, "why", *decision.rules[:4])])
    turn.say(
        texts.VERDICT_FOR.format(
            company=esc(record.company),
            channel=views.CHANNEL_NAMES[channel].lower(),
            recipient=views.role_word(to),
            decision=views.decision_text(decision, turn.cal, turn.now),
        ),
        rows,
    )


async def do_draft(turn: Turn, args: Sequence[str]) -> None:
    record = await pick(turn, "dr", args, open_only=False)
    if record is None:
        return
    kind = _enum_arg(DraftKind, args, 1)
    if kind is None:
        kinds = draft_order(
            thank_you_sent=record.thank_you_sent_at is not None,
            attempts_made=len(record.attempts),
            outcome=outcome_of(record),
            hiring_manager_known=record.hiring_manager_known,
        )
        turn.say(
            texts.WHICH_DRAFT,
            [[button(views.DRAFT_NAMES[k], "dr", record.id, k.value)] for k in kinds],
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


async def do_calendar(turn: Turn, args: Sequence[str]) -> None:
    record = await pick(turn, "ic", args, open_only=False)
    if record is None:
        return
    nudges = await repo.list_nudges(turn.session, owner_id=turn.user.id, interview_id=record.id)
    pending = [n for n in nudges if n.state is NudgeState.PENDING]
    if not pending:
        turn.say(texts.CALENDAR_EMPTY.format(company=esc(record.company)))
        return
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


async def do_export(turn: Turn, args: Sequence[str]) -> None:
    # The file is written when it is sent, page by page into a temporary file (the outbox
    # and this turn's write transaction never hold it); only its size is looked at here.
    if await export.count_export_rows(turn.session, owner_id=turn.user.id) >= EXPORT_SLOW_ROWS:
        turn.say(texts.EXPORT_PREPARING)
    turn.send_export(texts.EXPORT_FILE, texts.EXPORT_CAPTION)


async def do_delete(turn: Turn, args: Sequence[str]) -> None:
    if args and args[0] == "yes":
        await repo.erase_user(turn.session, owner_id=turn.user.id)
        turn.plan_changed = True
        engine = turn.session.bind
        if isinstance(engine, AsyncEngine):
            # The log still holds the erased rows' earlier pages: fold it in and cut it.
            turn.after_commit.append(lambda: checkpoint_wal(engine))
        turn.say(texts.DELETED)
        return
    if args and args[0] == "no":
        turn.say(texts.DELETE_KEPT)
        return
    turn.say(
        texts.DELETE_CONFIRM,
        [[button(texts.BUTTON_ERASE, "del", "yes"), button(texts.BUTTON_KEEP, "del", "no")]],
    )


async def do_edit(turn: Turn, args: Sequence[str]) -> None:
    record = await pick(turn, "ed", args, open_only=False)
    if record is None:
        return
    field = args[1] if len(args) > 1 else ""
    fields = (
        (texts.EDIT_COMPANY, "company"),
        (texts.EDIT_ROLE, "role"),
        (texts.EDIT_WHEN, "when"),
        (texts.EDIT_TIMELINE, "timeline"),
        (texts.EDIT_VIBE, "vibe"),
    )
    if field not in {f for _, f in fields}:
        turn.say(
            texts.EDIT_WHAT.format(company=esc(record.company)),
            [
                [button(label, "ed", record.id, f) for label, f in fields[i : i + 2]]
                for i in range(0, 5, 2)
            ],
        )
        return
    await flows.start(turn, "edit", EditAnswers(edit_id=record.id, field=field))


async def do_why(turn: Turn, args: Sequence[str]) -> None:
    """Why: the rules a button carries, each in one plain sentence; without any, why the
    silence (the usual reasons, in plain words, in varying order)."""
    said = [explain_rules([rule]) for rule in args[:4] if rule]
    said = [text for text in said if text]
    if said:
        turn.say("\n".join(texts.WHY_RULE.format(text=esc(text)) for text in said))
        return
    notes = list(why_silence())
    shift = turn.update.update_id % len(notes)
    notes = notes[shift:] + notes[:shift]
    parts = [texts.COACHING.format(title=esc(c.title), text=esc(c.text)) for c in notes]
    turn.say("\n\n".join(parts))


async def do_settings(turn: Turn, args: Sequence[str]) -> None:
    choice = args[0] if args else ""
    if choice in ("zone", "hour", "country", "name"):
        await flows.start(turn, choice)
        return
    user = turn.user
    turn.say(
        texts.SETTINGS.format(
            zone=esc(user.zone or texts.NOT_SET),
            time=f"{user.nudge_at:%H:%M}",
            country=esc(user.country or texts.NONE_SET),
        )
        + texts.SETTINGS_NAME.format(name=esc(user.name or texts.NOT_SET)),
        [
            [
                button(texts.BUTTON_ZONE, "set", "zone"),
                button(texts.BUTTON_HOUR, "set", "hour"),
            ],
            [
                button(texts.BUTTON_COUNTRY, "set", "country"),
                button(texts.BUTTON_NAME, "set", "name"),
            ],
        ],
    )
