"""Business days in the user's own zone and country ("business day" in docs/rules.md, S6).

Weekends are Saturday and Sunday; public holidays come from the ``holidays``
package for the user's country, which is derived from the IANA zone
(``zone.tab`` shipped by ``tzdata``) unless the user overrides it. All
arithmetic happens on local calendar dates; turning a local date and hour into
an aware datetime goes through :meth:`BusinessCalendar.at_local`, which is
DST-safe (a wall time that does not exist is moved forward by the gap).
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from datetime import UTC, date, datetime, time, timedelta
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

from bot.core.i18n import _

__all__ = [
    "BusinessCalendar",
    "calendar_for",
    "country_for_zone",
    "day_in_words",
    "has_holidays",
    "is_valid_zone",
    "zone_info",
]


def _one_country_at_a_time() -> bool:
    """Let ``holidays`` load the module of a country when that country is asked for, alone.

    The package finds a country lazily (``holidays.country_holidays("DE")`` imports
    ``holidays.countries.germany``), but importing any module of ``holidays.countries`` first
    runs that package's ``__init__``, which imports all ~250 countries: about 8 MB the
    process keeps, for the one or few countries its users live in. Put in its place (before
    anything imported it), the package itself without its ``__init__`` still finds each
    country module by path; a name looked up on it (``holidays.countries.Germany``) is
    resolved through the top-level package's registry, as the ``__init__`` would have
    exported it. Returns False, changing nothing, when the package is laid out otherwise or
    was already imported.
    """
    name = "holidays.countries"
    if name in sys.modules:
        return False
    try:
        from holidays.registry import EntityLoader

        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return False
    if spec is None or not spec.submodule_search_locations:
        return False
    package = importlib.util.module_from_spec(spec)

    def exported(attribute: str) -> Any:
        entity = getattr(holidays, attribute, None)
        if isinstance(entity, EntityLoader):
            return entity.get_entity()  # the class itself, as the __init__ exports it
        raise AttributeError(f"module {name!r} has no attribute {attribute!r}")

    package.__getattr__ = exported  # type: ignore[method-assign]
    sys.modules[name] = package
    holidays.countries = package
    return True


_one_country_at_a_time()

SATURDAY = 5
# Names shown to the user (in the catalogue); the words the bot reads are in
# bot.core._timeline_words.
WEEKDAY_NAMES = (
    _("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"),
    _("Sunday"),
)  # fmt: skip
MONTH_NAMES = (
    _("January"), _("February"), _("March"), _("April"), _("May"), _("June"), _("July"),
    _("August"), _("September"), _("October"), _("November"), _("December"),
)  # fmt: skip


def day_in_words(day: date) -> str:
    """``date(2026, 11, 17)`` -> ``"Tuesday 17 November"``, in the catalogue's words whatever
    the process locale."""
    return _("{weekday} {day} {month}").format(
        weekday=WEEKDAY_NAMES[day.weekday()], day=day.day, month=MONTH_NAMES[day.month - 1]
    )


@functools.cache
def _zone_countries() -> dict[str, str]:
    text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            table[parts[2]] = parts[0]
    return table


_LINKS = {
    # Common aliases that zone.tab lists only under their canonical name.
    "US/Eastern": "America/New_York",
    "US/Central": "America/Chicago",
    "US/Mountain": "America/Denver",
    "US/Pacific": "America/Los_Angeles",
    "Europe/Kiev": "Europe/Kyiv",
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Saigon": "Asia/Ho_Chi_Minh",
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
}


def country_for_zone(zone: str) -> str | None:
    """ISO 3166 code of the country an IANA zone belongs to, or ``None`` (e.g. ``UTC``)."""
    return _zone_countries().get(_LINKS.get(zone, zone))


@functools.cache
def zone_info(zone: str) -> ZoneInfo:
    """The :class:`ZoneInfo` for an IANA name; raises ``ValueError`` for an unknown one."""
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {zone!r}") from exc


def is_valid_zone(zone: str) -> bool:
    try:
        zone_info(zone)
    except ValueError:
        return False
    return True


@functools.cache
def _country_codes() -> frozenset[str]:
    """The country codes (aliases such as UK and USA included) that ``holidays`` has a
    calendar for, from its registry of names. ``holidays.list_supported_countries()`` gives
    the same codes but imports every country module to list their subdivisions: about
    8 MB the process then keeps, where the bot only ever loads its users' countries."""
    try:
        from holidays.registry import EntityLoader

        return frozenset(EntityLoader.get_country_codes(include_aliases=True))
    except (ImportError, AttributeError):  # another layout of the package: the slow way
        return frozenset(holidays.list_supported_countries(include_aliases=True))


def has_holidays(code: str) -> bool:
    """Does the ``holidays`` package know the country ``code`` (upper case, e.g. "DE")?"""
    return code in _country_codes()


@functools.cache
def _holidays_for(country: str, year: int) -> dict[date, str]:
    try:
        table = holidays.country_holidays(country, years=year)
    except NotImplementedError:
        return {}
    return dict(table.items())


class BusinessCalendar:
    """Business-day arithmetic for one user: their zone and (optional) country."""

    __slots__ = ("country", "tz", "zone")

    def __init__(self, zone: str, country: str | None = None) -> None:
        self.zone = zone
        self.tz = zone_info(zone)
        self.country = (country or country_for_zone(zone) or "").upper() or None

    def __repr__(self) -> str:
        return f"BusinessCalendar({self.zone!r}, {self.country!r})"

    # -- dates ---------------------------------------------------------------

    def holiday_name(self, day: date) -> str | None:
        if self.country is None:
            return None
        return _holidays_for(self.country, day.year).get(day)

    def is_business_day(self, day: date) -> bool:
        return day.weekday() < SATURDAY and self.holiday_name(day) is None

    def next_business_day(self, day: date, *, include_today: bool = False) -> date:
        """The first business day after ``day`` (or ``day`` itself when allowed)."""
        current = day if include_today else day + timedelta(days=1)
        while not self.is_business_day(current):
            current += timedelta(days=1)
        return current

    def previous_business_day(self, day: date, *, include_today: bool = True) -> date:
        current = day if include_today else day - timedelta(days=1)
        while not self.is_business_day(current):
            current -= timedelta(days=1)
        return current

    def add_business_days(self, day: date, count: int) -> date:
        """The date ``count`` business days after ``day`` (``count`` >= 0).

        ``day`` itself never counts, whether or not it is a business day; with
        ``count == 0`` the answer is ``day`` when it is a business day, else the
        next one.
        """
        if count < 0:
            raise ValueError("count must be >= 0")
        if count == 0:
            return self.next_business_day(day, include_today=True)
        current = day
        for _step in range(count):
            current = self.next_business_day(current)
        return current

    def business_days_between(self, start: date, end: date) -> int:
        """Business days in (start, end]: how many business days ``end`` is after ``start``."""
        if end <= start:
            return 0
        count = 0
        current = start
        while current < end:
            current += timedelta(days=1)
            if self.is_business_day(current):
                count += 1
        return count

    def last_business_day_of_month(self, year: int, month: int) -> date:
        first_next = date(year + month // 12, month % 12 + 1, 1)
        return self.previous_business_day(first_next - timedelta(days=1))

    # -- moments -------------------------------------------------------------

    def local_date(self, moment: datetime) -> date:
        return self.localize(moment).date()

    def localize(self, moment: datetime) -> datetime:
        if moment.tzinfo is None:
            raise ValueError("an aware datetime is required")
        return moment.astimezone(self.tz)

    def at_local(self, day: date, hour: int, minute: int = 0) -> datetime:
        """The aware moment of ``hour:minute`` local wall time on ``day``.

        A wall time inside a spring-forward gap is moved forward by the gap;
        an ambiguous one (autumn) takes the first occurrence.
        """
        naive = datetime.combine(day, time(hour, minute))
        aware = naive.replace(tzinfo=self.tz)
        return aware.astimezone(UTC).astimezone(self.tz)


def calendar_for(zone: str | None, country: str | None) -> BusinessCalendar:
    """A user's calendar from their stored settings; a missing or unknown zone means UTC."""
    try:
        return BusinessCalendar(zone or "UTC", country)
    except ValueError:
        return BusinessCalendar("UTC", country)
