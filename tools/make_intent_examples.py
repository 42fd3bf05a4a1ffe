"""Write bot/core/_intent_examples.py from the development corpora (never the blind one).

    python tools/make_intent_examples.py [--check]

The understanding step falls back on a small word-and-letter model trained on these
examples when its rules find no intent. The examples are the English messages of
bench/corpora/understanding_dev*.jsonl with their expected intents, minus any message the
blind corpus also holds. ``--check`` exits 1
when the module in the package is not what this script would write (a test runs it).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _generated import cases, examples_module, write_or_check

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "bench" / "corpora").glob("understanding_dev*.jsonl"))
TARGET = ROOT / "bot" / "core" / "_intent_examples.py"
TITLE = "Messages and their intents, for the fallback model in bot.core.intent_model."


def render() -> str:
    # The authors of the development corpora never saw the blind one, but all of them wrote
    # from the same spec, whose examples ("thanks!", "undo") some of them reused. A message
    # the blind corpus also holds is left out, so the blind figure never rests on training.
    blind = ROOT / "bench" / "corpora" / "understanding_blind.jsonl"
    held_out = {case["message"] for case in cases(blind)}
    rows = [
        (case["message"], case["expected"]["intent"])
        for source in SOURCES
        for case in cases(source)
        if case["expected"]["language"] == "en" and case["message"] not in held_out
    ]
    return examples_module(TITLE, "make_intent_examples.py", rows)


def main() -> int:
    return write_or_check(TARGET, render(), root=ROOT, script="make_intent_examples.py")


if __name__ == "__main__":
    raise SystemExit(main())
