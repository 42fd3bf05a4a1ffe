"""The answers a conversation collects, one typed class per flow.

Questions shared by several flows read and write the fields of a shared base class (the zone
question writes :class:`ZoneAnswers`, the timeline questions :class:`TimelineAnswers`, and so
on). The database keeps them as JSON; :func:`from_json` and :func:`to_json` are the only
places they are converted (dates as ISO strings, enums as their values), with pydantic
checking what comes back, so a row written by an older version either reads as the right
types or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import AwareDatetime, TypeAdapter, ValidationError

from bot.core.types import Recipient, Vibe

__all__ = [
    "Answers",
    "DetailAnswers",
    "EditAnswers",
    "InterviewAnswers",
    "NewDateAnswers",
    "NewsAnswers",
    "NoAnswers",
    "OnboardAnswers",
    "PendingAnswers",
    "PersonAnswer",
    "TimelineAnswers",
    "ZoneAnswers",
    "for_flow",
    "from_json",
    "to_json",
]

PersonAnswer = tuple[str, Recipient, str | None]
"""Someone the user met: name, role, work e-mail."""


@dataclass
class NoAnswers:
    """A flow that keeps nothing between questions (the hour, the country, a tone check)."""


@dataclass
class ZoneAnswers:
    """The zone question: the places offered when a city name was ambiguous."""

    zone_choices: list[str] = field(default_factory=list)


@dataclass
class OnboardAnswers(ZoneAnswers):
    """Onboarding; ``then == "new"`` goes on to a new interview (for ``company``, if named)."""

    then: str | None = None
    company: str | None = None
    held: list[str] = field(default_factory=list)  # told before setup: read once it is done


@dataclass
class TimelineAnswers:
    """What they said about hearing back, and the date read from it (T2-T4)."""

    said: str | None = None
    promised_by: date | None = None
    understood: str = ""


@dataclass
class InterviewAnswers(TimelineAnswers):
    """A new interview, question by question."""

    company: str = ""
    role: str = ""
    interviewed_at: AwareDatetime | None = None
    people: list[PersonAnswer] = field(default_factory=list)
    vibe: Vibe | None = None
    thanks: bool = False
    told: bool = False  # facts came from one message: ask only what is missing, then review
    fixing: bool = False  # a fact is being fixed from the review: go back to it after
    held: list[str] = field(default_factory=list)  # told in between: read once it is saved


@dataclass
class EditAnswers(InterviewAnswers):
    """One fact of a stored interview changed: ``field`` names which."""

    edit_id: int = 0
    field: str = "company"


@dataclass
class NewDateAnswers(TimelineAnswers):
    """They gave a new date for a stored interview."""

    edit_id: int = 0


@dataclass
class OutcomeAnswers:
    """An outcome read from text, waiting for the user's yes before anything closes."""

    edit_id: int = 0
    choice: str = ""  # a ReplyChoice value
    question: str = ""  # the confirmation as shown (HTML, already escaped)


@dataclass
class PendingAnswers:
    """A message that waits while the user picks the interview it is about."""

    text: str = ""
    intent: str = ""


@dataclass
class NewsAnswers:
    """Real news to share in an update draft (G9)."""

    edit_id: int = 0
    news: str = ""


@dataclass
class DetailAnswers:
    """The one thing from the interview a thank-you should mention, asked before drafting."""

    edit_id: int = 0
    to: str = ""  # a name: that person's note only
    detail: str = ""


Answers = (
    NoAnswers
    | ZoneAnswers
    | OnboardAnswers
    | TimelineAnswers
    | InterviewAnswers
    | EditAnswers
    | NewDateAnswers
    | NewsAnswers
    | PendingAnswers
    | DetailAnswers
    | OutcomeAnswers
)

_FLOWS: dict[str, type[Answers]] = {
    "onboard": OnboardAnswers,
    "zone": ZoneAnswers,
    "hour": NoAnswers,
    "country": NoAnswers,
    "new": InterviewAnswers,
    "edit": EditAnswers,
    "newdate": NewDateAnswers,
    "tone": NoAnswers,
    "news": NewsAnswers,
    "pending": PendingAnswers,
    "name": NoAnswers,
    "detail": DetailAnswers,
    "outcome": OutcomeAnswers,
}
_ADAPTERS: dict[type[Answers], TypeAdapter[Any]] = {
    kind: TypeAdapter(kind) for kind in set(_FLOWS.values())
}


def for_flow(flow: str) -> type[Answers]:
    """The answers class of ``flow``; ``KeyError`` for a flow this version does not know."""
    return _FLOWS[flow]


def from_json(flow: str, data: object) -> Answers | None:
    """Stored answers of ``flow`` as their class; ``None`` when they do not fit it."""
    kind = _FLOWS.get(flow)
    if kind is None or not isinstance(data, dict):
        return None
    try:
        answers = _ADAPTERS[kind].validate_python(data)
    except ValidationError:
        return None
    assert isinstance(answers, kind)
    return answers


def to_json(answers: Answers) -> dict[str, Any]:
    """The answers as JSON-ready values (ISO dates, enum values)."""
    data = _ADAPTERS[type(answers)].dump_python(answers, mode="json")
    assert isinstance(data, dict)
    return data
