"""What the storage layer hands back: frozen records of stored rows.

Pure value types (no database import). Every datetime is aware and in UTC, as
stored; dates (``promised_by``) are calendar dates in the user's own zone.
:meth:`InterviewRecord.to_core` and :meth:`InterviewRecord.core_attempts`
turn a stored interview into what the rules (S, G) take.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

from bot.core.types import Attempt, Channel, Interview, Recipient, StepKind, Vibe

__all__ = [
    "AttemptRecord",
    "InterviewRecord",
    "InterviewStatus",
    "NudgeRecord",
    "NudgeState",
    "Person",
    "UserProfile",
]


class InterviewStatus(StrEnum):
    """Where an interview stands (G8 outcomes, S5 moved on, S7 a reply)."""

    WAITING = "waiting"
    REPLIED = "replied"
    OFFER = "offer"
    REJECTED = "rejected"
    CLOSED = "closed"
    WITHDREW = "withdrew"
    MOVED_ON = "moved_on"

    @property
    def is_open(self) -> bool:
        """Still waiting for the employer: nudges may be pending (S7 closes the others)."""
        return self is InterviewStatus.WAITING


class NudgeState(StrEnum):
    """The life of one planned nudge row."""

    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    CANCELLED = "cancelled"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class UserProfile:
    """One Telegram user of the bot and their settings (zone, country, nudge time: S6)."""

    id: int
    telegram_user_id: int
    chat_id: int
    zone: str | None
    country: str | None
    nudge_hour: int
    nudge_minute: int  # the nudge time is nudge_hour:nudge_minute local, to the minute (S6)
    language_code: str | None
    blocked_at: datetime | None
    created_at: datetime
    name: str | None = None  # how the user signs their e-mails, once they said it

    @property
    def nudge_at(self) -> time:
        """The local wall time the user's reminders arrive at (S6)."""
        return time(self.nudge_hour, self.nudge_minute)


@dataclass(frozen=True, slots=True)
class Person:
    """Someone at the employer the user deals with."""

    id: int
    name: str
    role: Recipient
    email: str | None = None


@dataclass(frozen=True, slots=True)
class AttemptRecord:
    """One stored follow-up by the user (an "attempt" in docs/rules.md)."""

    id: int
    at: datetime
    channel: Channel
    to: Recipient
    answered: bool
    person_id: int | None = None

    def to_core(self) -> Attempt:
        return Attempt(at=self.at, channel=self.channel, to=self.to, answered=self.answered)


@dataclass(frozen=True, slots=True)
class InterviewRecord:
    """One stored interview with its people and attempts (oldest attempt first)."""

    id: int
    owner_id: int
    company: str
    role: str
    interviewed_at: datetime
    said: str | None
    promised_by: date | None
    vibe: Vibe
    thank_you_sent_at: datetime | None
    status: InterviewStatus
    notes: str | None
    people: tuple[Person, ...] = field(default=())
    attempts: tuple[AttemptRecord, ...] = field(default=())
    created_at: datetime | None = None

    @property
    def hiring_manager_known(self) -> bool:
        """S4/G7 need a hiring manager the user knows."""
        return any(p.role is Recipient.HIRING_MANAGER for p in self.people)

    def to_core(self) -> Interview:
        """The interview as the rules core sees it."""
        return Interview(
            interviewed_at=self.interviewed_at,
            promised_by=self.promised_by,
            vibe=self.vibe,
            thank_you_sent=self.thank_you_sent_at is not None,
            hiring_manager_known=self.hiring_manager_known,
            company=self.company,
            role=self.role,
        )

    def core_attempts(self) -> tuple[Attempt, ...]:
        """The attempts as the rules core sees them, oldest first."""
        return tuple(a.to_core() for a in sorted(self.attempts, key=lambda a: (a.at, a.id)))

    def person(self, person_id: int) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)


@dataclass(frozen=True, slots=True)
class NudgeRecord:
    """One planned step of an interview's plan (S1-S5) as a stored row.

    ``due_at`` is UTC. ``claim_token``/``lease_until`` belong to the scheduler
    that claimed the row; ``attempts`` counts delivery tries, ``last_error``
    the last failure; ``reason`` says why it was cancelled or skipped (S7);
    ``rules`` are the rule ids behind the step.
    """

    id: int
    interview_id: int
    owner_id: int
    kind: StepKind
    due_at: datetime
    state: NudgeState
    claim_token: str | None
    lease_until: datetime | None
    sent_at: datetime | None
    telegram_message_id: int | None
    attempts: int
    last_error: str | None
    reason: str | None
    rules: tuple[str, ...] = field(default=())
