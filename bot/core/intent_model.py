"""A small word-and-letter model of intents, the fallback when the rules find none.

The understanding step's rules read the common ways of saying each thing precisely, but
people find new ways ("ctrl z 😅", "mate this is doing my head in", "gave josh a bell").
When the rules find no intent, :func:`guess` asks a multinomial naive Bayes model trained
on the examples in :mod:`bot.core._intent_examples` (the development corpora's English
messages). It answers only when its best intent beats the runner-up clearly
(:data:`MIN_MARGIN` in log-probability) and the message has a content word that intent's
examples use, and never with an intent that writes data (those need the rules' reading of
the facts), so a weak or off-topic guess stays ``unknown``.

Features: words, word pairs and letter four-grams of the normalised text, and whether it
has emoji. Pure, no I/O; the model is built once, on first use, in a few milliseconds.

Written by hand because the well-known implementations (scikit-learn) bring scipy and
about 100 MB to a bot image that must stay small; the model here is forty lines.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.core._intent_examples import EXAMPLES

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
_WORD = re.compile(r"[a-z0-9']+|[?!]")


@dataclass(frozen=True, slots=True)
class Guess:
    intent: str
    margin: float


def features(plain: str, raw: str) -> list[str]:
    """The features of a message: ``plain`` is its normalised form, ``raw`` as typed."""
    words = _WORD.findall(plain)
    found = [f"w:{w}" for w in words]
    found += [f"b:{a}_{b}" for a, b in itertools.pairwise(words)]
    for word in words:
        padded = f"<{word}>"
        found += [f"c:{padded[i : i + 4]}" for i in range(max(1, len(padded) - 3))]
    if any(ord(ch) > 0x2000 for ch in raw):
        found.append("emoji")
    return found


@dataclass(frozen=True, slots=True)
class _Model:
    word_counts: dict[str, Counter[str]]
    log_prior: dict[str, float]
    log_likely: dict[str, dict[str, float]]
    log_unseen: dict[str, float]
    vocabulary: frozenset[str]


@functools.lru_cache(maxsize=1)
def _model(normalise: Callable[[str], str]) -> _Model:
    counts: dict[str, Counter[str]] = {}
    docs: Counter[str] = Counter()
    for message, intent in EXAMPLES:
        docs[intent] += 1
        counts.setdefault(intent, Counter()).update(features(normalise(message), message))
    vocabulary = frozenset(f for c in counts.values() for f in c)
    total_docs = sum(docs.values())
    log_likely: dict[str, dict[str, float]] = {}
    log_unseen: dict[str, float] = {}
    for intent, counter in counts.items():
        denominator = sum(counter.values()) + _SMOOTHING * len(vocabulary)
        log_likely[intent] = {
            f: math.log((n + _SMOOTHING) / denominator) for f, n in counter.items()
        }
        log_unseen[intent] = math.log(_SMOOTHING / denominator)
    prior = {intent: math.log(n / total_docs) for intent, n in docs.items()}
    words = {
        intent: Counter({f: n for f, n in c.items() if f.startswith("w:")})
        for intent, c in counts.items()
    }
    return _Model(words, prior, log_likely, log_unseen, vocabulary)


def _scores(model: _Model, found: Iterable[str]) -> dict[str, float]:
    known = [f for f in found if f in model.vocabulary]
    return {
        intent: prior
        + sum(model.log_likely[intent].get(f, model.log_unseen[intent]) for f in known)
        for intent, prior in model.log_prior.items()
    }


def guess(plain: str, raw: str, *, normalise: Callable[[str], str]) -> Guess | None:
    """The model's intent for a message the rules could not place, or ``None``.

    ``normalise`` is the understanding step's own text normaliser (so the examples are
    read the same way as the message).
    """
    model = _model(normalise)
    found = features(plain, raw)
    scores = _scores(model, found)
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
    if not any(model.word_counts[best][f] >= 2 for f in content) and not (
        best == "feeling" and "emoji" in found
    ):
        return None
    return Guess(best, margin)
