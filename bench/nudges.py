"""Nudge delivery: throughput against a fake Bot API, and start-up with a million pending.

(a) N nudges due at once (default 900, one per user), the dispatcher with its rate limit
    against the project's fake Bot API (tests/fakebot) running in its own process with a
    configurable per-call latency. By default the shipped setting: 30/s, one HTTP client of
    the bot's pool size and the dispatcher's default in-flight bound (``--rate 300 --lanes
    6`` is the old stress setting: six clients of 8 connections). Prints messages/s as a
    fraction of the limit (goal >= 0.95), the 429s the fake answered, the sends that would
    exceed the limit in any one-second window (what Telegram would answer with 429),
    duplicates (goals: 0), and the dispatcher process's CPU time per nudge.
(b) 1,000,000 pending nudges in a SQLite file (bulk insert with executemany in chunks),
    then a fresh process starts the dispatcher the way the bot does (PTB JobQueue, one
    run at start for whatever is overdue): prints the start time and the process's peak
    RSS (goals: < 5 s, < 200 MB). Then the real ``hearback run`` starts on that file
    against the fake Bot API: the seconds from spawning it (imports, settings, database
    check, recovery, the nudge service) to its first getUpdates, and its RSS then
    (goal: within 5 s, imports included).

    .venv/bin/python bench/nudges.py [--n 900] [--rate 30] [--latency 0.05] [--lanes 1]
                                     [--rows 1000000] [--only a|b] [--cache-sniffio-miss]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))  # the fake Bot API lives with the tests

# A Wednesday noon in UTC: a business day inside everyone's hours (S6).
NOW = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)
TOKEN = "123456:BENCH-fake-bot-token-not-real-0000"
_NUDGE = re.compile(r"^n:(\d+):")


# --- (a) the fake Bot API in its own process -----------------------------------------------------


def _serve_fake(conn: Connection, chats: list[int], latency: float) -> None:
    asyncio.run(_fake_main(conn, chats, latency))


async def _fake_main(conn: Connection, chats: list[int], latency: float) -> None:
    from fakebot import FakeBotApi

    async with FakeBotApi(TOKEN) as fake:
        for chat in chats:
            await fake.user(first_name="Ann", user_id=chat).send("/start")
        if latency > 0:
            fake.faults.add(kind="delay", method="sendMessage", delay=latency)
        conn.send(fake.base_url)
        await asyncio.get_running_loop().run_in_executor(None, conn.recv)  # "report"
        sends = [c for c in fake.calls if c.method == "sendMessage"]
        per_nudge: Counter[int] = Counter()
        for chat in chats:
            for message in fake.transcript(chat):
                data = next((d for _, d in message.buttons if d), "")
                match = _NUDGE.match(data)
                if match:
                    per_nudge[int(match.group(1))] += 1
        conn.send(
            {
                "ok": sum(1 for c in sends if c.status == 200),
                "status_429": sum(1 for c in sends if c.status == 429),
                "other_errors": sum(1 for c in sends if c.status not in (200, 429)),
                "times": sorted(c.at for c in sends if c.status == 200),
                "per_nudge": dict(per_nudge),
            }
        )


def _over_limit(times: list[float], rate: float) -> int:
    """Sends beyond ``rate`` in any one-second window starting at a send."""
    worst = 0
    j = 0
    for i, start in enumerate(times):
        while j < len(times) and times[j] < start + 1.0:
            j += 1
        worst = max(worst, (j - i) - int(rate))
    return max(worst, 0)


async def _seed_due(url: str, n: int) -> list[int]:
    from sqlalchemy import insert

    from bot.core.records import InterviewStatus, NudgeState
    from bot.core.types import StepKind, Vibe
    from bot.storage.db import make_engine, make_sessionmaker
    from bot.storage.models import InterviewRow, NudgeRow, UserRow

    engine = make_engine(url)
    chats = [7_000_000_000 + i for i in range(n)]
    then = NOW - timedelta(days=14)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            users = (
                await session.execute(
                    insert(UserRow).returning(UserRow.id),
                    [
                        {
                            "telegram_user_id": c,
                            "chat_id": c,
                            "zone": "UTC",
                            "nudge_hour": 10,
                            "created_at": then,
                            "updated_at": then,
                        }
                        for c in chats
                    ],
                )
            ).scalars()
            owners = list(users)
            interviews = (
                await session.execute(
                    insert(InterviewRow).returning(InterviewRow.id),
                    [
                        {
                            "owner_id": owner,
                            "company": f"Company {i}",
                            "role": "Engineer",
                            "interviewed_at": then,
                            "vibe": Vibe.NEUTRAL,
                            "status": InterviewStatus.WAITING,
                            "created_at": then,
                            "updated_at": then,
                        }
                        for i, owner in enumerate(owners)
                    ],
                )
            ).scalars()
            await session.execute(
                insert(NudgeRow),
                [
                    {
                        "interview_id": interview,
                        "owner_id": owner,
                        "kind": StepKind.CHECK_IN,
                        "rules": "S2,S6,T4",
                        "due_at": NOW - timedelta(minutes=1),
                        "state": NudgeState.PENDING,
                        "attempts": 0,
                        "created_at": then,
                        "updated_at": then,
                    }
                    for owner, interview in zip(owners, list(interviews), strict=True)
                ],
            )
    finally:
        await engine.dispose()
    return chats


async def bench_throughput(n: int, rate: float, latency: float, lanes: int, workdir: Path) -> None:
    from telegram import Bot

    from bot.scheduling.dispatcher import DispatchConfig, Dispatcher
    from bot.storage.db import make_engine, make_sessionmaker
    from bot.storage.migrate import upgrade
    from bot.telegram.httpclient import AiohttpRequest
    from bot.telegram.nudges import render_nudge

    url = f"sqlite+aiosqlite:///{workdir / 'throughput.db'}"
    await upgrade(url)
    chats = await _seed_due(url, n)

    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    server = context.Process(target=_serve_fake, args=(child, chats, latency), daemon=True)
    server.start()
    base_url = await asyncio.get_running_loop().run_in_executor(None, parent.recv)

    engine = make_engine(url)
    if lanes == 1:  # as shipped: the bot's one client and the dispatcher's defaults
        from bot.telegram.app import HTTP_CONNECTIONS

        config = DispatchConfig(rate_per_second=rate)
        pool = HTTP_CONNECTIONS
    else:
        config = DispatchConfig(rate_per_second=rate, max_in_flight=8 * lanes, batch_size=400)
        pool = 8
    bots = [
        Bot(
            TOKEN,
            base_url=base_url,
            request=AiohttpRequest(pool),  # the bot's own client, as shipped
        )
        for _ in range(lanes)
    ]
    try:
        for bot in bots:
            await bot.initialize()
        dispatcher = Dispatcher(
            make_sessionmaker(engine), bots, render=render_nudge, clock=lambda: NOW, config=config
        )
        starts: list[float] = []
        turn = dispatcher.pacer.turn

        async def recorded_turn(chat_id: int) -> None:
            await turn(chat_id)
            starts.append(time.monotonic())  # the moment the pacer lets the send start

        dispatcher.pacer.turn = recorded_turn  # type: ignore[method-assign]
        began = time.perf_counter()
        cpu_before = time.process_time()
        report = await dispatcher.run()
        elapsed = time.perf_counter() - began
        cpu = time.process_time() - cpu_before
    finally:
        for bot in bots:
            await bot.shutdown()
        await engine.dispose()
    parent.send("report")
    seen: dict[str, Any] = await asyncio.get_running_loop().run_in_executor(None, parent.recv)
    server.join(10)
    fake_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)

    times: list[float] = seen["times"]
    span = times[-1] - times[0] if len(times) > 1 else float("nan")
    achieved = (len(times) - 1) / span if len(times) > 1 else 0.0
    duplicates = sum(c - 1 for c in seen["per_nudge"].values() if c > 1)
    missing = n - len(seen["per_nudge"])
    print(
        f"(a) {n} nudges due at once, limit {rate:g}/s, fake Bot API latency {latency:g} s, "
        f"{lanes} HTTP client(s) x {pool} connections"
    )
    print(f"    sent {report.sent}, failed {report.failed}, run took {elapsed:.2f} s")
    print(f"    achieved {achieved:.1f} msgs/s = {achieved / rate:.3f} of the limit (goal >= 0.95)")
    print(
        f"    429 answered: {seen['status_429']}, duplicates: {duplicates}, "
        f"missing: {missing} (goals: 0)"
    )
    print(
        f"    sends beyond {rate:g} in any 1-s window: {_over_limit(starts, rate)} as started "
        f"by the dispatcher, {_over_limit(times, rate)} as stamped by the fake on arrival "
        "(its own event loop adds jitter)"
    )
    print(f"    ledger: {dispatcher.ledger.transactions} write transactions for {report.sent} msgs")
    print(
        f"    CPU: dispatcher process {cpu:.2f} s ({1000 * cpu / max(report.sent, 1):.2f} ms/msg), "
        f"fake Bot API process {fake_cpu.ru_utime + fake_cpu.ru_stime:.2f} s"
    )


# --- (b) a million pending nudges -----------------------------------------------------------------


def build_million(path: Path, rows: int, due_now: int) -> float:
    """Users, interviews and ``rows`` pending nudges with sqlite3 executemany; returns seconds."""
    from bot.storage.migrate import upgrade

    url = f"sqlite+aiosqlite:///{path}"
    asyncio.run(upgrade(url))
    began = time.perf_counter()
    per_interview, per_user = 5, 2
    interviews = rows // per_interview
    users = interviews // per_user
    stamp = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores DATETIME on SQLite (UTC here)
    then = (NOW - timedelta(days=3)).replace(tzinfo=None).strftime(stamp)
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = OFF")
        with db:
            db.executemany(
                "INSERT INTO users (id, telegram_user_id, chat_id, zone, nudge_hour, "
                "created_at, updated_at) VALUES (?, ?, ?, 'UTC', 10, ?, ?)",
                (
                    (u, 8_000_000_000 + u, 8_000_000_000 + u, then, then)
                    for u in range(1, users + 1)
                ),
            )
            db.executemany(
                "INSERT INTO interviews (id, owner_id, company, role, interviewed_at, vibe, "
                "status, created_at, updated_at) VALUES (?, ?, ?, 'Engineer', ?, 'neutral', "
                "'waiting', ?, ?)",
                (
                    (i, (i - 1) // per_user + 1, f"Company {i}", then, then, then)
                    for i in range(1, interviews + 1)
                ),
            )
            chunk: list[tuple[Any, ...]] = []
            kinds = ("check_in", "second_follow_up", "hiring_manager", "move_on", "check_in")
            for k in range(rows):
                interview = k // per_interview + 1
                owner = (interview - 1) // per_user + 1
                if k % 10 == 0 and k // 10 < due_now:  # one overdue nudge per user
                    due = NOW - timedelta(minutes=5)
                else:
                    due = NOW + timedelta(minutes=10 + (k * 7919) % (60 * 24 * 60))
                chunk.append(
                    (
                        interview,
                        owner,
                        kinds[k % per_interview],
                        "S2,S6",
                        due.replace(tzinfo=None).strftime(stamp),
                        then,
                        then,
                    )
                )
                if len(chunk) == 50_000:
                    _insert_nudges(db, chunk)
                    chunk = []
            if chunk:
                _insert_nudges(db, chunk)
        db.execute("ANALYZE")
    finally:
        db.close()
    return time.perf_counter() - began


def _insert_nudges(db: sqlite3.Connection, chunk: list[tuple[Any, ...]]) -> None:
    db.executemany(
        "INSERT INTO nudges (interview_id, owner_id, kind, rules, due_at, state, attempts, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
        chunk,
    )


async def start_only(url: str, rate: float) -> None:
    """Run in a fresh process: start the nudge service as the bot does; print figures."""
    began = time.perf_counter()
    from telegram.ext import ApplicationBuilder

    from bot.scheduling.dispatcher import DispatchConfig, Dispatcher
    from bot.scheduling.service import NudgeService
    from bot.storage.db import make_engine, make_sessionmaker
    from bot.telegram.localapi import LOCAL_TOKEN, LocalBotApi
    from bot.telegram.nudges import render_nudge

    imported = time.perf_counter()
    api = LocalBotApi()
    app = ApplicationBuilder().token(LOCAL_TOKEN).request(api).get_updates_request(api).build()
    await app.initialize()
    await app.start()
    engine = make_engine(url)
    dispatcher = Dispatcher(
        make_sessionmaker(engine),
        app.bot,
        render=render_nudge,
        clock=lambda: NOW,
        config=DispatchConfig(rate_per_second=rate),
    )
    service = NudgeService(dispatcher, job_queue=app.job_queue, clock=lambda: NOW)
    started = time.perf_counter()
    await service.start()
    await service.settled()
    ready = time.perf_counter()
    assert app.job_queue is not None
    jobs = len(app.job_queue.jobs())
    print(
        f"    start: {ready - started:.2f} s to start the service, deliver the "
        f"{service.total.sent} overdue nudge(s) and arm the next job "
        f"({service.armed_for:%Y-%m-%d %H:%M} UTC); imports {imported - began:.2f} s"
    )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"    APScheduler jobs: {jobs}; peak RSS of this process: {peak_mb:.0f} MB "
        "(goals: < 5 s, < 200 MB)"
    )
    await service.stop()
    await app.stop()
    await app.shutdown()
    await engine.dispose()


def bench_million(rows: int, rate: float, workdir: Path) -> None:
    path = workdir / "million.db"
    due_now = 100
    seconds = build_million(path, rows, due_now)
    size_mb = path.stat().st_size / 1e6
    print(
        f"(b) {rows:,} pending nudges in SQLite ({size_mb:.0f} MB, {due_now} of them overdue), "
        f"bulk insert {seconds:.1f} s"
    )
    url = f"sqlite+aiosqlite:///{path}"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run(
        [sys.executable, __file__, "--start-only", url, "--rate", str(rate)], check=True, env=env
    )
    asyncio.run(bot_start(path))


async def bot_start(path: Path, runs: int = 3) -> None:
    """``hearback run`` on the million-nudge file: spawn to first getUpdates, ``runs`` times."""
    from fakebot import FakeBotApi

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "RATE_"))}
    env.update(
        PYTHONUNBUFFERED="1",
        LOG_LEVEL="WARNING",
        DATABASE_URL=f"sqlite+aiosqlite:///{path}",
        TELEGRAM_BOT_TOKEN=TOKEN,
        HEARBACK_TEST_NOW=NOW.isoformat(),
    )
    command = [str(Path(sys.executable).with_name("hearback")), "run"]
    seconds: list[float] = []
    rss: list[float] = []
    async with FakeBotApi(TOKEN) as fake:
        env["TELEGRAM_API_BASE_URL"] = fake.base_url
        for _ in range(runs):
            mark = len(fake.calls)
            began = time.perf_counter()
            proc = await asyncio.create_subprocess_exec(
                *command,
                env=env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
            )
            await fake.wait_until(_polling(fake, mark, proc), 120)
            seconds.append(time.perf_counter() - began)
            rss.append(_rss_mb(proc.pid))
            if proc.returncode is None:
                proc.terminate()
            await proc.wait()
    ordered = sorted(seconds)
    print(
        f"    hearback run: first getUpdates {ordered[len(ordered) // 2]:.2f} s after spawn "
        f"(median of {runs}: {ordered[0]:.2f}..{ordered[-1]:.2f}; imports included), RSS then "
        f"{max(rss):.0f} MB (goal: within 5 s)"
    )


def _polling(fake: Any, mark: int, proc: Any) -> Any:
    """True once the bot asked for updates after call ``mark`` (or exited)."""
    return lambda: (
        any(c.method == "getUpdates" for c in fake.calls[mark:]) or proc.returncode is not None
    )


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=900)
    parser.add_argument("--rate", type=float, default=30.0)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument(
        "--lanes", type=int, default=1, help="HTTP clients (1: the bot's; more: 8 connections)"
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--only", choices=("a", "b"))
    parser.add_argument(
        "--cache-sniffio-miss",
        action="store_true",
        help="remember that 'sniffio' is not installed (as installing it would): httpcore "
        "tries to import it several times per request, each try searching all of sys.path",
    )
    parser.add_argument("--start-only", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cache_sniffio_miss and "sniffio" not in sys.modules:
        sys.modules["sniffio"] = None  # type: ignore[assignment]  # "import sniffio" fails fast
    if args.start_only:
        asyncio.run(start_only(args.start_only, args.rate))
        return
    with tempfile.TemporaryDirectory(prefix="hearback-bench-") as tmp:
        workdir = Path(tmp)
        if args.only in (None, "a"):
            asyncio.run(bench_throughput(args.n, args.rate, args.latency, args.lanes, workdir))
        if args.only in (None, "b"):
            bench_million(args.rows, args.rate, workdir)


if __name__ == "__main__":
    main()
