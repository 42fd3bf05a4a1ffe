"""Sending the replies of the outbox: paced, in order per chat, a 429 holds only its chat.

Replies and nudges share one :class:`~bot.scheduling.pacing.Pacer`: the global rate, the
spacing inside one chat and every ``retry_after`` Telegram named for a chat. A 429 holds
that chat alone (its worker waits; other chats go on), unlike PTB's rate limiter, which
holds every request of the bot.

Per reply: ``RetryAfter`` waits as told and tries again; a 5xx or a dropped connection is
retried with backoff; ``Forbidden`` marks the user blocked and drops the chat's replies;
``BadRequest`` drops that reply (the same request would fail again). When a reply still
cannot go out, it and the chat's later replies stay in the outbox and go out later (the
next update of that chat, or the next start). A reply whose row is deleted was delivered.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from enum import Enum
from typing import IO, Any, Final

from telegram import Bot, InputFile
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.botapi import may_have_arrived, post, retry_seconds
from bot.scheduling.pacing import Pacer
from bot.storage import export, repo
from bot.storage.db import READ_ONLY
from bot.storage.mailbox import Outgoing, QueuedReply
from bot.telegram import texts
from bot.telegram.html import split_html
from bot.telegram.pipeline.writes import Acks, WriteGate

__all__ = ["ReplySender", "markup"]

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], datetime]

EXPORT_SPOOL_BYTES: Final = 256 * 1024
"""An export file larger than this is written to a temporary file on disk, not to memory."""


class _Outcome(Enum):
    SENT = "sent"
    DROPPED = "dropped"  # Telegram refused it for good: never retried
    BLOCKED = "blocked"
    LATER = "later"


def markup(buttons: Sequence[Sequence[tuple[str, str]]] | None) -> dict[str, Any] | None:
    """An inline keyboard as the Bot API's JSON (cheaper than building PTB objects)."""
    if not buttons:
        return None
    return {
        "inline_keyboard": [
            [{"text": text, "callback_data": data} for text, data in row] for row in buttons
        ]
    }


class ReplySender:
    """Delivers queued replies; see the module docstring."""

    def __init__(
        self,
        bot: Bot,
        *,
        gate: WriteGate,
        acks: Acks,
        clock: Clock,
        pacer: Pacer | None = None,
        network_retries: int = 3,
        backoff_seconds: float = 0.5,
        max_flood_waits: int = 5,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.bot = bot
        self.pacer = pacer
        self._gate = gate
        self.acks = acks
        self._clock = clock
        self._retries = network_retries
        self._backoff = backoff_seconds
        self._max_flood_waits = max_flood_waits
        self._sleep = sleep
        self.export_max_bytes = export.MAX_BYTES
        self._answers: set[asyncio.Task[None]] = set()
        self._chatless_until = 0.0
        self.behind: set[int] = set()
        """Chats with replies left in the outbox after a failure (sent before their next turn)."""

    async def deliver(self, replies: Sequence[QueuedReply]) -> bool:
        """Send ``replies`` in order; False when some had to stay queued for later."""
        done: list[int] = []
        complete = True
        blocked: set[int] = set()
        # Taking the buttons off an answered question can wait for the answer itself.
        ordered = [r for r in replies if r.item.strip_markup_of is None]
        ordered += [r for r in replies if r.item.strip_markup_of is not None]
        for reply in ordered:
            if reply.chat_id in blocked:
                done.append(reply.id)
                continue
            outcome = await self._send(reply.chat_id, reply.item)
            if outcome is _Outcome.LATER:
                self.behind.add(reply.chat_id)
                complete = False
                break
            done.append(reply.id)
            if outcome is _Outcome.BLOCKED:
                blocked.add(reply.chat_id)
        if blocked:
            await self._mark_blocked(blocked)
        try:
            await self.acks.replies_sent(done)
        except Exception:
            log.warning("delivered replies not yet recorded; they may go out once more")
        if complete:
            for reply in replies:
                self.behind.discard(reply.chat_id)
        return complete

    async def answer_callback(self, query_id: str, *, beside: bool = True) -> None:
        """Stop the button's spinner; ``beside`` the turn, it never delays the replies.

        A ``retry_after`` on this chat-less call holds further answers until it ends.
        """
        if not beside:
            await self._answer(query_id)
            return
        task = asyncio.get_running_loop().create_task(self._answer(query_id))
        self._answers.add(task)
        task.add_done_callback(self._answers.discard)

    async def _answer(self, query_id: str) -> None:
        for failures in range(self._retries + 1):
            wait = self._chatless_until - time.monotonic()
            if wait > 0:
                await self._sleep(wait)
            try:
                await self.bot.answer_callback_query(query_id)
                return
            except RetryAfter as exc:
                until = time.monotonic() + retry_seconds(exc)
                self._chatless_until = max(self._chatless_until, until)
            except NetworkError:
                await self._sleep(self._backoff * 2**failures)
            except TelegramError:
                return  # too old to answer, or refused: the spinner stops by itself

    async def close(self) -> None:
        """Let the callback answers in flight finish (briefly)."""
        if self._answers:
            await asyncio.wait(set(self._answers), timeout=2.0)

    async def say_now(self, chat_id: int, text: str) -> bool:
        """Send one plain message outside the outbox (an apology while the database fails)."""
        return await self._send(chat_id, Outgoing(text=text)) is _Outcome.SENT

    async def _send(self, chat_id: int, item: Outgoing) -> _Outcome:
        if item.strip_markup_of is not None:
            outcome = await self._call(
                chat_id,
                "editMessageReplyMarkup",
                {"chat_id": chat_id, "message_id": item.strip_markup_of},
            )
            # Already gone or unchanged: nothing to tidy, and never worth a retry later.
            return _Outcome.SENT if outcome is _Outcome.DROPPED else outcome
        if item.export_of is not None:
            return await self._send_export(chat_id, item)
        if item.document is not None:
            method = "sendPhoto" if item.photo else "sendDocument"
            return await self._call(chat_id, method, {"item": item})
        parts = split_html(item.text)
        for index, part in enumerate(parts):
            data: dict[str, Any] = {
                "chat_id": chat_id,
                "text": part,
                "parse_mode": ParseMode.HTML,
                "link_preview_options": {"is_disabled": True},
            }
            keyboard = markup(item.buttons) if index == len(parts) - 1 else None
            if keyboard is not None:
                data["reply_markup"] = keyboard
            outcome = await self._call(chat_id, "sendMessage", data)
            if outcome is not _Outcome.SENT:
                return outcome
        return _Outcome.SENT

    async def _send_export(self, chat_id: int, item: Outgoing) -> _Outcome:
        """Write the user's export into a temporary file (in memory while small, on disk
        beyond) from a read-only transaction, page by page, and upload it from there."""
        assert item.export_of is not None and item.document is not None
        with tempfile.SpooledTemporaryFile(max_size=EXPORT_SPOOL_BYTES) as spool:
            try:
                async with self._gate.sessions() as session, session.begin():
                    await session.connection(execution_options=READ_ONLY)
                    result = await export.write_export(
                        session,
                        spool,
                        owner_id=item.export_of,
                        now=self._clock(),
                        max_bytes=self.export_max_bytes,
                    )
            except Exception as exc:
                log.warning("an export could not be read (%s); it stays queued", type(exc).__name__)
                return _Outcome.LATER
            if not result.found:  # erased since they asked
                return await self._send(chat_id, Outgoing(text=texts.EXPORT_GONE))
            caption = item.text
            if result.truncated:
                megabytes = max(1, self.export_max_bytes // (1024 * 1024))
                caption = texts.EXPORT_TRUNCATED.format(size=megabytes)
                log.info("an export reached the cap of %d bytes; sent truncated", result.size)
            upload = Outgoing(text=caption, document=item.document)
            return await self._call(chat_id, "sendDocument", {"item": upload, "file": spool})

    async def _post(self, method: str, data: dict[str, Any]) -> None:
        if method == "sendPhoto":
            picture: Outgoing = data["item"]
            assert picture.document is not None
            name, content = picture.document
            await self.bot.send_photo(
                chat_id=data.get("chat_id") or 0,
                photo=content,
                filename=name,
                caption=picture.text or None,
                parse_mode=ParseMode.HTML,
            )
            return
        if method == "sendDocument":
            item: Outgoing = data["item"]
            assert item.document is not None
            name, content = item.document
            document: bytes | InputFile = content
            spool: IO[bytes] | None = data.get("file")
            if spool is not None:
                spool.seek(0)  # again from the start on a retry
                # Streamed from the file as it is uploaded, not read into memory first.
                document = InputFile(spool, filename=name, read_file_handle=False)
            await self.bot.send_document(
                chat_id=data.get("chat_id") or 0,
                document=document,
                filename=name,
                caption=item.text or None,
                parse_mode=ParseMode.HTML,
            )
            return
        # The raw call: Telegram's answer is not turned into PTB objects we would not read.
        await post(self.bot, method, data)

    async def _call(self, chat_id: int, method: str, data: dict[str, Any]) -> _Outcome:
        if method in ("sendDocument", "sendPhoto"):
            data = {**data, "chat_id": chat_id}
        failures = 0
        floods = 0
        while True:
            if self.pacer is not None:
                await self.pacer.turn(chat_id)
            try:
                await self._post(method, data)
            except RetryAfter as exc:
                floods += 1
                wait = retry_seconds(exc)
                log.info("Telegram asked to wait %.0f s before writing to a chat again", wait)
                if floods > self._max_flood_waits:
                    return _Outcome.LATER
                if self.pacer is not None:
                    self.pacer.hold(chat_id, wait)  # only this chat waits
                else:
                    await self._sleep(wait)
                continue
            except Forbidden:
                return _Outcome.BLOCKED
            except BadRequest as exc:
                log.warning("Telegram refused a reply (%s): %s", method, _short(exc))
                return _Outcome.DROPPED
            except NetworkError as exc:
                failures += 1
                if failures > self._retries:
                    log.warning(
                        "a reply could not be sent (%s); it stays queued", type(exc).__name__
                    )
                    return _Outcome.LATER
                delay = self._backoff * 2 ** (failures - 1)
                doubt = " (may have arrived: possible duplicate)" if may_have_arrived(exc) else ""
                log.warning(
                    "Bot API %s failed with %s%s; retry %d of %d in %.1f s",
                    method,
                    type(exc).__name__,
                    doubt,
                    failures,
                    self._retries,
                    delay,
                )
                await self._sleep(delay)
                continue
            except TelegramError as exc:
                log.warning("Telegram refused a reply (%s): %s", method, _short(exc))
                return _Outcome.DROPPED
            return _Outcome.SENT

    async def _mark_blocked(self, chat_ids: set[int]) -> None:
        try:
            async with self._gate.write() as session:
                for chat_id in chat_ids:
                    # Private chats only: the chat id is the user's id.
                    user = await repo.get_user_by_telegram_id(session, telegram_user_id=chat_id)
                    if user is not None:
                        await repo.mark_blocked(session, owner_id=user.id, at=self._clock())
                        log.info("user %d blocked the bot", chat_id)
        except Exception as exc:
            log.warning("could not record a blocked user (%s)", type(exc).__name__)


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]
