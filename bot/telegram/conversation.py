"""Multi-step conversations whose state lives in the database, written on every answer.

PTB's ``ConversationHandler`` keeps state in one process's memory; here each user's open
conversation (which flow, which question, the answers so far, and the questions already
asked for /back) is a row, saved in the same transaction as the answer. A crash loses
nothing and any instance can continue any conversation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from bot.storage import repo
from bot.telegram.answers import Answers, NoAnswers, from_json, to_json
from bot.telegram.runtime import Turn

A = TypeVar("A")

SLOT = "main"


@dataclass
class Conversation:
    """One user's open conversation: ``flow`` and ``question`` name where they are.

    ``question`` is ``""`` for a conversation an older version left that this one cannot
    read: it is answered with "that has expired" and closed.
    """

    flow: str
    question: str
    answers: Answers = field(default_factory=NoAnswers)
    history: list[str] = field(default_factory=list)

    @property
    def state(self) -> str:
        return f"{self.flow}.{self.question}"

    def to_data(self) -> dict[str, Any]:
        return {"answers": to_json(self.answers), "history": self.history}

    def answers_as(self, kind: type[A]) -> A:
        """The answers, as the class the asking question works with."""
        if not isinstance(self.answers, kind):
            raise TypeError(f"{self.state} keeps {type(self.answers).__name__}, not {kind}")
        return self.answers


async def load(turn: Turn) -> Conversation | None:
    found = await repo.get_conversation(turn.session, owner_id=turn.user.id, name=SLOT)
    if found is None:
        return None
    state, data = found
    flow, _, question = state.partition(".")
    answers = from_json(flow, data.get("answers", {}))
    if answers is None:
        return Conversation(flow=flow, question="")
    history = data.get("history")
    return Conversation(
        flow=flow,
        question=question,
        answers=answers,
        history=[str(h) for h in history] if isinstance(history, list) else [],
    )


async def save(turn: Turn, conv: Conversation) -> None:
    await repo.save_conversation(
        turn.session, owner_id=turn.user.id, name=SLOT, state=conv.state, data=conv.to_data()
    )


async def clear(turn: Turn) -> bool:
    return await repo.clear_conversation(turn.session, owner_id=turn.user.id, name=SLOT)
