"""kill -9 trials: the real ``hearback run`` / ``hearback webhook`` killed during bursts.

Per trial: ``--users`` users each send ``--each`` messages at once, and the process is
killed with SIGKILL after a random number of Bot API calls (so at a random point of
fetching, storing, handling or answering), then started again. After all trials the bot
is left to finish and then stopped. Counted, against the fake Bot API's own records:

- lost updates: updates the users sent that are not in the inbox as handled;
- lost replies: updates handled whose reply never reached the user (each /help has one);
- duplicate replies: replies sent twice (allowed: delivery is at least once).

    .venv/bin/python bench/kill_trials.py [--trials 20] [--mode run|webhook|both]

Goal: 0 lost updates and 0 lost replies in every mode.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from e2e.conftest import TOKEN, BotProcess  # noqa: E402
from fakebot import FakeBotApi, FakeUser  # noqa: E402

HELP = "What I can do"


def replies(user: FakeUser) -> int:
    return sum(1 for m in user.messages if (m.text or "").startswith(HELP))


async def trials(mode: str, count: int, users_n: int, each: int, seed: int) -> None:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeBotApi(token=TOKEN, seed=seed) as fake:
            bot = BotProcess(fake, Path(tmp), command=mode, name=f"kill-{mode}")
            users = [fake.user(f"K{n}") for n in range(users_n)]
            began = time.perf_counter()
            await bot.start()
            for user in users:  # only /start makes an account
                user.mark_read()
                await user.send("/start")
                await user.wait_for_message(30)
            kills_at: list[int] = []
            try:
                for _ in range(count):
                    mark = len(fake.calls)
                    for _ in range(each):
                        for user in users:
                            await user.send("/help")
                    when = mark + rng.randint(1, users_n * each)
                    kills_at.append(when - mark)
                    with contextlib.suppress(TimeoutError):
                        await fake.wait_until(lambda when=when: len(fake.calls) >= when, 30)
                    await bot.kill()
                    await bot.start()
                expected = {u.id: len(u.sent) - 1 for u in users}  # all but the /start

                sent = {m.update_id for u in users for m in u.sent}

                def settled() -> bool:
                    # Every update handled (a reply sent twice after a kill can make the
                    # reply count before the last update even arrived) and every reply out.
                    if not all(replies(u) >= expected[u.id] for u in users):
                        return False
                    done = {
                        i for (i,) in bot.query("SELECT update_id FROM inbox WHERE state = 'done'")
                    }
                    return sent <= done

                with contextlib.suppress(TimeoutError):
                    await fake.wait_until(settled, 120)
                await bot.stop()
            finally:
                if bot.running:
                    await bot.kill()
            sent_ids = {m.update_id for u in users for m in u.sent}
            stored = dict(bot.query("SELECT update_id, state FROM inbox"))
            lost = sorted(i for i in sent_ids if stored.get(i) != "done")
            lost_updates = len(lost)
            if lost:
                states = {i: stored.get(i, "missing") for i in lost[:10]}
                print(f"    not handled: {states}", flush=True)
            lost_replies = sum(max(0, expected[u.id] - replies(u)) for u in users)
            duplicates = sum(max(0, replies(u) - expected[u.id]) for u in users)
            unsent = bot.query("SELECT count(*) FROM outbox")[0][0]
            print(
                f"{mode:8} {count} trials, {len(sent_ids)} updates from {users_n} users: "
                f"lost updates {lost_updates}, lost replies {lost_replies}, unsent in outbox "
                f"{unsent}, duplicate replies {duplicates}; kills after "
                f"{min(kills_at)}..{max(kills_at)} calls; {time.perf_counter() - began:.0f} s",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--mode", choices=["run", "webhook", "both"], default="both")
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--each", type=int, default=3)
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()
    modes = ["run", "webhook"] if args.mode == "both" else [args.mode]
    for mode in modes:
        asyncio.run(trials(mode, args.trials, args.users, args.each, args.seed))


if __name__ == "__main__":
    main()
