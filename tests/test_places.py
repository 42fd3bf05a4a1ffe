"""Typed places and shared locations resolve to IANA zones offline."""

import pytest

from bot.places import find_places, zone_for_location


class TestFindPlaces:
    @pytest.mark.parametrize(
        ("query", "zone"),
        [
            ("Berlin", "Europe/Berlin"),
            ("berlin", "Europe/Berlin"),
            ("San Francisco", "America/Los_Angeles"),  # not Quito's alternate name
            ("München", "Europe/Berlin"),
            ("Europe/Paris", "Europe/Paris"),
            ("america/new_york", "America/New_York"),
            ("Paris, US", "America/Chicago"),
            ("  Tokyo  ", "Asia/Tokyo"),
        ],
    )
    def test_single_clear_answer(self, query: str, zone: str) -> None:
        places = find_places(query)
        assert [p.zone for p in places] == [zone]

    def test_ambiguous_name_offers_choices_in_distinct_zones(self) -> None:
        places = find_places("Springfield")
        zones = [p.zone for p in places]
        assert len(zones) >= 2
        assert len(set(zones)) == len(zones)
        assert all(p.country == "US" for p in places)

    @pytest.mark.parametrize("query", ["", "   ", "xyzzyplugh", "<b>", "!!!", "a" * 10_000])
    def test_nothing_found(self, query: str) -> None:
        assert find_places(query) == []

    def test_country_follows_zone(self) -> None:
        (place,) = find_places("Europe/London")
        assert place.country == "GB"


class TestLocation:
    def test_berlin(self) -> None:
        place = zone_for_location(52.52, 13.40)
        assert place is not None
        assert place.zone == "Europe/Berlin"
        assert place.country == "DE"

    @pytest.mark.parametrize(("lat", "lon"), [(95.0, 0.0), (0.0, 200.0)])
    def test_nonsense(self, lat: float, lon: float) -> None:
        assert zone_for_location(lat, lon) is None
