"""/export through the real Application: the file is written when it is sent, bounded.

- A normal user gets one file (the document of ``hearback.export/1``) and no other reply.
- A user with thousands of interviews is told the file is being prepared, then gets it
  complete.
- Past the size cap the file ends cleanly and its caption says kindly that it is partial.
- The outbox holds no file: only what to write when the reply goes out.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from testkit.clock import NOW
from testkit.records import fill_many

from bot.storage import mailbox, repo
from bot.storage.db import make_sessionmaker
from bot.storage.models import OutboxRow
from bot.telegram import texts
from bot.telegram.actions import EXPORT_SLOW_ROWS
from bot.telegram.localapi import SentMessage
from bot.telegram.pipeline.wiring import wiring_of

from .harness import BotEnv, User, new_interview, onboard


async def _owner(env: BotEnv, user: User) -> int:
    assert env.engine is not None
    async with make_sessionmaker(env.engine)() as session:
        profile = await repo.get_user_by_telegram_id(session, telegram_user_id=user.user_id)
        assert profile is not None
        return profile.id


async def _fill(env: BotEnv, user: User, interviews: int) -> dict[str, int]:
    assert env.engine is not None
    owner = await _owner(env, user)
    async with make_sessionmaker(env.engine)() as session, session.begin():
        return await fill_many(session, owner_id=owner, interviews=interviews, at=NOW)


def _file(replies: list[SentMessage]) -> tuple[SentMessage, dict[str, object]]:
    [message] = [m for m in replies if m.document is not None]
    assert message.document is not None
    assert message.document[0] == texts.EXPORT_FILE
    document = json.loads(message.document[1])
    assert isinstance(document, dict)
    return message, document


async def test_a_normal_user_gets_the_whole_file_and_nothing_else(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await new_interview(user, company="Acme <b>&</b> Co")
    replies = await user.send("/export")
    message, document = _file(replies)
    assert replies == [message]
    assert message.text == texts.EXPORT_CAPTION
    assert document["schema"] == "hearback.export/1"
    interviews = document["interviews"]
    assert isinstance(interviews, list)
    assert [i["company"] for i in interviews] == ["Acme <b>&</b> Co"]  # data, kept as typed
    assert "truncated" not in document


async def test_thousands_of_interviews_are_announced_then_sent_complete(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    stored = await _fill(env, user, interviews=EXPORT_SLOW_ROWS // 2)
    replies = await user.send("/export")
    assert replies[0].text == texts.EXPORT_PREPARING and replies[0].document is None
    message, document = _file(replies)
    assert replies[-1] is message and message.text == texts.EXPORT_CAPTION
    for name, count in stored.items():
        rows = document[name]
        assert isinstance(rows, list) and len(rows) == count, name


async def test_a_few_hundred_interviews_need_no_announcement(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await _fill(env, user, interviews=EXPORT_SLOW_ROWS // 4 - 10)
    replies = await user.send("/export")
    assert [m.text for m in replies] == [texts.EXPORT_CAPTION]


async def test_past_the_cap_the_file_is_partial_and_says_so_kindly(env: BotEnv) -> None:
    assert env.app is not None
    wiring_of(env.app.bot_data).sender.export_max_bytes = 1024 * 1024
    user = env.user()
    await onboard(user)
    await _fill(env, user, interviews=5000)
    replies = await user.send("/export")
    message, document = _file(replies)
    assert message.document is not None and len(message.document[1]) <= 1024 * 1024
    assert message.text == texts.EXPORT_TRUNCATED.format(size=1)
    assert document["truncated"] is True
    interviews = document["interviews"]
    assert isinstance(interviews, list) and 0 < len(interviews) < 5000


async def test_the_outbox_holds_no_file_and_a_user_erased_meanwhile_is_told(
    env: BotEnv,
) -> None:
    user = env.user()
    await onboard(user)
    owner = await _owner(env, user)
    item = mailbox.Outgoing(
        text=texts.EXPORT_CAPTION, document=(texts.EXPORT_FILE, b""), export_of=owner
    )
    assert env.engine is not None and env.app is not None
    sessions = make_sessionmaker(env.engine)
    async with sessions() as session, session.begin():
        [queued] = await mailbox.add_replies(session, chat_id=user.user_id, items=[item], at=NOW)
        stored = await session.scalar(select(OutboxRow.document).where(OutboxRow.id == queued.id))
        assert stored == b""  # what to write, not the file
        await repo.erase_user(session, owner_id=owner)
    async with sessions() as session:
        [again] = await mailbox.unsent_replies(session, chat_id=user.user_id)
    assert again.item.export_of == owner
    start = len(env.api.sent)
    assert await wiring_of(env.app.bot_data).sender.deliver([again])
    assert [m.text for m in env.api.sent[start:]] == [texts.EXPORT_GONE]
