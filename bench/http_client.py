"""CPU per Bot API request: PTB's own client (httpx, the anchor) against the bot's (aiohttp).

Both send the same ``sendMessage`` (HTML text and a keyboard) through a real PTB ``Bot`` to
the project's fake Bot API, run in a process of its own so that only the client's work is
counted: CPU time of this process per request, 8 requests in flight. Rounds alternate the
two clients; printed per round and as medians with their spread.

    .venv/bin/python bench/http_client.py [--rounds 5] [--requests 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

TOKEN = "123456:BENCH-http-client-token"
CHAT = 777


def serve(ready: Any, port: Any) -> None:
    from fakebot import FakeBotApi

    async def run() -> None:
        async with FakeBotApi(TOKEN, seed=1) as fake:
            fake._chat_of(fake.user(first_name="Bench", user_id=CHAT))
            port.value = int(fake.base_url.split(":")[2].split("/")[0])
            ready.set()
            await asyncio.Event().wait()  # until the bench ends this process

    asyncio.run(run())


async def measure(kind: str, base_url: str, requests: int, in_flight: int) -> float:
    from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
    from telegram.request import HTTPXRequest

    from bot.telegram.httpclient import AiohttpRequest

    def client() -> Any:
        if kind == "httpx":
            return HTTPXRequest(connection_pool_size=16, httpx_kwargs={"verify": False})
        return AiohttpRequest(16)

    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Again", callback_data="again")]])
    async with Bot(TOKEN, base_url=base_url, request=client(), get_updates_request=client()) as bot:

        async def one() -> None:
            await bot.send_message(CHAT, "Noted: <b>Acme</b>, Engineer.", reply_markup=keyboard)

        for _ in range(50):  # warm-up: connections, caches
            await one()
        gate = asyncio.Semaphore(in_flight)

        async def limited() -> None:
            async with gate:
                await one()

        began = time.process_time()
        await asyncio.gather(*(limited() for _ in range(requests)))
        return (time.process_time() - began) / requests


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--in-flight", type=int, default=8)
    args = parser.parse_args()
    context = multiprocessing.get_context("spawn")
    ready, port = context.Event(), context.Value("i", 0)
    server = context.Process(target=serve, args=(ready, port), daemon=True)
    server.start()
    try:
        if not ready.wait(120):
            raise SystemExit("the fake Bot API did not start")
        base_url = f"http://127.0.0.1:{port.value}/bot"
        figures: dict[str, list[float]] = {"httpx": [], "aiohttp": []}
        for number in range(args.rounds):
            order = ["httpx", "aiohttp"] if number % 2 == 0 else ["aiohttp", "httpx"]
            for kind in order:
                cpu = asyncio.run(measure(kind, base_url, args.requests, args.in_flight))
                figures[kind].append(cpu * 1e6)
                print(f"round {number + 1}: {kind:8} {cpu * 1e6:7.0f} us CPU per request")
        print("\nmedians over rounds (spread = min..max):")
        for kind, values in figures.items():
            print(
                f"{kind:8} {statistics.median(values):7.0f} us CPU per request "
                f"({min(values):.0f}..{max(values):.0f})"
            )
        ratio = statistics.median(figures["httpx"]) / statistics.median(figures["aiohttp"])
        print(f"httpx / aiohttp: {ratio:.1f}x")
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
