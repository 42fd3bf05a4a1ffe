"""The questions the bot asks, one at a time: onboarding, a new interview, edits, settings.

Each question has an ``ask`` (the prompt and its buttons) and an ``answer`` (typed text, a
pressed button, or /skip). Answers are checked, bounded and stored in the conversation row
before the next question is asked; /back re-asks the previous question with the answers so
far kept.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import time
from typing import Any

from bot.core.calendar import country_for_zone, has_holidays
from bot.core.phrasing import job_title
from bot.core.plan import nudge_time_allowed
from bot.core.timeline import (
    InterviewWhen,
    WhenProblem,
    describe_date,
    judge_interview_time,
    read_promise,
    read_timeline,
)
from bot.core.tone import check_tone
from bot.core.types import DraftKind, Recipient, Vibe
from bot.core.understand import is_name_like, people_in, says_no_date, vibe_of_answer
from bot.places import find_places_soon, guess_places_soon, zone_for_location, zone_label
from bot.services import interviews, people, plans
from bot.storage import repo
from bot.telegram import cards, presses, texts, views
from bot.telegram.answers import (
    Answers,
    DetailAnswers,
    EditAnswers,
    InterviewAnswers,
    NewDateAnswers,
    NewsAnswers,
    OnboardAnswers,
    OutcomeAnswers,
    TimelineAnswers,
    ZoneAnswers,
    for_flow,
)
from bot.telegram.callbacks import parse_id
from bot.telegram.conversation import Conversation, clear, load, save
from bot.telegram.html import clean, esc
from bot.telegram.presses import AnswerQuestion, press_button
from bot.telegram.runtime import Turn

MAX_COMPANY = 100
MAX_ROLE = 100
MAX_NAME = 80
MAX_SAID = 300
MAX_DRAFT = 5000
MAX_PEOPLE = 10
MAX_DETAIL = 200


@dataclass(frozen=True)
class Reply:
    """What the user gave to the open question: typed text, a button value, or /skip."""

    text: str | None = None
    value: str | None = None
    skip: bool = False
    location: tuple[float, float] | None = None


def answer_button(label: str, question: str, value: object) -> tuple[str, str]:
    """A button that answers ``question`` with ``value`` (``q:<question>:<value>``)."""
    return press_button(label, AnswerQuestion(question, str(value)))


Ask = Callable[[Turn, Conversation], Awaitable[None]]
Answer = Callable[[Turn, Conversation, Reply], Awaitable[None]]


@dataclass(frozen=True)
class Question:
    ask: Ask
    answer: Answer
    optional: bool = False


Finisher = Callable[[Turn, Conversation], Awaitable[None]]

# --- running a flow --------------------------------------------------------------------------


def order(conv: Conversation) -> list[str]:
    if isinstance(conv.answers, EditAnswers):
        field = conv.answers.field
        return [field, "timeline_ok"] if field == "timeline" else [field]
    return list(ORDER.get(conv.flow, (conv.question,)))


async def start(
    turn: Turn, flow: str, answers: Answers | None = None, *, ask: bool = True
) -> Conversation:
    """Begin ``flow`` (replacing any open conversation) and ask its first question that is
    not answered yet (a new interview told in one message skips what it said). With
    ``ask`` false the question is only opened: the caller answers it at once ("/timezone
    tokyo")."""
    conv = Conversation(flow=flow, question="", answers=answers or for_flow(flow)())
    steps = order(conv)
    first = next((q for q in steps if not _answered(conv, q)), steps[-1])
    if isinstance(conv.answers, InterviewAnswers) and flow == "new" and conv.answers.told:
        turn.say(texts.TOLD_SO_FAR.format(facts=_summary(turn, conv.answers)))
    conv.question = first
    await save(turn, conv)
    if ask:
        await QUESTIONS[first].ask(turn, conv)
    return conv


def _answered(conv: Conversation, question: str) -> bool:
    """Whether a new interview told in one message already answered ``question``."""
    answers = conv.answers
    if conv.flow != "new" or not isinstance(answers, InterviewAnswers):
        return False
    if question == "company":
        return bool(answers.company)  # named in the free text that started the flow
    if question == "vibe" and answers.vibe is not None:
        return True  # told before its question ("meh, kinda awkward" at the date)
    if not answers.told:
        return False
    return {
        "company": bool(answers.company),
        "role": bool(answers.role),
        "when": answers.interviewed_at is not None,
        "people": bool(answers.people),
        "timeline": answers.said is not None,
        "timeline_ok": True,  # the review shows the date with a button to fix it
        "vibe": answers.vibe is not None,
    }.get(question, False)


async def advance(turn: Turn, conv: Conversation) -> None:
    """Move to the next question that applies, or finish the flow."""
    steps = order(conv)
    index = steps.index(conv.question) if conv.question in steps else len(steps) - 1
    answers = conv.answers
    if isinstance(answers, InterviewAnswers) and answers.fixing and "review" in steps:
        # One fact fixed from the summary: back to the summary (a new date is confirmed first).
        following = "timeline_ok" if conv.question == "timeline" and _has_date(answers) else ""
        if not following:
            answers.fixing = False
            following = "review"
        conv.question = following
        await save(turn, conv)
        await QUESTIONS[following].ask(turn, conv)
        return
    for following in steps[index + 1 :]:
        if following == "timeline_ok" and not _has_date(conv.answers):
            continue
        if _answered(conv, following):
            continue
        if following == "review" and not (
            isinstance(conv.answers, InterviewAnswers) and conv.answers.told
        ):
            continue
        conv.history.append(conv.question)
        conv.question = following
        await save(turn, conv)
        await QUESTIONS[following].ask(turn, conv)
        return
    await clear(turn)
    await FINISH[conv.flow](turn, conv)


def _has_date(answers: Answers) -> bool:
    return isinstance(answers, TimelineAnswers) and answers.promised_by is not None


async def ask_again(turn: Turn, conv: Conversation) -> None:
    """Ask the open question once more (or close a conversation this version cannot read)."""
    question = QUESTIONS.get(conv.question)
    if question is None:
        await clear(turn)
        turn.say(texts.EXPIRED)
        return
    await question.ask(turn, conv)


async def go_back(turn: Turn) -> None:
    conv = await load(turn)
    if conv is None:
        turn.say(texts.NO_QUESTION_TO_GO_BACK)
        return
    if not conv.history:
        turn.say(texts.NOTHING_TO_GO_BACK)
        await ask_again(turn, conv)
        return
    conv.question = conv.history.pop()
    await save(turn, conv)
    await QUESTIONS[conv.question].ask(turn, conv)


async def respond(turn: Turn, conv: Conversation, reply: Reply) -> None:
    question = QUESTIONS.get(conv.question)
    if question is None:  # a state from an older version: start over kindly
        await clear(turn)
        turn.say(texts.EXPIRED)
        return
    if reply.skip and not question.optional:
        turn.say(texts.CANNOT_SKIP)
        await question.ask(turn, conv)
        return
    await question.answer(turn, conv, reply)


# --- onboarding and settings -----------------------------------------------------------------


async def ask_zone(turn: Turn, conv: Conversation) -> None:
    turn.say(texts.ASK_ZONE)


async def answer_zone(turn: Turn, conv: Conversation, reply: Reply) -> None:
    answers = conv.answers_as(ZoneAnswers)
    zone: str | None = None
    if reply.location is not None:
        place = zone_for_location(*reply.location)
        zone = place.zone if place else None
        if zone is None:
            turn.say(texts.ZONE_NOT_FOUND)
            return
    elif reply.value is not None:
        index = parse_id(reply.value)
        if index is not None and index < len(answers.zone_choices):
            zone = answers.zone_choices[index]
        else:
            turn.say(texts.EXPIRED)
            return
    elif len(answers.zone_choices) == 1 and _is_yes(reply.text or ""):
        zone = answers.zone_choices[0]  # "yes" to "did you mean this one?"
    else:
        typed = reply.text or ""
        places = await find_places_soon(typed)
        guessed = False
        if not places and not zone_meta(typed):
            places = await guess_places_soon(typed)
            guessed = bool(places)
        if not places:
            turn.say(_not_a_place(typed))
            return
        if len(places) > 1 or guessed:
            answers.zone_choices = [p.zone for p in places]
            await save(turn, conv)
            echo = " ".join(typed.split())[:MAX_ZONE_ECHO]
            turn.say(
                (
                    texts.ZONE_DID_YOU_MEAN_ONE if len(places) == 1 else texts.ZONE_DID_YOU_MEAN
                ).format(place=esc(echo))
                if guessed
                else texts.ZONE_PICK,
                [[answer_button(p.label[:60], "zone", i)] for i, p in enumerate(places)],
            )
            return
        zone = places[0].zone
    answers.zone_choices = []
    turn.user = await plans.change_settings(
        turn.session, turn.user, zone=zone, country=country_for_zone(zone)
    )
    turn.plan_changed = True
    local = turn.cal.localize(turn.now)
    holidays_of = turn.user.country
    turn.say(
        texts.ZONE_SET.format(
            zone=esc(zone_label(zone)), weekday=f"{local:%A}", time=f"{local:%H:%M}"
        )
        + (texts.ZONE_HOLIDAYS.format(country=esc(holidays_of)) if holidays_of else "")
    )
    await advance(turn, conv)


_GREETING = re.compile(
    r"(?:hi+|hello|hey+|hiya|yo|good (?:morning|afternoon|evening)|namaste|hola|salut|"
    r"hallo|ciao|howdy|sup|greetings)(?: there| hearback| bot)?[\s!.,]*(?:👋)?",
    re.IGNORECASE,
)
_WHY = re.compile(
    r"\?$|^(?:why|what for|how come|whats? (?:it|this) for|do you need|is (?:it|that) "
    r"needed|what do you (?:need|mean|use))",
    re.IGNORECASE,
)
_REFUSAL = re.compile(
    r"^(?:no+|nope|nah|skip|later|pass|idk|dunno|not sure|i dont know|i don't know|"
    r"rather not|prefer not|i'?d rather not|none|n/a|na|private|not telling)\b",
    re.IGNORECASE,
)


_ACK = re.compile(
    r"(?:ok(?:ay)?|k|sure|yes|yeah|yep|yup|alright|all right|fine|cool|got it|great|thanks|"
    r"thank you|ty|thx)[\s!.,]*",
    re.IGNORECASE,
)


def _is_yes(text: str) -> bool:
    return " ".join(text.casefold().split()).strip(" !.") in (*texts.YES_WORDS, "sure", "yup")


def zone_meta(text: str) -> bool:
    """Whether a reply to the zone question is about the question itself (a greeting, "ok",
    "why?", "skip", a time) rather than a place or anything to keep for later."""
    plain = " ".join(text.split())[: MAX_ZONE_ECHO * 4]
    return _not_a_place(plain) not in (texts.ZONE_NOT_FOUND, _named(plain))


def _named(plain: str) -> str:
    return texts.ZONE_NOT_FOUND_NAMED.format(place=esc(plain))


def _not_a_place(text: str) -> str:
    """A kind answer to a reply to the zone question that names no place we know."""
    plain = " ".join(text.split())[: MAX_ZONE_ECHO * 4]
    if _GREETING.fullmatch(plain):
        return texts.ZONE_GREETING
    if _ACK.fullmatch(plain):
        return texts.ZONE_ASK_AGAIN
    if _REFUSAL.match(plain):
        return texts.ZONE_NEEDED
    if _WHY.search(plain):
        return texts.ZONE_WHY
    if parse_nudge_time(plain) is not None:
        return texts.ZONE_TIME_FIRST
    if 0 < len(plain) <= MAX_ZONE_ECHO:
        return _named(plain)
    return texts.ZONE_NOT_FOUND


MAX_ZONE_ECHO = 40  # a longer reply is not repeated back


async def ask_hour(turn: Turn, conv: Conversation) -> None:
    # Whole hours as quick picks; any minute can be typed.
    rows = [
        [answer_button(f"{h:02d}:00", "hour", h) for h in (8, 9, 10, 11)],
        [answer_button(f"{h:02d}:00", "hour", h) for h in (12, 14, 16, 18)],
    ]
    now = f"{turn.user.nudge_at:%H:%M}"
    turn.say(texts.ASK_HOUR + texts.HOUR_NOW.format(time=now), rows)


MAX_TIME_TEXT = 40
_AM_PM = r"(?:\s*(?P<ap>[ap])\.?\s*m\.?)?"
_CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?:\s*[:.h]\s*(?P<m>\d{2}))?\s*(?:o'?\s*clock)?" + _AM_PM, re.ASCII
)
_PAST_TO = re.compile(
    r"(?P<by>half|(?:a\s+)?quarter|\d{1,2})(?:\s+minutes?)?\s+(?P<way>past|after|to|before)\s+"
    r"(?P<h>\d{1,2})(?:\s*o'?\s*clock)?" + _AM_PM,
    re.ASCII,
)


def _hour24(hour: int, ap: str | None) -> int | None:
    if ap is None:
        return hour if hour <= 23 else None
    if not 1 <= hour <= 12:
        return None
    return hour % 12 + (12 if ap == "p" else 0)


def parse_nudge_time(text: str) -> time | None:
    """The reminder time a user typed, to the minute, or ``None`` when it is not a time from
    07:00 to 21:00 (S6). Reads "9", "09:30", "14.30", "14h30", "1430", "2pm", "7:30 p.m.",
    "9 o'clock", "half past 8", "quarter to 10", "20 past 7", "noon"; never guesses am/pm."""
    plain = " ".join(text.casefold().replace("’", "'").split())[:MAX_TIME_TEXT]
    plain = re.sub(r"^(?:at|around|about)\s+", "", plain)
    plain = re.sub(r"^(\d{1,2})(\d{2})(?!\d)", r"\1:\2", plain, flags=re.ASCII)  # 1430, 930pm
    if plain in ("noon", "midday", "12 noon"):
        return time(12, 0)
    minutes: int | None = None
    if clock := _CLOCK.fullmatch(plain):
        hour, minute = _hour24(int(clock["h"]), clock["ap"]), int(clock["m"] or 0)
        if hour is not None and minute <= 59:
            minutes = hour * 60 + minute
    elif phrase := _PAST_TO.fullmatch(plain):
        word = phrase["by"]
        by = 30 if word == "half" else 15 if "quarter" in word else int(word)
        hour = _hour24(int(phrase["h"]), phrase["ap"])
        if hour is not None and 1 <= by <= 59:
            minutes = hour * 60 + (-by if phrase["way"] in ("to", "before") else by)
    if minutes is None or not 0 <= minutes < 24 * 60:
        return None
    at = time(minutes // 60, minutes % 60)
    return at if nudge_time_allowed(at) else None


async def answer_hour(turn: Turn, conv: Conversation, reply: Reply) -> None:
    at = parse_nudge_time(reply.value or reply.text or "")
    if at is None:
        turn.say(texts.HOUR_BAD)
        return
    turn.user = await plans.change_settings(
        turn.session, turn.user, nudge_hour=at.hour, nudge_minute=at.minute
    )
    turn.plan_changed = True
    turn.say(texts.HOUR_SET.format(time=f"{at:%H:%M}"))
    await advance(turn, conv)


async def ask_country(turn: Turn, conv: Conversation) -> None:
    turn.say(texts.ASK_COUNTRY.format(country=esc(turn.user.country or texts.NONE_SET)))


async def answer_country(turn: Turn, conv: Conversation, reply: Reply) -> None:
    code = (reply.text or "").strip().upper()
    if not has_holidays(code):
        turn.say(texts.COUNTRY_BAD)
        return
    turn.user = await plans.change_settings(turn.session, turn.user, country=code)
    turn.plan_changed = True
    turn.say(texts.COUNTRY_SET.format(country=esc(code)))
    await advance(turn, conv)


async def finish_onboard(turn: Turn, conv: Conversation) -> None:
    answers = conv.answers_as(OnboardAnswers)
    if answers.then == "new":
        await start(turn, "new", InterviewAnswers(company=answers.company or ""))
        return
    turn.say(texts.ONBOARDED_SHORT if answers.held else texts.ONBOARDED)


async def finish_setting(turn: Turn, conv: Conversation) -> None:
    return None


MAX_OWN_NAME = 60


async def ask_name(turn: Turn, conv: Conversation) -> None:
    tg_user = turn.update.effective_user
    first = clean(tg_user.first_name, MAX_OWN_NAME) if tg_user and tg_user.first_name else ""
    rows = [[answer_button(texts.BUTTON_SIGN_AS.format(name=first), "name", "tg")]] if first else []
    turn.say(texts.ASK_NAME, rows or None)


async def answer_name(turn: Turn, conv: Conversation, reply: Reply) -> None:
    tg_user = turn.update.effective_user
    if reply.value == "tg" and tg_user is not None and tg_user.first_name:
        name = clean(tg_user.first_name, MAX_OWN_NAME)
    else:
        name = clean(reply.text or "", MAX_OWN_NAME)
    if not name:
        await ask_name(turn, conv)
        return
    turn.user = await plans.change_settings(turn.session, turn.user, name=name)
    turn.say(texts.NAME_SAVED.format(name=esc(name)))
    await advance(turn, conv)


# --- a new interview -------------------------------------------------------------------------


async def ask_company(turn: Turn, conv: Conversation) -> None:
    turn.say(texts.ASK_COMPANY)


def display_company(company: str) -> str:
    """A company typed all in lower case gets capitals ("razorpay" -> "Razorpay"); one typed
    with any capital is kept as typed ("eBay", "CRED")."""
    if company and company == company.lower():
        return " ".join(w[:1].upper() + w[1:] for w in company.split())
    return company


async def answer_company(turn: Turn, conv: Conversation, reply: Reply) -> None:
    company = display_company(clean(reply.text or "", MAX_COMPANY))
    if not company:
        turn.say(texts.ASK_COMPANY)
        return
    conv.answers_as(InterviewAnswers).company = company
    await advance(turn, conv)


async def ask_role(turn: Turn, conv: Conversation) -> None:
    turn.say(texts.ASK_ROLE)


async def answer_role(turn: Turn, conv: Conversation, reply: Reply) -> None:
    role = "" if reply.skip else job_title(clean(reply.text or "", MAX_ROLE))
    conv.answers_as(InterviewAnswers).role = role
    await advance(turn, conv)


async def ask_when(turn: Turn, conv: Conversation) -> None:
    turn.say(texts.ASK_WHEN, [[answer_button(texts.BUTTON_JUST_NOW, "when", "now")]])


async def answer_when(turn: Turn, conv: Conversation, reply: Reply) -> None:
    judged = (
        InterviewWhen(turn.now)
        if reply.skip or reply.value == "now"
        else judge_interview_time(reply.text or "", now=turn.now, cal=turn.cal)
    )
    moment = judged.moment
    if moment is None:
        problem = judged.problem or WhenProblem.UNREADABLE
        said = {
            WhenProblem.IMPOSSIBLE_TIME: texts.WHEN_IMPOSSIBLE.format(
                clock=f"<b>{esc(judged.detail)}</b>"
            ),
            WhenProblem.IN_FUTURE: texts.WHEN_AHEAD,
            WhenProblem.TOO_OLD: texts.WHEN_TOO_OLD,
        }.get(problem, texts.WHEN_BAD)
        turn.say(said, [[answer_button(texts.BUTTON_JUST_NOW, "when", "now")]])
        return
    conv.answers_as(InterviewAnswers).interviewed_at = moment
    turn.say(texts.INTERVIEW_AT.format(when=views.when(moment, turn.cal, turn.now)))
    await advance(turn, conv)


def parse_person(text: str) -> tuple[str, Recipient, str | None]:
    """ "Dana Lee, recruiter, dana@acme.com" → name, role, e-mail (all optional but name)."""
    name, role, email = people.parse_person(text)
    return clean(name or views.RECIPIENT_NAMES[role], MAX_NAME), role, email


async def ask_people(turn: Turn, conv: Conversation) -> None:
    met = conv.answers_as(InterviewAnswers).people
    note = texts.PEOPLE_SO_FAR.format(count=len(met)) if met else ""
    turn.say(texts.ASK_PEOPLE + note, [[answer_button(texts.BUTTON_EVERYONE, "people", "done")]])


_NO_MORE_PEOPLE = re.compile(
    r"(?:(?:that'?s|thats|that is|it'?s|its) )?(?:every(?:one|body)|all|it|done|nobody(?: else)?|"
    r"no ?one(?: else)?|none|no|nope|no more|that was it|just (?:them|those|him|her)|"
    r"only (?:them|those|him|her)|finished|nothing else)(?: (?:thanks|thx|ty))?[.! ]*"
)


async def answer_people(turn: Turn, conv: Conversation, reply: Reply) -> None:
    typed_done = bool(_NO_MORE_PEOPLE.fullmatch((reply.text or "").strip().casefold()))
    if reply.skip or reply.value == "done" or typed_done:
        await advance(turn, conv)
        return
    text = clean(reply.text or "", 300)
    if not text:
        await ask_people(turn, conv)
        return
    answers = conv.answers_as(InterviewAnswers)
    if len(answers.people) >= MAX_PEOPLE:
        turn.say(texts.PEOPLE_FULL.format(limit=MAX_PEOPLE))
        await advance(turn, conv)
        return
    typed = parse_person(text)  # "Dana Lee, recruiter, dana@acme.com": the usual shape
    if is_name_like(typed[0]):
        name = " ".join(
            w if any(c.isupper() for c in w) else w.capitalize() for w in typed[0].split()
        )
        found = [(name, typed[1], typed[2])]
    else:  # a sentence ("also vikram from HR, he was the recruiter"): read it
        found = [
            (clean(p.name, MAX_NAME), p.role or typed[1], p.email)
            for p in people_in(text)
            if p.name
        ]
    if not found:  # "ugh still nothing": not a person; nothing is stored
        turn.say(texts.PEOPLE_NO_NAME, [[answer_button(texts.BUTTON_EVERYONE, "people", "done")]])
        return
    lines = []
    for name, role, email in found[: MAX_PEOPLE - len(answers.people)]:
        answers.people.append((name, role, email))
        line = texts.PERSON_ADDED.format(name=esc(name), role=views.role_word(role))
        if email:
            line += texts.PERSON_EMAIL.format(email=esc(email))
        lines.append(line)
        if email and people.is_personal_email(email):
            lines.append(texts.PERSONAL_EMAIL)
    await save(turn, conv)
    turn.say(
        "\n".join(lines) + texts.ANYONE_ELSE,
        [[answer_button(texts.BUTTON_EVERYONE, "people", "done")]],
    )


async def ask_timeline(turn: Turn, conv: Conversation) -> None:
    turn.say(texts.ASK_TIMELINE, [[answer_button(texts.BUTTON_NO_DATE, "timeline", "none")]])


async def answer_timeline(turn: Turn, conv: Conversation, reply: Reply) -> None:
    answers = conv.answers_as(TimelineAnswers)
    if reply.skip or reply.value == "none" or says_no_date(reply.text or ""):
        answers.said = None
        answers.promised_by = None
        if conv.flow != "newdate":  # a reply without a date is summed up when it is saved
            turn.say(texts.NO_DATE.format(tip=texts.TIMELINE_TIP))
        await advance(turn, conv)
        return
    said = clean(reply.text or "", MAX_SAID)
    # What was said at the interview counts from the interview ("within 2 weeks" of it);
    # a new date reported later counts from now.
    said_at = (
        answers.interviewed_at
        if conv.flow == "new" and isinstance(answers, InterviewAnswers)
        else None
    )
    reading = (
        read_promise(said, said_at=said_at, cal=turn.cal)
        if said_at is not None
        else read_timeline(said, now=turn.now, cal=turn.cal)
    )
    answers.said = said
    if reading.too_far is not None:
        answers.promised_by = None
        await save(turn, conv)
        day = describe_date(reading.too_far, today=turn.cal.local_date(turn.now))
        turn.say(
            texts.TIMELINE_TOO_FAR.format(day=f"<b>{esc(day)}</b>"),
            [[answer_button(texts.BUTTON_NO_DATE, "timeline", "none")]],
        )
        return
    if reading.promised_by is None:
        answers.promised_by = None
        await save(turn, conv)
        turn.say(
            texts.READ_AS.format(
                understood=esc(reading.understood), unknown=texts.TIMELINE_UNKNOWN
            ),
            [[answer_button(texts.BUTTON_NO_DATE, "timeline", "none")]],
        )
        return
    answers.promised_by = reading.promised_by
    answers.understood = reading.understood
    await advance(turn, conv)


async def ask_timeline_ok(turn: Turn, conv: Conversation) -> None:
    answers = conv.answers_as(TimelineAnswers)
    if answers.promised_by is None:  # nothing to confirm
        await advance(turn, conv)
        return
    today = turn.cal.local_date(turn.now)
    day = describe_date(answers.promised_by, today=today)
    # "by Friday 4 December (end of next week)": the day is in bold already, so only the
    # reason is shown, and where it counts from when that is not today
    reason = answers.understood.partition(" (")[2].removesuffix(")") or answers.understood
    if (
        conv.flow == "new"
        and isinstance(answers, InterviewAnswers)
        and answers.interviewed_at is not None
        and turn.cal.local_date(answers.interviewed_at) != today
    ):
        reason = texts.COUNTED_FROM_INTERVIEW.format(
            reason=reason, day=views.day(turn.cal.local_date(answers.interviewed_at))
        )
    turn.say(
        texts.CONFIRM_DATE.format(day=esc(day), understood=esc(reason)),
        [
            [
                answer_button(texts.BUTTON_YES, "timeline_ok", "yes"),
                answer_button(texts.BUTTON_REPHRASE, "timeline_ok", "no"),
            ],
            [answer_button(texts.BUTTON_NO_DATE, "timeline_ok", "none")],
        ],
    )


async def answer_timeline_ok(turn: Turn, conv: Conversation, reply: Reply) -> None:
    choice = reply.value or (reply.text or "").strip().casefold().rstrip("!.")
    if choice in texts.YES_WORDS:
        await advance(turn, conv)
    elif choice in texts.NO_WORDS:
        conv.question = "timeline"
        await save(turn, conv)
        await ask_timeline(turn, conv)
    elif choice == "none":
        conv.answers_as(TimelineAnswers).promised_by = None
        await advance(turn, conv)
    else:  # a typed correction: read it as the new answer to the timeline question
        text = clean(reply.text or "", MAX_SAID)
        answers = conv.answers_as(TimelineAnswers)
        said_at = (
            answers.interviewed_at
            if conv.flow == "new" and isinstance(answers, InterviewAnswers)
            else None
        )
        reading = (
            read_promise(text, said_at=said_at, cal=turn.cal)
            if said_at is not None
            else read_timeline(text, now=turn.now, cal=turn.cal)
        )
        if reading.promised_by is None and reading.too_far is None:
            # Not a date ("meh, kinda awkward"): the date stays; a feeling is kept for later.
            vibe = _vibe_in(text)
            if vibe is not None and isinstance(answers, InterviewAnswers):
                answers.vibe = vibe
                await save(turn, conv)
                turn.say(texts.VIBE_NOTED_AS.format(vibe=views.VIBE_NAMES[vibe]))
            else:
                turn.say(texts.PICK_A_BUTTON)
            await ask_timeline_ok(turn, conv)
            return
        conv.question = "timeline"
        await answer_timeline(turn, conv, reply)


def _vibe_in(text: str) -> Vibe | None:
    """The vibe an answer gives: read as a sentence first (so "it didn't go well" is not
    warm), else one of the plain vibe words as a whole word ("so so", "not sure")."""
    vibe = vibe_of_answer(text)
    if vibe is not None:
        return vibe
    words = " " + " ".join(re.findall(r"\w+", text.casefold())) + " "
    return next((v for v, ws in VIBE_WORDS.items() if any(f" {w} " in words for w in ws)), None)


VIBE_WORDS = texts.VIBE_WORDS


async def ask_vibe(turn: Turn, conv: Conversation) -> None:
    turn.say(
        texts.ASK_VIBE,
        [[answer_button(views.VIBE_NAMES[v], "vibe", v.value) for v in Vibe]],
    )


async def answer_vibe(turn: Turn, conv: Conversation, reply: Reply) -> None:
    vibe: Vibe | None = None
    if reply.value in {v.value for v in Vibe}:
        vibe = Vibe(reply.value)
    else:
        vibe = _vibe_in(reply.text or "")
    if vibe is None:
        turn.say(texts.PICK_A_BUTTON)
        await ask_vibe(turn, conv)
        return
    conv.answers_as(InterviewAnswers).vibe = vibe
    await advance(turn, conv)


async def ask_thanks(turn: Turn, conv: Conversation) -> None:
    turn.say(
        texts.ASK_THANK_YOU,
        [
            [
                answer_button(texts.BUTTON_SENT_YES, "thanks", "yes"),
                answer_button(texts.BUTTON_NOT_YET, "thanks", "no"),
            ]
        ],
    )


_NOT_SENT = re.compile(r"\b(?:no|not|nope|havent|didnt|dont|yet|forgot|will|gonna|going to)\b")
_SENT = re.compile(r"\b(?:sent|emailed|mailed|wrote|written|did|done|yes|yep|yeah)\b")


def thanks_sent(text: str) -> bool | None:
    """Whether a typed answer says the thank-you went out: "yes", "not yet", "i sent the
    thank you last night", "no i havent sent it yet"; ``None`` when it says neither."""
    words = re.sub(r"[^\w\s]", "", text.casefold())
    about_thanks = "thank" in words or len(words.split()) <= 3
    if words.startswith(("n", "not")) or (about_thanks and _NOT_SENT.search(words)):
        return False
    if words.startswith(("y", "sent", "done")) or (about_thanks and _SENT.search(words)):
        return True
    return None


async def answer_thanks(turn: Turn, conv: Conversation, reply: Reply) -> None:
    answers = conv.answers_as(InterviewAnswers)
    sent = {"yes": True, "no": False}.get(reply.value) if reply.value else None
    if sent is None and reply.text:
        sent = thanks_sent(reply.text)
    if sent is None and reply.skip:
        sent = False
    if sent is None:
        turn.say(texts.PICK_A_BUTTON)
        await ask_thanks(turn, conv)
        return
    answers.thanks = sent
    await advance(turn, conv)


def _summary(turn: Turn, answers: InterviewAnswers) -> str:
    """Everything understood about a new interview, one fact a line (what is known)."""
    lines = []
    if answers.company:
        lines.append(texts.FACT_COMPANY.format(company=esc(answers.company)))
    if answers.role:
        lines.append(texts.FACT_ROLE.format(role=esc(answers.role)))
    if answers.interviewed_at is not None:
        lines.append(
            texts.FACT_WHEN.format(when=views.when(answers.interviewed_at, turn.cal, turn.now))
        )
    if answers.promised_by is not None:
        lines.append(texts.FACT_PROMISE.format(day=views.day(answers.promised_by)))
    elif answers.said is not None:
        lines.append(texts.FACT_NO_PROMISE)
    for name, role, email in answers.people:
        line = texts.FACT_PERSON.format(name=esc(name), role=views.role_word(role))
        lines.append(line + (texts.PERSON_EMAIL.format(email=esc(email)) if email else ""))
    if answers.vibe is not None:
        lines.append(texts.FACT_VIBE.format(vibe=views.VIBE_NAMES[answers.vibe]))
    return "\n".join(lines) or texts.FACT_NOTHING


REVIEW_FIXES = (
    (texts.EDIT_COMPANY, "company"),
    (texts.EDIT_ROLE, "role"),
    (texts.EDIT_WHEN, "when"),
    (texts.EDIT_TIMELINE, "timeline"),
    (texts.EDIT_PEOPLE, "people"),
    (texts.EDIT_VIBE, "vibe"),
)


async def ask_review(turn: Turn, conv: Conversation) -> None:
    answers = conv.answers_as(InterviewAnswers)
    fixes = [answer_button(label, "review", field) for label, field in REVIEW_FIXES]
    rows = [fixes[i : i + 3] for i in range(0, len(fixes), 3)]
    rows.append([answer_button(texts.BUTTON_SAVE_INTERVIEW, "review", "save")])
    turn.say(texts.REVIEW.format(facts=_summary(turn, answers)), rows)


async def answer_review(turn: Turn, conv: Conversation, reply: Reply) -> None:
    answers = conv.answers_as(InterviewAnswers)
    choice = reply.value or (reply.text or "").strip().casefold().rstrip("!.")
    if choice == "save" or choice in texts.YES_WORDS or choice in texts.REVIEW_OK_WORDS:
        await advance(turn, conv)
        return
    typed = {label.casefold(): f for label, f in REVIEW_FIXES}
    field = next((f for _, f in REVIEW_FIXES if f == choice), None) or typed.get(choice)
    if field is None:
        turn.say(texts.REVIEW_HOW)
        await ask_review(turn, conv)
        return
    if field == "people":
        answers.people = []
    answers.fixing = True
    conv.history.append("review")
    conv.question = field
    await save(turn, conv)
    await QUESTIONS[field].ask(turn, conv)


async def ask_pick(turn: Turn, conv: Conversation) -> None:
    """Which interview a waiting message is about: one button per open interview."""
    records = await repo.list_interviews(turn.session, owner_id=turn.user.id)
    waiting = [r for r in records if r.status in plans.OPEN] or records
    rows = [[answer_button(views.interview_label(r), "pick", r.id)] for r in waiting[-8:]]
    turn.say(texts.WHICH_INTERVIEW_FOR_THIS, rows)


async def answer_pick(turn: Turn, conv: Conversation, reply: Reply) -> None:
    # The command layer resumes a picked message (it knows the frame actions); typed text
    # while a pick is open is read as a new message there too.
    await ask_pick(turn, conv)


async def finish_pending(turn: Turn, conv: Conversation) -> None:
    """Nothing to store: the command layer acts on what was picked or confirmed."""


async def ask_outcome_ok(turn: Turn, conv: Conversation) -> None:
    """ "They said no?" with the buttons that record it (or ask what happened instead); a
    typed yes or no is read by the command layer, which knows the reply actions."""
    answers = conv.answers_as(OutcomeAnswers)
    turn.say(
        answers.question,
        [
            [
                press_button(
                    texts.BUTTON_YES_RECORD,
                    presses.Reply(answers.edit_id, presses.ReplyChoice(answers.choice)),
                )
            ],
            [press_button(texts.BUTTON_NOT_THAT, presses.Reply(answers.edit_id))],
        ],
    )


async def answer_outcome_ok(turn: Turn, conv: Conversation, reply: Reply) -> None:
    turn.say(texts.PICK_A_BUTTON)
    await ask_outcome_ok(turn, conv)


async def finish_new(turn: Turn, conv: Conversation) -> None:
    answers = conv.answers_as(InterviewAnswers)
    planned = await interviews.create(
        turn.session,
        turn.user,
        company=answers.company or texts.THE_COMPANY,
        role=answers.role,
        interviewed_at=answers.interviewed_at or turn.now,
        said=answers.said,
        promised_by=answers.promised_by,
        vibe=answers.vibe or Vibe.NEUTRAL,
        thank_you_sent_at=turn.now if answers.thanks else None,
        people=answers.people,
    )
    turn.plan_changed = True
    cards.show_new(turn, planned)


async def finish_edit(turn: Turn, conv: Conversation) -> None:
    answers = conv.answers_as(EditAnswers)
    changed = EDITS[answers.field](answers) if answers.field in EDITS else {}
    planned = await interviews.update(turn.session, turn.user, answers.edit_id, **changed)
    if planned is None:
        turn.say(texts.EXPIRED)
        return
    turn.plan_changed = True
    cards.show_updated(turn, planned, texts.UPDATED)


EDITS: dict[str, Callable[[EditAnswers], dict[str, Any]]] = {
    "company": lambda a: {"company": a.company},
    "role": lambda a: {"role": a.role},
    "when": lambda a: {"interviewed_at": a.interviewed_at} if a.interviewed_at else {},
    "timeline": lambda a: {"said": a.said, "promised_by": a.promised_by},
    "vibe": lambda a: {"vibe": a.vibe} if a.vibe else {},
}
"""What each editable field changes in the stored interview."""


async def finish_newdate(turn: Turn, conv: Conversation) -> None:
    answers = conv.answers_as(NewDateAnswers)
    planned = await interviews.update(
        turn.session,
        turn.user,
        answers.edit_id,
        said=answers.said,
        promised_by=answers.promised_by,
    )
    if planned is None:
        turn.say(texts.EXPIRED)
        return
    turn.plan_changed = True
    cards.show_updated(
        turn,
        planned,
        texts.NEW_DATE_NOTED if answers.promised_by is not None else texts.NO_NEW_DATE_NOTED,
    )


# --- tone and news ---------------------------------------------------------------------------


async def ask_tone(turn: Turn, conv: Conversation) -> None:
    turn.say(texts.TONE_ASK)


async def answer_tone(turn: Turn, conv: Conversation, reply: Reply) -> None:
    text = clean(reply.text or "", MAX_DRAFT)
    if not text:
        turn.say(texts.TONE_ASK)
        return
    await clear(turn)
    show_tone(turn, text)


def show_tone(turn: Turn, text: str) -> None:
    findings = check_tone(text)
    turn.say(views.tone_text(findings) if findings else texts.TONE_OK)


async def ask_detail(turn: Turn, conv: Conversation) -> None:
    turn.say(texts.ASK_DETAIL, [[answer_button(texts.BUTTON_SKIP_DETAIL, "detail", "skip")]])


_NO_DETAIL = re.compile(r"(?:no|nope|nah|nothing|none|skip|no thanks|not really|pass)[.! ]*")


async def answer_detail(turn: Turn, conv: Conversation, reply: Reply) -> None:
    typed = (reply.text or "").strip()
    skipped = reply.skip or reply.value == "skip" or bool(_NO_DETAIL.fullmatch(typed.casefold()))
    detail = "" if skipped else clean(typed, MAX_DETAIL)
    if not skipped and not detail:
        await ask_detail(turn, conv)
        return
    conv.answers_as(DetailAnswers).detail = detail
    await advance(turn, conv)


async def finish_detail(turn: Turn, conv: Conversation) -> None:
    answers = conv.answers_as(DetailAnswers)
    if answers.detail:
        await interviews.set_detail(turn.session, turn.user, answers.edit_id, detail=answers.detail)
    await cards.send_draft(turn, answers.edit_id, DraftKind.THANK_YOU, to=answers.to or None)


async def ask_news(turn: Turn, conv: Conversation) -> None:
    turn.say(texts.ASK_NEWS)


async def answer_news(turn: Turn, conv: Conversation, reply: Reply) -> None:
    news = clean(reply.text or "", 200)
    if not news:
        await ask_news(turn, conv)
        return
    conv.answers_as(NewsAnswers).news = news
    await advance(turn, conv)


async def finish_news(turn: Turn, conv: Conversation) -> None:
    answers = conv.answers_as(NewsAnswers)
    await cards.send_draft(turn, answers.edit_id, DraftKind.UPDATE, news=answers.news)


QUESTIONS: dict[str, Question] = {
    "zone": Question(ask_zone, answer_zone),
    "hour": Question(ask_hour, answer_hour, optional=True),
    "country": Question(ask_country, answer_country),
    "company": Question(ask_company, answer_company),
    "role": Question(ask_role, answer_role, optional=True),
    "when": Question(ask_when, answer_when, optional=True),
    "people": Question(ask_people, answer_people, optional=True),
    "timeline": Question(ask_timeline, answer_timeline, optional=True),
    "timeline_ok": Question(ask_timeline_ok, answer_timeline_ok),
    "vibe": Question(ask_vibe, answer_vibe),
    "thanks": Question(ask_thanks, answer_thanks, optional=True),
    "tone": Question(ask_tone, answer_tone),
    "news": Question(ask_news, answer_news),
    "review": Question(ask_review, answer_review),
    "pick": Question(ask_pick, answer_pick),
    "name": Question(ask_name, answer_name),
    "detail": Question(ask_detail, answer_detail, optional=True),
    "outcome_ok": Question(ask_outcome_ok, answer_outcome_ok),
}
ORDER: dict[str, tuple[str, ...]] = {
    "onboard": ("zone", "hour"),
    "zone": ("zone",),
    "hour": ("hour",),
    "country": ("country",),
    "new": (
        "company",
        "role",
        "when",
        "people",
        "timeline",
        "timeline_ok",
        "vibe",
        "thanks",
        "review",
    ),
    "pending": ("pick",),
    "name": ("name",),
    "newdate": ("timeline", "timeline_ok"),
    "tone": ("tone",),
    "news": ("news",),
    "detail": ("detail",),
    "outcome": ("outcome_ok",),
}
FINISH: dict[str, Finisher] = {
    "onboard": finish_onboard,
    "zone": finish_setting,
    "hour": finish_setting,
    "country": finish_setting,
    "new": finish_new,
    "edit": finish_edit,
    "newdate": finish_newdate,
    "tone": finish_setting,
    "news": finish_news,
    "pending": finish_pending,
    "name": finish_setting,
    "detail": finish_detail,
    "outcome": finish_pending,
}
