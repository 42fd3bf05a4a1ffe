"""The follow-up plan for one interview (S1-S7).

:func:`make_plan` turns an :class:`~bot.core.types.Interview` into the nudges the
bot will send: the thank-you (S1), the first check-in (S2), the second follow-up
(S3), one note up the chain (S4, G7) and the day to move on (S5). Every step but
the thank-you falls on a business day at the user's nudge time, to the minute (S6).

Recomputing (S7): a plan asked for with ``attempts`` already made counts them.
Each unanswered attempt to the follow-up person fills the next follow-up slot in
order (check-in, then second follow-up) and that slot leaves the plan: the plan
lists only what is still to come. The remaining slots are placed after the
attempts: at least 5 business days after the last attempt to the follow-up
person and never on the same or the next calendar day as any attempt (G2), and
never before the S2 day.

A recorded reply cancels every pending nudge (S7), so the caller does not ask
for a plan once an attempt is answered. When it does anyway, answered attempts
still count for spacing (G2) but fill no slot, and no note up the chain is
planned (S4 needs every attempt unanswered).

The module is pure: no clock, no I/O. ``now`` never enters; steps may lie in
the past and the caller decides what to do with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from bot.core.calendar import BusinessCalendar
from bot.core.types import Attempt, Interview, Plan, Recipient, Step, StepKind, Vibe

__all__ = [
    "DEFAULT_NUDGE_HOUR",
    "FOLLOW_UP_SPACING",
    "MOVE_ON_AFTER",
    "NO_DATE_WAIT",
    "NUDGE_EARLIEST",
    "NUDGE_LATEST",
    "PROMISED_GRACE",
    "THANK_YOU_DELAY",
    "WAKING_END",
    "WAKING_START",
    "check_in_day",
    "make_plan",
    "nudge_time_allowed",
    "thank_you_at",
]

DEFAULT_NUDGE_HOUR = 10
NUDGE_EARLIEST, NUDGE_LATEST = time(7, 0), time(21, 0)  # S6: the times a user may choose, local
WAKING_START, WAKING_END = 9, 20  # S1 waking window, local

THANK_YOU_DELAY = timedelta(hours=3)  # S1
PROMISED_GRACE = 2  # S2: business days after the promised-by date
NO_DATE_WAIT = 10  # S2 with T4: business days after the interview
FOLLOW_UP_SPACING = 5  # S3, S4 and G2: business days between follow-ups
MOVE_ON_AFTER = 5  # S5: business days after the last follow-up

_FOLLOW_UP_SLOTS = (StepKind.CHECK_IN, StepKind.SECOND_FOLLOW_UP)


def check_in_day(interview: Interview, *, cal: BusinessCalendar) -> date:
    """The S2 day: the first day a check-in is welcome (G1 waits until then).

    With a promised-by date it is the second business day after it, so never the
    promised day itself; without one (T4) it is the tenth business day after the
    interview's local date. A promised-by date earlier than the interview day
    (a typo, or a stale date) is read as the interview day, so the check-in can
    never come before the interview or its thank-you note.
    """
    interview_day = cal.local_date(interview.interviewed_at)
    if interview.promised_by is None:
        return cal.add_business_days(interview_day, NO_DATE_WAIT)
    return cal.add_business_days(max(interview.promised_by, interview_day), PROMISED_GRACE)


def thank_you_at(interview: Interview, *, cal: BusinessCalendar) -> datetime:
    """S1: three hours after the interview, moved into the 09:00-20:00 local window."""
    moment = cal.localize(interview.interviewed_at + THANK_YOU_DELAY)
    day = moment.date()
    if moment.time() < time(WAKING_START):
        return cal.at_local(day, WAKING_START)
    if moment.time() > time(WAKING_END):
        return cal.at_local(day + timedelta(days=1), WAKING_START)
    return moment


def nudge_time_allowed(at: time) -> bool:
    """Whether a user may choose ``at`` as their nudge time: 07:00 to 21:00 inclusive, any
    minute (S6: a decent hour)."""
    return NUDGE_EARLIEST <= at <= NUDGE_LATEST


def make_plan(
    interview: Interview,
    *,
    cal: BusinessCalendar,
    nudge_hour: int = DEFAULT_NUDGE_HOUR,
    nudge_minute: int = 0,
    attempts: Sequence[Attempt] = (),
    follow_up_to: Recipient = Recipient.RECRUITER,
) -> Plan:
    """The steps still to come for ``interview``, in strictly increasing time.

    ``attempts`` are the follow-ups already made (S7, see the module docstring);
    ``follow_up_to`` is the person the user follows up with. Steps but the thank-you
    fall at ``nudge_hour:nudge_minute`` local. Raises ``ValueError`` for a nudge hour
    outside 0-23 or a nudge minute outside 0-59.
    """
    if not 0 <= nudge_hour <= 23:
        raise ValueError("nudge_hour must be between 0 and 23")
    if not 0 <= nudge_minute <= 59:
        raise ValueError("nudge_minute must be between 0 and 59")
    steps: list[Step] = []
    if not interview.thank_you_sent:
        steps.append(Step(StepKind.THANK_YOU, thank_you_at(interview, cal=cal), ("S1",)))

    ordered = sorted(attempts, key=lambda a: a.at)
    recomputed = ("S7",) if ordered else ()
    chilly = interview.vibe is Vibe.CHILLY
    s2_day = check_in_day(interview, cal=cal)

    slots = _FOLLOW_UP_SLOTS[:1] if chilly else _FOLLOW_UP_SLOTS
    filled = sum(1 for a in ordered if a.to is follow_up_to and not a.answered)
    open_slots = slots[min(filled, len(slots)) :]

    same_person_days = [cal.local_date(a.at) for a in ordered if a.to is follow_up_to]
    last_same = same_person_days[-1] if same_person_days else None
    any_days = [cal.local_date(a.at) for a in ordered]
    last_any = any_days[-1] if any_days else None

    # ``previous`` is the day of the latest follow-up so far, made or planned.
    previous: date | None = last_any
    for kind in open_slots:
        natural = s2_day if kind is StepKind.CHECK_IN else None
        if kind is StepKind.SECOND_FOLLOW_UP and steps and steps[-1].kind is StepKind.CHECK_IN:
            natural = cal.add_business_days(cal.local_date(steps[-1].at), FOLLOW_UP_SPACING)
        day, spaced = _place(
            cal,
            natural=natural,
            floor=s2_day,
            last_same=last_same,
            last_any=last_any,
        )
        base = ("S2", "S6") if kind is StepKind.CHECK_IN else ("S3",)
        if kind is StepKind.CHECK_IN and interview.promised_by is None:
            base = (*base, "T4")
        extra = ("G2",) if spaced else ()
        steps.append(
            Step(kind, cal.at_local(day, nudge_hour, nudge_minute), (*base, *extra, *recomputed))
        )
        previous = day

    if (
        interview.hiring_manager_known
        and follow_up_to.is_gatekeeper
        and not chilly
        and not any(a.answered for a in ordered)
        and not any(a.to is Recipient.HIRING_MANAGER for a in ordered)
    ):
        anchor = previous if previous is not None else s2_day
        day, _ = _place(
            cal,
            natural=cal.add_business_days(anchor, FOLLOW_UP_SPACING),
            floor=s2_day,
            last_same=None,
            last_any=last_any,
        )
        steps.append(
            Step(
                StepKind.HIRING_MANAGER,
                cal.at_local(day, nudge_hour, nudge_minute),
                ("S4", "G7", *recomputed),
            )
        )
        previous = day

    # S5 counts from the last follow-up, made or planned, and never from before
    # the S2 day: nobody moves on before the employer's own date has passed.
    anchor = max(previous, s2_day) if previous is not None else s2_day
    move_on = cal.add_business_days(anchor, MOVE_ON_AFTER)
    steps.append(
        Step(StepKind.MOVE_ON, cal.at_local(move_on, nudge_hour, nudge_minute), ("S5", *recomputed))
    )
    return Plan(steps=tuple(steps), promised_by=interview.promised_by)


def _place(
    cal: BusinessCalendar,
    *,
    natural: date | None,
    floor: date,
    last_same: date | None,
    last_any: date | None,
) -> tuple[date, bool]:
    """The business day for a follow-up slot and whether G2 spacing moved it.

    ``natural`` is where the slot falls without attempts (``None`` when it
    follows an attempt); the slot is never before ``floor`` (the S2 day), at
    least 5 business days after ``last_same`` and not on the same or the next
    calendar day as ``last_any`` (G2).
    """
    day = cal.next_business_day(max(natural or floor, floor), include_today=True)
    wanted = day
    if last_same is not None:
        day = max(day, cal.add_business_days(last_same, FOLLOW_UP_SPACING))
    if last_any is not None:
        day = max(day, cal.next_business_day(last_any + timedelta(days=2), include_today=True))
    return day, day != wanted
