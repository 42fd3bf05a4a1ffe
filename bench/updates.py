"""Updates per second and bot-side latency: the real ``hearback run`` against an echo anchor.

Both bots run as their own processes, long polling the project's fake Bot API
(tests/fakebot), which runs here with the simulated users and answers every call but
getUpdates after ``--latency`` (50 ms). Rounds alternate anchor and HearBack in one run.
Each round has two phases:

- **throughput**: ``--users`` users, each sending its next update as soon as the previous
  one is answered (closed loop), for ``--seconds``: updates answered per second;
- **latency**: updates arrive at ``--rate`` per second (open loop), each from a user idle
  for over a second (a person reads the answer first): the bot-side latency of each, from
  the moment getUpdates handed it out to the arrival of its reply (p50, p99).

The workload mixes what users send: "should I call again?", /list, a press of the list's
first button, conversation steps (/new, a company, a role, /cancel) and /help. The anchor
(bench/echo_anchor.py) answers each with an HTML echo and a keyboard, and answers buttons.

HearBack runs on a SQLite file with ``--db-users`` users (a sample with an interview) and,
while it answers, nudges fall due for it to send at ``--nudge-rate`` per second (0: none;
shared pacer, replies not limited below 1000/s, one message per second per chat). Printed per
round: updates/s, p50/p99, nudges/s, the bot process's CPU time per update answered (user +
system, nudges included; it moves less with the machine's load than the rates do) and its
RSS at the end of the round.
``--distinct N`` adds, after the last round, N updates from N users never seen before and
prints HearBack's RSS growth per 100,000 of them.

    .venv/bin/python bench/updates.py [--db-users 10000] [--rounds 3] [--seconds 10]
        [--users 400] [--rate 100] [--latency 0.05] [--nudge-rate 30] [--distinct 0]

Goals: >= 100 updates/s on SQLite while nudges go out at 30/s; bot-side p99 <= 25 ms;
per-turn time (p50 at the offered rate) with 1M users within 20% of 10k users (run twice
with --db-users); RSS <= 150 MB with 1M users; <= 1 MB more per 100k distinct users.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))  # the fake Bot API lives with the tests

from fakebot import FakeBotApi  # noqa: E402

TOKEN = "123456:BENCH-updates-fake-token-0000000000"
NOW = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)  # a Wednesday noon: nudges inside the hours
ACTIVE_BASE = 10_000
NUDGE_BASE = 7_000_000_000
NEW_BASE = 8_000_000_000
STEPS = ["should I call again?", "/list", "PRESS", "/new", "Acme", "Engineer", "/cancel", "/help"]


# --- seeding (sqlite3 executemany: a million users in seconds) ---------------------------------


def seed(path: Path, db_users: int, active: int, due_nudges: int) -> None:
    from bot.storage.migrate import upgrade

    asyncio.run(upgrade(f"sqlite+aiosqlite:///{path}"))
    stamp = "%Y-%m-%d %H:%M:%S.%f"
    then = (NOW - timedelta(days=3)).replace(tzinfo=None).strftime(stamp)
    due = (NOW - timedelta(minutes=1)).replace(tzinfo=None).strftime(stamp)
    later = (NOW + timedelta(days=30)).replace(tzinfo=None).strftime(stamp)
    db = sqlite3.connect(path)
    try:
        chunk = 50_000
        for start in range(0, db_users, chunk):
            db.executemany(
                "INSERT INTO users (telegram_user_id, chat_id, zone, country, nudge_hour, "
                "language_code, created_at, updated_at) VALUES (?, ?, 'Europe/Berlin', 'DE', "
                "10, 'en', ?, ?)",
                [
                    (ACTIVE_BASE + i, ACTIVE_BASE + i, then, then)
                    for i in range(start, min(db_users, start + chunk))
                ],
            )
        db.executemany(
            "INSERT INTO users (telegram_user_id, chat_id, zone, country, nudge_hour, "
            "language_code, created_at, updated_at) VALUES (?, ?, 'UTC', 'DE', 10, 'en', ?, ?)",
            [(NUDGE_BASE + i, NUDGE_BASE + i, then, then) for i in range(due_nudges)],
        )
        owners = [
            row[0]
            for row in db.execute(
                "SELECT id FROM users WHERE telegram_user_id < ? OR telegram_user_id >= ? "
                "ORDER BY telegram_user_id",
                (ACTIVE_BASE + active, NUDGE_BASE),
            )
        ]
        db.executemany(
            "INSERT INTO interviews (owner_id, company, role, interviewed_at, vibe, status, "
            "created_at, updated_at) VALUES (?, ?, 'Engineer', ?, 'neutral', 'waiting', ?, ?)",
            [(owner, f"Company {owner}", then, then, then) for owner in owners],
        )
        rows = db.execute(
            "SELECT i.id, i.owner_id, u.telegram_user_id FROM interviews i "
            "JOIN users u ON u.id = i.owner_id"
        ).fetchall()
        db.executemany(
            "INSERT INTO nudges (interview_id, owner_id, kind, rules, due_at, state, attempts, "
            "created_at, updated_at) VALUES (?, ?, 'check_in', 'S2,S6,T4', ?, 'pending', 0, ?, ?)",
            [
                (interview, owner, due if chat >= NUDGE_BASE else later, then, then)
                for interview, owner, chat in rows
            ],
        )
        db.commit()
    finally:
        db.close()


# --- the simulated users ---------------------------------------------------------------------


@dataclass
class Round:
    bot: str
    phase: str
    seconds: float
    answered: int = 0
    latencies: list[float] = field(default_factory=list)
    nudges: int = 0
    rss_mb: float = 0.0
    unanswered: int = 0
    cpu: float = 0.0
    """CPU seconds the bot process used in the phase (user + system)."""
    driver_cpu: float = 0.0
    """CPU seconds this process (the fake Bot API and the users) used in the phase: near one
    core, its own delays would count as the bot's."""


def _chat_of(params: dict[str, Any]) -> int:
    try:
        return int(params.get("chat_id", 0))
    except (TypeError, ValueError):
        return 0


class Users:
    """Acts as the users inside the fake's event loop and times every answer."""

    def __init__(self, fake: FakeBotApi, latency: float) -> None:
        self.fake = fake
        self.delivered: dict[int, float] = {}
        self.waiting: dict[int, tuple[int, asyncio.Future[float]]] = {}
        self.nudges = 0
        self.step: dict[int, int] = {}
        self.idle_since: dict[int, float] = {}
        self.timed: list[tuple[float, str]] = []  # (seconds to the answer, what was sent)
        self.last_reply = 0.0  # when the bot last wrote to one of the users (not a nudge)
        for name, (canonical, handler) in list(fake._methods.items()):
            if name == "getupdates":
                fake._methods[name] = (canonical, self._stamp_updates(handler))
            else:
                fake._methods[name] = (canonical, self._slow(handler, latency, name))

    def _stamp_updates(self, handler: Any) -> Any:
        async def get_updates(params: dict[str, Any], files: Any) -> Any:
            result = await handler(params, files)
            now = time.perf_counter()
            for update in result:
                self.delivered.setdefault(update["update_id"], now)
            return result

        return get_updates

    def _slow(self, handler: Any, latency: float, name: str) -> Any:
        async def slow(params: dict[str, Any], files: Any) -> Any:
            arrived = time.perf_counter()
            if name == "sendmessage":
                self._arrived(params, arrived)
            if _chat_of(params) < NUDGE_BASE:
                self.last_reply = arrived
            if latency > 0:
                await asyncio.sleep(latency)
            return await handler(params, files)

        return slow

    def _arrived(self, params: dict[str, Any], at: float) -> None:
        chat = _chat_of(params)
        if chat >= NUDGE_BASE and chat < NEW_BASE:
            self.nudges += 1
            return
        pending = self.waiting.pop(chat, None)
        if pending is not None and not pending[1].done():
            update_id, future = pending
            sent = self.delivered.get(update_id)
            future.set_result(at - sent if sent is not None else float("nan"))

    async def quiet(self, gap: float = 1.5, limit: float = 60.0) -> None:
        """Wait until the bot has written to no user for ``gap`` seconds: the replies that the
        per-chat pace held back after a burst are out before the next phase is timed."""
        began = time.perf_counter()
        while time.perf_counter() - began < limit:
            wait = self.last_reply + gap - time.perf_counter()
            if wait <= 0:
                return
            await asyncio.sleep(wait)

    async def act(self, chat: int, text: str | None = None) -> float:
        """The user ``chat`` sends its next step; returns the bot-side seconds to the answer."""
        user = self.fake.user(first_name="Bench", user_id=chat)
        step = STEPS[self.step.get(chat, 0) % len(STEPS)] if text is None else text
        self.step[chat] = self.step.get(chat, 0) + 1
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        if step == "PRESS":
            message = next((m for m in reversed(user.messages) if m.buttons), None)
            data = next((d for _, d in message.buttons if d), None) if message else None
            if message is None or data is None:
                step = "/help"
            else:
                pressed = self.fake._user_press(user, message, data)
                self.waiting[chat] = (pressed.update_id, future)
        if step != "PRESS":
            sent = self.fake._user_message(user, step, {})
            self.waiting[chat] = (sent.update_id, future)
        try:
            took = await asyncio.wait_for(future, 30)
            self.timed.append((took, step))
            return took
        finally:
            self.waiting.pop(chat, None)
            self.idle_since[chat] = time.perf_counter()


async def closed_loop(users: Users, chats: list[int], seconds: float, result: Round) -> None:
    stop = time.perf_counter() + seconds

    async def one(chat: int) -> None:
        while time.perf_counter() < stop:
            try:
                result.latencies.append(await users.act(chat))
                result.answered += 1
            except TimeoutError:
                result.unanswered += 1

    await asyncio.gather(*(one(chat) for chat in chats))


async def open_loop(
    users: Users,
    chats: list[int],
    rate: float,
    seconds: float,
    result: Round,
    think: float,
    text: str | None = None,
) -> None:
    """``text`` (e.g. "/help") is what every user sends; by default each its next step."""
    began = time.perf_counter()
    tasks: set[asyncio.Task[None]] = set()
    busy: set[int] = set()
    ring = list(chats)
    random.Random(3).shuffle(ring)
    cursor = 0

    async def one(chat: int) -> None:
        try:
            result.latencies.append(await users.act(chat, text))
            result.answered += 1
        except TimeoutError:
            result.unanswered += 1
        finally:
            busy.discard(chat)

    for n in range(int(rate * seconds)):
        wait = began + n / rate - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        now = time.perf_counter()
        for _ in range(len(ring)):
            chat = ring[cursor % len(ring)]
            cursor += 1
            if chat not in busy and now - users.idle_since.get(chat, 0.0) >= think:
                busy.add(chat)
                task = asyncio.create_task(one(chat))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
                break
        else:
            result.unanswered += 1  # nobody idle: the offered rate was not met
    if tasks:
        await asyncio.gather(*tasks)


# --- the bot processes -------------------------------------------------------------------------


def rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


async def start_bot(kind: str, fake: FakeBotApi, db: Path, log: Path, nudge_rate: float) -> Any:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "RATE_"))}
    env.update(PYTHONUNBUFFERED="1", LOG_LEVEL="WARNING")
    if kind == "anchor":
        command = [sys.executable, str(REPO / "bench" / "echo_anchor.py"), fake.base_url, TOKEN]
    else:
        command = [str(Path(sys.executable).with_name("hearback")), "run"]
        env.update(
            DATABASE_URL=f"sqlite+aiosqlite:///{db}",
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=fake.base_url,
            RATE_LIMIT_PER_SECOND="1000",
            RATE_LIMIT_NUDGES_PER_SECOND=str(nudge_rate) if nudge_rate > 0 else "",
            RATE_LIMIT_CHAT_UPDATES_PER_MINUTE="1000",
            RATE_LIMIT_PER_CHAT_SECONDS=os.environ.get("BENCH_PER_CHAT_SECONDS", "1"),
            HEARBACK_TEST_NOW=NOW.isoformat(),
        )
    mark = len(fake.calls)
    with log.open("ab") as out:
        proc = await asyncio.create_subprocess_exec(
            *command, env=env, stdout=out, stderr=out, stdin=asyncio.subprocess.DEVNULL
        )
    await fake.wait_until(
        lambda: (
            any(c.method == "getUpdates" for c in fake.calls[mark:]) or proc.returncode is not None
        ),
        120,
    )
    if proc.returncode is not None:
        raise SystemExit(f"{kind} exited early; see {log}")
    return proc


async def stop_bot(proc: Any) -> None:
    if proc.returncode is None:
        proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(proc.wait(), 30)
        except TimeoutError:
            proc.kill()
            await proc.wait()


def cpu_seconds(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return float("nan")


async def settled(pid: int, *, idle_share: float = 0.1, window: float = 0.5) -> float:
    """Wait until the process is nearly idle (its start-up work, e.g. the city index, done);
    returns the seconds waited."""
    began = time.perf_counter()
    while time.perf_counter() - began < 120:
        before = cpu_seconds(pid)
        await asyncio.sleep(window)
        if cpu_seconds(pid) - before < idle_share * window:
            break
    return time.perf_counter() - began


def pct(values: list[float], q: float) -> float:
    ordered = sorted(v for v in values if v == v)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def show(r: Round) -> str:
    rate = r.answered / r.seconds
    line = (
        f"{r.bot:8} {r.phase:10} {rate:7.1f} updates/s  p50 {1000 * pct(r.latencies, 0.5):6.1f} ms"
        f"  p99 {1000 * pct(r.latencies, 0.99):7.1f} ms"
    )
    if r.bot == "hearback":
        line += f"  nudges {r.nudges / r.seconds:5.1f}/s"
    line += f"  CPU {1000 * r.cpu / max(1, r.answered):5.2f} ms/update"
    line += f"  RSS {r.rss_mb:6.1f} MB  driver CPU {100 * r.driver_cpu / r.seconds:3.0f}%"
    if r.unanswered:
        line += f"  (unanswered or not offered: {r.unanswered})"
    return line


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db-users", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--users", type=int, default=400)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--nudge-rate", type=float, default=30.0)
    parser.add_argument("--distinct", type=int, default=0)
    parser.add_argument("--keep", help="keep the database and logs in this folder")
    parser.add_argument(
        "--show-slow", type=int, default=0, help="print the N slowest answers of each phase"
    )
    args = parser.parse_args()
    active = min(args.db_users, max(args.users, int(args.rate * 3)))
    # Nudges go out from the bot's start: while it settles, warms up and between phases
    # (a minute or more on a crowded machine); enough are due that they never run out.
    per_round = int(args.nudge_rate * (2 * args.seconds + 300))
    due = per_round * args.rounds

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.keep or tmp)
        work.mkdir(parents=True, exist_ok=True)
        db = work / "bench.db"
        db.unlink(missing_ok=True)
        t0 = time.perf_counter()
        seed(db, args.db_users, active, due)
        print(
            f"seeded {args.db_users} users ({active} active, {due} nudges due) "
            f"in {time.perf_counter() - t0:.1f} s"
        )
        asyncio.run(run(args, work, db, active, due))


async def distinct_growth(users: Users, proc: Any, count: int) -> None:
    """``count`` updates from users never seen before; the bot's RSS after each quarter.

    The first quarters also fill what stops growing (SQLite's page caches, the allocator's
    arenas); the last shows what each further new user costs."""
    new = [NEW_BASE + i for i in range(count)]
    quarter = max(1, count // 4)
    marks = [rss_mb(proc.pid)]
    began = time.perf_counter()
    for part in range(0, count, quarter):
        chunk = new[part : part + quarter]
        for start in range(0, len(chunk), 200):
            await asyncio.gather(*(users.act(c, "/help") for c in chunk[start : start + 200]))
        marks.append(rss_mb(proc.pid))
    steps = [(b - a) * 100_000 / quarter for a, b in itertools.pairwise(marks)]
    print(
        f"distinct: {count} new users in {time.perf_counter() - began:.0f} s; RSS "
        + " -> ".join(f"{m:.1f}" for m in marks)
        + f" MB; {(marks[-1] - marks[0]) * 100_000 / count:.2f} MB per 100k over all; per "
        + "quarter: "
        + ", ".join(f"{x:.2f}" for x in steps)
        + " MB per 100k"
    )


async def run(args: argparse.Namespace, work: Path, db: Path, active: int, due: int) -> None:
    async with FakeBotApi(TOKEN, seed=1) as fake:
        users = Users(fake, args.latency)
        for chat in [
            *(ACTIVE_BASE + i for i in range(active)),
            *(NUDGE_BASE + i for i in range(due)),
        ]:
            fake._chat_of(fake.user(first_name="Bench", user_id=chat))
        chats = [ACTIVE_BASE + i for i in range(active)]
        results: list[Round] = []
        order = ["anchor", "hearback"]
        for number in range(args.rounds):
            for kind in order if number % 2 == 0 else order[::-1]:
                proc = await start_bot(kind, fake, db, work / f"{kind}.log", args.nudge_rate)
                await settled(proc.pid)  # start-up work (the city index) is not measured
                # Warm-up: a few users once (imports, caches, first queries).
                await asyncio.gather(*(users.act(c, "/help") for c in chats[:50]))
                for phase in ("throughput", "latency"):
                    await users.quiet()
                    r = Round(kind, phase, args.seconds)
                    nudges_before = users.nudges
                    cpu_before = cpu_seconds(proc.pid)
                    driver_before = time.process_time()
                    began = time.perf_counter()
                    users.timed.clear()
                    if phase == "throughput":
                        await closed_loop(users, chats[: args.users], args.seconds, r)
                    else:
                        await open_loop(users, chats, args.rate, args.seconds, r, think=1.2)
                    r.seconds = time.perf_counter() - began  # until the last answer came
                    r.nudges = users.nudges - nudges_before
                    r.cpu = cpu_seconds(proc.pid) - cpu_before
                    r.driver_cpu = time.process_time() - driver_before
                    r.rss_mb = rss_mb(proc.pid)
                    results.append(r)
                    print(f"round {number + 1}: " + show(r), flush=True)
                    if args.show_slow:
                        slow = sorted(users.timed, reverse=True)[: args.show_slow]
                        shown = ", ".join(f"{1000 * t:.0f} ms {s!r}" for t, s in slow)
                        print(f"  slowest: {shown}")
                if kind == "hearback" and number == args.rounds - 1 and args.distinct:
                    # Now, before the next bot starts: two bots polling at once would share
                    # the updates.
                    await distinct_growth(users, proc, args.distinct)
                await stop_bot(proc)

    print("\nmedians over rounds (spread = min..max):")
    for kind in order:
        for phase in ("throughput", "latency"):
            mine = [r for r in results if r.bot == kind and r.phase == phase]
            rates = [r.answered / r.seconds for r in mine]
            p50 = [1000 * pct(r.latencies, 0.5) for r in mine]
            p99 = [1000 * pct(r.latencies, 0.99) for r in mine]
            cpu = [1000 * r.cpu / max(1, r.answered) for r in mine]
            line = (
                f"{kind:8} {phase:10} {statistics.median(rates):7.1f} updates/s "
                f"({min(rates):.1f}..{max(rates):.1f})  p50 {statistics.median(p50):6.1f} ms "
                f"({min(p50):.1f}..{max(p50):.1f})  p99 {statistics.median(p99):7.1f} ms "
                f"({min(p99):.1f}..{max(p99):.1f})  CPU {statistics.median(cpu):.2f} ms/update "
                f"({min(cpu):.2f}..{max(cpu):.2f})"
            )
            if kind == "hearback":
                nudges = [r.nudges / r.seconds for r in mine]
                line += f"  nudges {statistics.median(nudges):.1f}/s"
                line += f"  RSS max {max(r.rss_mb for r in mine):.1f} MB"
            print(line)
    print(json.dumps({"db_users": args.db_users, "latency_s": args.latency}))


if __name__ == "__main__":
    main()
