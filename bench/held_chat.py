"""One chat held by a 429 (retry_after 20) against the other chats' reply times.

The real ``hearback run`` (SQLite, polling) answers ``--users`` users who each send /help
``--each`` times, one after the other, all users at once; the reply time of each is from
the user's send to the reply's arrival at the fake Bot API. Rounds alternate the anchor
(no fault) and the held phase: the fake answers the held chat's next sendMessage with 429
and ``retry_after`` 20 while the others are measured inside that window. Printed per
round: p50 and p99 of the others' reply times; at the end the medians with their spread
and how far the held phase moved the p99.

    .venv/bin/python bench/held_chat.py [--rounds 3] [--users 10] [--each 10]

Goal: the held chat moves the other chats' p99 by under 10%.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from e2e.conftest import TOKEN, BotProcess, say, text_of  # noqa: E402
from fakebot import FakeBotApi, FakeUser  # noqa: E402

HELP = "What I can do"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def measure(users: list[FakeUser], each: int) -> list[float]:
    async def one(user: FakeUser) -> list[float]:
        times = []
        for _ in range(each):
            started = time.perf_counter()
            await say(user, "/help", until=HELP)
            times.append(time.perf_counter() - started)
        return times

    return [t for times in await asyncio.gather(*(one(u) for u in users)) for t in times]


async def bench(rounds: int, users_n: int, each: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeBotApi(token=TOKEN, seed=4) as fake:
            bot = BotProcess(fake, Path(tmp), name="held")
            await bot.start()
            try:
                held = fake.user("Held")
                others = [fake.user(f"O{n}") for n in range(users_n)]
                for user in (held, *others):
                    await say(user, "/start", until=lambda m: True)
                await measure(others, 2)  # warm-up
                p99s: dict[str, list[float]] = {"anchor": [], "held": []}
                for index in range(rounds):
                    normal = await measure(others, each)
                    fake.faults.add(
                        kind="429", method="sendMessage", chat_id=held.id, times=1, retry_after=20
                    )
                    mark = len(fake.calls)
                    held.mark_read()
                    asked = time.monotonic()
                    await held.send("/help")
                    await fake.wait_until(
                        lambda mark=mark: any(
                            c.chat_id == held.id and c.status == 429 for c in fake.calls[mark:]
                        ),
                        30,
                    )
                    during = await measure(others, each)
                    inside = time.monotonic() - asked < 20
                    await held.wait_for_message(60, lambda m: text_of(m).startswith(HELP))
                    fake.faults.clear()
                    for name, values in (("anchor", normal), ("held", during)):
                        p99s[name].append(pct(values, 0.99))
                        print(
                            f"round {index + 1} {name:6}: p50 {1000 * pct(values, 0.5):6.1f} ms  "
                            f"p99 {1000 * pct(values, 0.99):6.1f} ms  ({len(values)} replies"
                            + ("" if name == "anchor" or inside else ", NOT all inside the window")
                            + ")",
                            flush=True,
                        )
                for name, values in p99s.items():
                    print(
                        f"{name:6}: p99 median {1000 * statistics.median(values):6.1f} ms "
                        f"({1000 * min(values):.1f}..{1000 * max(values):.1f})",
                        flush=True,
                    )
                shift = statistics.median(p99s["held"]) / statistics.median(p99s["anchor"]) - 1
                print(f"the held chat moved the others' p99 by {100 * shift:+.1f}%", flush=True)
            finally:
                if bot.running:
                    await bot.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--each", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(bench(args.rounds, args.users, args.each))


if __name__ == "__main__":
    main()
