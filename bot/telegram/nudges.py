"""The nudges in the chat: their messages and buttons, what a press does, and the service.

- :func:`render_nudge` writes one nudge message: what to do today and why, in words true of
  the record (the follow-ups logged, the reminders sent), with the buttons that do it. The
  company and role the user typed are escaped. Every button's callback is
  ``n:<nudge id>:<op>`` (well under 64 bytes).
- :func:`on_nudge_button` handles a press. The id is only a hint: the nudge is re-read for
  the user who pressed the button, so another user's id or a forged one gives "that button
  has expired". Every button but *Draft it* acts once: the first press is recorded on the
  nudge (:func:`bot.storage.nudges.mark_handled`) in the same transaction as what it does,
  and a second press says it is already done.
- :func:`install_nudges` (in post_init) builds the :class:`~bot.scheduling.Dispatcher` on
  the bot's sessions, clock and Bot API client (:func:`direct_bot`) with these messages,
  adds the plan listener that re-arms the clock, and starts the
  :class:`~bot.scheduling.service.NudgeService` (which runs once at start for whatever fell
  due while the bot was down). :func:`shutdown_nudges` belongs in ``post_stop``: the Bot API
  client is still open there, so messages in flight finish and other claims are handed back.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from telegram import Bot
from telegram.ext import Application

from bot.config import Settings
from bot.core.calendar import BusinessCalendar, calendar_for
from bot.core.nudging import Message, Send, WaitFacts, message_for
from bot.core.progress import THANK_YOU_WINDOW
from bot.core.records import InterviewRecord, InterviewStatus, NudgeRecord, NudgeState
from bot.core.types import Channel, DraftKind, Recipient, StepKind
from bot.scheduling.dispatcher import DispatchConfig, Dispatcher
from bot.scheduling.pacing import Pacer
from bot.scheduling.policy import snooze_until
from bot.scheduling.service import NudgeService
from bot.services.people import follow_up_to
from bot.services.plans import wait_facts
from bot.storage import nudges, repo
from bot.storage.nudges import ClaimedNudge, NudgeContext
from bot.telegram import actions, cards, presses, texts, views
from bot.telegram.html import esc
from bot.telegram.pipeline.wiring import WIRING_KEY, Wiring
from bot.telegram.presses import NudgeOp, press_button
from bot.telegram.runtime import Deps, Turn

__all__ = [
    "ACTION",
    "SERVICE_KEY",
    "direct_bot",
    "install_nudges",
    "on_nudge_button",
    "render",
    "render_nudge",
    "shutdown_nudges",
]

log = logging.getLogger(__name__)

# --- the messages ----------------------------------------------------------------------------

ACTION = presses.OnNudge.PREFIX
OP_DRAFT, OP_DONE, OP_SNOOZE, OP_REPLIED, OP_STOP = (
    NudgeOp.DRAFT,
    NudgeOp.DONE,
    NudgeOp.SNOOZE,
    NudgeOp.REPLIED,
    NudgeOp.STOP,
)

Buttons = list[list[tuple[str, str]]]

ALREADY = texts.NUDGE_ALREADY


def _title(company: str, role: str) -> str:
    return views.title(company or texts.YOUR_INTERVIEW, role)


def message_of(kind: StepKind, facts: WaitFacts) -> Message:
    """What the reminder of ``kind`` says given the record; a step the selection would not
    send (skipped or shelved) is described as itself."""
    verdict = message_for(kind, facts)
    if isinstance(verdict, Send):
        return verdict.message
    return _PLAIN[kind]


_PLAIN = {
    StepKind.THANK_YOU: Message.THANK_YOU,
    StepKind.CHECK_IN: Message.CHECK_IN,
    StepKind.SECOND_FOLLOW_UP: Message.SECOND_FOLLOW_UP,
    StepKind.HIRING_MANAGER: Message.HIRING_MANAGER,
    StepKind.MOVE_ON: Message.MOVE_ON,
}


def _body(message: Message, *, title: str, facts: WaitFacts, cal: BusinessCalendar) -> str:
    """The words of one reminder, each true of the record (``facts``)."""
    follow_ups = facts.follow_ups
    last = views.day(cal.local_date(follow_ups[-1].at)) if follow_ups else ""
    if message is Message.THANK_YOU:
        until = views.when(facts.interviewed_at + THANK_YOU_WINDOW, cal)
        return texts.NUDGE_THANK_YOU.format(title=title, until=until)
    if message is Message.CHECK_IN:
        if facts.promised_by is not None:
            why = texts.NUDGE_CHECK_IN_DATE.format(day=views.day(facts.promised_by))
        else:
            interviewed = views.day(cal.local_date(facts.interviewed_at))
            why = texts.NUDGE_CHECK_IN_NO_DATE.format(day=interviewed)
        return texts.NUDGE_CHECK_IN.format(title=title, why=why)
    if message is Message.CHECK_IN_AGAIN:
        asked = facts.last_sent(StepKind.CHECK_IN)
        day = views.day(cal.local_date(asked)) if asked is not None else ""
        return texts.NUDGE_CHECK_IN_AGAIN.format(title=title, day=day)
    if message is Message.SECOND_FOLLOW_UP:
        first = views.day(cal.local_date(follow_ups[0].at)) if follow_ups else ""
        return texts.NUDGE_SECOND.format(title=title, day=first)
    if message is Message.HIRING_MANAGER:
        return texts.NUDGE_HIRING_MANAGER.format(title=title, day=last)
    if message is Message.MOVE_ON and follow_ups:
        history = texts.followed_up(len(follow_ups), last)
    else:
        interviewed = views.day(cal.local_date(facts.interviewed_at))
        history = texts.MOVE_ON_QUIET.format(day=interviewed)
    return texts.NUDGE_MOVE_ON.format(title=title, history=history)


def _buttons(kind: StepKind, nudge_id: int) -> Buttons:
    def b(label: str, op: NudgeOp) -> tuple[str, str]:
        return press_button(label, presses.OnNudge(nudge_id, op))

    if kind is StepKind.MOVE_ON:
        return [[b(texts.BUTTON_NUDGE_REPLIED, OP_REPLIED)]]
    done = texts.BUTTON_NUDGE_SENT if kind is StepKind.THANK_YOU else texts.BUTTON_NUDGE_DONE
    rows: Buttons = [
        [b(texts.BUTTON_NUDGE_DRAFT, OP_DRAFT), b(done, OP_DONE)],
        [b(texts.BUTTON_NUDGE_SNOOZE, OP_SNOOZE)],
    ]
    if kind is StepKind.THANK_YOU:
        rows[1].append(b(texts.BUTTON_NUDGE_STOP, OP_STOP))
    else:
        rows[1].append(b(texts.BUTTON_NUDGE_REPLIED, OP_REPLIED))
        rows.append([b(texts.BUTTON_NUDGE_STOP_ALL, OP_STOP)])
    return rows


def render(
    kind: StepKind,
    *,
    nudge_id: int,
    company: str,
    role: str,
    facts: WaitFacts,
    cal: BusinessCalendar,
    rules: tuple[str, ...] = (),
) -> tuple[str, Buttons]:
    """The HTML text and the button rows of one reminder, in words true of ``facts``; the
    rules behind the step are behind its *Why?* button, never in the words."""
    message = message_of(kind, facts)
    text = _body(message, title=_title(company, role), facts=facts, cal=cal)
    rows = _buttons(kind, nudge_id)
    if rules:
        rows = [*rows, [press_button(texts.BUTTON_WHY, presses.Why.of(rules))]]
    return text, rows


def render_nudge(nudge: ClaimedNudge, context: NudgeContext) -> tuple[str, Buttons]:
    """The message of a claimed nudge (the dispatcher's ``render``)."""
    facts = context.facts or WaitFacts(
        interviewed_at=context.interviewed_at,
        promised_by=context.promised_by,
        thank_you_sent_at=context.thank_you_sent_at,
    )
    return render(
        nudge.kind,
        nudge_id=nudge.id,
        company=context.company,
        role=context.role,
        facts=facts,
        cal=calendar_for(context.zone, context.country),
        rules=nudge.rules,
    )


# --- the buttons -----------------------------------------------------------------------------


_DRAFTS = {
    StepKind.THANK_YOU: DraftKind.THANK_YOU,
    StepKind.CHECK_IN: DraftKind.CHECK_IN,
    StepKind.SECOND_FOLLOW_UP: DraftKind.SECOND_FOLLOW_UP,
    StepKind.HIRING_MANAGER: DraftKind.HIRING_MANAGER,
}


def _draft_kind(kind: StepKind, record: InterviewRecord) -> DraftKind | None:
    """The draft a reminder's *Draft it* writes: the second follow-up's slot writes the
    check-in while no check-in is logged (its reminder asked about the check-in)."""
    if kind is StepKind.SECOND_FOLLOW_UP and not wait_facts(record).follow_ups:
        return DraftKind.CHECK_IN
    return _DRAFTS.get(kind)


async def on_nudge_button(
    turn: Turn, press: presses.OnNudge, *, snooze_to: date | None = None
) -> None:
    """Handle one press of a nudge button (callback ``n:<nudge id>:<op>``); a typed
    "remind me thursday" is a Snooze press ``snooze_to`` that day."""
    nudge_id, op = press.nudge, press.op
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
    if op == OP_DRAFT:
        kind = _draft_kind(nudge.kind, record)
        if kind is None:
            turn.say(texts.EXPIRED)
            return
        if kind is DraftKind.THANK_YOU:
            await actions.draft_thank_you(turn, record)
        else:
            await cards.send_draft(turn, record.id, kind)
        return
    if _already(turn, nudge):
        return
    if op == OP_REPLIED:
        await _replied(turn, nudge, record)
    elif record.status is not InterviewStatus.WAITING:
        turn.say(
            texts.NUDGE_CLOSED.format(
                title=views.interview_title(record), status=views.STATUS_NAMES[record.status]
            )
        )
    elif op == OP_DONE:
        await _done(turn, nudge, record)
    elif op == OP_SNOOZE:
        await _snooze(turn, nudge, record, snooze_to)
    else:
        await _stop(turn, nudge, record)


def _already(turn: Turn, nudge: NudgeRecord) -> bool:
    """Say so and return True when this nudge's buttons were used already."""
    if nudge.state is NudgeState.SENT and not nudge.reason:
        return False
    if nudge.state is NudgeState.PENDING and nudge.reason == "snoozed":
        when = views.when(nudge.due_at, turn.cal, turn.now)
        turn.say(texts.NUDGE_SNOOZED_AGAIN.format(already=ALREADY["snoozed"], when=when))
        return True
    what = ALREADY.get(nudge.reason or "")
    turn.say(what or texts.NUDGE_DEALT_WITH)
    return True


async def _claim(turn: Turn, nudge: NudgeRecord, what: str) -> bool:
    if await nudges.mark_handled(
        turn.session, owner_id=turn.user.id, nudge_id=nudge.id, what=what, now=turn.now
    ):
        return True
    turn.say(texts.NUDGE_DEALT_WITH)
    return False


async def _done(turn: Turn, nudge: NudgeRecord, record: InterviewRecord) -> None:
    if nudge.kind is StepKind.MOVE_ON:
        turn.say(texts.EXPIRED)  # the move-on message has no Done button
        return
    if not await _claim(turn, nudge, "done"):
        return
    if nudge.kind is StepKind.THANK_YOU:
        await actions.mark_thanked(turn, presses.Thanked(record.id))
        return
    to = Recipient.HIRING_MANAGER if nudge.kind is StepKind.HIRING_MANAGER else follow_up_to(record)
    await actions.do_log(turn, presses.LogAttempt(record.id, Channel.EMAIL, to))


async def _snooze(
    turn: Turn, nudge: NudgeRecord, record: InterviewRecord, day: date | None = None
) -> None:
    if nudge.kind is StepKind.MOVE_ON:
        turn.say(texts.EXPIRED)
        return
    until = snooze_until(
        turn.now,
        cal=turn.cal,
        nudge_hour=turn.user.nudge_hour,
        nudge_minute=turn.user.nudge_minute,
        day=day,
    )
    if not await nudges.snooze(
        turn.session, owner_id=turn.user.id, nudge_id=nudge.id, until=until, now=turn.now
    ):
        turn.say(texts.NUDGE_DEALT_WITH)
        return
    turn.plan_changed = True
    note = ""
    if nudge.kind is StepKind.THANK_YOU and until - record.interviewed_at > THANK_YOU_WINDOW:
        note = texts.SNOOZE_LATE_THANKS
    turn.say(
        texts.SNOOZED.format(
            title=views.interview_title(record),
            when=views.when(until, turn.cal, turn.now),
            note=note,
        )
    )


async def _replied(turn: Turn, nudge: NudgeRecord, record: InterviewRecord) -> None:
    if not await _claim(turn, nudge, "replied"):
        return
    await actions.do_reply(turn, presses.Reply(record.id, presses.ReplyChoice.REPLIED))


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
    turn.say(
        texts.NUDGES_STOPPED.format(
            company=esc(record.company), more=texts.reminders_cancelled(stopped)
        )
    )


# --- the service -----------------------------------------------------------------------------


SERVICE_KEY = "nudges"
"""Where the running :class:`NudgeService` is kept in ``application.bot_data``."""

AnyApp = Application[Any, Any, Any, Any, Any, Any]


async def install_nudges(
    app: AnyApp,
    settings: Settings,
    *,
    bot: Bot | None = None,
    config: DispatchConfig | None = None,
    start: bool = True,
) -> NudgeService:
    """Create and (unless ``start=False``) start the nudge service of ``app``."""
    existing = app.bot_data.get(SERVICE_KEY)
    if isinstance(existing, NudgeService):
        return existing
    deps = app.bot_data["deps"]
    assert isinstance(deps, Deps)
    # Replies and nudges share one pacer, and on SQLite one write lock (bot.telegram.pipeline).
    wiring = app.bot_data.get(WIRING_KEY)
    shared = app.bot_data.get("pacer")
    dispatcher = Dispatcher(
        deps.sessions,
        bot or direct_bot(app, settings),
        render=render_nudge,
        clock=deps.clock,
        config=config
        or DispatchConfig(
            rate_per_second=settings.rate_limit_nudges_per_second or settings.rate_limit_per_second
        ),
        pacer=shared if isinstance(shared, Pacer) and config is None else None,
        write_lock=wiring.gate.lock if isinstance(wiring, Wiring) else None,
    )
    if app.job_queue is None:
        log.warning("PTB's job queue is missing (extra 'job-queue'); nudges run on start only")
    service = NudgeService(dispatcher, job_queue=app.job_queue, clock=deps.clock)
    deps.plan_listeners.append(service.plan_changed)
    app.bot_data[SERVICE_KEY] = service
    if start:
        await service.start()
    return service


def direct_bot(app: AnyApp, settings: Settings) -> Bot:
    """A Bot on the application's own HTTP client and token, without its rate limiter.

    The dispatcher paces its sends and handles ``RetryAfter``, 5xx and lost answers per
    nudge (so a possible duplicate is logged with the nudge's id); going through the
    application's limiter as well would stack two rounds of retries. The HTTP client is
    shared, never shut down here: the application closes it.
    """
    request = app.bot.request
    return Bot(
        app.bot.token,
        base_url=settings.telegram_api_base_url,
        base_file_url=settings.telegram_api_base_url.replace("/bot", "/file/bot"),
        request=request,
        get_updates_request=request,
    )


async def shutdown_nudges(app: AnyApp) -> None:
    """Stop the nudge service of ``app`` (if installed) and unregister its plan listener."""
    service = app.bot_data.pop(SERVICE_KEY, None)
    if not isinstance(service, NudgeService):
        return
    deps = app.bot_data.get("deps")
    if isinstance(deps, Deps) and service.plan_changed in deps.plan_listeners:
        deps.plan_listeners.remove(service.plan_changed)
    await service.stop()
