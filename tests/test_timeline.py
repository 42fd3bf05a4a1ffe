"""Reading the timeline (T2-T4), interview times, dates in words.

Expected dates are worked out by hand in the comments. Calendars used:
- Nov 2026: Sat 21, Sun 22, Mon 23, Tue 24, Wed 25, Thu 26 = US Thanksgiving, Fri 27, Mon 30.
- Dec 2026: Tue 1, Fri 4, Fri 11, Fri 18, Thu 24, Fri 25 = Christmas, Sat 26 = Boxing Day /
  second Christmas day (GB observes it Mon 28), Thu 31.
- Jan 2027: Fri 1 = New Year, Mon 4, Fri 8, Sun 10, Wed 20, Fri 29.
- Mar 2027: Thu 25, Fri 26 = Good Friday (DE, GB), Sun 28 = Easter, Mon 29 = Easter Monday (DE).
"""

from __future__ import annotations

import importlib.util
import re
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from testkit.waits import wait_budget

from bot.core.calendar import BusinessCalendar
from bot.core.timeline import (
    date_order,
    describe_date,
    read_interview_time,
    read_promise,
    read_timeline,
)

NY = "America/New_York"
LA = "America/Los_Angeles"
BERLIN = "Europe/Berlin"
LONDON = "Europe/London"

SAT_21_NOV = "2026-11-21T12:00"
MON_23_NOV = "2026-11-23T09:30"
WED_25_NOV = "2026-11-25T16:00"
FRI_27_NOV = "2026-11-27T15:00"
TUE_15_DEC = "2026-12-15T11:00"
WED_30_DEC = "2026-12-30T10:00"
THU_25_MAR = "2027-03-25T14:00"


def _at(zone: str, local: str) -> tuple[BusinessCalendar, datetime]:
    cal = BusinessCalendar(zone)
    return cal, datetime.fromisoformat(local).replace(tzinfo=cal.tz)


def _read(text: str, zone: str, local: str) -> Any:
    cal, now = _at(zone, local)
    return read_timeline(text, now=now, cal=cal)


# (phrase, zone, local now, expected promised-by date or None)
ROWS: list[tuple[str, str, str, str | None]] = [
    # --- T2: a range means its latest end ---------------------------------------------
    ("1-2 weeks", NY, SAT_21_NOV, "2026-12-05"),  # 21 + 14
    ("1-2 weeks", BERLIN, SAT_21_NOV, "2026-12-05"),
    ("7-10 days", NY, MON_23_NOV, "2026-12-03"),  # 23 + 10
    ("7 to 10 days", LONDON, MON_23_NOV, "2026-12-03"),
    ("Monday or Tuesday", NY, WED_25_NOV, "2026-12-01"),  # next Mon 30, next Tue 1 Dec
    ("Monday or Tuesday", BERLIN, SAT_21_NOV, "2026-11-24"),
    ("between the 3rd and the 5th", NY, MON_23_NOV, "2026-12-05"),
    ("between the 3rd and the 5th", LONDON, MON_23_NOV, "2026-12-05"),
    ("a week or two", BERLIN, MON_23_NOV, "2026-12-07"),  # 23 + 14
    ("Dec 3-5", NY, MON_23_NOV, "2026-12-05"),
    ("a couple of weeks, maybe three", LONDON, FRI_27_NOV, "2026-12-18"),  # 27 + 21
    # 5-7 business days, US: Tue 24, Wed 25, (Thu 26 off) Fri 27, Mon 30, Tue 1, Wed 2, Thu 3
    ("They said 5-7 business days", NY, MON_23_NOV, "2026-12-03"),
    # ... in Germany Thursday 26 counts: Tue 24 ... Wed 2 is the 7th
    ("They said 5-7 business days", BERLIN, MON_23_NOV, "2026-12-02"),
    # --- T3: week-relative phrases: the last business day they name ------------------
    ("this week", NY, MON_23_NOV, "2026-11-27"),
    ("by the end of the week", BERLIN, MON_23_NOV, "2026-11-27"),
    ("this week", NY, SAT_21_NOV, "2026-11-27"),  # past Friday: next Friday
    ("this week", LONDON, FRI_27_NOV, "2026-11-27"),  # Friday itself
    ("next week", NY, MON_23_NOV, "2026-12-04"),
    ("next week", BERLIN, SAT_21_NOV, "2026-11-27"),  # weekend: the coming week
    ("end of next week", NY, MON_23_NOV, "2026-12-04"),
    ("late next week", LONDON, MON_23_NOV, "2026-12-04"),
    ("early next week", NY, MON_23_NOV, "2026-12-01"),  # Tuesday
    ("early next week", BERLIN, SAT_21_NOV, "2026-11-24"),
    ("mid next week", NY, WED_25_NOV, "2026-12-02"),  # Wednesday
    ("mid next week", LONDON, MON_23_NOV, "2026-12-02"),
    ("the week after next", NY, MON_23_NOV, "2026-12-11"),
    ("the week after next", BERLIN, SAT_21_NOV, "2026-12-04"),
    # Fri 1 Jan is a holiday: Thursday 31 Dec is the week's last business day
    ("by the end of the week", NY, WED_30_DEC, "2026-12-31"),
    ("next week", LONDON, TUE_15_DEC, "2026-12-24"),  # Fri 25 Dec is Christmas
    ("by the end of the week", BERLIN, THU_25_MAR, "2027-03-25"),  # Good Friday: today
    ("early next week", BERLIN, THU_25_MAR, "2027-03-30"),  # Easter Monday off
    # --- T3: months -----------------------------------------------------------------
    ("end of the month", NY, SAT_21_NOV, "2026-11-30"),
    ("end of the month", BERLIN, THU_25_MAR, "2027-03-31"),
    ("end of next month", NY, MON_23_NOV, "2026-12-31"),
    ("end of next month", LONDON, TUE_15_DEC, "2027-01-29"),  # new-year rollover
    ("early January", LONDON, TUE_15_DEC, "2027-01-08"),  # by the 10th, a Sunday
    ("mid January", NY, WED_30_DEC, "2027-01-20"),  # by the 20th
    ("late December", BERLIN, SAT_21_NOV, "2026-12-31"),
    ("the first week of January", LONDON, TUE_15_DEC, "2027-01-07"),
    ("We'll be in touch by mid-December", NY, SAT_21_NOV, "2026-12-18"),  # 20th is a Sunday
    # --- T3: counts, as written -----------------------------------------------------
    ("tomorrow", NY, WED_25_NOV, "2026-11-26"),  # Thanksgiving, but as written
    ("tomorrow", BERLIN, WED_25_NOV, "2026-11-26"),
    ("in 5 days", NY, MON_23_NOV, "2026-11-28"),
    ("in 3 weeks", LONDON, SAT_21_NOV, "2026-12-12"),
    # US: Tue 24, Wed 25, (Thu 26) Fri 27; Germany: Tue 24, Wed 25, Thu 26
    ("within 3 business days", NY, MON_23_NOV, "2026-11-27"),
    ("within 3 business days", BERLIN, MON_23_NOV, "2026-11-26"),
    # Fri 26 and Mon 29 off in Germany: Tue 30, Wed 31, Thu 1 Apr
    ("within 3 working days", BERLIN, THU_25_MAR, "2027-04-01"),
    ("a few days", NY, SAT_21_NOV, "2026-11-24"),
    ("a couple of days", LONDON, SAT_21_NOV, "2026-11-23"),
    ("a couple of weeks", NY, SAT_21_NOV, "2026-12-05"),
    ("a fortnight", LONDON, TUE_15_DEC, "2026-12-29"),
    ("a week", BERLIN, MON_23_NOV, "2026-11-30"),
    ("within 48 hours", NY, MON_23_NOV, "2026-11-25"),
    ("today", LONDON, FRI_27_NOV, "2026-11-27"),
    # --- weekdays ---------------------------------------------------------------------
    ("by Friday", NY, MON_23_NOV, "2026-11-27"),
    ("Monday", NY, MON_23_NOV, "2026-11-30"),  # today is Monday: the next one
    ("this Friday", LONDON, FRI_27_NOV, "2026-11-27"),  # "this" allows today
    ("next Friday", NY, MON_23_NOV, "2026-12-04"),  # the Friday of next week
    ("Tuesday or Wednesday next week", BERLIN, SAT_21_NOV, "2026-11-25"),
    ("The hiring manager is out until Monday, so probably Tuesday", NY, MON_23_NOV, "2026-12-01"),
    # --- explicit dates ----------------------------------------------------------------
    ("the 30th", NY, SAT_21_NOV, "2026-11-30"),
    ("by the 3rd", LONDON, TUE_15_DEC, "2027-01-03"),  # 3 Dec has passed
    ("Nov 30", NY, SAT_21_NOV, "2026-11-30"),
    ("30 November", BERLIN, SAT_21_NOV, "2026-11-30"),
    ("December 3rd", NY, SAT_21_NOV, "2026-12-03"),
    ("December 3rd", NY, WED_30_DEC, "2027-12-03"),  # passed: next year
    ("Jan 4", NY, WED_30_DEC, "2027-01-04"),  # new-year rollover
    ("2026-12-03", LONDON, SAT_21_NOV, "2026-12-03"),
    ("2026-12-01", NY, WED_30_DEC, None),  # a year given, and it has passed
    ("11/30", NY, SAT_21_NOV, "2026-11-30"),
    ("30/11", BERLIN, SAT_21_NOV, "2026-11-30"),
    ("30/11", NY, SAT_21_NOV, "2026-11-30"),  # impossible as M/D: D/M
    ("11/30", BERLIN, SAT_21_NOV, "2026-11-30"),  # impossible as D/M: M/D
    ("12/1", NY, SAT_21_NOV, "2026-12-01"),
    ("12/1", BERLIN, SAT_21_NOV, "2027-01-12"),  # D/M, and 12 Jan is next year
    ("by 4.12.", BERLIN, SAT_21_NOV, "2026-12-04"),
    ("1/8", NY, WED_30_DEC, "2027-01-08"),
    # no pattern reads these: dateparser alone gets the short message (day and month required)
    ("3-Dec-2026", LONDON, MON_23_NOV, "2026-12-03"),
    ("12-04-2026", LONDON, MON_23_NOV, None),  # 12 April 2026 in the UK: passed
    # --- weekends and holidays --------------------------------------------------------
    ("after the weekend", NY, SAT_21_NOV, "2026-11-23"),
    ("after the weekend", BERLIN, WED_25_NOV, "2026-11-30"),
    ("after Thanksgiving", NY, SAT_21_NOV, "2026-11-27"),
    ("after Thanksgiving", NY, WED_25_NOV, "2026-11-27"),
    ("after Thanksgiving", BERLIN, SAT_21_NOV, None),  # not a German holiday
    ("before Christmas", NY, SAT_21_NOV, "2026-12-24"),
    ("before Christmas", BERLIN, SAT_21_NOV, "2026-12-24"),
    ("after Christmas", BERLIN, SAT_21_NOV, "2026-12-28"),  # 25, 26 off, 27 Sunday
    ("after Christmas", LONDON, TUE_15_DEC, "2026-12-29"),  # Boxing Day observed Mon 28
    ("after the holidays", LONDON, TUE_15_DEC, "2027-01-04"),
    ("after New Year", NY, WED_30_DEC, "2027-01-04"),
    ("after Easter", BERLIN, THU_25_MAR, "2027-03-30"),
    ("after Easter", LONDON, THU_25_MAR, "2027-03-29"),
    ("after Easter", NY, THU_25_MAR, "2027-03-29"),  # no US holiday: Easter Sunday 28 Mar
    # --- sentences, typos, the rest ignored -------------------------------------------
    ("the recruiter said within 2 weeks", NY, SAT_21_NOV, "2026-12-05"),
    ("They told me they'd let me know by Friday.", LONDON, SAT_21_NOV, "2026-11-27"),
    ("wihtin 2 weeks", BERLIN, SAT_21_NOV, "2026-12-05"),
    ("nxt week", NY, MON_23_NOV, "2026-12-04"),
    ("fridya", LONDON, MON_23_NOV, "2026-11-27"),
    ("THEY SAID END OF NEXT WEEK!!!", NY, MON_23_NOV, "2026-12-04"),
    ("she said probably next week but maybe later", NY, MON_23_NOV, "2026-12-04"),
    ("I interviewed on Monday and they said Friday", NY, WED_25_NOV, "2026-11-27"),
    ("Probably not this week, more likely the week after next", NY, MON_23_NOV, "2026-12-11"),
    ("it's been a week, they said 5-7 business days", BERLIN, MON_23_NOV, "2026-12-02"),
    ("probably not next week, more like the week after", NY, MON_23_NOV, "2026-12-11"),
    ("within the next week", LONDON, MON_23_NOV, "2026-11-30"),  # 23 + 7
    ("the week of the 7th", NY, MON_23_NOV, "2026-12-11"),  # Mon 7 Dec: that week's Friday
    ("week of Dec 7", BERLIN, MON_23_NOV, "2026-12-11"),
    ("after MLK day", NY, WED_30_DEC, "2027-01-19"),  # Mon 18 Jan 2027
    ("in a couple weeks or so", NY, MON_23_NOV, "2026-12-07"),
    ("by EOW", LONDON, MON_23_NOV, "2026-11-27"),
    ("by EOM", NY, MON_23_NOV, "2026-11-30"),
    ("thurs or fri", NY, MON_23_NOV, "2026-11-27"),
    ("we'll know by next Wed", BERLIN, MON_23_NOV, "2026-12-02"),
    # --- past phrases are not promises --------------------------------------------------
    # Monday alone would be 30 Nov, later than Friday: it must be skipped as the past
    ("I sent a note on Monday and they said they'd reply by Friday", NY, WED_25_NOV, "2026-11-27"),
    ("I sent a thank-you note on Monday", NY, WED_25_NOV, None),
    ("I interviewed 3 days ago", LONDON, WED_25_NOV, None),
    ("I'm the 3rd candidate they talked to", NY, MON_23_NOV, None),
    # --- T4: nothing usable ----------------------------------------------------------
    ("they didn't say", NY, SAT_21_NOV, None),
    ("soon", BERLIN, SAT_21_NOV, None),
    ("ASAP", NY, SAT_21_NOV, None),
    ("not sure", LONDON, SAT_21_NOV, None),
    ("no idea", NY, SAT_21_NOV, None),
    ("", NY, SAT_21_NOV, None),
    ("   ", BERLIN, SAT_21_NOV, None),
    ("qwpoeiru zxmcnv", NY, SAT_21_NOV, None),
    ("x7y2z 99", NY, SAT_21_NOV, None),
    ("They said they would get back to me shortly.", LONDON, SAT_21_NOV, None),
    ("whenever they finish the other interviews", NY, SAT_21_NOV, None),
]


class TestReadTimeline:
    """Every T rule and phrase class, in a US zone and a European one."""

    @pytest.mark.parametrize(("text", "zone", "now", "expected"), ROWS)
    def test_table(self, text: str, zone: str, now: str, expected: str | None) -> None:
        reading = _read(text, zone, now)
        want = date.fromisoformat(expected) if expected else None
        assert reading.promised_by == want, reading.understood
        # Shown to the user as is: no rule id in it (they stay in ``rules``).
        assert not re.search(r"\b[TSGCD]\d{1,2}\b", reading.understood), reading.understood

    def test_understood_names_the_date_and_keeps_the_rule_as_data(self) -> None:
        reading = _read("this week", NY, MON_23_NOV)
        assert reading.understood == "by Friday 27 November (end of this week)"
        assert reading.rules == ("T3",)

    def test_range_cites_t2(self) -> None:
        reading = _read("1-2 weeks", NY, SAT_21_NOV)
        assert reading.rules == ("T2",)
        assert reading.understood == "by Saturday 5 December (the later end of 1-2 weeks)"
        assert _read("Monday or Tuesday", BERLIN, SAT_21_NOV).rules == ("T2",)

    def test_nothing_usable_cites_t4(self) -> None:
        reading = _read("they didn't say", NY, SAT_21_NOV)
        assert reading.promised_by is None
        assert reading.understood == "no date"
        assert reading.rules == ("T4",)

    def test_passed_date_says_why(self) -> None:
        reading = _read("2026-12-01", NY, WED_30_DEC)
        assert reading.rules == ("T4",)
        assert "passed" in reading.understood

    def test_year_shown_when_it_differs(self) -> None:
        reading = _read("Jan 4", NY, WED_30_DEC)
        assert reading.understood.startswith("by Monday 4 January 2027 (")

    def test_holiday_named_in_understood(self) -> None:
        reading = _read("after Thanksgiving", NY, SAT_21_NOV)
        assert "Thanksgiving" in reading.understood
        assert reading.understood.startswith("by Friday 27 November")

    def test_today_is_read_in_the_users_zone(self) -> None:
        # 03:00 UTC on Sat 21 Nov is still Friday 20 Nov evening in New York.
        cal = BusinessCalendar(NY)
        now = datetime.fromisoformat("2026-11-21T03:00+00:00")
        assert read_timeline("tomorrow", now=now, cal=cal).promised_by == date(2026, 11, 21)
        assert read_timeline("this week", now=now, cal=cal).promised_by == date(2026, 11, 20)

    def test_naive_now_is_refused(self) -> None:
        with pytest.raises(ValueError, match="aware"):
            read_timeline("next week", now=datetime(2026, 11, 21), cal=BusinessCalendar(NY))

    def test_long_text_is_bounded_and_quick(self) -> None:
        cal, now = _at(NY, MON_23_NOV)
        text = "blah next week maybe 1-2 weeks " * 400  # 12,400 characters
        started = time.perf_counter()
        reading = read_timeline(text, now=now, cal=cal)
        assert time.perf_counter() - started < wait_budget(2.0)
        assert reading.promised_by == date(2026, 12, 7)  # 23 + 14, the latest

    def test_dateparser_gets_at_most_300_characters(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import dateparser

        seen: list[int] = []
        real = dateparser.parse

        def spy(text: str, *args: Any, **kwargs: Any) -> Any:
            seen.append(len(text))
            return real(text, *args, **kwargs)

        monkeypatch.setattr(dateparser, "parse", spy)
        cal, now = _at(LONDON, SAT_21_NOV)
        long_date = "3 December" + " " * 5000
        assert read_timeline(long_date, now=now, cal=cal).promised_by == date(2026, 12, 3)
        assert seen, "the month-name date went through dateparser"
        assert max(seen) <= 300


ZONES = [NY, LA, BERLIN, LONDON, "Asia/Tokyo", "Australia/Sydney", "UTC", "Asia/Kolkata"]
WORDS = [
    "next", "week", "weeks", "this", "end", "of", "the", "month", "early", "mid", "late",
    "monday", "friday", "or", "and", "-", "1", "2", "10", "31st", "3rd", "days", "business",
    "within", "in", "a", "few", "couple", "fortnight", "after", "before", "christmas",
    "thanksgiving", "easter", "weekend", "tomorrow", "today", "dec", "november", "feb", "29",
    "12/31", "31/12", "2/30", "2026-02-29", "2027-01-01", "not", "last", "ago", "by", "holidays",
    "between", "mlk", "new", "year", "quarter", "hours", "9999", "0", "00/00", ".", ",", "may",
]  # fmt: skip


@st.composite
def _moments(draw: st.DrawFn) -> tuple[BusinessCalendar, datetime]:
    cal = BusinessCalendar(draw(st.sampled_from(ZONES)))
    # The holidays package covers 2001-2035; the calendar warns outside it.
    naive = draw(st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2034, 12, 31)))
    return cal, naive.replace(tzinfo=cal.tz)


class TestNeverRaises:
    """read_timeline answers for any text, and never with a date before today."""

    @settings(max_examples=300, deadline=None)
    @given(st.text(max_size=300), _moments())
    def test_arbitrary_text(self, text: str, moment: tuple[BusinessCalendar, datetime]) -> None:
        cal, now = moment
        reading = read_timeline(text, now=now, cal=cal)
        if reading.promised_by is not None:
            assert reading.promised_by >= cal.local_date(now)
            assert reading.rules in (("T2",), ("T3",))
        else:
            assert reading.rules == ("T4",)

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join), _moments())
    def test_recruiter_words(self, text: str, moment: tuple[BusinessCalendar, datetime]) -> None:
        cal, now = moment
        reading = read_timeline(text, now=now, cal=cal)
        if reading.promised_by is not None:
            assert reading.promised_by >= cal.local_date(now)

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.text(min_size=1, max_size=120), _moments())
    def test_ten_thousand_characters(
        self, chunk: str, moment: tuple[BusinessCalendar, datetime]
    ) -> None:
        cal, now = moment
        text = (chunk * (10_000 // len(chunk) + 1))[:10_000]
        reading = read_timeline(text, now=now, cal=cal)
        if reading.promised_by is not None:
            assert reading.promised_by >= cal.local_date(now)
        moment_read = read_interview_time(text, now=now, cal=cal)
        assert moment_read is None or moment_read <= now + timedelta(minutes=5)


class TestReadInterviewTime:
    """When the interview was: aware, in the user's zone, never in the future."""

    # now: Saturday 21 Nov 2026 12:00 local
    @pytest.mark.parametrize(
        ("text", "zone", "expected"),
        [
            ("yesterday", NY, "2026-11-20T10:00"),  # a date without a time: 10:00
            ("yesterday at 10:30", NY, "2026-11-20T10:30"),
            ("today 10am", BERLIN, "2026-11-21T10:00"),
            ("monday", NY, "2026-11-16T10:00"),  # the most recent Monday
            ("saturday", LONDON, "2026-11-21T10:00"),  # today's name: today
            ("last saturday", LONDON, "2026-11-14T10:00"),
            ("Nov 18", NY, "2026-11-18T10:00"),
            ("Nov 25", NY, "2025-11-25T10:00"),  # not yet this year: last year's
            ("18/11 14:00", BERLIN, "2026-11-18T14:00"),
            ("11/18 14:00", NY, "2026-11-18T14:00"),
            ("18/11 14:00", NY, "2026-11-18T14:00"),  # impossible as M/D
            ("2 hours ago", LONDON, "2026-11-21T10:00"),
            ("30 minutes ago", NY, "2026-11-21T11:30"),
            ("3 days ago", NY, "2026-11-18T10:00"),
            ("this morning", BERLIN, "2026-11-21T09:00"),
            ("yesterday afternoon", NY, "2026-11-20T14:00"),
            ("just now", NY, "2026-11-21T12:00"),
            ("now", LONDON, "2026-11-21T12:00"),
            ("2026-11-18T14:00", NY, "2026-11-18T14:00"),
            ("Thursday at 3pm", NY, "2026-11-19T15:00"),
            ("at 2pm", NY, "2026-11-20T14:00"),  # the most recent 2pm
        ],
    )
    def test_table(self, text: str, zone: str, expected: str) -> None:
        cal, now = _at(zone, SAT_21_NOV)
        got = read_interview_time(text, now=now, cal=cal)
        assert got is not None
        assert got.tzinfo is not None
        assert got == datetime.fromisoformat(expected).replace(tzinfo=cal.tz)

    @pytest.mark.parametrize(
        "text", ["today 2pm", "tomorrow", "next monday", "", "asdf", "soon", "Dec 25 2026"]
    )
    def test_future_or_unreadable_is_none(self, text: str) -> None:
        cal, now = _at(NY, SAT_21_NOV)
        assert read_interview_time(text, now=now, cal=cal) is None

    def test_date_without_time_never_after_now(self) -> None:
        cal, now = _at(NY, "2026-11-21T08:15")
        assert read_interview_time("today", now=now, cal=cal) == now
        assert read_interview_time("this morning", now=now, cal=cal) == now

    def test_a_few_minutes_ahead_is_tolerated(self) -> None:
        cal, now = _at(NY, "2026-11-21T13:58")
        got = read_interview_time("today 2pm", now=now, cal=cal)
        assert got == now + timedelta(minutes=2)

    def test_dst_gap_is_safe(self) -> None:
        # 8 Mar 2026, New York springs forward at 02:00: "2:30am" does not exist.
        cal, now = _at(NY, "2026-03-08T12:00")
        got = read_interview_time("today 2:30am", now=now, cal=cal)
        assert got is not None and got <= now
        assert got.utcoffset() == timedelta(hours=-4)

    @settings(max_examples=200, deadline=None)
    @given(st.text(max_size=200), _moments())
    def test_never_in_the_future(
        self, text: str, moment: tuple[BusinessCalendar, datetime]
    ) -> None:
        cal, now = moment
        got = read_interview_time(text, now=now, cal=cal)
        if got is not None:
            assert got <= now + timedelta(minutes=5)
            assert got.tzinfo is not None


class TestDescribeDate:
    def test_same_year(self) -> None:
        assert describe_date(date(2026, 11, 27), today=date(2026, 11, 21)) == "Friday 27 November"

    def test_other_year(self) -> None:
        got = describe_date(date(2027, 1, 4), today=date(2026, 12, 30))
        assert got == "Monday 4 January 2027"

    def test_without_today_the_year_is_shown(self) -> None:
        assert describe_date(date(2026, 11, 27)) == "Friday 27 November 2026"


class TestDateOrder:
    @pytest.mark.parametrize(
        ("country", "order"),
        [("US", "MDY"), ("us", "MDY"), ("PH", "MDY"), ("DE", "DMY"), ("GB", "DMY"), (None, "DMY")],
    )
    def test_order(self, country: str | None, order: str) -> None:
        assert date_order(country) == order


def _corpus() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "bench" / "timeline_corpus.py"
    spec = importlib.util.spec_from_file_location("timeline_corpus_for_tests", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestCorpus:
    """The benchmark corpus (bench/timeline_corpus.py) stays at >= 97% (regressions fail CI)."""

    def test_accuracy(self) -> None:
        corpus = _corpus()
        cases = corpus.CASES + corpus.HELD_OUT
        assert len(cases) >= 90
        misses = []
        for case in cases:
            reading = _read(case.text, case.zone, case.now)
            want = date.fromisoformat(case.expected) if case.expected else None
            if reading.promised_by != want:
                misses.append((case.text, case.zone, case.now, want, reading.understood))
        accuracy = 1 - len(misses) / len(cases)
        assert accuracy >= 0.97, misses


class TestPromiseReadFromTheInterviewDay:
    """What they said is read from the interview's day; that day itself is no promise."""

    CAL = BusinessCalendar("Europe/Berlin", "DE")

    def _by(self, text: str, said: datetime) -> date | None:
        return read_promise(
            text, said_at=said.replace(tzinfo=self.CAL.tz), cal=self.CAL
        ).promised_by

    def test_end_of_the_week_said_on_a_friday_is_next_friday(self) -> None:
        assert self._by("end of the week", datetime(2026, 11, 27, 10)) == date(2026, 12, 4)

    def test_end_of_month_said_on_the_last_day_is_next_months_end(self) -> None:
        assert self._by("by end of month", datetime(2026, 11, 30, 10)) == date(2026, 12, 31)

    def test_later_today_stays_today(self) -> None:
        assert self._by("they'd call me later today", datetime(2026, 11, 30, 10)) == date(
            2026, 11, 30
        )

    def test_a_later_day_is_kept(self) -> None:
        assert self._by("by friday", datetime(2026, 11, 25, 10)) == date(2026, 11, 27)
