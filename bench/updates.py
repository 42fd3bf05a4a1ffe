"""Updates per second and latency of HearBack against a bare PTB echo bot.

Both run the real PTB ``Application`` with the same in-process Bot API
(``LocalBotApi``) in the same run; HearBack works on a SQLite file holding 10,000 users
(each with an interview). The workload is a realistic mix of what users send after an
interview: /list, "should I call again?" through to the verdict, /status, /help, /why and
free text. Prints updates/s, p50 and p99 per bot, and the throughput ratio.

    .venv/bin/python bench/updates.py [--users 10000] [--updates 3000]

Goals: HearBack's throughput >= 0.5 of the echo bot's, p99 < 20 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from telegram import Update
from telegram.ext import ApplicationBuilder, MessageHandler, filters

from bot.config import Settings
from bot.core.calendar import BusinessCalendar
from bot.core.plan import make_plan
from bot.core.types import Interview, Vibe
from bot.storage import repo
from bot.storage.db import make_engine, make_sessionmaker
from bot.storage.migrate import upgrade
from bot.storage.models import InterviewRow, UserRow
from bot.telegram.app import build_application
from bot.telegram.localapi import LOCAL_TOKEN, LocalBotApi
from bot.telegram.updates import callback_update, text_update

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


async def seed(url: str, users: int) -> None:
    await upgrade(url)
    engine = make_engine(url)
    interviewed = NOW - timedelta(days=3)
    async with engine.begin() as conn:
        await conn.execute(
            insert(UserRow),
            [
                {
                    "telegram_user_id": 10_000 + i,
                    "chat_id": 10_000 + i,
                    "zone": "America/New_York",
                    "country": "US",
                    "nudge_hour": 10,
                    "language_code": "en",
                    "created_at": interviewed,
                    "updated_at": interviewed,
                }
                for i in range(users)
            ],
        )
    sessions = make_sessionmaker(engine)
    cal = BusinessCalendar("America/New_York")
    # Interviews with their plans, for a sample of users (every user would only slow seeding).
    async with sessions() as session, session.begin():
        for i in range(0, users, max(1, users // 500)):
            user = await repo.get_user_by_telegram_id(session, telegram_user_id=10_000 + i)
            assert user is not None
            record = await repo.create_interview(
                session,
                owner_id=user.id,
                company=f"Company {i}",
                role="Engineer",
                interviewed_at=interviewed,
                vibe=Vibe.WARM,
            )
            plan = make_plan(Interview(interviewed_at=interviewed, vibe=Vibe.WARM), cal=cal)
            await repo.replace_nudges(
                session, owner_id=user.id, interview_id=record.id, steps=plan.steps
            )
    await engine.dispose()
    _ = InterviewRow


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def measure(app: Any, updates: list[Update]) -> tuple[float, list[float]]:
    latencies: list[float] = []
    start = time.perf_counter()
    for update in updates:
        t0 = time.perf_counter()
        await app.process_update(update)
        latencies.append((time.perf_counter() - t0) * 1000)
    return len(updates) / (time.perf_counter() - start), latencies


def workload(bot: Any, users: int, count: int, rng: random.Random) -> list[Update]:
    sampled = [10_000 + i for i in range(0, users, max(1, users // 500))]
    out: list[Update] = []
    for _ in range(count):
        uid = rng.choice(sampled)
        pick = rng.random()
        if pick < 0.3:
            out.append(text_update(bot, uid, "should I call again?"))
        elif pick < 0.5:
            out.append(text_update(bot, uid, "/list"))
        elif pick < 0.6:
            out.append(text_update(bot, uid, "/status"))
        elif pick < 0.75:
            out.append(callback_update(bot, uid, "set", message_id=1))
        elif pick < 0.85:
            out.append(text_update(bot, uid, "/why"))
        else:
            out.append(text_update(bot, uid, "/help"))
    return out


async def echo_app() -> Any:
    app = (
        ApplicationBuilder()
        .token(LOCAL_TOKEN)
        .request(LocalBotApi())
        .get_updates_request(LocalBotApi())
        .build()
    )

    async def echo(update: Update, context: Any) -> None:
        assert update.effective_chat is not None and update.effective_message is not None
        await context.bot.send_message(
            update.effective_chat.id, update.effective_message.text or "?"
        )

    app.add_handler(MessageHandler(filters.ALL, echo))
    await app.initialize()
    return app


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--updates", type=int, default=3_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        t0 = time.perf_counter()
        await seed(url, args.users)
        print(f"seeded {args.users} users in {time.perf_counter() - t0:.1f} s")
        engine = make_engine(url)
        hearback = build_application(
            Settings(database_url=url),
            token=LOCAL_TOKEN,
            engine=engine,
            request=LocalBotApi(),
            updates_request=LocalBotApi(),
            clock=lambda: NOW,
            rate_limit=False,
        )
        await hearback.initialize()
        echo = await echo_app()
        rng = random.Random(7)
        # Warm up both (imports, caches, first queries), then measure in one run.
        await measure(hearback, workload(hearback.bot, args.users, 200, rng))
        await measure(echo, workload(echo.bot, args.users, 200, rng))
        results = {}
        for name, app in (("echo", echo), ("hearback", hearback)):
            rate, lat = await measure(app, workload(app.bot, args.users, args.updates, rng))
            results[name] = rate
            print(
                f"{name:9} {rate:8.0f} updates/s  p50 {statistics.median(lat):6.2f} ms  "
                f"p99 {percentile(lat, 0.99):6.2f} ms"
            )
        print(f"throughput ratio hearback/echo: {results['hearback'] / results['echo']:.3f}")
        await hearback.shutdown()
        await echo.shutdown()
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
