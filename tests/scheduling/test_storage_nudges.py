"""The dispatcher's queries on SQLite and PostgreSQL: claims, tokens, leases, buttons."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from testkit.clock import NOW

from bot.core.records import InterviewStatus, NudgeState
from bot.core.types import StepKind
from bot.storage import nudges, repo
from bot.storage.db import immediate_transaction

from .support import seed

pytestmark = pytest.mark.parametrize(
    "fresh_url", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)

LEASE = timedelta(minutes=5)
Sessions = async_sessionmaker[AsyncSession]


async def claim(sessions: Sessions, token: str, limit: int = 100) -> list[nudges.ClaimedNudge]:
    async with sessions() as s, immediate_transaction(s):
        return await nudges.claim_due(s, now=NOW, token=token, lease=LEASE, limit=limit)


async def states(sessions: Sessions, owner_id: int, interview_id: int) -> list[NudgeState]:
    async with sessions() as s:
        rows = await repo.list_nudges(s, owner_id=owner_id, interview_id=interview_id)
    return [r.state for r in rows]


class TestClaim:
    """Only due, pending rows of users who did not block the bot; each once; oldest first."""

    async def test_due_rows_are_claimed_once_in_due_order(self, sessions: Sessions) -> None:
        due = await seed(sessions, users=3, due_at=NOW - timedelta(hours=1))
        later = await seed(sessions, users=1, due_at=NOW + timedelta(minutes=1))
        first = await claim(sessions, "t1", limit=2)
        second = await claim(sessions, "t2")
        assert [c.id for c in first + second] == [s.nudge_ids[0] for s in due]
        assert {c.token for c in first} == {"t1"} and {c.token for c in second} == {"t2"}
        assert await claim(sessions, "t3") == []  # nothing due left, nothing claimed twice
        assert await states(sessions, later[0].owner_id, later[0].interview_id) == [
            NudgeState.PENDING
        ]
        async with sessions() as s:
            row = await nudges.get_nudge(s, owner_id=due[0].owner_id, nudge_id=first[0].id)
        assert row is not None and row.state is NudgeState.CLAIMED
        assert row.claim_token == "t1" and row.lease_until == NOW + LEASE

    async def test_blocked_users_wait(self, sessions: Sessions) -> None:
        (blocked, free) = await seed(sessions, users=2, due_at=NOW - timedelta(minutes=5))
        async with sessions() as s, s.begin():
            await repo.mark_blocked(s, owner_id=blocked.owner_id, at=NOW)
        assert [c.id for c in await claim(sessions, "t")] == list(free.nudge_ids)
        async with sessions() as s:
            assert await nudges.next_wake_at(s) == NOW + LEASE  # the lease, not the blocked nudge
        async with sessions() as s, s.begin():
            await repo.unblock(s, owner_id=blocked.owner_id)
        assert [c.id for c in await claim(sessions, "t")] == list(blocked.nudge_ids)


class TestTokens:
    """Every write after the claim names the token; a lost claim cannot be finished."""

    async def test_sent_needs_the_sending_phase_of_the_same_token(self, sessions: Sessions) -> None:
        (user,) = await seed(sessions, users=1, due_at=NOW)
        (claimed,) = await claim(sessions, "mine")
        async with sessions() as s, s.begin():
            assert not await nudges.mark_sent(
                s, nudge_id=claimed.id, token="mine", now=NOW, message_id=5
            )  # not begun
            assert not await nudges.begin_delivery(
                s, nudge_id=claimed.id, token="theirs", now=NOW, lease=LEASE
            )
            assert await nudges.begin_delivery(
                s, nudge_id=claimed.id, token="mine", now=NOW, lease=LEASE
            )
            assert not await nudges.begin_delivery(
                s, nudge_id=claimed.id, token="mine", now=NOW, lease=LEASE
            )  # only once
            assert await nudges.mark_sent(
                s, nudge_id=claimed.id, token="mine", now=NOW, message_id=5
            )
        async with sessions() as s:
            row = await nudges.get_nudge(s, owner_id=user.owner_id, nudge_id=claimed.id)
        assert row is not None
        assert (row.state, row.sent_at, row.telegram_message_id, row.attempts) == (
            NudgeState.SENT,
            NOW,
            5,
            1,
        )
        assert row.claim_token is None and row.lease_until is None

    async def test_bulk_begin_and_sent_answer_for_each_nudge(self, sessions: Sessions) -> None:
        users = await seed(sessions, users=4, due_at=NOW)
        a, b, c, d = await claim(sessions, "t")
        async with sessions() as s, s.begin():
            began = await nudges.begin_deliveries(
                s,
                items=[(a.id, "t"), (b.id, "t"), (c.id, "other"), (d.id, "t")],
                now=NOW,
                lease=LEASE,
            )
            assert began == {a.id, b.id, d.id}  # c's claim is not "other"'s
            recorded = await nudges.mark_sent_many(
                s, items=[(a.id, "t", 101), (b.id, "t", None), (c.id, "t", 103)], now=NOW
            )
            assert recorded == {a.id, b.id}  # c never began
        async with sessions() as s:
            rows = {
                n.id: await nudges.get_nudge(s, owner_id=u.owner_id, nudge_id=n.id)
                for u, n in zip(users, (a, b, c, d), strict=True)
            }
        assert {i: (r.state, r.telegram_message_id) for i, r in rows.items() if r} == {
            a.id: (NudgeState.SENT, 101),
            b.id: (NudgeState.SENT, None),
            c.id: (NudgeState.CLAIMED, None),
            d.id: (NudgeState.CLAIMED, None),
        }

    async def test_expired_leases_return_and_say_which_may_have_been_sent(
        self, sessions: Sessions
    ) -> None:
        users = await seed(sessions, users=2, due_at=NOW)
        quiet, sending = await claim(sessions, "old")
        async with sessions() as s, s.begin():
            await nudges.begin_delivery(s, nudge_id=sending.id, token="old", now=NOW, lease=LEASE)
            assert await nudges.release_expired(s, now=NOW + LEASE - timedelta(seconds=1)) == []
        async with sessions() as s, s.begin():
            expired = await nudges.release_expired(s, now=NOW + LEASE + timedelta(seconds=1))
        assert {(e.id, e.was_sending) for e in expired} == {(quiet.id, False), (sending.id, True)}
        for user in users:
            assert await states(sessions, user.owner_id, user.interview_id) == [NudgeState.PENDING]
        async with sessions() as s, s.begin():
            # The old holder comes back too late: its writes no longer count.
            assert not await nudges.mark_sent(
                s, nudge_id=sending.id, token="old", now=NOW, message_id=1
            )
            assert not await nudges.skip(s, nudge_id=quiet.id, token="old", now=NOW, reason="x")

    async def test_failed_skipped_and_released_rows(self, sessions: Sessions) -> None:
        users = await seed(sessions, users=3, due_at=NOW)
        a, b, c = await claim(sessions, "t")
        later = NOW + timedelta(days=1)
        async with sessions() as s, s.begin():
            assert await nudges.mark_failed(s, nudge_id=a.id, token="t", now=NOW, error="x " * 400)
            assert await nudges.skip(s, nudge_id=b.id, token="t", now=NOW, reason="closed (S7)")
            assert await nudges.release(s, nudge_id=c.id, token="t", now=NOW, due_at=later)
        async with sessions() as s:
            rows = [
                await nudges.get_nudge(s, owner_id=u.owner_id, nudge_id=n.id)
                for u, n in zip(users, (a, b, c), strict=True)
            ]
            wake = await nudges.next_wake_at(s)
        assert [r.state for r in rows if r] == [
            NudgeState.FAILED,
            NudgeState.SKIPPED,
            NudgeState.PENDING,
        ]
        assert rows[0] is not None and len(rows[0].last_error or "") == nudges.ERROR_LIMIT
        assert rows[1] is not None and rows[1].reason == "closed (S7)"
        assert rows[2] is not None and rows[2].due_at == later
        assert wake == later

    async def test_the_next_wake_includes_running_leases(self, sessions: Sessions) -> None:
        await seed(sessions, users=1, due_at=NOW)
        await seed(sessions, users=1, due_at=NOW + timedelta(hours=2))
        await claim(sessions, "t")
        async with sessions() as s:
            assert await nudges.next_wake_at(s) == NOW + LEASE

    async def test_move_on_closes_a_waiting_interview_only(self, sessions: Sessions) -> None:
        waiting, replied = await seed(sessions, users=2, due_at=NOW, kinds=[StepKind.MOVE_ON])
        async with sessions() as s, s.begin():
            await repo.set_status(
                s,
                owner_id=replied.owner_id,
                interview_id=replied.interview_id,
                status=InterviewStatus.REPLIED,
            )
            for user in (waiting, replied):
                await nudges.mark_moved_on(
                    s, owner_id=user.owner_id, interview_id=user.interview_id, now=NOW
                )
        async with sessions() as s:
            moved = await repo.get_interview(
                s, owner_id=waiting.owner_id, interview_id=waiting.interview_id
            )
            kept = await repo.get_interview(
                s, owner_id=replied.owner_id, interview_id=replied.interview_id
            )
        assert moved is not None and moved.status is InterviewStatus.MOVED_ON
        assert kept is not None and kept.status is InterviewStatus.REPLIED


class TestButtons:
    """A sent nudge's buttons act once, for its owner only."""

    async def sent(self, sessions: Sessions) -> tuple[int, int, int]:
        (user,) = await seed(sessions, users=1, due_at=NOW)
        (other,) = await seed(sessions, users=1, due_at=NOW + timedelta(days=9))
        (claimed,) = await claim(sessions, "t")
        async with sessions() as s, s.begin():
            await nudges.begin_delivery(s, nudge_id=claimed.id, token="t", now=NOW, lease=LEASE)
            await nudges.mark_sent(s, nudge_id=claimed.id, token="t", now=NOW, message_id=9)
        return user.owner_id, other.owner_id, claimed.id

    async def test_handled_once_and_only_by_the_owner(self, sessions: Sessions) -> None:
        owner, stranger, nudge_id = await self.sent(sessions)
        async with sessions() as s, s.begin():
            assert await nudges.get_nudge(s, owner_id=stranger, nudge_id=nudge_id) is None
            assert not await nudges.mark_handled(
                s, owner_id=stranger, nudge_id=nudge_id, what="done", now=NOW
            )
            assert await nudges.mark_handled(
                s, owner_id=owner, nudge_id=nudge_id, what="done", now=NOW
            )
            assert not await nudges.mark_handled(
                s, owner_id=owner, nudge_id=nudge_id, what="stopped", now=NOW
            )
            assert not await nudges.snooze(
                s, owner_id=owner, nudge_id=nudge_id, until=NOW + timedelta(days=1), now=NOW
            )
            row = await nudges.get_nudge(s, owner_id=owner, nudge_id=nudge_id)
        assert row is not None and row.reason == "done" and row.state is NudgeState.SENT

    async def test_snooze_makes_it_pending_again(self, sessions: Sessions) -> None:
        owner, stranger, nudge_id = await self.sent(sessions)
        until = NOW + timedelta(days=1)
        async with sessions() as s, s.begin():
            assert not await nudges.snooze(
                s, owner_id=stranger, nudge_id=nudge_id, until=until, now=NOW
            )
            assert await nudges.snooze(s, owner_id=owner, nudge_id=nudge_id, until=until, now=NOW)
            row = await nudges.get_nudge(s, owner_id=owner, nudge_id=nudge_id)
            assert await nudges.next_wake_at(s) == until
        assert row is not None
        assert (row.state, row.due_at, row.sent_at, row.reason) == (
            NudgeState.PENDING,
            until,
            None,
            "snoozed",
        )


class TestSpacing:
    """After a reminder goes out, the later steps of a whole batch's interviews are read in one
    query and pushed back in one statement; only pending rows due earlier move."""

    async def test_pending_steps_and_postpone_many(self, sessions: Sessions) -> None:
        first, second = await seed(sessions, users=2, due_at=NOW - timedelta(hours=1))
        (tomorrow,) = await seed(sessions, users=1, due_at=NOW + timedelta(days=1))
        (claimed,) = await claim(sessions, "t", limit=1)
        assert claimed.interview_id == first.interview_id
        ids = [first.interview_id, second.interview_id, tomorrow.interview_id]
        async with sessions() as s:
            steps = await nudges.pending_steps(s, interview_ids=ids)
        assert first.interview_id not in steps  # claimed rows are not pending
        assert [(p.id, p.kind) for p in steps[second.interview_id]] == [
            (second.nudge_ids[0], StepKind.CHECK_IN)
        ]
        assert steps[tomorrow.interview_id][0].due_at == NOW + timedelta(days=1)

        later = NOW + timedelta(days=3)
        async with sessions() as s, s.begin():
            moved = await nudges.postpone_many(
                s,
                until={claimed.id: later, second.nudge_ids[0]: later, tomorrow.nudge_ids[0]: NOW},
                now=NOW,
            )
        assert moved == {second.nudge_ids[0]}  # claimed: not pending; tomorrow: already later
        async with sessions() as s:
            steps = await nudges.pending_steps(s, interview_ids=ids)
        assert steps[second.interview_id][0].due_at == later
        assert steps[tomorrow.interview_id][0].due_at == NOW + timedelta(days=1)
