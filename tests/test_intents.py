"""Free-text intent recognition: corpus accuracy, priorities, slots, typos, robustness."""

from __future__ import annotations

import importlib.util
import random
import string
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from testkit.waits import wait_budget

from bot.core.intents import Intent, IntentMatch, closest_commands, recognise
from bot.core.types import Channel, DraftKind, Outcome, Recipient

I = Intent  # noqa: E741
C = Channel
R = Recipient
O = Outcome  # noqa: E741
D = DraftKind


def _corpus_module() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "bench" / "intent_corpus.py"
    spec = importlib.util.spec_from_file_location("hearback_intent_corpus_for_tests", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CORPUS_MODULE = _corpus_module()


def _accuracy(rows: tuple[tuple[str, Intent, dict[str, Any]], ...]) -> tuple[float, list[str]]:
    misses = []
    for text, intent, slots in rows:
        match = recognise(text)
        wrong = match.intent != intent or any(getattr(match, k) != v for k, v in slots.items())
        if wrong:
            misses.append(f"{text!r} -> {match}")
    return 1 - len(misses) / len(rows), misses


class TestCorpus:
    """The hand-written corpus in bench/intent_corpus.py (intent and named slots)."""

    def test_corpus_is_big_and_covers_every_intent(self) -> None:
        rows = CORPUS_MODULE.CORPUS
        assert len(rows) >= 110
        assert {intent for _, intent, _ in rows} == set(Intent)
        assert len({text for text, _, _ in rows}) == len(rows), "no duplicates"

    def test_accuracy_on_the_corpus(self) -> None:
        accuracy, misses = _accuracy(CORPUS_MODULE.CORPUS)
        assert accuracy >= 0.95, misses

    def test_accuracy_on_the_held_out_rows(self) -> None:
        accuracy, misses = _accuracy(CORPUS_MODULE.HELD_OUT)
        assert accuracy >= 0.95, misses


def _check(text: str, intent: Intent, slots: dict[str, Any]) -> None:
    match = recognise(text)
    assert match.intent is intent, (text, match)
    for name, want in slots.items():
        assert getattr(match, name) == want, (text, name, match)


class TestPriority:
    """When several intents match, the documented order decides."""

    @pytest.mark.parametrize(
        ("text", "intent", "slots"),
        [
            # A question beats a report of what the user did.
            ("should I email them again?", I.SHOULD_I, {"channel": C.EMAIL}),
            ("I emailed them, should I call?", I.SHOULD_I, {"channel": C.PHONE}),
            ("I had an interview at Acme, can I email them now?", I.SHOULD_I, {}),
            # ... and an explicit request to write beats the question form.
            ("what should I write to the recruiter?", I.DRAFT, {}),
            # A pasted draft is checked, whatever it says.
            ("check this: Dear Sam, should I call again?", I.TONE, {}),
            # Employer news beats the user's own action.
            ("I emailed them and they replied", I.REPLY, {"replied": True}),
            # A new interview beats the thank-you sent after it.
            (
                "I just had an interview at Acme and sent a thank you note",
                I.NEW_INTERVIEW,
                {"company": "Acme"},
            ),
            # Within REPLY: withdrew > rejected > closed > offer > plain reply.
            ("I accepted another offer", I.REPLY, {"outcome": O.WITHDREW}),
            ("I accepted the offer", I.REPLY, {"outcome": O.OFFER}),
            ("I turned down the offer", I.REPLY, {"outcome": O.WITHDREW}),
            ("they turned me down", I.REPLY, {"outcome": O.REJECTED}),
            ("they called me: I didn't get it", I.REPLY, {"outcome": O.REJECTED}),
            ("they emailed me, the position was filled", I.REPLY, {"outcome": O.CLOSED}),
            # Why beats the outcome words inside the question.
            ("does no reply mean I didn't get the job?", I.WHY, {}),
            # Help me *write* is a draft; help alone is help.
            ("help me write a thank you", I.DRAFT, {"draft_kind": D.THANK_YOU}),
            ("help", I.HELP, {}),
            ("help, I'm so anxious", I.CALM, {}),
            # Who did it matters.
            ("I called them back", I.LOG_ATTEMPT, {"channel": C.PHONE}),
            ("they called me back", I.REPLY, {"replied": True}),
            ("I heard back from Acme", I.REPLY, {"company": "Acme"}),
            # A reply that did not come is about the silence.
            ("I haven't heard back", I.WHY, {}),
            ("they still haven't replied", I.WHY, {}),
            ("no one got back to me", I.WHY, {}),
            ("they didn't reply so I emailed again", I.LOG_ATTEMPT, {"channel": C.EMAIL}),
            ("I haven't called yet", I.UNKNOWN, {}),
            # Feelings lose to events, but win over silence.
            ("I'm nervous, I just emailed the recruiter", I.LOG_ATTEMPT, {}),
            ("I haven't heard back and I'm so anxious", I.CALM, {}),
        ],
    )
    def test_priority(self, text: str, intent: Intent, slots: dict[str, Any]) -> None:
        _check(text, intent, slots)


class TestSlots:
    @pytest.mark.parametrize(
        ("text", "channel"),
        [
            ("should I message her on LinkedIn?", C.SOCIAL),
            ("can I text her?", C.PERSONAL_PHONE),
            ("can I just drop by?", C.IN_PERSON),
            ("is it ok to email his gmail?", C.PERSONAL_EMAIL),
            ("should I ring them?", C.PHONE),
            ("should I write to them?", C.EMAIL),
            ("should I call or drop by?", C.IN_PERSON),  # the riskier channel is judged
            ("should I follow up?", None),
        ],
    )
    def test_channel(self, text: str, channel: Channel | None) -> None:
        _check(text, I.SHOULD_I, {"channel": channel})

    @pytest.mark.parametrize(
        ("text", "recipient"),
        [
            ("should I chase the recruiter?", R.RECRUITER),
            ("can I email HR?", R.HR),
            ("should I write to the hiring manager?", R.HIRING_MANAGER),
            ("can I ping my future boss?", R.HIRING_MANAGER),
            ("is it ok to message the panel?", R.INTERVIEWER),
            (
                "can I go over the recruiter's head and write to the hiring manager?",
                R.HIRING_MANAGER,
            ),
            ("should I email them?", None),
        ],
    )
    def test_recipient(self, text: str, recipient: Recipient | None) -> None:
        _check(text, I.SHOULD_I, {"recipient": recipient})

    @pytest.mark.parametrize(
        ("text", "company"),
        [
            ("I just had an interview at Acme", "Acme"),
            ("interviewed with Globex Corp yesterday for a data role", "Globex Corp"),
            ("had a phone screen with the recruiter from Initech", "Initech"),
            ("had an interview for a job at Stark Industries", "Stark Industries"),
            ("had an interview at acme today", "acme"),
            ("I had an interview at 3pm", None),
            ("I had an interview with them this morning", None),
            ("Had the final round with Pied Piper, it went well", "Pied Piper"),
            ("Interview done at Procter & Gamble!", "Procter & Gamble"),
        ],
    )
    def test_company(self, text: str, company: str | None) -> None:
        _check(text, I.NEW_INTERVIEW, {"company": company})

    @pytest.mark.parametrize(
        ("text", "kind"),
        [
            ("write me a follow-up email", D.CHECK_IN),
            ("help me write a thank you note", D.THANK_YOU),
            ("draft a second follow up", D.SECOND_FOLLOW_UP),
            ("write to the hiring manager for me", D.HIRING_MANAGER),
            ("write an email asking for feedback", D.FEEDBACK_REQUEST),
            ("draft a note withdrawing my application", D.WITHDRAW),
            ("write an update about my competing offer", D.UPDATE),
            ("draft an email", None),
        ],
    )
    def test_draft_kind(self, text: str, kind: DraftKind | None) -> None:
        _check(text, I.DRAFT, {"draft_kind": kind})

    def test_log_of_a_thank_you_note_names_the_kind(self) -> None:
        _check("I sent the thank-you email", I.LOG_ATTEMPT, {"draft_kind": D.THANK_YOU})
        _check("I emailed the recruiter", I.LOG_ATTEMPT, {"draft_kind": None})

    def test_withdrawal_is_not_a_reply_from_them(self) -> None:
        assert recognise("I withdrew").replied is False
        assert recognise("they rejected me").replied is True


class TestTolerance:
    @pytest.mark.parametrize(
        ("text", "intent"),
        [
            ("SHOULD I CALL AGAIN???", I.SHOULD_I),
            ("shoud i folow up", I.SHOULD_I),
            ("i jsut had an intervew", I.NEW_INTERVIEW),
            ("emaild the recuiter", I.LOG_ATTEMPT),
            ("wirte a thnak you", I.DRAFT),
            ("im so anxous", I.CALM),
            ("they rejcted me", I.REPLY),
            ("hlep", I.HELP),
            ("calender", I.CALENDAR),
            ("u think i shd txt him?", I.SHOULD_I),
            ("pls write me a followup", I.DRAFT),
            ("I didn\u2019t get it", I.REPLY),
            ("  \n\tstatus\n ", I.STATUS),
        ],
    )
    def test_typos_case_and_punctuation(self, text: str, intent: Intent) -> None:
        assert recognise(text).intent is intent

    @pytest.mark.parametrize(
        ("text", "intent"),
        [
            # Real words near a key word are left alone.
            ("I wrote to the recruiter", I.LOG_ATTEMPT),
            ("does this sound ok? Dear Maria, thank you for your time.", I.TONE),
            ("I held off on calling", I.UNKNOWN),
        ],
    )
    def test_real_words_are_not_corrected(self, text: str, intent: Intent) -> None:
        assert recognise(text).intent is intent

    @pytest.mark.parametrize(
        ("text", "intent"),
        [
            ("/start", I.START),
            ("/status@HearBackBot", I.STATUS),
            ("/new Acme", I.NEW_INTERVIEW),
            ("/cancel", I.CANCEL),
            ("/why", I.WHY),
            ("/nonsense", I.UNKNOWN),
        ],
    )
    def test_slash_commands(self, text: str, intent: Intent) -> None:
        assert recognise(text).intent is intent

    @pytest.mark.parametrize(
        ("text", "intent"),
        [
            ("delete my data", I.DELETE),
            ("export", I.EXPORT),
            ("settings", I.SETTINGS),
            ("time zone", I.TIMEZONE),
            ("list", I.LIST),
            ("calendar", I.CALENDAR),
            ("cancel", I.CANCEL),
            ("hello", I.START),
            ("stop", I.CANCEL),
            ("should I stop following up?", I.SHOULD_I),
        ],
    )
    def test_command_words(self, text: str, intent: Intent) -> None:
        assert recognise(text).intent is intent


class TestRobustness:
    @pytest.mark.parametrize("text", ["", "   ", "?!?!", "🙂🙂🙂", "\x00\x01\x02", "/", "@@@"])
    def test_odd_input(self, text: str) -> None:
        assert recognise(text) == IntentMatch(Intent.UNKNOWN)

    def test_not_a_string(self) -> None:
        assert recognise(None).intent is Intent.UNKNOWN  # type: ignore[arg-type]

    @given(st.text(max_size=300))
    @settings(max_examples=300, deadline=None)
    def test_any_text(self, text: str) -> None:
        assert isinstance(recognise(text), IntentMatch)
        assert all(isinstance(i, Intent) for i in closest_commands(text))

    @pytest.mark.parametrize(
        "text",
        [
            "should I email them again? " * 370,
            "a" * 10_000,
            "I I I I " * 1250,
            "had the the the " * 625 + "interview",
            "sent a a a " * 900,
        ],
    )
    def test_ten_thousand_characters_is_fast(self, text: str) -> None:
        start = time.perf_counter()
        recognise(text[:10_000])
        assert time.perf_counter() - start < wait_budget(0.5)

    def test_ten_thousand_random_characters(self) -> None:
        rng = random.Random(7)
        alphabet = string.ascii_letters + string.digits + " ,.?!'-\n"
        for _ in range(5):
            text = "".join(rng.choice(alphabet) for _ in range(10_000))
            start = time.perf_counter()
            recognise(text)
            assert time.perf_counter() - start < wait_budget(1.0)

    def test_a_long_pasted_draft_is_tone(self) -> None:
        draft = "Dear Sam,\n\n" + "I remain very interested in the role. " * 250 + "\n\nBest,\nJo"
        assert recognise(draft).intent is Intent.TONE


class TestClosestCommands:
    @pytest.mark.parametrize(
        ("text", "first"),
        [
            ("expot", I.EXPORT),
            ("stauts", I.STATUS),
            ("dleete", I.DELETE),
            ("anxeity", I.CALM),
            ("setings pls", I.SETTINGS),
            ("withdrw", I.REPLY),
        ],
    )
    def test_nearest_first(self, text: str, first: Intent) -> None:
        assert closest_commands(text)[0] is first

    def test_limit(self) -> None:
        assert len(closest_commands("status calendar export", limit=2)) == 2
        assert len(closest_commands("status calendar export", limit=3)) == 3
        assert closest_commands("status", limit=0) == ()

    def test_nothing_close_suggests_help(self) -> None:
        assert closest_commands("xyzzy qwv") == (Intent.HELP,)
        assert closest_commands("") == (Intent.HELP,)
