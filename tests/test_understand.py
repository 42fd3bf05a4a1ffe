"""The understanding step: one message, with what is stored, becomes a frame of facts.

Every message here is one a real user typed into the chat and the old bot misread; each
test says what the frame must hold so the rules get the right facts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from bot.core.calendar import calendar_for
from bot.core.types import Channel, DraftKind, Outcome, Recipient, Vibe
from bot.core.understand import (
    Frame,
    FrameIntent,
    Known,
    KnownInterview,
    KnownPerson,
    detect_language,
    term_asked,
    understand,
)

CAL = calendar_for("Asia/Kolkata", "IN")
NOW = datetime(2026, 12, 2, 9, 30, tzinfo=CAL.tz)  # a Wednesday morning in Bangalore
KNOWN = Known(
    (
        KnownInterview(
            "Razorpay",
            "Senior Data Analyst",
            datetime(2026, 11, 30, 11, 0, tzinfo=CAL.tz),
            (
                KnownPerson("Ananya Rao", Recipient.HIRING_MANAGER),
                KnownPerson("Jessica", Recipient.RECRUITER),
            ),
        ),
        KnownInterview("Rakuten Group", "PM", datetime(2026, 11, 25, 11, 0, tzinfo=CAL.tz)),
    )
)


def read(text: str, known: Known = KNOWN) -> Frame:
    return understand(text, now=NOW, cal=CAL, known=known)


class TestCompetingOffers:
    """An offer from elsewhere is real news (G9), never this interview's outcome (G8)."""

    def test_offer_elsewhere_is_news_not_an_outcome(self) -> None:
        frame = read("I got an offer elsewhere, can I use it to push them?")
        assert frame.intent is FrameIntent.REAL_NEWS
        assert frame.outcome is None
        assert frame.other_offer is not None

    def test_deadline_from_another_company_is_read(self) -> None:
        frame = read(
            "I have a competing offer from another company, they want an answer by friday. "
            "can I tell razorpay?"
        )
        assert frame.intent is FrameIntent.REAL_NEWS
        assert frame.company == "Razorpay"
        assert frame.other_offer is not None
        assert frame.other_offer.deadline == date(2026, 12, 4)
        assert frame.outcome is None

    def test_named_other_company(self) -> None:
        frame = read("got an offer from Flipkart!! should i tell razorpay")
        assert frame.intent is FrameIntent.REAL_NEWS
        assert frame.other_offer is not None and frame.other_offer.company == "Flipkart"
        assert frame.company == "Razorpay"

    def test_own_offer_is_an_outcome(self) -> None:
        frame = read("got the offer from razorpay!!")
        assert frame.intent is FrameIntent.OUTCOME
        assert frame.outcome is Outcome.OFFER
        assert frame.company == "Razorpay"
        assert frame.other_offer is None

    def test_no_offer_yet_is_not_an_offer(self) -> None:
        frame = read("no offer yet, still waiting on razorpay")
        assert frame.outcome is None and frame.other_offer is None
        assert frame.intent is not FrameIntent.OUTCOME


class TestNothingClosesByMistake:
    """Wrong actions: a frame must never record an outcome, or log an attempt, that the
    message does not state for the user's own interview."""

    def test_offer_from_a_stored_company_told_to_another_is_news_for_that_one(self) -> None:
        frame = read("rakuten made me an offer, but razorpay is my top choice. should i tell them?")
        assert frame.intent is FrameIntent.REAL_NEWS
        assert frame.outcome is None
        assert frame.company == "Razorpay"
        assert frame.other_offer is not None and frame.other_offer.company == "Rakuten Group"

    def test_offer_named_with_nothing_stored_is_news(self) -> None:
        frame = read(
            "received an offer from revolut yesterday, they gave me till the 15th", Known()
        )
        assert frame.intent is FrameIntent.REAL_NEWS
        assert frame.other_offer is not None
        assert frame.other_offer.deadline == date(2026, 12, 15)

    def test_offer_from_an_unnamed_startup_is_news(self) -> None:
        frame = read("i have an offer in hand from another startup, expiring thursday")
        assert frame.intent is FrameIntent.REAL_NEWS
        assert frame.other_offer is not None and frame.other_offer.deadline == date(2026, 12, 3)

    @pytest.mark.parametrize(
        "text",
        [
            "jessica emailed back, the role is on hold for now",
            "recruiter called back, the position is on hold",
            "jessica wrote back that the role is frozen until q1",
        ],
    )
    def test_a_paused_role_is_their_reply_not_a_closed_one(self, text: str) -> None:
        frame = read(text)
        assert frame.intent is FrameIntent.REPLY
        assert frame.outcome is None

    def test_a_role_filled_is_still_closed(self) -> None:
        frame = read("they told me the role was filled internally")
        assert (frame.intent, frame.outcome) == (FrameIntent.OUTCOME, Outcome.CLOSED)

    def test_someone_elses_offer_closes_nothing(self) -> None:
        frame = read("my friend got an offer from razorpay")
        assert frame.intent is not FrameIntent.OUTCOME
        assert frame.outcome is None

    def test_moving_forward_with_others_is_a_no(self) -> None:
        frame = read("razorpay said they are moving forward with other candidates")
        assert (frame.intent, frame.outcome) == (FrameIntent.OUTCOME, Outcome.REJECTED)

    @pytest.mark.parametrize(
        ("text", "other"),
        [
            ("i got the job at swiggy but razorpay is my first choice", "Swiggy"),
            ("zomato wants to hire me, should i tell razorpay", "Zomato"),
            ("i was offered a position at flipkart, need to respond by friday", "Flipkart"),
            ("got an offer letter from cred today. should i let jessica know?", "Cred"),
        ],
    )
    def test_offers_from_elsewhere_in_other_words(self, text: str, other: str) -> None:
        frame = read(text)
        assert frame.intent is FrameIntent.REAL_NEWS
        assert frame.outcome is None
        assert frame.other_offer is not None and frame.other_offer.company == other

    @pytest.mark.parametrize(
        "text",
        [
            "jessica said no decision yet, maybe next week",
            "they said no update yet but soon",
            "hr said they're not moving forward yet, waiting on budget",
        ],
    )
    def test_not_decided_yet_is_no_rejection(self, text: str) -> None:
        frame = read(text)
        assert frame.outcome is None
        assert frame.intent is not FrameIntent.OUTCOME

    @pytest.mark.parametrize("text", ["they said no", "they said no, unfortunately"])
    def test_a_plain_no_is_still_a_no(self, text: str) -> None:
        assert read(text).outcome is Outcome.REJECTED

    def test_an_offer_told_to_someone_met_elsewhere_is_news(self) -> None:
        frame = read(
            "rakuten made an offer, deadline friday, jessica hasnt said anything. tell her?"
        )
        assert frame.intent is FrameIntent.REAL_NEWS and frame.outcome is None

    @pytest.mark.parametrize(
        "text",
        [
            "friend said razorpay is rejecting everyone this cycle, is that true 😰",
            "my colleague interviewed at razorpay too and got an offer yesterday?? i heard nothing",
            "my senpai got rejected from rakuten last year after the final round, so nervous",
        ],
    )
    def test_other_peoples_news_and_rumours_are_feelings(self, text: str) -> None:
        frame = read(text)
        assert frame.intent is FrameIntent.FEELING and frame.outcome is None

    def test_a_withdrawal_sent_is_an_outcome_not_a_follow_up(self) -> None:
        frame = read("emailed jessica to withdraw my application from razorpay, done")
        assert (frame.intent, frame.outcome) == (FrameIntent.OUTCOME, Outcome.WITHDREW)
        assert frame.attempts == ()

    def test_their_email_about_another_round_is_a_reply(self) -> None:
        frame = read("jessica from razorpay emailed!! they want one more round w the team lead")
        assert frame.intent is FrameIntent.REPLY

    def test_someone_pinging_me_later_is_no_reminder_setting(self) -> None:
        frame = read("razorpay responded, role on hold, jessica said she'd ping me in 2 wks")
        assert frame.intent is FrameIntent.REPLY and frame.nudge_hour is None

    @pytest.mark.parametrize(
        "text",
        [
            "how many days since i emailed jessica?",
            "have i followed up with jessica yet",
            "did i already email rakuten?",
            "when did i last email them",
        ],
    )
    def test_a_question_about_past_messages_logs_nothing(self, text: str) -> None:
        frame = read(text)
        assert frame.intent is FrameIntent.STATUS
        assert frame.attempts == ()


class TestReplies:
    def test_named_person_replied_with_a_new_date(self) -> None:
        frame = read("jessica finally replied, she said they need another week to decide")
        assert frame.intent is FrameIntent.REPLY
        assert frame.reply is not None and frame.reply.new_date == date(2026, 12, 9)
        assert [p.name for p in frame.people] == ["Jessica"]

    def test_reply_by_a_weekday(self) -> None:
        frame = read("they got back to me, they'll decide by next friday")
        assert frame.intent is FrameIntent.REPLY
        assert frame.reply is not None and frame.reply.new_date == date(2026, 12, 11)

    def test_a_question_about_emailing_again_is_not_a_reply(self) -> None:
        frame = read("can i email jessica again after the 6th?")
        assert frame.intent is FrameIntent.SHOULD_I
        assert frame.channel is Channel.EMAIL
        assert frame.to == "Jessica"


class TestAttempts:
    def test_two_attempts_with_their_own_days(self) -> None:
        frame = read("I emailed jessica on thursday and again on friday")
        assert frame.intent is FrameIntent.LOG_ATTEMPT
        assert [(a.on, a.channel, a.to) for a in frame.attempts] == [
            (date(2026, 11, 26), Channel.EMAIL, "Jessica"),
            (date(2026, 11, 27), Channel.EMAIL, "Jessica"),
        ]

    def test_twice_is_two_attempts_without_dates(self) -> None:
        frame = read("I already emailed twice")
        assert [(a.on, a.channel) for a in frame.attempts] == [
            (None, Channel.EMAIL),
            (None, Channel.EMAIL),
        ]

    def test_yesterday_is_yesterday(self) -> None:
        frame = read("I called anna yesterday", known=Known())
        assert [(a.on, a.channel, a.to) for a in frame.attempts] == [
            (date(2026, 12, 1), Channel.PHONE, "Anna")
        ]

    def test_not_yet_is_a_question_not_an_attempt(self) -> None:
        frame = read("i havent emailed yet, should i?")
        assert frame.intent is FrameIntent.SHOULD_I
        assert frame.attempts == ()


class TestNewInterviewInOneSentence:
    def test_the_suggested_opener(self) -> None:
        frame = read(
            "I just had an interview at Razorpay for senior data analyst, hiring manager said "
            "theyd get back to me by the 15th",
            known=Known(),
        )
        assert frame.intent is FrameIntent.NEW_INTERVIEW
        assert frame.company == "Razorpay"
        assert frame.role == "senior data analyst"
        assert frame.interview_at == datetime(2026, 12, 2, 9, 30)
        assert frame.timeline is not None
        assert frame.timeline.by == date(2026, 12, 15)
        assert frame.timeline.said_by == "hiring_manager"

    def test_people_roles_emails_vibe_and_a_range(self) -> None:
        frame = read(
            "had my intervew w/ Acme today at 11 for the pm role, met priya (recruiter, "
            "priya@acme.com) and her boss dan, went great, they said 1-2 weeks",
            known=Known(),
        )
        assert frame.intent is FrameIntent.NEW_INTERVIEW
        assert frame.company == "Acme"
        assert frame.role == "pm"
        assert frame.interview_at == datetime(2026, 12, 2, 11, 0)
        assert frame.timeline is not None and frame.timeline.by == date(2026, 12, 16)
        assert [(p.name, p.role, p.email) for p in frame.people] == [
            ("Priya", Recipient.RECRUITER, "priya@acme.com"),
            ("Dan", Recipient.HIRING_MANAGER, None),
        ]
        assert frame.vibe is Vibe.WARM

    def test_afternoon_clock_time(self) -> None:
        frame = read("interview with Stripe at 3 this afternoon", known=Known())
        assert frame.interview_at == datetime(2026, 12, 2, 15, 0)
        assert "interview_at" in frame.unsure  # later today than now: ask

    def test_day_without_a_time_is_a_date(self) -> None:
        frame = read("had an interview at Zoho yesterday, they didnt say when", known=Known())
        assert frame.interview_at == date(2026, 12, 1)
        assert frame.timeline is None

    def test_impossible_time_is_doubted(self) -> None:
        frame = read("had an interview at Zoho yesterday at 25:00", known=Known())
        assert "interview_at" in frame.unsure


def test_the_timeline_words_are_kept_as_typed() -> None:
    frame = read(
        "just had an interview at Razorpay, ananya said theyd get back by Friday. it went ok",
        Known(),
    )
    assert frame.said == "theyd get back by Friday"


class TestPeopleAndTheirRoles:
    def test_a_role_after_a_name_and_a_comma_stays_with_that_name(self) -> None:
        frame = read(
            "had my interview at acme yday, met ananya (recruiter) n rohan the hm, ananya "
            "said theyll revert by thursday",
            Known(),
        )
        assert [(p.name, p.role) for p in frame.people] == [
            ("Ananya", Recipient.RECRUITER),
            ("Rohan", Recipient.HIRING_MANAGER),
        ]

    def test_the_roles_last_word_is_never_a_person(self) -> None:
        frame = read("had my intervw at infosys today for java dev, hr pooja said 3 days", Known())
        assert frame.role == "java dev"
        assert [(p.name, p.role) for p in frame.people] == [("Pooja", Recipient.HR)]

    def test_the_company_is_never_a_person(self) -> None:
        frame = read("interview at acme today, recruiter: dana lee said by friday", Known())
        assert [p.name for p in frame.people] == ["Dana"]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "interview at stark industries today, talked to maria lopez the hiring manager "
                "and some guy from hr",
                [("Maria Lopez", Recipient.HIRING_MANAGER)],
            ),
            (
                "interview at acme, met priya sharma from hr and rahul the hiring manager",
                [("Priya Sharma", Recipient.HR), ("Rahul", Recipient.HIRING_MANAGER)],
            ),
            (
                "interview at acme today, talked to the recruiter anna kowalski",
                [("Anna Kowalski", Recipient.RECRUITER)],
            ),
            ("interview at acme, hr pooja said next week", [("Pooja", Recipient.HR)]),
            (
                "interview at acme, ananya is the recruiter",
                [("Ananya", Recipient.RECRUITER)],
            ),
        ],
    )
    def test_a_lowercase_full_name_beside_its_role_is_one_person(
        self, text: str, expected: list[tuple[str, Recipient]]
    ) -> None:
        assert [(p.name, p.role) for p in read(text, Known()).people] == expected

    @pytest.mark.parametrize(
        ("text", "company"),
        [
            ("had an interview at stark industries today", "stark industries"),
            ("interview with wayne enterprises this morning", "wayne enterprises"),
            ("had my interview at razorpay for the pm role", "razorpay"),
            ("had 2nd round at goldman sachs today, mike said 2-3 weeks", "goldman sachs"),
            ("interview at j.p. morgan this morning for an analyst position", "j.p. morgan"),
            ("had an interview at ocado thurs, went ok", "ocado"),
        ],
    )
    def test_a_lowercase_company_keeps_its_company_word(self, text: str, company: str) -> None:
        assert (read(text, Known()).company or "").casefold() == company


class TestPeople:
    def test_filler_words_are_not_names(self) -> None:
        frame = read("also vikram from HR, he was the recruiter. dont have his email")
        assert [(p.name, p.role) for p in frame.people] == [("Vikram", Recipient.HR)]


class TestSmallIntents:
    @pytest.mark.parametrize(
        ("text", "intent"),
        [
            ("what reminders do i have coming up?", FrameIntent.REMINDERS),
            ("undo", FrameIntent.UNDO),
            ("oops undo that", FrameIntent.UNDO),
            ("thanks!", FrameIntent.THANKS),
            ("ty so much", FrameIntent.THANKS),
            ("😭😭😭", FrameIntent.FEELING),
            ("im so anxious about this, i cant sleep", FrameIntent.FEELING),
            ("never mind", FrameIntent.CANCEL),
            ("show my interviews", FrameIntent.LIST),
        ],
    )
    def test_intent(self, text: str, intent: FrameIntent) -> None:
        assert read(text).intent is intent

    @pytest.mark.parametrize(
        ("text", "hour"),
        [
            ("can you remind me at 8am instead", "08:00"),
            ("send my reminders at 7:30pm", "19:30"),
            ("remind me at 14:30 please", "14:30"),
        ],
    )
    def test_nudge_hour_keeps_minutes(self, text: str, hour: str) -> None:
        frame = read(text)
        assert frame.intent is FrameIntent.SETTINGS
        assert frame.to_json()["nudge_hour"] == hour

    def test_stored_company_named_loosely(self) -> None:
        frame = read("should i email rakuten now?")
        assert frame.intent is FrameIntent.SHOULD_I
        assert frame.company == "Rakuten Group"
        assert frame.channel is Channel.EMAIL

    def test_draft_kind(self) -> None:
        frame = read("can you write a thank you note for ananya")
        assert frame.intent is FrameIntent.DRAFT
        assert frame.draft_kind is DraftKind.THANK_YOU
        assert frame.to == "Ananya Rao"


class TestLanguage:
    @pytest.mark.parametrize(
        ("text", "code"),
        [
            ("Tive uma entrevista ontem na Nubank, quando devo mandar email?", "pt"),
            ("hatte gestern ein Vorstellungsgespräch bei Siemens, wann soll ich nachfragen", "de"),
            ("tuve una entrevista ayer en globant y no me han respondido", "es"),
            ("thanks!", "en"),
            ("ok", "en"),
            ("😭😭😭", "en"),
            ("razorpay interview went great, ananya said by the 15th", "en"),
        ],
    )
    def test_language(self, text: str, code: str) -> None:
        assert detect_language(text) == code

    @pytest.mark.parametrize(
        "text",
        [
            "ananya's email is ananya.r@razorpay.com",
            "priya email is priya.s@acme.com",
            "here is the link https://careers.acme.com/jobs/12345-senior-analyst",
        ],
    )
    def test_addresses_and_links_are_in_no_language(self, text: str) -> None:
        assert detect_language(text) == "en"

    def test_an_email_given_with_a_possessive_is_read(self) -> None:
        frame = read("ananya's email is ananya.r@razorpay.com")
        assert frame.language == "en"
        assert [(p.name, p.email) for p in frame.people] == [
            ("Ananya Rao", "ananya.r@razorpay.com")
        ]

    def test_the_sparse_table_answers_as_langdetect_does(self) -> None:
        """bot.core.langid loads langdetect's table without its zeros (15 MB, not 58): every
        answer, probabilities included, must be langdetect's own."""
        import langdetect  # type: ignore[import-untyped]
        from langdetect.lang_detect_exception import (  # type: ignore[import-untyped]
            LangDetectException,
        )

        from bot.core import langid

        langdetect.DetectorFactory.seed = 0
        corpora = Path(__file__).resolve().parents[1] / "bench" / "corpora"
        texts = [
            json.loads(line)["message"]
            for path in sorted(corpora.glob("understanding_*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines()[::4]
            if line.strip()
        ]
        texts += [
            "Tive uma entrevista ontem na Nubank, quando devo mandar email?",
            "hatte gestern ein Vorstellungsgespräch bei Siemens, wann soll ich nachfragen",
            "J'ai eu un entretien hier chez Capgemini, quand dois-je relancer ?",
            "sono stato a un colloquio ieri e non ho ancora sentito nulla",
            "Wczoraj miałem rozmowę kwalifikacyjną w Allegro",
            "я вчера был на собеседовании в Яндексе",
            "昨日、楽天で面接を受けました",
            "मेरा कल इंटरव्यू था",
            "12345 !!! ...",
        ]
        assert len(texts) > 200

        def answers(detect: object, text: str) -> list[tuple[str, float]] | None:
            try:
                return [(g.lang, g.prob) for g in detect(text)]  # type: ignore[operator]
            except LangDetectException:
                return None

        for text in texts:
            assert answers(langid.detect_langs, text) == answers(langdetect.detect_langs, text)

    def test_another_language_gets_no_facts(self) -> None:
        frame = read("Tive uma entrevista ontem na Nubank, quando devo mandar email?")
        assert frame.intent is FrameIntent.UNKNOWN
        assert frame.language == "pt"
        assert frame.company is None and frame.people == ()


class TestRobustness:
    @pytest.mark.parametrize(
        "text", ["", "   ", "\x00\x01", "a" * 20000, "?" * 5000, "/new", "💥" * 3000]
    )
    def test_never_raises(self, text: str) -> None:
        frame = read(text)
        assert set(frame.to_json()) == {
            "intent",
            "language",
            "company",
            "role",
            "interview_at",
            "timeline",
            "people",
            "attempts",
            "reply",
            "outcome",
            "other_offer",
            "vibe",
            "nudge_hour",
            "draft_kind",
            "channel",
            "to",
        }


def test_cli_prints_one_json_object(tmp_path: Path) -> None:
    context = tmp_path / "context.json"
    context.write_text(
        json.dumps(
            {
                "interviews": [
                    {
                        "company": "Rakuten Group",
                        "role": "PM",
                        "interviewed": "2026-11-25T11:00",
                        "people": [{"name": "Jessica", "role": "recruiter"}],
                    }
                ]
            }
        )
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "understand",
            "--now",
            "2026-12-02T09:30",
            "--tz",
            "Europe/Berlin",
            "--country",
            "DE",
            "--context",
            str(context),
            "--json",
        ],
        input="I emailed jessica on thursday and again on friday",
        capture_output=True,
        text=True,
        check=True,
    )
    frame = json.loads(done.stdout)
    assert frame["intent"] == "log_attempt"
    assert [a["on"] for a in frame["attempts"]] == ["2026-11-26", "2026-11-27"]
    assert frame["attempts"][0]["to"] == "Jessica"


def test_cli_bad_context_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "understand", "--tz", "UTC", "--context", str(bad)],
        input="hi",
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "--context" in done.stderr


class TestTheirAnswers:
    @pytest.mark.parametrize(
        ("text", "days"),
        [
            ("they said they need another week", 7),
            ("recruiter emailed, she needs 2 more weeks", 14),
        ],
    )
    def test_needing_more_time_is_their_answer_with_a_date(self, text: str, days: int) -> None:
        frame = read(text)
        assert frame.intent is FrameIntent.REPLY
        assert frame.reply is not None and frame.reply.new_date is not None
        assert (frame.reply.new_date - NOW.date()).days == days

    @pytest.mark.parametrize(
        "text",
        [
            "got shortlisted for the final round on the 10th",
            "they invited me back for a second round!",
        ],
    )
    def test_a_next_round_is_their_answer(self, text: str) -> None:
        assert read(text).intent is FrameIntent.REPLY

    def test_not_shortlisted_closes_nothing(self) -> None:
        assert read("hope i make it to the final round").intent is not FrameIntent.REPLY


@pytest.mark.parametrize("text", ["had a good interview today", "had an interview today"])
def test_words_before_interview_are_not_companies(text: str) -> None:
    assert read(text, Known()).company is None


# --- found by chat trials on 30 November 2026 ------------------------------------------------

BERLIN = calendar_for("Europe/Berlin", "DE")
NEW_YORK = calendar_for("America/New_York", "US")
MONDAY = datetime(2026, 11, 30, 13, 30, tzinfo=BERLIN.tz)  # Monday 30 November
TWO = Known(
    (
        KnownInterview(
            "Acme",
            "pm",
            datetime(2026, 11, 16, 10, 0, tzinfo=BERLIN.tz),
            (KnownPerson("Sarah", Recipient.RECRUITER),),
        ),
        KnownInterview(
            "Globex",
            "ux designer",
            datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN.tz),
            (KnownPerson("Raj", Recipient.HIRING_MANAGER),),
        ),
    )
)


def on_monday(text: str, known: Known = TWO, cal: object = BERLIN) -> Frame:
    zone = NEW_YORK if cal is NEW_YORK else BERLIN
    return understand(text, now=MONDAY.astimezone(zone.tz), cal=zone, known=known)


class TestWhoAndWhere:
    @pytest.mark.parametrize(
        ("text", "company", "person"),
        [
            ("had my interview w/ sarah at acme for the pm role yesterday", "acme", "Sarah"),
            (
                "interview with john smith from deloitte today, they said 2 weeks",
                "deloitte",
                "John Smith",
            ),
            ("had an interview with Sarah Lee at Acme", "Acme", "Sarah Lee"),
            ("final round at bank of america today, they said by friday", "bank of america", None),
            ("interviewed at the Bank of England today", "Bank of England", None),
            ("had interview at razor pay today", "razor pay", None),
            ("interview with google today", "google", None),
        ],
    )
    def test_the_company_is_where_they_work_not_who_was_met(
        self, text: str, company: str, person: str | None
    ) -> None:
        frame = on_monday(text, Known())
        assert frame.intent is FrameIntent.NEW_INTERVIEW
        assert frame.company == company
        names = [p.name for p in frame.people]
        assert names == ([person] if person else [])

    def test_withdrew_is_not_with_drew(self) -> None:
        frame = on_monday("i withdrew from flipkart today, didnt feel right tbh", Known())
        assert [p.name for p in frame.people] == []


class TestInterviewDays:
    def test_us_numbers_are_month_first_and_a_day_over_12_is_a_day(self) -> None:
        frame = on_monday(
            "interview at initech on 11/24 for the qa role, they said by 12/4", Known(), NEW_YORK
        )
        assert frame.interview_at == date(2026, 11, 24)
        assert frame.timeline is not None and frame.timeline.by == date(2026, 12, 4)

    def test_day_first_elsewhere(self) -> None:
        assert on_monday("had an interview at acme on 24.11.", Known()).interview_at == date(
            2026, 11, 24
        )

    def test_a_clock_with_a_dot_is_no_date(self) -> None:
        frame = on_monday("interview at acme at 10.30 today", Known())
        assert frame.interview_at == datetime(2026, 11, 30, 10, 30)

    def test_the_date_beats_the_weekday_before_it(self) -> None:
        frame = on_monday("had an interview at initech on mon 16 nov for the analyst role", Known())
        assert frame.interview_at == date(2026, 11, 16)


class TestReportsThatCameWithSomethingElse:
    @pytest.mark.parametrize(
        "text",
        [
            "im so nervous lol. interview at acme this morning for the pm job, recruiter said "
            "next week",
            "ok sorry, interview at telefonica today for the marketing role, they said in 2 weeks",
            "met with tom from hooli friday for the data analyst job they said by the 15th",
            "talked to the hiring manager at wayne enterprises today, said 7-10 days",
        ],
    )
    def test_a_whole_report_is_a_new_interview(self, text: str) -> None:
        assert on_monday(text, Known()).intent is FrameIntent.NEW_INTERVIEW

    def test_a_feeling_about_a_stored_interview_stays_a_feeling(self) -> None:
        frame = on_monday("my interview at acme went badly today, i feel awful")
        assert frame.intent is not FrameIntent.NEW_INTERVIEW


class TestAcceptedOffers:
    def test_accepting_a_stored_employers_offer_is_its_offer(self) -> None:
        frame = on_monday("globex offered me the job and i accepted!! what do i tell acme?")
        assert (frame.intent, frame.company, frame.outcome) == (
            FrameIntent.OUTCOME,
            "Globex",
            Outcome.OFFER,
        )

    def test_accepted_at_a_stored_employer(self) -> None:
        frame = on_monday("i accepted an offer at globex")
        assert (frame.company, frame.outcome) == ("Globex", Outcome.OFFER)

    def test_accepting_elsewhere_withdraws_from_the_one_asked_about(self) -> None:
        frame = on_monday("i accepted an offer at initech, what do i tell acme")
        assert (frame.intent, frame.company, frame.outcome) == (
            FrameIntent.OUTCOME,
            "Acme",
            Outcome.WITHDREW,
        )
        assert frame.other_offer is None

    def test_news_not_yet_accepted_stays_news(self) -> None:
        frame = on_monday("got an offer from initech, deadline friday. acme still silent")
        assert frame.intent is FrameIntent.REAL_NEWS


class TestFollowUpsToldInAQuestion:
    def test_an_email_told_on_the_way_is_an_attempt(self) -> None:
        frame = on_monday("i emailed sarah on friday, can i call her today?")
        assert frame.intent is FrameIntent.SHOULD_I
        assert frame.channel is Channel.PHONE
        (attempt,) = frame.attempts
        assert (attempt.on, attempt.channel, attempt.to) == (
            date(2026, 11, 27),
            Channel.EMAIL,
            "Sarah",
        )

    def test_days_since_my_last_one(self) -> None:
        frame = on_monday("should i send another email? its been 3 days since my last one")
        (attempt,) = frame.attempts
        assert (attempt.on, attempt.channel) == (date(2026, 11, 27), Channel.EMAIL)

    def test_an_undated_one_is_not_logged_as_today(self) -> None:
        assert on_monday("i called sarah last week, should i email raj?").attempts == ()

    def test_a_plain_question_logs_nothing(self) -> None:
        assert on_monday("can i call sarah today?").attempts == ()


class TestChannels:
    @pytest.mark.parametrize(
        "text",
        [
            "called the office this morning, receptionist said sarah is out till next week",
            "rang their main office number today",
        ],
    )
    def test_calling_the_office_is_the_office_phone(self, text: str) -> None:
        frame = on_monday(text)
        assert [a.channel for a in frame.attempts] == [Channel.PHONE]

    def test_going_to_the_office_is_in_person(self) -> None:
        frame = on_monday("i went to their office today")
        assert [a.channel for a in frame.attempts] == [Channel.IN_PERSON]


class TestVibes:
    @pytest.mark.parametrize(
        ("text", "vibe"),
        [
            ("i bombed the technical part but the team was lovely", {Vibe.NEUTRAL, Vibe.WARM}),
            ("i bombed it", {Vibe.NEUTRAL}),
            ("went well but i messed up one question", {Vibe.WARM}),
            ("they were cold and rude", {Vibe.CHILLY}),
        ],
    )
    def test_own_slips_are_not_a_cold_room(self, text: str, vibe: set[Vibe]) -> None:
        from bot.core.understand import vibe_of_answer

        assert vibe_of_answer(text) in vibe


class TestTheirAnswerCountsFromWhenTheyGaveIt:
    def test_another_week_from_the_day_they_wrote(self) -> None:
        frame = on_monday("actually bob emailed me on friday saying they need another week")
        assert frame.intent is FrameIntent.REPLY
        assert frame.reply is not None and frame.reply.new_date == date(2026, 12, 4)

    def test_someone_called_is_their_answer(self) -> None:
        frame = on_monday("sarah called yesterday, they'll decide by next friday")
        assert frame.intent is FrameIntent.REPLY

    def test_i_called_is_my_follow_up(self) -> None:
        assert on_monday("i called sarah yesterday").intent is FrameIntent.LOG_ATTEMPT


def test_a_thank_you_told_in_a_question_is_no_follow_up() -> None:
    frame = on_monday("i emailed priya a thank you on friday, can i call her tomorrow?")
    assert frame.intent is FrameIntent.SHOULD_I and frame.attempts == ()


@pytest.mark.parametrize(
    ("text", "to"), [("what about the recruiter", "recruiter"), ("what about raj?", "Raj")]
)
def test_what_about_someone_asks_again_for_them(text: str, to: str) -> None:
    frame = on_monday(text)
    assert (frame.intent, frame.to) == (FrameIntent.SHOULD_I, to)


def test_a_hiring_mgr_is_a_hiring_manager() -> None:
    frame = on_monday("interviewed at initech today with mike the hiring mgr", Known())
    assert [(p.name, p.role) for p in frame.people] == [("Mike", Recipient.HIRING_MANAGER)]


class TestTermAsked:
    """ "what's a check-in?" asks what a step means: it is explained, not decided."""

    @pytest.mark.parametrize(
        ("text", "term"),
        [
            ("wait what's a check-in?", "check_in"),
            ("what does check in mean", "check_in"),
            ("what do you mean by move on", "move_on"),
            ("what do you mean by moving on?", "move_on"),
            ("what is a second follow-up", "second"),
            ("whats a follow up", "follow_up"),
            ("sorry, what is the thank you note for", "thank_you"),
        ],
    )
    def test_the_step_asked_about(self, text: str, term: str) -> None:
        assert term_asked(text) == term

    @pytest.mark.parametrize(
        "text",
        [
            "what is acme doing",
            "whats up",
            "what do you mean",
            "should i send a check-in?",
            "i sent the check in today",
            "when is my check-in?",
        ],
    )
    def test_other_messages_ask_no_term(self, text: str) -> None:
        assert term_asked(text) is None
