"""Per-call fault injection for the fake Bot API, reproducible through a seeded random source."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, get_args

FaultKind = Literal["429", "403", "500", "drop", "drop_after", "delay"]
FAULT_KINDS: frozenset[str] = frozenset(get_args(FaultKind))


@dataclass
class FaultRule:
    """One rule: which calls it hits, how often, and what it does.

    ``kind``:
      * ``"429"``: Too Many Requests with ``retry_after`` seconds. The fake remembers the window
        for the call's chat (or for chat-less calls as a whole); a call inside that window is
        counted as an *early retry* and gets another 429.
      * ``"403"``: "Forbidden: bot was blocked by the user".
      * ``"500"``: Internal Server Error; the call is not carried out.
      * ``"drop"``: the connection is closed before the call is carried out (no response).
      * ``"drop_after"``: the call IS carried out, then the connection is closed without a
        response (what a client sees when a reply is lost on the way back).
      * ``"delay"``: sleep ``delay`` seconds, then answer normally (later rules still apply).
    """

    kind: FaultKind
    methods: frozenset[str] | None = None  # lower-case method names; None means every method
    chat_id: int | None = None
    probability: float = 1.0
    times: int | None = None  # how many times it may fire; None means unlimited
    retry_after: int = 1
    delay: float = 0.0
    fired: int = 0
    seen: int = field(default=0, repr=False)

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.fired >= self.times

    def matches(self, method: str, chat_id: int | None) -> bool:
        if self.methods is not None and method.lower() not in self.methods:
            return False
        return self.chat_id is None or self.chat_id == chat_id


class FaultRules:
    """The ordered list of rules a test sets: ``fake.faults.add(method=..., kind=...)``."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._rules: list[FaultRule] = []

    def add(
        self,
        *,
        kind: FaultKind,
        method: str | Iterable[str] | None = None,
        retry_after: int = 1,
        probability: float = 1.0,
        times: int | None = None,
        chat_id: int | None = None,
        delay: float = 0.0,
    ) -> FaultRule:
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {sorted(FAULT_KINDS)}")
        if not 0.0 <= probability <= 1.0:
            raise ValueError("probability must be between 0 and 1")
        if times is not None and times < 1:
            raise ValueError("times must be at least 1 (or None for unlimited)")
        if kind == "429" and retry_after < 1:
            raise ValueError("retry_after must be at least 1 second")
        if kind == "delay" and delay <= 0:
            raise ValueError("a delay fault needs delay > 0 seconds")
        methods: frozenset[str] | None
        if method is None:
            methods = None
        elif isinstance(method, str):
            methods = frozenset({method.lower()})
        else:
            methods = frozenset(m.lower() for m in method)
        rule = FaultRule(
            kind=kind,
            methods=methods,
            chat_id=chat_id,
            probability=probability,
            times=times,
            retry_after=retry_after,
            delay=delay,
        )
        self._rules.append(rule)
        return rule

    def remove(self, rule: FaultRule) -> None:
        self._rules.remove(rule)

    def clear(self) -> None:
        self._rules.clear()

    @property
    def rules(self) -> list[FaultRule]:
        return list(self._rules)

    def pick(self, method: str, chat_id: int | None) -> tuple[list[FaultRule], FaultRule | None]:
        """Decide what happens to one call: the delay rules that fire, then at most one fault.

        Rules are tried in the order they were added; the first non-delay rule that fires wins.
        The random source is consulted only for rules with 0 < probability < 1, so a list of
        certain rules does not shift the seeded sequence.
        """
        delays: list[FaultRule] = []
        for rule in self._rules:
            if rule.exhausted or not rule.matches(method, chat_id):
                continue
            rule.seen += 1
            if rule.probability < 1.0 and (
                rule.probability == 0.0 or self._rng.random() >= rule.probability
            ):
                continue
            rule.fired += 1
            if rule.kind == "delay":
                delays.append(rule)
                continue
            return delays, rule
        return delays, None
