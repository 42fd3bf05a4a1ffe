"""How well the tone check's model layer carries over to a writer it never saw.

Run: ``.venv/bin/python bench/tone_loco.py [--sweep] [--tried]`` (seconds; ``--tried`` a
minute).

Leave one corpus out: for each development batch (``tone_dev`` to ``tone_dev5`` under
``bench/corpora/``), the fallback model is trained on the other batches only, and
the whole check (phrases, sentence layers and that model) is scored on the batch left out.
Each batch was written by a different writer, so the held-out batch stands in for a new
writer. The patterns were tuned on every batch, so the figures flatter the patterns; they
are a fair comparison between model designs, which is what this bench is for.

For each design it prints, per held-out batch and overall: recall and false alarms of the
whole check, then what the model layer alone adds (problem lines only it catches, clean
lines only it flags) and how many of its catches name the right category. Designs:

- ``before``: the model as of commit 48e9c23 (smoothing 0.1, every feature kept, margin
  10, warm sentences and gimmicks without a gift left alone);
- ``now``: the model as the check runs it (:mod:`bot.core.tone`'s settings).

``--sweep`` also prints the ``now`` design's catches and false alarms at other margins
(``MODEL_MARGIN`` was set where its false alarms fall to none and a lower margin adds
false alarms faster than catches). ``--tried`` prints the designs tried and not kept (no
pruning, other guards, negation marks, letter three-grams, an averaged perceptron and a
logistic regression written here), each at its best margin within ``before``'s false
alarms. The blind corpus is never read. It prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import math
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from bot.core import tone
from bot.core.bayes import NaiveBayes, features

sys.path.insert(0, str(Path(__file__).parent))
from tone import CORPORA
from tone import DEV_PARTS as PARTS

SWEEP = (10.0, 14.0, 18.0, 20.0, 22.0, 24.0, 28.0, 32.0)


def load(part: str) -> list[dict[str, Any]]:
    with (CORPORA / PARTS[part]).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


class _WarmOr:
    """The guard of the ``before`` design: a sentence VADER rates warm is left alone, and a
    kind with a guard of its own must pass it too."""

    def __init__(self, needs: Callable[[str], object] | None) -> None:
        self.needs = needs

    def __call__(self, sentence: str) -> object:
        if tone._vader().polarity_scores(sentence)["compound"] >= tone._MODEL_WARM:
            return None
        return True if self.needs is None else self.needs(sentence)


# The gimmick guard of the before design, as it stood in bot/core/tone.py.
_OLD_GIMMICK = re.compile(
    r"\b" + tone._GIFT_OBJECTS + r"|\b(?:gift|bribe|stunt|video|song|poem|singing|dance|"
    r"costume|billboard|drone|coffee|lunch|dinner|drinks?|pay for|paid for|unpaid|free)\b"
)


def _designs() -> dict[str, dict[str, Any]]:
    old_words = {
        kind: tone._MODEL_NEEDS[kind]
        for kind in ("anger_insult", "blame", "reproach_feeling", "comparison")
    }
    old_words["gimmick_bribe"] = _OLD_GIMMICK.search
    before = {
        "_MODEL_SMOOTHING": 0.1,
        "_MODEL_MIN_COUNT": 1,
        "MODEL_MARGIN": 10.0,
        "_MODEL_NEEDS": {kind: _WarmOr(old_words.get(kind)) for kind in tone._KIND_CATEGORY},
    }
    now = {name: getattr(tone, name) for name in before}
    return {"before": before, "now": now}


@contextlib.contextmanager
def _patched(settings: Mapping[str, Any]) -> Iterator[None]:
    """Set the tone module's model settings (and its trained model) for a while."""
    saved = {name: getattr(tone, name) for name in settings}
    try:
        for name, value in settings.items():
            setattr(tone, name, value)
        yield
    finally:
        for name, value in saved.items():
            setattr(tone, name, value)


def _training(parts: Mapping[str, list[dict[str, Any]]], held: str) -> list[tuple[str, str]]:
    """The examples of every batch but ``held``, labelled as tools/make_tone_examples.py does."""
    return [
        (row["text"], row["kind"] if row["flag"] else "clean")
        for part, rows in parts.items()
        if part != held
        for row in rows
    ]


def _fold_model(parts: Mapping[str, list[dict[str, Any]]], held: str) -> Callable[[], NaiveBayes]:
    """The model trained without ``held``, with the module's current settings."""
    model = tone._train_tone_model(_training(parts, held))
    return lambda: model


def _cell(hits: int, total: int) -> str:
    return f"{hits:>3}/{total:<3} {hits / total if total else 0.0:6.1%}"


def evaluate(
    parts: Mapping[str, list[dict[str, Any]]],
    without: Mapping[str, list[bool]],
    settings: Mapping[str, Any],
) -> None:
    """Print the leave-one-out figures of one design."""
    total: Counter[str] = Counter()
    print(f"{'held out':<9} {'recall':<16} {'false alarms':<16} model: catches / false alarms")
    for held, rows in parts.items():
        count: Counter[str] = Counter()
        with _patched(settings), _patched({"_tone_model": _fold_model(parts, held)}):
            for row, before in zip(rows, without[held], strict=True):
                findings = tone.check_tone(row["text"])
                key = "flag" if row["flag"] else "clean"
                count[key] += 1
                count[f"{key}_found"] += bool(findings)
                if findings and not before:  # the model layer alone found it
                    count[f"{key}_model"] += 1
                    category = tone._KIND_CATEGORY.get(row["kind"])
                    count["right_category"] += findings[0].category == category
        total.update(count)
        _line(held, count)
    _line("overall", total)
    print(
        f"the model's catches that name the line's own category: "
        f"{total['right_category']}/{total['flag_model']}"
    )


def _line(label: str, count: Counter[str]) -> None:
    print(
        f"{label:<9} {_cell(count['flag_found'], count['flag']):<16} "
        f"{_cell(count['clean_found'], count['clean']):<16} "
        f"+{count['flag_model']} / {count['clean_model']} "
        f"(of {count['flag'] - count['flag_found'] + count['flag_model']} missed by the rest)"
    )


# --- designs tried and not kept (--tried) ---------------------------------------------------

Example = tuple[list[str], str]


class Linear:
    """Per-label weights of a linear model, read like the naive Bayes model (``scores``)."""

    def __init__(self, weights: dict[str, dict[str, float]], scaled: bool) -> None:
        self.weights = weights
        self.scaled = scaled  # features weigh 1/sqrt(n), so long and short texts compare

    def scores(self, found: Iterable[str]) -> dict[str, float]:
        unique = set(found)
        scale = 1 / math.sqrt(len(unique)) if self.scaled and unique else 1.0
        return {
            label: scale * sum(w.get(f, 0.0) for f in unique) for label, w in self.weights.items()
        }


def _pruned(examples: list[Example], min_count: int) -> list[Example]:
    seen = Counter(f for found, _ in examples for f in set(found))
    return [(sorted({f for f in found if seen[f] >= min_count}), y) for found, y in examples]


def perceptron(examples: list[Example], epochs: int = 10, seed: int = 13) -> Linear:
    """A multiclass averaged perceptron (fixed seed, so the same weights every run)."""
    labels = sorted({y for _, y in examples})
    weights: dict[str, dict[str, float]] = {y: {} for y in labels}
    stamped: dict[str, dict[str, float]] = {y: {} for y in labels}  # sum of step * update
    order = list(range(len(examples)))
    rng = random.Random(seed)
    step = 1
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            found, truth = examples[i]
            guess = max(labels, key=lambda y: sum(weights[y].get(f, 0.0) for f in found))
            if guess != truth:
                for label, sign in ((truth, 1.0), (guess, -1.0)):
                    for f in found:
                        weights[label][f] = weights[label].get(f, 0.0) + sign
                        stamped[label][f] = stamped[label].get(f, 0.0) + sign * step
            step += 1
    return Linear(
        {y: {f: w - stamped[y][f] / step for f, w in weights[y].items()} for y in labels},
        scaled=False,
    )


def logistic(
    examples: list[Example], epochs: int = 10, rate: float = 0.5, seed: int = 13
) -> Linear:
    """Multinomial logistic regression by stochastic gradient descent (fixed seed)."""
    labels = sorted({y for _, y in examples})
    weights: dict[str, dict[str, float]] = {y: {} for y in labels}
    order = list(range(len(examples)))
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(order)
        step = rate / (1 + 0.1 * epoch)
        for i in order:
            found, truth = examples[i]
            scale = 1 / math.sqrt(len(found)) if found else 1.0
            raw = {y: scale * sum(weights[y].get(f, 0.0) for f in found) for y in labels}
            top = max(raw.values())
            exp = {y: math.exp(v - top) for y, v in raw.items()}
            norm = sum(exp.values())
            for y in labels:
                gradient = exp[y] / norm - (y == truth)
                for f in found:
                    weights[y][f] = weights[y].get(f, 0.0) - step * gradient * scale
    return Linear(weights, scaled=True)


def _negation_features(plain: str, raw: str) -> list[str]:
    """The model's features plus "n:word" for each word after a negation, to the next mark."""
    found = features(plain, raw)
    negated = False
    for token in re.findall(r"[a-z0-9']+|[?!.,;:]", plain):
        if not token[0].isalnum():
            negated = False
            continue
        if negated:
            found.append(f"n:{token}")
        negated = negated or token in _NEGATIONS
    return found


# tone's negations, and the contractions as the model reads them (apostrophes dropped)
_NEGATIONS = tone._NEGATIONS | {"cannot", "cant", "dont", "didnt", "doesnt", "wont", "without"}
_NEGATIONS |= {"isnt", "wasnt", "arent", "werent", "havent", "hasnt", "couldnt", "wouldnt"}


def _three_gram_features(plain: str, raw: str) -> list[str]:
    """Words, word pairs and letter three- and four-grams (typos keep more of their grams)."""
    words = re.findall(r"[a-z0-9']+|[?!]", plain)
    found = [f"w:{w}" for w in words] + [f"b:{a}_{b}" for a, b in itertools.pairwise(words)]
    for word in words:
        padded = f"<{word}>"
        for n in (3, 4):
            found += [f"c{n}:{padded[i : i + n]}" for i in range(max(1, len(padded) - n + 1))]
    return found


def _linear_trainer(train: Callable[[list[Example]], Linear]) -> Callable[..., Any]:
    def trainer(examples: Iterable[tuple[str, str]]) -> Linear:
        rows = [(tone.features(tone._model_text(t), t), y) for t, y in examples]
        return train(_pruned(rows, tone._MODEL_MIN_COUNT))

    return trainer


def _tried() -> dict[str, dict[str, Any]]:
    now = _designs()["now"]
    warm = {k: _WarmOr(now["_MODEL_NEEDS"].get(k)) for k in tone._KIND_CATEGORY}
    no_sign = {k: v for k, v in now["_MODEL_NEEDS"].items() if k != "sarcasm"}
    return {
        "now, every feature kept": {**now, "_MODEL_MIN_COUNT": 1},
        "now, smoothing 0.1": {**now, "_MODEL_SMOOTHING": 0.1},
        "now, every warm sentence left alone": {**now, "_MODEL_NEEDS": warm},
        "now, warm sarcasm needs no sign": {**now, "_MODEL_NEEDS": no_sign},
        "now, no guards": {**now, "_MODEL_NEEDS": {}},
        "now, negation marks": {**now, "features": _negation_features},
        "now, letter 3- and 4-grams": {**now, "features": _three_gram_features},
        "averaged perceptron": {**now, "_train_tone_model": _linear_trainer(perceptron)},
        "logistic regression": {**now, "_train_tone_model": _linear_trainer(logistic)},
    }


def readings(
    parts: Mapping[str, list[dict[str, Any]]],
    without: Mapping[str, list[bool]],
    settings: Mapping[str, Any],
) -> list[tuple[bool, float]]:
    """(should flag, the model's margin) of every line the other layers leave clean, each
    read by the model trained without its batch; a guarded line has margin -inf."""
    out: list[tuple[bool, float]] = []
    with _patched(settings):
        for held, rows in parts.items():
            with _patched({"_tone_model": _fold_model(parts, held)}):
                for row, before in zip(rows, without[held], strict=True):
                    if not before:
                        reading = tone._model_reading(row["text"].translate(tone._FOLD))
                        margin = -math.inf if reading is None else reading[0]
                        out.append((bool(row["flag"]), margin))
    return out


def best_margin(read: list[tuple[bool, float]], budget: int) -> tuple[float, int, int]:
    """The lowest margin whose false alarms stay within ``budget``: (margin, catches, alarms)."""
    best = (math.inf, 0, 0)
    hits = alarms = 0
    for flag, margin in sorted(read, key=lambda r: -r[1]):
        if margin == -math.inf:
            break
        hits, alarms = hits + flag, alarms + (not flag)
        if alarms > budget:
            break
        best = (margin, hits, alarms)
    return best


def tried(parts: Mapping[str, list[dict[str, Any]]], without: Mapping[str, list[bool]]) -> None:
    """Each design at the margin that keeps its model's false alarms within before's."""
    read = readings(parts, without, _designs()["before"])
    budget = sum(1 for flag, margin in read if not flag and margin >= 10.0)
    print(f"\ndesigns tried, each at its best margin with at most {budget} model false alarms")
    print("(catches / false alarms at that margin; then catches within 2 and 4 false alarms):")
    named = {"before": _designs()["before"], "now": _designs()["now"], **_tried()}
    for name, settings in named.items():
        read = readings(parts, without, settings)
        margin, hits, alarms = best_margin(read, budget)
        fewer = [best_margin(read, n)[1] for n in (2, 4)]
        print(
            f"  {name:<36} margin {margin:8.2f}: +{hits:<3}/ {alarms}   "
            f"(+{fewer[0]} within 2, +{fewer[1]} within 4)"
        )


def sweep(parts: Mapping[str, list[dict[str, Any]]], without: Mapping[str, list[bool]]) -> None:
    """The now design's model catches and false alarms at several margins."""
    read = readings(parts, without, _designs()["now"])
    print("\nnow, at other margins (model layer: catches / false alarms, all batches):")
    for margin in SWEEP:
        hits = sum(1 for flag, m in read if flag and m >= margin)
        alarms = sum(1 for flag, m in read if not flag and m >= margin)
        print(f"  margin {margin:5.1f}: +{hits} / {alarms}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="the now design at other margins")
    parser.add_argument("--tried", action="store_true", help="designs tried (about a minute)")
    args = parser.parse_args(argv)
    parts = {part: load(part) for part in PARTS}
    with _patched({"MODEL_MARGIN": math.inf}):  # the check without its model layer
        without = {p: [bool(tone.check_tone(r["text"])) for r in rows] for p, rows in parts.items()}
    for name, settings in _designs().items():
        described = ", ".join(
            f"{k.strip('_').lower()} {v}" for k, v in settings.items() if k != "_MODEL_NEEDS"
        )
        print(f"\n== {name}: {described} ==")
        evaluate(parts, without, settings)
    if args.sweep:
        sweep(parts, without)
    if args.tried:
        tried(parts, without)
    return 0


if __name__ == "__main__":
    sys.exit(main())
