"""The global send rate with two instances: real ``hearback webhook`` processes on PostgreSQL.

Telegram's limit is per bot. Rounds alternate between the anchor, one process answering
a burst alone at ``--rate`` sends/s, and ours, two processes on one database answering
half of the same burst each, their sends paced by the shared slots
(``bot/scheduling/shared_rate.py``). The fake Bot API records when each send arrived;
per round it prints the sends per second over the burst, the most sends in any one-second
window and how the work was split; at the end the medians with their spread.

    .venv/bin/python bench/shared_rate.py [--rounds 3] [--rate 10] [--users 8] [--each 4]

Goal: ours keeps the anchor's rate (the rate given, not twice it), with both processes
sending. Needs PostgreSQL at 127.0.0.1:5432 (database ``test``, as the tests do).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from e2e.conftest import TOKEN, BotProcess, post, text_update  # noqa: E402
from fakebot import FakeBotApi, FakeUser  # noqa: E402
from testkit.databases import Databases  # noqa: E402

SENDS = ("send", "edit")


def most_in_window(times: list[float], seconds: float) -> int:
    times = sorted(times)
    best = start = 0
    for end, moment in enumerate(times):
        while moment - times[start] >= seconds:
            start += 1
        best = max(best, end - start + 1)
    return best


async def burst(
    fake: FakeBotApi, processes: list[BotProcess], users: list[FakeUser], each: int
) -> tuple[float, int, list[int]]:
    """Every user posts ``each`` messages to its process at once; (rate, most in 1 s, split)."""
    mark = len(fake.calls)
    before = {u.id: len(u.messages) for u in users}
    owner = {u.id: n % len(processes) for n, u in enumerate(users)}

    async def write(user: FakeUser) -> None:
        for _ in range(each):
            await post(processes[owner[user.id]], text_update(user, "/help"))

    await asyncio.gather(*(write(u) for u in users))
    await fake.wait_until(lambda: all(len(u.messages) - before[u.id] >= each for u in users), 300)
    calls = [c for c in fake.calls[mark:] if c.method.startswith(SENDS) and c.ok]
    times = sorted(c.at for c in calls)
    split = [sum(1 for c in calls if owner.get(c.chat_id or 0) == n) for n in range(len(processes))]
    return (len(times) - 1) / (times[-1] - times[0]), most_in_window(times, 1.0), split


async def bench(rounds: int, rate: float, users_n: int, each: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        databases = Databases(Path(tmp), lambda backend: None)
        env = {"RATE_LIMIT_PER_SECOND": str(rate), "RATE_LIMIT_PER_CHAT_SECONDS": "0"}
        try:
            async with FakeBotApi(token=TOKEN, seed=3) as fake:
                work = Path(tmp)
                anchor = BotProcess(
                    fake,
                    work,
                    database_url=databases.empty("postgresql"),
                    command="webhook",
                    name="anchor",
                    env=env,
                )
                shared = databases.empty("postgresql")
                pair = [
                    BotProcess(
                        fake,
                        work,
                        database_url=shared,
                        command="webhook",
                        name=f"ours-{n}",
                        env=env,
                    )
                    for n in range(2)
                ]
                for process in (anchor, *pair):
                    await process.start()
                users = [fake.user(f"B{n}") for n in range(users_n)]
                for user in users:  # the fake knows a chat once its user wrote
                    await user.send("/start")
                    await user.wait_for_message(60)
                figures: dict[str, list[tuple[float, int]]] = {"anchor": [], "ours": []}
                try:
                    for index in range(rounds):
                        for name, processes in (("anchor", [anchor]), ("ours", pair)):
                            per_second, most, split = await burst(fake, processes, users, each)
                            figures[name].append((per_second, most))
                            print(
                                f"round {index + 1} {name:6}: {per_second:5.2f} sends/s, most "
                                f"in 1 s {most:3d} (rate {rate:g}); split {split}",
                                flush=True,
                            )
                finally:
                    for process in (anchor, *pair):
                        if process.running:
                            await process.stop()
                for name, rows in figures.items():
                    rates = [r for r, _ in rows]
                    mosts = [m for _, m in rows]
                    print(
                        f"{name:6}: median {statistics.median(rates):.2f} sends/s "
                        f"({min(rates):.2f}..{max(rates):.2f}), most in 1 s median "
                        f"{statistics.median(mosts):g} ({min(mosts)}..{max(mosts)}); "
                        f"configured {rate:g}/s",
                        flush=True,
                    )
        finally:
            databases.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rate", type=float, default=10)
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--each", type=int, default=4)
    args = parser.parse_args()
    asyncio.run(bench(args.rounds, args.rate, args.users, args.each))


if __name__ == "__main__":
    main()
