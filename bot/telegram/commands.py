"""Every command of the bot in one table, and the ways in that lead to it.

A :class:`Command` names what the user can do: its slash command, its line in /help and in
Telegram's command menu, what it does, the free-text intents that mean it, and the prefix of
its buttons' callback data. :mod:`bot.telegram.handlers` registers the table with PTB (one
``CommandHandler`` per name, one ``CallbackQueryHandler`` per button prefix), /help and the
menu list it, and free text recognised as an intent runs the command that claims it.

Adding a command is one entry in :data:`COMMANDS` plus its handler. A command with buttons
is a :func:`typed_command`: its buttons are a kind of :mod:`bot.telegram.presses`, and the
handler gets ``(turn, press)`` whether a button was pressed or the command typed with words
(``/status 3`` as ``st:3``). A plain :class:`Command` gets ``(turn, words)``.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Final

from telegram import Message

from bot.core.intents import closest_commands
from bot.core.records import NudgeRecord
from bot.core.timeline import read_timeline
from bot.core.types import Recipient, StepKind
from bot.core.understand import Frame, FrameIntent, frame_intent, is_name_like, term_asked
from bot.services import plans
from bot.services.plans import OPEN
from bot.storage import nudges as nudge_store
from bot.storage import repo
from bot.telegram import actions, cards, flows, nudges, presses, texts, understood
from bot.telegram.answers import InterviewAnswers, OnboardAnswers
from bot.telegram.callbacks import parse_id, unpack
from bot.telegram.conversation import Conversation, clear, load, save
from bot.telegram.html import clean, esc
from bot.telegram.presses import press_button
from bot.telegram.runtime import Turn

__all__ = [
    "BY_BUTTON",
    "BY_INTENT",
    "BY_NAME",
    "COMMANDS",
    "MENU",
    "Action",
    "Command",
    "TextAction",
    "button_pattern",
    "on_expired_button",
    "on_location",
    "on_other",
    "on_text",
    "on_unknown_command",
    "pressed",
    "route_intent",
    "run_command",
]

MAX_TEXT = 5000

Action = Callable[[Turn, Sequence[str]], Awaitable[None]]
"""What a command or a button does: the turn, and the command's words or the button's args."""
TextAction = Callable[[Turn, Frame, str], Awaitable[None]]
"""What a command does for free text understood as its intent (the frame has the facts)."""


@dataclass(frozen=True, slots=True)
class Command:
    """One thing the user can do, and every way to reach it.

    ``name``: the slash command (``None`` for a button-only entry). ``help``: its line in
    /help and the command menu (``None`` keeps it out of both). ``run``: what it does.
    ``button``: the callback-data prefix its buttons carry; a press runs ``on_button`` when
    given, else ``run``. ``intents``: free text that means this command, handled by
    ``on_text`` when given, else by ``run`` with no args. ``suggest``: offered as a button
    when the bot did not understand a message.
    """

    name: str | None
    help: str | None
    run: Action
    button: str | None = None
    on_button: Action | None = None
    intents: tuple[FrameIntent, ...] = ()
    on_text: TextAction | None = None
    suggest: bool = True

    @property
    def press(self) -> Action:
        """What one of its buttons does."""
        return self.on_button or self.run


# --- commands with their own behaviour ---------------------------------------------------------


async def on_start(turn: Turn, args: Sequence[str] = ()) -> None:
    await clear(turn)
    if turn.user.zone:
        turn.say(texts.WELCOME + "\n\n" + texts.WELCOME_BACK)
        return
    turn.say(texts.WELCOME)
    await flows.start(turn, "onboard")


MAX_OPEN_INTERVIEWS = understood.MAX_OPEN_INTERVIEWS


async def start_new(turn: Turn, company: str | None = None) -> None:
    """A new interview (asking for the user's zone first, the first time)."""
    if not await understood.room_for_another(turn):
        return
    if not turn.zone_known:
        turn.say(texts.ZONE_FIRST)
        await flows.start(turn, "onboard", OnboardAnswers(then="new", company=company))
        return
    await flows.start(turn, "new", InterviewAnswers(company=company or ""))


async def on_new(turn: Turn, press: presses.NewInterview | None = None) -> None:
    conv = await load(turn)
    if conv is not None and await _unsaved_interview(turn, conv):
        return
    await start_new(turn)


async def new_from_words(turn: Turn, words: Sequence[str]) -> None:
    """``/new globex backend dev``: the words are read as the start of the story (company,
    role, day, people), as if the user had written "I had an interview at globex ..."."""
    told = clean(" ".join(words), MAX_TEXT)[:500]
    if not told:
        await on_new(turn)
        return
    report = texts.NEW_WITH_WORDS.format(words=told)
    conv = await load(turn)
    if conv is not None and isinstance(conv.answers, InterviewAnswers) and conv.answers.company:
        # Another interview is half told: this one waits until that one is saved.
        conv.answers.held = [*conv.answers.held, report][-_MAX_HELD:]
        await save(turn, conv)
        turn.say(texts.HELD_FOR_LATER)
        await flows.ask_again(turn, conv)
        return
    frame = await understood.read(turn, report)
    if frame.intent is not FrameIntent.NEW_INTERVIEW or not frame.company:
        await start_new(turn)
        return
    await clear(turn)
    await understood.new_interview(turn, frame, report)


async def _unsaved_interview(turn: Turn, conv: Conversation) -> bool:
    """/new while another interview is half told: say so and ask its question again, rather
    than drop what was told (True). /cancel drops it."""
    answers = conv.answers
    if conv.flow != "new" or not isinstance(answers, InterviewAnswers) or not answers.company:
        return False
    turn.say(texts.FINISH_THIS_ONE_FIRST.format(company=esc(answers.company)))
    await flows.ask_again(turn, conv)
    return True


async def on_delete(turn: Turn, args: Sequence[str] = ()) -> None:
    # Typed words never erase an account ("/delete yes"): the confirmation buttons first.
    await actions.do_delete(turn, presses.Delete())


_ONE_INTERVIEW = re.compile(
    r"\b(?:this|that|the|one|an?|my) (?:[\w-]+ )?(?:interview|one|entry|application)\b|"
    r"\bduplicate\b|\bfrom (?:my |the )?list\b"
)
_WHOLE_ACCOUNT = re.compile(r"\b(?:everything|all|account|data|history|info|information|profile)\b")


async def on_delete_text(turn: Turn, frame: Frame, text: str) -> None:
    """ "delete this interview, it was a duplicate", "remove the acme one": one interview,
    never the account; "delete my data": the account (both ask before anything goes)."""
    low = " ".join(text.casefold().split())
    one = bool(frame.company) or bool(_ONE_INTERVIEW.search(low))
    if not one or _WHOLE_ACCOUNT.search(low):
        await on_delete(turn)
        return
    interview = None
    if frame.company:
        records = await repo.list_interviews(turn.session, owner_id=turn.user.id)
        named = [r for r in records if r.company.casefold() == frame.company.casefold()]
        interview = named[-1].id if len(named) == 1 else None
    await actions.do_remove(turn, presses.RemoveInterview(interview))


async def on_cancel(turn: Turn, args: Sequence[str] = ()) -> None:
    turn.say(texts.CANCELLED if await clear(turn) else texts.NOTHING_TO_CANCEL)


async def on_back(turn: Turn, args: Sequence[str] = ()) -> None:
    await flows.go_back(turn)


async def on_skip(turn: Turn, args: Sequence[str] = ()) -> None:
    conv = await load(turn)
    if conv is None:
        turn.say(texts.NOTHING_TO_SKIP)
        return
    await flows.respond(turn, conv, flows.Reply(skip=True))


async def on_timezone(turn: Turn, press: presses.TimeZone | None = None) -> None:
    await flows.start(turn, "zone")


async def on_timezone_words(turn: Turn, args: Sequence[str] = ()) -> None:
    """``/timezone`` asks where the user is; ``/timezone tokyo`` answers it at once."""
    place = clean(" ".join(args), 200)
    if not place:
        await on_timezone(turn)
        return
    conv = await flows.start(turn, "zone", ask=False)
    await _answer(turn, conv, flows.Reply(text=place))


async def start_tone(turn: Turn, press: presses.Tone | None = None) -> None:
    await flows.start(turn, "tone")


async def on_tone(turn: Turn, args: Sequence[str] = ()) -> None:
    """``/tone`` alone asks for the draft; ``/tone <draft>`` checks it at once."""
    message = turn.update.effective_message
    text = message.text if message and message.text else ""
    _, _, rest = text.partition(" ")
    rest = clean(rest, flows.MAX_DRAFT)
    if rest:
        flows.show_tone(turn, rest)
    else:
        await start_tone(turn)


async def do_help(turn: Turn, press: presses.Help | None = None) -> None:
    lines = [texts.HELP_TITLE]
    lines += [texts.HELP_LINE.format(command=c.name, line=esc(c.help)) for c in MENU]
    lines += ["", texts.HELP_FREE_TEXT]
    turn.say("\n".join(lines))


# --- free text ----------------------------------------------------------------------------------


async def tone_from_text(turn: Turn, frame: Frame, text: str) -> None:
    body = _after_marker(text)
    if body:
        flows.show_tone(turn, body)
    else:
        await start_tone(turn)


async def _named_interview(turn: Turn, frame: Frame) -> int | None:
    """The id of the stored interview the message names, else ``None`` (ask)."""
    if not frame.company:
        return None
    records = await repo.list_interviews(turn.session, owner_id=turn.user.id)
    named = [r for r in records if r.company == frame.company]
    return named[-1].id if named else None


async def on_calm(turn: Turn, press: presses.Calm | None = None) -> None:
    """/calm: a few words about the user's own wait (as for a worried message)."""
    await understood.feeling(turn, Frame(FrameIntent.FEELING), "")


async def status_from_text(turn: Turn, frame: Frame, text: str) -> None:
    await actions.do_status(turn, presses.Status(await _named_interview(turn, frame)))


async def calendar_from_text(turn: Turn, frame: Frame, text: str) -> None:
    await actions.do_calendar(turn, presses.Calendar(await _named_interview(turn, frame)))


def _after_marker(text: str) -> str:
    """The draft pasted after "check this:" (or the whole text when it is long enough)."""
    lowered = text.casefold()
    for marker in texts.TONE_MARKERS:
        at = lowered.find(marker)
        if at != -1:
            rest = text[at + len(marker) :].lstrip(" :-–\n")
            _, sep, after_colon = rest.partition(":")
            body = after_colon if sep and len(rest.split(":", 1)[0]) < 20 else rest
            if len(body.split()) >= 3:
                return body.strip()
    return text if len(text.split()) >= 25 else ""


async def on_text(turn: Turn) -> None:
    """A text message: the answer to the open question, else a command said in words."""
    message = turn.update.effective_message
    raw = message.text if message and message.text else ""
    text = clean(raw, MAX_TEXT)
    conv = await load(turn)
    if conv is not None and conv.flow == "pending":
        await clear(turn)  # a new message instead of picking: the waiting one is dropped
        conv = None
    if conv is not None and conv.flow == "outcome":
        if await understood.confirm_outcome_typed(turn, conv, text):
            return
        await clear(turn)  # not a yes or no: the question is dropped, the text read anew
        conv = None
    if conv is not None:
        if not text:
            turn.say(texts.EMPTY)
            await flows.ask_again(turn, conv)
            return
        if await _steering(turn, conv, text):
            return
        term = term_asked(text)
        if term is not None:
            turn.say(texts.TERMS[term])
            await flows.ask_again(turn, conv)
            return
        if await understood.correct_answers(turn, conv, text):
            return  # "no sorry the role is senior designer"
        if await _hold_aside(turn, conv, text):
            return
        await _answer(turn, conv, flows.Reply(text=text))
        return
    if not text:
        await suggest(turn, texts.EMPTY)
        return
    term = term_asked(text)
    if term is not None:
        await explain_term(turn, term)
        return
    frame = await understood.read(turn, text)
    if frame.language != "en":
        turn.say(texts.ONLY_ENGLISH)
        return
    await route_intent(turn, frame, text)


async def explain_term(turn: Turn, term: str) -> None:
    """What a step of the plan is, in plain words, then the steps of the latest open
    interview: the user sees when theirs comes."""
    lines = [texts.TERMS[term]]
    records = await repo.list_interviews(turn.session, owner_id=turn.user.id, statuses=OPEN)
    if records:
        latest = max(records, key=lambda r: r.interviewed_at)
        planned = await repo.list_nudges(
            turn.session, owner_id=turn.user.id, interview_id=latest.id
        )
        lines += ["", texts.WHAT_NEXT_AT.format(company=esc(latest.company))]
        lines += cards.steps(turn, latest, planned)
    turn.say("\n".join(lines))


# While a new interview is being told, a choice question (how it felt, the thank-you, the
# date check, the review) may get a message about something else: "zomato made me an offer,
# should I tell razorpay?". Read as an answer it would be lost or misread, so it is held and
# read once the interview is saved. Short replies and yes/no words are always answers, and
# each question keeps the intents that can answer it.
_HOLD_AT: dict[str, frozenset[FrameIntent]] = {
    "vibe": frozenset({FrameIntent.FEELING, FrameIntent.UNKNOWN, FrameIntent.THANKS}),
    "thanks": frozenset({FrameIntent.UNKNOWN, FrameIntent.THANKS}),
    "timeline_ok": frozenset(
        {FrameIntent.REPLY, FrameIntent.NEW_INTERVIEW, FrameIntent.UNKNOWN, FrameIntent.THANKS}
    ),
    "review": frozenset({FrameIntent.UNKNOWN, FrameIntent.THANKS, FrameIntent.NEW_INTERVIEW}),
    # setup: a city or an hour answers; an interview told first is read once it is done
    "zone": frozenset({FrameIntent.UNKNOWN, FrameIntent.SETTINGS, FrameIntent.THANKS}),
    "hour": frozenset({FrameIntent.UNKNOWN, FrameIntent.SETTINGS, FrameIntent.THANKS}),
    # "also vikram from HR, he was the recruiter" answers it; "sarah replied!" does not
    "people": frozenset(
        {FrameIntent.UNKNOWN, FrameIntent.THANKS, FrameIntent.NEW_INTERVIEW, FrameIntent.FEELING}
    ),
}
_NEVER_HELD = frozenset(
    {FrameIntent.CANCEL, FrameIntent.UNDO, FrameIntent.HELP, FrameIntent.DELETE}
)
_MAX_HELD = 3


_CANCEL_TEXT = re.compile(
    r"(?:(?:oh |ok |okay )?(?:cancel|stop|quit|exit|abort|never ?mind|nvm|forget (?:it|this|that)"
    r"|leave it)(?: (?:it|this|that|please|pls|for now))?)[.!]*"
)
_BACK_TEXT = re.compile(
    r"(?:(?:oops|sorry|wait|no)[,!.]? )?(?:go back|back|undo(?: that)?|previous(?: question)?"
    r"|wrong(?: answer)?)(?: (?:please|pls|one))?[.!]*"
)
_TYPED_COMMANDS = frozenset({FrameIntent.DELETE, FrameIntent.EXPORT})


async def _steering(turn: Turn, conv: Conversation, text: str) -> bool:
    """Words that steer the open conversation instead of answering it: "cancel", "never
    mind" leave it; "oops go back", "undo" go to the question before; "delete my account"
    and "export my data" run their command (deleting still asks to confirm)."""
    plain = " ".join(text.casefold().replace("’", "'").split())
    if _CANCEL_TEXT.fullmatch(plain):
        await on_cancel(turn)
        return True
    if _BACK_TEXT.fullmatch(plain):
        await on_back(turn)
        return True
    if len(plain.split()) > 6 or conv.question in ("company", "role"):
        return False
    frame = await understood.read(turn, text)
    command = BY_INTENT.get(frame.intent) if frame.intent in _TYPED_COMMANDS else None
    if command is None:
        return False
    await command.run(turn, [])
    return True


async def _hold_aside(turn: Turn, conv: Conversation, text: str) -> bool:
    """Hold ``text`` for later when it is not an answer to the open choice question."""
    answers_here = _HOLD_AT.get(conv.question)
    holder = conv.answers
    if answers_here is None or not isinstance(holder, InterviewAnswers | OnboardAnswers):
        return False
    words = text.casefold().split()
    if len(words) < 4 or words[0].strip("!.,") in (*texts.YES_WORDS, *texts.NO_WORDS):
        return False
    if conv.question == "zone" and flows.zone_meta(text):
        return False  # "why do you need that?" is answered by the zone question itself
    frame = await understood.read(turn, text)
    if (
        isinstance(holder, InterviewAnswers)
        and conv.question != "people"  # where people are asked for, the question reads them
        and frame.intent is FrameIntent.UNKNOWN
        and any(p.email for p in frame.people)
    ):
        _note_emails(turn, holder, frame)  # "also markus email is m.b@zalando.de"
        await save(turn, conv)
        await flows.ask_again(turn, conv)
        return True
    sent = flows.thanks_sent(text) if "thank" in text.casefold() else None
    if conv.question == "thanks" and sent is not None:
        return False  # "i sent the thank you last night" answers the question
    if sent is not None and isinstance(holder, InterviewAnswers):
        holder.thanks = sent  # the same, told at another question: noted, not held
        await save(turn, conv)
        turn.say(texts.THANKS_NOTED if sent else texts.THANKS_NOT_YET_NOTED)
        await flows.ask_again(turn, conv)
        return True
    if frame.intent in answers_here or frame.intent in _NEVER_HELD or frame.language != "en":
        return False
    holder.held = [*holder.held, text[:2000]][-_MAX_HELD:]
    await save(turn, conv)
    turn.say(texts.HELD_FOR_LATER if isinstance(holder, InterviewAnswers) else texts.HELD_FOR_SETUP)
    await flows.ask_again(turn, conv)
    return True


def _note_emails(turn: Turn, answers: InterviewAnswers, frame: Frame) -> None:
    """Give the people being told about the e-mails a message names for them."""
    for person in frame.people:
        if not person.email or not person.name:
            continue
        name = person.name.casefold()
        for i, (known, role, _) in enumerate(answers.people):
            if known.casefold() == name or known.casefold().split()[0] == name.split()[0]:
                answers.people[i] = (known, role, person.email[:254])
                break
        else:
            if len(answers.people) >= flows.MAX_PEOPLE:
                continue
            role = person.role or Recipient.INTERVIEWER
            answers.people.append((person.name[: flows.MAX_NAME], role, person.email[:254]))
        turn.say(texts.PERSON_NOTED.format(name=esc(person.name), email=esc(person.email)))


async def _answer(turn: Turn, conv: Conversation, reply: flows.Reply) -> None:
    """Answer the open question; once a new interview is saved, read what was held."""
    await flows.respond(turn, conv, reply)
    answers = conv.answers
    held = answers.held if isinstance(answers, InterviewAnswers | OnboardAnswers) else []
    if not held or await load(turn) is not None:
        return
    for text in held:
        turn.say(texts.BACK_TO_HELD.format(text=esc(text[:160])))
        frame = await understood.read(turn, text)
        await route_intent(turn, frame, text)


_SEVERAL_INTERVIEWS = re.compile(
    r"\b(?:2|3|4|two|three|four|couple of|few|several|multiple|both)\s+(?:\w+\s+)?"
    r"(?:interviews|onsites|rounds at different)\b|\binterviews (?:at|with) \w+[\w ]{0,30}"
    r"\b(?:and|&)\b",
    re.IGNORECASE,
)


_MY_NAME = re.compile(
    r"(?:hi,? |hey,? |btw,? )?(?:my name is|my name's|my names|i'?m called|call me|sign (?:my "
    r"(?:drafts|emails|e-mails) |them |it |off )?(?:as|with)|please sign as)\s+"
    r"(?P<name>[^\W\d_][\w'-]*(?: [^\W\d_][\w'-]*){0,2})[.!]?",
    re.IGNORECASE,
)
_ABOUT_AN_INTERVIEW = re.compile(r"\b(?:interview\w*|intervew\w*|onsite|hr|recruiter)\b", re.I)
_STOPPABLE = frozenset({FrameIntent.UNKNOWN, FrameIntent.SETTINGS, FrameIntent.REMINDERS})
_STOP_REMINDERS = re.compile(
    r"\b(?:stop|no more|turn off|switch off|disable|mute|pause|quit|don'?t want (?:any )?"
    r"(?:more )?)\b[^.!?\n]{0,20}\b(?:remind\w*|nudg\w*|notifications?|messag\w+ me)\b",
    re.IGNORECASE,
)


_NOT_CORRECTIONS = frozenset(
    {
        FrameIntent.NEW_INTERVIEW,
        FrameIntent.OUTCOME,
        FrameIntent.REAL_NEWS,
        FrameIntent.DELETE,
        FrameIntent.SHOULD_I,
        FrameIntent.DRAFT,
        FrameIntent.TONE,
        FrameIntent.CANCEL,
        FrameIntent.UNDO,
    }
)
_DONE_TEXT = re.compile(
    r"(?:(?:ok|okay|yes|yep|yeah|yup|alright|cool|great)[,!.]* )*(?:all )?(?:done|"
    r"(?:i )?(?:just )?(?:sent|did) (?:it|that|the (?:email|e-mail|note|message|check-?in))?"
    r"(?: (?:just now|already|now|today|this morning))?|(?:i )?sent|did it|(?:i )?emailed "
    r"(?:them|her|him)(?: just now)?|it'?s sent|its done|sent ✅?)[!. ✅👍]*"
)
DONE_WITHIN: Final = timedelta(days=3)
"""How recent a reminder must be for a typed "done" to answer it."""


async def _recent_reminder(turn: Turn) -> NudgeRecord | None:
    """The reminder a typed "done" or "remind me thursday" answers: the latest of the last
    few days still unanswered (never "time to move on", which has no such buttons)."""
    nudge = await nudge_store.latest_unanswered(
        turn.session, owner_id=turn.user.id, since=turn.now - DONE_WITHIN
    )
    return None if nudge is None or nudge.kind is StepKind.MOVE_ON else nudge


async def _done_typed(turn: Turn, frame: Frame, text: str) -> bool:
    """ "ok sent it just now" after a reminder: as its "Done: I sent it" button."""
    if frame.intent not in (FrameIntent.UNKNOWN, FrameIntent.THANKS, FrameIntent.LOG_ATTEMPT):
        return False
    plain = " ".join(text.casefold().replace("’", "'").split())
    if len(plain) > 60 or not _DONE_TEXT.fullmatch(plain):
        return False
    nudge = await _recent_reminder(turn)
    if nudge is None:
        return False
    await nudges.on_nudge_button(turn, presses.OnNudge(nudge.id, presses.NudgeOp.DONE))
    return True


_LATER_CUE = re.compile(
    r"\b(?:remind me|snooze|not (?:today|now|yet)|later|tomorrow|tmrw|tmr|tomorow|"
    r"next week|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|"
    r"in (?:a |\d+ |two |three )?(?:days?|couple (?:of )?days))\b"
)
_LATER_ASKS = re.compile(
    r"\b(?:remind me|snooze|not (?:today|now)|instead|later|(?:do|send) (?:it|this|that))\b"
)
_LATER_SURE = re.compile(r"\b(?:remind me|snooze|not (?:today|now)|instead)\b")
_OTHER_CHANNEL = re.compile(r"\b(?:call|phone|ring|linkedin|text|whatsapp|visit|drop by)\b")
_NEXT_WEEK = re.compile(r"\bnext week\b")
SNOOZE_AHEAD: Final = timedelta(days=30)
"""The furthest day a typed "remind me ..." moves a reminder to."""


async def _later_typed(turn: Turn, frame: Frame, text: str) -> bool:
    """ "can i do it tmrw instead?", "not today, remind me thursday" after a reminder: as its
    Snooze button, to the day named (the next business day when none is)."""
    plain = " ".join(text.casefold().replace("’", "'").split())
    if len(plain) > 80 or not (_LATER_ASKS.search(plain) and _LATER_CUE.search(plain)):
        return False
    if _OTHER_CHANNEL.search(plain) or frame.intent in (FrameIntent.REPLY, FrameIntent.OUTCOME):
        return False
    if frame.intent is FrameIntent.SHOULD_I and not _LATER_SURE.search(plain):
        return False  # "should i send it tomorrow?" asks; "can i do it tmrw instead?" moves
    nudge = await _recent_reminder(turn)
    if nudge is None:
        return False
    today = turn.cal.local_date(turn.now)
    day = None
    if _NEXT_WEEK.search(plain):
        day = today + timedelta(days=7 - today.weekday())  # its Monday
    else:
        day = read_timeline(plain, now=turn.now, cal=turn.cal).promised_by
    if day is not None and not today < day <= today + SNOOZE_AHEAD:
        day = None
    snooze = presses.OnNudge(nudge.id, presses.NudgeOp.SNOOZE)
    await nudges.on_nudge_button(turn, snooze, snooze_to=day)
    return True


async def route_intent(turn: Turn, frame: Frame, text: str) -> None:
    """Act on what the free text was understood as; else suggest some commands."""
    if await _done_typed(turn, frame, text):
        return
    if await _later_typed(turn, frame, text):
        return
    if frame.intent not in _NOT_CORRECTIONS and await understood.correct_stored(turn, text):
        return  # "actually it was tuesday not wednesday"
    if frame.intent is FrameIntent.UNKNOWN and _SEVERAL_INTERVIEWS.search(text):
        # "2 interviews this week - razorpay on tuesday and cred yesterday": one at a time
        turn.say(
            texts.ONE_AT_A_TIME,
            [[press_button(texts.BUTTON_FIRST_ONE, presses.NewInterview())]],
        )
        return
    own = _MY_NAME.fullmatch(" ".join(text.split()))
    if own and frame.intent in _STOPPABLE and is_name_like(own.group("name")):
        name = " ".join(w[:1].upper() + w[1:] for w in own.group("name").split())
        name = clean(name, flows.MAX_OWN_NAME)
        turn.user = await plans.change_settings(turn.session, turn.user, name=name)
        turn.say(texts.NAME_SAVED.format(name=esc(name)))
        return
    if frame.intent in _STOPPABLE and _STOP_REMINDERS.search(text):
        turn.say(
            texts.HOW_REMINDERS_STOP,
            [
                [press_button("/reply", presses.RunCommand("reply"))],
                [press_button("/settings", presses.RunCommand("settings"))],
            ],
        )
        return
    if frame.intent is FrameIntent.UNKNOWN and understood.MOVED_HOME.search(text):
        await understood.settings(turn, frame, text)  # "im now based in lyon"
        return
    if frame.intent is FrameIntent.UNKNOWN and frame.vibe is not None:
        await understood.FELT(turn, frame, text)
        return
    action = understood.FRAME_ACTIONS.get(frame.intent)
    if action is not None:
        await action(turn, frame, text)
        return
    command = BY_INTENT.get(frame.intent)
    if command is None and _ABOUT_AN_INTERVIEW.search(text):
        # "kal infosys mein interview tha": about an interview, in words not read here
        turn.say(
            texts.ABOUT_AN_INTERVIEW_EN if frame.language == "en" else texts.ABOUT_AN_INTERVIEW,
            [[press_button(texts.BUTTON_STEP_BY_STEP, presses.NewInterview())]],
        )
    elif command is None:
        await suggest(turn, texts.UNKNOWN)
    elif command.on_text is not None:
        await command.on_text(turn, frame, text)
    else:
        await command.run(turn, [])


async def suggest(turn: Turn, opening: str) -> None:
    """Say ``opening`` and offer the (up to two) commands closest to what was written."""
    message = turn.update.effective_message
    text = clean(message.text or "", 300) if message and message.text else ""
    guesses = [
        command.name
        for command in (BY_INTENT.get(frame_intent(i)) for i in closest_commands(text))
        if command is not None and command.suggest and command.name is not None
    ][:2] or ["new", "help"]
    rows = [[press_button(f"/{name}", presses.RunCommand(name)) for name in guesses]]
    turn.say(texts.SUGGEST.format(opening=opening), rows)


async def on_unknown_command(turn: Turn) -> None:
    await suggest(turn, texts.UNKNOWN)


async def on_location(turn: Turn) -> None:
    """A shared location answers the zone question, and only that question: elsewhere it
    gets a short answer and a half-told interview is kept."""
    message = turn.update.effective_message
    if message is None or message.location is None:
        return
    where = (message.location.latitude, message.location.longitude)
    conv = await load(turn)
    if conv is None or conv.question != "zone":
        turn.say(texts.LOCATION_NOT_ASKED + (" " + texts.ANSWER_ABOVE if conv is not None else ""))
        return
    await flows.respond(turn, conv, flows.Reply(location=where))


async def on_other(turn: Turn) -> None:
    turn.say(texts.ONLY_TEXT)


# --- buttons ------------------------------------------------------------------------------------


def button_pattern(prefix: str) -> re.Pattern[str]:
    """The callback data of ``prefix``'s buttons: the prefix alone or followed by ``:``."""
    return re.compile(rf"^{re.escape(prefix)}(?::|$)")


def pressed(action: Action) -> Callable[[Turn], Awaitable[None]]:
    """A button handler: take the buttons off the pressed message, then run ``action``."""

    async def press(turn: Turn) -> None:
        query = turn.update.callback_query
        if query is None:
            return
        if isinstance(query.message, Message):  # not an inaccessible (too old) message
            turn.close_buttons(query.message)
        data = unpack(query.data)
        if data is None:
            turn.say(texts.EXPIRED)
            return
        await action(turn, list(data.args))

    return press


async def on_expired_button(turn: Turn) -> None:
    """A button no entry claims (an older version's, or forged)."""
    await pressed(_expired)(turn)


async def _expired(turn: Turn, args: Sequence[str]) -> None:
    turn.say(texts.EXPIRED)


async def on_question_button(turn: Turn, press: presses.AnswerQuestion) -> None:
    """``q:<question>:<value>``: a button answer to the open question."""
    question = press.question
    conv = await load(turn)
    if conv is not None and conv.flow == "pending" and question == "pick" == conv.question:
        picked = parse_id(press.value or "")
        if picked is None:
            turn.say(texts.EXPIRED)
            return
        await understood.resume_pending(turn, conv, picked)
        return
    if conv is None or conv.question != question:
        turn.say(texts.ALREADY_ANSWERED + (" " + texts.ANSWER_ABOVE if conv is not None else ""))
        return
    await _answer(turn, conv, flows.Reply(value=press.value or ""))


async def on_ok(turn: Turn, press: presses.Ok) -> None:
    turn.say(texts.OK_REMIND)


async def run_command(turn: Turn, press: presses.RunCommand) -> None:
    """``cmd:<name>``: a suggested command pressed, as if its button was."""
    command = BY_NAME.get(press.name)
    if command is None or not command.suggest:
        turn.say(texts.EXPIRED)
        return
    await command.press(turn, [])


def typed_button(
    kind: type[presses.P], handler: Callable[[Turn, presses.P], Awaitable[None]]
) -> Command:
    """The table entry of a button-only kind with typed arguments (:mod:`bot.telegram.presses`):
    its prefix, and ``handler`` called with the parsed object ("expired" when it does not
    parse)."""
    return Command(None, None, presses.typed(kind, handler), button=kind.PREFIX)


def typed_command(
    name: str,
    help: str | None,
    kind: type[presses.P],
    handler: Callable[[Turn, presses.P], Awaitable[None]],
    *,
    run: Action | None = None,
    intents: tuple[FrameIntent, ...] = (),
    on_text: TextAction | None = None,
    suggest: bool = True,
) -> Command:
    """The table entry of a command whose buttons are ``kind``: a press runs ``handler`` with
    the parsed object, and so do the command's words (:func:`presses.from_words`,
    ``/status 3`` as ``st:3``) unless ``run`` does something else with them."""
    return Command(
        name,
        help,
        run or presses.typed_words(kind, handler),
        button=kind.PREFIX,
        on_button=presses.typed(kind, handler),
        intents=intents,
        on_text=on_text,
        suggest=suggest,
    )


# --- the table ----------------------------------------------------------------------------------

COMMANDS: tuple[Command, ...] = (
    typed_command(
        "new",
        texts.HELP_NEW,
        presses.NewInterview,
        on_new,
        run=new_from_words,
        intents=(FrameIntent.NEW_INTERVIEW,),
    ),
    typed_command(
        "list",
        texts.HELP_LIST,
        presses.ListPage,
        actions.do_list,
        intents=(FrameIntent.LIST,),
    ),
    typed_command(
        "status",
        texts.HELP_STATUS,
        presses.Status,
        actions.do_status,  # st:<interview id>
        run=actions.do_status_number,  # /status 2: the second in /list
        intents=(FrameIntent.STATUS,),
        on_text=status_from_text,
    ),
    typed_command(
        "shouldi",
        texts.HELP_SHOULDI,
        presses.ShouldI,
        actions.do_shouldi,
        intents=(FrameIntent.SHOULD_I,),
    ),
    typed_command(
        "draft",
        texts.HELP_DRAFT,
        presses.Draft,
        actions.do_draft,
        intents=(FrameIntent.DRAFT,),
    ),
    typed_command(
        "log",
        texts.HELP_LOG,
        presses.LogAttempt,
        actions.do_log,
        intents=(FrameIntent.LOG_ATTEMPT,),
    ),
    typed_command(
        "reply",
        texts.HELP_REPLY,
        presses.Reply,
        actions.do_reply,
        intents=(FrameIntent.REPLY, FrameIntent.OUTCOME),
    ),
    typed_command(
        "tone",
        texts.HELP_TONE,
        presses.Tone,
        start_tone,
        run=on_tone,
        intents=(FrameIntent.TONE,),
        on_text=tone_from_text,
    ),
    typed_command("why", texts.HELP_WHY, presses.Why, actions.do_why),
    typed_command(
        "calm",
        texts.HELP_CALM,
        presses.Calm,
        on_calm,
        intents=(FrameIntent.FEELING,),
    ),
    typed_command(
        "calendar",
        texts.HELP_CALENDAR,
        presses.Calendar,
        actions.do_calendar,
        intents=(FrameIntent.CALENDAR,),
        on_text=calendar_from_text,
    ),
    typed_command(
        "timezone", texts.HELP_TIMEZONE, presses.TimeZone, on_timezone, run=on_timezone_words
    ),
    typed_command(
        "settings",
        texts.HELP_SETTINGS,
        presses.Settings,
        actions.do_settings,
        intents=(FrameIntent.SETTINGS,),
    ),
    typed_command(
        "export",
        texts.HELP_EXPORT,
        presses.Export,
        actions.do_export,
        intents=(FrameIntent.EXPORT,),
    ),
    typed_command(
        "delete",
        texts.HELP_DELETE,
        presses.Delete,
        actions.do_delete,  # del:yes|no, from the confirmation buttons only
        run=on_delete,
        on_text=on_delete_text,
        intents=(FrameIntent.DELETE,),
        suggest=False,
    ),
    Command(
        "cancel",
        texts.HELP_CANCEL,
        on_cancel,
        intents=(FrameIntent.CANCEL,),
        suggest=False,
    ),
    typed_command("help", texts.HELP_HELP, presses.Help, do_help, intents=(FrameIntent.HELP,)),
    Command("start", None, on_start, suggest=False),
    Command("back", None, on_back, suggest=False),
    Command("skip", None, on_skip, suggest=False),
    # Buttons that are not commands.
    typed_button(presses.Edit, actions.do_edit),
    typed_button(presses.RemoveInterview, actions.do_remove),
    typed_button(presses.Thanked, actions.mark_thanked),
    typed_button(presses.SetVibe, actions.set_vibe),
    typed_button(presses.UndoAttempt, actions.undo_attempt),
    typed_button(presses.KeepDate, actions.keep_date),
    typed_button(presses.Withdrawn, actions.withdrawn),
    typed_button(presses.NewsShared, actions.news_sent),
    typed_button(presses.Answered, actions.answered_which),
    typed_button(presses.Picture, actions.do_picture),
    typed_button(presses.AnswerQuestion, on_question_button),
    typed_button(presses.Ok, on_ok),
    typed_button(presses.RunCommand, run_command),
    typed_button(presses.OnNudge, nudges.on_nudge_button),
)

MENU: tuple[Command, ...] = tuple(c for c in COMMANDS if c.name and c.help)
"""The commands in /help and in Telegram's command menu, in this order."""
BY_NAME: dict[str, Command] = {c.name: c for c in COMMANDS if c.name}
BY_BUTTON: dict[str, Command] = {c.button: c for c in COMMANDS if c.button}
BY_INTENT: dict[FrameIntent, Command] = {i: c for c in COMMANDS for i in c.intents}


def _check(commands: Sequence[Command]) -> None:
    """Each name, button prefix and intent belongs to one entry (checked at import)."""
    keys: tuple[tuple[str, list[str]], ...] = (
        ("command", [c.name for c in commands if c.name]),
        ("button", [c.button for c in commands if c.button]),
        ("intent", [str(i) for c in commands for i in c.intents]),
    )
    for what, found in keys:
        twice = sorted({k for k in found if found.count(k) > 1})
        if twice:
            raise ValueError(f"{what} claimed twice: {', '.join(twice)}")


_check(COMMANDS)
