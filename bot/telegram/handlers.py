"""PTB entry points: every update becomes one :class:`Turn` in one transaction.

The wrapper drops a replayed update (Telegram may deliver one twice), loads or creates the
user, runs the handler, commits, and only then sends the replies. An exception rolls the
transaction back and the error handler tells the user kindly.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Message, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import Application, ApplicationHandlerStop

from bot.core.intents import Intent, IntentMatch, closest_commands, recognise
from bot.core.types import DraftKind
from bot.storage import repo
from bot.telegram import actions, flows, nudges, texts
from bot.telegram.answers import InterviewAnswers, OnboardAnswers
from bot.telegram.callbacks import unpack
from bot.telegram.conversation import clear, load
from bot.telegram.html import clean
from bot.telegram.runtime import Context, Turn, button, deliver, deps_of

log = logging.getLogger(__name__)

MAX_TEXT = 5000
Handler = Callable[[Turn], Awaitable[None]]


def turn_handler(fn: Handler) -> Callable[[Update, Context], Coroutine[Any, Any, None]]:
    @functools.wraps(fn)
    async def wrapper(update: Update, context: Context) -> None:
        deps = deps_of(context)
        tg_user = update.effective_user
        chat = update.effective_chat
        if tg_user is None or chat is None or tg_user.is_bot:
            return
        if chat.type != "private":
            return  # HearBack is a one-to-one coach; groups are ignored
        async with deps.sessions() as session, session.begin():
            if not await repo.mark_update_seen(
                session, update_id=update.update_id, at=deps.clock()
            ):
                log.info("update %d seen before; skipped", update.update_id)
                return
            user = await repo.get_or_create_user(
                session,
                telegram_user_id=tg_user.id,
                chat_id=chat.id,
                language_code=tg_user.language_code,
                nudge_hour=deps.default_nudge_hour,
            )
            if user.blocked_at is not None:
                await repo.unblock(session, owner_id=user.id)
            turn = Turn(update, context, deps, session, user, deps.clock())
            await fn(turn)
        if update.callback_query is not None:
            # A query too old to answer raises BadRequest; the reply below still goes out.
            with contextlib.suppress(BadRequest):
                await update.callback_query.answer()
        await deliver(context.bot, chat.id, turn.outbox)
        if turn.plan_changed:
            for listener in deps.plan_listeners:
                await listener()

    return wrapper


def _args(turn: Turn) -> list[str]:
    return [clean(a, 100) for a in (turn.context.args or [])][:5]


def command(action: str) -> Handler:
    async def run(turn: Turn) -> None:
        await actions.ACTIONS[action](turn, _args(turn))

    return run


# --- commands with their own behaviour ---------------------------------------------------------


async def on_start(turn: Turn) -> None:
    await clear(turn)
    if turn.user.zone:
        turn.say(texts.WELCOME + "\n\nWelcome back! Send /new after an interview, or /help.")
        return
    turn.say(texts.WELCOME)
    await flows.start(turn, "onboard")


async def on_new(turn: Turn, company: str | None = None) -> None:
    if not turn.zone_known:
        turn.say("Before the interview, one thing about you:")
        await flows.start(turn, "onboard", OnboardAnswers(then="new", company=company))
        return
    await flows.start(turn, "new", InterviewAnswers(company=company or ""))


async def on_new_command(turn: Turn) -> None:
    await on_new(turn)


async def on_cancel(turn: Turn) -> None:
    turn.say(texts.CANCELLED if await clear(turn) else texts.NOTHING_TO_CANCEL)


async def on_back(turn: Turn) -> None:
    await flows.go_back(turn)


async def on_skip(turn: Turn) -> None:
    conv = await load(turn)
    if conv is None:
        turn.say(texts.NOTHING_TO_SKIP)
        return
    await flows.respond(turn, conv, flows.Reply(skip=True))


async def on_status(turn: Turn) -> None:
    await actions.do_status_number(turn, _args(turn))


async def on_timezone(turn: Turn) -> None:
    await flows.start(turn, "zone")


async def on_tone(turn: Turn) -> None:
    message = turn.update.effective_message
    text = message.text if message and message.text else ""
    _, _, rest = text.partition(" ")
    rest = clean(rest, flows.MAX_DRAFT)
    if rest:
        flows.show_tone(turn, rest)
    else:
        await flows.start(turn, "tone")


async def on_unknown_command(turn: Turn) -> None:
    await suggest(turn, texts.UNKNOWN)


# --- free text, locations, buttons --------------------------------------------------------------


async def on_text(turn: Turn) -> None:
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
    intent = match.intent
    ch = match.channel.value if match.channel else ""
    to = match.recipient.value if match.recipient else ""
    if intent is Intent.NEW_INTERVIEW:
        await on_new(turn, clean(match.company or "", flows.MAX_COMPANY) or None)
    elif intent is Intent.LOG_ATTEMPT and match.draft_kind is DraftKind.THANK_YOU:
        await actions.mark_thanked(turn, [])  # a thank-you note is not an attempt
    elif intent is Intent.LOG_ATTEMPT:
        await actions.do_log(turn, ["", ch, to] if ch else [])
    elif intent is Intent.REPLY:
        choice = match.outcome.value if match.outcome else "replied" if match.replied else ""
        await actions.do_reply(turn, ["", choice] if choice else [])
    elif intent is Intent.SHOULD_I:
        await actions.do_shouldi(turn, ["", ch, to] if ch else [])
    elif intent is Intent.DRAFT:
        await actions.do_draft(turn, ["", match.draft_kind.value] if match.draft_kind else [])
    elif intent is Intent.TONE:
        body = _after_marker(text)
        if body:
            flows.show_tone(turn, body)
        else:
            await flows.start(turn, "tone")
    elif intent is Intent.START:
        await on_start(turn)
    elif intent is Intent.CANCEL:
        await on_cancel(turn)
    elif intent is Intent.TIMEZONE:
        await on_timezone(turn)
    elif intent in INTENT_ACTIONS:
        await actions.ACTIONS[INTENT_ACTIONS[intent]](turn, [])
    else:
        await suggest(turn, texts.UNKNOWN)


def _after_marker(text: str) -> str:
    """The draft pasted after "check this:" (or the whole text when it is long enough)."""
    lowered = text.casefold()
    for marker in ("check this", "check my", "tone", "review this", "look at this"):
        at = lowered.find(marker)
        if at != -1:
            rest = text[at + len(marker) :].lstrip(" :-–\n")
            _, sep, after_colon = rest.partition(":")
            body = after_colon if sep and len(rest.split(":", 1)[0]) < 20 else rest
            if len(body.split()) >= 3:
                return body.strip()
    return text if len(text.split()) >= 25 else ""


INTENT_ACTIONS = {
    Intent.WHY: "why",
    Intent.CALM: "calm",
    Intent.HELP: "help",
    Intent.LIST: "ls",
    Intent.STATUS: "st",
    Intent.EXPORT: "exp",
    Intent.DELETE: "del",
    Intent.CALENDAR: "ic",
    Intent.SETTINGS: "set",
}
COMMAND_FOR = {
    Intent.NEW_INTERVIEW: "new",
    Intent.LOG_ATTEMPT: "log",
    Intent.REPLY: "reply",
    Intent.SHOULD_I: "shouldi",
    Intent.DRAFT: "draft",
    Intent.TONE: "tone",
    Intent.WHY: "why",
    Intent.CALM: "calm",
    Intent.LIST: "list",
    Intent.STATUS: "status",
    Intent.CALENDAR: "calendar",
    Intent.SETTINGS: "settings",
    Intent.TIMEZONE: "timezone",
    Intent.EXPORT: "export",
    Intent.HELP: "help",
}
CALLBACK_FOR_COMMAND = {
    "new": "new",
    "log": "lg",
    "reply": "rp",
    "shouldi": "sh",
    "draft": "dr",
    "tone": "tone",
    "why": "why",
    "calm": "calm",
    "list": "ls",
    "status": "st",
    "calendar": "ic",
    "settings": "set",
    "timezone": "tz",
    "export": "exp",
    "help": "help",
}


async def suggest(turn: Turn, opening: str) -> None:
    message = turn.update.effective_message
    text = clean(message.text or "", 300) if message and message.text else ""
    guesses = [COMMAND_FOR[i] for i in closest_commands(text) if i in COMMAND_FOR][:2]
    if not guesses:
        guesses = ["new", "help"]
    rows = [[button(f"/{name}", "cmd", name) for name in guesses]]
    turn.say(f"{opening} Here's what I can do for you — or send /help for the whole list.", rows)


async def on_location(turn: Turn) -> None:
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
    turn.say(
        "I can only read text (and a shared location for your time zone). "
        "Tell me in words, or send /help."
    )


async def on_button(turn: Turn) -> None:
    query = turn.update.callback_query
    if query is None:
        return
    data = unpack(query.data)
    if isinstance(query.message, Message):  # not an inaccessible (too old) message
        turn.close_buttons(query.message)
    if data is None:
        turn.say(texts.EXPIRED)
        return
    if data.action == "q":
        conv = await load(turn)
        if conv is None or conv.question != data.arg(0):
            turn.say("That question was already answered. " + _where(conv))
            return
        await flows.respond(turn, conv, flows.Reply(value=data.arg(1)))
        return
    if data.action == "ok":
        turn.say("👍 I'll remind you when it's time. /list shows everything.")
        return
    if data.action == "cmd":
        await run_command(turn, data.arg(0))
        return
    if data.action == "new":
        await on_new(turn)
        return
    if data.action == "tone":
        await flows.start(turn, "tone")
        return
    if data.action == "tz":
        await on_timezone(turn)
        return
    if data.action == nudges.ACTION:
        await nudges.on_nudge_button(turn, list(data.args))
        return
    action = actions.ACTIONS.get(data.action)
    if action is None:
        turn.say(texts.EXPIRED)
        return
    await action(turn, list(data.args))


def _where(conv: object) -> str:
    return "Answer the question above, or /cancel." if conv is not None else ""


async def run_command(turn: Turn, name: str) -> None:
    target = CALLBACK_FOR_COMMAND.get(name)
    if target is None:
        turn.say(texts.EXPIRED)
    elif target == "new":
        await on_new(turn)
    elif target == "tone":
        await flows.start(turn, "tone")
    elif target == "tz":
        await on_timezone(turn)
    else:
        await actions.ACTIONS[target](turn, [])


async def on_my_chat_member(update: Update, context: Context) -> None:
    """Telegram tells us the user blocked (or unblocked) the bot: stop or resume their nudges.

    Without this, the first sign of a block is a 403 on the next nudge.
    """
    change = update.my_chat_member
    if change is None or change.chat.type != "private":
        return
    deps = deps_of(context)
    status = change.new_chat_member.status
    async with deps.sessions() as session, session.begin():
        user = await repo.get_user_by_telegram_id(session, telegram_user_id=change.from_user.id)
        if user is None:
            return
        if status in ("kicked", "left"):
            await repo.mark_blocked(session, owner_id=user.id, at=deps.clock())
            log.info("user %d blocked the bot", change.from_user.id)
        elif status == "member":
            await repo.unblock(session, owner_id=user.id)


# --- errors ---------------------------------------------------------------------------------


async def on_error(update: object, context: Context) -> None:
    error = context.error
    if isinstance(error, ApplicationHandlerStop):
        return
    polling = update is None and not isinstance(error, BadRequest)
    if polling and isinstance(error, NetworkError | RetryAfter):
        # getUpdates failed (5xx, a dropped connection, a 429): PTB polls again by itself.
        log.warning("polling for updates failed with %s; trying again", type(error).__name__)
        return
    if isinstance(error, Forbidden) and isinstance(update, Update) and update.effective_user:
        log.info("user %d blocked the bot", update.effective_user.id)
        deps = deps_of(context)
        async with deps.sessions() as session, session.begin():
            user = await repo.get_user_by_telegram_id(
                session, telegram_user_id=update.effective_user.id
            )
            if user is not None:
                await repo.mark_blocked(session, owner_id=user.id, at=deps.clock())
        return
    # The exception and its type are logged; never the user's text nor the token.
    log.error("error while handling an update: %s", type(error).__name__, exc_info=error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await context.bot.send_message(chat_id=update.effective_chat.id, text=texts.ERROR)
        except Exception:
            log.warning("could not send the apology for the error")


def register(app: Application) -> None:  # type: ignore[type-arg]
    from telegram.ext import (
        CallbackQueryHandler,
        ChatMemberHandler,
        CommandHandler,
        MessageHandler,
        filters,
    )

    simple = {
        "list": command("ls"),
        "status": on_status,
        "log": command("lg"),
        "reply": command("rp"),
        "shouldi": command("sh"),
        "draft": command("dr"),
        "calendar": command("ic"),
        "export": command("exp"),
        "delete": command("del"),
        "why": command("why"),
        "calm": command("calm"),
        "help": command("help"),
        "settings": command("set"),
        "start": on_start,
        "new": on_new_command,
        "cancel": on_cancel,
        "back": on_back,
        "skip": on_skip,
        "timezone": on_timezone,
        "tone": on_tone,
    }
    for name, handler in simple.items():
        app.add_handler(CommandHandler(name, turn_handler(handler)))
    app.add_handler(MessageHandler(filters.LOCATION, turn_handler(on_location)))
    app.add_handler(MessageHandler(filters.COMMAND, turn_handler(on_unknown_command)))
    app.add_handler(MessageHandler(filters.TEXT, turn_handler(on_text)))
    app.add_handler(CallbackQueryHandler(turn_handler(on_button)))
    app.add_handler(ChatMemberHandler(on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(
        MessageHandler(filters.ALL & ~filters.UpdateType.EDITED, turn_handler(on_other))
    )
    app.add_error_handler(on_error)
