"""Coaching texts (C1-C5): short, plain, warm, and citing the right facts."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import replace
from datetime import date, datetime

import pytest

from bot.core.calendar import BusinessCalendar
from bot.core.coaching import (
    COACHING,
    MAX_CHARS,
    MAX_WAIT_CHARS,
    Coaching,
    calm_down,
    coach_wait,
    explain,
    explain_rules,
    why_silence,
)
from bot.core.plan import make_plan
from bot.core.types import Attempt, Channel, Interview, Outcome, Recipient, StepKind


class TestNotes:
    def test_exactly_the_five_rules(self) -> None:
        assert list(COACHING) == ["C1", "C2", "C3", "C4", "C5"]

    @pytest.mark.parametrize("rule", ["C1", "C2", "C3", "C4", "C5"])
    def test_each_note(self, rule: str) -> None:
        note = COACHING[rule]
        assert note.rule == rule
        assert note.title and note.title == note.title.strip()
        assert 80 < len(note.text) <= MAX_CHARS == 400
        assert "\n" not in note.text
        assert not any(ch in note.text for ch in "<>*_`[]"), "plain text only"
        assert "you" in note.text.lower(), "speaks to the user"

    def test_c1_cites_the_survey(self) -> None:
        text = COACHING["C1"].text
        for fact in ("CareerBuilder", "3,991", "2013", "75%", "60%"):
            assert fact in text

    def test_c2_names_reasons_that_are_not_about_the_candidate(self) -> None:
        text = COACHING["C2"].text.lower()
        for reason in ("holiday", "hiring freeze", "reorganisation", "cut", "other candidates"):
            assert reason in text

    def test_c3_is_the_post_mortem(self) -> None:
        text = COACHING["C3"].text.lower()
        for question in ("when you would hear", "thank-you", "fit"):
            assert question in text

    def test_c4_and_c5(self) -> None:
        assert "treats" in COACHING["C4"].text
        assert "personally" in COACHING["C5"].text
        assert "applying" in COACHING["C5"].text

    def test_the_mapping_and_notes_are_read_only(self) -> None:
        with pytest.raises(TypeError):
            COACHING["C6"] = COACHING["C1"]  # type: ignore[index]
        with pytest.raises(dataclasses.FrozenInstanceError):
            COACHING["C1"].text = "x"  # type: ignore[misc]


class TestSelections:
    def test_why_silence(self) -> None:
        assert [n.rule for n in why_silence()] == ["C1", "C2", "C4"]

    def test_calm_down(self) -> None:
        notes = calm_down()
        assert [n.rule for n in notes] == ["C5", "C1", "C3"]
        assert all(isinstance(n, Coaching) for n in notes)
        # Short enough to read in one breath: the three together fit one chat message.
        assert sum(len(n.title) + len(n.text) for n in notes) < 1000


# -- plain words for every rule ----------------------------------------------------------

RULE_ID = re.compile(r"\b[TSGCD]\d{1,2}\b")
INTERNAL = re.compile(r"\b[a-z]+_[a-z_]+\b|\b(?:StepKind|Outcome|Recipient|Phase|Mood)\b")
ALL_RULES = (
    [f"T{n}" for n in range(1, 5)]
    + [f"S{n}" for n in range(1, 8)]
    + [f"G{n}" for n in range(1, 13)]
    + [f"C{n}" for n in range(1, 6)]
    + ["D"]
)


class TestExplain:
    @pytest.mark.parametrize("rule", ALL_RULES)
    def test_every_rule_in_one_plain_sentence(self, rule: str) -> None:
        text = explain(rule)
        assert 40 < len(text) <= 250
        assert text[0].isupper() and text[-1] in ".?"
        # One sentence: no full stop followed by a new sentence inside it.
        assert not re.search(r"[.?!] [A-Z]", text), text
        assert not RULE_ID.search(text) and not INTERNAL.search(text), text
        assert not any(ch in text for ch in "<>*_`[]")

    def test_the_spacing_rule(self) -> None:
        assert explain("G2") == (
            "Two messages to the same person should be at least a working week apart, and never "
            "on back-to-back days, so you never come across as chasing."
        )

    def test_ids_are_read_loosely(self) -> None:
        assert explain(" g2 ") == explain("G2")
        assert explain("s1") == explain("S1")

    @pytest.mark.parametrize("bad", ["", "G13", "X1", "G", "S0", "hello"])
    def test_an_unknown_id_is_refused(self, bad: str) -> None:
        with pytest.raises(ValueError, match="unknown rule id"):
            explain(bad)

    def test_explain_rules_for_a_decision(self) -> None:
        assert explain_rules(("G3", "G7")) == explain("G3") + " " + explain("G7")
        assert explain_rules(("G2", "g2", "Z9", "G2")) == explain("G2")
        assert explain_rules(()) == ""
        assert explain_rules(["nope"]) == ""


# -- coaching that speaks to the user's own wait -------------------------------------------

KOLKATA = BusinessCalendar("Asia/Kolkata", "IN")
INTERVIEW = Interview(
    interviewed_at=KOLKATA.at_local(date(2026, 12, 2), 11),  # Wed 2 Dec 2026, 11:00
    promised_by=date(2026, 12, 15),  # Tue 15 Dec: check-in two business days later, Thu 17
    company="Razorpay",
    role="Senior Data Analyst",
    thank_you_sent=True,
    hiring_manager_known=True,
)
NO_DATE = replace(INTERVIEW, promised_by=None)


def at(day: int, hour: int = 14, month: int = 12, year: int = 2026) -> datetime:
    return KOLKATA.at_local(date(year, month, day), hour)


def coach(
    now: datetime,
    interview: Interview | None = INTERVIEW,
    attempts: tuple[Attempt, ...] = (),
    *,
    feeling: str | None = None,
    seed: int = 0,
    outcome: Outcome = Outcome.NONE,
    with_plan: bool = True,
) -> str:
    plan = (
        make_plan(interview, cal=KOLKATA, attempts=attempts)
        if interview is not None and with_plan
        else None
    )
    return coach_wait(
        now=now,
        cal=KOLKATA,
        interview=interview,
        plan=plan,
        attempts=attempts,
        outcome=outcome,
        feeling=feeling,
        seed=seed,
    )


def emailed(day: int, answered: bool = False) -> Attempt:
    return Attempt(at(day, 10), Channel.EMAIL, Recipient.RECRUITER, answered=answered)


ANXIOUS = "im so anxious about this, i cant sleep"

# (name, interview, now, attempts): one of every point a wait can be at.
SCENES: list[tuple[str, Interview | None, datetime, tuple[Attempt, ...]]] = [
    ("before the interview", INTERVIEW, at(1), ()),
    ("an hour after it", replace(INTERVIEW, thank_you_sent=False), at(2, 12), ()),
    ("promise ahead", INTERVIEW, at(9), ()),
    ("promise today", INTERVIEW, at(15), ()),
    ("promise passed", INTERVIEW, at(16), ()),
    ("check-in due", INTERVIEW, at(21), ()),
    ("no date given", NO_DATE, at(9), ()),
    ("followed up", INTERVIEW, at(21), (emailed(17),)),
    ("followed up twice", INTERVIEW, at(28), (emailed(17), emailed(24))),
    ("they replied", INTERVIEW, at(21), (emailed(17, answered=True),)),
    ("time to move on", INTERVIEW, at(20, month=1, year=2027), ()),
    ("no interview", None, at(9), ()),
]


class TestCoachWait:
    def test_the_anxious_message_from_the_chat(self) -> None:
        # "im so anxious about this, i cant sleep", Wed 9 Dec 23:00: the answer speaks to
        # the feeling first, then to this wait, and names the next step (Thu 17 Dec).
        text = coach(at(9, 23), feeling=ANXIOUS)
        first = text.split(". ")[0].split("; ")[0]
        assert "sleep" in first or "up" in first
        assert "Razorpay" in text
        assert "7 days ago" in text
        assert "Tue 15 Dec" in text and "in 6 days" in text
        assert "check-in on Thu 17 Dec" in text
        assert "For tonight" in text
        assert len(text) <= MAX_WAIT_CHARS

    def test_promise_still_ahead(self) -> None:
        texts = [coach(at(9), seed=seed) for seed in range(3)]
        assert "Your interview at Razorpay was 7 days ago" in texts[0]
        assert "they said by Tue 15 Dec, which is 6 days away" in texts[1]
        assert "It's 7 days since your interview" in texts[1]
        assert all("Tue 15 Dec" in t and "Thu 17 Dec" in t for t in texts)
        assert all("expected" in t or "nothing" in t or "normal" in t for t in texts)

    def test_promise_today(self) -> None:
        text = coach(at(15))
        assert "today, Tue 15 Dec, is the day they named" in text
        assert "Thu 17 Dec, in 2 days" in text
        # The check-in is two business days away: prepare it today.
        assert "get the check-in ready" in text

    def test_promise_passed(self) -> None:
        text = coach(at(16))
        assert "their date, Tue 15 Dec, was yesterday" in text
        assert "Dates slip" in text

    def test_check_in_due_now(self) -> None:
        text = coach(at(21))
        assert "Tue 15 Dec, was 6 days ago" in text
        assert "check-in is due" in text
        assert "send the check-in by work e-mail" in text

    def test_no_date_given(self) -> None:
        # T4: ten business days after Wed 2 Dec is Wed 16 Dec.
        text = coach(at(9), NO_DATE)
        assert "they didn't give a date" in text
        assert "CareerBuilder" in text and "75%" in text
        assert "check-in on Wed 16 Dec" in text

    def test_followed_up(self) -> None:
        text = coach(at(21), attempts=(emailed(17),))
        assert "You followed up 4 days ago and haven't heard back yet." in text
        assert "second follow-up" in text and "Thu 24 Dec" in text
        assert "unanswered follow-up" in text or "follow-up" in text

    def test_followed_up_twice(self) -> None:
        text = coach(at(28), attempts=(emailed(17), emailed(24)))
        assert "You've followed up twice, most recently 4 days ago." in text

    def test_they_replied(self) -> None:
        text = coach(at(21), attempts=(emailed(17, answered=True),), with_plan=False)
        assert "They answered your last message." in text

    def test_time_to_move_on(self) -> None:
        text = coach(at(20, month=1, year=2027))
        assert "let this one go" in text
        assert "Tue 15 Dec 2026" in text  # another year: the year is shown
        assert "apply to one new role" in text

    def test_before_the_interview(self) -> None:
        text = coach(at(1))
        assert "Your interview at Razorpay is on Wed 2 Dec, tomorrow." in text
        assert "when they expect to decide" in text
        assert "check-in" not in text  # the interview itself comes first

    def test_thank_you_owed_right_after(self) -> None:
        text = coach(at(2, 12), replace(INTERVIEW, thank_you_sent=False))
        assert "thank-you to each person you met" in text
        assert "says nothing" in text or "quiet" in text or "too early" in text

    def test_no_interview_at_all(self) -> None:
        text = coach(at(9), None)
        assert "Tell me about your interview" in text
        assert len(text) < 450

    @pytest.mark.parametrize(
        ("outcome", "words"),
        [
            (Outcome.OFFER, "Congratulations on the offer at Razorpay"),
            (Outcome.REJECTED, "says less about you"),
            (Outcome.CLOSED, "The role at Razorpay was closed"),
            (Outcome.WITHDREW, "You chose to step away at Razorpay"),
        ],
    )
    def test_a_known_outcome(self, outcome: Outcome, words: str) -> None:
        text = coach(at(21), outcome=outcome, with_plan=False)
        assert words in text
        assert "check-in" not in text

    def test_the_next_step_is_the_plans(self) -> None:
        plan = make_plan(INTERVIEW, cal=KOLKATA)
        step = plan.step(StepKind.CHECK_IN)
        assert step is not None
        local = KOLKATA.local_date(step.at)
        assert f"{local:%a} {local.day} {local:%b}" in coach(at(9))

    def test_a_long_company_name_is_shortened(self) -> None:
        long = replace(INTERVIEW, company="Consolidated Intergalactic Widgets " * 5)
        text = coach(at(9), long, feeling=ANXIOUS)
        assert "…" in text and len(text) <= MAX_WAIT_CHARS

    def test_now_must_be_aware(self) -> None:
        with pytest.raises(ValueError, match="aware"):
            coach_wait(now=datetime(2026, 12, 9, 14), cal=KOLKATA, interview=INTERVIEW)


class TestFeelings:
    @pytest.mark.parametrize(
        "feeling",
        [
            "im so anxious about this",
            "so nervous, keep refreshing my inbox",
            "I'm worried I blew it",
            "feeling really down 😭",
            "this is so frustrating, they ghosted me",
            "i can't sleep",
        ],
    )
    def test_a_feeling_gets_one_acknowledging_sentence_first(self, feeling: str) -> None:
        for seed in range(3):
            plain = coach(at(9), seed=seed)
            felt = coach(at(9), feeling=feeling, seed=seed)
            assert felt.endswith(" " + plain)
            ack = felt[: -len(plain) - 1]
            assert 20 < len(ack) < 130
            assert "Razorpay" not in ack and "Dec" not in ack

    @pytest.mark.parametrize(
        "feeling",
        [None, "", "ok", "what happens next?", "thanks", "help me calm down", "write down notes?"],
    )
    def test_no_feeling_no_acknowledgement(self, feeling: str | None) -> None:
        assert coach(at(9), feeling=feeling) == coach(at(9))

    def test_sleeplessness_is_named(self) -> None:
        acks = {coach(at(9), feeling="cant sleep", seed=s).split(" Your")[0] for s in range(3)}
        assert any("sleep" in a.lower() for a in acks)

    def test_late_at_night_the_one_thing_is_rest(self) -> None:
        assert "For tonight" in coach(at(9, 23), feeling="anxious")
        assert "For tonight" not in coach(at(9, 23))
        assert "For tonight" not in coach(at(9, 14), feeling="anxious")


class TestEveryMessage:
    @pytest.mark.parametrize(("name", "interview", "now", "attempts"), SCENES)
    @pytest.mark.parametrize("feeling", [None, ANXIOUS, "feeling low 😭", "so annoyed"])
    def test_short_plain_and_free_of_ids(
        self,
        name: str,
        interview: Interview | None,
        now: datetime,
        attempts: tuple[Attempt, ...],
        feeling: str | None,
    ) -> None:
        for seed in range(6):
            text = coach(now, interview, attempts, feeling=feeling, seed=seed)
            assert 60 < len(text) <= MAX_WAIT_CHARS, (name, len(text))
            assert "\n" not in text
            assert not RULE_ID.search(text), (name, text)
            assert not INTERNAL.search(text), (name, text)
            assert not any(ch in text for ch in "<>*`[]"), text
            assert "  " not in text and ".." not in text and " ." not in text, text

    @pytest.mark.parametrize(("name", "interview", "now", "attempts"), SCENES)
    def test_two_calls_in_a_row_differ(
        self,
        name: str,
        interview: Interview | None,
        now: datetime,
        attempts: tuple[Attempt, ...],
    ) -> None:
        for seed in range(12):
            assert coach(now, interview, attempts, seed=seed) != coach(
                now, interview, attempts, seed=seed + 1
            ), (name, seed)

    def test_many_seeds_many_texts(self) -> None:
        texts = {coach(at(9), seed=seed) for seed in range(12)}
        assert len(texts) == 12

    @pytest.mark.parametrize("outcome", [o for o in Outcome if o is not Outcome.NONE])
    def test_outcome_messages_too(self, outcome: Outcome) -> None:
        for feeling in (None, ANXIOUS):
            for seed in range(3):
                text = coach(at(21), outcome=outcome, feeling=feeling, seed=seed)
                assert len(text) <= MAX_WAIT_CHARS
                assert not RULE_ID.search(text) and not INTERNAL.search(text)
