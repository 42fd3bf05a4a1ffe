"""Drive the real HearBack Application offline: a user who types and presses buttons.

Updates go through ``Application.process_update``; the Bot API is answered in-process by
``LocalBotApi``, which rejects what Telegram rejects (bad HTML, over-long text, callback
data over 64 bytes), so every reply a test sees would also have been accepted by Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from testkit.clock import Clock

from bot.config import Settings
from bot.core.records import InterviewRecord
from bot.storage import repo
from bot.storage.db import make_engine, make_sessionmaker
from bot.telegram.app import App, build_application
from bot.telegram.localapi import LOCAL_TOKEN, LocalBotApi, SentMessage
from bot.telegram.updates import callback_update, location_update, text_update


@dataclass
class BotEnv:
    url: str
    clock: Clock
    api: LocalBotApi = field(default_factory=LocalBotApi)
    app: App | None = None
    engine: AsyncEngine | None = None

    async def start(self) -> None:
        self.engine = make_engine(self.url)
        self.app = build_application(
            Settings(database_url=self.url),
            token=LOCAL_TOKEN,
            engine=self.engine,
            request=self.api,
            updates_request=LocalBotApi(),
            clock=self.clock,
            rate_limit=False,
        )
        await self.app.initialize()

    async def stop(self) -> None:
        if self.app is not None:
            await self.app.shutdown()
        if self.engine is not None:
            await self.engine.dispose()
        self.app = None

    async def restart(self) -> None:
        """A new Application and engine on the same database, as after a crash."""
        await self.stop()
        self.api = LocalBotApi()
        await self.start()

    def user(self, user_id: int = 1001, first_name: str = "Sam") -> User:
        return User(self, user_id, first_name)


@dataclass
class User:
    env: BotEnv
    user_id: int
    first_name: str

    @property
    def app(self) -> App:
        assert self.env.app is not None
        return self.env.app

    def _mine(self, start: int) -> list[SentMessage]:
        return [m for m in self.env.api.sent[start:] if m.chat_id == self.user_id]

    async def _process(self, update: Any) -> list[SentMessage]:
        start = len(self.env.api.sent)
        errors = len(self.env.api.errors)
        await self.app.process_update(update)
        assert self.env.api.errors[errors:] == [], self.env.api.errors[errors:]
        return self._mine(start)

    async def send(self, text: str, *, update_id: int | None = None) -> list[SentMessage]:
        update = text_update(
            self.app.bot, self.user_id, text, first_name=self.first_name, update_id=update_id
        )
        return await self._process(update)

    async def share_location(self, latitude: float, longitude: float) -> list[SentMessage]:
        return await self._process(location_update(self.app.bot, self.user_id, latitude, longitude))

    async def press_data(self, data: str, message_id: int = 1) -> list[SentMessage]:
        update = callback_update(self.app.bot, self.user_id, data, message_id=message_id)
        return await self._process(update)

    def last_buttons(self) -> list[tuple[int, str, str]]:
        for message in reversed(self.env.api.sent):
            if message.chat_id == self.user_id and message.buttons:
                return [(message.message_id, t, d) for t, d in message.button_list]
        return []

    async def press(self, label: str) -> list[SentMessage]:
        """Press the button whose label contains ``label`` on the newest message with buttons."""
        for message_id, text, data in self.last_buttons():
            if label.casefold() in text.casefold():
                return await self.press_data(data, message_id)
        raise AssertionError(f"no button {label!r} in {self.last_buttons()}")

    def transcript(self) -> str:
        return "\n---\n".join(m.text for m in self.env.api.sent if m.chat_id == self.user_id)


def text_of(messages: list[SentMessage]) -> str:
    return "\n".join(m.text for m in messages)


# ---------------------------------------------------------------------- conversations


async def onboard(user: User, city: str = "New York") -> None:
    await user.send("/start")
    await user.send(city)
    await user.press("10:00")


async def new_interview(user: User, company: str = "Acme") -> str:
    """Walks the whole /new conversation; returns the final summary text."""
    await user.send("/new")
    await user.send(company)
    await user.send("Backend engineer")
    await user.send("today 9am")
    await user.send("Dana Lee, recruiter, dana@acme.com")
    await user.press("That's everyone")
    await user.send("the recruiter said by Friday")
    await user.press("Yes")
    await user.press("warm")
    return text_of(await user.press("Not yet"))


async def interviews(env: BotEnv, user: User) -> tuple[InterviewRecord, ...]:
    assert env.engine is not None
    async with make_sessionmaker(env.engine)() as session:
        profile = await repo.get_user_by_telegram_id(session, telegram_user_id=user.user_id)
        assert profile is not None
        return await repo.list_interviews(session, owner_id=profile.id)
