"""Send, skip or move a due nudge (S1, S6, S7), and where Snooze puts it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.calendar import BusinessCalendar
from bot.core.records import InterviewStatus
from bot.core.types import StepKind
from bot.scheduling.policy import Action, calendar_for, judge, snooze_until

NY = ZoneInfo("America/New_York")
CAL = BusinessCalendar("America/New_York")  # US holidays: Thanksgiving is Thu 26 Nov 2026


def ny(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=NY)


def check(
    kind: StepKind, now: datetime, **overrides: object
) -> tuple[Action, str, datetime | None]:
    args: dict[str, object] = {
        "now": now,
        "cal": CAL,
        "nudge_hour": 10,
        "nudge_minute": 0,
        "status": InterviewStatus.WAITING,
        "interviewed_at": now - timedelta(hours=5),
        "thank_you_sent": False,
    }
    args.update(overrides)
    verdict = judge(kind, **args)  # type: ignore[arg-type]
    return verdict.action, verdict.reason, verdict.until


class TestPointless:
    """A nudge that no longer makes sense is skipped, with the reason (S1, S7)."""

    @pytest.mark.parametrize("status", [s for s in InterviewStatus if s is not s.WAITING])
    def test_closed_interview_skips_every_kind(self, status: InterviewStatus) -> None:
        for kind in StepKind:
            action, reason, _ = check(kind, ny(2026, 11, 18, 10), status=status)
            assert action is Action.SKIP
            assert status.value in reason and "S7" in reason

    def test_thank_you_already_sent(self) -> None:
        action, reason, _ = check(StepKind.THANK_YOU, ny(2026, 11, 18, 13), thank_you_sent=True)
        assert (action, reason) == (Action.SKIP, "the thank-you is already sent (S1)")

    def test_thank_you_more_than_a_day_after_the_interview(self) -> None:
        now = ny(2026, 11, 18, 13)
        late = check(StepKind.THANK_YOU, now, interviewed_at=now - timedelta(hours=24, minutes=1))
        assert late[0] is Action.SKIP and "24 hours" in late[1]
        in_time = check(StepKind.THANK_YOU, now, interviewed_at=now - timedelta(hours=23))
        assert in_time[0] is Action.SEND

    def test_a_late_follow_up_is_still_sent(self) -> None:
        """Late is not pointless: a check-in due this morning goes out this afternoon."""
        action, _, _ = check(StepKind.CHECK_IN, ny(2026, 11, 18, 16, 30))
        assert action is Action.SEND


class TestUsersHours:
    """Outside the user's hours a due nudge moves to their next slot (S6; S1 for thank-yous)."""

    def test_at_the_nudge_hour_on_a_business_day_it_is_sent(self) -> None:
        assert check(StepKind.CHECK_IN, ny(2026, 11, 18, 10))[0] is Action.SEND

    def test_before_the_nudge_hour_it_waits_for_it_the_same_day(self) -> None:
        action, reason, until = check(StepKind.SECOND_FOLLOW_UP, ny(2026, 11, 18, 7, 15))
        assert (action, until) == (Action.MOVE, ny(2026, 11, 18, 10))
        assert "S6" in reason

    def test_at_night_it_moves_to_the_next_business_day(self) -> None:
        assert check(StepKind.CHECK_IN, ny(2026, 11, 18, 22))[2] == ny(2026, 11, 19, 10)

    def test_a_weekend_moves_to_monday(self) -> None:
        action, _, until = check(StepKind.MOVE_ON, ny(2026, 11, 21, 12))  # Saturday
        assert (action, until) == (Action.MOVE, ny(2026, 11, 23, 10))

    def test_a_public_holiday_is_skipped_over(self) -> None:
        """Wednesday night before Thanksgiving: Friday at 10:00, not Thursday."""
        assert check(StepKind.HIRING_MANAGER, ny(2026, 11, 25, 21))[2] == ny(2026, 11, 27, 10)
        assert check(StepKind.CHECK_IN, ny(2026, 11, 26, 10))[2] == ny(2026, 11, 27, 10)

    def test_the_thank_you_keeps_to_the_waking_window_on_any_day(self) -> None:
        saturday_night = ny(2026, 11, 21, 23)
        action, reason, until = check(
            StepKind.THANK_YOU, saturday_night, interviewed_at=saturday_night - timedelta(hours=4)
        )
        assert (action, until) == (Action.MOVE, ny(2026, 11, 22, 9))  # Sunday 09:00
        assert "S1" in reason
        sunday_noon = ny(2026, 11, 22, 12)
        assert check(StepKind.THANK_YOU, sunday_noon)[0] is Action.SEND

    def test_the_move_is_dst_safe(self) -> None:
        """Saturday 31 October 2026 (EDT) moves to Monday 2 November 10:00 EST = 15:00 UTC."""
        _, _, until = check(StepKind.CHECK_IN, ny(2026, 10, 31, 12))
        assert until is not None
        assert until.astimezone(UTC) == datetime(2026, 11, 2, 15, tzinfo=UTC)


class TestAtTheUsersMinute:
    """A nudge time of 14:30 opens the user's window at 14:30, not at 14:00 (S6)."""

    def test_a_minute_early_it_waits_for_the_minute(self) -> None:
        action, _, until = check(
            StepKind.CHECK_IN, ny(2026, 11, 18, 14, 29), nudge_hour=14, nudge_minute=30
        )
        assert (action, until) == (Action.MOVE, ny(2026, 11, 18, 14, 30))

    def test_at_the_minute_and_later_it_is_sent(self) -> None:
        for now in (ny(2026, 11, 18, 14, 30), ny(2026, 11, 18, 20, 59)):
            assert check(StepKind.CHECK_IN, now, nudge_hour=14, nudge_minute=30)[0] is Action.SEND

    def test_outside_the_window_it_moves_to_the_minute(self) -> None:
        night = check(StepKind.MOVE_ON, ny(2026, 11, 20, 22), nudge_hour=14, nudge_minute=30)
        assert night[2] == ny(2026, 11, 23, 14, 30)  # Fri night -> Mon 14:30

    def test_on_the_day_the_clocks_go_forward(self) -> None:
        """Israel, Fri 27 March 2026 (clocks forward at 02:00, a business day): 14:29 local
        waits for 14:30 local, 11:30 UTC."""
        jerusalem = BusinessCalendar("Asia/Jerusalem")
        early = jerusalem.at_local(date(2026, 3, 27), 14, 29)
        action, _, until = check(
            StepKind.CHECK_IN, early, cal=jerusalem, nudge_hour=14, nudge_minute=30
        )
        assert (action, until) == (Action.MOVE, datetime(2026, 3, 27, 11, 30, tzinfo=UTC))
        assert until is not None
        on_time = check(StepKind.CHECK_IN, until, cal=jerusalem, nudge_hour=14, nudge_minute=30)
        assert on_time[0] is Action.SEND

    def test_snooze_keeps_the_minute(self) -> None:
        pressed = ny(2026, 11, 20, 14, 35)  # Friday
        assert snooze_until(pressed, cal=CAL, nudge_hour=14, nudge_minute=30) == ny(
            2026, 11, 23, 14, 30
        )


class TestSnooze:
    """Snooze: tomorrow, or the next business day, at the nudge hour (S6)."""

    @pytest.mark.parametrize(
        ("pressed", "expected"),
        [
            (ny(2026, 11, 18, 10, 5), ny(2026, 11, 19, 9)),  # Wed → Thu
            (ny(2026, 11, 20, 18), ny(2026, 11, 23, 9)),  # Fri → Mon
            (ny(2026, 11, 25, 10), ny(2026, 11, 27, 9)),  # Wed → Fri (Thanksgiving)
            (ny(2026, 11, 22, 8), ny(2026, 11, 23, 9)),  # Sun → Mon
        ],
    )
    def test_snooze_target(self, pressed: datetime, expected: datetime) -> None:
        assert snooze_until(pressed, cal=CAL, nudge_hour=9, nudge_minute=0) == expected

    def test_unknown_zone_falls_back_to_utc(self) -> None:
        assert calendar_for("Mars/Olympus", None).zone == "UTC"
        assert calendar_for(None, "DE").country == "DE"
