"""/export's memory and time: the whole document in memory (the anchor) against the file
written page by page (ours), for a user with many interviews on SQLite.

The anchor is what /export did before: ``repo.export_user`` (every row as a dict), then
``json.dumps`` and ``encode``: the bytes stored in the outbox. Ours is
``bot.storage.export.write_export`` into a temporary file. Rounds alternate the two;
printed: the peak of Python allocations (tracemalloc, in a second run) and the time (in a
run without tracemalloc), medians with spread.

    .venv/bin/python bench/export.py [--interviews 1000 5000] [--rounds 3]

Goal: ours stays at a page's memory, whatever the number of interviews.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from testkit.clock import NOW  # noqa: E402
from testkit.records import fill_many  # noqa: E402

from bot.core.records import UserProfile  # noqa: E402
from bot.storage import export, repo  # noqa: E402
from bot.storage.db import make_engine, make_sessionmaker  # noqa: E402
from bot.storage.migrate import upgrade  # noqa: E402


async def bench(sizes: list[int], rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        await upgrade(url)
        engine = make_engine(url)
        sessions = make_sessionmaker(engine)
        try:
            for size in sizes:
                async with sessions() as s, s.begin():
                    user: UserProfile = await repo.get_or_create_user(
                        s, telegram_user_id=10_000 + size, chat_id=10_000 + size
                    )
                    await fill_many(s, owner_id=user.id, interviews=size, at=NOW)

                async def anchor(owner: int = user.id) -> int:
                    async with sessions() as s:
                        document = await repo.export_user(s, owner_id=owner)
                    payload = json.dumps(document, indent=2, ensure_ascii=False, default=str)
                    return len(payload.encode())

                async def ours(owner: int = user.id) -> int:
                    with tempfile.TemporaryFile() as out:
                        async with sessions() as s:
                            result = await export.write_export(s, out, owner_id=owner, now=NOW)
                    return result.size

                await anchor()  # warm-up: compiled statements, type caches
                await ours()
                figures: dict[str, list[tuple[int, float, int]]] = {"anchor": [], "ours": []}
                for _ in range(rounds):
                    for name, run in (("anchor", anchor), ("ours", ours)):
                        started = time.perf_counter()
                        await run()
                        elapsed = time.perf_counter() - started
                        tracemalloc.start()  # (slows allocations: timed apart)
                        written = await run()
                        _, peak = tracemalloc.get_traced_memory()
                        tracemalloc.stop()
                        figures[name].append((peak, elapsed, written))
                for name, rows in figures.items():
                    peaks = [p / 1e6 for p, _, _ in rows]
                    times = [t for _, t, _ in rows]
                    print(
                        f"{size:6d} interviews ({rows[0][2] / 1e6:.1f} MB file) {name:6}: peak "
                        f"{statistics.median(peaks):6.1f} MB ({min(peaks):.1f}..{max(peaks):.1f})"
                        f"  time {statistics.median(times):5.2f} s "
                        f"({min(times):.2f}..{max(times):.2f})",
                        flush=True,
                    )
        finally:
            await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--interviews", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(bench(args.interviews, args.rounds))


if __name__ == "__main__":
    main()
