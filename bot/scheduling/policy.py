"""What to do with a due nudge at the moment it is delivered: send, skip or move (pure).

A plan (:func:`bot.core.plan.make_plan`) puts every step at a good moment, but by the time
a row is delivered things may have changed: the bot was down over a weekend, the user sent
the thank-you, the employer replied. :func:`judge` looks again, with ``now`` as an argument:

- **skip** a nudge that has become pointless, with the reason: the interview is no longer
  waiting (S7, G8), the thank-you was already sent, or it is more than 24 hours after the
  interview (S1: the note belongs in the first day).
- **move** a nudge that fell due outside the user's hours (after downtime) to the next good
  moment: follow-ups only on business days from the nudge time (to the minute) to the end
  of the waking window (S6), the thank-you reminder within 09:00-20:59 local on any day (S1).
- otherwise **send** it now, late or not: a nudge is never dropped for being late.

:func:`judge_due` does this for all of one interview's due nudges at once and then lets
:func:`bot.core.nudging.choose` pick what the record makes useful: at most one reminder per
interview per day (the earliest step first), later steps counted from the reminders that
really went out, a step that waits for an unlogged follow-up **shelved** until it is logged.

:func:`snooze_until` is where the Snooze button puts a nudge: the next business day at the
user's nudge time (S6).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from bot.core.calendar import BusinessCalendar, calendar_for
from bot.core.nudging import Move, Send, Shelve, Skip, WaitFacts, choose
from bot.core.plan import WAKING_END, WAKING_START
from bot.core.progress import THANK_YOU_WINDOW
from bot.core.records import InterviewStatus
from bot.core.types import StepKind

__all__ = [
    "THANK_YOU_WINDOW",
    "Action",
    "Judgement",
    "calendar_for",
    "judge",
    "judge_due",
    "snooze_until",
]


class Action(StrEnum):
    SEND = "send"
    SKIP = "skip"
    MOVE = "move"
    SHELVE = "shelve"


@dataclass(frozen=True, slots=True)
class Judgement:
    """The decision for one due nudge; ``until`` is set for MOVE, ``reason`` for SKIP/MOVE."""

    action: Action
    reason: str = ""
    until: datetime | None = None


SEND = Judgement(Action.SEND)


def _window(kind: StepKind, nudge_hour: int, nudge_minute: int) -> tuple[time, int]:
    """When a nudge of ``kind`` may arrive: from a local time to the end of a local hour."""
    if kind is StepKind.THANK_YOU:
        return time(WAKING_START), WAKING_END
    return time(nudge_hour, nudge_minute), max(WAKING_END, nudge_hour)


def _needs_business_day(kind: StepKind) -> bool:
    return kind is not StepKind.THANK_YOU


def judge(
    kind: StepKind,
    *,
    now: datetime,
    cal: BusinessCalendar,
    nudge_hour: int,
    nudge_minute: int,
    status: InterviewStatus,
    interviewed_at: datetime,
    thank_you_sent: bool,
) -> Judgement:
    """Send, skip (pointless) or move (outside the user's hours) a nudge that is due ``now``."""
    if status is not InterviewStatus.WAITING:
        return Judgement(Action.SKIP, f"the interview is {status.value} (S7)")
    if kind is StepKind.THANK_YOU:
        if thank_you_sent:
            return Judgement(Action.SKIP, "the thank-you is already sent (S1)")
        if now - interviewed_at > THANK_YOU_WINDOW:
            return Judgement(Action.SKIP, "more than 24 hours after the interview (S1)")
    first, last = _window(kind, nudge_hour, nudge_minute)
    local = cal.localize(now)
    day_ok = cal.is_business_day(local.date()) or not _needs_business_day(kind)
    if day_ok and first <= local.time() and local.hour <= last:
        return SEND
    day = local.date()
    if not (day_ok and local.time() < first):
        day += timedelta(days=1)
    if _needs_business_day(kind):
        day = cal.next_business_day(day, include_today=True)
    until = cal.at_local(day, first.hour, first.minute)
    rule = "S1" if kind is StepKind.THANK_YOU else "S6"
    return Judgement(
        Action.MOVE, f"outside the user's hours, moved to their next slot ({rule})", until
    )


def judge_due(
    due: Mapping[int, StepKind],
    *,
    facts: WaitFacts | None,
    now: datetime,
    cal: BusinessCalendar,
    nudge_hour: int,
    nudge_minute: int,
    status: InterviewStatus,
    interviewed_at: datetime,
    thank_you_sent: bool,
) -> dict[int, Judgement]:
    """:func:`judge` for each of one interview's due nudges (id -> step), then, among those
    that may go now, :func:`bot.core.nudging.choose` on the record (``facts``)."""
    out: dict[int, Judgement] = {}
    ready: dict[int, StepKind] = {}
    for nudge_id, kind in due.items():
        verdict = judge(
            kind,
            now=now,
            cal=cal,
            nudge_hour=nudge_hour,
            nudge_minute=nudge_minute,
            status=status,
            interviewed_at=interviewed_at,
            thank_you_sent=thank_you_sent,
        )
        if verdict.action is Action.SEND:
            ready[nudge_id] = kind
        else:
            out[nudge_id] = verdict
    if facts is None:
        out.update(dict.fromkeys(ready, SEND))
        return out
    chosen = choose(
        ready, facts, now=now, cal=cal, nudge_hour=nudge_hour, nudge_minute=nudge_minute
    )
    for nudge_id, choice in chosen.items():
        if isinstance(choice, Send):
            out[nudge_id] = SEND
        elif isinstance(choice, Skip):
            out[nudge_id] = Judgement(Action.SKIP, choice.reason)
        elif isinstance(choice, Shelve):
            out[nudge_id] = Judgement(Action.SHELVE, choice.reason)
        elif isinstance(choice, Move):
            out[nudge_id] = Judgement(Action.MOVE, choice.reason, choice.until)
    return out


def snooze_until(
    now: datetime,
    *,
    cal: BusinessCalendar,
    nudge_hour: int,
    nudge_minute: int,
    day: date | None = None,
) -> datetime:
    """Snooze: one day later or, when that is not a business day, the next one; at the nudge time.
    With ``day`` ("remind me thursday"), that day or the next business day after it.

    Always a later local day than ``now`` (S6: business days, the user's nudge time).
    """
    today = cal.local_date(now)
    if day is not None and day > today:
        return cal.at_local(
            cal.next_business_day(day, include_today=True), nudge_hour, nudge_minute
        )
    return cal.at_local(cal.next_business_day(today), nudge_hour, nudge_minute)
