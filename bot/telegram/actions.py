"""What the user can do with their interviews: list, status, log, reply, "should I?", drafts,
calendar, export and delete. Commands, buttons and recognised free text all land here.

Each action takes the turn and a list of string arguments as they come from a button
(``action:id:slot:slot``) or from what the free text said; missing ones are asked for with
buttons. Every id is re-read scoped to the current user, so another user's id, or a forged
one, only ever gives "that button has expired".
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import timedelta
from typing import TypeVar

import icalendar

from bot.core.coaching import calm_down, why_silence
from bot.core.drafts import draft_order
from bot.core.records import InterviewRecord, InterviewStatus, NudgeState
from bot.core.types import Channel, DraftKind, Outcome, Recipient, Verdict
from bot.core.verdict import decide
from bot.services import attempts, interviews
from bot.services.interviews import OUTCOME_STATUS, outcome_of
from bot.services.plans import OPEN
from bot.storage import repo
from bot.telegram import cards, flows, texts, views
from bot.telegram.answers import EditAnswers, NewDateAnswers, NewsAnswers
from bot.telegram.callbacks import parse_id
from bot.telegram.html import esc
from bot.telegram.runtime import Buttons, Turn, button

REPLY_CHOICES = (
    ("They replied, no decision yet", "replied"),
    ("They gave a new date", "newdate"),
    ("I got an offer 🎉", Outcome.OFFER.value),
    ("They said no", Outcome.REJECTED.value),
    ("The position was closed", Outcome.CLOSED.value),
    ("I withdrew", Outcome.WITHDREW.value),
)
KIND_WORDS = {
    Outcome.OFFER: "Congratulations! 🎉 That's wonderful news. I've stopped the reminders (G8).",
    Outcome.REJECTED: (
        "I'm sorry. It stings, and it says less about you than it feels like (C5). "
        "I've stopped the reminders (G8). One polite request for feedback is fine, if you want it."
    ),
    Outcome.CLOSED: (
        "That's frustrating, and not about you: roles get cut or frozen all the time (C2). "
        "I've stopped the reminders (G8)."
    ),
    Outcome.WITHDREW: "Noted, and good for you for deciding. I've stopped the reminders (G8).",
}


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
            turn.say("All your interviews are closed. Send /new when you have another one.")
        else:
            turn.say(texts.NO_INTERVIEWS)
        return None
    if len(records) == 1:
        return records[0]
    rest = list(args[1:])
    rows = [[button(views.interview_label(r), action, r.id, *rest)] for r in records[-8:]]
    turn.say(texts.PICK_INTERVIEW, rows)
    return None


E = TypeVar("E", Channel, Recipient, DraftKind, Outcome)


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


async def do_list(turn: Turn, args: Sequence[str]) -> None:
    records = await repo.list_interviews(turn.session, owner_id=turn.user.id)
    if not records:
        turn.say(texts.NO_INTERVIEWS)
        return
    lines = ["<b>Your interviews</b>"]
    rows = []
    for number, record in enumerate(records, 1):
        nudges = await repo.list_nudges(turn.session, owner_id=turn.user.id, interview_id=record.id)
        status = views.STATUS_NAMES[record.status]
        tail = views.next_step(nudges, turn.cal, turn.now) if record.status in OPEN else ""
        lines.append(
            f"{number}. {views.interview_title(record)} · {status}" + (f" · {tail}" if tail else "")
        )
        rows.append([button(f"{number}. {views.interview_label(record)}", "st", record.id)])
    turn.say("\n".join(lines), rows[-8:])


async def do_status(turn: Turn, args: Sequence[str]) -> None:
    record = await pick(turn, "st", args, open_only=False)
    if record is None:
        return
    nudges = await repo.list_nudges(turn.session, owner_id=turn.user.id, interview_id=record.id)
    lines = [
        f"{views.interview_title(record)} · {views.STATUS_NAMES[record.status]}",
        cards.facts(turn, record),
    ]
    if record.said:
        lines.append(f"They said: <i>{esc(record.said)}</i>")
    lines.append("Thank-you: " + ("sent ✅" if record.thank_you_sent_at else "not yet"))
    lines += ["", "<b>Plan</b>", *(views.nudge_lines(nudges, turn.cal, turn.now) or ["• none"])]
    lines += ["", "<b>Your follow-ups</b>"]
    if record.attempts:
        for attempt in record.attempts:
            answered = " — answered" if attempt.answered else ""
            lines.append(
                f"• {views.when(attempt.at, turn.cal, turn.now)}: "
                f"{views.CHANNEL_NAMES[attempt.channel].lower()} to the "
                f"{views.RECIPIENT_NAMES[attempt.to].lower()}{answered}"
            )
    else:
        lines.append("• none yet")
    rows = [
        [button("Should I follow up?", "sh", record.id), button("Draft", "dr", record.id)],
        [button("Log a follow-up", "lg", record.id), button("They replied", "rp", record.id)],
        [button("📅 Calendar", "ic", record.id), button("✏️ Edit", "ed", record.id)],
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
        turn.say(f"You have {len(records)} interview(s); see /list.")
        return
    await do_status(turn, [str(records[index].id)])


async def do_log(turn: Turn, args: Sequence[str]) -> None:
    record = await pick(turn, "lg", args)
    if record is None:
        return
    channel = _enum_arg(Channel, args, 1)
    if channel is None:
        turn.say("How did you follow up?", channel_buttons("lg", record.id))
        return
    to = _enum_arg(Recipient, args, 2)
    if to is None:
        turn.say("To whom?", recipient_buttons("lg", record, channel))
        return
    attempt, planned = await attempts.log(
        turn.session, turn.user, record, channel=channel, to=to, at=turn.now
    )
    turn.plan_changed = True
    plan = planned.plan if planned else None
    lines = [
        f"Logged: {views.CHANNEL_NAMES[channel].lower()} to the "
        f"{views.RECIPIENT_NAMES[to].lower()} at {esc(record.company)}, today."
    ]
    if not channel.is_work_channel:
        lines.append("Next time, keep to work channels: work e-mail or office phone (G5).")
    if plan is not None:
        lines += ["", "<b>What comes next</b>", *views.plan_lines(plan, turn.cal, turn.now)]
    rows = [[button("↩️ Undo", "ua", attempt.id)]] if attempt is not None else None
    turn.say("\n".join(lines), rows)


async def undo_attempt(turn: Turn, args: Sequence[str]) -> None:
    """The Undo button under "Logged: ...": remove that follow-up and re-plan."""
    attempt_id = parse_id(args[0]) if args else None
    planned = (
        None if attempt_id is None else await attempts.undo(turn.session, turn.user, attempt_id)
    )
    if planned is None:
        turn.say("That follow-up is already removed, or the button has expired.")
        return
    turn.plan_changed = True
    turn.say(
        f"Removed that follow-up from {views.interview_title(planned.record)}; "
        "the plan is as before."
    )


async def do_reply(turn: Turn, args: Sequence[str]) -> None:
    record = await pick(turn, "rp", args, open_only=False)
    if record is None:
        return
    choice = args[1] if len(args) > 1 else ""
    if choice not in {value for _, value in REPLY_CHOICES} | {"reopen"}:
        turn.say(
            f"What happened with {esc(record.company)}?",
            [[button(label, "rp", record.id, value)] for label, value in REPLY_CHOICES],
        )
        return
    if choice == "reopen":
        await interviews.reopen(turn.session, turn.user, record.id)
        turn.plan_changed = True
        turn.say(f"Reopened {views.interview_title(record)}: the reminders are back.")
        return
    if choice == "newdate":
        if record.status not in OPEN:
            # The plan is made once the new date is known (the question that follows).
            await interviews.reopen(turn.session, turn.user, record.id, plan=False)
        await flows.start(turn, "newdate", NewDateAnswers(edit_id=record.id))
        return
    if choice == "replied":
        status = InterviewStatus.REPLIED
        word = (
            "Good news that they got back to you. I've paused the reminders (S7). "
            "If they gave you a new date, tap below and I'll plan from it."
        )
        rows: Buttons = [[button("They gave a new date", "rp", record.id, "newdate")]]
    else:
        outcome = Outcome(choice)
        status = OUTCOME_STATUS[outcome]
        word = KIND_WORDS[outcome]
        rows = []
        if outcome is Outcome.REJECTED:
            rows = [
                [
                    button(
                        "Draft a feedback request",
                        "dr",
                        record.id,
                        DraftKind.FEEDBACK_REQUEST.value,
                    )
                ]
            ]
        if outcome is Outcome.OFFER:
            rows = [
                [button("Draft a withdrawal for another one", "dr", "", DraftKind.WITHDRAW.value)]
            ]
    rows = [*rows, [button("↩️ Undo: still waiting", "rp", record.id, "reopen")]]
    await interviews.record_answer(turn.session, turn.user, record.id, status)
    turn.plan_changed = True
    turn.say(f"{views.interview_title(record)}: {esc(word)}", rows)


async def do_shouldi(turn: Turn, args: Sequence[str]) -> None:
    record = await pick(turn, "sh", args, open_only=False)
    if record is None:
        return
    channel = _enum_arg(Channel, args, 1)
    if channel is None:
        turn.say(f"How would you contact {esc(record.company)}?", channel_buttons("sh", record.id))
        return
    to = _enum_arg(Recipient, args, 2)
    if to is None:
        turn.say("And whom?", recipient_buttons("sh", record, channel))
        return
    decision = decide(
        record.to_core(),
        channel=channel,
        to=to,
        now=turn.now,
        cal=turn.cal,
        attempts=record.core_attempts(),
        outcome=outcome_of(record),
        nudge_hour=turn.user.nudge_hour,
    )
    rows: list[list[tuple[str, str]]] = []
    if decision.verdict is Verdict.GO or decision.suggest is not None:
        kind = decision.suggest or DraftKind.CHECK_IN
        rows.append(
            [button(f"✍️ Draft: {views.DRAFT_NAMES[kind].lower()}", "dr", record.id, kind.value)]
        )
    if decision.verdict is Verdict.GO:
        rows.append([button("I did it: log it", "lg", record.id, channel.value, to.value)])
    turn.say(
        f"<b>{esc(record.company)}</b>, {views.CHANNEL_NAMES[channel].lower()} to the "
        f"{views.RECIPIENT_NAMES[to].lower()}:\n"
        + views.decision_text(decision, turn.cal, turn.now),
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
            "Which draft?",
            [[button(views.DRAFT_NAMES[k], "dr", record.id, k.value)] for k in kinds],
        )
        return
    if kind is DraftKind.UPDATE:
        await flows.start(turn, "news", NewsAnswers(edit_id=record.id))
        return
    await cards.send_draft(turn, record.id, kind)


async def mark_thanked(turn: Turn, args: Sequence[str]) -> None:
    record = await pick(turn, "ty", args, open_only=False)
    if record is None:
        return
    if record.thank_you_sent_at is not None:
        turn.say("Already noted: the thank-you is sent. ✅")
        return
    await interviews.set_thanked(turn.session, turn.user, record.id, at=turn.now)
    turn.plan_changed = True
    turn.say("Thank-you noted as sent. ✅ Nice work (S1).")


async def do_calendar(turn: Turn, args: Sequence[str]) -> None:
    record = await pick(turn, "ic", args, open_only=False)
    if record is None:
        return
    nudges = await repo.list_nudges(turn.session, owner_id=turn.user.id, interview_id=record.id)
    pending = [n for n in nudges if n.state is NudgeState.PENDING]
    if not pending:
        turn.say(f"There's nothing planned for {esc(record.company)} to put in a calendar.")
        return
    cal = icalendar.Calendar()
    cal.add("prodid", "-//HearBack//follow-up plan//EN")
    cal.add("version", "2.0")
    for nudge in pending:
        event = icalendar.Event()
        event.add("uid", f"hearback-{nudge.id}@hearback")
        event.add("dtstamp", turn.now)
        start = turn.cal.localize(nudge.due_at)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=15))
        event.add("summary", f"{views.STEP_NAMES[nudge.kind]}: {record.company}")
        event.add("description", f"HearBack plan, rules {', '.join(nudge.rules)}")
        cal.add_component(event)
    safe = "".join(c for c in record.company if c.isalnum())[:30] or "interview"
    turn.send_file(
        f"hearback-{safe}.ics", cal.to_ical(), "Your follow-up plan for your calendar 📅"
    )


async def do_export(turn: Turn, args: Sequence[str]) -> None:
    document = await repo.export_user(turn.session, owner_id=turn.user.id)
    payload = json.dumps(document, indent=2, ensure_ascii=False, default=str).encode()
    turn.send_file("hearback-export.json", payload, "Everything I store about you, as JSON.")


async def do_delete(turn: Turn, args: Sequence[str]) -> None:
    if args and args[0] == "yes":
        await repo.erase_user(turn.session, owner_id=turn.user.id)
        turn.plan_changed = True
        turn.say(texts.DELETED)
        return
    if args and args[0] == "no":
        turn.say(texts.DELETE_KEPT)
        return
    turn.say(
        texts.DELETE_CONFIRM,
        [[button("Yes, erase everything", "del", "yes"), button("No, keep it", "del", "no")]],
    )


async def do_edit(turn: Turn, args: Sequence[str]) -> None:
    record = await pick(turn, "ed", args, open_only=False)
    if record is None:
        return
    field = args[1] if len(args) > 1 else ""
    fields = (
        ("Company", "company"),
        ("Role", "role"),
        ("When", "when"),
        ("Their timeline", "timeline"),
        ("How it felt", "vibe"),
    )
    if field not in {f for _, f in fields}:
        turn.say(
            f"What should I change for {esc(record.company)}?",
            [
                [button(label, "ed", record.id, f) for label, f in fields[i : i + 2]]
                for i in range(0, 5, 2)
            ],
        )
        return
    await flows.start(turn, "edit", EditAnswers(edit_id=record.id, field=field))


async def do_why(turn: Turn, args: Sequence[str]) -> None:
    parts = [f"<b>{esc(c.title)}</b> ({c.rule})\n{esc(c.text)}" for c in why_silence()]
    turn.say("\n\n".join(parts))


async def do_calm(turn: Turn, args: Sequence[str]) -> None:
    parts = [f"<b>{esc(c.title)}</b> ({c.rule})\n{esc(c.text)}" for c in calm_down()]
    turn.say("\n\n".join(parts))


async def do_settings(turn: Turn, args: Sequence[str]) -> None:
    choice = args[0] if args else ""
    if choice in ("zone", "hour", "country"):
        await flows.start(turn, choice)
        return
    user = turn.user
    turn.say(
        "<b>Your settings</b>\n"
        f"Time zone: <b>{esc(user.zone or 'not set')}</b>\n"
        f"Reminder hour: <b>{user.nudge_hour}:00</b>\n"
        f"Holidays of: <b>{esc(user.country or 'none')}</b>",
        [
            [button("Time zone", "set", "zone"), button("Reminder hour", "set", "hour")],
            [button("Holiday country", "set", "country")],
        ],
    )
