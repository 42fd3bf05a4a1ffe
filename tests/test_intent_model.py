"""The fallback intent model: used only where the rules find nothing, never for a write."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

from bot.core._intent_examples import EXAMPLES
from bot.core.calendar import calendar_for
from bot.core.intent_model import NEVER_GUESSED, guess
from bot.core.understand import FrameIntent, _plain, understand

ROOT = Path(__file__).resolve().parents[1]
CAL = calendar_for("Europe/London", "GB")
NOW = datetime(2026, 12, 2, 9, 30, tzinfo=CAL.tz)


def test_examples_module_is_what_the_script_writes() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_intent_examples.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout


def test_examples_come_from_the_development_corpora_only() -> None:
    blind = (ROOT / "bench" / "corpora" / "understanding_blind.jsonl").read_text()
    assert len(EXAMPLES) > 400
    assert not any(f'"message": {message!r}'.replace("'", '"') in blind for message, _ in EXAMPLES)


def test_it_never_guesses_an_intent_that_writes() -> None:
    for message, intent in EXAMPLES:
        found = guess(_plain(message), message, normalise=_plain)
        assert found is None or found.intent not in NEVER_GUESSED, (message, intent)


def test_a_new_way_of_feeling_low_is_a_feeling() -> None:
    # none of these words is in the rules' feeling patterns
    frame = understand("honestly this whole job hunt is crushing me", now=NOW, cal=CAL)
    assert frame.intent is FrameIntent.FEELING


def test_off_topic_stays_unknown() -> None:
    frame = understand("what's the capital of peru", now=NOW, cal=CAL)
    assert frame.intent is FrameIntent.UNKNOWN
