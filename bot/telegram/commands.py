"""Every command of the bot in one table, and the ways in that lead to it.

A :class:`Command` names what the user can do: its slash command, its line in /help and in
Telegram's command menu, what it does, the free-text intents that mean it, and the prefix of
its buttons' callback data. :mod:`bot.telegram.handlers` registers the table with PTB (one
``CommandHandler`` per name, one ``CallbackQueryHandler`` per button prefix), /help and the
menu list it, and free text recognised as an intent runs the command that claims it.

Adding a command is one entry in :data:`COMMANDS` plus its handler, ``(turn, args)``:
``args`` are the words after the command, or the arguments of the pressed button.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from telegram import Message

from bot.core.intents import Intent, IntentMatch, closest_commands, recognise
from bot.core.types import DraftKind
from bot.telegram import actions, flows, nudges, texts
from bot.telegram.answers import InterviewAnswers, OnboardAnswers
from bot.telegram.callbacks import unpack
from bot.telegram.conversation import clear, load
from bot.telegram.html import clean, esc
from bot.telegram.runtime import Turn, button

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
TextAction = Callable[[Turn, IntentMatch, str], Awaitable[None]]
"""What a command does for free text recognised as its intent (the match has the slots)."""


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
    intents: tuple[Intent, ...] = ()
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


async def start_new(turn: Turn, company: str | None = None) -> None:
    """A new interview (asking for the user's zone first, the first time)."""
    if not turn.zone_known:
        turn.say(texts.ZONE_FIRST)
        await flows.start(turn, "onboard", OnboardAnswers(then="new", company=company))
        return
    await flows.start(turn, "new", InterviewAnswers(company=company or ""))


async def on_new(turn: Turn, args: Sequence[str] = ()) -> None:
    await start_new(turn)


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


async def on_timezone(turn: Turn, args: Sequence[str] = ()) -> None:
    await flows.start(turn, "zone")


async def start_tone(turn: Turn, args: Sequence[str] = ()) -> None:
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


async def do_help(turn: Turn, args: Sequence[str] = ()) -> None:
    lines = [texts.HELP_TITLE]
    lines += [texts.HELP_LINE.format(command=c.name, line=esc(c.help)) for c in MENU]
    lines += ["", texts.HELP_FREE_TEXT]
    turn.say("\n".join(lines))


# --- free text ----------------------------------------------------------------------------------


async def new_from_text(turn: Turn, match: IntentMatch, text: str) -> None:
    await start_new(turn, clean(match.company or "", flows.MAX_COMPANY) or None)


async def log_from_text(turn: Turn, match: IntentMatch, text: str) -> None:
    if match.draft_kind is DraftKind.THANK_YOU:
        await actions.mark_thanked(turn, [])  # a thank-you note is not an attempt
        return
    await actions.do_log(turn, _channel_args(match))


async def reply_from_text(turn: Turn, match: IntentMatch, text: str) -> None:
    choice = match.outcome.value if match.outcome else "replied" if match.replied else ""
    await actions.do_reply(turn, ["", choice] if choice else [])


async def shouldi_from_text(turn: Turn, match: IntentMatch, text: str) -> None:
    await actions.do_shouldi(turn, _channel_args(match))


async def draft_from_text(turn: Turn, match: IntentMatch, text: str) -> None:
    await actions.do_draft(turn, ["", match.draft_kind.value] if match.draft_kind else [])


async def tone_from_text(turn: Turn, match: IntentMatch, text: str) -> None:
    body = _after_marker(text)
    if body:
        flows.show_tone(turn, body)
    else:
        await start_tone(turn)


def _channel_args(match: IntentMatch) -> list[str]:
    """(no interview yet, channel, recipient) from the slots, when a channel was named."""
    if match.channel is None:
        return []
    return ["", match.channel.value, match.recipient.value if match.recipient else ""]


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
    if conv is not None:
        if not text:
            turn.say(texts.EMPTY)
            await flows.ask_again(turn, conv)
            return
        await flows.respond(turn, conv, flows.Reply(text=text))
        return
    if not text:
        await suggest(turn, texts.EMPTY)
        return
    await route_intent(turn, recognise(text), text)


async def route_intent(turn: Turn, match: IntentMatch, text: str) -> None:
    """Run the command whose intent the free text was recognised as; else suggest some."""
    command = BY_INTENT.get(match.intent)
    if command is None:
        await suggest(turn, texts.UNKNOWN)
    elif command.on_text is not None:
        await command.on_text(turn, match, text)
    else:
        await command.run(turn, [])


async def suggest(turn: Turn, opening: str) -> None:
    """Say ``opening`` and offer the (up to two) commands closest to what was written."""
    message = turn.update.effective_message
    text = clean(message.text or "", 300) if message and message.text else ""
    guesses = [
        command.name
        for command in (BY_INTENT.get(i) for i in closest_commands(text))
        if command is not None and command.suggest and command.name is not None
    ][:2] or ["new", "help"]
    rows = [[button(f"/{name}", "cmd", name) for name in guesses]]
    turn.say(texts.SUGGEST.format(opening=opening), rows)


async def on_unknown_command(turn: Turn) -> None:
    await suggest(turn, texts.UNKNOWN)


async def on_location(turn: Turn) -> None:
    """A shared location answers the zone question (and asks it first when none is open)."""
    message = turn.update.effective_message
    if message is None or message.location is None:
        return
    where = (message.location.latitude, message.location.longitude)
    conv = await load(turn)
    if conv is None or conv.question != "zone":
        await flows.start(turn, "zone")
        conv = await load(turn)
    assert conv is not None
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


async def on_question_button(turn: Turn, args: Sequence[str]) -> None:
    """``q:<question>:<value>``: a button answer to the open question."""
    question = args[0] if args else ""
    conv = await load(turn)
    if conv is None or conv.question != question:
        turn.say(texts.ALREADY_ANSWERED + (" " + texts.ANSWER_ABOVE if conv is not None else ""))
        return
    await flows.respond(turn, conv, flows.Reply(value=args[1] if len(args) > 1 else ""))


async def on_ok(turn: Turn, args: Sequence[str]) -> None:
    turn.say(texts.OK_REMIND)


async def run_command(turn: Turn, args: Sequence[str]) -> None:
    """``cmd:<name>``: a suggested command pressed, as if its button was."""
    command = BY_NAME.get(args[0]) if args else None
    if command is None or not command.suggest:
        turn.say(texts.EXPIRED)
        return
    await command.press(turn, [])


# --- the table ----------------------------------------------------------------------------------

COMMANDS: tuple[Command, ...] = (
    Command(
        "new",
        texts.HELP_NEW,
        on_new,
        button="new",
        intents=(Intent.NEW_INTERVIEW,),
        on_text=new_from_text,
    ),
    Command(
        "list",
        texts.HELP_LIST,
        actions.do_list,
        button="ls",
        intents=(Intent.LIST,),
    ),
    Command(
        "status",
        texts.HELP_STATUS,
        actions.do_status_number,  # /status 2: the second in /list
        button="st",
        on_button=actions.do_status,  # st:<interview id>
        intents=(Intent.STATUS,),
    ),
    Command(
        "shouldi",
        texts.HELP_SHOULDI,
        actions.do_shouldi,
        button="sh",
        intents=(Intent.SHOULD_I,),
        on_text=shouldi_from_text,
    ),
    Command(
        "draft",
        texts.HELP_DRAFT,
        actions.do_draft,
        button="dr",
        intents=(Intent.DRAFT,),
        on_text=draft_from_text,
    ),
    Command(
        "log",
        texts.HELP_LOG,
        actions.do_log,
        button="lg",
        intents=(Intent.LOG_ATTEMPT,),
        on_text=log_from_text,
    ),
    Command(
        "reply",
        texts.HELP_REPLY,
        actions.do_reply,
        button="rp",
        intents=(Intent.REPLY,),
        on_text=reply_from_text,
    ),
    Command(
        "tone",
        texts.HELP_TONE,
        on_tone,
        button="tone",
        on_button=start_tone,
        intents=(Intent.TONE,),
        on_text=tone_from_text,
    ),
    Command("why", texts.HELP_WHY, actions.do_why, button="why", intents=(Intent.WHY,)),
    Command(
        "calm",
        texts.HELP_CALM,
        actions.do_calm,
        button="calm",
        intents=(Intent.CALM,),
    ),
    Command(
        "calendar",
        texts.HELP_CALENDAR,
        actions.do_calendar,
        button="ic",
        intents=(Intent.CALENDAR,),
    ),
    Command(
        "timezone",
        texts.HELP_TIMEZONE,
        on_timezone,
        button="tz",
        intents=(Intent.TIMEZONE,),
    ),
    Command(
        "settings",
        texts.HELP_SETTINGS,
        actions.do_settings,
        button="set",
        intents=(Intent.SETTINGS,),
    ),
    Command(
        "export",
        texts.HELP_EXPORT,
        actions.do_export,
        button="exp",
        intents=(Intent.EXPORT,),
    ),
    Command(
        "delete",
        texts.HELP_DELETE,
        actions.do_delete,
        button="del",
        intents=(Intent.DELETE,),
        suggest=False,
    ),
    Command(
        "cancel",
        texts.HELP_CANCEL,
        on_cancel,
        intents=(Intent.CANCEL,),
        suggest=False,
    ),
    Command("help", texts.HELP_HELP, do_help, button="help", intents=(Intent.HELP,)),
    Command("start", None, on_start, intents=(Intent.START,), suggest=False),
    Command("back", None, on_back, suggest=False),
    Command("skip", None, on_skip, suggest=False),
    # Buttons that are not commands.
    Command(None, None, actions.do_edit, button="ed"),  # ed:<interview>[:<field>]
    Command(None, None, actions.mark_thanked, button="ty"),  # ty:<interview>
    Command(None, None, actions.undo_attempt, button="ua"),  # ua:<attempt>
    Command(None, None, on_question_button, button="q"),  # q:<question>:<value>
    Command(None, None, on_ok, button="ok"),
    Command(None, None, run_command, button="cmd"),  # cmd:<command name>
    Command(None, None, nudges.on_nudge_button, button=nudges.ACTION),  # n:<nudge>:<op>
)

MENU: tuple[Command, ...] = tuple(c for c in COMMANDS if c.name and c.help)
"""The commands in /help and in Telegram's command menu, in this order."""
BY_NAME: dict[str, Command] = {c.name: c for c in COMMANDS if c.name}
BY_BUTTON: dict[str, Command] = {c.button: c for c in COMMANDS if c.button}
BY_INTENT: dict[Intent, Command] = {i: c for c in COMMANDS for i in c.intents}


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
