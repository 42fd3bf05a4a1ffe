"""A small word-and-letter model of intents, the fallback when the rules find none.

The understanding step's rules read the common ways of saying each thing precisely, but
people find new ways ("ctrl z 😅", "mate this is doing my head in", "gave josh a bell").
When the rules find no intent, :func:`guess` asks a multinomial naive Bayes model trained
on the examples in :mod:`bot.core._intent_examples` (the development corpora's English
messages). It answers only when its best intent beats the runner-up clearly
(:data:`MIN_MARGIN` in log-probability) and the message has a content word that intent's
examples use, and never with an intent that writes data (those need the rules' reading of
the facts), so a weak or off-topic guess stays ``unknown``.

Features (:func:`bot.core.bayes.features`): words, word pairs and letter four-grams of the
normalised text, and whether it has emoji. Pure, no I/O; the model is built once, on first
use, in a few milliseconds.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from bot.core._intent_examples import EXAMPLES
from bot.core.bayes import NaiveBayes, features

__all__ = ["MIN_MARGIN", "NEVER_GUESSED", "Guess", "guess"]

MIN_MARGIN = 2.0
"""How much more likely (in natural log) the best intent must be than the runner-up."""

NEVER_GUESSED = frozenset(
    {"new_interview", "log_attempt", "reply", "outcome", "settings", "delete", "undo", "unknown"}
)
"""Intents that change stored data (or mean nothing): only the rules may say them."""

_SMOOTHING = 0.1
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "i",
        "im",
        "ive",
        "me",
        "my",
        "you",
        "your",
        "u",
        "it",
        "its",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "and",
        "or",
        "but",
        "so",
        "do",
        "does",
        "did",
        "can",
        "could",
        "should",
        "would",
        "will",
        "whats",
        "what",
        "how",
        "when",
        "where",
        "why",
        "who",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "with",
        "from",
        "by",
        "about",
        "any",
        "some",
        "all",
        "pls",
        "please",
        "just",
        "ok",
        "okay",
        "hi",
        "hey",
        "hello",
    ]
)


@dataclass(frozen=True, slots=True)
class Guess:
    intent: str
    margin: float


@functools.lru_cache(maxsize=1)
def _model(normalise: Callable[[str], str]) -> NaiveBayes:
    return NaiveBayes.train(
        ((features(normalise(message), message), intent) for message, intent in EXAMPLES),
        _SMOOTHING,
    )


def guess(plain: str, raw: str, *, normalise: Callable[[str], str]) -> Guess | None:
    """The model's intent for a message the rules could not place, or ``None``.

    ``normalise`` is the understanding step's own text normaliser (so the examples are
    read the same way as the message).
    """
    model = _model(normalise)
    found = features(plain, raw)
    scores = model.scores(found)
    if len(scores) < 2:
        return None
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, best_score), (_, second) = ranked[0], ranked[1]
    margin = best_score - second
    if best in NEVER_GUESSED or margin < MIN_MARGIN:
        return None
    # A guess needs one content word the intent's examples use more than once (or emoji for
    # a feeling): off-topic questions share only small words with the examples.
    content = [f for f in found if f.startswith("w:") and f[2:] not in _STOP]
    if not any(model.counts[best][f] >= 2 for f in content) and not (
        best == "feeling" and "emoji" in found
    ):
        return None
    return Guess(best, margin)
