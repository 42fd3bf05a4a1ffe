"""A multinomial naive Bayes model over words, word pairs and letter four-grams.

Two readers fall back on it where hand-written rules run out: the intent of a message the
understanding rules could not place (:mod:`bot.core.intent_model`) and the tone of a message
the tone check's patterns found nothing in (:mod:`bot.core.tone`). Each trains one on its own
examples, taken from the development corpora only (never a blind one).

Written by hand because the well-known implementations (scikit-learn) bring scipy and about
100 MB to a bot image that must stay small; the model is a few dozen lines. Pure, no I/O.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["NaiveBayes", "features"]

_WORD = re.compile(r"[a-z0-9']+|[?!]")


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
class NaiveBayes:
    """Log-probabilities learned from labelled feature lists (additive smoothing)."""

    log_prior: dict[str, float]
    log_likely: dict[str, dict[str, float]]
    log_unseen: dict[str, float]
    counts: dict[str, Counter[str]]
    vocabulary: frozenset[str]

    @classmethod
    def train(
        cls, examples: Iterable[tuple[list[str], str]], smoothing: float, min_count: int = 1
    ) -> NaiveBayes:
        """Learn from (features, label) pairs. A feature found in fewer than ``min_count``
        examples is left out, as if never seen: one writer's rare words (a name, a typo)
        then weigh nothing, instead of marking their whole label."""
        rows = list(examples)
        if min_count > 1:
            seen = Counter(f for found, _ in rows for f in set(found))
            rows = [([f for f in found if seen[f] >= min_count], label) for found, label in rows]
        counts: dict[str, Counter[str]] = {}
        docs: Counter[str] = Counter()
        for found, label in rows:
            docs[label] += 1
            counts.setdefault(label, Counter()).update(found)
        vocabulary = frozenset(f for c in counts.values() for f in c)
        total = sum(docs.values())
        log_likely: dict[str, dict[str, float]] = {}
        log_unseen: dict[str, float] = {}
        for label, counter in counts.items():
            denominator = sum(counter.values()) + smoothing * len(vocabulary)
            log_likely[label] = {
                f: math.log((n + smoothing) / denominator) for f, n in counter.items()
            }
            log_unseen[label] = math.log(smoothing / denominator)
        prior = {label: math.log(n / total) for label, n in docs.items()}
        return cls(prior, log_likely, log_unseen, counts, vocabulary)

    def scores(self, found: Iterable[str]) -> dict[str, float]:
        """Each label's log-probability (up to a shared constant) for these features."""
        known = [f for f in found if f in self.vocabulary]
        return {
            label: prior + sum(self.log_likely[label].get(f, self.log_unseen[label]) for f in known)
            for label, prior in self.log_prior.items()
        }
