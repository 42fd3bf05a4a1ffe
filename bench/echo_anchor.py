"""The anchor of bench/updates.py: a fair PTB echo bot, run as its own process.

It does what a minimal real bot does for every update, with PTB's usual building blocks:
long polling, up to 16 updates handled at once, an HTML reply (the text escaped) with an
inline keyboard, and buttons answered (the spinner stopped beside the reply, as HearBack
does). No database, no rate limiter.

    python bench/echo_anchor.py BASE_URL TOKEN
"""

from __future__ import annotations

import asyncio
import html
import sys
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, MessageHandler, filters

KEYBOARD = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("Again", callback_data="again"),
            InlineKeyboardButton("Help", callback_data="help"),
        ]
    ]
)


async def echo(update: Update, context: Any) -> None:
    message = update.effective_message
    if message is None or update.effective_chat is None:
        return
    await context.bot.send_message(
        update.effective_chat.id,
        f"You said: <b>{html.escape(message.text or '?')}</b>",
        parse_mode=ParseMode.HTML,
        reply_markup=KEYBOARD,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )


async def pressed(update: Update, context: Any) -> None:
    query = update.callback_query
    if query is None or update.effective_chat is None:
        return
    answer = asyncio.ensure_future(query.answer())
    await context.bot.send_message(
        update.effective_chat.id,
        f"You pressed <b>{html.escape(query.data or '?')}</b>",
        parse_mode=ParseMode.HTML,
        reply_markup=KEYBOARD,
    )
    await answer


def main() -> None:
    base_url, token = sys.argv[1], sys.argv[2]
    app = ApplicationBuilder().token(token).base_url(base_url).concurrent_updates(16).build()
    app.add_handler(MessageHandler(filters.ALL, echo))
    app.add_handler(CallbackQueryHandler(pressed))
    app.run_polling(allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
