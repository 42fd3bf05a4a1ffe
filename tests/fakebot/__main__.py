"""Standalone mode: ``PYTHONPATH=tests python -m fakebot --port 8081 --token 123456:ABC``.

The package lives in ``tests/`` beside :mod:`testkit`, which it uses; ``tests/`` on the path
makes both importable, as pytest and ``bench/`` do.

Serves the Bot API on ``http://HOST:PORT/bot<token>/<method>`` and a small control API:
``POST /_fake/users/<id>/messages {"text": ...}``, ``POST /_fake/users/<id>/press
{"message_id": ..., "button": ...}``, ``GET /_fake/chats/<id>/messages``, ``GET /_fake/stats``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from .server import FakeBotApi


async def _serve(host: str, port: int, token: str, seed: int) -> None:
    async with FakeBotApi(token=token, host=host, port=port, seed=seed) as fake:
        print(f"fake Bot API on {fake.base_url}<token>/<method>", flush=True)
        await asyncio.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(description="A fake Telegram Bot API server for tests.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default="123456:TEST-fake-bot-token")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.host, args.port, args.token, args.seed))


if __name__ == "__main__":
    main()
