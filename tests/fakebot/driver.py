"""The driver: a test acts as a Telegram user of the bot under test.

    user = fake.user(first_name="Ann")
    await user.command("/start")
    reply = await user.wait_for_message()
    await user.press(reply, "Yes")

Every action creates the update Telegram would create (queued for getUpdates, or posted to the
webhook when one is set). ``wait_for_message`` is event-driven: it wakes whenever the fake's
state changes and never sleeps in a loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from testkit.waits import REPLY, wait_budget

from .records import BotMessage, CallbackPress, UserMessage

if TYPE_CHECKING:
    from .server import FakeBotApi

JSON = dict[str, Any]


class FakeUser:
    """A simulated user in a private chat with the bot (the chat id equals the user id)."""

    def __init__(
        self,
        fake: FakeBotApi,
        *,
        user_id: int,
        first_name: str,
        username: str | None,
        last_name: str | None,
        language_code: str | None,
    ) -> None:
        self.fake = fake
        self.id = user_id
        self.first_name = first_name
        self.username = username
        self.last_name = last_name
        self.language_code = language_code
        self._cursor = 0  # index in `messages` of the first message not yet returned by a wait
        self.sent: list[UserMessage] = []
        self.presses: list[CallbackPress] = []

    @property
    def chat_id(self) -> int:
        return self.id

    def to_api(self) -> JSON:
        body: JSON = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            body["last_name"] = self.last_name
        if self.username:
            body["username"] = self.username
        if self.language_code:
            body["language_code"] = self.language_code
        return body

    def chat_api(self) -> JSON:
        body: JSON = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name:
            body["last_name"] = self.last_name
        if self.username:
            body["username"] = self.username
        return body

    # ------------------------------------------------------------------ acting

    async def send(self, text: str) -> UserMessage:
        """The user types ``text`` (commands at its start get a bot_command entity)."""
        sent = self.fake._user_message(self, text, {})
        self.sent.append(sent)
        return sent

    async def command(self, command: str, *args: str) -> UserMessage:
        """``await user.command("/start")`` or ``user.command("/new", "Acme")``."""
        if not command.startswith("/"):
            raise ValueError(f"a command starts with '/': {command!r}")
        return await self.send(" ".join((command, *args)))

    async def share_location(self, latitude: float, longitude: float) -> UserMessage:
        location = {"latitude": latitude, "longitude": longitude}
        sent = self.fake._user_message(self, None, {"location": location})
        self.sent.append(sent)
        return sent

    async def edit(self, message: UserMessage, text: str) -> UserMessage:
        """The user edits one of their messages: an ``edited_message`` update."""
        edited = self.fake._user_edit(self, message.message_id, text)
        self.sent.append(edited)
        return edited

    async def press(self, message: BotMessage | int, button: str) -> CallbackPress:
        """Press an inline button of a bot message, chosen by its text or its callback data."""
        if isinstance(message, int):
            found = next((m for m in self.messages if m.message_id == message), None)
            if found is None:
                raise LookupError(f"the bot sent no message {message} to user {self.id}")
            message = found
        if message.chat_id != self.id:
            raise LookupError("that message is in another user's chat")
        if message.deleted:
            raise LookupError(f"message {message.message_id} was deleted")
        buttons = message.buttons
        data = next((d for t, d in buttons if t == button), None)
        if data is None:
            data = next((d for _, d in buttons if d == button), None)
        if data is None:
            labels = [t for t, _ in buttons]
            raise LookupError(f"no callback button {button!r} on message; buttons: {labels}")
        pressed = self.fake._user_press(self, message, data)
        self.presses.append(pressed)
        return pressed

    async def press_raw(self, message: BotMessage, data: str) -> CallbackPress:
        """Send a callback query with arbitrary data, as a forged client could."""
        pressed = self.fake._user_press(self, message, data)
        self.presses.append(pressed)
        return pressed

    async def block(self) -> None:
        """Block the bot: sends become 403 and a my_chat_member update ("kicked") is queued."""
        self.fake._user_block(self, True)

    async def unblock(self) -> None:
        self.fake._user_block(self, False)

    # ------------------------------------------------------------------ reading

    @property
    def messages(self) -> list[BotMessage]:
        """Everything the bot sent to this user, in order (deleted ones have ``deleted``)."""
        return self.fake.transcript(self.id)

    @property
    def last_message(self) -> BotMessage | None:
        visible = [m for m in self.messages if not m.deleted]
        return visible[-1] if visible else None

    @property
    def unread(self) -> list[BotMessage]:
        return self.messages[self._cursor :]

    def mark_read(self) -> None:
        self._cursor = len(self.messages)

    async def wait_for_message(
        self,
        timeout: float | None = None,  # noqa: ASYNC109 - the documented driver API
        predicate: Callable[[BotMessage], bool] | None = None,
    ) -> BotMessage:
        """The bot's next message to this user that this method has not returned yet.

        Messages are returned one by one in the order the bot sent them, including ones that
        arrived before the call. With a ``predicate``, earlier messages that do not match are
        skipped (and count as read). Raises TimeoutError naming what did arrive. ``timeout``
        is in seconds as given; by default the budget of one reply (``testkit.waits``).
        """
        if timeout is None:
            timeout = wait_budget(REPLY)
        found: list[BotMessage] = []

        def ready() -> bool:
            messages = self.messages
            for index in range(self._cursor, len(messages)):
                if predicate is None or predicate(messages[index]):
                    found.append(messages[index])
                    self._cursor = index + 1
                    return True
            return False

        try:
            await self.fake.wait_until(ready, timeout)
        except TimeoutError:
            seen = [m.text if m.text is not None else "<document>" for m in self.unread]
            raise TimeoutError(
                f"no matching bot message to user {self.id} within {timeout} s; unread: {seen}"
            ) from None
        return found[0]

    async def wait_for_answer(
        self,
        pressed: CallbackPress,
        timeout: float | None = None,  # noqa: ASYNC109 - the documented driver API
    ) -> JSON:
        """Wait until the bot answers the callback query of ``pressed``; returns the answer."""
        if timeout is None:
            timeout = wait_budget(REPLY)
        answers: list[JSON] = []

        def answered() -> bool:
            answer = self.fake.callback_answer(pressed.query_id)
            if answer is not None:
                answers.append(answer)
            return answer is not None

        await self.fake.wait_until(answered, timeout)
        return answers[0]
