"""How well :func:`bot.core.understand.understand` reads messages: per field, per intent.

    python bench/understanding.py [--part dev] [--show-misses dev] [--corpus FILE ...]

Scores the development corpus (``bench/corpora/understanding_dev.jsonl``, tuned on) and the
blind corpus (``understanding_blind.jsonl``, written from the frame spec alone before the
code, never tuned on) separately. For each part it prints:

- intent accuracy;
- field accuracy: every field of every message, compared after light normalisation
  (names, companies and roles compared without case; people as a set; attempts as a
  list in order); and accuracy per field;
- wrong actions: messages whose frame would change stored data the user did not mean
  (a write intent that is not the expected one, an outcome that was not stated, more
  attempts than were made, a nudge hour that was not asked for).

It prints; it never asserts. ``--show-misses`` lists the misses of a part (use it on the
development part only: the blind part is for measuring).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.core.calendar import calendar_for
from bot.core.understand import Frame, FrameIntent, known_from_json, understand

HERE = Path(__file__).resolve().parent / "corpora"
PARTS = {
    "dev": HERE / "understanding_dev.jsonl",
    "dev2": HERE / "understanding_dev2.jsonl",
    "dev3": HERE / "understanding_dev3.jsonl",
    "blind": HERE / "understanding_blind.jsonl",
}
FIELDS = tuple(Frame(FrameIntent.UNKNOWN).to_json())
"""The frame's keys, in the order the spec lists them."""
WRITES = {"new_interview", "log_attempt", "reply", "outcome", "settings", "delete", "undo"}


def _low(value: Any) -> Any:
    return value.casefold().strip() if isinstance(value, str) else value


def normal(field: str, value: Any) -> Any:
    """A value in the form two readings are compared in."""
    if value in (None, [], {}):
        return None
    if field in ("company", "role", "to"):
        return _low(value)
    if field == "timeline":
        return (value.get("by"), _low(value.get("said_by")))
    if field == "people":
        return frozenset((_low(p.get("name")), p.get("role"), _low(p.get("email"))) for p in value)
    if field == "attempts":
        return tuple((a.get("on"), a.get("channel"), _low(a.get("to"))) for a in value)
    if field == "other_offer":
        return (_low(value.get("company")), value.get("deadline"))
    if field == "reply":
        return (value.get("new_date"),)
    return value


def wrong_action(expected: dict[str, Any], got: dict[str, Any]) -> str | None:
    """Why ``got`` would change stored data the user did not mean, or ``None``."""
    e_intent, g_intent = expected["intent"], got["intent"]
    if g_intent in WRITES and g_intent != e_intent:
        return f"acts as {g_intent}, meant {e_intent}"
    if got.get("outcome") and got.get("outcome") != expected.get("outcome"):
        return f"records outcome {got['outcome']}"
    if g_intent == "log_attempt" and len(got.get("attempts") or []) > len(
        expected.get("attempts") or []
    ):
        return "logs more attempts than were made"
    if got.get("nudge_hour") and got.get("nudge_hour") != expected.get("nudge_hour"):
        return f"sets the nudge hour to {got['nudge_hour']}"
    return None


def run_case(case: dict[str, Any]) -> tuple[dict[str, Any], float]:
    cal = calendar_for(case["tz"], case.get("country"))
    now = datetime.fromisoformat(case["now"])
    now = cal.at_local(now.date(), now.hour, now.minute) if now.tzinfo is None else now
    known = known_from_json(case.get("context"), cal=cal)
    start = time.perf_counter()
    frame = understand(case["message"], now=now, cal=cal, known=known)
    return frame.to_json(), time.perf_counter() - start


def score(name: str, cases: list[dict[str, Any]], show: bool) -> None:
    per_field: Counter[str] = Counter()
    intents_ok = 0
    wrong: list[tuple[str, str]] = []
    seconds: list[float] = []
    confusion: Counter[tuple[str, str]] = Counter()
    for case in cases:
        got, took = run_case(case)
        seconds.append(took)
        expected = case["expected"]
        misses = []
        for field in FIELDS:
            if normal(field, expected.get(field)) == normal(field, got.get(field)):
                per_field[field] += 1
            else:
                misses.append(field)
        if expected["intent"] == got["intent"]:
            intents_ok += 1
        else:
            confusion[(expected["intent"], got["intent"])] += 1
        why = wrong_action(expected, got)
        if why:
            wrong.append((case["id"], why))
        if show and misses:
            print(f"--- {case['id']}: {case['message'][:160]!r}")
            for field in misses:
                print(f"    {field}: expected {expected.get(field)!r}, got {got.get(field)!r}")
    n = len(cases)
    total = sum(per_field.values())
    print(f"\n== {name}: {n} messages")
    print(f"intent accuracy      {intents_ok}/{n} = {100 * intents_ok / n:.1f}%")
    print(
        f"field accuracy       {total}/{n * len(FIELDS)} = {100 * total / (n * len(FIELDS)):.1f}%"
    )
    print(f"wrong actions        {len(wrong)}")
    for case_id, why in wrong if name != "blind" or show else []:
        print(f"    {case_id}: {why}")
    print("per field:", ", ".join(f"{f} {100 * per_field[f] / n:.0f}%" for f in FIELDS))
    if confusion:
        top = ", ".join(f"{e}->{g} x{c}" for (e, g), c in confusion.most_common(8))
        print(f"intent confusions    {top}")
    ms = sorted(s * 1000 for s in seconds)
    print(
        f"time per message     median {statistics.median(ms):.2f} ms, "
        f"p90 {ms[int(0.9 * (len(ms) - 1))]:.2f} ms, max {ms[-1]:.2f} ms"
    )


def adversarial() -> None:
    """Worst cases for the reader's patterns: long words, runs of @ and dots, noise."""
    import random
    import string

    cal = calendar_for("Asia/Kolkata", "IN")
    now = datetime(2026, 12, 2, 9, 30, tzinfo=cal.tz)
    understand("warm up: had an interview at acme yesterday", now=now, cal=cal)
    understand("hola que tal amigo mio como estas hoy", now=now, cal=cal)
    rng = random.Random(7)
    texts = [
        "a" * 2000,
        "a@" * 1000,
        "x." * 1000,
        "ab cd " * 400,
        "Priya " * 400,
        "(recruiter " * 200,
        "i emailed them " * 150,
        "".join(rng.choice(string.printable) for _ in range(2000)),
    ]
    worst = 0.0
    for text in texts:
        start = time.perf_counter()
        understand(text, now=now, cal=cal)
        worst = max(worst, time.perf_counter() - start)
    print(f"\nadversarial inputs   {len(texts)}, worst {worst * 1000:.1f} ms (after warm-up)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", choices=sorted(PARTS), action="append", default=[])
    parser.add_argument("--corpus", action="append", default=[], help="extra JSONL file")
    parser.add_argument(
        "--part", choices=sorted(PARTS), action="append", default=[], help="only these parts"
    )
    args = parser.parse_args()
    parts = {k: v for k, v in PARTS.items() if not args.part or k in args.part}
    for extra in args.corpus:
        parts[Path(extra).stem] = Path(extra)
    for name, path in parts.items():
        if not path.exists():
            print(f"(no {name} corpus at {path})")
            continue
        cases = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        score(name, cases, name in args.show_misses)
    adversarial()


if __name__ == "__main__":
    main()
