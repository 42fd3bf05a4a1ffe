"""Drafts (RULEBOOK D): short, personal, calm, and never claiming what the user did not say."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.drafts import (
    MAX_WORDS,
    DraftFacts,
    count_words,
    day_in_words,
    draft_order,
    make_draft,
)
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

    def test_check_in_leaves_a_marked_optional_line_for_g11(self) -> None:
        for facts in FACT_SETS.values():
            assert "[Optional (G11):" in make_draft(DraftKind.CHECK_IN, facts).body

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
        assert draft.body.startswith("Dear Sam Lee,")
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
