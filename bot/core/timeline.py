"""Reading when the employer will get back (T2-T4) and when the interview was.

:func:`read_timeline` turns what the user typed ("the recruiter said within 2
weeks", "They told me they'd let me know by Friday.", "nxt week") into the
promised-by date, a :class:`~bot.core.types.TimelineReading` that also says in
words what was read, so the bot can show it and let the user correct it (T4).

How a message is read
---------------------
The text is normalised (:mod:`bot.core._timeline_words`: case, apostrophes,
number words, typos), then a list of hand-written patterns is run over it, the
most specific first. Each pattern that matches becomes a *hit* with a date and a
label, and its span is masked so a shorter pattern cannot read the same words
again ("early next week" is not also "next week"). Explicit month-name dates
("30 November", "Dec. 3rd, 2026") are found by a pattern and parsed by
``dateparser``, which knows every spelling of them; when no pattern matched, a
short message gets one last chance with ``dateparser`` alone (day and month
required, so a lone number never becomes a date).

Choices the rules (docs/rules.md) leave open, and how they are made here:

- **Several phrases.** A range ("1-2 weeks", "Monday or Tuesday", "between the
  3rd and the 5th") means its latest end (T2). When a message has several
  separate date phrases the latest one is taken too, for the same reason: taking
  an earlier one could have the user chase before the employer's own date.
  Such readings cite T2. Words around an understood phrase are ignored ("she
  said probably next week but maybe later" is next week).
- **Past phrases are not promises.** A phrase right after "last", "since",
  "interviewed", "was", "met", "spoke", "applied" or followed by "ago", or in a
  clause where the user tells what they did ("I sent a note on Monday"), talks
  about the past and is skipped; so is one right after "not" ("not this week").
  Bare weekdays said in a row run forward ("out until Monday, so probably
  Tuesday" is the Tuesday after that Monday).
- **Weeks** are Monday-Sunday. "This week" on a Saturday or Sunday is the
  coming week; "next week" is the calendar week after today's, so on a weekend
  both name the coming week. The day a week-relative phrase names is the last
  business day of that part of the week (T3): Friday for "end of", Tuesday for
  "early", Wednesday for "mid" (the previous business day when that one is a
  holiday).
- **Weekday names** mean the next such day after today; "this Friday" said on a
  Friday is today; "next Friday" is the Friday of next week; "Friday after
  next" the one of the week after. "The week of the 7th" is that week's end.
- **Months**, read like weeks (latest end of the part named, then the last
  business day on or before it): "early <month>" = by the 10th, "mid <month>"
  = by the 20th, "late/end of/in <month>" = its last business day, "the first
  (second, third) week of <month>" = by the 7th (14th, 21st); "by/before
  <month>" = the last business day before the month starts. "A few weeks" is 3
  weeks (as "a few days" is 3 days), "a couple of months" is 2 months.
- **Holidays** of the user's country (the ``holidays`` package, English names)
  plus Christmas, New Year and Easter everywhere: "after X" = the first
  business day after it, "before X" = the last business day before it, "by X"
  = the last business day on or before it; "after the holidays" = the first
  business day after New Year's Day.
- **Explicit dates** are taken as written; without a year, a date already past
  this year means next year; a date with a year that has passed is not a
  promise (T4). Numeric dates follow the user's locale (:func:`date_order`) and
  fall back to the other order when the locale's reading is impossible.

:func:`read_interview_time` reads when an interview happened ("yesterday at
10:30", "2 hours ago", "monday", "18/11 14:00") and never answers with a
moment more than a few minutes ahead of ``now``.
"""

from __future__ import annotations

import functools
import math
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

import dateutil.easter
import holidays

from bot.core._timeline_words import (
    MONTH_RE,
    MONTHS,
    ORDINAL_WORDS,
    WEEKDAY_RE,
    WEEKDAYS,
    month_number,
    normalize,
    ordinal_value,
    weekday_number,
)
from bot.core.calendar import MONTH_NAMES, BusinessCalendar, day_in_words
from bot.core.i18n import _, ngettext
from bot.core.types import TimelineReading

__all__ = [
    "OLDEST_INTERVIEW",
    "PROMISE_HORIZON",
    "InterviewWhen",
    "WhenProblem",
    "date_order",
    "describe_date",
    "judge_interview_time",
    "read_interview_time",
    "read_timeline",
]

DATEPARSER_CHARS = 300
"""At most this many characters are ever handed to ``dateparser``."""

_MDY_COUNTRIES = frozenset({"US", "PR", "GU", "VI", "AS", "MP", "UM", "PH", "FM", "MH", "PW"})

_NO_DATE = _("no date")


def date_order(country: str | None) -> str:
    """How the user's country writes numeric dates: "MDY" (the US and a few others) or "DMY".

    The MDY set is the United States with its territories, the Philippines,
    Micronesia, the Marshall Islands and Palau. Everyone else, and an unknown
    country, gets "DMY" (year-first writers use ISO dates, which are read apart).
    """
    return "MDY" if country is not None and country.upper() in _MDY_COUNTRIES else "DMY"


_WEEKDAY_NAMES = tuple(day.capitalize() for day in WEEKDAYS)


def describe_date(day: date, *, today: date | None = None) -> str:
    """``day`` in English words, "Friday 27 November".

    The year is added when it differs from ``today``'s year, and always when
    ``today`` is not given (then nothing says which year the reader assumes).
    """
    text = day_in_words(day)
    if today is None or today.year != day.year:
        text = _("{day} {year}").format(day=text, year=day.year)
    return text


# ---------------------------------------------------------------------------
# Reading context and small date helpers


@dataclass(frozen=True, slots=True)
class _Context:
    now: datetime  # aware, in the user's zone
    today: date
    cal: BusinessCalendar
    order: str


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _this_week_monday(today: date) -> date:
    """The week "this week" names: today's, or the coming one once Friday is over (T3)."""
    monday = _monday(today)
    return monday + timedelta(days=7) if today.weekday() >= 5 else monday


def _week_part(cal: BusinessCalendar, monday: date, weekday: int) -> date:
    """The last business day of a week up to ``weekday`` (T3), never before that Monday."""
    target = monday + timedelta(days=weekday)
    best = cal.previous_business_day(target)
    return best if best >= monday else target


def _month_part(cal: BusinessCalendar, year: int, month: int, by_day: int | None) -> date:
    """The last business day of a month on or before ``by_day`` (the whole month when None)."""
    if by_day is None:
        return cal.last_business_day_of_month(year, month)
    target = date(year, month, by_day)
    best = cal.previous_business_day(target)
    return best if best.month == month else target


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _next_weekday(today: date, weekday: int, *, include_today: bool = False) -> date:
    ahead = (weekday - today.weekday()) % 7
    if ahead == 0 and not include_today:
        ahead = 7
    return today + timedelta(days=ahead)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_day(ctx: _Context, month: int, day: int, year: int | None) -> tuple[date | None, bool]:
    """An explicit day and month: (date, valid). Past dates without a year roll to next year."""
    if year is not None:
        return _safe_date(year, month, day), _safe_date(year, month, day) is not None
    for candidate_year in (ctx.today.year, ctx.today.year + 1, ctx.today.year + 2):
        candidate = _safe_date(candidate_year, month, day)
        if candidate is not None and candidate >= ctx.today:
            return candidate, True
    # 29 February: the next leap year can be up to eight years away.
    for candidate_year in range(ctx.today.year + 3, ctx.today.year + 9):
        candidate = _safe_date(candidate_year, month, day)
        if candidate is not None:
            return candidate, True
    return None, False


def _year_of(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.lstrip("'")
    return int(digits) + 2000 if len(digits) == 2 else int(digits)


# ---------------------------------------------------------------------------
# Hits and patterns


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    day: date | None  # None: understood, but names no usable date (e.g. already passed)
    label: str
    ranged: bool = False


# A handler gets the match and the context and answers (date or None, label,
# ranged), or None when the match is not a reading after all (nothing masked).
_Reading = tuple[date | None, str, bool]
_Handler = Callable[[re.Match[str], _Context], _Reading | None]

_NUM = r"\d{1,4}(?:\.\d+)?"
_UNIT = r"(?P<unit>(?:business|working|work|office) days?|days?|weeks?|months?|hours?|h(?=\W|$))"
_COUNT_WORD = r"(?:the next|next|a|another)? ?(?:couple(?: of)?|few)|an?|another|\d{1,4}(?:\.\d+)?"
_DAY = r"(?:\d{1,2}(?:st|nd|rd|th)?|" + "|".join(ORDINAL_WORDS) + ")"
_WD_ANY = r"(?:" + "|".join(WEEKDAYS) + r"|mon|wed|sat|sun)"


def _count_value(word: str) -> float | None:
    word = word.strip()
    if "couple" in word:
        return 2
    if "few" in word:
        return 3
    if word in ("a", "an", "another"):
        return 1
    try:
        value = float(word)
    except ValueError:
        return None
    return value if value > 0 else None


_UNIT_LIMIT = {"day": 1000, "business": 260, "week": 150, "month": 36, "hour": 24000}


def _unit_kind(unit: str) -> str:
    if unit[0] in "bwo" and "day" in unit:
        return "business"
    if unit.startswith("day"):
        return "day"
    if unit.startswith("week"):
        return "week"
    if unit.startswith("month"):
        return "month"
    return "hour"


def _count_date(ctx: _Context, count: float, kind: str) -> date | None:
    if count > _UNIT_LIMIT[kind]:
        return None
    if kind == "day":
        return ctx.today + timedelta(days=math.ceil(count))
    if kind == "week":
        return ctx.today + timedelta(days=math.ceil(count * 7))
    if kind == "business":
        return ctx.cal.add_business_days(ctx.today, math.ceil(count))
    if kind == "month":
        whole = int(count)
        result = _add_months(ctx.today, whole)
        return result + timedelta(days=math.ceil((count - whole) * 30))
    return ctx.cal.local_date(ctx.now + timedelta(hours=count))


def _units(kind: str) -> str:
    """The unit in the plural, as shown after a number range ("1-2 weeks")."""
    return {
        "day": _("days"),
        "business": _("business days"),
        "week": _("weeks"),
        "month": _("months"),
    }.get(kind, _("hours"))


def _count_label(count: float, kind: str) -> str:
    """ "3 business days", "1.5 weeks"; the plural form is chosen by the count rounded up."""
    n = 1 if count == 1 else max(2, math.ceil(count))
    if kind == "day":
        text = ngettext("{count} day", "{count} days", n)
    elif kind == "business":
        text = ngettext("{count} business day", "{count} business days", n)
    elif kind == "week":
        text = ngettext("{count} week", "{count} weeks", n)
    elif kind == "month":
        text = ngettext("{count} month", "{count} months", n)
    else:
        text = ngettext("{count} hour", "{count} hours", n)
    return text.format(count=f"{count:g}")


def _on_count(match: re.Match[str], ctx: _Context) -> _Reading | None:
    count = _count_value(match.group("n"))
    if count is None:
        return None
    kind = _unit_kind(match.group("unit"))
    day = _count_date(ctx, count, kind)
    if day is None:
        return None
    label = _("in {amount}").format(amount=_count_label(count, kind))
    words = match.group("n")
    if "few" in words:
        label = _("a few {units} = {amount}").format(
            units=_units(kind), amount=_count_label(count, kind)
        )
    elif "couple" in words:
        label = _("a couple of {units} = {amount}").format(
            units=_units(kind), amount=_count_label(count, kind)
        )
    return day, label, False


def _on_count_range(match: re.Match[str], ctx: _Context) -> _Reading | None:
    low, high = _count_value(match.group("a")), _count_value(match.group("b"))
    if low is None or high is None:
        return None
    kind = _unit_kind(match.group("unit"))
    day = _count_date(ctx, max(low, high), kind)
    if day is None:
        return None
    return day, _later_end(low, high, kind), True


def _on_alt_range(match: re.Match[str], ctx: _Context) -> _Reading | None:
    high = _count_value(match.group("b"))
    if high is None:
        return None
    kind = _unit_kind(match.group("unit"))
    day = _count_date(ctx, max(1.0, high), kind)
    if day is None:
        return None
    return day, _later_end(1, high, kind), True


def _later_end(low: float, high: float, kind: str) -> str:
    return _("the later end of {low}-{high} {units}").format(
        low=f"{low:g}", high=f"{high:g}", units=_units(kind)
    )


def _on_fortnight(match: re.Match[str], ctx: _Context) -> _Reading:
    return ctx.today + timedelta(days=14), _("a fortnight = 14 days"), False


def _on_today(match: re.Match[str], ctx: _Context) -> _Reading:
    return ctx.today, _("today"), False


def _on_tomorrow(match: re.Match[str], ctx: _Context) -> _Reading:
    return ctx.today + timedelta(days=1), _("tomorrow"), False


def _on_day_after_tomorrow(match: re.Match[str], ctx: _Context) -> _Reading:
    return ctx.today + timedelta(days=2), _("the day after tomorrow"), False


def _week_handler(which: str, weekday: int, label: str) -> _Handler:
    """A week-relative phrase (T3): ``which`` is "this", "next" or "after_next"."""

    def handle(match: re.Match[str], ctx: _Context) -> _Reading:
        if which == "this":
            monday = _this_week_monday(ctx.today)
        else:
            monday = _monday(ctx.today) + timedelta(days=7 if which == "next" else 14)
        day = _week_part(ctx.cal, monday, weekday)
        while day < ctx.today:  # the part named is over: the same part of the next week
            monday += timedelta(days=7)
            day = _week_part(ctx.cal, monday, weekday)
        return day, label, False

    return handle


def _on_weekend(match: re.Match[str], ctx: _Context) -> _Reading:
    sunday = ctx.today + timedelta(days=6 - ctx.today.weekday())
    if match.group(0).startswith("next"):
        sunday = _monday(ctx.today) + timedelta(days=13)
        return sunday, _("next weekend"), False
    return sunday, _("this weekend"), False


def _on_after_weekend(match: re.Match[str], ctx: _Context) -> _Reading:
    sunday = ctx.today + timedelta(days=6 - ctx.today.weekday())
    return ctx.cal.next_business_day(sunday), _("after the weekend"), False


def _month_handler(which: str, by_day: int | None, label: str) -> _Handler:
    """A month-relative phrase: "this" or "next" month, up to ``by_day`` (None = its end)."""

    def handle(match: re.Match[str], ctx: _Context) -> _Reading:
        year, month = ctx.today.year, ctx.today.month
        if which == "next":
            year, month = _next_month(year, month)
        day = _month_part(ctx.cal, year, month, by_day)
        if day < ctx.today:
            year, month = _next_month(year, month)
            day = _month_part(ctx.cal, year, month, by_day)
        return day, label, False

    return handle


def _on_year_end(match: re.Match[str], ctx: _Context) -> _Reading:
    day = ctx.cal.last_business_day_of_month(ctx.today.year, 12)
    if day < ctx.today:
        day = ctx.cal.last_business_day_of_month(ctx.today.year + 1, 12)
    return day, _("end of the year"), False


def _on_quarter_end(match: re.Match[str], ctx: _Context) -> _Reading:
    year, month = ctx.today.year, ((ctx.today.month - 1) // 3 + 1) * 3
    day = ctx.cal.last_business_day_of_month(year, month)
    if day < ctx.today:
        year, month = (year + 1, 3) if month == 12 else (year, month + 3)
        day = ctx.cal.last_business_day_of_month(year, month)
    return day, _("end of the quarter"), False


_MONTH_PART_RULES: tuple[tuple[str, int | None, str], ...] = (
    # (regex on the words before the month, read up to this day (None: month end,
    # 0: the day before the month starts), label)
    (r"(?:first|1st) week", 7, "first_week"),
    (r"(?:second|2nd) week", 14, "second_week"),
    (r"(?:third|3rd) week", 21, "third_week"),
    (r"last week|end|close|latter|last part|back half|second half|late", None, "late"),
    (r"earl|beginning|start|first", 10, "early"),
    (r"mid|middle|halfway", 20, "mid"),
    (r"in|during|within|sometime", None, "in"),
    (r"by|before|until", 0, "by"),
)


def _month_part_label(part: str, month: str) -> str:
    """The label of a part of a month, one whole phrase per part ("early {month}")."""
    return {
        "first_week": _("the first week of {month}"),
        "second_week": _("the second week of {month}"),
        "third_week": _("the third week of {month}"),
        "late": _("late {month}"),
        "early": _("early {month}"),
        "mid": _("mid {month}"),
        "in": _("in {month}"),
        "by": _("by {month}"),
    }[part].format(month=month)


def _on_month_part(match: re.Match[str], ctx: _Context) -> _Reading | None:
    part = match.group("part")
    by_day, word = (
        next(
            (rule[1], rule[2])
            for rule in _MONTH_PART_RULES
            if re.search(r"\b(?:" + rule[0] + ")", part)
        )
        if part
        else (None, "in")
    )
    month_word = match.group("month")
    follower = match.string[match.end() : match.end() + 2]
    if (
        month_word in ("may", "march", "mar")
        and word in ("in", "by")
        and re.match(r" [a-z0-9]", follower)
    ):
        return None  # "they may ...", "by march we ...": too weak alone
    month = month_number(month_word)
    year = _year_of(match.group("year"))
    if year is None:
        year = ctx.today.year if month >= ctx.today.month else ctx.today.year + 1
    if by_day == 0:
        day = ctx.cal.previous_business_day(date(year, month, 1), include_today=False)
    else:
        day = _month_part(ctx.cal, year, month, by_day)
    label = _month_part_label(word, MONTH_NAMES[month - 1])
    if day < ctx.today:
        return None, _("{label} has passed").format(label=label), False
    return day, label, False


def _weekday_date(ctx: _Context, weekday: int, pre: str, post: str) -> tuple[date, str]:
    name = _WEEKDAY_NAMES[weekday]
    if "after next" in post:
        return _monday(ctx.today) + timedelta(days=14 + weekday), _("{weekday} after next").format(
            weekday=name
        )
    if pre == "next" or "next" in post or "following" in post or "coming week" in post:
        return _monday(ctx.today) + timedelta(days=7 + weekday), _("{weekday} of next week").format(
            weekday=name
        )
    if "this week" in post:
        day = _this_week_monday(ctx.today) + timedelta(days=weekday)
        if day >= ctx.today:
            return day, _("{weekday} this week").format(weekday=name)
    if pre == "this":
        return _next_weekday(ctx.today, weekday, include_today=True), _("this {weekday}").format(
            weekday=name
        )
    return _next_weekday(ctx.today, weekday), name


def _on_weekday(match: re.Match[str], ctx: _Context) -> _Reading | None:
    word = match.group("wd")
    pre = (match.group("pre") or "").strip()
    if word in ("mon", "wed", "sat", "sun") and not pre:
        return None
    post = (match.group("post") or "").strip()
    day, label = _weekday_date(ctx, weekday_number(word), pre.split()[-1] if pre else "", post)
    return day, label, False


def _on_qualified_weekday(match: re.Match[str], ctx: _Context) -> _Reading:
    post = match.group("post")
    if post in ("next", "the following"):
        post = "next week"
    days = [
        _weekday_date(ctx, weekday_number(word), "", post)
        for word in (match.group("wd"), match.group("wd2"))
        if word
    ]
    day, label = max(days)
    return day, label, len(days) > 1


def _on_within_next(match: re.Match[str], ctx: _Context) -> _Reading | None:
    kind = _unit_kind(match.group("unit"))
    count = float(match.group("b")) if match.group("b") else 1.0
    day = _count_date(ctx, count, kind)
    if day is None:
        return None
    if match.group("b"):
        return day, _later_end(1, count, kind), True
    within = {
        "day": _("within a day"),
        "business": _("within a business day"),
        "week": _("within a week"),
        "month": _("within a month"),
    }
    return day, within.get(kind, _("within an hour")), False


def _on_week_from_weekday(match: re.Match[str], ctx: _Context) -> _Reading:
    weekday = weekday_number(match.group("wd"))
    day = _next_weekday(ctx.today, weekday) + timedelta(days=7)
    return day, _("a week after {weekday}").format(weekday=_WEEKDAY_NAMES[weekday]), False


def _on_iso(match: re.Match[str], ctx: _Context) -> _Reading | None:
    day = _safe_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    if day is None:
        return None
    if day < ctx.today:
        return None, _("a date that has passed"), False
    return day, _("the date given"), False


def _on_numeric(match: re.Match[str], ctx: _Context) -> _Reading | None:
    before = match.string[max(0, match.start() - 3) : match.start()]
    if before.endswith("at "):
        return None  # "at 10.30": a time
    second_text = match.group("b") or match.group("b2")
    if second_text is None:
        return None
    first, second = int(match.group("a")), int(second_text)
    year = _year_of(match.group("y") or match.group("y2"))
    orders = [(first, second), (second, first)]  # (month, day) candidates
    if ctx.order == "DMY":
        orders.reverse()
    for month, day_number in orders:
        if 1 <= month <= 12:
            day, valid = _month_day(ctx, month, day_number, year)
            if valid and day is not None:
                if day < ctx.today:
                    return None, _("a date that has passed"), False
                return day, _("the date given"), False
    return None


def _dateparser_settings(ctx: _Context, **extra: Any) -> dict[str, Any]:
    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": ctx.now.replace(tzinfo=None),
        "DATE_ORDER": ctx.order,
        "REQUIRE_PARTS": ["day", "month"],
    }
    settings.update(extra)
    return settings


def _dateparser_parse(text: str, settings: dict[str, Any]) -> datetime | None:
    import dateparser  # slow first import: only when a date fragment needs it

    try:
        return dateparser.parse(text[:DATEPARSER_CHARS], languages=["en"], settings=settings)
    except (ValueError, TypeError, OverflowError, AttributeError, IndexError, KeyError):
        return None


def _on_month_date(match: re.Match[str], ctx: _Context) -> _Reading | None:
    month = month_number(match.group("mon"))
    first = ordinal_value(match.group("d1"))
    second = ordinal_value(match.group("d2")) if match.group("d2") else None
    year = _year_of(match.group("y"))
    ranged = second is not None
    number = second if second is not None else first
    if number is None or not 1 <= number <= 31:
        return None
    fragment = f"{number} {MONTHS[month - 1]}" + (f" {year}" if year else "")
    parsed = _dateparser_parse(fragment, _dateparser_settings(ctx))
    if parsed is None:
        return None
    day, valid = _month_day(ctx, parsed.month, parsed.day, parsed.year if year else None)
    if not valid or day is None:
        return None
    if day < ctx.today:
        return None, _("a date that has passed"), False
    shown = _("the later end of the dates given") if ranged else _("the date given")
    return day, shown, ranged


def _on_week_of(match: re.Match[str], ctx: _Context) -> _Reading | None:
    number = ordinal_value(match.group("d"))
    if number is None:
        return None
    if match.group("mon"):
        day, valid = _month_day(ctx, month_number(match.group("mon")), number, None)
    else:
        day = _next_day_number(ctx, number)
        valid = day is not None
    if not valid or day is None:
        return None
    end = _week_part(ctx.cal, _monday(day), 4)
    return (
        end,
        _("the end of the week of {day}").format(day=describe_date(day, today=ctx.today)),
        False,
    )


def _next_day_number(ctx: _Context, number: int) -> date | None:
    """The next date on or after today whose day of the month is ``number``."""
    if not 1 <= number <= 31:
        return None
    year, month = ctx.today.year, ctx.today.month
    for _month in range(13):
        candidate = _safe_date(year, month, number)
        if candidate is not None and candidate >= ctx.today:
            return candidate
        year, month = _next_month(year, month)
    return None


def _on_ordinal(match: re.Match[str], ctx: _Context) -> _Reading | None:
    groups = match.groupdict()
    number = ordinal_value(groups.get("d") or groups.get("d_") or "")
    if number is None or not 1 <= number <= 31:
        return None
    if groups.get("next"):
        year, month = _next_month(ctx.today.year, ctx.today.month)
        candidate = _safe_date(year, month, number)
        if candidate is None:
            return None
        return candidate, _("the {ordinal} of next month").format(ordinal=_ordinal(number)), False
    found = _next_day_number(ctx, number)
    if found is None:
        return None
    return found, _("the {ordinal}").format(ordinal=_ordinal(number)), False


def _ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


# -- holidays -----------------------------------------------------------------


@functools.cache
def _holiday_table(country: str | None, year: int) -> tuple[tuple[date, str, str], ...]:
    """(date, plain name, shown name) of the country's holidays, in English where the
    ``holidays`` package has it, plus Christmas, New Year and Easter everywhere."""
    rows: dict[tuple[date, str], str] = {}
    if country:
        try:
            with warnings.catch_warnings():  # years outside the package's range: no rows
                warnings.simplefilter("ignore", UserWarning)
                probe = holidays.country_holidays(country, years=year)
                languages = getattr(probe, "supported_languages", ())
                language = "en_US" if "en_US" in languages else None
                table: dict[date, str] = dict(
                    holidays.country_holidays(country, years=year, language=language).items()
                )
        except (NotImplementedError, KeyError, ValueError):
            table = {}
        for day, name in sorted(table.items()):
            if "observed" in name.casefold() or "estimated" in name.casefold():
                continue
            for part in name.split(";"):
                rows[(day, _plain(part))] = part.strip()
    easter = dateutil.easter.easter(year)  # Western (Gregorian) Easter Sunday
    for day, name in (
        (date(year, 1, 1), "New Year's Day"),
        (easter - timedelta(days=2), "Good Friday"),
        (easter, "Easter Sunday"),
        (easter + timedelta(days=1), "Easter Monday"),
        (date(year, 12, 24), "Christmas Eve"),
        (date(year, 12, 25), "Christmas Day"),
        (date(year, 12, 31), "New Year's Eve"),
    ):
        rows.setdefault((day, _plain(name)), name)
    return tuple((day, plain, shown) for (day, plain), shown in sorted(rows.items()))


def _plain(name: str) -> str:
    name = re.sub(r"['’]", "", name.casefold())
    return re.sub(r"[^a-z0-9]+", " ", name).strip()


_HOLIDAY_STOP = frozenset(
    {
        "the",
        "a",
        "an",
        "my",
        "our",
        "their",
        "that",
        "this",
        "next",
        "day",
        "days",
        "holiday",
        "national",
        "week",
        "weekend",
        "month",
        "interview",
        "meeting",
        "call",
        "first",
        "second",
        "early",
        "late",
        "mid",
        "end",
        "start",
        "beginning",
        "middle",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "bank",
        "email",
        "phone",
        "then",
        *WEEKDAYS,
        *MONTHS,
    }
)
_HOLIDAY_ALIASES = {
    "mlk": "martin luther king",
    "presidents day": "washingtons birthday",
    "labour day": "labor day",
    "whitsun": "whit monday",
    "memorial weekend": "memorial day",
    "labor day weekend": "labor day",
}
_AFTER = ("after", "following", "post", "until after", "around", "over", "through", "during")
_BEFORE = ("before", "ahead of", "prior to", "pre")
_HOLIDAY_RE = re.compile(
    r"\b(?P<prep>right after|just after|until after|after|following|post|just before|before|"
    r"ahead of|prior to|pre|by|until|around|over|through|during)\s+(?:the\s+)?"
    r"(?P<words>[a-z]+(?: [a-z]+){0,3})"
)
_SEASON_RE = re.compile(
    r"^(?:holidays|holiday (?:season|break|period)|festive (?:season|period|break)|"
    r"christmas (?:break|holidays|period)|winter (?:break|holidays)|end of year break)\b"
)


def _find_holiday(ctx: _Context, words: str) -> tuple[date, str, int] | None:
    """The next holiday on/after today named by a prefix of ``words``: (day, name, chars used)."""
    for short, full in _HOLIDAY_ALIASES.items():
        words = re.sub(r"\b" + short + r"\b", full, words)
    tokens = words.split()
    if not tokens or tokens[0] in _HOLIDAY_STOP:
        return None
    table = _holiday_table(ctx.cal.country, ctx.today.year) + _holiday_table(
        ctx.cal.country, ctx.today.year + 1
    )
    for size in range(len(tokens), 0, -1):
        phrase = " ".join(tokens[:size])
        if len(phrase) < 4 or tokens[size - 1] in ("the", "of", "and"):
            continue
        variants = {phrase, phrase.removesuffix("s"), phrase + "s"}
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, variants)) + r")\b")
        found = [
            (_name_fit(plain, variants), day, shown)
            for day, plain, shown in table
            if day >= ctx.today and pattern.search(plain)
        ]
        if found:
            _fit, day, shown = min(found)
            return day, shown, len(phrase)
    return None


def _name_fit(name: str, variants: set[str]) -> int:
    """0: the phrase is the name ("christmas" = "christmas day"), 1: it starts it, 2: inside."""
    if name.removesuffix(" day") in variants or name in variants:
        return 0
    return 1 if any(name.startswith(v) for v in variants) else 2


def _holiday_hits(masked: str, ctx: _Context) -> Iterator[tuple[int, int, _Reading]]:
    for match in _HOLIDAY_RE.finditer(masked):
        prep, words = match.group("prep"), match.group("words")
        if _SEASON_RE.match(words):
            yield match.start(), match.end(), _season(ctx, prep)
            continue
        found = _find_holiday(ctx, words)
        if found is None:
            continue
        day, name, used = found
        end = match.start("words") + min(used, len(words))
        yield match.start(), end, _around_holiday(ctx, prep, day, name)


def _around_holiday(ctx: _Context, prep: str, holiday: date, name: str) -> _Reading:
    cal = ctx.cal
    if prep.endswith(_AFTER) or prep in _AFTER:
        after = _("the first business day after {holiday}").format(holiday=name)
        return cal.next_business_day(holiday), after, False
    if prep.endswith(_BEFORE):
        day = cal.previous_business_day(holiday, include_today=False)
        label = _("the last business day before {holiday}").format(holiday=name)
    else:
        day = cal.previous_business_day(holiday)
        label = _("by {holiday}").format(holiday=name)
    if day < ctx.today:
        return None, _("{label}: already passed").format(label=label), False
    return day, label, False


def _season(ctx: _Context, prep: str) -> _Reading:
    if prep.endswith(_BEFORE) or prep in ("by", "until"):
        christmas = date(ctx.today.year, 12, 25)
        day = ctx.cal.previous_business_day(christmas, include_today=False)
        if day < ctx.today:
            christmas = date(ctx.today.year + 1, 12, 25)
            day = ctx.cal.previous_business_day(christmas, include_today=False)
        return day, _("before the holidays (Christmas)"), False
    new_year = date(ctx.today.year + 1, 1, 1)
    if ctx.today.month == 1 and ctx.today.day == 1:
        new_year = ctx.today
    return ctx.cal.next_business_day(new_year), _("after the holidays (New Year)"), False


# -- the pattern list, most specific first ------------------------------------

_NEXT = r"(?:next|following|coming)"
_END_OF = (
    r"(?:(?:by |before )?(?:the )?(?:end|close|latter part|last part|back half|second half) of)"
)
_EARLY = (
    r"(?:early|earlier|(?:the )?(?:beginning|start|first part|early part) of|first thing|early on)"
)
_MID = r"(?:mid|(?:the )?middle of|midway through|halfway through|mid way through)"


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_PATTERNS: tuple[tuple[re.Pattern[str], _Handler], ...] = (
    # "the week of the 7th", "week of Dec 7": the end of that week (T3)
    (
        _p(
            r"\b(?:the )?week of (?:the )?(?P<d>"
            + _DAY
            + r")(?: (?:of )?(?P<mon>"
            + MONTH_RE
            + r"))?(?![a-z0-9])"
        ),
        _on_week_of,
    ),
    (
        _p(
            r"\b(?:the )?week of (?P<mon>"
            + MONTH_RE
            + r") (?:the )?(?P<d>"
            + _DAY
            + r")(?![a-z0-9])"
        ),
        _on_week_of,
    ),
    # explicit dates first: their digits must not be read as counts or ordinals
    (_p(r"\b(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\b"), _on_iso),
    (
        _p(
            r"\b(?:" + _WD_ANY + r",? )?(?:the )?(?P<d1>" + _DAY + r")"
            r"(?: ?(?:-|to|or|and|through|until) ?(?:the )?(?P<d2>" + _DAY + r"))?"
            r" (?:of )?(?P<mon>" + MONTH_RE + r")(?:,? (?P<y>\d{4}|'\d{2}))?(?![a-z])"
        ),
        _on_month_date,
    ),
    (
        _p(
            r"\b(?:" + _WD_ANY + r",? )?(?P<mon>" + MONTH_RE + r") (?:the )?(?P<d1>" + _DAY + r")"
            r"(?: ?(?:-|to|or|and|through|until) ?(?:the )?(?P<d2>" + _DAY + r"))?"
            r"(?:,? (?P<y>\d{4}|'\d{2}))?(?![a-z0-9]| ?(?:-|:|\.\d)| (?:days?|weeks?|months?|"
            r"hours?|business|working|am|pm)\b)"
        ),
        _on_month_date,
    ),
    (
        _p(
            r"(?<![\d/.:])(?P<a>\d{1,2})(?:/(?P<b>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?"
            r"|\.(?P<b2>\d{1,2})(?:\.(?P<y2>\d{4}|\d{2})|\.))"
            r"(?![\d/:]|\.\d| ?(?:am|pm|h\b|hours?|days?|weeks?|months?))"
        ),
        _on_numeric,
    ),
    # weekdays tied to a week: "Monday or Tuesday next week", "next week on Friday"
    (
        _p(
            r"\b(?:(?:on|by|until|before) )?(?P<wd>"
            + _WD_ANY
            + r")(?: or (?P<wd2>"
            + _WD_ANY
            + r"))? (?P<post>(?:of )?(?:this|next|the following|the coming) week|after next)\b"
        ),
        _on_qualified_weekday,
    ),
    (
        _p(
            r"\b(?P<post>next|the following) week,? (?:on |probably |maybe |likely |by )?"
            r"(?P<wd>" + _WD_ANY + r")(?: or (?P<wd2>" + _WD_ANY + r"))?\b"
        ),
        _on_qualified_weekday,
    ),
    (
        _p(
            r"\b(?:with)?in the (?:next|coming) (?P<unit>day|week|month)"
            r"(?: or (?:so )?(?P<b>\d{1,3}))?\b"
        ),
        _on_within_next,
    ),
    # weeks (T3)
    (
        _p(r"\b(?:(?:the )?(?:end of )?(?:the )?week after (?:the )?next(?: week| one)?)\b"),
        _week_handler("after_next", 4, _("end of the week after next")),
    ),
    (
        _p(r"\b" + _EARLY + r" (?:in )?the week after\b(?! next)"),
        _week_handler("after_next", 1, _("early the week after next")),
    ),
    (
        _p(r"\b" + _MID + r" the week after\b(?! next)"),
        _week_handler("after_next", 2, _("mid the week after next")),
    ),
    (
        _p(r"\b(?:" + _END_OF + r" |late |later )?(?:in )?the week after\b(?! next)"),
        _week_handler("after_next", 4, _("end of the week after next")),
    ),
    (
        _p(r"\b" + _EARLY + r" (?:in )?(?:the )?" + _NEXT + r" week\b"),
        _week_handler("next", 1, _("early next week")),
    ),
    (
        _p(
            r"\b(?:"
            + _MID
            + r" (?:the )?"
            + _NEXT
            + r" week|mid ?week next week|next week mid ?week)\b"
        ),
        _week_handler("next", 2, _("mid next week")),
    ),
    (
        _p(
            r"\b(?:not )?this week,? (?:or|but|maybe|probably|possibly|more likely|if not|"
            r"or maybe|or possibly|or early) (?:the )?next(?: one)?\b(?! (?:week|month|"
            + _WD_ANY
            + r"))"
        ),
        _week_handler("next", 4, _("end of next week")),
    ),
    (
        _p(
            r"\b(?:"
            + _END_OF
            + r" (?:the )?"
            + _NEXT
            + r" week|(?:late|later) (?:in )?(?:the )?"
            + _NEXT
            + r" week)\b"
        ),
        _week_handler("next", 4, _("end of next week")),
    ),
    (
        _p(r"\b(?:by |before |until |through )?(?:the )?" + _NEXT + r" week\b"),
        _week_handler("next", 4, _("end of next week")),
    ),
    (
        _p(
            r"\b(?:(?:right |just )?after|following|past|post) (?:the |this )?"
            r"(?:long |holiday |bank holiday |thanksgiving |easter )?weekend\b"
        ),
        _on_after_weekend,
    ),
    (
        _p(
            r"\b(?:" + _END_OF + r" (?:the |this )?week|end of (?:the )?week|eow|(?:late|later) "
            r"(?:this|in the) week|this week|within the week|(?:by|before) (?:the )?weekend)\b"
        ),
        _week_handler("this", 4, _("end of this week")),
    ),
    (_p(r"\b" + _EARLY + r" (?:this|the) week\b"), _week_handler("this", 1, _("early this week"))),
    (
        _p(r"\b(?:" + _MID + r" (?:this|the) week|mid ?week)\b"),
        _week_handler("this", 2, _("midweek")),
    ),
    (_p(r"\b(?:next weekend|(?:over|on|during|this|at) (?:the )?weekend)\b"), _on_weekend),
    # "the 1st of next month" before "next month" reads only half of it
    (
        _p(
            r"\b(?:the )?(?P<d>\d{1,2}(?:st|nd|rd|th)?|" + "|".join(ORDINAL_WORDS) + r")"
            r" of (?:(?P<next>next|the following)|the|this) month\b"
        ),
        _on_ordinal,
    ),
    # months and years
    (
        _p(r"\b" + _EARLY + r" (?:in )?(?:the )?" + _NEXT + r" month\b"),
        _month_handler("next", 10, _("early next month")),
    ),
    (
        _p(r"\b" + _MID + r" (?:the )?" + _NEXT + r" month\b"),
        _month_handler("next", 20, _("mid next month")),
    ),
    (
        _p(
            r"\b(?:"
            + _END_OF
            + r" (?:the )?"
            + _NEXT
            + r" month|(?:late|later) (?:in )?(?:the )?"
            + _NEXT
            + r" month|(?:by |before |within |in )?(?:the )?"
            + _NEXT
            + r" month)\b"
        ),
        _month_handler("next", None, _("end of next month")),
    ),
    (
        _p(r"\b" + _EARLY + r" (?:of )?(?:this|the) month\b"),
        _month_handler("this", 10, _("early this month")),
    ),
    (
        _p(r"\b(?:" + _MID + r" (?:this|the) month|mid month)\b"),
        _month_handler("this", 20, _("mid-month")),
    ),
    (
        _p(
            r"\b(?:" + _END_OF + r" (?:the |this )?month|end of month|month end|eom|(?:late|later) "
            r"(?:this|in the) month|this month|within the month)\b"
        ),
        _month_handler("this", None, _("end of this month")),
    ),
    (
        _p(
            r"\b(?:" + _END_OF + r" (?:the |this )?year|year end|end of year|eoy|later this year)\b"
        ),
        _on_year_end,
    ),
    (
        _p(r"\b(?:" + _END_OF + r" (?:the |this )?quarter|quarter end|end of quarter|eoq)\b"),
        _on_quarter_end,
    ),
    (
        _p(
            r"\b(?P<part>(?:the )?(?:first|1st|second|2nd|third|3rd|last) week of|"
            + _EARLY
            + r"|"
            + _MID
            + r"|(?:by )?(?:the )?end of|late|later in|sometime in|in|"
            r"during|within|by|before|until) (?:in )?(?P<month>" + MONTH_RE + r")"
            r"(?:,? (?P<year>\d{4}))?(?![a-z0-9]| \d)"
        ),
        _on_month_part,
    ),
    # days
    (_p(r"\b(?:the )?day after tomorrow\b"), _on_day_after_tomorrow),
    (_p(r"\btomorrow\b"), _on_tomorrow),
    (
        _p(
            r"\b(?:today|tonight|later today|this (?:afternoon|evening)|end of (?:the )?day|eod|"
            r"cob|close of business|end of business|close of play)\b"
        ),
        _on_today,
    ),
    # counts and ranges of days, weeks, months (T2, T3)
    (
        _p(
            r"\b(?:between )?(?P<a>" + _NUM + r") ?(?:-|to|or|and|/) ?(?P<b>" + _NUM + r") ?"
            r"(?:more |extra |additional )?" + _UNIT
        ),
        _on_count_range,
    ),
    (
        _p(
            r"\b(?:an?|1) (?P<unit>(?:business |working )?day|week|month)s? or (?:so )?"
            r"(?P<b>\d{1,3})(?: more)?\b"
        ),
        _on_alt_range,
    ),
    (
        _p(
            r"\b(?P<a>"
            + _COUNT_WORD
            + r") (?:more |extra |additional )?(?:of )?"
            + _UNIT
            + r",? (?:or|maybe|possibly|perhaps|probably|or maybe|or even|even|up to) "
            r"(?P<b>\d{1,3})\b(?! ?(?:st|nd|rd|th|/|:|\.\d|am|pm|[a-z]))"
        ),
        _on_count_range,
    ),
    (
        _p(r"\b(?:an?|1|one) week (?:from|after|on) (?P<wd>" + WEEKDAY_RE + r")\b"),
        _on_week_from_weekday,
    ),
    (_p(r"\b(?:a |1 |one )?fortnight\b"), _on_fortnight),
    (
        _p(r"\b(?P<n>" + _COUNT_WORD + r") (?:more |extra |additional )?(?:of )?" + _UNIT + r"\b"),
        _on_count,
    ),
    (_p(r"\b(?P<n>\d{1,4}) ?(?P<unit>h|hrs?|hours?|days?|weeks?|wks?)\b"), _on_count),
    # weekdays
    (
        _p(
            r"\b(?:(?P<pre>this coming|this|coming|next|on|by|until|before|from|the|for) )?"
            r"(?P<wd>" + _WD_ANY + r")\b(?: (?P<post>after next|(?:of )?(?:this|next|the "
            r"following|the coming) week|next))?"
        ),
        _on_weekday,
    ),
    # ordinals: "the 30th", "by the 5th", "the 1st of next month"
    (
        _p(
            r"\b(?:the (?P<d>\d{1,2}(?:st|nd|rd|th)?|" + "|".join(ORDINAL_WORDS) + r")|"
            r"(?P<d_>\d{1,2}(?:st|nd|rd|th)))(?![a-z0-9])"
            r"(?: of (?:(?P<next>next)|the|this) month)?"
            r"(?! ?(?:of )?(?:week|day|business|working|month|round|interview|time|thing|step|"
            r"stage|floor|place|candidate|call|person|grade|year|quarter|hour|minute|option|"
            r"choice|reference|one|[0-9]))"
        ),
        _on_ordinal,
    ),
)


# ---------------------------------------------------------------------------
# Reading a message

_PAST_BEFORE = re.compile(
    r"\b(?:last|since|interviewed|was|were|met|spoke|talked|applied|been|waited|waiting|ago|"
    r"this past|past|had it|did it|went)(?: (?:on|the|at|in|for))* ?$"
)
# The user telling what they did ("I sent a note on Monday"), anywhere in the clause.
_OWN_PAST = re.compile(
    r"\b(?:i|we)(?: (?:already|just|also))? (?:sent|emailed|called|interviewed|met|spoke|"
    r"talked|applied|had|did|went|wrote|followed up|reached out|replied)\b"
)
_CLAUSE_BREAK = re.compile(r"[.;!?,]| and | but | so | then | because ")
_NEGATED_BEFORE = re.compile(r"\b(?:not|wont be|wont|isnt|arent|never)(?: be)? ?$")
_PAST_AFTER = re.compile(r"^ ?(?:ago|back|before that)\b")


def _collect(text: str, ctx: _Context) -> tuple[list[_Hit], str]:
    hits: list[_Hit] = []
    masked = text

    def accept(start: int, end: int, reading: _Reading) -> None:
        nonlocal masked
        masked = masked[:start] + "#" * (end - start) + masked[end:]
        if _is_past_or_negated(text, start, end):
            return
        day, label, ranged = reading
        hits.append(_Hit(start, end, day, label, ranged))

    for start, end, holiday in list(_holiday_hits(masked, ctx)):
        accept(start, end, holiday)
    for pattern, handler in _PATTERNS:
        for match in list(pattern.finditer(masked)):
            if "#" in match.group(0):
                continue
            try:
                reading = handler(match, ctx)
            except (ValueError, OverflowError):
                continue  # a date past the calendar's end ("late dec 9999"): not a promise
            if reading is not None:
                accept(match.start(), match.end(), reading)
    return hits, masked


def _is_past_or_negated(text: str, start: int, end: int) -> bool:
    clause = _CLAUSE_BREAK.split(text[max(0, start - 80) : start])[-1]
    before = clause[-40:]
    after = text[end : end + 12]
    return bool(
        _PAST_BEFORE.search(before)
        or _NEGATED_BEFORE.search(before)
        or _OWN_PAST.search(clause)
        or _PAST_AFTER.match(after)
    )


def _fallback(text: str, ctx: _Context) -> _Hit | None:
    """dateparser alone, for a short message that still looks like a date."""
    if len(text) > 60 or not re.search(r"\d|" + MONTH_RE, text):
        return None
    parsed = _dateparser_parse(text, _dateparser_settings(ctx))
    if parsed is None:
        return None
    day = parsed.date()
    if day < ctx.today:
        return None
    return _Hit(0, len(text), day, _("the date given"))


def _in_sequence(hits: list[_Hit]) -> list[_Hit]:
    """Bare weekdays said one after another run forward: "out until Monday, so probably
    Tuesday" said on a Monday is the Tuesday after that Monday, not tomorrow."""
    result: list[_Hit] = []
    previous: date | None = None
    for hit in sorted(hits, key=lambda h: h.start):
        if hit.day is not None and hit.label in _WEEKDAY_NAMES:
            day = hit.day
            while previous is not None and day < previous:
                day += timedelta(days=7)
            hit = replace(hit, day=day)
            previous = day
        result.append(hit)
    return result


_SAME_DAY_WORDS = re.compile(
    r"\b(?:today|tonight|tonite|later|this (?:afternoon|evening)|end of (?:the )?day|eod|cob|"
    r"within (?:the|an|a few|\d+) hours?|in (?:an|a few|\d+) hours?)\b",
    re.IGNORECASE,
)


def read_promise(text: str, *, said_at: datetime, cal: BusinessCalendar) -> TimelineReading:
    """What they said at an interview about answering, read from the interview's day.

    The interview's own day is no promise unless they said so ("later today"): "end of the
    week" said on a Friday, or "by the end of the month" on the 30th, mean the next ones,
    so such a reading is made again from the day after.
    """
    reading = read_timeline(text, now=said_at, cal=cal)
    day = cal.local_date(said_at)
    if (
        reading.promised_by is not None
        and reading.promised_by <= day
        and not _SAME_DAY_WORDS.search(text)
    ):
        later = read_timeline(text, now=said_at + timedelta(days=1), cal=cal)
        if later.promised_by is not None and later.promised_by > day:
            return later
    return reading


def read_timeline(text: str, *, now: datetime, cal: BusinessCalendar) -> TimelineReading:
    """The promised-by date in what the user said about when the employer will answer.

    ``now`` is aware; the date is in the user's zone (today is
    ``cal.local_date(now)``), never before today and never more than
    :data:`PROMISE_HORIZON` after it (a later date is given back as ``too_far``).
    ``None`` with "no date" when nothing usable was said (T4). ``understood`` is
    shown to the user, so it names no rule id; ``rules`` carries them. See the
    module docstring for how
    phrases are read. Never raises for any ``text``.
    """
    local_now = cal.localize(now)
    ctx = _Context(local_now, local_now.date(), cal, date_order(cal.country))
    clean = normalize(text)
    hits = _in_sequence(_collect(clean, ctx)[0])
    dated = [hit for hit in hits if hit.day is not None]
    if not dated and not hits:
        fallback = _fallback(clean, ctx)
        if fallback is not None:
            dated = [fallback]
    if not dated:
        if hits:
            return TimelineReading(
                None, _("no date: {reason}").format(reason=hits[0].label), ("T4",)
            )
        return TimelineReading(None, _NO_DATE, ("T4",))
    best = max(dated, key=lambda hit: (hit.day, -hit.start))
    assert best.day is not None
    distinct = {hit.day for hit in dated}
    when = describe_date(best.day, today=ctx.today)
    if best.day > ctx.today + PROMISE_HORIZON:
        # No hiring timeline runs this long: "by 9999-12-31" is a slip, not a promise (T4).
        return TimelineReading(
            None,
            _("no date: {day} is more than a year away").format(day=when),
            ("T4",),
            too_far=best.day,
        )
    if len(distinct) > 1:
        labels = list(dict.fromkeys(hit.label for hit in sorted(dated, key=lambda h: h.start)))
        latest = _("by {day} (latest of {labels})").format(day=when, labels=" / ".join(labels))
        return TimelineReading(best.day, latest, ("T2",))
    understood = _("by {day} ({label})").format(day=when, label=best.label)
    return TimelineReading(best.day, understood, ("T2",) if best.ranged else ("T3",))


# ---------------------------------------------------------------------------
# When the interview was

FUTURE_SLACK = timedelta(minutes=5)
"""How far after ``now`` an interview time may be (clock skew, "in a minute")."""

OLDEST_INTERVIEW = timedelta(days=366)
"""An interview further back than a year is a slip ("11/18" read as 2018), not an answer."""

PROMISE_HORIZON = timedelta(days=366)
"""A promised-by date further ahead than a year is a slip ("by 9999-12-31"), not a promise."""


class WhenProblem(StrEnum):
    """Why :func:`judge_interview_time` gave no moment."""

    UNREADABLE = "unreadable"
    IMPOSSIBLE_TIME = "impossible_time"  # "25:00", "10:75", "13pm"
    IN_FUTURE = "in_future"  # more than FUTURE_SLACK after now
    TOO_OLD = "too_old"  # more than OLDEST_INTERVIEW before now


@dataclass(frozen=True, slots=True)
class InterviewWhen:
    """When the interview was, or why that could not be said (``detail``: the clock as typed
    when it is impossible, e.g. "25:00")."""

    moment: datetime | None
    problem: WhenProblem | None = None
    detail: str = ""


_AGO = re.compile(
    r"^(?:about |around |roughly |like )?(?P<n>\d{1,4}|an?|half an?) ?(?P<unit>min(?:ute)?s?|"
    r"h|hrs?|hours?|days?|weeks?) ago$"
)
_PARTS_OF_DAY = {"morning": 9, "lunchtime": 12, "afternoon": 14, "evening": 18}
_PART_RE = re.compile(
    r"^(?P<day>today|yesterday|this) (?P<part>morning|afternoon|evening|lunchtime)$"
)
_CLOCK = r"(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2}))? ?(?P<ampm>am|pm)?"
_NUMERIC_MOMENT = re.compile(
    r"^(?:on )?(?P<a>\d{1,2})[/.](?P<b>\d{1,2})(?:[/.](?P<y>\d{4}|\d{2}))?\.?"
    r"(?:,? (?:at )?" + _CLOCK + r")?$"
)


def _interview_settings(cal: BusinessCalendar, local_now: datetime) -> dict[str, Any]:
    return {
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": local_now.replace(tzinfo=None),
        "DATE_ORDER": date_order(cal.country),
        "RETURN_TIME_AS_PERIOD": True,
    }


def _expand_weekday_abbr(text: str) -> str:
    return re.sub(r"\b(mon|wed|sat|sun)\b", lambda m: WEEKDAYS[weekday_number(m.group(1))], text)


# Clock times anywhere in the answer, checked before reading it: "at 25:00" must not
# quietly become the 10:00 of a date without a time. A dot is a clock only after "at"
# ("18.11" is a date); a bare number only after "at" ("at 25").
_AMPM = r"(?: ?(?P<ampm>am|pm))?"
_CLOCKS = (
    re.compile(r"(?<![\d/.:])(?P<hour>\d{1,2}):(?P<minute>\d{1,2})(?![\d/.:])" + _AMPM),
    re.compile(r"\bat (?P<hour>\d{1,2})[.h](?P<minute>\d{1,2})(?![\d/.:])" + _AMPM),
    re.compile(r"(?<![\d/.:])(?P<hour>\d{1,2}) ?(?P<ampm>am|pm)\b"),
    re.compile(r"\bat (?P<hour>\d{1,3})(?![\d/.:h]| ?(?:am|pm|st|nd|rd|th)\b)"),
)


def _impossible_clock(clean: str) -> str:
    """The first clock time in ``clean`` that no clock shows ("25:00", "13pm"), or ""."""
    for pattern in _CLOCKS:
        for match in pattern.finditer(clean):
            hour = int(match.group("hour"))
            minute_text = match.groupdict().get("minute")
            minute = int(minute_text) if minute_text else 0
            ampm = match.groupdict().get("ampm")
            bad_hour = not 1 <= hour <= 12 if ampm else hour > 23
            if minute > 59 or bad_hour:
                return match.group(0).removeprefix("at ").strip()
    return ""


def judge_interview_time(text: str, *, now: datetime, cal: BusinessCalendar) -> InterviewWhen:
    """:func:`read_interview_time`, saying why when there is no moment.

    An impossible clock time ("yesterday at 25:00", "10:75", "13pm") is
    :attr:`WhenProblem.IMPOSSIBLE_TIME` with the clock as typed in ``detail``, never
    read as some other time; a moment more than :data:`FUTURE_SLACK` ahead of ``now``
    is :attr:`WhenProblem.IN_FUTURE`; one more than :data:`OLDEST_INTERVIEW` before it
    is :attr:`WhenProblem.TOO_OLD`. Never raises for any ``text``.
    """
    local_now = cal.localize(now)
    clean = _expand_weekday_abbr(normalize(text)).strip(" .!?")
    if re.fullmatch(r"\d{1,4}", clean):
        return InterviewWhen(None, WhenProblem.UNREADABLE)  # "2": a day? an hour? ask again
    impossible = _impossible_clock(clean)
    if impossible:
        return InterviewWhen(None, WhenProblem.IMPOSSIBLE_TIME, impossible)
    moment = _read_moment(clean, local_now, cal) if clean else None
    if moment is None:
        return InterviewWhen(None, WhenProblem.UNREADABLE)
    if moment > local_now + FUTURE_SLACK:
        return InterviewWhen(None, WhenProblem.IN_FUTURE)
    if moment < local_now - OLDEST_INTERVIEW:
        return InterviewWhen(None, WhenProblem.TOO_OLD)
    return InterviewWhen(moment)


def read_interview_time(text: str, *, now: datetime, cal: BusinessCalendar) -> datetime | None:
    """When the interview was, from "yesterday at 10:30", "2 hours ago", "monday", "18/11 14:00".

    Returns an aware datetime in ``cal.tz``, or ``None`` when unreadable, when a clock
    time in it is impossible, when it is more than a few minutes
    (:data:`FUTURE_SLACK`) after ``now`` or more than a year before it
    (:func:`judge_interview_time` says which). A bare weekday is
    the most recent one (today when it is today's name, since people naming a
    past week's day say "last"); a bare clock time is the most recent such
    moment; a date without a time is 10:00 local, but never later than ``now``;
    "this morning" is 09:00, "this afternoon" 14:00, "this evening" 18:00 (never
    later than ``now``). Numeric dates follow :func:`date_order`. Never raises
    for any ``text``.
    """
    return judge_interview_time(text, now=now, cal=cal).moment


def _read_moment(clean: str, local_now: datetime, cal: BusinessCalendar) -> datetime | None:
    today = local_now.date()
    if clean in ("now", "just now", "right now", "a moment ago", "just", "this moment"):
        return local_now
    ago = _AGO.match(clean)
    if ago:
        return _ago(ago, local_now, cal)
    part = _PART_RE.match(clean)
    if part:
        day = today - timedelta(days=1 if part.group("day") == "yesterday" else 0)
        return min(cal.at_local(day, _PARTS_OF_DAY[part.group("part")]), local_now)
    weekday = re.fullmatch(r"(?:on )?(?P<last>last )?(?P<wd>" + WEEKDAY_RE + r")", clean)
    if weekday:
        back = (today.weekday() - weekday_number(weekday.group("wd"))) % 7
        if weekday.group("last") and back == 0:
            back = 7
        return _day_only(today - timedelta(days=back), local_now, cal)
    numeric = _NUMERIC_MOMENT.match(clean)
    if numeric:
        return _numeric_moment(numeric, local_now, cal)
    return _interview_by_dateparser(clean, local_now, cal)


def _day_only(day: date, local_now: datetime, cal: BusinessCalendar) -> datetime | None:
    """A date without a time: 10:00 local, but never later than now; a future date is None."""
    if day > local_now.date():
        return None
    return min(cal.at_local(day, 10), local_now)


def _ago(match: re.Match[str], local_now: datetime, cal: BusinessCalendar) -> datetime | None:
    words = match.group("n")
    count = 0.5 if words.startswith("half") else 1.0 if words in ("a", "an") else float(words)
    unit = match.group("unit")
    if unit.startswith("min"):
        return local_now - timedelta(minutes=count)
    if unit.startswith("h"):
        return local_now - timedelta(hours=count)
    days = count * (1 if unit.startswith("day") else 7)
    if days > 3650:
        return None
    return _day_only(local_now.date() - timedelta(days=days), local_now, cal)


def _clock(match: re.Match[str]) -> tuple[int, int] | None:
    if match.group("hour") is None:
        return None
    hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
    ampm = match.group("ampm")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return (hour, minute) if hour < 24 and minute < 60 else None


def _numeric_moment(
    match: re.Match[str], local_now: datetime, cal: BusinessCalendar
) -> datetime | None:
    first, second = int(match.group("a")), int(match.group("b"))
    year_text = match.group("y")
    orders = [(first, second), (second, first)]  # (month, day)
    if date_order(cal.country) == "DMY":
        orders.reverse()
    today = local_now.date()
    written = _year_of(year_text)
    years = [written] if written is not None else [today.year, today.year - 1]
    ahead: date | None = None
    for month, day_number in orders:
        for year in years:
            day = _safe_date(year, month, day_number)
            if day is not None and day > today:
                ahead = ahead or day
            if day is None or day > today:
                continue
            clock = _clock(match)
            if clock is None:
                return _day_only(day, local_now, cal)
            return cal.at_local(day, *clock)
    # Only a date still ahead ("18/11/2027"): the caller says it is in the future.
    return cal.at_local(ahead, 10) if ahead is not None and written is not None else None


def _interview_by_dateparser(
    clean: str, local_now: datetime, cal: BusinessCalendar
) -> datetime | None:
    from dateparser.date import DateDataParser

    try:
        parser = DateDataParser(languages=["en"], settings=_interview_settings(cal, local_now))
        data = parser.get_date_data(clean[:DATEPARSER_CHARS])
    except (ValueError, TypeError, OverflowError, AttributeError, IndexError, KeyError):
        return None
    found = data.date_obj
    if found is None:
        return None
    period = str(data.period)  # also "time" and "part_of_day", which the stubs omit
    if found.tzinfo is not None:
        return found.astimezone(cal.tz)
    if period == "time":
        return cal.at_local(found.date(), found.hour, found.minute)
    if found.date() > local_now.date():
        # A day still ahead ("tomorrow", "next monday"): the caller says it is in the future.
        return cal.at_local(found.date(), 10)
    if period == "part_of_day":
        return min(cal.at_local(found.date(), found.hour, found.minute), local_now)
    return _day_only(found.date(), local_now, cal)
