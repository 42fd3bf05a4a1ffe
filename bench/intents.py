"""Accuracy of the free-text intent recogniser on the hand-written corpus.

Run: ``.venv/bin/python bench/intents.py``. A row counts as right only when the intent
and every slot the row names are right. Prints overall and per-intent accuracy, every
miss with what was read instead, and the time per message.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

from bot.core.intents import IntentMatch, recognise


def load_corpus(name: str = "CORPUS") -> tuple[tuple[str, Any, dict[str, Any]], ...]:
    """A table of ``bench/intent_corpus.py`` (``CORPUS`` or ``HELD_OUT``), loaded by path."""
    path = Path(__file__).with_name("intent_corpus.py")
    spec = importlib.util.spec_from_file_location("hearback_intent_corpus", path)
    assert spec is not None and spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return tuple(getattr(module, name))


def wrong_fields(match: IntentMatch, intent: Any, slots: dict[str, Any]) -> list[str]:
    """Names of the fields that differ from the expectation ([] when the row is right)."""
    bad = [] if match.intent == intent else ["intent"]
    bad += [name for name, want in slots.items() if getattr(match, name) != want]
    return bad


def evaluate(name: str = "CORPUS") -> tuple[float, Counter[str], Counter[str], list[str]]:
    """(accuracy, rows per intent, right rows per intent, miss descriptions)."""
    rows = load_corpus(name)
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    misses: list[str] = []
    for text, intent, slots in rows:
        match = recognise(text)
        total[str(intent)] += 1
        bad = wrong_fields(match, intent, slots)
        if bad:
            got = {f: getattr(match, f) for f in ["intent", *slots]}
            misses.append(f"{text[:70]!r}: expected {intent} {slots}, got {got}")
        else:
            right[str(intent)] += 1
    accuracy = sum(right.values()) / len(rows)
    return accuracy, total, right, misses


def report(name: str) -> None:
    accuracy, total, right, misses = evaluate(name)
    n = sum(total.values())
    print(f"{name}: {sum(right.values())}/{n} = {accuracy:.3f}")
    for intent in sorted(total):
        share = right[intent] / total[intent]
        print(f"  {intent:<10} {right[intent]:>3}/{total[intent]:<3} {share:.2f}")
    print(f"misses ({len(misses)}):")
    for miss in misses:
        print("  " + miss)


def main() -> int:
    report("CORPUS")
    report("HELD_OUT")
    rows = load_corpus()
    start = time.perf_counter()
    for _ in range(20):
        for text, _intent, _slots in rows:
            recognise(text)
    per = (time.perf_counter() - start) / (20 * len(rows))
    long_text = "I emailed the recruiter again and I am still waiting for news. " * 160
    start = time.perf_counter()
    recognise(long_text[:10_000])
    print(
        f"time: {per * 1e6:.0f} us per message; 10,000 characters: "
        f"{(time.perf_counter() - start) * 1e3:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
