"""Odd input that used to raise: ids that are digits to ``str.isdigit`` but not to ``int``,
interview times that are impossible, and promised-by dates centuries ahead."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.calendar import BusinessCalendar
from bot.core.timeline import (
    PROMISE_HORIZON,
    WhenProblem,
    judge_interview_time,
    read_interview_time,
    read_timeline,
)
from bot.telegram.callbacks import MAX_ID, Callback, parse_id

BERLIN = BusinessCalendar("Europe/Berlin", "DE")
# Wednesday 18 November 2026, 16:00 in Berlin.
NOW = datetime(2026, 11, 18, 16, 0, tzinfo=BERLIN.tz)


class TestParseId:
    @pytest.mark.parametrize("text", ["0", "7", "123", "9" * 18, "000042"])
    def test_ascii_digits_in_range(self, text: str) -> None:
        assert parse_id(text) == int(text)

    @pytest.mark.parametrize(
        "text",
        [
            "²",  # superscript two: str.isdigit() says yes, int() raises
            "¹²",
            "٣",  # Arabic-Indic three: int() reads it, but no button of ours carries it
            "１２",  # full-width digits
            "9" * 19,
            "-1",
            "+1",
            " 1",
            "1 ",
            "1_000",
            "",
            "1e3",
        ],
    )
    def test_everything_else_is_none(self, text: str) -> None:
        assert parse_id(text) is None

    def test_bound_is_the_largest_bigint(self) -> None:
        assert MAX_ID == 2**63 - 1

    @given(st.text(max_size=30))
    def test_never_raises(self, text: str) -> None:
        value = parse_id(text)
        assert value is None or 0 <= value <= MAX_ID

    def test_callback_int_arg_uses_it(self) -> None:
        assert Callback("st", ("²",)).int_arg(0) is None
        assert Callback("st", ("42",)).int_arg(0) == 42


class TestImpossibleInterviewTimes:
    @pytest.mark.parametrize(
        ("text", "clock"),
        [
            ("yesterday at 25:00", "25:00"),
            ("today at 24:30", "24:30"),
            ("yesterday 10:75", "10:75"),
            ("18/11 25:00", "25:00"),
            ("yesterday at 13pm", "13pm"),
            ("monday at 0am", "0am"),
            ("yesterday at 99", "99"),
        ],
    )
    def test_an_impossible_clock_is_said_to_be_impossible(self, text: str, clock: str) -> None:
        judged = judge_interview_time(text, now=NOW, cal=BERLIN)
        assert judged.moment is None
        assert judged.problem is WhenProblem.IMPOSSIBLE_TIME
        assert judged.detail == clock
        assert read_interview_time(text, now=NOW, cal=BERLIN) is None

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("yesterday at 10:00", datetime(2026, 11, 17, 10, 0)),
            ("yesterday at 23:59", datetime(2026, 11, 17, 23, 59)),
            ("today at 0:05", datetime(2026, 11, 18, 0, 5)),
            ("18/11 14:00", datetime(2026, 11, 18, 14, 0)),
            ("yesterday at 12pm", datetime(2026, 11, 17, 12, 0)),
            ("17.11", datetime(2026, 11, 17, 10, 0)),
        ],
    )
    def test_possible_clocks_still_read(self, text: str, expected: datetime) -> None:
        judged = judge_interview_time(text, now=NOW, cal=BERLIN)
        assert judged.problem is None
        assert judged.moment == expected.replace(tzinfo=BERLIN.tz)


class TestInterviewWindow:
    def test_more_than_a_year_ago_is_too_old(self) -> None:
        judged = judge_interview_time("3 October 2025", now=NOW, cal=BERLIN)
        assert (judged.moment, judged.problem) == (None, WhenProblem.TOO_OLD)

    def test_within_the_year_is_fine(self) -> None:
        judged = judge_interview_time("20 November 2025", now=NOW, cal=BERLIN)
        assert judged.problem is None and judged.moment is not None

    @pytest.mark.parametrize(
        "text", ["tomorrow at 10:00", "tomorrow", "in 2 days", "next monday", "18/11/9998"]
    )
    def test_ahead_of_now_is_in_the_future(self, text: str) -> None:
        judged = judge_interview_time(text, now=NOW, cal=BERLIN)
        assert (judged.moment, judged.problem) == (None, WhenProblem.IN_FUTURE)

    def test_gibberish_is_unreadable(self) -> None:
        judged = judge_interview_time("purple elephant", now=NOW, cal=BERLIN)
        assert (judged.moment, judged.problem) == (None, WhenProblem.UNREADABLE)


class TestPromiseHorizon:
    @pytest.mark.parametrize(
        ("text", "far"),
        [
            ("by 9999-12-31", date(9999, 12, 31)),
            ("by 31 December 9998", date(9998, 12, 31)),
            ("by 31/12/9999", date(9999, 12, 31)),
            ("in 30 months", date(2029, 5, 18)),
            ("by 2028-01-03", date(2028, 1, 3)),
        ],
    )
    def test_a_date_more_than_a_year_ahead_is_not_a_promise(self, text: str, far: date) -> None:
        reading = read_timeline(text, now=NOW, cal=BERLIN)
        assert reading.promised_by is None
        assert reading.too_far == far
        assert str(far.year) in reading.understood

    @pytest.mark.parametrize("text", ["by 2027-05-03", "within two weeks", "in 12 months"])
    def test_within_a_year_is_read(self, text: str) -> None:
        reading = read_timeline(text, now=NOW, cal=BERLIN)
        assert reading.promised_by is not None
        assert reading.promised_by <= NOW.date() + PROMISE_HORIZON
        assert reading.too_far is None

    def test_horizon_is_about_a_year(self) -> None:
        assert timedelta(days=365) <= PROMISE_HORIZON <= timedelta(days=366)


def test_a_month_part_at_the_end_of_the_calendar_is_no_date() -> None:
    """Found by Hypothesis: "late dec 9999" asked for 1 January 10000 and raised."""
    from datetime import datetime

    from bot.core.calendar import calendar_for
    from bot.core.timeline import read_timeline

    cal = calendar_for("Europe/Berlin", "DE")
    reading = read_timeline("late dec 9999", now=datetime(2026, 12, 2, 9, tzinfo=cal.tz), cal=cal)
    assert reading.promised_by is None
