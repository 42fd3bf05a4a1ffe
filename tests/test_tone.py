"""The G10 tone check: every category is found with its words and rule, calm text is not."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.tone import CATEGORIES, check_tone

# (text, category, rule, the words exactly as written in the text)
FLAGGED = [
    ("I am furious that nobody has called.", "anger", "G10", "furious"),
    ("Frankly this is RIDICULOUS.", "anger", "G10", "RIDICULOUS"),
    ("Any news?!", "anger", "G10", "?!"),
    ("I AM STILL WAITING FOR NEWS", "anger", "G10", "I AM STILL WAITING FOR NEWS"),
    ("What a waste of my time this process was.", "complaint", "G10", "waste of my time"),
    ("It is unprofessional not to reply.", "complaint", "G10", "unprofessional"),
    ("Common courtesy would be a short reply.", "complaint", "G10", "Common courtesy"),
    ("After all I've done for this application...", "guilt", "G10", "After all I've done"),
    ("My family is counting on this job.", "guilt", "G10", "My family is counting on"),
    ("I turned down other offers for this role.", "guilt", "G10", "I turned down other offers for"),
    ("I need an answer by Friday.", "ultimatum", "G9", "I need an answer by"),
    (
        "If I don't hear back by Monday I will move on.",
        "ultimatum",
        "G9",
        "If I don't hear back by",
    ),
    ("Please respond by Thursday.", "ultimatum", "G9", "Please respond by Thursday"),
    ("Let me know by end of day.", "ultimatum", "G9", "Let me know by end of"),
    ("Reply soon or else I walk.", "ultimatum", "G10", "or else"),
    ("This is your last chance to hire me.", "ultimatum", "G10", "This is your last chance"),
    ("I'll take my skills elsewhere.", "ultimatum", "G10", "I'll take my skills elsewhere"),
    ("Thanks for nothing.", "sarcasm", "G10", "Thanks for nothing"),
    ("I guess you're too busy for candidates.", "sarcasm", "G10", "I guess you're too busy"),
    ("Must be nice to ignore people.", "sarcasm", "G10", "Must be nice"),
    ("I'll post about this on LinkedIn.", "public_callout", "G10", "post about this on LinkedIn"),
    (
        "I will leave a review on Glassdoor.",
        "public_callout",
        "G10",
        "leave a review on Glassdoor",
    ),
    ("My followers will hear about it.", "public_callout", "G10", "My followers"),
    ("Sorry to bother you again.", "pestering", "G10", "bother you again"),
    ("I'm writing again about the role.", "pestering", "G10", "writing again"),
    ("Here is yet another note from me.", "pestering", "G10", "yet another"),
    ("I am still waiting for news.", "pestering", "G10", "still waiting"),
    ("This is my third email.", "pestering", "G3", "This is my third email"),
    ("I've emailed you 4 times.", "pestering", "G3", "I've emailed you 4 times"),
    ("Consider this my final attempt.", "pestering", "G3", "final attempt"),
    ("One last try: any update?", "pestering", "G3", "One last try"),
    ("Please please let me know.", "begging", "G10", "Please please"),
    ("I'm begging you for a chance.", "begging", "G10", "I'm begging"),
    ("I am desperate for this role.", "begging", "G10", "desperate"),
    ("I sent you a cake to say thanks.", "gimmick", "G10", "sent you a cake"),
    ("Expect a singing telegram tomorrow.", "gimmick", "G10", "singing telegram"),
    ("Here is a gift card for your trouble.", "gift_bribe", "G10", "a gift card"),
    ("I'd happily pay for your time.", "gift_bribe", "G10", "I'd happily pay"),
    (
        "You're the most amazing recruiter.",
        "flattery",
        "G10",
        "You're the most amazing",
    ),
    ("You are the best recruiter ever.", "flattery", "G10", "You are the best recruiter ever"),
    ("I never heard back after the interview.", "blame", "G7", "never heard back"),
    ("Someone dropped the ball here.", "blame", "G7", "dropped the ball"),
    ("Maybe you forgot about me.", "blame", "G7", "you forgot"),
    ("No one replied to my emails.", "blame", "G7", "No one replied"),
    ("My messages were ignored.", "blame", "G7", "ignored"),
    ("Can I have your personal number?", "personal_channel", "G5", "your personal number"),
    ("I texted you yesterday.", "personal_channel", "G5", "texted you"),
    ("I found you on Instagram.", "personal_channel", "G5", "found you on Instagram"),
    ("I messaged you on Facebook.", "personal_channel", "G5", "messaged you on Facebook"),
    ("I could send it to your home address.", "personal_channel", "G5", "your home address"),
    ("I'll drop by on Monday.", "in_person", "G5", "drop by"),
    ("I can stop by your office with my portfolio.", "in_person", "G5", "stop by"),
    ("Happy to come in person to hand it over.", "in_person", "G5", "come in person"),
]

CALM = [
    "Thank you again for your time on Tuesday.",
    "I'd love to meet the team again.",
    "I'm looking forward to hearing from you.",
    "I wanted to follow up on my interview for the analyst role.",
    "I haven't heard back yet, so I wanted to check in on the timeline.",
    "It was great to meet you in person last week.",
    "I'd be glad to connect on LinkedIn.",
    "Thank you so much for showing me around; it was nice of you to make the time.",
    "I know things get busy, and I appreciate any update when you have a moment.",
    "The other company has asked for my answer by Friday, so I wanted you to know.",
    "Please let me know if there is anything else I can send.",
    "In case my earlier note got lost, I'm resending it below.",
    "Our conversation about the second phase of the project stayed with me.",
    "I remain very interested in the role and would welcome the chance to contribute.",
    "I have a real gift for explaining data to people who are not analysts.",
    "Best regards,\nJo",
]


class TestFindings:
    """Every category is found, with the exact words, the rule and helpful text."""

    @pytest.mark.parametrize(("text", "category", "rule", "words"), FLAGGED)
    def test_flagged(self, text: str, category: str, rule: str, words: str) -> None:
        findings = check_tone(text)
        hits = [f for f in findings if f.category == category]
        assert hits, f"no {category} finding in {text!r}: {findings}"
        assert (rule, words) in [(f.rule, f.words) for f in hits]

    def test_every_category_is_covered_by_the_table(self) -> None:
        assert {c for _, c, _, _ in FLAGGED} == set(CATEGORIES)
        assert set(CATEGORIES) == {
            "anger",
            "complaint",
            "guilt",
            "ultimatum",
            "sarcasm",
            "public_callout",
            "pestering",
            "begging",
            "gimmick",
            "gift_bribe",
            "flattery",
            "blame",
            "personal_channel",
            "in_person",
        }

    @pytest.mark.parametrize(("text", "category", "rule", "words"), FLAGGED)
    def test_why_and_instead_are_given_and_instead_is_calm(
        self, text: str, category: str, rule: str, words: str
    ) -> None:
        for finding in check_tone(text):
            assert finding.why.strip()
            assert finding.instead.strip()
            # Shown to the user: the rule id is data (``finding.rule``), never in the words.
            for shown in (finding.why, finding.instead):
                assert not re.search(r"\b[TSGCD]\d{1,2}\b", shown), shown
            assert check_tone(finding.instead) == (), finding.instead

    def test_findings_come_in_reading_order(self) -> None:
        text = "Thanks for nothing. This is my third email. I'll drop by tomorrow."
        findings = check_tone(text)
        assert [f.category for f in findings] == ["sarcasm", "pestering", "in_person"]
        positions = [text.index(f.words) for f in findings]
        assert positions == sorted(positions)

    def test_overlapping_matches_of_one_category_merge(self) -> None:
        findings = check_tone("Please enjoy a gift card and a small gift.")
        gifts = [f.words for f in findings if f.category == "gift_bribe"]
        assert gifts == ["a gift card", "a small gift"]

    def test_several_problems_in_one_message(self) -> None:
        text = (
            "This is my 3rd email and I'm STILL WAITING!!! I need a decision by Monday or "
            "I'll post about this."
        )
        categories = {f.category for f in check_tone(text)}
        assert {"pestering", "anger", "ultimatum", "public_callout"} <= categories


class TestCalmText:
    """A calm, professional follow-up has no findings, even with innocent look-alikes."""

    @pytest.mark.parametrize("text", CALM)
    def test_calm(self, text: str) -> None:
        assert check_tone(text) == ()

    def test_a_whole_calm_email(self) -> None:
        email = (
            "Dear Ms. Patel,\n\nThank you again for speaking with me on Tuesday about the "
            "analyst role. I enjoyed hearing about the reporting platform, and I'd love to "
            "meet the team again. I haven't heard back yet and wanted to check in on the "
            "timeline. Please let me know if I can share anything else.\n\nBest regards,\nJo"
        )
        assert check_tone(email) == ()


class TestTolerance:
    """Case, punctuation and typographic apostrophes do not hide a problem."""

    @pytest.mark.parametrize(
        ("text", "words"),
        [
            ("PLEASE, PLEASE reply", "PLEASE, PLEASE"),
            ("please... please reply", "please... please"),
            ("I\u2019ll drop by", "drop by"),
            ("I\u2019m begging", "I\u2019m begging"),
            ("i need an answer BY friday", "i need an answer BY"),
            ("never   heard\nback", "never   heard\nback"),
        ],
    )
    def test_variants(self, text: str, words: str) -> None:
        assert words in [f.words for f in check_tone(text)]

    def test_words_are_a_slice_of_the_input(self) -> None:
        text = "hello, I AM Still Waiting - and you FORGOT me"
        for finding in check_tone(text):
            assert finding.words in text

    @pytest.mark.parametrize("text", ["", " ", "\x00\x01", "🙂" * 50, "!" * 2, "?!" * 3])
    def test_odd_input_does_not_raise(self, text: str) -> None:
        assert isinstance(check_tone(text), tuple)

    def test_not_a_string_has_no_findings(self) -> None:
        assert check_tone(None) == ()  # type: ignore[arg-type]

    @given(st.text(max_size=400))
    @settings(max_examples=300, deadline=None)
    def test_any_text(self, text: str) -> None:
        for finding in check_tone(text):
            assert finding.words and finding.words in text
            assert finding.rule in {"G3", "G5", "G7", "G9", "G10"}


class TestSpeed:
    """Linear time: 10,000 characters of hostile input are checked quickly."""

    @pytest.mark.parametrize(
        "text",
        [
            "a" * 10_000,
            "?" * 10_000,
            "!?" * 5_000,
            "AB " * 3_334,
            "please " * 1_430,
            "I " * 5_000,
            "again " * 1_667,
            "you " * 2_500,
            "my third " * 1_112,
            "I need an answer " * 589,
            "x " * 5_000 + "!",
        ],
    )
    def test_ten_thousand_characters(self, text: str) -> None:
        start = time.perf_counter()
        check_tone(text[:10_000])
        assert time.perf_counter() - start < 0.5

    def test_long_realistic_text_finds_everything(self) -> None:
        text = ("Thank you again for your time. " * 300) + "Thanks for nothing."
        findings = check_tone(text)
        assert [f.category for f in findings] == ["sarcasm"]
