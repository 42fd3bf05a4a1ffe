"""One user can never reach another's rows, whatever ids are passed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from testkit.clock import NOW as INTERVIEWED
from testkit.users import UserMaker

from bot.core.records import InterviewRecord, InterviewStatus, NudgeRecord, UserProfile
from bot.core.types import Channel, Recipient, Step, StepKind, Vibe
from bot.storage import repo

LATER = INTERVIEWED + timedelta(days=12)


@dataclass
class World:
    alice: UserProfile
    bob: UserProfile
    alice_interview: InterviewRecord
    alice_nudges: tuple[NudgeRecord, ...]
    bob_interview_id: int


@pytest.fixture
async def world(sessions: async_sessionmaker[AsyncSession], make_user: UserMaker) -> World:
    alice = await make_user()
    bob = await make_user()
    async with sessions() as s, s.begin():
        interview = await repo.create_interview(
            s,
            owner_id=alice.id,
            company="Alice Corp",
            role="Analyst",
            interviewed_at=INTERVIEWED,
            said="next week",
            people=[("Rita", Recipient.RECRUITER, "rita@alice.example")],
        )
        await repo.log_attempt(
            s,
            owner_id=alice.id,
            interview_id=interview.id,
            at=LATER,
            channel=Channel.EMAIL,
            to=Recipient.RECRUITER,
            person_id=interview.people[0].id,
        )
        nudges = await repo.replace_nudges(
            s,
            owner_id=alice.id,
            interview_id=interview.id,
            steps=[Step(StepKind.CHECK_IN, LATER + timedelta(days=7), ("S2",))],
        )
        assert nudges is not None
        await repo.save_conversation(
            s, owner_id=alice.id, name="new_interview", state="ASK_ROLE", data={"c": "Alice"}
        )
        bobs = await repo.create_interview(
            s, owner_id=bob.id, company="Bob Ltd", role="Dev", interviewed_at=INTERVIEWED
        )
        full = await repo.get_interview(s, owner_id=alice.id, interview_id=interview.id)
        assert full is not None
    return World(alice, bob, full, nudges, bobs.id)


async def _alice_unchanged(sessions: async_sessionmaker[AsyncSession], world: World) -> None:
    async with sessions() as s:
        now = await repo.get_interview(
            s, owner_id=world.alice.id, interview_id=world.alice_interview.id
        )
        assert now == world.alice_interview
        nudges = await repo.list_nudges(
            s, owner_id=world.alice.id, interview_id=world.alice_interview.id
        )
        assert nudges == world.alice_nudges
        assert await repo.get_conversation(s, owner_id=world.alice.id, name="new_interview") == (
            "ASK_ROLE",
            {"c": "Alice"},
        )


class TestOtherUsersIds:
    """Bob passing Alice's ids gets 'not found' and Alice's rows stay as they were."""

    async def test_reads(self, sessions: async_sessionmaker[AsyncSession], world: World) -> None:
        alice_iid = world.alice_interview.id
        async with sessions() as s:
            assert (
                await repo.get_interview(s, owner_id=world.bob.id, interview_id=alice_iid) is None
            )
            listed = await repo.list_interviews(s, owner_id=world.bob.id)
            assert [i.id for i in listed] == [world.bob_interview_id]
            assert await repo.list_nudges(s, owner_id=world.bob.id, interview_id=alice_iid) == ()
            assert (
                await repo.get_conversation(s, owner_id=world.bob.id, name="new_interview") is None
            )
            export = await repo.export_user(s, owner_id=world.bob.id)
        assert export is not None
        text = json.dumps(export)
        assert "Alice Corp" not in text and "rita@alice.example" not in text
        assert [i["id"] for i in export["interviews"]] == [world.bob_interview_id]

    async def test_updates(self, sessions: async_sessionmaker[AsyncSession], world: World) -> None:
        alice_iid = world.alice_interview.id
        async with sessions() as s, s.begin():
            bob = world.bob.id
            assert (
                await repo.update_interview(
                    s, owner_id=bob, interview_id=alice_iid, company="Hacked", vibe=Vibe.CHILLY
                )
                is None
            )
            assert (
                await repo.set_status(
                    s, owner_id=bob, interview_id=alice_iid, status=InterviewStatus.OFFER
                )
                is None
            )
            assert (
                await repo.add_person(
                    s, owner_id=bob, interview_id=alice_iid, name="Eve", role=Recipient.HR
                )
                is None
            )
            assert await repo.mark_attempts_answered(s, owner_id=bob, interview_id=alice_iid) == 0
            assert (
                await repo.replace_nudges(
                    s,
                    owner_id=bob,
                    interview_id=alice_iid,
                    steps=[Step(StepKind.MOVE_ON, LATER, ("S5",))],
                )
                is None
            )
            assert (
                await repo.cancel_pending_nudges(
                    s, owner_id=bob, interview_id=alice_iid, reason="x"
                )
                == 0
            )
        await _alice_unchanged(sessions, world)

    async def test_attempts(self, sessions: async_sessionmaker[AsyncSession], world: World) -> None:
        alice_iid = world.alice_interview.id
        alice_person = world.alice_interview.people[0].id
        async with sessions() as s, s.begin():

            async def attempt(interview_id: int, person_id: int | None = None) -> object:
                return await repo.log_attempt(
                    s,
                    owner_id=world.bob.id,
                    interview_id=interview_id,
                    at=LATER,
                    channel=Channel.EMAIL,
                    to=Recipient.RECRUITER,
                    person_id=person_id,
                )

            # Alice's interview, and Bob's own interview with Alice's person: both refused.
            assert await attempt(alice_iid) is None
            assert await attempt(world.bob_interview_id, alice_person) is None
            # Bob's own interview without a person is fine: the refusals above were not luck.
            assert await attempt(world.bob_interview_id) is not None
        await _alice_unchanged(sessions, world)

    async def test_deletes(self, sessions: async_sessionmaker[AsyncSession], world: World) -> None:
        alice_iid = world.alice_interview.id
        async with sessions() as s, s.begin():
            bob = world.bob.id
            assert not await repo.delete_interview(s, owner_id=bob, interview_id=alice_iid)
            assert not await repo.remove_person(
                s, owner_id=bob, person_id=world.alice_interview.people[0].id
            )
            assert not await repo.clear_conversation(s, owner_id=bob, name="new_interview")
            attempt_id = world.alice_interview.attempts[0].id
            assert await repo.delete_attempt(s, owner_id=bob, attempt_id=attempt_id) is None
        await _alice_unchanged(sessions, world)

    async def test_erasing_one_user_leaves_the_other(
        self, sessions: async_sessionmaker[AsyncSession], world: World
    ) -> None:
        async with sessions() as s, s.begin():
            assert await repo.erase_user(s, owner_id=world.bob.id)
        await _alice_unchanged(sessions, world)
        async with sessions() as s:
            counts = await repo.count_rows(s, owner_id=world.alice.id)
        assert counts == {
            "users": 1,
            "interviews": 1,
            "people": 1,
            "attempts": 1,
            "nudges": 1,
            "conversations": 1,
        }


async def test_blocked_mark_is_per_user(
    sessions: async_sessionmaker[AsyncSession], make_user: UserMaker
) -> None:
    alice = await make_user()
    bob = await make_user()
    async with sessions() as s, s.begin():
        await repo.mark_blocked(s, owner_id=bob.id, at=datetime(2026, 11, 20, tzinfo=UTC))
    async with sessions() as s:
        stored = await repo.get_user(s, owner_id=alice.id)
    assert stored is not None and stored.blocked_at is None
