"""Write bot/core/_tone_examples.py from the tone development corpora (never the blind one).

    python tools/make_tone_examples.py [--check]

The tone check falls back on a small word-and-letter model trained on these examples when
its patterns find nothing in a message. The examples are bench/corpora/tone_dev*.jsonl with
their kinds ("clean" for both kinds of clean line), minus any text the blind corpus also
holds. ``--check`` exits 1 when the module in the package is not what this script would
write (a test runs it).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _generated import cases, examples_module, write_or_check

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "bench" / "corpora").glob("tone_dev*.jsonl"))
TARGET = ROOT / "bot" / "core" / "_tone_examples.py"
TITLE = "Follow-up sentences and their kinds, for the fallback model in bot.core.tone."


def render() -> str:
    # Only the texts are compared, to leave anything the blind set shares out of training;
    # nothing else of the blind set is read.
    held_out = {case["text"] for case in cases(ROOT / "bench" / "corpora" / "tone_blind.jsonl")}
    rows = [
        (case["text"], case["kind"] if case["flag"] else "clean")
        for source in SOURCES
        for case in cases(source)
        if case["text"] not in held_out
    ]
    return examples_module(TITLE, "make_tone_examples.py", rows)


def main() -> int:
    return write_or_check(TARGET, render(), root=ROOT, script="make_tone_examples.py")


if __name__ == "__main__":
    raise SystemExit(main())
