"""Coaching for the wait (C1-C5), and plain words for every rule.

- :func:`coach_wait` writes ONE short message (at most :data:`MAX_WAIT_CHARS`
  characters, plain text) about the user's own wait: how long since the interview
  and since the date they were promised (or how far off it still is), what is normal
  at this point (C1-C5 in the project's words), the next step of their plan and its
  date, and one thing to do today. Several phrasings per part, chosen by ``seed``,
  so two answers in a row do not read word for word the same; an anxious, low or
  fed-up message gets one acknowledging sentence first.
- :func:`explain` says what a rule means, and why, in one plain sentence, for a
  "Why?" button; :func:`explain_rules` does it for a decision's tuple of ids.
- :data:`COACHING`, :func:`why_silence` and :func:`calm_down` are the five longer
  notes, each at most :data:`MAX_CHARS` characters.

No text here shows a rule id or an internal name: ids stay in code and data. The
C1 figures come from the CareerBuilder survey in docs/rules.md. Pure: ``now`` is
an argument, nothing reads a clock. The caller escapes the text for its markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from types import MappingProxyType

from bot.core.calendar import BusinessCalendar
from bot.core.i18n import _, ngettext
from bot.core.types import Attempt, Interview, Outcome, Plan, Step, StepKind

__all__ = [
    "COACHING",
    "MAX_CHARS",
    "MAX_WAIT_CHARS",
    "Coaching",
    "calm_down",
    "coach_wait",
    "explain",
    "explain_rules",
    "why_silence",
]

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
        _("Silence is common"),
        _(
            "Hearing nothing after an interview happens to most candidates and says little "
            "about you. In a CareerBuilder survey of 3,991 US workers (2013), 75% had never "
            "heard back on at least one application, and among those with a poor candidate "
            "experience, 60% were never told the decision after an interview."
        ),
    ),
    Coaching(
        "C2",
        _("The reasons are usually on their side"),
        _(
            "Delays tend to come from inside the company: a stretched team, people on holiday, "
            "a hiring freeze, a reorganisation, a role that changed shape or was cut, or other "
            "candidates still being seen first. None of that is a verdict on you."
        ),
    ),
    Coaching(
        "C3",
        _("A gentle look back, for next time"),
        _(
            "When you feel ready, ask yourself a few things: did you ask when you would hear "
            "back, did you close by saying you want the job, did a thank-you go out within a "
            "day, and did the role really fit you? Whatever the answers, they are lessons for "
            "the next interview, not judgements on this one."
        ),
    ),
    Coaching(
        "C4",
        _("A preview of the workplace"),
        _(
            "The way a company treats candidates is a fair preview of how it treats the people "
            "who work there. An employer that keeps you informed now will likely do so later; "
            "a long silence tells you something about them, too."
        ),
    ),
    Coaching(
        "C5",
        _("Keep moving"),
        _(
            "Try not to take the wait personally. Keep applying and talking to other employers "
            "in the meantime: momentum feels better than refreshing your inbox, and having "
            "other options makes any answer from this one easier to take."
        ),
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


# -- plain words for every rule ----------------------------------------------------------

_EXPLAIN: Mapping[str, str] = MappingProxyType(
    {
        "T1": (
            _(
                "Asking at the end of an interview when they expect to decide gives you a date to "
                "plan around, so you know when silence is still normal."
            )
        ),
        "T2": (
            _(
                "When they give a range, like one to two weeks, I count to its far end, so you "
                "never "
                "check in before their own timeline is over."
            )
        ),
        "T3": (
            _(
                'A phrase like "next week" is read as the last working day it points to, so the '
                "wait I plan is never shorter than what they meant."
            )
        ),
        "T4": (
            _(
                "When they gave no usable date, I don't make one up: the plan counts two working "
                "weeks from the interview instead."
            )
        ),
        "S1": (
            _(
                "A short thank-you to everyone you met, sent within a day, is remembered while "
                "they "
                "are still deciding."
            )
        ),
        "S2": (
            _(
                "The first check-in goes out two working days after the date they gave, or two "
                "working weeks after the interview without one, so it never lands before they have "
                "had their chance to answer."
            )
        ),
        "S3": (
            _(
                "One more follow-up a working week after the first is fine, unless the interview "
                "felt cool; more than that starts to feel like pressure."
            )
        ),
        "S4": (
            _(
                "If a recruiter or HR left both your follow-ups unanswered and you know the hiring "
                "manager, one respectful note to that person can get things moving."
            )
        ),
        "S5": (
            _(
                "A working week after your last follow-up with no answer, it is time to let this "
                "one "
                "go and keep the door open, so your energy goes where it is returned."
            )
        ),
        "S6": (
            _(
                "Reminders come at your chosen time on working days only, never at night, at the "
                "weekend or on a public holiday."
            )
        ),
        "S7": (
            _(
                "A reply or a result stops the reminders for that interview, and a new date from "
                "them restarts the plan from that date."
            )
        ),
        "G1": (
            _(
                "Writing before the check-in day, or on the very day they promised, looks "
                "impatient "
                "before they have had their chance to answer."
            )
        ),
        "G2": (
            _(
                "Two messages to the same person should be at least a working week apart, and "
                "never "
                "on back-to-back days, so you never come across as chasing."
            )
        ),
        "G3": (
            _(
                "Two unanswered messages to one person is the limit, because a third tends to hurt "
                "your chances more than it helps."
            )
        ),
        "G4": (
            _(
                "When the interview felt cool, one polite follow-up is enough; after that your "
                "time "
                "is better spent on other applications."
            )
        ),
        "G5": (
            _(
                "Follow-ups belong on work e-mail or the office phone; personal numbers, social "
                "media or turning up in person put people on the spot."
            )
        ),
        "G6": (
            _(
                "Calls belong in working hours on working days, and fit best after an interview "
                "that felt warm."
            )
        ),
        "G7": (
            _(
                "Going past a silent recruiter to the hiring manager is fine once, with a note "
                "that "
                "shows enthusiasm and never blames anyone."
            )
        ),
        "G8": (
            _(
                "Once the result is known, follow-ups stop; after a no, one polite request for "
                "feedback is still fine."
            )
        ),
        "G9": (
            _(
                "Real news, like another offer, can be shared at any time and is not nagging; a "
                "deadline is mentioned only when there really is one."
            )
        ),
        "G10": (
            _(
                "A calm, kind message keeps doors open, while anger, guilt, pressure, sarcasm, "
                "gimmicks or flattery close them; reread it and add the address last."
            )
        ),
        "G11": (
            _(
                "A check-in lands better when it brings something, like a relevant article or "
                "piece of news, plus one line on why you still want the role."
            )
        ),
        "G12": (
            _(
                "When things went well, a recommendation from someone who knows your work, or a "
                "contact at the company, can add weight to a follow-up."
            )
        ),
        "C1": (
            _(
                "Silence after an interview is very common and says little about you: in a "
                "CareerBuilder survey of 3,991 US workers, 75% had an application go unanswered."
            )
        ),
        "C2": (
            _(
                "Delays are usually about their side: a stretched team, holidays, a hiring freeze, "
                "a reorganisation, or other candidates still being seen."
            )
        ),
        "C3": (
            _(
                "A look back helps next time: did you ask when they would decide, say you want the "
                "job, send a thank-you, and did the role really fit?"
            )
        ),
        "C4": (
            _(
                "How a company treats candidates is a fair preview of how it treats the people who "
                "work there."
            )
        ),
        "C5": (
            _(
                "Try not to take the wait personally, and keep applying elsewhere: other options "
                "make any answer easier to take."
            )
        ),
        "D": (
            _(
                "Drafts stay short, personal and calm, and never claim anything you did not tell "
                "me, such as an offer or a deadline."
            )
        ),
    }
)


def explain(rule_id: str) -> str:
    """The rule ``rule_id`` ("G2", "s1", a ``Rule`` member) in one plain sentence, with why.

    Raises ``ValueError`` for an id that is not a rule.
    """
    key = str(rule_id).strip().upper()
    try:
        return _EXPLAIN[key]
    except KeyError:
        raise ValueError(f"unknown rule id: {rule_id!r}") from None


def explain_rules(rule_ids: Iterable[str]) -> str:
    """The sentences for a tuple of ids (a plan step's or a decision's), each once, in
    order; unknown ids are left out; ``""`` when none is known."""
    seen: list[str] = []
    for rule_id in rule_ids:
        key = str(rule_id).strip().upper()
        if key in _EXPLAIN and key not in seen:
            seen.append(key)
    return " ".join(_EXPLAIN[key] for key in seen)


# -- coaching that speaks to the user's own wait -----------------------------------------

MAX_WAIT_CHARS = 600
"""The longest :func:`coach_wait` message, in characters."""

_COMPANY_CHARS = 40
_FOLLOW_UPS = (StepKind.CHECK_IN, StepKind.SECOND_FOLLOW_UP, StepKind.HIRING_MANAGER)
_STEP_WORDS = {
    StepKind.THANK_YOU: _("thank-you note"),
    StepKind.CHECK_IN: _("check-in"),
    StepKind.SECOND_FOLLOW_UP: _("second follow-up"),
    StepKind.HIRING_MANAGER: _("note to the hiring manager"),
    StepKind.MOVE_ON: _("day to move on"),
}
_THANK_YOU_WINDOW = timedelta(hours=24)  # S1
_SOON = 2  # business days: a follow-up this close is worth preparing today (G11)


class _Mood(Enum):
    ANXIOUS = "anxious"
    SLEEPLESS = "sleepless"
    LOW = "low"
    FED_UP = "fed_up"


_MOODS: tuple[tuple[_Mood, re.Pattern[str]], ...] = (
    (
        _Mood.SLEEPLESS,
        re.compile(
            r"\b(?:can'?t|cannot|couldn'?t|could not|unable to|not able to) (?:fall )?sleep|"
            r"\bno sleep\b|\binsomnia\b|\b(?:lying|laying) awake\b|\bup all night\b|"
            r"\bkeeps? me (?:up|awake)\b",
            re.IGNORECASE,
        ),
    ),
    (
        _Mood.ANXIOUS,
        re.compile(
            r"\b(?:anxious|anxiety|nervous|worried|worrying|worry|stress(?:ed|ful)?|panic\w*|"
            r"scared|afraid|freaking out|overthink\w*|on edge|obsess\w*|tense|restless|"
            r"refresh\w*|checking my (?:e-?mail|inbox|phone))\b|😰|😨|😬|😟",
            re.IGNORECASE,
        ),
    ),
    (
        _Mood.LOW,
        re.compile(
            r"\b(?:sad|(?<!calm )(?<!settle )(?<!write )(?<!sit )(?<!wind )down\b(?! the line)|"
            r"depressed|hopeless|crying|cry|upset|defeated|disappointed|worthless|useless|"
            r"failure|not good enough|give up|giving up|lost hope)\b|"
            r"😭|😢|😞|😔|☹|🙁|💔|😩",
            re.IGNORECASE,
        ),
    ),
    (
        _Mood.FED_UP,
        re.compile(
            r"\b(?:angry|annoyed|annoying|frustrat\w*|furious|pissed|fed up|sick of|"
            r"ridiculous|unfair|ghost\w*|rude)\b|😡|😤|🤬|😠",
            re.IGNORECASE,
        ),
    ),
)

_ACK: Mapping[_Mood, tuple[str, ...]] = {
    _Mood.SLEEPLESS: (
        _("I'm sorry it's keeping you up; lying awake over a wait like this is very common."),
        _(
            "Losing sleep over a wait is hard, and it shows how much this matters to you, not how "
            "it will go."
        ),
        _("Sleepless nights during a wait are more common than people admit, and they pass."),
    ),
    _Mood.ANXIOUS: (
        _("That sounds exhausting, and it makes sense: a wait with no news keeps the mind busy."),
        _("I hear you; not knowing is one of the hardest parts of job hunting."),
        _("Feeling anxious while you wait is completely normal, and you're not alone in it."),
    ),
    _Mood.LOW: (
        _("I'm sorry you're feeling low; a silent wait can make anyone doubt themselves."),
        _(
            "That sounds heavy. Feeling down during a wait is normal, and it isn't a verdict on "
            "you."
        ),
        _("I'm sorry it hurts right now; waits like this are hard on everyone."),
    ),
    _Mood.FED_UP: (
        _("That frustration makes sense; waiting on someone else's timetable is hard."),
        _("It's fair to be fed up; silence from a company you care about is annoying."),
        _("I understand the frustration; it's hard to wait when you've done your part."),
    ),
}


def _mood(feeling: str | None) -> _Mood | None:
    if not feeling:
        return None
    text = feeling[:2000].replace("\u2019", "'")
    for mood, pattern in _MOODS:
        if pattern.search(text):
            return mood
    return None


class _Phase(Enum):
    BEFORE = "before"  # the interview is still ahead
    JUST_DONE = "just_done"  # a day or less since the interview
    AHEAD = "ahead"  # their date is still to come
    TODAY = "today"  # today is their date
    PASSED = "passed"  # their date has gone by
    NO_DATE = "no_date"  # they gave none (T4)
    FOLLOWED_UP = "followed_up"  # the user followed up and has no reply yet
    REPLIED = "replied"  # they answered the user's last message
    MOVE_ON = "move_on"  # the plan's day to move on has come (S5)


# What is normal at each point, in the project's words (C1, C2, C4, C5).
_NORMAL: Mapping[_Phase, tuple[str, ...]] = {
    _Phase.JUST_DONE: (
        _("Nobody hears back this soon, so there is nothing to read into the quiet."),
        _("The first days after an interview are quiet almost everywhere; that's normal."),
        _("It's far too early for news, and silence now says nothing about how you did."),
        _(
            "Right after an interview, silence is simply how it goes; they have other people to "
            "see."
        ),
    ),
    _Phase.AHEAD: (
        _(
            "Hearing nothing before their own date is expected: decisions often wait until every "
            "candidate has been seen."
        ),
        _("Quiet before the date they gave means nothing yet; busy teams rarely decide early."),
        _(
            "It's normal to hear nothing yet: they may still be seeing other candidates or "
            "waiting on people who are away."
        ),
        _("Silence this early is the usual case, and it says little about how you did."),
    ),
    _Phase.TODAY: (
        _(
            "Answers often come late on the day or a little after it, so silence so far today "
            "means little."
        ),
        _("Their date is a target, not a promise to the hour; a day or two of slip is common."),
        _("Many answers arrive at the very end of the day they named, or just after."),
        _("If today passes quietly, that's common too: delays usually come from their side."),
    ),
    _Phase.PASSED: (
        _(
            "Dates slip all the time, usually for reasons on their side: a stretched team, "
            "holidays, or other candidates still being seen."
        ),
        _(
            "A missed date rarely says anything about you; delays tend to come from inside the "
            "company, like a freeze or a role being rethought."
        ),
        _(
            "Companies miss their own dates often, and the reasons are usually theirs: holidays, "
            "a reorganisation, a team stretched thin."
        ),
        _("Slipping past their own date is common, and it's rarely about you."),
    ),
    _Phase.NO_DATE: (
        _(
            "Silence after an interview is common and says little about you: in a CareerBuilder "
            "survey, 75% of people had an application go unanswered."
        ),
        _(
            "Not hearing back is common; delays usually come from inside the company, not from "
            "anything you did."
        ),
        _(
            "Most candidates meet silence after an interview at some point, and it says little "
            "about how you did."
        ),
        _(
            "Quiet after an interview is the norm rather than a sign; busy teams and holidays "
            "slow most decisions."
        ),
    ),
    _Phase.FOLLOWED_UP: (
        _(
            "An unanswered follow-up is common and says little about you; the delay is usually "
            "on their side."
        ),
        _(
            "Silence after a follow-up happens to most candidates, often because the people "
            "deciding are stretched or away."
        ),
        _(
            "No reply yet is normal: decisions stall on holidays, freezes and other candidates far "
            "more often than on you."
        ),
        _("A follow-up going quiet is common, and it isn't a verdict on you."),
    ),
    _Phase.REPLIED: (
        _("After a reply, a quiet spell while they arrange the next step is normal."),
        _("Once they've answered, some silence while things move inside the company is usual."),
        _("A pause after their reply is common; decisions pass through several people."),
        _("It's normal for things to go quiet again while they work through their side."),
    ),
    _Phase.MOVE_ON: (
        _(
            "When a company stays silent this long, that tells you something about how it treats "
            "people, too."
        ),
        _(
            "How a company treats candidates is a fair preview of how it treats its staff; this "
            "silence is information."
        ),
        _("A silence this long says more about them than about you."),
        _(
            "Letting go isn't giving up: if they write later, it's a bonus, and you've lost "
            "nothing."
        ),
    ),
}

# The one thing to do today, as a whole sentence around ``{todo}`` (a phrase of _TODAY_ANY or
# of :func:`_to_do`).
_TODAY_PREFIX = (
    _("One thing for today: {todo}"),
    _("For today: {todo}"),
    _("Something useful today: {todo}"),
)
_TODAY_ANY = (
    _("apply to one more role, so this wait isn't the only thing you're watching."),
    _("write down questions for the next round while the interview is still fresh."),
    _("note what went well, and what you'd ask earlier next time, like when they'll decide."),
    _("message one person in your network about other openings."),
    _("step away from the inbox for a while; I'll tell you when it's time to act."),
)


def _pick(options: Sequence[str], seed: int) -> str:
    return options[seed % len(options)]


def _day(day: date, today: date) -> str:
    """A date in short words: "Tue 15 Dec", with the year when it is not this year's."""
    text = f"{day:%a} {day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def _ago(days: int) -> str:
    if days <= 0:
        return _("today")
    if days == 1:
        return _("yesterday")
    return ngettext("{count} day ago", "{count} days ago", days).format(count=days)


def _ahead(days: int) -> str:
    if days == 1:
        return _("tomorrow")
    return ngettext("in {count} day", "in {count} days", days).format(count=days)


def _at(interview: Interview) -> str:
    company = " ".join(interview.company.split())
    if len(company) > _COMPANY_CHARS:
        company = company[: _COMPANY_CHARS - 1].rstrip() + "…"
    # A piece with its leading space, left out whole when there is no company.
    return _(" at {company}").format(company=company) if company else ""


@dataclass(frozen=True, slots=True)
class _Wait:
    """The facts of one wait that the message speaks to."""

    now: datetime
    today: date
    cal: BusinessCalendar
    interview: Interview
    phase: _Phase
    since: int  # calendar days since the interview
    unanswered: tuple[Attempt, ...]
    due: Step | None  # a follow-up whose day has come and that is not made yet
    upcoming: Step | None  # the next step still ahead (not the thank-you)
    thank_you_owed: bool


def _read_wait(
    now: datetime,
    cal: BusinessCalendar,
    interview: Interview,
    plan: Plan | None,
    attempts: Sequence[Attempt],
) -> _Wait:
    today = cal.local_date(now)
    since = (today - cal.local_date(interview.interviewed_at)).days
    ordered = tuple(sorted(attempts, key=lambda a: a.at))
    unanswered = tuple(a for a in ordered if not a.answered)
    steps = plan.steps if plan is not None else ()
    due = next((s for s in steps if s.kind in _FOLLOW_UPS and s.at <= now), None)
    upcoming = next((s for s in steps if s.kind is not StepKind.THANK_YOU and s.at > now), None)
    move_on_due = any(s.kind is StepKind.MOVE_ON and s.at <= now for s in steps)
    after = now - interview.interviewed_at
    thank_you_owed = not interview.thank_you_sent and timedelta(0) <= after < _THANK_YOU_WINDOW
    promised = interview.promised_by
    if interview.interviewed_at > now:
        phase = _Phase.BEFORE
    elif move_on_due:
        phase = _Phase.MOVE_ON
    elif unanswered and not (ordered and ordered[-1].answered):
        phase = _Phase.FOLLOWED_UP
    elif ordered and ordered[-1].answered:
        phase = _Phase.REPLIED
    elif since <= 1 and (promised is None or promised > today):
        phase = _Phase.JUST_DONE
    elif promised is None:
        phase = _Phase.NO_DATE
    elif promised > today:
        phase = _Phase.AHEAD
    elif promised == today:
        phase = _Phase.TODAY
    else:
        phase = _Phase.PASSED
    return _Wait(
        now=now,
        today=today,
        cal=cal,
        interview=interview,
        phase=phase,
        since=since,
        unanswered=unanswered,
        due=due if phase is not _Phase.MOVE_ON else None,
        upcoming=upcoming,
        thank_you_owed=thank_you_owed,
    )


def _where(w: _Wait, seed: int) -> str:
    """Where the user stands: days since the interview, and their date."""
    at = _at(w.interview)
    today = w.today
    if w.phase is _Phase.BEFORE:
        meeting = w.cal.local_date(w.interview.interviewed_at)
        gap = (meeting - today).days
        if gap <= 0:
            return _("Your interview{at} is later today.").format(at=at)
        return _("Your interview{at} is on {day}, {ahead}.").format(
            at=at, day=_day(meeting, today), ahead=_ahead(gap)
        )
    ago = _ago(w.since)
    promised = w.interview.promised_by
    if promised is None:
        return _pick(
            (
                _("Your interview{at} was {ago}, and they didn't give a date for an answer."),
                _("You had your interview{at} {ago}; they named no date for their answer."),
                _("It's {since} since your interview{at}, with no date from them."),
            ),
            seed,
        ).format(at=at, ago=ago, since=_since_words(w.since))
    day = _day(promised, today)
    gap = (promised - today).days
    if gap > 0:
        return _pick(
            (
                _("Your interview{at} was {ago}, and they said they'd answer by {day}, {ahead}."),
                _("It's {since} since your interview{at}; they said by {day}, which is {away}."),
                _("You had your interview{at} {ago}, and their date, {day}, is still {away}."),
            ),
            seed,
        ).format(
            at=at,
            ago=ago,
            day=day,
            since=_since_words(w.since),
            ahead=_ahead(gap),
            away=_away(gap),
        )
    if gap == 0:
        return _pick(
            (
                _("Your interview{at} was {ago}, and today, {day}, is the day they named."),
                _("Today is {day}, the day they gave for an answer after your interview{at}."),
                _("It's {since} since your interview{at}, and today is their date."),
            ),
            seed,
        ).format(at=at, ago=ago, day=day, since=_since_words(w.since))
    return _pick(
        (
            _("Your interview{at} was {ago}, and their date, {day}, was {passed}."),
            _("It's {since} since your interview{at}; the date they gave, {day}, passed {passed}."),
            _("You had your interview{at} {ago}, and {day}, the day they named, was {passed}."),
        ),
        seed,
    ).format(at=at, ago=ago, day=day, since=_since_words(w.since), passed=_ago(-gap))


def _since_words(days: int) -> str:
    if days <= 0:
        return _("only a few hours")
    return ngettext("a day", "{count} days", days).format(count=days)


def _away(days: int) -> str:
    if days == 1:
        return _("tomorrow")
    return ngettext("{count} day away", "{count} days away", days).format(count=days)


def _followed(w: _Wait) -> str:
    """One clause on the user's own unanswered follow-ups, or ``""``."""
    if w.phase is _Phase.REPLIED:
        return _("They answered your last message.")
    if not w.unanswered or w.phase is _Phase.BEFORE:
        return ""
    last = (w.today - w.cal.local_date(w.unanswered[-1].at)).days
    count = len(w.unanswered)
    if count == 1:
        return _("You followed up {ago} and haven't heard back yet.").format(ago=_ago(last))
    if count == 2:
        return _("You've followed up twice, most recently {ago}.").format(ago=_ago(last))
    return ngettext(
        "You've followed up {count} time, most recently {ago}.",
        "You've followed up {count} times, most recently {ago}.",
        count,
    ).format(count=count, ago=_ago(last))


def _next(w: _Wait, seed: int) -> str:
    """The next step of the plan and its date."""
    if w.phase is _Phase.BEFORE:
        return ""  # the interview itself comes first
    if w.phase is _Phase.MOVE_ON:
        return _(
            "It's time to let this one go and keep the door open; if they write, that's a bonus."
        )
    if w.due is not None:
        name = _STEP_WORDS[w.due.kind]
        return _pick(
            (
                _("Your {step} is due, so you can send it now."),
                _("The {step} is welcome now."),
                _("It's time for the {step}: there's no need to wait any longer."),
            ),
            seed,
        ).format(step=name)
    step = w.upcoming
    if step is None:
        return ""
    local = w.cal.local_date(step.at)
    day = _day(local, w.today)
    gap = (local - w.today).days
    when = _("later today") if gap <= 0 else _ahead(gap)
    if step.kind is StepKind.MOVE_ON:
        return _(
            "If nothing comes by {day}, that's the day to let this one go, with the door left open."
        ).format(day=day)
    name = _STEP_WORDS[step.kind]
    return _pick(
        (
            _("Next step: the {step} on {day}, {when}; I'll remind you that day."),
            _("The next thing to do is the {step} on {day} ({when}), and I'll remind you."),
            _("There's nothing to send before {day}, when the {step} is due; I'll nudge you then."),
        ),
        seed,
    ).format(step=name, day=day, when=when)


def _to_do(w: _Wait, mood: _Mood | None, seed: int) -> str:
    """One thing to do today."""
    prefix = _pick(_TODAY_PREFIX, seed)
    local_hour = w.cal.localize(w.now).hour
    if mood is not None and mood is not _Mood.FED_UP and (local_hour >= 21 or local_hour < 5):
        return _(
            "For tonight: close the inbox. Nothing will move before morning, and I'm keeping "
            "track of the dates."
        )
    if w.phase is _Phase.BEFORE:
        return prefix.format(
            todo=_("write down two questions to ask, and end by asking when they expect to decide.")
        )
    if w.thank_you_owed:
        return prefix.format(
            todo=_("send a short thank-you to each person you met; I can draft them.")
        )
    if w.due is not None:
        return prefix.format(
            todo=_(
                "send the {step} by work e-mail, with one useful article or piece of news and a "
                "line on why you still want the role."
            ).format(step=_STEP_WORDS[w.due.kind])
        )
    step = w.upcoming
    if (
        step is not None
        and step.kind in _FOLLOW_UPS
        and w.cal.business_days_between(w.today, w.cal.local_date(step.at)) <= _SOON
    ):
        return prefix.format(
            todo=_(
                "get the {step} ready by finding one article or piece of news worth sharing "
                "with them."
            ).format(step=_STEP_WORDS[step.kind])
        )
    if w.phase is _Phase.MOVE_ON:
        return prefix.format(
            todo=_("apply to one new role, so this one isn't the only door you're watching.")
        )
    return prefix.format(todo=_pick(_TODAY_ANY, seed))


def _ack(mood: _Mood | None, seed: int) -> str:
    return _pick(_ACK[mood], seed) if mood is not None else ""


def _fit(parts: Sequence[str], optional: Sequence[int]) -> str:
    """The parts as one paragraph, leaving out optional ones (by index, first listed first)
    until it fits :data:`MAX_WAIT_CHARS`."""
    kept = list(parts)
    text = " ".join(p for p in kept if p)
    for index in optional:
        if len(text) <= MAX_WAIT_CHARS:
            break
        kept[index] = ""
        text = " ".join(p for p in kept if p)
    return text if len(text) <= MAX_WAIT_CHARS else text[: MAX_WAIT_CHARS - 1].rstrip() + "…"


def _outcome_message(
    interview: Interview | None, outcome: Outcome, mood: _Mood | None, seed: int
) -> str:
    at = _at(interview) if interview is not None else ""
    lines: dict[Outcome, tuple[str, str]] = {
        Outcome.OFFER: (
            _("Congratulations on the offer{at}! There's nothing left to wait for there.").format(
                at=at
            ),
            _(
                "One thing for today: read the offer carefully and note your questions before you "
                "reply."
            ),
        ),
        Outcome.REJECTED: (
            _(
                "I'm sorry about the news{at}. A no stings, and it says less about you than it "
                "feels like. When you're ready, a look back helps next time: did you ask when "
                "they'd decide, say you wanted the job, send a thank-you?"
            ).format(at=at),
            _(
                "One thing for today: if you'd like, send one short request for feedback, then put "
                "your energy into the next application."
            ),
        ),
        Outcome.CLOSED: (
            _(
                "The role{at} was closed, and that's about them, not you: roles get cut or frozen "
                "all the time."
            ).format(at=at),
            _("One thing for today: apply to one new role while your interview practice is fresh."),
        ),
        Outcome.WITHDREW: (
            _("You chose to step away{at}; that's a decision, not a loss.").format(at=at),
            _(
                "One thing for today: put the time you've freed into the applications you want "
                "most."
            ),
        ),
    }
    first, today = lines[outcome]
    ack = _ack(mood, seed) if outcome is not Outcome.OFFER else ""
    return _fit((ack, first, today), (0,))


def coach_wait(
    *,
    now: datetime,
    cal: BusinessCalendar,
    interview: Interview | None,
    plan: Plan | None = None,
    attempts: Sequence[Attempt] = (),
    outcome: Outcome = Outcome.NONE,
    feeling: str | None = None,
    seed: int = 0,
) -> str:
    """One short message about this wait, plain text, at most :data:`MAX_WAIT_CHARS` long.

    In order: one acknowledging sentence when ``feeling`` (the user's own words)
    sounds anxious, sleepless, low or fed up; where they stand (days since the
    interview, and since their promised date or how far off it still is; their own
    follow-ups); what is normal at this point (C1, C2, C4, C5); the next step of
    ``plan`` and its date; one thing to do today. ``plan`` is the interview's current
    plan (:func:`bot.core.plan.make_plan` with ``attempts``), ``None`` when none is
    kept. ``seed`` (e.g. the update id) picks among several phrasings of each part,
    so consecutive answers differ. With ``interview=None`` the message is generic and
    invites the user to tell about their interview; with a known ``outcome`` it
    speaks to that instead of the wait. ``now`` must be aware.
    """
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    mood = _mood(feeling)
    if outcome is not Outcome.NONE:
        return _outcome_message(interview, Outcome(outcome), mood, seed)
    if interview is None:
        return _fit(
            (
                _ack(mood, seed),
                _pick(_NORMAL[_Phase.NO_DATE], seed),
                _(
                    "Tell me about your interview (the company, when it was and when they said "
                    "they'd answer) and I'll work out when to follow up."
                ),
                _pick(_TODAY_PREFIX, seed).format(todo=_pick(_TODAY_ANY, seed)),
            ),
            (1,),
        )
    wait = _read_wait(now, cal, interview, plan, attempts)
    normal = _NORMAL.get(wait.phase)
    parts = (
        _ack(mood, seed),
        _where(wait, seed),
        _followed(wait),
        _pick(normal, seed) if normal else "",
        _next(wait, seed),
        _to_do(wait, mood, seed),
    )
    return _fit(parts, (3, 2))
