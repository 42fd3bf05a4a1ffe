"""Go / wait / stop (G1-G9, G11, G12), table-driven, dates worked out by hand.

New York, November-December 2026: Wed 11 Nov is Veterans Day, Thu 26 Nov is
Thanksgiving, Fri 25 Dec is Christmas. Mondays: 2, 9, 16, 23, 30 Nov; 7, 14, 21 Dec.

Interview A: Mon 16 Nov 14:00, "by Wed 25 Nov" -> S2 day Mon 30 Nov
(Thu 26 holiday, Fri 27 is 1, Mon 30 is 2).
Interview C: Mon 2 Nov 10:00, "by Mon 9 Nov" -> S2 day Thu 12 Nov
(Tue 10 is 1, Wed 11 Veterans Day, Thu 12 is 2).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from bot.core.calendar import BusinessCalendar
from bot.core.types import (
    Attempt,
    Channel,
    Decision,
    DraftKind,
    Interview,
    Outcome,
    Recipient,
    Verdict,
    Vibe,
)
from bot.core.verdict import decide

RULE_ID = re.compile(r"\b[TSGCD]\d{1,2}\b")
NY = BusinessCalendar("America/New_York")
BERLIN = BusinessCalendar("Europe/Berlin")

R, HR, HM, IV = Recipient.RECRUITER, Recipient.HR, Recipient.HIRING_MANAGER, Recipient.INTERVIEWER
EMAIL, PHONE = Channel.EMAIL, Channel.PHONE


def ny(y: int, mo: int, d: int, h: int = 10, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=NY.tz)


def sent(at: datetime, to: Recipient = R, answered: bool = False) -> Attempt:
    return Attempt(at=at, channel=EMAIL, to=to, answered=answered)


A = Interview(ny(2026, 11, 16, 14), promised_by=date(2026, 11, 25), hiring_manager_known=True)
C = Interview(ny(2026, 11, 2), promised_by=date(2026, 11, 9))


def ask(
    interview: Interview,
    now: datetime,
    *,
    channel: Channel = EMAIL,
    to: Recipient = R,
    attempts: tuple[Attempt, ...] = (),
    outcome: Outcome = Outcome.NONE,
    real_news: bool = False,
    cal: BusinessCalendar = NY,
) -> Decision:
    return decide(
        interview,
        channel=channel,
        to=to,
        now=now,
        cal=cal,
        attempts=attempts,
        outcome=outcome,
        real_news=real_news,
    )


def assert_plain(decision: Decision) -> None:
    assert decision.advice
    assert "<" not in decision.advice and ">" not in decision.advice
    # The ids are data for "why?"; the words the user reads never show them.
    assert not RULE_ID.search(decision.advice), decision.advice
    assert (decision.next_ok_at is None) is (decision.verdict is not Verdict.WAIT)


# Each row: interview, now, channel, to, attempts,
#           expected rules, expected next_ok_at (the hand-worked date in the comment).
# A wait that clears on a day clears at 08:00 (e-mails' working day), calls at 09:00 (G6);
# the user's nudge hour plays no part in advice.
# fmt: off
WAITS = [
    pytest.param(A, ny(2026, 11, 25, 12), EMAIL, R, (), ("G1",), ny(2026, 11, 30, 8),
                 id="G1 promised day itself -> Mon 30 08:00"),
    pytest.param(A, ny(2026, 11, 27, 15), EMAIL, R, (), ("G1",), ny(2026, 11, 30, 8),
                 id="G1 Fri 27 (first bd after) -> Mon 30 08:00"),
    pytest.param(A, ny(2026, 11, 30, 7), EMAIL, R, (), ("G1", "S6"), ny(2026, 11, 30, 8),
                 id="G1 S2 day before the working day -> today 08:00"),
    pytest.param(A, ny(2026, 11, 20, 9), PHONE, R, (), ("G1", "G6"), ny(2026, 11, 30, 9),
                 id="G1, then G6 -> Mon 30 09:00"),
    pytest.param(A, ny(2026, 12, 3, 11), EMAIL, R, (sent(ny(2026, 11, 30)),), ("G2",),
                 ny(2026, 12, 7, 8), id="G2 Mon 30 + 5 bd = Mon 7 Dec"),
    # An early attempt Wed 25 Nov (before the S2 day): G1 opens Mon 30, but G2 opens later,
    # Wed 25 + 5 bd: Fri 27, Mon 30, Tue 1, Wed 2, Thu 3 Dec -> G2 alone decides.
    pytest.param(A, ny(2026, 11, 27, 11), EMAIL, R, (sent(ny(2026, 11, 25)),), ("G2",),
                 ny(2026, 12, 3, 8), id="G2 outlasts G1 -> Thu 3 Dec 08:00"),
    pytest.param(A, ny(2026, 12, 1, 11), EMAIL, R, (sent(ny(2026, 11, 30), to=IV),),
                 ("G2",), ny(2026, 12, 2, 8), id="G2 back-to-back with another person -> Wed 2"),
    pytest.param(A, ny(2026, 11, 30, 23), EMAIL, HR, (sent(ny(2026, 11, 30, 9)),), ("G2", "S6"),
                 ny(2026, 12, 2, 8), id="G2 same day -> Wed 2 Dec 08:00"),
    # C: attempt Fri 20 Nov; + 5 bd: Mon 23, Tue 24, Wed 25, (Thu 26), Fri 27, Mon 30.
    pytest.param(C, ny(2026, 11, 24, 16), PHONE, R, (sent(ny(2026, 11, 20)),), ("G2", "G6"),
                 ny(2026, 11, 30, 9), id="G2 over Thanksgiving, then call hours -> Mon 30 09:00"),
    pytest.param(C, ny(2026, 12, 5, 11), PHONE, R, (), ("G6",), ny(2026, 12, 7, 9),
                 id="G6 Saturday -> Mon 7 09:00"),
    pytest.param(C, ny(2026, 12, 1, 7, 30), PHONE, R, (), ("G6",), ny(2026, 12, 1, 9),
                 id="G6 early morning -> today 09:00"),
    pytest.param(C, ny(2026, 12, 1, 17), PHONE, R, (), ("G6",), ny(2026, 12, 2, 9),
                 id="G6 17:00 is after hours -> Wed 2 09:00"),
    pytest.param(C, ny(2026, 11, 25, 17, 30), PHONE, R, (), ("G6",), ny(2026, 11, 27, 9),
                 id="G6 skips Thanksgiving -> Fri 27 09:00"),
    pytest.param(C, ny(2026, 11, 28, 12), EMAIL, R, (), ("S6",), ny(2026, 11, 30, 8),
                 id="S6 e-mail on Saturday -> Mon 30 08:00"),
    pytest.param(C, ny(2026, 11, 26, 9), EMAIL, R, (), ("S6",), ny(2026, 11, 27, 8),
                 id="S6 e-mail on Thanksgiving -> Fri 27 08:00"),
    pytest.param(C, ny(2026, 12, 1, 1, 40), EMAIL, R, (), ("S6",), ny(2026, 12, 1, 8),
                 id="S6 e-mail at 01:40 on a business day -> today 08:00"),
    pytest.param(C, ny(2026, 12, 1, 18, 30), EMAIL, R, (), ("S6",), ny(2026, 12, 2, 8),
                 id="S6 e-mail after the working day -> tomorrow 08:00"),
    # C: attempt Thu 19 Nov; + 5 bd: Fri 20, Mon 23, Tue 24, Wed 25, (Thu 26), Fri 27.
    # Proposed on Thanksgiving, both G2 and S6 hold it until Fri 27 08:00.
    pytest.param(C, ny(2026, 11, 26, 12), EMAIL, R, (sent(ny(2026, 11, 19)),),
                 ("G2", "S6"), ny(2026, 11, 27, 8), id="G2 and S6 together -> Fri 27 08:00"),
]
# fmt: on


class TestWaits:
    """G1, G2, G6, S6: the earliest moment all constraints hold, then go."""

    @pytest.mark.parametrize(
        ("interview", "now", "channel", "to", "attempts", "rules", "when"), WAITS
    )
    def test_wait(
        self,
        interview: Interview,
        now: datetime,
        channel: Channel,
        to: Recipient,
        attempts: tuple[Attempt, ...],
        rules: tuple[str, ...],
        when: datetime,
    ) -> None:
        d = ask(interview, now, channel=channel, to=to, attempts=attempts)
        assert (d.verdict, d.rules, d.next_ok_at) == (Verdict.WAIT, rules, when)
        assert d.advice.startswith("Hold off until ")
        assert_plain(d)
        # At next_ok_at every constraint holds: deciding again says go.
        again = ask(interview, when, channel=channel, to=to, attempts=attempts)
        assert again.verdict is Verdict.GO
        # And a minute earlier it is still a wait (next_ok_at is the earliest).
        early = ask(
            interview, when - timedelta(minutes=1), channel=channel, to=to, attempts=attempts
        )
        assert early.verdict is Verdict.WAIT

    @pytest.mark.parametrize("hour", [7, 10, 18])
    def test_the_nudge_hour_does_not_limit_advice(self, hour: int) -> None:
        """On the S2 day an e-mail may go at any moment of the working day: asked at 09:47
        it is a go, whatever hour the user's reminders come at."""
        for moment in (ny(2026, 11, 30, 8), ny(2026, 11, 30, 9, 47), ny(2026, 11, 30, 17, 59)):
            assert ask(A, moment).verdict is Verdict.GO
        assert ask(A, ny(2026, 11, 30, 9, 47), channel=PHONE).verdict is Verdict.GO
        assert ask(A, ny(2026, 11, 30, 17, 0), channel=PHONE).verdict is Verdict.WAIT

    def test_wait_names_the_day_in_words(self) -> None:
        d = ask(A, ny(2026, 11, 25, 12))
        assert "Monday 30 November at 08:00" in d.advice
        assert "Wednesday 25 November" in d.advice
        assert d.suggest is DraftKind.CHECK_IN

    def test_one_reason_per_rule(self) -> None:
        # Attempt Mon 30 Nov, asked Tue 1 Dec: back-to-back (opens Wed 2) and five business
        # days (opens Mon 7) are both G2; only the later one is explained.
        d = ask(A, ny(2026, 12, 1, 11), attempts=(sent(ny(2026, 11, 30)),))
        assert (d.rules, d.next_ok_at) == (("G2",), ny(2026, 12, 7, 8))
        assert d.advice.count("five business days") == 1
        assert "back-to-back" not in d.advice

    def test_unknown_date_mentions_two_working_weeks(self) -> None:
        # T4: Thu 12 Nov + 10 bd = Fri 27 Nov.
        d = ask(Interview(ny(2026, 11, 12, 16)), ny(2026, 11, 20))
        assert d.next_ok_at == ny(2026, 11, 27, 8)
        assert "two working weeks" in d.advice

    def test_tomorrow_in_words(self) -> None:
        d = ask(C, ny(2026, 12, 1, 17), channel=PHONE)
        assert "tomorrow at 09:00" in d.advice

    def test_call_when_not_warm_suggests_email(self) -> None:
        d = ask(C, ny(2026, 12, 5, 11), channel=PHONE)
        assert "warm" in d.advice

    def test_berlin_call_on_christmas(self) -> None:
        # Interview Mon 30 Nov 2026, promised Fri 4 Dec -> S2 Tue 8 Dec. A call on
        # Fri 25 Dec (Christmas) waits past Sat 26 (holiday) and Sun 27 to Mon 28 09:00.
        interview = Interview(
            datetime(2026, 11, 30, 10, tzinfo=BERLIN.tz), promised_by=date(2026, 12, 4)
        )
        d = ask(interview, datetime(2026, 12, 25, 11, tzinfo=BERLIN.tz), channel=PHONE, cal=BERLIN)
        assert (d.verdict, d.rules) == (Verdict.WAIT, ("G6",))
        assert d.next_ok_at == datetime(2026, 12, 28, 9, tzinfo=BERLIN.tz)

    def test_berlin_thanksgiving_is_a_working_day(self) -> None:
        interview = Interview(
            datetime(2026, 11, 2, 10, tzinfo=BERLIN.tz), promised_by=date(2026, 11, 9)
        )
        d = ask(interview, datetime(2026, 11, 26, 11, tzinfo=BERLIN.tz), cal=BERLIN)
        assert d.verdict is Verdict.GO


class TestGo:
    """Otherwise go, with the draft the plan needs next and G11/G12 advice."""

    def test_check_in_on_the_s2_day(self) -> None:
        d = ask(A, ny(2026, 11, 30))
        assert (d.verdict, d.rules, d.suggest) == (Verdict.GO, ("G11", "S2"), DraftKind.CHECK_IN)
        assert d.next_ok_at is None
        assert "article" in d.advice
        assert_plain(d)

    def test_second_follow_up_after_five_business_days(self) -> None:
        d = ask(A, ny(2026, 12, 7), attempts=(sent(ny(2026, 11, 30)),))
        assert (d.verdict, d.rules) == (Verdict.GO, ("G11", "S3"))
        assert d.suggest is DraftKind.SECOND_FOLLOW_UP

    def test_warm_adds_g12(self) -> None:
        warm = Interview(ny(2026, 11, 16, 14), promised_by=date(2026, 11, 25), vibe=Vibe.WARM)
        d = ask(warm, ny(2026, 11, 30, 11), channel=PHONE)
        assert d.rules == ("G11", "G12", "S2")
        assert "recommendation" in d.advice

    def test_neutral_call_mentions_g6_fit(self) -> None:
        d = ask(A, ny(2026, 11, 30, 11), channel=PHONE)
        assert d.rules == ("G6", "G11", "S2")
        assert "warm" in d.advice

    def test_email_late_on_a_business_day_waits_for_the_morning(self) -> None:
        d = ask(A, ny(2026, 11, 30, 22))
        assert (d.verdict, d.rules, d.next_ok_at) == (Verdict.WAIT, ("S6",), ny(2026, 12, 1, 8))
        assert "tomorrow at 08:00" in d.advice

    def test_interviewer_is_counted_separately(self) -> None:
        attempts = (sent(ny(2026, 11, 30)), sent(ny(2026, 12, 7)))
        d = ask(A, ny(2026, 12, 9), to=IV, attempts=attempts)
        assert (d.verdict, d.suggest) == (Verdict.GO, DraftKind.CHECK_IN)

    def test_answered_attempts_do_not_count_toward_g3(self) -> None:
        attempts = (sent(ny(2026, 11, 30), answered=True), sent(ny(2026, 12, 7)))
        assert ask(A, ny(2026, 12, 14), attempts=attempts).verdict is Verdict.GO


class TestG3AndG7:
    """G3: two unanswered to one person is the cap; G7: one note up the chain, once."""

    two = (sent(ny(2026, 11, 30)), sent(ny(2026, 12, 7)))

    def test_third_attempt_with_known_manager_points_to_g7(self) -> None:
        d = ask(A, ny(2026, 12, 14), attempts=self.two)
        assert (d.verdict, d.rules, d.suggest) == (
            Verdict.STOP,
            ("G3", "G7"),
            DraftKind.HIRING_MANAGER,
        )
        assert "hiring manager" in d.advice
        assert_plain(d)

    def test_third_attempt_without_manager_moves_on(self) -> None:
        d = ask(C, ny(2026, 12, 14), attempts=self.two)
        assert (d.verdict, d.rules, d.suggest) == (Verdict.STOP, ("G3", "S5"), None)

    def test_g3_holds_whatever_the_channel(self) -> None:
        d = ask(C, ny(2026, 12, 14), channel=Channel.PERSONAL_PHONE, attempts=self.two)
        assert d.rules == ("G3", "S5")

    def test_manager_note_waits_five_business_days(self) -> None:
        # S4: Mon 7 Dec + 5 bd = Mon 14 Dec 08:00. Tue 8 is also back-to-back with Mon 7
        # (G2), but that opens on Wed 9, so S4 alone decides the moment.
        d = ask(A, ny(2026, 12, 8), to=HM, attempts=self.two)
        assert (d.verdict, d.rules, d.next_ok_at) == (Verdict.WAIT, ("S4",), ny(2026, 12, 14, 8))
        assert d.suggest is DraftKind.HIRING_MANAGER

    def test_manager_note_goes_once(self) -> None:
        d = ask(A, ny(2026, 12, 14), to=HM, attempts=self.two)
        assert (d.verdict, d.rules, d.suggest) == (
            Verdict.GO,
            ("G7", "G11"),
            DraftKind.HIRING_MANAGER,
        )
        again = ask(A, ny(2026, 12, 28), to=HM, attempts=(*self.two, sent(ny(2026, 12, 14), HM)))
        assert (again.verdict, again.rules) == (Verdict.STOP, ("G7", "S5"))

    def test_manager_not_before_the_recruiter_cap(self) -> None:
        d = ask(A, ny(2026, 12, 14), to=HM, attempts=(sent(ny(2026, 11, 30)),))
        assert (d.verdict, d.rules) == (Verdict.STOP, ("G3", "G7"))

    def test_manager_not_after_a_reply(self) -> None:
        attempts = (sent(ny(2026, 11, 30), answered=True), *self.two[1:], sent(ny(2026, 12, 8)))
        d = ask(A, ny(2026, 12, 21), to=HM, attempts=attempts)
        assert (d.verdict, d.rules) == (Verdict.STOP, ("G7",))

    def test_manager_as_the_own_contact_follows_g2_g3(self) -> None:
        # No recruiter in the story: the hiring manager is the follow-up person.
        d = ask(A, ny(2026, 11, 30), to=HM)
        assert (d.verdict, d.suggest) == (Verdict.GO, DraftKind.CHECK_IN)
        d = ask(A, ny(2026, 12, 3), to=HM, attempts=(sent(ny(2026, 11, 30), HM),))
        assert (d.verdict, d.rules, d.next_ok_at) == (Verdict.WAIT, ("G2",), ny(2026, 12, 7, 8))
        two_hm = (sent(ny(2026, 11, 30), HM), sent(ny(2026, 12, 7), HM))
        assert ask(A, ny(2026, 12, 14), to=HM, attempts=two_hm).rules == ("G3", "S5")

    def test_hr_cap_also_opens_g7(self) -> None:
        two_hr = (sent(ny(2026, 11, 30), HR), sent(ny(2026, 12, 7), HR))
        assert ask(A, ny(2026, 12, 14), to=HM, attempts=two_hr).verdict is Verdict.GO


class TestG4:
    chilly = Interview(ny(2026, 11, 16, 14), promised_by=date(2026, 11, 25), vibe=Vibe.CHILLY)

    def test_one_attempt_then_stop(self) -> None:
        d = ask(self.chilly, ny(2026, 12, 14), attempts=(sent(ny(2026, 11, 30), IV),))
        assert (d.verdict, d.rules) == (Verdict.STOP, ("G4", "S5"))
        assert_plain(d)

    def test_first_attempt_is_fine(self) -> None:
        assert ask(self.chilly, ny(2026, 11, 30)).verdict is Verdict.GO

    def test_g4_beats_g7(self) -> None:
        two = (sent(ny(2026, 11, 30)), sent(ny(2026, 12, 7)))
        d = ask(self.chilly, ny(2026, 12, 14), to=HM, attempts=two)
        assert d.rules == ("G4", "S5")


class TestG5:
    @pytest.mark.parametrize(
        "channel",
        [Channel.PERSONAL_EMAIL, Channel.PERSONAL_PHONE, Channel.IN_PERSON, Channel.SOCIAL],
    )
    def test_personal_channels_stop(self, channel: Channel) -> None:
        d = ask(A, ny(2026, 11, 30), channel=channel)
        assert (d.verdict, d.rules, d.next_ok_at) == (Verdict.STOP, ("G5",), None)
        assert "work e-mail" in d.advice
        assert_plain(d)

    def test_g5_before_any_wait(self) -> None:
        d = ask(A, ny(2026, 11, 21), channel=Channel.SOCIAL)
        assert d.verdict is Verdict.STOP


class TestG8:
    @pytest.mark.parametrize("outcome", [Outcome.OFFER, Outcome.CLOSED, Outcome.WITHDREW])
    def test_known_outcome_stops(self, outcome: Outcome) -> None:
        d = ask(A, ny(2026, 11, 30), outcome=outcome, real_news=True)
        assert (d.verdict, d.rules, d.suggest) == (Verdict.STOP, ("G8",), None)
        assert_plain(d)

    def test_rejection_offers_one_feedback_request(self) -> None:
        d = ask(A, ny(2026, 12, 1), outcome=Outcome.REJECTED, attempts=(sent(ny(2026, 11, 30)),))
        assert (d.verdict, d.rules, d.suggest) == (
            Verdict.STOP,
            ("G8",),
            DraftKind.FEEDBACK_REQUEST,
        )
        assert "feedback" in d.advice

    def test_feedback_already_asked(self) -> None:
        # The rejection came as the reply to Mon 30 Nov; Wed 2 Dec was the feedback request.
        attempts = (sent(ny(2026, 11, 30), answered=True), sent(ny(2026, 12, 2)))
        d = ask(A, ny(2026, 12, 9), outcome=Outcome.REJECTED, attempts=attempts)
        assert (d.verdict, d.suggest) == (Verdict.STOP, None)

    def test_reply_without_later_attempt_still_offers_feedback(self) -> None:
        attempts = (sent(ny(2026, 11, 30)), sent(ny(2026, 12, 7), answered=True))
        d = ask(A, ny(2026, 12, 9), outcome=Outcome.REJECTED, attempts=attempts)
        assert d.suggest is DraftKind.FEEDBACK_REQUEST


class TestG9:
    """Real news goes at any time, past G1-G4, but still by a work channel and in call hours."""

    def test_news_before_s2_day_and_on_a_weekend(self) -> None:
        d = ask(A, ny(2026, 11, 21, 22), real_news=True)
        assert (d.verdict, d.rules, d.suggest, d.next_ok_at) == (
            Verdict.GO,
            ("G9",),
            DraftKind.UPDATE,
            None,
        )
        assert "deadline" in d.advice

    def test_news_after_the_cap(self) -> None:
        two = (sent(ny(2026, 11, 30)), sent(ny(2026, 12, 7)))
        assert ask(A, ny(2026, 12, 8), attempts=two, real_news=True).verdict is Verdict.GO

    def test_news_call_waits_for_call_hours(self) -> None:
        d = ask(A, ny(2026, 11, 21, 22), channel=PHONE, real_news=True)
        # Sat 21 22:00 -> Mon 23 Nov 09:00.
        assert (d.verdict, d.rules, d.next_ok_at) == (
            Verdict.WAIT,
            ("G6", "G9"),
            ny(2026, 11, 23, 9),
        )
        assert d.suggest is DraftKind.UPDATE

    def test_news_still_needs_a_work_channel(self) -> None:
        d = ask(A, ny(2026, 11, 23), channel=Channel.PERSONAL_EMAIL, real_news=True)
        assert (d.verdict, d.rules) == (Verdict.STOP, ("G5", "G9"))


class TestInputs:
    def test_naive_now_is_refused(self) -> None:
        with pytest.raises(ValueError, match="aware"):
            ask(A, datetime(2026, 11, 30, 10))

    def test_attempt_order_does_not_matter(self) -> None:
        two = (sent(ny(2026, 11, 30)), sent(ny(2026, 12, 7)))
        assert ask(A, ny(2026, 12, 9), attempts=two) == ask(A, ny(2026, 12, 9), attempts=two[::-1])


class TestPlainWords:
    """Every kind of answer reads without rule ids; the ids stay in ``rules``."""

    @pytest.mark.parametrize("outcome", list(Outcome))
    @pytest.mark.parametrize("real_news", [False, True])
    @pytest.mark.parametrize("channel", list(Channel))
    @pytest.mark.parametrize("to", [R, HM])
    @pytest.mark.parametrize(
        "attempts",
        [
            (),
            (sent(ny(2026, 11, 30)),),
            (sent(ny(2026, 11, 30)), sent(ny(2026, 12, 7))),
            (sent(ny(2026, 11, 30)), sent(ny(2026, 12, 7)), sent(ny(2026, 12, 14), to=HM)),
            (sent(ny(2026, 11, 30), answered=True),),
        ],
    )
    @pytest.mark.parametrize("now", [ny(2026, 11, 21, 22), ny(2026, 12, 1, 11), ny(2026, 12, 21)])
    def test_no_rule_id_in_advice(
        self,
        outcome: Outcome,
        real_news: bool,
        channel: Channel,
        to: Recipient,
        attempts: tuple[Attempt, ...],
        now: datetime,
    ) -> None:
        for interview in (A, C, Interview(ny(2026, 11, 2), vibe=Vibe.CHILLY)):
            d = ask(
                interview,
                now,
                channel=channel,
                to=to,
                attempts=attempts,
                outcome=outcome,
                real_news=real_news,
            )
            assert d.rules
            assert_plain(d)
