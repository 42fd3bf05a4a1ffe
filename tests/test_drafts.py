"""Drafts (D): short, personal, calm, and never claiming what the user did not say."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.drafts import (
    MAX_WORDS,
    Addressee,
    DraftFacts,
    count_words,
    day_in_words,
    draft_order,
    make_draft,
    thank_you_drafts,
)
from bot.core.phrasing import full_name, greeting_name, news_sentences, read_detail
from bot.core.tone import check_tone
from bot.core.types import Draft, DraftKind, Outcome, Recipient

FULL = DraftFacts(
    company="Acme Analytics",
    role="Data Analyst",
    user_name="Jo Reyes",
    contact_name="Ms. Patel",
    contact_role=Recipient.RECRUITER,
    interview_day=date(2026, 11, 17),
    promised_by=date(2026, 11, 27),
    detail="your plans for the new reporting platform",
    news="Globex has made me an offer and asked for my answer by Friday 4 December",
)
NONE = DraftFacts()
HUGE = DraftFacts(
    company="Consolidated Intergalactic Widgets and Allied Holdings Incorporated " * 4,
    role="Senior Principal Staff Distinguished Data Platform Engineering Lead " * 4,
    user_name="Josephine Alexandra Montgomery-Reyes " * 5,
    contact_name="Professor Doctor Anneliese Patel-Huntington " * 5,
    contact_role=Recipient.HIRING_MANAGER,
    interview_day=date(2026, 11, 17),
    promised_by=date(2026, 11, 27),
    detail="the migration of the quarterly reporting pipeline to streaming events " * 10,
    news="I have been asked to relocate to the Berlin office next spring " * 12,
    other_company="Globex Intergalactic Consolidated Holdings of Greater Springfield " * 4,
    other_offer_deadline=date(2026, 12, 30),
)
# One-letter words: the most words that fit in each field's character limit.
TINY_WORDS = DraftFacts(
    company="a " * 200,
    role="b " * 200,
    user_name="c " * 200,
    contact_name="d " * 200,
    interview_day=date(2026, 11, 17),
    promised_by=date(2026, 11, 27),
    detail="e " * 400,
    news="f " * 400,
)
FACT_SETS = {"full": FULL, "none": NONE, "huge": HUGE, "tiny_words": TINY_WORDS}

# Words that would be an invented claim unless the user's own facts contain them (G9).
INVENTED = ("offer", "deadline", "competing", "promotion", "salary", "urgent", "expires")


def text_of(draft: Draft) -> str:
    return f"{draft.subject}\n{draft.body}"


RULE_ID = re.compile(r"\b[TSGCD]\d{1,2}\b")
# Internal names: enum values and identifiers such as "thank_you", "gift_bribe", "DraftKind".
INTERNAL = re.compile(r"\b[a-z]+_[a-z_]+\b|\b(?:DraftKind|Recipient|StepKind|Outcome)\b")


CASES = [(kind, name) for kind in DraftKind for name in FACT_SETS]


class TestEveryDraft:
    """All kinds with full, empty, huge and many-tiny-word facts."""

    @pytest.mark.parametrize(("kind", "facts_name"), CASES)
    def test_under_the_word_limit(self, kind: DraftKind, facts_name: str) -> None:
        draft = make_draft(kind, FACT_SETS[facts_name])
        assert draft.kind is kind
        assert 20 < count_words(draft) < MAX_WORDS

    @pytest.mark.parametrize(("kind", "facts_name"), CASES)
    def test_passes_the_tone_check(self, kind: DraftKind, facts_name: str) -> None:
        assert check_tone(text_of(make_draft(kind, FACT_SETS[facts_name]))) == ()

    @pytest.mark.parametrize(("kind", "facts_name"), CASES)
    def test_no_template_braces_left(self, kind: DraftKind, facts_name: str) -> None:
        text = text_of(make_draft(kind, FACT_SETS[facts_name]))
        assert "{" not in text and "}" not in text

    @pytest.mark.parametrize(("kind", "facts_name"), CASES)
    def test_no_invented_claims(self, kind: DraftKind, facts_name: str) -> None:
        facts = FACT_SETS[facts_name]
        given_text = " ".join(str(v) for v in vars_of(facts)).lower()
        if facts.has_other_offer:  # the user told of an offer from elsewhere, and its date
            given_text += " offer deadline"
        text = text_of(make_draft(kind, facts)).lower()
        for word in INVENTED:
            if word not in given_text:
                assert not re.search(rf"\b{word}", text), (kind, facts_name, word)

    @pytest.mark.parametrize("kind", list(DraftKind))
    def test_subject_and_body_are_plain_text(self, kind: DraftKind) -> None:
        draft = make_draft(kind, FULL)
        assert draft.subject and "\n" not in draft.subject
        assert not re.search(r"<[a-z/]|\*\*|__", text_of(draft))

    @pytest.mark.parametrize("kind", list(DraftKind))
    def test_different_kinds_read_differently(self, kind: DraftKind) -> None:
        others = [make_draft(k, FULL) for k in DraftKind if k is not kind]
        draft = make_draft(kind, FULL)
        assert all(draft.subject != o.subject for o in others)
        assert all(draft.body.split("\n\n")[1] != o.body.split("\n\n")[1] for o in others)


def vars_of(facts: DraftFacts) -> list[object]:
    return [getattr(facts, name) for name in facts.__slots__]


class TestPersonalisation:
    """The facts given appear; missing facts get neutral words or a marked placeholder."""

    @pytest.mark.parametrize("kind", list(DraftKind))
    def test_full_facts_are_used(self, kind: DraftKind) -> None:
        draft = make_draft(kind, FULL)
        assert draft.body.startswith("Dear Ms. Patel,")
        assert draft.body.rstrip().endswith("Jo Reyes")
        assert "Data Analyst" in draft.subject + draft.body
        assert "Acme Analytics" in draft.body

    @pytest.mark.parametrize("kind", list(DraftKind))
    def test_missing_facts_are_neutral(self, kind: DraftKind) -> None:
        draft = make_draft(kind, NONE)
        assert draft.body.startswith("Hello,")
        assert draft.body.rstrip().endswith("[your name]")
        assert "the role" in draft.body
        assert "  " not in draft.body and " ." not in draft.body and " ," not in draft.body

    @pytest.mark.parametrize(
        "kind",
        [DraftKind.THANK_YOU, DraftKind.CHECK_IN, DraftKind.SECOND_FOLLOW_UP],
    )
    def test_interview_detail_is_mentioned(self, kind: DraftKind) -> None:
        assert "your plans for the new reporting platform" in make_draft(kind, FULL).body

    @pytest.mark.parametrize("kind", [DraftKind.THANK_YOU, DraftKind.HIRING_MANAGER])
    def test_interview_day_in_words(self, kind: DraftKind) -> None:
        assert "Tuesday 17 November" in make_draft(kind, FULL).body

    def test_check_in_quotes_the_promised_date_only_when_known(self) -> None:
        assert "Friday 27 November" in make_draft(DraftKind.CHECK_IN, FULL).body
        no_date = make_draft(DraftKind.CHECK_IN, DraftFacts(company="Acme"))
        assert "you mentioned" not in no_date.body
        assert not re.search(r"\b\d{1,2} [A-Z][a-z]+\b", no_date.body)

    def test_check_in_leaves_a_marked_optional_line_to_give_something(self) -> None:
        for facts in FACT_SETS.values():
            assert "[Optional: add a relevant article" in make_draft(DraftKind.CHECK_IN, facts).body

    def test_thank_you_speaks_to_the_recruiter_or_the_interviewer(self) -> None:
        to_recruiter = make_draft(DraftKind.THANK_YOU, FULL).body
        interviewer = DraftFacts(contact_name="Sam", contact_role=Recipient.INTERVIEWER)
        to_interviewer = make_draft(DraftKind.THANK_YOU, interviewer).body
        assert "guiding me through the process" in to_recruiter
        assert "guiding me through the process" not in to_interviewer

    def test_hiring_manager_note_shows_interest_and_skills_and_never_blames(self) -> None:
        body = make_draft(DraftKind.HIRING_MANAGER, FULL).body
        assert "how much the role appeals to me" in body
        assert "[one skill or result that fits the role]" in body
        for blame in ("never heard", "no reply", "recruiter", "no response", "haven't heard"):
            assert blame not in body.lower()


class TestNews:
    """G9: the update and the withdrawal carry only the user's own news."""

    def test_update_with_a_deadline_in_the_news_says_timing_matters(self) -> None:
        body = make_draft(DraftKind.UPDATE, FULL).body
        assert "Globex has made me an offer and asked for my answer by Friday 4 December." in body
        assert "before then" in body

    def test_update_with_news_but_no_deadline_mentions_none(self) -> None:
        facts = DraftFacts(news="i have moved to Berlin and can start from the Berlin office")
        body = make_draft(DraftKind.UPDATE, facts).body
        assert "I have moved to Berlin and can start from the Berlin office." in body
        assert "before then" not in body
        assert "by " not in body.replace("by e-mail", "")

    def test_update_without_news_leaves_a_placeholder(self) -> None:
        body = make_draft(DraftKind.UPDATE, NONE).body
        assert "[Your news in one or two sentences.]" in body
        assert "before then" not in body

    def test_withdraw_gives_no_reason_unless_the_user_did(self) -> None:
        bare = make_draft(DraftKind.WITHDRAW, NONE).body
        assert "decided to withdraw my application." in bare
        assert "accepted" not in bare and "another" not in bare
        with_news = make_draft(
            DraftKind.WITHDRAW, DraftFacts(news="I have accepted a position elsewhere")
        ).body
        assert "I have accepted a position elsewhere." in with_news

    def test_feedback_request_asks_once_and_gracefully(self) -> None:
        body = make_draft(DraftKind.FEEDBACK_REQUEST, FULL).body
        assert body.count("feedback") == 1
        assert "I understand if that is not possible." in body


class TestClipping:
    """Over-long fields are cut on a word boundary instead of breaking the draft."""

    def test_long_company_is_clipped_to_80_characters_on_a_word(self) -> None:
        company = "Consolidated Intergalactic Widgets and Allied Holdings Incorporated " * 2
        body = make_draft(DraftKind.CHECK_IN, DraftFacts(company=company)).body
        shown = re.search(r"the role at (.+?)\.", body)
        assert shown is not None
        name = shown.group(1)
        assert len(name) <= 80
        assert company.startswith(name + " ")

    def test_long_detail_is_clipped_to_200_characters_on_a_word(self) -> None:
        detail = "how the team moved the quarterly reporting pipeline onto streaming events " * 5
        body = make_draft(DraftKind.THANK_YOU, DraftFacts(detail=detail)).body
        shown = re.search(r"our conversation about (.+?)\. ", body)
        assert shown is not None
        clipped = shown.group(1)
        assert len(clipped) <= 200
        assert detail.startswith(clipped + " ")

    def test_a_single_overlong_word_is_cut_hard(self) -> None:
        draft = make_draft(DraftKind.THANK_YOU, DraftFacts(company="X" * 500))
        assert "X" * 80 in draft.body and "X" * 81 not in draft.body

    def test_whitespace_and_newlines_in_facts_are_collapsed(self) -> None:
        facts = DraftFacts(contact_name="  Sam \n Lee ", role="Data\n\nAnalyst")
        draft = make_draft(DraftKind.THANK_YOU, facts)
        assert draft.body.startswith("Dear Sam,")
        assert "Data Analyst" in draft.subject

    @given(
        kind=st.sampled_from(list(DraftKind)),
        company=st.text(max_size=300),
        role=st.text(max_size=300),
        user_name=st.text(max_size=120),
        contact_name=st.text(max_size=120),
        detail=st.text(max_size=600),
        news=st.text(max_size=600),
        day=st.none() | st.dates(),
        other_company=st.text(max_size=300),
    )
    @settings(max_examples=300, deadline=None)
    def test_any_facts_stay_under_the_limit(
        self,
        kind: DraftKind,
        company: str,
        role: str,
        user_name: str,
        contact_name: str,
        detail: str,
        news: str,
        day: date | None,
        other_company: str,
    ) -> None:
        facts = DraftFacts(
            company=company,
            role=role,
            user_name=user_name,
            contact_name=contact_name,
            interview_day=day,
            promised_by=day,
            detail=detail,
            news=news,
            other_company=other_company,
            other_offer_deadline=day,
        )
        assert count_words(make_draft(kind, facts)) < MAX_WORDS


class TestHelpers:
    @pytest.mark.parametrize(
        ("day", "words"),
        [
            (date(2026, 11, 17), "Tuesday 17 November"),
            (date(2026, 1, 1), "Thursday 1 January"),
            (date(2027, 2, 28), "Sunday 28 February"),
        ],
    )
    def test_day_in_words(self, day: date, words: str) -> None:
        assert day_in_words(day) == words

    def test_count_words_counts_subject_and_body(self) -> None:
        assert count_words(Draft(DraftKind.UPDATE, "Two words", "and three more")) == 5


K = DraftKind


class TestDraftOrder:
    """Which drafts the plan needs now, most pressing first."""

    @pytest.mark.parametrize(
        ("thank_you_sent", "attempts", "outcome", "hm_known", "expected"),
        [
            (False, 0, Outcome.NONE, False, (K.THANK_YOU, K.CHECK_IN, K.UPDATE, K.WITHDRAW)),
            (True, 0, Outcome.NONE, False, (K.CHECK_IN, K.UPDATE, K.WITHDRAW)),
            (True, 1, Outcome.NONE, True, (K.SECOND_FOLLOW_UP, K.UPDATE, K.WITHDRAW)),
            (True, 2, Outcome.NONE, True, (K.HIRING_MANAGER, K.UPDATE, K.WITHDRAW)),
            (True, 2, Outcome.NONE, False, (K.UPDATE, K.WITHDRAW)),
            (True, 3, Outcome.NONE, True, (K.UPDATE, K.WITHDRAW)),
            (True, -1, Outcome.NONE, False, (K.CHECK_IN, K.UPDATE, K.WITHDRAW)),
            (False, 2, Outcome.REJECTED, True, (K.FEEDBACK_REQUEST,)),
            (True, 0, Outcome.WITHDREW, False, (K.WITHDRAW,)),
            (False, 0, Outcome.OFFER, False, (K.THANK_YOU,)),
            (True, 1, Outcome.OFFER, False, ()),
            (False, 1, Outcome.CLOSED, True, ()),
        ],
    )
    def test_order(
        self,
        thank_you_sent: bool,
        attempts: int,
        outcome: Outcome,
        hm_known: bool,
        expected: tuple[DraftKind, ...],
    ) -> None:
        assert (
            draft_order(
                thank_you_sent=thank_you_sent,
                attempts_made=attempts,
                outcome=outcome,
                hiring_manager_known=hm_known,
            )
            == expected
        )

    def test_update_and_withdraw_always_come_last_while_waiting(self) -> None:
        for sent in (False, True):
            for attempts in range(5):
                order = draft_order(
                    thank_you_sent=sent,
                    attempts_made=attempts,
                    outcome=Outcome.NONE,
                    hiring_manager_known=True,
                )
                assert order[-2:] == (K.UPDATE, K.WITHDRAW)
                assert (order[0] is K.THANK_YOU) is (not sent)


def greeting(draft: Draft) -> str:
    return draft.body.split("\n", 1)[0]


def signature(draft: Draft) -> str:
    return draft.body.rstrip().rsplit("\n", 1)[-1]


def sentences_of(draft: Draft) -> str:
    """The body without its greeting and signature lines."""
    lines = draft.body.split("\n")
    return "\n".join(lines[1:-1])


class TestPlainWords:
    """No rule id and no internal name in any draft the user is shown; ids are data."""

    @pytest.mark.parametrize(("kind", "facts_name"), CASES)
    def test_no_rule_ids_or_internal_names(self, kind: DraftKind, facts_name: str) -> None:
        text = text_of(make_draft(kind, FACT_SETS[facts_name]))
        assert not RULE_ID.search(text), text
        assert not INTERNAL.search(text), text

    def test_every_thank_you_is_plain_too(self) -> None:
        people = [Addressee("Ananya Rao", Recipient.HIRING_MANAGER), Addressee("vikram")]
        for facts in FACT_SETS.values():
            for draft in thank_you_drafts(facts, people):
                assert not RULE_ID.search(text_of(draft))
                assert not INTERNAL.search(text_of(draft))

    @pytest.mark.parametrize(
        ("kind", "rules"),
        [
            (DraftKind.THANK_YOU, ("S1", "D")),
            (DraftKind.CHECK_IN, ("S2", "G11", "D")),
            (DraftKind.SECOND_FOLLOW_UP, ("S3", "G3", "D")),
            (DraftKind.HIRING_MANAGER, ("S4", "G7", "D")),
            (DraftKind.UPDATE, ("G9", "D")),
            (DraftKind.FEEDBACK_REQUEST, ("G8", "D")),
            (DraftKind.WITHDRAW, ("G8", "D")),
        ],
    )
    def test_the_rules_are_data(self, kind: DraftKind, rules: tuple[str, ...]) -> None:
        assert make_draft(kind, FULL).rules == rules
        assert make_draft(kind, HUGE).rules == rules


class TestGreetingAndSignature:
    """A person writes "Dear Ananya," and signs with their own name."""

    @pytest.mark.parametrize(
        ("contact", "expected"),
        [
            ("Ananya Rao", "Dear Ananya,"),
            ("ananya rao", "Dear Ananya,"),
            ("ANANYA RAO", "Dear Ananya,"),
            ("Rao, Ananya", "Dear Ananya,"),
            ("  Ananya \n Rao ", "Dear Ananya,"),
            ("Jessica", "Dear Jessica,"),
            ("Dr. Ananya Rao", "Dear Dr. Rao,"),
            ("Dr Ananya Rao", "Dear Dr Rao,"),
            ("Ms Patel", "Dear Ms Patel,"),
            ("Prof. María José de la Cruz", "Dear Prof. de la Cruz,"),
            ("María José de la Cruz", "Dear María,"),
            ("Anna-Lena Schmidt", "Dear Anna-Lena,"),
            ("o'brien", "Dear O'Brien,"),
            ("J. R. Tolkien", "Dear J. R. Tolkien,"),
            ("Dr.", "Hello,"),
            ("🙂", "Hello,"),
            ("", "Hello,"),
        ],
    )
    def test_greeting_uses_the_first_name(self, contact: str, expected: str) -> None:
        for kind in DraftKind:
            assert greeting(make_draft(kind, DraftFacts(contact_name=contact))) == expected

    @pytest.mark.parametrize(
        ("user", "expected"),
        [
            ("Priya Menon", "Priya Menon"),
            ("priya menon", "Priya Menon"),
            ("  Priya   Menon ", "Priya Menon"),
            ("", "[your name]"),
            ("   ", "[your name]"),
        ],
    )
    def test_signature_is_the_users_own_name_or_a_placeholder(
        self, user: str, expected: str
    ) -> None:
        for kind in DraftKind:
            draft = make_draft(kind, DraftFacts(user_name=user, contact_name="Sam Lee"))
            assert signature(draft) == expected
            assert draft.body.rstrip().endswith(f"Best regards,\n{expected}")

    def test_no_name_is_ever_invented(self) -> None:
        # The contact's name never turns into the signature, and nothing else appears there.
        for kind in DraftKind:
            draft = make_draft(kind, DraftFacts(contact_name="Sam Lee", company="Acme"))
            assert signature(draft) == "[your name]"
            assert "Sam" not in sentences_of(draft)

    def test_name_helpers(self) -> None:
        assert greeting_name("Sir Ian McKellen") == "Sir McKellen"
        assert greeting_name("Sir Ian") == "Sir Ian"
        assert full_name("dr. ananya rao") == "Dr. Ananya Rao"
        assert full_name("McDonald") == "McDonald"
        assert full_name("") == ""


MET = DraftFacts(
    company="Razorpay",
    role="Senior Data Analyst",
    user_name="Priya Menon",
    interview_day=date(2026, 12, 2),
    detail="the kafka thing",
)
PEOPLE = (
    Addressee("Ananya Rao", Recipient.HIRING_MANAGER),
    Addressee("vikram", Recipient.RECRUITER, "they're hiring two more analysts"),
    Addressee("Dr. Meera Iyer", Recipient.INTERVIEWER, "really loved the whiteboard session"),
)


class TestThankYouPerPerson:
    """S1: a thank-you to every person met, each their own."""

    def test_one_note_per_person_in_order(self) -> None:
        drafts = thank_you_drafts(MET, PEOPLE)
        assert [greeting(d) for d in drafts] == ["Dear Ananya,", "Dear Vikram,", "Dear Dr. Iyer,"]
        assert all(d.kind is DraftKind.THANK_YOU and d.rules == ("S1", "D") for d in drafts)

    def test_each_mentions_its_own_detail_or_the_shared_one(self) -> None:
        first, second, third = thank_you_drafts(MET, PEOPLE)
        assert "I enjoyed our conversation about the kafka thing." in first.body
        assert "I was glad to hear that they're hiring two more analysts." in second.body
        assert "kafka" not in second.body
        assert "I really loved the whiteboard session." in third.body
        assert "kafka" not in third.body

    def test_no_two_read_the_same(self) -> None:
        people = [Addressee(f"Person {n}", Recipient.INTERVIEWER) for n in range(3)]
        bodies = [sentences_of(d) for d in thank_you_drafts(MET, people)]
        assert len(set(bodies)) == 3
        # The prose paragraphs, between the greeting and "Best regards,".
        paragraphs = [set(d.body.split("\n\n")[1:-1]) for d in thank_you_drafts(MET, people)]
        for i in range(3):
            for j in range(i + 1, 3):
                assert not paragraphs[i] & paragraphs[j], (i, j)

    def test_the_recruiter_is_thanked_for_the_process(self) -> None:
        _, recruiter, interviewer = thank_you_drafts(MET, PEOPLE)
        assert "guiding me through the process" in recruiter.body
        assert "guiding me through the process" not in interviewer.body

    def test_every_note_is_short_and_calm(self) -> None:
        for facts in (*FACT_SETS.values(), MET):
            for draft in thank_you_drafts(facts, PEOPLE * 3):
                assert count_words(draft) < MAX_WORDS
                assert check_tone(text_of(draft)) == (), text_of(draft)

    def test_nobody_named_gives_one_neutral_note(self) -> None:
        (draft,) = thank_you_drafts(replace(MET, contact_name="Jessica"), [])
        assert greeting(draft) == "Hello,"
        assert draft == make_draft(DraftKind.THANK_YOU, MET)

    def test_the_first_note_is_the_single_draft(self) -> None:
        first = thank_you_drafts(MET, PEOPLE[:1])[0]
        single = make_draft(
            DraftKind.THANK_YOU,
            replace(MET, contact_name="Ananya Rao", contact_role=Recipient.HIRING_MANAGER),
        )
        assert first == single


DETAILS = [
    ("the kafka thing", "I enjoyed our conversation about the kafka thing.", "the kafka thing"),
    ("The kafka thing..", "I enjoyed our conversation about the kafka thing.", "the kafka thing"),
    ("  kafka!! ", "I enjoyed our conversation about kafka.", "kafka"),
    ("Kafka", "I enjoyed our conversation about Kafka.", "Kafka"),
    ("we talked about kafka", "I enjoyed our conversation about kafka.", "kafka"),
    ("We discussed the roadmap.", "I enjoyed our conversation about the roadmap.", "the roadmap"),
    ("about the roadmap", "I enjoyed our conversation about the roadmap.", "the roadmap"),
    (
        "mention that we discussed the new reporting platform",
        "I enjoyed our conversation about the new reporting platform.",
        "the new reporting platform",
    ),
    (
        "um so like the kafka thing lol",
        "I enjoyed our conversation about the kafka thing.",
        "the kafka thing",
    ),
    ("talking about kafka", "I enjoyed talking about kafka.", "kafka"),
    ("meeting the team", "I enjoyed meeting the team.", ""),
    ("really loved the demo", "I really loved the demo.", ""),
    ("i liked the whiteboard part.", "I liked the whiteboard part.", ""),
    ("im excited about the data platform", "I'm excited about the data platform.", ""),
    ("they're moving to kafka", "I was glad to hear that they're moving to kafka.", ""),
    (
        "the team is moving to kafka",
        "I was glad to hear that the team is moving to kafka.",
        "",
    ),
    ("thank them for the tour", "I am also grateful for the tour.", ""),
    (
        "how you run on-call",
        "I enjoyed our conversation about how you run on-call.",
        "how you run on-call",
    ),
    (
        "your plans for the new reporting platform",
        "I enjoyed our conversation about your plans for the new reporting platform.",
        "your plans for the new reporting platform",
    ),
    ("hiring plans", "I enjoyed our conversation about hiring plans.", "hiring plans"),
    (
        '"the kafka thing" 🙂',
        "I enjoyed our conversation about the kafka thing.",
        "the kafka thing",
    ),
    (
        "the CTO's vision. also the office",
        "I enjoyed our conversation about the CTO's vision.",
        "the CTO's vision",
    ),
]


class TestDetail:
    """The one thing the user wants to mention reads as a clean sentence whatever they typed."""

    @pytest.mark.parametrize(("typed", "sentence", "topic"), DETAILS)
    def test_framed_by_its_shape(self, typed: str, sentence: str, topic: str) -> None:
        detail = read_detail(typed)
        assert (detail.sentence, detail.topic) == (sentence, topic)

    @pytest.mark.parametrize(("typed", "sentence", "topic"), DETAILS)
    def test_thank_you_carries_the_sentence(self, typed: str, sentence: str, topic: str) -> None:
        body = make_draft(DraftKind.THANK_YOU, replace(MET, detail=typed)).body
        assert f" {sentence} " in body

    @pytest.mark.parametrize(("typed", "sentence", "topic"), DETAILS)
    def test_every_kind_reads_cleanly(self, typed: str, sentence: str, topic: str) -> None:
        for kind in DraftKind:
            draft = make_draft(kind, replace(MET, detail=typed))
            text = text_of(draft)
            assert ".." not in text and " ." not in text and " ," not in text, text
            assert "about we " not in text and "that that" not in text, text
            assert check_tone(text) == (), text
            if topic and kind in (DraftKind.CHECK_IN, DraftKind.SECOND_FOLLOW_UP):
                assert topic in draft.body

    def test_a_clause_without_a_topic_still_reaches_the_check_in(self) -> None:
        body = make_draft(DraftKind.CHECK_IN, replace(MET, detail="really loved the demo")).body
        assert "Looking back on our interview, I really loved the demo." in body

    @pytest.mark.parametrize(
        "typed", ["", "   ", "...", "🙂🙂", "lol", "nothing", "Nope.", "skip", "n/a", "not really"]
    )
    def test_nothing_usable_leaves_it_out(self, typed: str) -> None:
        assert read_detail(typed).sentence == ""
        plain = make_draft(DraftKind.THANK_YOU, replace(MET, detail=""))
        assert make_draft(DraftKind.THANK_YOU, replace(MET, detail=typed)) == plain

    @given(st.text(max_size=300))
    @settings(max_examples=300, deadline=None)
    def test_any_text_makes_one_clean_sentence(self, typed: str) -> None:
        sentence = read_detail(typed).sentence
        if sentence:
            assert sentence[0].isupper() or not sentence[0].isalpha()
            assert sentence.endswith(".") and not sentence.endswith("..")
            assert "  " not in sentence


class TestStructuredUpdate:
    """G9 news built from facts, not pasted; a deadline only when the user gave one."""

    @pytest.mark.parametrize(
        ("company", "deadline", "sentence"),
        [
            (
                "",
                date(2026, 12, 11),
                "I wanted to let you know that I have received another offer, with a decision "
                "due by Friday 11 December.",
            ),
            (
                "Globex",
                date(2026, 12, 11),
                "I wanted to let you know that I have received an offer from Globex, with a "
                "decision due by Friday 11 December.",
            ),
            ("Globex", None, "I wanted to let you know that I have received an offer from Globex."),
        ],
    )
    def test_offer_sentence(self, company: str, deadline: date | None, sentence: str) -> None:
        facts = replace(MET, other_company=company, other_offer_deadline=deadline)
        draft = make_draft(DraftKind.UPDATE, facts)
        assert sentence in draft.body
        assert ("before then" in draft.body) is (deadline is not None)
        assert check_tone(text_of(draft)) == ()

    def test_an_offer_with_neither_company_nor_date(self) -> None:
        body = make_draft(DraftKind.UPDATE, replace(MET, other_offer=True)).body
        assert "I wanted to let you know that I have received another offer." in body
        assert "before then" not in body and "due" not in body

    def test_structured_facts_win_over_the_raw_words(self) -> None:
        facts = replace(
            MET,
            other_offer_deadline=date(2026, 12, 11),
            news="got an offer from the other place lol they want answer by fri!!",
        )
        body = make_draft(DraftKind.UPDATE, facts).body
        assert "lol" not in body and "fri!!" not in body
        assert "Friday 11 December" in body

    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            ("i have moved to berlin!!", "I wanted to let you know that I have moved to berlin."),
            (
                "fyi: i got promoted. starting next month",
                "I wanted to let you know that I got promoted. Starting next month.",
            ),
            (
                "just wanted to let them know that i accepted a role elsewhere",
                "I wanted to let you know that I accepted a role elsewhere.",
            ),
            (
                "globex offered me a job 🎉",
                "I wanted to share some news. Globex offered me a job.",
            ),
        ],
    )
    def test_free_text_news_is_tidied_into_sentences(self, typed: str, expected: str) -> None:
        body = make_draft(DraftKind.UPDATE, replace(MET, news=typed)).body
        assert expected in body

    def test_news_sentences_helper(self) -> None:
        assert news_sentences("  ") == ""
        assert news_sentences("i got an offer... and i'm thrilled!!!") == (
            "I got an offer... and I'm thrilled."
        )

    def test_withdrawal_reason_is_tidied(self) -> None:
        body = make_draft(
            DraftKind.WITHDRAW, replace(MET, news="i accepted a position elsewhere!!")
        ).body
        assert "withdraw my application. I accepted a position elsewhere." in body

    def test_no_offer_no_offer_words(self) -> None:
        text = text_of(make_draft(DraftKind.UPDATE, MET)).lower()
        assert "offer" not in text and "due by" not in text and "before then" not in text


class TestSubjectWithoutRole:
    @pytest.mark.parametrize("kind", [DraftKind.HIRING_MANAGER, DraftKind.WITHDRAW])
    def test_a_company_ending_in_role_is_not_taken_for_a_role(self, kind: DraftKind) -> None:
        # "my application to Petrole" ends in "role" but names no role: the subject that only
        # fits a role ("My continued interest in the ...") is not used for it.
        draft = make_draft(kind, DraftFacts(company="Petrole"))
        assert "my application to" not in draft.subject
        assert draft.subject in {"My continued interest in the role", "Withdrawing my application"}


def test_a_job_title_gets_the_capitals_of_its_abbreviations() -> None:
    from bot.core.phrasing import job_title

    assert job_title("pm") == "PM"
    assert job_title("senior ux designer") == "senior UX designer"
    assert job_title("ios engineer") == "iOS engineer"
    assert job_title("vp of sales") == "VP of sales"
    assert job_title("Senior Pm") == "Senior Pm"  # typed with capitals: as typed
    assert job_title("backend dev") == "backend dev"
