"""The buttons under a nudge message: Draft it, Done, Snooze, They replied, Stop reminders.

Callback data is ``n:<nudge id>:<op>`` (:mod:`bot.scheduling.messages`). The id is only a
hint: the nudge is re-read for the user who pressed the button, so another user's id or a
forged one gives "that button has expired". Every button but *Draft it* acts once: the
first press is recorded on the nudge (:func:`bot.storage.nudges.mark_handled`) in the same
transaction as what it does, and a second press says it is already done.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.records import InterviewRecord, InterviewStatus, NudgeRecord, NudgeState
from bot.core.types import Channel, DraftKind, Recipient, StepKind
from bot.scheduling import messages
from bot.scheduling.policy import THANK_YOU_WINDOW, snooze_until
from bot.services.people import follow_up_to
from bot.storage import nudges, repo
from bot.telegram import actions, cards, texts, views
from bot.telegram.html import esc
from bot.telegram.runtime import Turn

__all__ = ["on_nudge_button"]

_DRAFTS = {
    StepKind.THANK_YOU: DraftKind.THANK_YOU,
    StepKind.CHECK_IN: DraftKind.CHECK_IN,
    StepKind.SECOND_FOLLOW_UP: DraftKind.SECOND_FOLLOW_UP,
    StepKind.HIRING_MANAGER: DraftKind.HIRING_MANAGER,
}
_ACTING = {
    messages.OP_DONE: "done",
    messages.OP_SNOOZE: "snoozed",
    messages.OP_REPLIED: "replied",
    messages.OP_STOP: "stopped",
}


async def on_nudge_button(turn: Turn, args: Sequence[str]) -> None:
    """Handle one press of a nudge button (registered as ``EXTRA_BUTTONS["n"]``)."""
    nudge_id = int(args[0]) if args and args[0].isdigit() and len(args[0]) <= 18 else None
    op = args[1] if len(args) > 1 else ""
    if nudge_id is None or (op != messages.OP_DRAFT and op not in _ACTING):
        turn.say(texts.EXPIRED)
        return
    nudge = await nudges.get_nudge(turn.session, owner_id=turn.user.id, nudge_id=nudge_id)
    record = (
        None
        if nudge is None
        else await repo.get_interview(
            turn.session, owner_id=turn.user.id, interview_id=nudge.interview_id
        )
    )
    if nudge is None or record is None:
        turn.say(texts.EXPIRED)
        return
    if op == messages.OP_DRAFT:
        kind = _DRAFTS.get(nudge.kind)
        if kind is None:
            turn.say(texts.EXPIRED)
            return
        await cards.send_draft(turn, record.id, kind)
        return
    if _already(turn, nudge):
        return
    if op == messages.OP_REPLIED:
        await _replied(turn, nudge, record)
    elif record.status is not InterviewStatus.WAITING:
        turn.say(
            f"{views.interview_title(record)} is already closed "
            f"({views.STATUS_NAMES[record.status]}), so there is nothing left to do for it."
        )
    elif op == messages.OP_DONE:
        await _done(turn, nudge, record)
    elif op == messages.OP_SNOOZE:
        await _snooze(turn, nudge, record)
    else:
        await _stop(turn, nudge, record)


def _already(turn: Turn, nudge: NudgeRecord) -> bool:
    """Say so and return True when this nudge's buttons were used already."""
    if nudge.state is NudgeState.SENT and not nudge.reason:
        return False
    if nudge.state is NudgeState.PENDING and nudge.reason == "snoozed":
        when = views.when(nudge.due_at, turn.cal, turn.now)
        turn.say(f"{messages.ALREADY['snoozed']} I'll remind you again {when}.")
        return True
    what = messages.ALREADY.get(nudge.reason or "")
    turn.say(what or "That reminder was already dealt with. /list shows what comes next.")
    return True


async def _claim(turn: Turn, nudge: NudgeRecord, what: str) -> bool:
    if await nudges.mark_handled(
        turn.session, owner_id=turn.user.id, nudge_id=nudge.id, what=what, now=turn.now
    ):
        return True
    turn.say("That reminder was already dealt with. /list shows what comes next.")
    return False


async def _done(turn: Turn, nudge: NudgeRecord, record: InterviewRecord) -> None:
    if nudge.kind is StepKind.MOVE_ON:
        turn.say(texts.EXPIRED)  # the move-on message has no Done button
        return
    if not await _claim(turn, nudge, "done"):
        return
    if nudge.kind is StepKind.THANK_YOU:
        await actions.mark_thanked(turn, [str(record.id)])
        return
    to = Recipient.HIRING_MANAGER if nudge.kind is StepKind.HIRING_MANAGER else follow_up_to(record)
    await actions.do_log(turn, [str(record.id), Channel.EMAIL.value, to.value])


async def _snooze(turn: Turn, nudge: NudgeRecord, record: InterviewRecord) -> None:
    if nudge.kind is StepKind.MOVE_ON:
        turn.say(texts.EXPIRED)
        return
    until = snooze_until(turn.now, cal=turn.cal, nudge_hour=turn.user.nudge_hour)
    if not await nudges.snooze(
        turn.session, owner_id=turn.user.id, nudge_id=nudge.id, until=until, now=turn.now
    ):
        turn.say("That reminder was already dealt with. /list shows what comes next.")
        return
    turn.plan_changed = True
    note = ""
    if nudge.kind is StepKind.THANK_YOU and until - record.interviewed_at > THANK_YOU_WINDOW:
        note = (
            "\nBy then it will be more than a day since the interview, so I'll only remind you "
            "if it still makes sense (S1)."
        )
    turn.say(
        f"⏰ Snoozed. I'll remind you about {views.interview_title(record)} again "
        f"{views.when(until, turn.cal, turn.now)} (S6: business days, at your reminder hour)."
        + note
    )


async def _replied(turn: Turn, nudge: NudgeRecord, record: InterviewRecord) -> None:
    if not await _claim(turn, nudge, "replied"):
        return
    await actions.do_reply(turn, [str(record.id), "replied"])


async def _stop(turn: Turn, nudge: NudgeRecord, record: InterviewRecord) -> None:
    if not await _claim(turn, nudge, "stopped"):
        return
    stopped = await repo.cancel_pending_nudges(
        turn.session,
        owner_id=turn.user.id,
        interview_id=record.id,
        reason="reminders stopped by the user",
    )
    turn.plan_changed = True
    more = f" ({stopped} planned reminder(s) cancelled)" if stopped else ""
    turn.say(
        f"🔕 No more reminders for {esc(record.company)}{more}. If they give you a new date, "
        "tell me with /reply and I'll plan from it (S7)."
    )
