"""PTB entry points: every update becomes one :class:`Turn` in one transaction.

The wrapper drops a replayed update (Telegram may deliver one twice) and an edit, loads or
creates the user, runs the handler, writes its replies to the outbox, commits, and only then
sends them. An exception rolls the transaction back: inside the update pipeline the update
stays in the inbox and is retried; handled directly, the error handler tells the user kindly.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.core.records import UserProfile
from bot.storage import mailbox, repo
from bot.storage.db import is_database_fault
from bot.telegram import commands, faults, flows, texts
from bot.telegram.conversation import load
from bot.telegram.html import clean
from bot.telegram.pipeline.core import CURRENT_JOB
from bot.telegram.pipeline.wiring import Wiring, wiring_of
from bot.telegram.runtime import Context, Turn, deps_of

log = logging.getLogger(__name__)

Handler = Callable[[Turn], Awaitable[None]]


def turn_handler(fn: Handler) -> Callable[[Update, Context], Coroutine[Any, Any, None]]:
    @functools.wraps(fn)
    async def wrapper(update: Update, context: Context) -> None:
        deps = deps_of(context)
        wiring = wiring_of(context.bot_data)
        tg_user = update.effective_user
        chat = update.effective_chat
        if tg_user is None or chat is None or tg_user.is_bot:
            return
        if chat.type != "private":
            return  # HearBack is a one-to-one coach; groups are ignored
        if (
            update.edited_message is not None
            or update.edited_channel_post is not None
            or update.edited_business_message is not None
        ):
            await _edited(update, wiring)  # an edit never runs anything again
            return
        job = CURRENT_JOB.get()
        if job is not None and job.update_id != update.update_id:
            job = None
        turn: Turn | None = None
        replies: list[mailbox.QueuedReply] = []
        undo_acks = None
        try:
            async with wiring.gate.write() as session:
                now = deps.clock()
                if job is not None:
                    # The inbox row turns done with this turn's changes, in one commit.
                    fresh = await mailbox.take_update(session, update_id=update.update_id, at=now)
                else:
                    fresh = await repo.mark_update_seen(session, update_id=update.update_id, at=now)
                if not fresh:
                    log.info("update %d seen before; skipped", update.update_id)
                    return
                user: UserProfile | None
                if _is_start(update):
                    user = await repo.get_or_create_user(
                        session,
                        telegram_user_id=tg_user.id,
                        chat_id=chat.id,
                        language_code=tg_user.language_code,
                        nudge_hour=deps.default_nudge_hour,
                    )
                else:  # only /start makes an account: after /delete nothing else brings one back
                    user = await repo.find_user(
                        session,
                        telegram_user_id=tg_user.id,
                        chat_id=chat.id,
                        language_code=tg_user.language_code,
                    )
                if user is not None:
                    if user.blocked_at is not None:
                        await repo.unblock(session, owner_id=user.id)
                    turn = Turn(update, context, deps, session, user, now)
                    await fn(turn)
                    # The replies are stored with the state they describe: after a crash they
                    # still go out (pipeline.sender), and none goes out for a rolled-back turn.
                    replies = await mailbox.add_replies(
                        session, chat_id=chat.id, items=turn.outbox, at=now
                    )
                if job is not None:
                    # Earlier turns' "delivered" marks commit with this one (group commit).
                    undo_acks = await wiring.acks.ride_along(session)
        except Exception as exc:
            if undo_acks is not None:
                undo_acks()
            if job is None:
                raise
            job.error = exc  # the pipeline keeps the update and decides on a retry
            return
        if job is not None:
            job.taken = True
        if turn is None:
            await _no_account(update, wiring, chat.id)
            return
        for step in turn.after_commit:
            await step()
        if update.callback_query is not None:
            # Beside the turn in the pipeline; at once when handlers are driven directly.
            await wiring.sender.answer_callback(
                update.callback_query.id, beside=wiring.pipeline is not None
            )
        faults.notices(context.bot_data).recovered(chat.id)
        await wiring.sender.deliver(replies)
        if turn.plan_changed:
            for listener in deps.plan_listeners:
                await listener()

    return wrapper


def _is_start(update: Update) -> bool:
    message = update.effective_message
    if update.callback_query is not None or message is None or not message.text:
        return False
    words = message.text.split(maxsplit=1)
    return bool(words) and words[0].split("@", 1)[0].casefold() == "/start"


async def _no_account(update: Update, wiring: Wiring, chat_id: int) -> None:
    """Someone with no account (erased, or never started) wrote or pressed an old button."""
    if update.callback_query is not None:
        await wiring.sender.answer_callback(
            update.callback_query.id, beside=wiring.pipeline is not None
        )
    await wiring.sender.say_now(chat_id, texts.NO_ACCOUNT)


async def _edited(update: Update, wiring: Wiring) -> None:
    """At most one quiet hint per chat, for an edited text (never for live locations)."""
    message = update.edited_message
    if message is None or not message.text or message.text.startswith("/"):
        return
    if wiring.first_hint(message.chat_id):
        await wiring.sender.say_now(message.chat_id, texts.EDIT_HINT)


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
    if error is not None and is_database_fault(error):
        await faults.on_database_fault(update, error, context)
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
    """Add every way in to ``app``: the command table's commands and buttons, then text,
    locations and everything else."""
    for command in commands.COMMANDS:
        if command.name is not None:
            action = _with_args(command.run, resume=command.name in SIDE_COMMANDS)
            app.add_handler(CommandHandler(command.name, turn_handler(action)))
    app.add_handler(MessageHandler(filters.LOCATION, turn_handler(commands.on_location)))
    app.add_handler(MessageHandler(filters.COMMAND, turn_handler(commands.on_unknown_command)))
    app.add_handler(MessageHandler(filters.TEXT, turn_handler(commands.on_text)))
    for command in commands.COMMANDS:
        if command.button is not None:
            app.add_handler(
                CallbackQueryHandler(
                    turn_handler(commands.pressed(command.press)),
                    pattern=commands.button_pattern(command.button),
                )
            )
    app.add_handler(CallbackQueryHandler(turn_handler(commands.on_expired_button)))
    app.add_handler(ChatMemberHandler(on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(
        MessageHandler(filters.ALL & ~filters.UpdateType.EDITED, turn_handler(commands.on_other))
    )
    app.add_error_handler(on_error)


SIDE_COMMANDS = frozenset({"list", "status", "why", "calm", "help"})
"""Commands that only show something: typed in the middle of a question, the question is
asked again after them, so the user knows where they were."""


def _with_args(action: commands.Action, *, resume: bool = False) -> Handler:
    """A slash command's handler: ``action`` with the words after the command, bounded."""

    async def run(turn: Turn) -> None:
        await action(turn, [clean(a, 100) for a in (turn.context.args or [])][:5])
        if resume:
            conv = await load(turn)
            if conv is not None and conv.flow != "pending":
                turn.say(texts.BACK_TO_QUESTION)
                await flows.ask_again(turn, conv)

    return run
