"""Accuracy of read_timeline against dateparser alone on the hand-written corpus.

Run: .venv/bin/python bench/timeline_eval.py

For every case in bench/timeline_corpus.py both readers get the same text,
the same local `now` and the user's date order. A reading is right when its
date equals the expected one; for an expected None (T4), dateparser is right
when it returns nothing. Prints both accuracies, the time per call and the
misses of each.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import dateparser

from bot.core.calendar import BusinessCalendar
from bot.core.timeline import date_order, read_timeline

HERE = Path(__file__).resolve().parent


def load_corpus() -> ModuleType:
    """bench/timeline_corpus.py as a module, wherever this is run from."""
    spec = importlib.util.spec_from_file_location("timeline_corpus", HERE / "timeline_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("timeline_corpus", module)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Miss:
    text: str
    zone: str
    now: str
    expected: date | None
    got: date | None
    understood: str = ""


@dataclass(frozen=True)
class Score:
    name: str
    total: int
    misses: tuple[Miss, ...]
    seconds: float

    @property
    def accuracy(self) -> float:
        return (self.total - len(self.misses)) / self.total if self.total else 0.0


def _expected(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def score_core(cases: Any) -> Score:
    misses: list[Miss] = []
    started = time.perf_counter()
    for case in cases:
        cal = BusinessCalendar(case.zone)
        now = datetime.fromisoformat(case.now).replace(tzinfo=cal.tz)
        reading = read_timeline(case.text, now=now, cal=cal)
        expected = _expected(case.expected)
        if reading.promised_by != expected:
            misses.append(
                Miss(
                    case.text,
                    case.zone,
                    case.now,
                    expected,
                    reading.promised_by,
                    reading.understood,
                )
            )
    return Score("read_timeline", len(cases), tuple(misses), time.perf_counter() - started)


def score_dateparser(cases: Any) -> Score:
    misses: list[Miss] = []
    started = time.perf_counter()
    for case in cases:
        cal = BusinessCalendar(case.zone)
        settings: Any = {
            "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": datetime.fromisoformat(case.now),
            "DATE_ORDER": date_order(cal.country),
        }
        parsed = dateparser.parse(case.text, languages=["en"], settings=settings)
        got = parsed.date() if parsed is not None else None
        expected = _expected(case.expected)
        if got != expected:
            misses.append(Miss(case.text, case.zone, case.now, expected, got))
    return Score("dateparser alone", len(cases), tuple(misses), time.perf_counter() - started)


def _report(score: Score) -> None:
    right = score.total - len(score.misses)
    per_call = 1000 * score.seconds / score.total
    print(
        f"{score.name:18} {right:3}/{score.total} = {score.accuracy:6.1%}"
        f"   ({per_call:.2f} ms per phrase)"
    )


def main() -> int:
    corpus = load_corpus()
    cases = corpus.CASES + corpus.HELD_OUT
    # Warm both up once so the timing is of reading, not of first imports.
    read_timeline("by Dec 3", now=datetime(2026, 1, 1).astimezone(), cal=BusinessCalendar("UTC"))
    dateparser.parse("Dec 3", languages=["en"])
    core = score_core(cases)
    alone = score_dateparser(cases)
    print(
        f"corpus: {len(cases)} phrases ({len(corpus.CASES)} + {len(corpus.HELD_OUT)} held out), "
        f"{len({c.zone for c in cases})} zones"
    )
    _report(core)
    _report(alone)
    held = score_core(corpus.HELD_OUT)
    print(
        f"held-out part now: {held.accuracy:.1%} "
        f"(first run, before fixes: {corpus.HELD_OUT_FIRST_RUN})"
    )
    for score in (core, alone):
        print(f"\nmisses of {score.name} ({len(score.misses)}):")
        for miss in score.misses:
            print(
                f"  {miss.text!r} [{miss.zone} {miss.now}] expected {miss.expected}, "
                f"got {miss.got}" + (f" ({miss.understood})" if miss.understood else "")
            )
    return 0 if core.accuracy >= 0.97 else 1


if __name__ == "__main__":
    sys.exit(main())
