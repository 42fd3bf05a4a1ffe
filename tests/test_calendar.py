"""Business-day arithmetic: weekends, holidays per country, DST-safe local moments."""

import json
import subprocess
import sys
from datetime import date, datetime, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.calendar import BusinessCalendar, country_for_zone, has_holidays, is_valid_zone


class TestCountryForZone:
    @pytest.mark.parametrize(
        ("zone", "country"),
        [
            ("America/New_York", "US"),
            ("Europe/Berlin", "DE"),
            ("Europe/London", "GB"),
            ("Asia/Tokyo", "JP"),
            ("Australia/Sydney", "AU"),
            ("US/Pacific", "US"),
            ("UTC", None),
        ],
    )
    def test_zone_to_country(self, zone: str, country: str | None) -> None:
        assert country_for_zone(zone) == country

    def test_invalid_zone(self) -> None:
        assert not is_valid_zone("Mars/Olympus")
        with pytest.raises(ValueError, match="unknown time zone"):
            BusinessCalendar("Mars/Olympus")


class TestBusinessDays:
    us = BusinessCalendar("America/New_York")
    de = BusinessCalendar("Europe/Berlin")

    def test_weekend_is_not_business(self) -> None:
        assert not self.us.is_business_day(date(2026, 11, 21))  # Saturday
        assert not self.us.is_business_day(date(2026, 11, 22))  # Sunday
        assert self.us.is_business_day(date(2026, 11, 23))

    def test_thanksgiving_only_in_us(self) -> None:
        assert not self.us.is_business_day(date(2026, 11, 26))
        assert self.de.is_business_day(date(2026, 11, 26))
        assert self.us.holiday_name(date(2026, 11, 26)) == "Thanksgiving Day"

    def test_override_country(self) -> None:
        cal = BusinessCalendar("Europe/Berlin", country="US")
        assert not cal.is_business_day(date(2026, 11, 26))

    def test_add_business_days_skips_weekend_and_holiday(self) -> None:
        # Wed 25 Nov + 2 business days in the US: Thu 26 is Thanksgiving,
        # Fri 27 is one, Mon 30 is two.
        assert self.us.add_business_days(date(2026, 11, 25), 2) == date(2026, 11, 30)
        assert self.de.add_business_days(date(2026, 11, 25), 2) == date(2026, 11, 27)

    def test_add_zero_moves_to_business_day(self) -> None:
        assert self.us.add_business_days(date(2026, 11, 21), 0) == date(2026, 11, 23)
        assert self.us.add_business_days(date(2026, 11, 23), 0) == date(2026, 11, 23)

    def test_last_business_day_of_month(self) -> None:
        # 31 Jan 2027 is a Sunday.
        assert self.us.last_business_day_of_month(2027, 1) == date(2027, 1, 29)
        # December 2026: 31st is a Thursday.
        assert self.us.last_business_day_of_month(2026, 12) == date(2026, 12, 31)

    def test_business_days_between(self) -> None:
        assert self.us.business_days_between(date(2026, 11, 20), date(2026, 11, 30)) == 5
        assert self.us.business_days_between(date(2026, 11, 30), date(2026, 11, 20)) == 0

    @given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)), st.integers(1, 40))
    def test_add_lands_on_business_day_after_start(self, start: date, n: int) -> None:
        end = self.us.add_business_days(start, n)
        assert end > start
        assert self.us.is_business_day(end)
        assert self.us.business_days_between(start, end) == n


class TestLocalMoments:
    @pytest.mark.parametrize(
        ("zone", "day", "offset_hours"),
        [
            ("America/New_York", date(2026, 3, 9), -4),  # day after spring forward
            ("America/New_York", date(2026, 3, 6), -5),
            ("Europe/Berlin", date(2026, 10, 26), 1),  # day after fall back
            ("Europe/Berlin", date(2026, 10, 23), 2),
            ("Australia/Sydney", date(2026, 4, 6), 10),
            ("Australia/Sydney", date(2026, 10, 5), 11),
        ],
    )
    def test_nudge_hour_keeps_wall_time_across_dst(
        self, zone: str, day: date, offset_hours: int
    ) -> None:
        moment = BusinessCalendar(zone).at_local(day, 10)
        assert moment.hour == 10
        assert moment.utcoffset() == timedelta(hours=offset_hours)

    def test_gap_time_moves_forward(self) -> None:
        # 02:30 does not exist in New York on 8 March 2026.
        moment = BusinessCalendar("America/New_York").at_local(date(2026, 3, 8), 2, 30)
        assert (moment.hour, moment.minute) == (3, 30)

    def test_localize_needs_aware(self) -> None:
        with pytest.raises(ValueError, match="aware"):
            BusinessCalendar("UTC").localize(datetime(2026, 1, 1))


class TestCountriesWithHolidays:
    def test_the_same_codes_as_the_package_lists(self) -> None:
        listed = set(holidays.list_supported_countries(include_aliases=True))
        assert {"DE", "US", "GB", "UK", "USA", "IN"} <= listed
        assert all(has_holidays(code) for code in listed)
        for code in ("XX", "ZZ", "JAN", "MON", "NYSE", "", "de"):
            assert has_holidays(code) == (code in listed), code

    def test_asking_loads_no_country_module(self) -> None:
        """The answer comes from the package's registry: listing the countries the package's
        way imports all of them (about 8 MB kept for good)."""
        code = (
            "import sys\n"
            "from bot.core.calendar import BusinessCalendar, has_holidays\n"
            "assert has_holidays('DE') and not has_holidays('XX')\n"
            "BusinessCalendar('Europe/Berlin').is_business_day(__import__('datetime').date.today())\n"
            "print(sorted(m for m in sys.modules if m.startswith('holidays.countries.')))\n"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip() == "['holidays.countries.germany']"

    def test_every_country_gives_what_the_package_gives_on_its_own(self) -> None:
        """Countries loaded one at a time (bot.core.calendar) give the same holidays as the
        package imported the usual way, in a process without the bot."""
        code = (
            "import holidays, json\n"
            "from holidays.registry import EntityLoader\n"
            "codes = sorted(set(EntityLoader.get_country_codes(include_aliases=False)))\n"
            "print(json.dumps({c: sorted((str(d), n) for d, n in "
            "holidays.country_holidays(c, years=2026).items()) for c in codes}))\n"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        expected = json.loads(out.stdout)
        assert len(expected) > 200
        package = vars(sys.modules["holidays.countries"])
        assert "Germany" not in package, "the test process should load countries one by one"
        here = {
            c: sorted([str(d), n] for d, n in holidays.country_holidays(c, years=2026).items())
            for c in expected
        }
        assert here == expected
        # A name looked up on the package, as its __init__ would have exported it.
        germany = sys.modules["holidays.countries"].Germany
        assert germany().country == "DE"
