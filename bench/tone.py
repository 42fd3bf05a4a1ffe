"""Recall and false alarms of the tone check on three corpora, and its speed.

Run: ``.venv/bin/python bench/tone.py [--misses] [--part dev|dev2|dev3|blind|both|all]``.

Three JSON Lines corpora under ``bench/corpora/`` (``{"id", "text", "flag", "kind"}``):

- ``tone_dev.jsonl``: the development corpus, written alongside the checker; tune on it.
- ``tone_dev2.jsonl``: a second development batch in fresh wording, written before the
  checker was changed for it (its untuned figures are in its README); tune on it too.
- ``tone_blind.jsonl``: written before any tuning by someone who never saw the checker.
  Its lines are never printed here, only figures: read its README, not its texts.

A flagged line counts as caught when the check returns at least one finding; a clean
line is a false alarm when it returns any. For each part the bench prints recall and
the false-alarm rate overall and per ``kind``, for the whole layered check and for its
phrase layer alone (the anchor: what the check caught before the other layers), then
the time per message (both checks, alternated, median and spread over rounds) and on
10,000 characters. ``--misses`` lists the development lines (both development parts) the
check gets wrong, with what it found. ``both`` is dev and blind, ``all`` adds dev2 and dev3.
It prints figures and asserts nothing. ``bench/tone_loco.py`` measures the model layer
on a writer it was not trained on (leave one development batch out).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bot.core.tone import check_tone, check_tone_phrases
from bot.core.types import ToneFinding

CORPORA = Path(__file__).with_name("corpora")
DEV_PARTS = {  # the development batches, one writer each (bench/tone_loco.py reads these)
    "dev": "tone_dev.jsonl",
    "dev2": "tone_dev2.jsonl",
    "dev3": "tone_dev3.jsonl",
    "dev4": "tone_dev4.jsonl",
    "dev5": "tone_dev5.jsonl",
}
PARTS = {**DEV_PARTS, "blind": "tone_blind.jsonl"}
GOAL_RECALL = 0.90
GOAL_FALSE_ALARMS = 0.05

Check = Callable[[str], tuple[ToneFinding, ...]]


def load(part: str) -> list[dict[str, Any]]:
    """The rows of one corpus part, in file order."""
    path = CORPORA / PARTS[part]
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score(rows: Sequence[dict[str, Any]], check: Check) -> tuple[Counter[str], Counter[str]]:
    """(rows per kind, rows the check got right per kind); the key ``"*flag"``/``"*clean"``
    holds the totals of the flagged and the clean rows."""
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for row in rows:
        found = bool(check(row["text"]))
        ok = found == bool(row["flag"])
        for key in (row["kind"], "*flag" if row["flag"] else "*clean"):
            total[key] += 1
            right[key] += ok
    return total, right


def _rate(right: int, total: int) -> str:
    return f"{right:>3}/{total:<3} {right / total if total else 0.0:5.1%}"


def report(part: str, rows: Sequence[dict[str, Any]]) -> None:
    layered = score(rows, check_tone)
    phrases = score(rows, check_tone_phrases)
    flagged = sum(1 for row in rows if row["flag"])
    print(f"\n== {part}: {len(rows)} lines, {flagged} to flag, {len(rows) - flagged} clean ==")
    print(f"{'':<18} {'layered check':<16} {'phrase layer alone':<16}")
    for label, key, wrong in (("recall", "*flag", False), ("false alarms", "*clean", True)):
        cells = []
        for total, right in (layered, phrases):
            hits = total[key] - right[key] if wrong else right[key]
            cells.append(_rate(hits, total[key]))
        print(f"{label:<18} {cells[0]:<16} {cells[1]:<16}")
    total, right = layered
    recall = right["*flag"] / total["*flag"] if total["*flag"] else 0.0
    alarms = 1 - right["*clean"] / total["*clean"] if total["*clean"] else 0.0
    print(
        f"goal: recall >= {GOAL_RECALL:.0%} ({'met' if recall >= GOAL_RECALL else 'NOT met'}), "
        f"false alarms <= {GOAL_FALSE_ALARMS:.0%} "
        f"({'met' if alarms <= GOAL_FALSE_ALARMS else 'NOT met'})"
    )
    print("per kind (flagged kinds: share caught; clean kinds: share left clean):")
    kinds = sorted(k for k in total if not k.startswith("*"))
    for kind in kinds:
        print(
            f"  {kind:<18} {_rate(right[kind], total[kind]):<16} "
            f"{_rate(phrases[1][kind], phrases[0][kind])}"
        )


def misses(rows: Sequence[dict[str, Any]]) -> None:
    """Development lines the check gets wrong, with what it found (never the blind part)."""
    print("\nmisses on the development part:")
    for row in rows:
        findings = check_tone(row["text"])
        if bool(findings) != bool(row["flag"]):
            what = "; ".join(f"{f.category}: {f.words!r}" for f in findings) or "nothing"
            print(f"  {row['id']} [{row['kind']}] {row['text'][:110]!r}\n      found: {what}")


def speed(rows: Sequence[dict[str, Any]], rounds: int = 15) -> None:
    texts = [row["text"] for row in rows]
    checks: dict[str, Check] = {"phrase layer": check_tone_phrases, "layered": check_tone}
    per: dict[str, list[float]] = {name: [] for name in checks}
    for name in checks:  # warm up, so the lexicon load is not in the figures
        checks[name](texts[0])
    for _ in range(rounds):
        for name, check in checks.items():  # alternate, so drift hits both alike
            start = time.perf_counter()
            for text in texts:
                check(text)
            per[name].append((time.perf_counter() - start) / len(texts))
    print(f"\nspeed per message over {len(texts)} messages, {rounds} rounds (median, min-max):")
    for name, values in per.items():
        med = statistics.median(values)
        print(
            f"  {name:<13} {med * 1e6:7.0f} us  ({min(values) * 1e6:.0f}-{max(values) * 1e6:.0f})"
        )
    # 2,000 characters: the size of a long follow-up; p90 over windows of the corpus.
    joined = " ".join(texts)
    windows = [joined[i : i + 2_000] for i in range(0, len(joined) - 2_000, 1_000)][:60]
    spans: dict[str, list[float]] = {name: [] for name in checks}
    for _ in range(3):
        for window in windows:
            for name, check in checks.items():
                start = time.perf_counter()
                check(window)
                spans[name].append(time.perf_counter() - start)
    print(f"2,000 characters ({len(windows)} windows x 3, ms): median / p90 / max")
    for name, values in spans.items():
        values.sort()
        p90 = values[int(len(values) * 0.9)]
        print(
            f"  {name:<13} {statistics.median(values) * 1e3:6.1f} / {p90 * 1e3:6.1f} / "
            f"{values[-1] * 1e3:6.1f}"
        )
    long_texts = {
        "rant x10": (" ".join(t for t in texts if len(t) > 800) * 10)[:10_000],
        "calm x": ("Thank you again for your time on Tuesday. " * 300)[:10_000],
        "'you ' x": ("you " * 2_500)[:10_000],
        "'!?' x": ("!?" * 5_000)[:10_000],
        "no spaces": ("a" * 10_000),
    }
    print("10,000 characters (median of 5, ms):")
    for label, text in long_texts.items():
        cells = []
        for check in checks.values():
            times = []
            for _ in range(5):
                start = time.perf_counter()
                check(text)
                times.append(time.perf_counter() - start)
            cells.append(f"{statistics.median(times) * 1e3:6.1f}")
        print(f"  {label:<10} phrase layer {cells[0]}   layered {cells[1]}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=[*PARTS, "both", "all"], default="both")
    parser.add_argument("--misses", action="store_true", help="list development misses")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args(argv)
    groups = {"both": ["dev", "blind"], "all": list(PARTS)}
    parts = groups.get(args.part, [args.part])
    dev = load("dev")
    for part in parts:
        report(part, dev if part == "dev" else load(part))
    if args.misses:
        misses(dev + load("dev2"))
    if not args.no_speed:
        speed(dev)
    return 0


if __name__ == "__main__":
    sys.exit(main())
