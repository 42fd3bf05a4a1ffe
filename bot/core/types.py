"""Frozen value types shared by every part of the rules core."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Vibe(StrEnum):
    """How the interview felt to the user."""

    WARM = "warm"
    NEUTRAL = "neutral"
    CHILLY = "chilly"


class Channel(StrEnum):
    """How the user proposes to reach the employer (G5: only work channels are fine)."""

    EMAIL = "email"
    PHONE = "phone"
    PERSONAL_EMAIL = "personal_email"
    PERSONAL_PHONE = "personal_phone"
    IN_PERSON = "in_person"
    SOCIAL = "social"

    @property
    def is_work_channel(self) -> bool:
        return self in (Channel.EMAIL, Channel.PHONE)


class Recipient(StrEnum):
    """Who at the employer a contact goes to."""

    RECRUITER = "recruiter"
    HR = "hr"
    HIRING_MANAGER = "hiring_manager"
    INTERVIEWER = "interviewer"

    @property
    def is_gatekeeper(self) -> bool:
        """Recruiter or HR: the people S4/G7 let the user go past once."""
        return self in (Recipient.RECRUITER, Recipient.HR)


class Outcome(StrEnum):
    """What is known about the result (G8)."""

    NONE = "none"
    OFFER = "offer"
    REJECTED = "rejected"
    CLOSED = "closed"
    WITHDREW = "withdrew"


class StepKind(StrEnum):
    """The steps of one interview's follow-up plan (S1-S5)."""

    THANK_YOU = "thank_you"
    CHECK_IN = "check_in"
    SECOND_FOLLOW_UP = "second_follow_up"
    HIRING_MANAGER = "hiring_manager"
    MOVE_ON = "move_on"


class DraftKind(StrEnum):
    """The seven kinds of e-mail draft (D)."""

    THANK_YOU = "thank_you"
    CHECK_IN = "check_in"
    SECOND_FOLLOW_UP = "second_follow_up"
    HIRING_MANAGER = "hiring_manager"
    UPDATE = "update"
    FEEDBACK_REQUEST = "feedback_request"
    WITHDRAW = "withdraw"


class Verdict(StrEnum):
    """The answer to "should I follow up?" (G rules)."""

    GO = "go"
    WAIT = "wait"
    STOP = "stop"


@dataclass(frozen=True, slots=True)
class Attempt:
    """One follow-up the user made: when, how and to whom; answered once a reply is logged."""

    at: datetime
    channel: Channel
    to: Recipient
    answered: bool = False


@dataclass(frozen=True, slots=True)
class Interview:
    """What the rules need to know about one interview.

    ``interviewed_at`` is aware. ``promised_by`` is the date (in the user's zone)
    the employer said they would answer by, or ``None`` when unknown (T4).
    """

    interviewed_at: datetime
    promised_by: date | None = None
    vibe: Vibe = Vibe.NEUTRAL
    thank_you_sent: bool = False
    hiring_manager_known: bool = False
    company: str = ""
    role: str = ""


@dataclass(frozen=True, slots=True)
class Step:
    """One planned nudge: what, when (aware, the user's zone) and the rules behind it."""

    kind: StepKind
    at: datetime
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    """An interview's follow-up plan, steps in strictly increasing time."""

    steps: tuple[Step, ...]
    promised_by: date | None = None

    def step(self, kind: StepKind) -> Step | None:
        return next((s for s in self.steps if s.kind is kind), None)


@dataclass(frozen=True, slots=True)
class Decision:
    """The verdict on one proposed contact (G1-G9)."""

    verdict: Verdict
    rules: tuple[str, ...]
    advice: str
    next_ok_at: datetime | None = None
    suggest: DraftKind | None = None


@dataclass(frozen=True, slots=True)
class Draft:
    """An e-mail draft (D): subject and body, plain text, and the rules behind it.

    The text never shows a rule id; ``rules`` keeps them for code and for "why?".
    """

    kind: DraftKind
    subject: str
    body: str
    rules: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class ToneFinding:
    """One problem the tone check (G10) found, with the words and a calmer wording."""

    rule: str
    category: str
    words: str
    why: str
    instead: str


@dataclass(frozen=True, slots=True)
class TimelineReading:
    """What the core read from the user's words about when the employer will answer.

    ``promised_by`` is ``None`` when nothing usable was said (T4); ``understood``
    says in words what was read, so the bot can confirm it; ``rules`` names the
    T rules that decided it. ``too_far`` is the date named when it lies beyond any
    sensible hiring timeline (``promised_by`` is then ``None``), so the bot can ask again.
    """

    promised_by: date | None
    understood: str
    rules: tuple[str, ...] = field(default=())
    too_far: date | None = None
