"""Coaching texts for the wait (RULEBOOK C1-C5).

Short, warm, plain-text paragraphs the bot shows for ``/why`` (why the silence) and
``/calm`` (steadying the user). Each is at most 400 characters; the caller escapes
and formats them. The C1 figures come from the CareerBuilder survey the rulebook cites.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["COACHING", "MAX_CHARS", "Coaching", "calm_down", "why_silence"]

MAX_CHARS = 400


@dataclass(frozen=True, slots=True)
class Coaching:
    """One coaching note: the rule it paraphrases, a title and the text."""

    rule: str
    title: str
    text: str


_NOTES = (
    Coaching(
        "C1",
        "Silence is common",
        "Hearing nothing after an interview happens to most candidates and says little "
        "about you. In a CareerBuilder survey of 3,991 US workers (2013), 75% had never "
        "heard back on at least one application, and among those with a poor candidate "
        "experience, 60% were never told the decision after an interview.",
    ),
    Coaching(
        "C2",
        "The reasons are usually on their side",
        "Delays tend to come from inside the company: a stretched team, people on holiday, "
        "a hiring freeze, a reorganisation, a role that changed shape or was cut, or other "
        "candidates still being seen first. None of that is a verdict on you.",
    ),
    Coaching(
        "C3",
        "A gentle look back, for next time",
        "When you feel ready, ask yourself a few things: did you ask when you would hear "
        "back, did you close by saying you want the job, did a thank-you go out within a "
        "day, and did the role really fit you? Whatever the answers, they are lessons for "
        "the next interview, not judgements on this one.",
    ),
    Coaching(
        "C4",
        "A preview of the workplace",
        "The way a company treats candidates is a fair preview of how it treats the people "
        "who work there. An employer that keeps you informed now will likely do so later; "
        "a long silence tells you something about them, too.",
    ),
    Coaching(
        "C5",
        "Keep moving",
        "Try not to take the wait personally. Keep applying and talking to other employers "
        "in the meantime: momentum feels better than refreshing your inbox, and having "
        "other options makes any answer from this one easier to take.",
    ),
)

COACHING: Mapping[str, Coaching] = MappingProxyType({note.rule: note for note in _NOTES})
"""The five notes, keyed by rule id ``"C1"`` .. ``"C5"``."""


def why_silence() -> tuple[Coaching, ...]:
    """For ``/why``: silence is common (C1), the usual reasons (C2), what it says (C4)."""
    return (COACHING["C1"], COACHING["C2"], COACHING["C4"])


def calm_down() -> tuple[Coaching, ...]:
    """For ``/calm``: keep moving (C5), it is common (C1), a look back for later (C3)."""
    return (COACHING["C5"], COACHING["C1"], COACHING["C3"])
