"""One chat held by a 429 (retry_after 20) against the other chats' reply times.

The real ``hearback run`` (SQLite, polling, logging at WARNING) answers ``--users`` users
sending /help at ``--rate`` per second in an open loop (each user idle for a second
between two), against the project's fake Bot API answering after ``--latency`` (50 ms).
Phases of ``--seconds`` alternate, ABBA (normal, held, held, normal, ...), ``--rounds``
of each in one run on one bot process:

- **normal**: no chat is held;
- **held**: the fake answered the held chat's /help with 429 and ``retry_after`` 20 just
  before the phase began, and the whole phase lies inside that window (checked: the held
  chat got nothing meanwhile). Then the bench waits for the held chat's answer, which must
  come after the window, so the next normal phase starts with nobody held.

Measured per reply, as ``bench/updates.py`` does, from the fake's own timestamps: the
moment getUpdates handed the update to the bot to the moment the reply's sendMessage
reached the fake (bot-side latency; the users' side of the fake and its long poll are not
in it). Per phase: p50, p95 and p99 of the others' replies, and the bot process's CPU time
per reply (user + system), which moves far less with the machine's load than times do.

At the end, per condition: the p99 of all its replies pooled, the median of the phases'
p99 with its spread, and the held/normal ratios with a 90% interval from resampling whole
rounds (a round = one phase of each, so a burst of load elsewhere on the machine moves
both). The claim "the held chat moves the others' p99 by under 10%" is shown when the
interval's upper end is below +10%.

    .venv/bin/python bench/held_chat.py [--rounds 6] [--seconds 12] [--rate 40]
        [--users 120] [--latency 0.05]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "bench"))

from e2e.conftest import TOKEN, BotProcess, say, text_of  # noqa: E402
from fakebot import FakeBotApi, FakeUser  # noqa: E402
from updates import Round, Users, cpu_seconds, open_loop, pct  # noqa: E402

HELP = "What I can do"
RETRY_AFTER = 20
FIRST_CHAT = 30_000
CONDITIONS = ("normal", "held")


@dataclass
class Phase:
    condition: str
    round: int
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    cpu: float = 0.0
    unanswered: int = 0
    inside: bool = True

    def p(self, q: float) -> float:
        return pct(self.latencies, q)

    @property
    def cpu_ms(self) -> float:
        return 1000 * self.cpu / max(1, len(self.latencies))

    def line(self) -> str:
        text = (
            f"round {self.round + 1} {self.condition:6}: {len(self.latencies):5d} replies "
            f"{len(self.latencies) / self.seconds:5.1f}/s  p50 {1000 * self.p(0.5):5.1f} ms  "
            f"p95 {1000 * self.p(0.95):5.1f} ms  p99 {1000 * self.p(0.99):6.1f} ms  "
            f"CPU {self.cpu_ms:5.2f} ms/reply"
        )
        if self.unanswered:
            text += f"  (unanswered or not offered: {self.unanswered})"
        if not self.inside:
            text += "  NOT all inside the held chat's window"
        return text


async def run_phase(
    users: Users, chats: list[int], pid: int, args: argparse.Namespace, phase: Phase
) -> None:
    measured = Round(phase.condition, "latency", args.seconds)
    cpu_before = cpu_seconds(pid)
    began = time.perf_counter()
    # /help, as the module says: the users are at the zone question after /start, where
    # the mixed workload of bench/updates.py would be read as places
    await open_loop(users, chats, args.rate, args.seconds, measured, think=1.0, text="/help")
    phase.seconds = time.perf_counter() - began
    phase.cpu = cpu_seconds(pid) - cpu_before
    phase.latencies = measured.latencies
    phase.unanswered = measured.unanswered


async def held_phase(
    fake: FakeBotApi,
    held: FakeUser,
    users: Users,
    chats: list[int],
    pid: int,
    args: argparse.Namespace,
    phase: Phase,
) -> None:
    fake.faults.add(
        kind="429", method="sendMessage", chat_id=held.id, times=1, retry_after=RETRY_AFTER
    )
    mark = len(fake.calls)
    held.mark_read()
    await held.send("/help")
    await fake.wait_until(
        lambda: any(c.chat_id == held.id and c.status == 429 for c in fake.calls[mark:]), 30
    )
    refused = next(c for c in fake.calls[mark:] if c.chat_id == held.id and c.status == 429)
    await run_phase(users, chats, pid, args, phase)
    phase.inside = time.time() < refused.at + RETRY_AFTER and not held.unread
    answer = await held.wait_for_message(60, lambda m: text_of(m).startswith(HELP))
    fake.faults.clear()
    late = [c for c in fake.calls[mark:] if c.early]
    if late or not answer:
        raise SystemExit(f"the held chat was written to inside its window: {late}")


def ratio_interval(
    phases: list[Phase], rounds: int, q: float, measure: str, draws: int = 2000
) -> tuple[float, float, float]:
    """held/normal of the pooled ``q`` quantile (or CPU per reply), and a 90% interval from
    resampling whole rounds with replacement."""

    def value(chosen: list[int], condition: str) -> float:
        mine = [p for r in chosen for p in phases if p.round == r and p.condition == condition]
        if measure == "cpu":
            return sum(p.cpu for p in mine) / max(1, sum(len(p.latencies) for p in mine))
        return pct([x for p in mine for x in p.latencies], q)

    every = list(range(rounds))
    point = value(every, "held") / value(every, "normal")
    rng = random.Random(7)
    ratios = []
    for _ in range(draws):
        chosen = [rng.choice(every) for _ in every]
        ratios.append(value(chosen, "held") / value(chosen, "normal"))
    ratios.sort()
    return point, ratios[int(0.05 * draws)], ratios[int(0.95 * draws) - 1]


def report(phases: list[Phase], rounds: int) -> None:
    print("\nper condition (pooled over rounds; phases' median and spread in brackets):")
    for condition in CONDITIONS:
        mine = [p for p in phases if p.condition == condition]
        pooled = [x for p in mine for x in p.latencies]
        p99s = [1000 * p.p(0.99) for p in mine]
        cpus = [p.cpu_ms for p in mine]
        print(
            f"{condition:6}: {len(pooled)} replies  p50 {1000 * pct(pooled, 0.5):5.1f} ms  "
            f"p95 {1000 * pct(pooled, 0.95):5.1f} ms  p99 {1000 * pct(pooled, 0.99):6.1f} ms "
            f"[{statistics.median(p99s):.1f} ({min(p99s):.1f}..{max(p99s):.1f})]  "
            f"CPU {statistics.median(cpus):.2f} ms/reply ({min(cpus):.2f}..{max(cpus):.2f})"
        )
    print("\nheld / normal, with a 90% interval from resampling whole rounds:")
    for label, q, measure in (
        ("p50", 0.5, "latency"),
        ("p95", 0.95, "latency"),
        ("p99", 0.99, "latency"),
        ("CPU per reply", 0.0, "cpu"),
    ):
        point, low, high = ratio_interval(phases, rounds, q, measure)
        print(
            f"  {label:13} {100 * (point - 1):+6.1f}%  "
            f"({100 * (low - 1):+.1f}% .. {100 * (high - 1):+.1f}%)"
        )
    point, _, high = ratio_interval(phases, rounds, 0.99, "latency")
    outside = sum(1 for p in phases if not p.inside)
    verdict = "shown" if high < 1.10 and not outside else "NOT shown"
    print(
        f"\nthe held chat moved the others' p99 by {100 * (point - 1):+.1f}%; under +10% "
        f"(upper end of the interval {100 * (high - 1):+.1f}%): {verdict}"
        + (f" ({outside} held phase(s) not inside the window)" if outside else "")
    )


async def bench(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeBotApi(token=TOKEN, seed=4) as fake:
            users = Users(fake, args.latency)
            bot = BotProcess(fake, Path(tmp), name="held", env={"LOG_LEVEL": "WARNING"})
            await bot.start()
            try:
                assert bot.proc is not None
                pid = bot.proc.pid
                chats = [FIRST_CHAT + n for n in range(args.users)]
                held = fake.user("Held")
                await say(held, "/start", until=lambda m: True)
                for start in range(0, len(chats), 20):
                    group = chats[start : start + 20]
                    await asyncio.gather(*(users.act(c, "/start") for c in group))
                await asyncio.gather(*(users.act(c, "/help") for c in chats))  # warm-up
                await asyncio.sleep(1.0)  # the users read their answers before the first phase
                phases: list[Phase] = []
                for number in range(args.rounds):
                    order = CONDITIONS if number % 2 == 0 else CONDITIONS[::-1]
                    for condition in order:
                        phase = Phase(condition, number)
                        if condition == "held":
                            await held_phase(fake, held, users, chats, pid, args, phase)
                        else:
                            await run_phase(users, chats, pid, args, phase)
                        phases.append(phase)
                        print(phase.line(), flush=True)
                report(phases, args.rounds)
            finally:
                if bot.running:
                    await bot.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=12.0)
    parser.add_argument("--rate", type=float, default=40.0)
    parser.add_argument("--users", type=int, default=120)
    parser.add_argument("--latency", type=float, default=0.05)
    args = parser.parse_args()
    if args.seconds > RETRY_AFTER - 5:
        parser.error(f"--seconds must leave the held phase inside the {RETRY_AFTER} s window")
    asyncio.run(bench(args))


if __name__ == "__main__":
    main()
