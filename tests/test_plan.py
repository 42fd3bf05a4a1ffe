"""The follow-up plan (S1-S7), with every date worked out by hand.

November 2026 in New York: Sun 1 is the end of DST, Wed 11 is Veterans Day,
Thu 26 is Thanksgiving (Fri 27 is a normal business day). Mondays fall on
2, 9, 16, 23, 30 November and 7, 14, 21 December; Fri 25 December is Christmas.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.core.calendar import BusinessCalendar
from bot.core.plan import (
    DEFAULT_NUDGE_HOUR,
    WAKING_END,
    WAKING_START,
    check_in_day,
    make_plan,
    nudge_time_allowed,
)
from bot.core.types import Attempt, Channel, Interview, Plan, Recipient, StepKind, Vibe

NY = BusinessCalendar("America/New_York")
BERLIN = BusinessCalendar("Europe/Berlin")
SYDNEY = BusinessCalendar("Australia/Sydney")


def ny(y: int, mo: int, d: int, h: int = 10, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=NY.tz)


def kinds(plan: Plan) -> list[StepKind]:
    return [s.kind for s in plan.steps]


def local_days(plan: Plan, cal: BusinessCalendar) -> dict[StepKind, date]:
    return {s.kind: cal.local_date(s.at) for s in plan.steps}


# Interview Mon 16 Nov 2026 14:00, "we'll decide by Wednesday 25 November".
BASE = Interview(ny(2026, 11, 16, 14), promised_by=date(2026, 11, 25), hiring_manager_known=True)
BASE_NO_MANAGER = Interview(ny(2026, 11, 16, 14), promised_by=date(2026, 11, 25))


def test_constants() -> None:
    assert DEFAULT_NUDGE_HOUR == 10
    assert (WAKING_START, WAKING_END) == (9, 20)


class TestFullPlan:
    """S1-S6 without attempts: one step per rule, in order, each on its hand-computed day."""

    def test_new_york_over_thanksgiving(self) -> None:
        plan = make_plan(BASE, cal=NY)
        assert plan.promised_by == date(2026, 11, 25)
        assert [(s.kind, s.at, s.rules) for s in plan.steps] == [
            # S1: 14:00 + 3 h = 17:00, inside the waking window.
            (StepKind.THANK_YOU, ny(2026, 11, 16, 17), ("S1",)),
            # S2: Wed 25 + 2 bd: Thu 26 is Thanksgiving, Fri 27 (1), Mon 30 (2).
            (StepKind.CHECK_IN, ny(2026, 11, 30), ("S2", "S6")),
            # S3: Mon 30 + 5 bd: Tue 1, Wed 2, Thu 3, Fri 4, Mon 7 Dec.
            (StepKind.SECOND_FOLLOW_UP, ny(2026, 12, 7), ("S3",)),
            # S4: Mon 7 + 5 bd = Mon 14 Dec.
            (StepKind.HIRING_MANAGER, ny(2026, 12, 14), ("S4", "G7")),
            # S5: Mon 14 + 5 bd = Mon 21 Dec.
            (StepKind.MOVE_ON, ny(2026, 12, 21), ("S5",)),
        ]

    def test_unknown_date_counts_ten_business_days(self) -> None:
        # T4/S2: Thu 12 Nov + 10 bd: Fri 13 (1), Mon 16-Fri 20 (2-6), Mon 23 (7),
        # Tue 24 (8), Wed 25 (9), Thu 26 Thanksgiving skipped, Fri 27 (10).
        interview = Interview(ny(2026, 11, 12, 16), thank_you_sent=True)
        plan = make_plan(interview, cal=NY)
        assert kinds(plan) == [StepKind.CHECK_IN, StepKind.SECOND_FOLLOW_UP, StepKind.MOVE_ON]
        check_in = plan.steps[0]
        assert check_in.at == ny(2026, 11, 27)
        assert check_in.rules == ("S2", "S6", "T4")
        # S3: Fri 27 + 5 bd = Fri 4 Dec; S5: Fri 4 + 5 bd = Fri 11 Dec.
        assert plan.steps[1].at == ny(2026, 12, 4)
        assert plan.steps[2].at == ny(2026, 12, 11)
        assert check_in_day(interview, cal=NY) == date(2026, 11, 27)

    def test_holiday_inside_the_grace(self) -> None:
        # Promised Mon 9 Nov; Wed 11 is Veterans Day: Tue 10 (1), Thu 12 (2).
        interview = Interview(ny(2026, 11, 2), promised_by=date(2026, 11, 9))
        assert check_in_day(interview, cal=NY) == date(2026, 11, 12)

    def test_never_on_promised_day_even_on_friday(self) -> None:
        # Promised Fri 20 Nov: Mon 23 (1), Tue 24 (2); never Fri 20 itself (G1).
        interview = Interview(ny(2026, 11, 16), promised_by=date(2026, 11, 20))
        assert check_in_day(interview, cal=NY) == date(2026, 11, 24)

    def test_promised_date_before_the_interview_is_read_as_interview_day(self) -> None:
        # A stale date (Tue 3 Nov) cannot pull S2 before the interview on Mon 16:
        # Mon 16 + 2 bd = Wed 18.
        interview = Interview(ny(2026, 11, 16), promised_by=date(2026, 11, 3))
        assert check_in_day(interview, cal=NY) == date(2026, 11, 18)

    def test_custom_nudge_hour(self) -> None:
        plan = make_plan(BASE, cal=NY, nudge_hour=15)
        assert {s.at.hour for s in plan.steps if s.kind is not StepKind.THANK_YOU} == {15}

    @pytest.mark.parametrize("hour", [-1, 24])
    def test_bad_nudge_hour(self, hour: int) -> None:
        with pytest.raises(ValueError, match="nudge_hour"):
            make_plan(BASE, cal=NY, nudge_hour=hour)

    @pytest.mark.parametrize("minute", [-1, 60])
    def test_bad_nudge_minute(self, minute: int) -> None:
        with pytest.raises(ValueError, match="nudge_minute"):
            make_plan(BASE, cal=NY, nudge_hour=14, nudge_minute=minute)


class TestNudgeTime:
    """S6 to the minute: the time the user chose is the time of every step but the thank-you."""

    def test_half_past_two_is_half_past_two(self) -> None:
        plan = make_plan(BASE, cal=NY, nudge_hour=14, nudge_minute=30)
        assert [(s.kind, s.at) for s in plan.steps] == [
            (StepKind.THANK_YOU, ny(2026, 11, 16, 17)),  # S1 keeps its own time
            (StepKind.CHECK_IN, ny(2026, 11, 30, 14, 30)),
            (StepKind.SECOND_FOLLOW_UP, ny(2026, 12, 7, 14, 30)),
            (StepKind.HIRING_MANAGER, ny(2026, 12, 14, 14, 30)),
            (StepKind.MOVE_ON, ny(2026, 12, 21, 14, 30)),
        ]

    def test_on_the_day_the_clocks_go_forward(self) -> None:
        """Israel moves its clocks on Friday 27 March 2026 at 02:00, a business day there.
        Interview Mon 23 Mar (UTC+2), promised by Wed 25: the check-in is two business days
        later, Fri 27, at 14:30 local, which is UTC+3 by then: 11:30 UTC. The day before, the
        same 14:30 was 12:30 UTC."""
        jerusalem = BusinessCalendar("Asia/Jerusalem")
        interview = Interview(
            jerusalem.at_local(date(2026, 3, 23), 10),
            promised_by=date(2026, 3, 25),
            thank_you_sent=True,
        )
        plan = make_plan(interview, cal=jerusalem, nudge_hour=14, nudge_minute=30)
        check_in = plan.step(StepKind.CHECK_IN)
        assert check_in is not None
        assert check_in.at == datetime(2026, 3, 27, 11, 30, tzinfo=UTC)
        assert jerusalem.at_local(date(2026, 3, 26), 14, 30) == datetime(
            2026, 3, 26, 12, 30, tzinfo=UTC
        )
        assert {f"{jerusalem.localize(s.at):%H:%M}" for s in plan.steps} == {"14:30"}

    def test_across_the_end_of_summer_time(self) -> None:
        """New York leaves DST on Sun 1 Nov 2026: an interview before it (UTC-4) gets its
        reminders at 14:30 EST (UTC-5), 19:30 UTC."""
        interview = Interview(ny(2026, 10, 26, 11), thank_you_sent=True)
        plan = make_plan(interview, cal=NY, nudge_hour=14, nudge_minute=30)
        for step in plan.steps:
            assert (step.at.astimezone(UTC).hour, step.at.minute) == (19, 30)
            assert f"{NY.localize(step.at):%H:%M}" == "14:30"

    @pytest.mark.parametrize(
        ("at", "allowed"),
        [
            (time(6, 59), False),
            (time(7, 0), True),
            (time(9, 30), True),
            (time(14, 30), True),
            (time(19, 45), True),
            (time(21, 0), True),
            (time(21, 1), False),
            (time(3, 0), False),
        ],
    )
    def test_the_times_a_user_may_choose(self, at: time, allowed: bool) -> None:
        assert nudge_time_allowed(at) is allowed


class TestThankYou:
    """S1: three hours later, inside 09:00-20:00 local, skipped once sent."""

    @pytest.mark.parametrize(
        ("interview_at", "expected"),
        [
            (ny(2026, 11, 16, 14), ny(2026, 11, 16, 17)),  # 17:00 as is
            (ny(2026, 11, 16, 17), ny(2026, 11, 16, 20)),  # 20:00 is still inside
            (ny(2026, 11, 16, 17, 30), ny(2026, 11, 17, 9)),  # 20:30 -> 09:00 next day
            (ny(2026, 11, 16, 5), ny(2026, 11, 16, 9)),  # 08:00 -> 09:00 that day
            (ny(2026, 11, 16, 23, 30), ny(2026, 11, 17, 9)),  # 02:30 Tue -> 09:00 Tue
            (ny(2026, 11, 20, 19), ny(2026, 11, 21, 9)),  # Saturday is fine for S1
        ],
    )
    def test_window(self, interview_at: datetime, expected: datetime) -> None:
        step = make_plan(Interview(interview_at), cal=NY).steps[0]
        assert step.kind is StepKind.THANK_YOU
        assert step.at == expected

    def test_three_real_hours_across_dst_end(self) -> None:
        # Sun 1 Nov 2026 00:30 EDT (04:30 UTC) + 3 h = 07:30 UTC = 02:30 EST -> 09:00 EST.
        step = make_plan(Interview(ny(2026, 11, 1, 0, 30)), cal=NY).steps[0]
        assert step.at == ny(2026, 11, 1, 9)
        assert step.at.utcoffset() == NY.tz.utcoffset(datetime(2026, 11, 2))

    def test_interview_given_in_utc(self) -> None:
        # 19:00 UTC = 14:00 EST; the plan is in the user's zone.
        plan = make_plan(Interview(datetime(2026, 11, 16, 19, tzinfo=UTC)), cal=NY)
        assert plan.steps[0].at == ny(2026, 11, 16, 17)
        assert plan.steps[0].at.tzinfo == NY.tz

    def test_skipped_when_sent(self) -> None:
        plan = make_plan(Interview(ny(2026, 11, 16, 14), thank_you_sent=True), cal=NY)
        assert plan.step(StepKind.THANK_YOU) is None


class TestChillyAndHiringManager:
    def test_chilly_has_no_second_follow_up_and_no_hiring_manager(self) -> None:
        # G4/S3: chilly -> check-in Mon 30 Nov, then S5 five bd later: Mon 7 Dec.
        interview = Interview(
            ny(2026, 11, 16, 14),
            promised_by=date(2026, 11, 25),
            vibe=Vibe.CHILLY,
            thank_you_sent=True,
            hiring_manager_known=True,
        )
        plan = make_plan(interview, cal=NY)
        assert kinds(plan) == [StepKind.CHECK_IN, StepKind.MOVE_ON]
        assert plan.steps[1].at == ny(2026, 12, 7)

    @pytest.mark.parametrize(
        ("known", "to", "expected"),
        [
            (True, Recipient.RECRUITER, True),
            (True, Recipient.HR, True),
            (True, Recipient.HIRING_MANAGER, False),  # already the person to write to
            (True, Recipient.INTERVIEWER, False),  # not a gatekeeper
            (False, Recipient.RECRUITER, False),  # nobody to write to
        ],
    )
    def test_s4_needs_gatekeeper_and_known_manager(
        self, known: bool, to: Recipient, expected: bool
    ) -> None:
        interview = Interview(
            ny(2026, 11, 16, 14), promised_by=date(2026, 11, 25), hiring_manager_known=known
        )
        plan = make_plan(interview, cal=NY, follow_up_to=to)
        assert (plan.step(StepKind.HIRING_MANAGER) is not None) is expected
        # Without S4, S5 follows the second follow-up (Mon 7 Dec) by 5 bd: Mon 14 Dec.
        move_on = plan.step(StepKind.MOVE_ON)
        assert move_on is not None
        assert move_on.at == (ny(2026, 12, 21) if expected else ny(2026, 12, 14))


def email(at: datetime, to: Recipient = Recipient.RECRUITER, answered: bool = False) -> Attempt:
    return Attempt(at=at, channel=Channel.EMAIL, to=to, answered=answered)


class TestRecompute:
    """S7: attempts already made fill slots; what remains respects G2 and the S2 day."""

    def test_one_attempt_fills_the_check_in(self) -> None:
        # Check-in sent Tue 1 Dec. Second: Tue 1 + 5 bd = Tue 8 Dec (G2);
        # S4: Tue 8 + 5 bd = Tue 15; S5: Tue 15 + 5 bd = Tue 22 Dec.
        plan = make_plan(BASE, cal=NY, attempts=[email(ny(2026, 12, 1, 11))])
        assert [(s.kind, s.at, s.rules) for s in plan.steps] == [
            (StepKind.THANK_YOU, ny(2026, 11, 16, 17), ("S1",)),
            (StepKind.SECOND_FOLLOW_UP, ny(2026, 12, 8), ("S3", "G2", "S7")),
            (StepKind.HIRING_MANAGER, ny(2026, 12, 15), ("S4", "G7", "S7")),
            (StepKind.MOVE_ON, ny(2026, 12, 22), ("S5", "S7")),
        ]

    def test_two_attempts_fill_both_slots(self) -> None:
        # Mon 30 Nov and Mon 7 Dec: S4 on Mon 14 Dec, S5 on Mon 21 Dec.
        attempts = [email(ny(2026, 12, 7)), email(ny(2026, 11, 30))]  # any order
        plan = make_plan(BASE, cal=NY, attempts=attempts)
        days = local_days(plan, NY)
        assert kinds(plan)[1:] == [StepKind.HIRING_MANAGER, StepKind.MOVE_ON]
        assert days[StepKind.HIRING_MANAGER] == date(2026, 12, 14)
        assert days[StepKind.MOVE_ON] == date(2026, 12, 21)

    def test_early_attempt_does_not_pull_the_next_slot_before_s2(self) -> None:
        # An (early) attempt on Tue 24 Nov: the second slot must be >= Mon 30 (S2 day) and
        # >= Tue 24 + 5 bd = Wed 25 (1), Fri 27 (2), Mon 30 (3), Tue 1 (4), Wed 2 Dec (5).
        plan = make_plan(BASE, cal=NY, attempts=[email(ny(2026, 11, 24))])
        second = plan.step(StepKind.SECOND_FOLLOW_UP)
        assert second is not None
        assert second.at == ny(2026, 12, 2)

    def test_attempt_to_someone_else_blocks_back_to_back_days(self) -> None:
        # The user wrote to the interviewer on Sun 29 Nov: the check-in cannot be Mon 30
        # (next day, G2); Tue 1 Dec it is. Then S3: Tue 1 + 5 bd = Tue 8 Dec.
        attempts = [email(ny(2026, 11, 29, 20), to=Recipient.INTERVIEWER)]
        plan = make_plan(BASE, cal=NY, attempts=attempts)
        check_in = plan.step(StepKind.CHECK_IN)
        assert check_in is not None
        assert check_in.at == ny(2026, 12, 1)
        assert check_in.rules == ("S2", "S6", "G2", "S7")
        assert local_days(plan, NY)[StepKind.SECOND_FOLLOW_UP] == date(2026, 12, 8)

    def test_answered_attempt_fills_no_slot_and_cancels_s4(self) -> None:
        # A reply normally cancels the plan (S7); if asked anyway, the answered attempt of
        # Tue 1 Dec only spaces the check-in: Tue 1 + 5 bd = Tue 8 Dec.
        plan = make_plan(BASE, cal=NY, attempts=[email(ny(2026, 12, 1), answered=True)])
        assert kinds(plan) == [
            StepKind.THANK_YOU,
            StepKind.CHECK_IN,
            StepKind.SECOND_FOLLOW_UP,
            StepKind.MOVE_ON,
        ]
        assert local_days(plan, NY)[StepKind.CHECK_IN] == date(2026, 12, 8)

    def test_note_to_hiring_manager_is_made_only_once(self) -> None:
        attempts = [
            email(ny(2026, 11, 30)),
            email(ny(2026, 12, 7)),
            email(ny(2026, 12, 14), to=Recipient.HIRING_MANAGER),
        ]
        plan = make_plan(BASE, cal=NY, attempts=attempts)
        # Only S5 remains: Mon 14 Dec + 5 bd = Mon 21 Dec.
        assert [(s.kind, s.at) for s in plan.steps[1:]] == [(StepKind.MOVE_ON, ny(2026, 12, 21))]

    def test_chilly_one_attempt_then_move_on(self) -> None:
        # G4: the one attempt (Wed 2 Dec) fills the only slot; S5: Wed 2 + 5 bd = Wed 9 Dec.
        interview = Interview(
            ny(2026, 11, 16, 14), promised_by=date(2026, 11, 25), vibe=Vibe.CHILLY
        )
        plan = make_plan(interview, cal=NY, attempts=[email(ny(2026, 12, 2))])
        assert [(s.kind, s.at) for s in plan.steps] == [
            (StepKind.THANK_YOU, ny(2026, 11, 16, 17)),
            (StepKind.MOVE_ON, ny(2026, 12, 9)),
        ]

    def test_three_unanswered_attempts_still_one_move_on(self) -> None:
        # Three unanswered attempts to the recruiter: both slots are full, the third
        # (a G3 faux pas) is simply the last follow-up S5 counts from.
        attempts = [email(ny(2026, 11, 30)), email(ny(2026, 12, 7)), email(ny(2026, 12, 11))]
        plan = make_plan(BASE, cal=NY, attempts=attempts, follow_up_to=Recipient.INTERVIEWER)
        # The attempts went to the recruiter, so they fill no interviewer slot, but they
        # still space the interviewer's check-in: Fri 11 Dec + 2 days = Sun 13 -> Mon 14.
        assert local_days(plan, NY)[StepKind.CHECK_IN] == date(2026, 12, 14)
        # To the recruiter with the hiring manager known, S4 follows Fri 11 by 5 bd: Fri 18;
        # S5: Mon 21, Tue 22, Wed 23, Thu 24, (Fri 25 Christmas), Mon 28 Dec.
        plan = make_plan(BASE, cal=NY, attempts=attempts)
        assert kinds(plan)[1:] == [StepKind.HIRING_MANAGER, StepKind.MOVE_ON]
        assert local_days(plan, NY)[StepKind.HIRING_MANAGER] == date(2026, 12, 18)
        assert local_days(plan, NY)[StepKind.MOVE_ON] == date(2026, 12, 28)
        # Without a known hiring manager, S5 is Fri 11 + 5 bd = Fri 18 Dec.
        plan = make_plan(BASE_NO_MANAGER, cal=NY, attempts=attempts)
        assert kinds(plan)[1:] == [StepKind.MOVE_ON]
        assert local_days(plan, NY)[StepKind.MOVE_ON] == date(2026, 12, 18)


class TestOtherZones:
    def test_berlin_across_dst_end(self) -> None:
        # Interview Wed 21 Oct 2026 11:00 CEST, promised Fri 23 Oct. CEST ends Sun 25 Oct.
        # S2: Mon 26 (1), Tue 27 (2) -> 10:00 CET = 09:00 UTC.
        interview = Interview(
            datetime(2026, 10, 21, 11, tzinfo=BERLIN.tz), promised_by=date(2026, 10, 23)
        )
        plan = make_plan(interview, cal=BERLIN)
        check_in = plan.step(StepKind.CHECK_IN)
        assert check_in is not None
        assert check_in.at.astimezone(UTC) == datetime(2026, 10, 27, 9, tzinfo=UTC)
        # The thank-you was still in summer time: 14:00 CEST = 12:00 UTC.
        assert plan.steps[0].at.astimezone(UTC) == datetime(2026, 10, 21, 12, tzinfo=UTC)
        # S3: Tue 27 + 5 bd = Tue 3 Nov; S5: Tue 10 Nov.
        assert local_days(plan, BERLIN)[StepKind.SECOND_FOLLOW_UP] == date(2026, 11, 3)
        assert local_days(plan, BERLIN)[StepKind.MOVE_ON] == date(2026, 11, 10)

    def test_berlin_christmas_but_not_thanksgiving(self) -> None:
        # Promised Wed 23 Dec: Thu 24 (1, not a national holiday), Fri 25 and Sat 26
        # are Christmas, Mon 28 (2).
        interview = Interview(
            datetime(2026, 12, 14, 10, tzinfo=BERLIN.tz), promised_by=date(2026, 12, 23)
        )
        assert check_in_day(interview, cal=BERLIN) == date(2026, 12, 28)
        # Thanksgiving is a working day in Germany: Wed 25 Nov + 2 bd = Fri 27 Nov.
        interview = Interview(
            datetime(2026, 11, 16, 10, tzinfo=BERLIN.tz), promised_by=date(2026, 11, 25)
        )
        assert check_in_day(interview, cal=BERLIN) == date(2026, 11, 27)

    def test_sydney_easter_and_dst_end(self) -> None:
        # AEDT ends Sun 5 Apr 2026. Promised Wed 1 Apr: Thu 2 (1), Good Friday 3 and
        # Easter Monday 6 are holidays, Tue 7 Apr (2) -> 10:00 AEST = 00:00 UTC.
        interview = Interview(
            datetime(2026, 3, 31, 10, tzinfo=SYDNEY.tz), promised_by=date(2026, 4, 1)
        )
        plan = make_plan(interview, cal=SYDNEY)
        check_in = plan.step(StepKind.CHECK_IN)
        assert check_in is not None
        assert check_in.at.astimezone(UTC) == datetime(2026, 4, 7, 0, tzinfo=UTC)
        assert check_in.at.hour == 10
