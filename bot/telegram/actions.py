"""What the user can do with their interviews: list, status, log, reply, "should I?", drafts,
calendar, export and delete. Commands, buttons and recognised free text all land here.

Each action takes the turn and a list of string arguments as they come from a button
(``action:id:slot:slot``) or from what the free text said; missing ones are asked for with
buttons. Every id is re-read scoped to the current user, so another user's id, or a forged
one, only ever gives "that button has expired".
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from typing import TypeVar

import icalendar

from bot.core.coaching import calm_down, why_silence
from bot.core.drafts import DraftFacts, draft_order, make_draft
from bot.core.plan import make_plan
from bot.core.records import InterviewRecord, InterviewStatus, NudgeState, Person
from bot.core.types import Channel, DraftKind, Outcome, Plan, Recipient, Verdict
from bot.core.verdict import decide
from bot.storage import repo
from bot.telegram import flows, texts, views
from bot.telegram.html import esc
from bot.telegram.runtime import Buttons, Turn, button

OPEN = (InterviewStatus.WAITING,)
OUTCOME_STATUS = {
    Outcome.OFFER: InterviewStatus.OFFER,
    Outcome.REJECTED: InterviewStatus.REJECTED,
    Outcome.CLOSED: InterviewStatus.CLOSED,
    Outcome.WITHDREW: InterviewStatus.WITHDREW,
}
STATUS_OUTCOME = {v: k for k, v in OUTCOME_STATUS.items()}
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


# --- the plan ------------------------------------------------------------------------------


def follow_up_to(record: InterviewRecord) -> Recipient:
    """Who the follow-ups go to: the recruiter or HR if known, else whoever they met."""
    for role in (Recipient.RECRUITER, Recipient.HR, Recipient.HIRING_MANAGER):
        if any(p.role is role for p in record.people):
            return role
    return Recipient.RECRUITER if not record.people else record.people[0].role


def plan_for(turn: Turn, record: InterviewRecord) -> Plan:
    return make_plan(
        record.to_core(),
        cal=turn.cal,
        nudge_hour=turn.user.nudge_hour,
        attempts=[a for a in record.core_attempts() if not a.answered],
        follow_up_to=follow_up_to(record),
    )


async def replan(turn: Turn, record: InterviewRecord) -> Plan | None:
    """Write the interview's plan as pending nudges (S1-S6), or cancel them when it is closed.

    Steps already sent or skipped are not planned again.
    """
    if record.status not in OPEN:
        await repo.cancel_pending_nudges(
            turn.session,
            owner_id=turn.user.id,
            interview_id=record.id,
            reason=f"interview {record.status.value} (S7)",
        )
        turn.plan_changed = True
        return None
    plan = plan_for(turn, record)
    existing = await repo.list_nudges(turn.session, owner_id=turn.user.id, interview_id=record.id)
    done = {n.kind for n in existing if n.state in (NudgeState.SENT, NudgeState.SKIPPED)}
    steps = [s for s in plan.steps if s.kind not in done]
    await repo.replace_nudges(
        turn.session, owner_id=turn.user.id, interview_id=record.id, steps=steps
    )
    turn.plan_changed = True
    return plan


async def show_new_summary(turn: Turn, record: InterviewRecord) -> None:
    plan = await replan(turn, record)
    lines = [
        f"Saved: {views.interview_title(record)}",
        _facts(turn, record),
        "",
        "<b>Your plan</b>",
    ]
    if plan is not None:
        lines += views.plan_lines(plan, turn.cal, turn.now)
    rows: list[list[tuple[str, str]]] = []
    if record.thank_you_sent_at is None:
        rows.append([button("✍️ Draft the thank-you", "dr", record.id, DraftKind.THANK_YOU.value)])
    rows.append([button("✏️ Edit", "ed", record.id), button("👍 Done", "ok")])
    turn.say("\n".join(lines), rows)


async def show_updated(turn: Turn, record: InterviewRecord, note: str) -> None:
    plan = await replan(turn, record)
    lines = [f"{esc(note)} {views.interview_title(record)}", _facts(turn, record)]
    if plan is not None:
        lines += ["", "<b>Your plan</b>", *views.plan_lines(plan, turn.cal, turn.now)]
    turn.say("\n".join(lines))


def _facts(turn: Turn, record: InterviewRecord) -> str:
    parts = [f"Interviewed {views.when(record.interviewed_at, turn.cal, turn.now)}"]
    if record.promised_by:
        parts.append(f"they'll answer by {views.day(record.promised_by)}")
    else:
        parts.append("no date given")
    parts.append(f"felt {views.VIBE_NAMES[record.vibe]}")
    if record.people:
        names = ", ".join(
            f"{esc(p.name)} ({views.RECIPIENT_NAMES[p.role].lower()})" for p in record.people
        )
        parts.append(f"met {names}")
    return " · ".join(parts)


# --- picking an interview --------------------------------------------------------------------


async def pick(
    turn: Turn, action: str, args: Sequence[str], *, open_only: bool = True
) -> InterviewRecord | None:
    """The interview named by ``args[0]``, or the only one; otherwise ask with buttons."""
    if args and args[0]:
        if not args[0].isdigit() or len(args[0]) > 18:
            turn.say(texts.EXPIRED)
            return None
        record = await repo.get_interview(
            turn.session, owner_id=turn.user.id, interview_id=int(args[0])
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
        _facts(turn, record),
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
    if not args or not args[0].isdigit() or len(args[0]) > 3:
        await do_status(turn, [])
        return
    records = await repo.list_interviews(turn.session, owner_id=turn.user.id)
    index = int(args[0]) - 1
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
    person = next((p for p in record.people if p.role is to), None)
    attempt = await repo.log_attempt(
        turn.session,
        owner_id=turn.user.id,
        interview_id=record.id,
        at=turn.now,
        channel=channel,
        to=to,
        person_id=person.id if person else None,
    )
    updated = await repo.get_interview(turn.session, owner_id=turn.user.id, interview_id=record.id)
    assert updated is not None
    plan = await replan(turn, updated)
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
    attempt_id = int(args[0]) if args and args[0].isdigit() and len(args[0]) <= 18 else 0
    interview_id = await repo.delete_attempt(
        turn.session, owner_id=turn.user.id, attempt_id=attempt_id
    )
    record = (
        await repo.get_interview(turn.session, owner_id=turn.user.id, interview_id=interview_id)
        if interview_id is not None
        else None
    )
    if record is None:
        turn.say("That follow-up is already removed, or the button has expired.")
        return
    await replan(turn, record)
    turn.say(f"Removed that follow-up from {views.interview_title(record)}; the plan is as before.")


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
        reopened = await repo.set_status(
            turn.session,
            owner_id=turn.user.id,
            interview_id=record.id,
            status=InterviewStatus.WAITING,
        )
        if reopened is not None:
            await replan(turn, reopened)
        turn.say(f"Reopened {views.interview_title(record)}: the reminders are back.")
        return
    if choice == "newdate":
        if record.status not in OPEN:
            await repo.set_status(
                turn.session,
                owner_id=turn.user.id,
                interview_id=record.id,
                status=InterviewStatus.WAITING,
            )
        await flows.start(turn, "newdate", {"edit_id": record.id})
        return
    await repo.mark_attempts_answered(turn.session, owner_id=turn.user.id, interview_id=record.id)
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
    updated = await repo.set_status(
        turn.session, owner_id=turn.user.id, interview_id=record.id, status=status
    )
    if updated is not None:
        await replan(turn, updated)
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
        outcome=STATUS_OUTCOME.get(record.status, Outcome.NONE),
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
            outcome=STATUS_OUTCOME.get(record.status, Outcome.NONE),
            hiring_manager_known=record.hiring_manager_known,
        )
        turn.say(
            "Which draft?",
            [[button(views.DRAFT_NAMES[k], "dr", record.id, k.value)] for k in kinds],
        )
        return
    if kind is DraftKind.UPDATE:
        await flows.start(turn, "news", {"edit_id": record.id})
        return
    await send_draft(turn, record.id, kind)


async def send_draft(turn: Turn, interview_id: int, kind: DraftKind, news: str = "") -> None:
    record = await repo.get_interview(
        turn.session, owner_id=turn.user.id, interview_id=interview_id
    )
    if record is None:
        turn.say(texts.EXPIRED)
        return
    contact = _contact_for(record, kind)
    tg_user = turn.update.effective_user
    draft = make_draft(
        kind,
        DraftFacts(
            company=record.company,
            role=record.role,
            user_name=tg_user.first_name if tg_user else "",
            contact_name=contact.name if contact else "",
            contact_role=contact.role if contact else None,
            interview_day=turn.cal.local_date(record.interviewed_at),
            promised_by=record.promised_by,
            detail=record.notes or "",
            news=news,
        ),
    )
    rows: list[list[tuple[str, str]]] = []
    if kind is DraftKind.THANK_YOU and record.thank_you_sent_at is None:
        rows.append([button("I sent it ✅", "ty", record.id)])
    elif kind in (DraftKind.CHECK_IN, DraftKind.SECOND_FOLLOW_UP, DraftKind.HIRING_MANAGER):
        to = contact.role if contact else Recipient.RECRUITER
        rows.append([button("I sent it: log it", "lg", record.id, Channel.EMAIL.value, to.value)])
    turn.say(views.draft_text(draft) + "\n\n" + texts.RECIPIENT_LAST, rows)


def _contact_for(record: InterviewRecord, kind: DraftKind) -> Person | None:
    wanted = {
        DraftKind.THANK_YOU: (Recipient.INTERVIEWER, Recipient.HIRING_MANAGER),
        DraftKind.HIRING_MANAGER: (Recipient.HIRING_MANAGER,),
    }.get(kind, (Recipient.RECRUITER, Recipient.HR, Recipient.HIRING_MANAGER))
    for role in wanted:
        for person in record.people:
            if person.role is role:
                return person
    if kind is DraftKind.HIRING_MANAGER:
        return None
    return record.people[0] if record.people else None


async def mark_thanked(turn: Turn, args: Sequence[str]) -> None:
    record = await pick(turn, "ty", args, open_only=False)
    if record is None:
        return
    if record.thank_you_sent_at is not None:
        turn.say("Already noted: the thank-you is sent. ✅")
        return
    updated = await repo.update_interview(
        turn.session, owner_id=turn.user.id, interview_id=record.id, thank_you_sent_at=turn.now
    )
    if updated is not None:
        await replan(turn, updated)
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
    await flows.start(turn, "edit", {"edit_id": record.id, "field": field})


async def do_why(turn: Turn, args: Sequence[str]) -> None:
    parts = [f"<b>{esc(c.title)}</b> ({c.rule})\n{esc(c.text)}" for c in why_silence()]
    turn.say("\n\n".join(parts))


async def do_calm(turn: Turn, args: Sequence[str]) -> None:
    parts = [f"<b>{esc(c.title)}</b> ({c.rule})\n{esc(c.text)}" for c in calm_down()]
    turn.say("\n\n".join(parts))


async def do_help(turn: Turn, args: Sequence[str]) -> None:
    lines = ["<b>What I can do</b>"] + [f"/{name} — {esc(line)}" for name, line in texts.COMMANDS]
    lines.append(
        "\nYou can also just write to me: <i>“should I call again?”</i>, "
        "<i>“I emailed the recruiter today”</i>, <i>“they rejected me”</i>."
    )
    turn.say("\n".join(lines))


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


Action = Callable[[Turn, Sequence[str]], Awaitable[None]]
ACTIONS: dict[str, Action] = {
    "ls": do_list,
    "st": do_status,
    "lg": do_log,
    "rp": do_reply,
    "sh": do_shouldi,
    "dr": do_draft,
    "ic": do_calendar,
    "ed": do_edit,
    "ty": mark_thanked,
    "ua": undo_attempt,
    "del": do_delete,
    "set": do_settings,
    "exp": do_export,
    "why": do_why,
    "calm": do_calm,
    "help": do_help,
}
