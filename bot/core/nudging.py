"""Which reminder a waiting user gets, and in which words: the wait as it really went.

A plan (:func:`bot.core.plan.make_plan`) places every step as if the user did each one on
its day. The reminders count from what actually happened instead:

- :func:`main_contact` is the person the follow-ups go to: whoever the first logged
  follow-up went to, else the recruiter or HR when named, else the hiring manager, else the
  first person met (S4 and G7 need it to be someone other than the hiring manager).
- :class:`WaitFacts` is the record of one interview's wait: the follow-ups logged, the
  thank-you, and the reminders already delivered.
- :func:`message_for` says what a due step's reminder can truthfully say (a
  :class:`Message`), or that it is pointless now (:class:`Skip`) or must wait for a
  follow-up the user has not logged (:class:`Shelve`). A second follow-up is only proposed
  after a check-in that was logged (as an attempt, or with Done on its reminder); until
  then its slot asks about the check-in instead (S3 counts from the check-in itself).
- :func:`choose` picks, among one interview's reminders due at one moment, the one to send:
  at most one reminder per interview per local day (after downtime several can be due at
  once), the earliest step of the plan first, and a later follow-up step never sooner than
  five business days after the last follow-up reminder that really went out (S3, S4, S5).

Pure: ``now`` is an argument, nothing here reads a clock or a database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from bot.core.calendar import BusinessCalendar
from bot.core.plan import FOLLOW_UP_SPACING
from bot.core.types import Attempt, Recipient, StepKind

__all__ = [
    "ONE_A_DAY",
    "STEP_ORDER",
    "Choice",
    "Message",
    "Move",
    "Send",
    "SentNudge",
    "Shelve",
    "Skip",
    "WaitFacts",
    "choose",
    "main_contact",
    "message_for",
    "spaced_after",
]

STEP_ORDER: tuple[StepKind, ...] = (
    StepKind.THANK_YOU,
    StepKind.CHECK_IN,
    StepKind.SECOND_FOLLOW_UP,
    StepKind.HIRING_MANAGER,
    StepKind.MOVE_ON,
)
"""The steps in the order they happen: the earliest one still due is the most useful."""

_SPACED = (StepKind.SECOND_FOLLOW_UP, StepKind.HIRING_MANAGER, StepKind.MOVE_ON)
"""Steps that come five business days after the follow-up step before them (S3, S4, S5)."""

ONE_A_DAY = "another reminder for this interview went out today"


def main_contact(roles: Sequence[Recipient], attempts: Sequence[Attempt]) -> Recipient:
    """The person the user follows up with.

    Whoever the first logged follow-up went to, if any (what happened beats what was
    planned); else a recruiter or HR the user named, else the hiring manager, else the
    first person they met; a recruiter when they named nobody.
    """
    if attempts:
        return min(attempts, key=lambda a: a.at).to
    for role in (Recipient.RECRUITER, Recipient.HR, Recipient.HIRING_MANAGER):
        if role in roles:
            return role
    return roles[0] if roles else Recipient.RECRUITER


@dataclass(frozen=True, slots=True)
class SentNudge:
    """A reminder that was delivered: its step and when."""

    kind: StepKind
    at: datetime


@dataclass(frozen=True, slots=True)
class WaitFacts:
    """What really happened in one interview's wait (all datetimes aware)."""

    interviewed_at: datetime
    promised_by: date | None = None
    thank_you_sent_at: datetime | None = None
    roles: tuple[Recipient, ...] = ()
    attempts: tuple[Attempt, ...] = ()
    sent: tuple[SentNudge, ...] = field(default=())

    @property
    def contact(self) -> Recipient:
        return main_contact(self.roles, self.attempts)

    @property
    def follow_ups(self) -> tuple[Attempt, ...]:
        """The unanswered follow-ups to the main contact, oldest first: the check-in, then the
        second follow-up (G3 caps them at two)."""
        to = self.contact
        return tuple(
            sorted((a for a in self.attempts if a.to is to and not a.answered), key=lambda a: a.at)
        )

    @property
    def wrote_to_hiring_manager(self) -> bool:
        return any(a.to is Recipient.HIRING_MANAGER for a in self.attempts)

    def last_sent(self, kind: StepKind) -> datetime | None:
        moments = [s.at for s in self.sent if s.kind is kind]
        return max(moments) if moments else None

    def last_follow_up_nudge(self) -> datetime | None:
        """When the latest reminder of a follow-up step (not the thank-you) went out."""
        moments = [s.at for s in self.sent if s.kind is not StepKind.THANK_YOU]
        return max(moments) if moments else None


class Message(StrEnum):
    """What a reminder says; each one is true of the record it is sent with."""

    THANK_YOU = "thank_you"
    CHECK_IN = "check_in"
    CHECK_IN_AGAIN = "check_in_again"
    """The second follow-up's slot, but no check-in is logged: ask about the check-in."""
    SECOND_FOLLOW_UP = "second_follow_up"
    HIRING_MANAGER = "hiring_manager"
    MOVE_ON = "move_on"
    """Time to let go after one or two follow-ups that went unanswered."""
    MOVE_ON_QUIET = "move_on_quiet"
    """Time to let go, with no follow-up logged at all."""


@dataclass(frozen=True, slots=True)
class Send:
    message: Message


@dataclass(frozen=True, slots=True)
class Skip:
    """Pointless now, for good (the step is done or can no longer help)."""

    reason: str


@dataclass(frozen=True, slots=True)
class Shelve:
    """Not now: the step waits for a follow-up the user has not logged (re-planned once it is)."""

    reason: str


@dataclass(frozen=True, slots=True)
class Move:
    """Later: at ``until``."""

    until: datetime
    reason: str


Choice = Send | Skip | Shelve | Move


def message_for(kind: StepKind, facts: WaitFacts) -> Send | Skip | Shelve:
    """What the reminder of ``kind`` can say now, given what happened (see the module doc)."""
    done = len(facts.follow_ups)
    if kind is StepKind.THANK_YOU:
        if facts.thank_you_sent_at is not None:
            return Skip("the thank-you is already sent (S1)")
        return Send(Message.THANK_YOU)
    if kind is StepKind.CHECK_IN:
        if done >= 1:
            return Skip("a check-in is already logged (S2)")
        return Send(Message.CHECK_IN)
    if kind is StepKind.SECOND_FOLLOW_UP:
        if done >= 2:
            return Skip("the second follow-up is already logged (S3)")
        if done == 1:
            return Send(Message.SECOND_FOLLOW_UP)
        # S3 counts from a check-in that was sent; none is logged. If the check-in's own
        # reminder went out, ask about it; if it never did, this is the check-in reminder.
        if facts.last_sent(StepKind.CHECK_IN) is not None:
            return Send(Message.CHECK_IN_AGAIN)
        return Send(Message.CHECK_IN)
    if kind is StepKind.HIRING_MANAGER:
        if facts.wrote_to_hiring_manager or not facts.contact.is_gatekeeper:
            return Skip("the hiring manager is already the person written to (S4)")
        if done < 2:
            return Shelve("waits for two unanswered follow-ups to the recruiter or HR (S4, G7)")
        return Send(Message.HIRING_MANAGER)
    return Send(Message.MOVE_ON if done else Message.MOVE_ON_QUIET)


def choose(
    due: Mapping[int, StepKind],
    facts: WaitFacts,
    *,
    now: datetime,
    cal: BusinessCalendar,
    nudge_hour: int,
    nudge_minute: int,
) -> dict[int, Choice]:
    """Decide, for every reminder of one interview due at ``now`` (id -> step), what to do.

    At most one :class:`Send`: none when a reminder of this interview already went out
    today (local), else the earliest step of the plan. A follow-up step (second follow-up,
    note up the chain, move on) is moved to five business days after the last follow-up
    reminder that went out, when that is later than now; the steps not chosen today move to
    the next business day at the nudge time, or, when they come after today's follow-up
    reminder, five business days after it. Every moment is at ``nudge_hour:nudge_minute``
    local (S6).
    """
    today = cal.local_date(now)
    choices: dict[int, Choice] = {}
    ready: list[tuple[int, StepKind, Message]] = []
    for nudge_id, kind in due.items():
        verdict = message_for(kind, facts)
        if isinstance(verdict, Send):
            ready.append((nudge_id, kind, verdict.message))
        else:
            choices[nudge_id] = verdict
    if not ready:
        return choices
    ready.sort(key=lambda item: (STEP_ORDER.index(item[1]), item[0]))
    tomorrow = cal.at_local(cal.next_business_day(today), nudge_hour, nudge_minute)

    if any(cal.local_date(s.at) == today for s in facts.sent):
        for nudge_id, _, _ in ready:
            choices[nudge_id] = Move(tomorrow, ONE_A_DAY)
        return choices

    first_id, first_kind, first_message = ready[0]
    last = facts.last_follow_up_nudge()
    if first_kind in _SPACED and last is not None:
        spaced = cal.at_local(
            cal.add_business_days(cal.local_date(last), FOLLOW_UP_SPACING),
            nudge_hour,
            nudge_minute,
        )
        if spaced > now:
            reason = "counts from the last follow-up reminder that went out (S3, S5)"
            for nudge_id, kind, _ in ready:
                choices[nudge_id] = Move(_later_of(spaced, kind, first_kind, cal), reason)
            return choices
    choices[first_id] = Send(first_message)
    later = spaced_after(
        first_kind,
        now,
        [kind for _, kind, _ in ready[1:]],
        cal=cal,
        nudge_hour=nudge_hour,
        nudge_minute=nudge_minute,
    )
    for nudge_id, kind, _ in ready[1:]:
        if kind in later:
            choices[nudge_id] = Move(later[kind], "counts from the reminder that went out today")
        else:
            choices[nudge_id] = Move(tomorrow, ONE_A_DAY)
    return choices


def spaced_after(
    sent: StepKind,
    at: datetime,
    kinds: Sequence[StepKind],
    *,
    cal: BusinessCalendar,
    nudge_hour: int,
    nudge_minute: int,
) -> dict[StepKind, datetime]:
    """After the reminder of ``sent`` went out at ``at``: the earliest moment of each later
    follow-up step among ``kinds``, five business days per step between them (S3, S4, S5).

    Nothing counts from the thank-you; steps before ``sent`` are left out.
    """
    if sent is StepKind.THANK_YOU:
        return {}
    day = cal.local_date(at)
    out: dict[StepKind, datetime] = {}
    gap = 0
    for kind in STEP_ORDER[STEP_ORDER.index(sent) + 1 :]:
        if kind in _SPACED and kind in kinds:
            gap += 1
            out[kind] = cal.at_local(
                cal.add_business_days(day, gap * FOLLOW_UP_SPACING), nudge_hour, nudge_minute
            )
    return out


def _later_of(spaced: datetime, kind: StepKind, first: StepKind, cal: BusinessCalendar) -> datetime:
    """A step after the one held back waits one more business day per step between them, so
    the two never fall on the same day again."""
    gap = STEP_ORDER.index(kind) - STEP_ORDER.index(first)
    if gap <= 0:
        return spaced
    local = cal.localize(spaced)
    day = cal.add_business_days(local.date(), gap * FOLLOW_UP_SPACING)
    return cal.at_local(day, local.hour, local.minute)
