"""Repository functions do what their names say, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from testkit.clock import NOW as INTERVIEWED
from testkit.users import UserMaker, new_user_id

from bot.core.records import InterviewStatus, NudgeState, UserProfile
from bot.core.types import Channel, Interview, Recipient, Step, StepKind, Vibe
from bot.storage import repo
from bot.storage.models import NudgeRow


async def _interview(session: AsyncSession, user: UserProfile, **extra: object) -> int:
    record = await repo.create_interview(
        session,
        owner_id=user.id,
        company="Acme",
        role="Data engineer",
        interviewed_at=INTERVIEWED,
        **extra,  # type: ignore[arg-type]
    )
    return record.id


class TestUsers:
    """A user is created on first contact and found again by Telegram id."""

    async def test_get_or_create_is_idempotent_and_refreshes_chat(
        self, session: AsyncSession
    ) -> None:
        tg = new_user_id()
        first = await repo.get_or_create_user(
            session, telegram_user_id=tg, chat_id=tg, language_code="en", nudge_hour=9
        )
        await session.commit()
        again = await repo.get_or_create_user(session, telegram_user_id=tg, chat_id=tg + 1)
        await session.commit()
        assert again.id == first.id
        assert again.chat_id == tg + 1
        assert again.language_code == "en"  # not cleared by a missing language
        assert again.nudge_hour == 9
        assert first.zone is None and first.blocked_at is None
        assert first.created_at.tzinfo is UTC
        found = await repo.get_user_by_telegram_id(session, telegram_user_id=tg)
        assert found == again
        assert await repo.get_user(session, owner_id=first.id) == again

    async def test_settings_update_only_what_is_given(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        changed = await repo.update_user_settings(
            session, owner_id=user.id, zone="Europe/Berlin", country="de"
        )
        assert changed is not None
        assert (changed.zone, changed.country, changed.nudge_hour) == ("Europe/Berlin", "DE", 10)
        changed = await repo.update_user_settings(session, owner_id=user.id, nudge_hour=8)
        assert changed is not None
        assert (changed.zone, changed.country, changed.nudge_hour) == ("Europe/Berlin", "DE", 8)
        changed = await repo.update_user_settings(session, owner_id=user.id, country=None)
        assert changed is not None and changed.country is None
        with pytest.raises(ValueError, match="0-23"):
            await repo.update_user_settings(session, owner_id=user.id, nudge_hour=24)
        assert await repo.update_user_settings(session, owner_id=-1, zone="UTC") is None

    async def test_the_nudge_time_keeps_its_minutes(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        """14:30 is stored as 14:30 (S6); an hour alone is that hour on the dot."""
        user = await make_user()
        assert (user.nudge_hour, user.nudge_minute) == (10, 0)
        changed = await repo.update_user_settings(
            session, owner_id=user.id, nudge_hour=14, nudge_minute=30
        )
        await session.commit()
        stored = await repo.get_user(session, owner_id=user.id)
        assert changed is not None and stored is not None
        assert stored.nudge_at == changed.nudge_at == time(14, 30)
        changed = await repo.update_user_settings(session, owner_id=user.id, zone="Asia/Tokyo")
        assert changed is not None and changed.nudge_at == time(14, 30)  # other settings keep it
        changed = await repo.update_user_settings(session, owner_id=user.id, nudge_hour=9)
        assert changed is not None and changed.nudge_at == time(9, 0)
        with pytest.raises(ValueError, match="0-59"):
            await repo.update_user_settings(
                session, owner_id=user.id, nudge_hour=9, nudge_minute=60
            )

    async def test_blocked_mark_is_kept_until_unblocked(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        first = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
        assert await repo.mark_blocked(session, owner_id=user.id, at=first)
        assert await repo.mark_blocked(session, owner_id=user.id, at=first + timedelta(days=1))
        await session.commit()
        stored = await repo.get_user(session, owner_id=user.id)
        assert stored is not None and stored.blocked_at == first
        assert await repo.unblock(session, owner_id=user.id)
        await session.commit()
        stored = await repo.get_user(session, owner_id=user.id)
        assert stored is not None and stored.blocked_at is None
        assert not await repo.mark_blocked(session, owner_id=-5)
        assert not await repo.unblock(session, owner_id=-5)


class TestInterviews:
    """Interviews are stored with their people and read back as core objects."""

    async def test_create_and_read_back(self, session: AsyncSession, make_user: UserMaker) -> None:
        user = await make_user()
        created = await repo.create_interview(
            session,
            owner_id=user.id,
            company="Acme",
            role="Data engineer",
            interviewed_at=INTERVIEWED,
            said="within 2 weeks",
            promised_by=date(2026, 12, 2),
            vibe=Vibe.WARM,
            notes="ask about the team",
            people=[
                ("Rita", Recipient.RECRUITER, "rita@acme.example"),
                ("Hank", Recipient.HIRING_MANAGER),
            ],
        )
        await session.commit()
        got = await repo.get_interview(session, owner_id=user.id, interview_id=created.id)
        assert got == created
        assert got.status is InterviewStatus.WAITING
        assert [(p.name, p.role, p.email) for p in got.people] == [
            ("Rita", Recipient.RECRUITER, "rita@acme.example"),
            ("Hank", Recipient.HIRING_MANAGER, None),
        ]
        assert got.to_core() == Interview(
            interviewed_at=INTERVIEWED,
            promised_by=date(2026, 12, 2),
            vibe=Vibe.WARM,
            thank_you_sent=False,
            hiring_manager_known=True,
            company="Acme",
            role="Data engineer",
        )

    async def test_naive_datetimes_are_refused(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        with pytest.raises(ValueError, match="aware"):
            await repo.create_interview(
                session,
                owner_id=user.id,
                company="Acme",
                role="x",
                interviewed_at=datetime(2026, 11, 18, 10, 0),
            )

    async def test_unknown_owner_cannot_create(self, session: AsyncSession) -> None:
        with pytest.raises(LookupError):
            await repo.create_interview(
                session, owner_id=-1, company="Acme", role="x", interviewed_at=INTERVIEWED
            )

    async def test_list_oldest_first_and_filter_by_status(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        ids = []
        for days in (0, 3, 1):
            record = await repo.create_interview(
                session,
                owner_id=user.id,
                company=f"C{days}",
                role="r",
                interviewed_at=INTERVIEWED + timedelta(days=days),
            )
            ids.append(record.id)
        await repo.set_status(
            session, owner_id=user.id, interview_id=ids[0], status=InterviewStatus.REJECTED
        )
        await session.commit()
        listed = await repo.list_interviews(session, owner_id=user.id)
        assert [i.company for i in listed] == ["C0", "C1", "C3"]
        waiting = await repo.list_interviews(
            session, owner_id=user.id, statuses=[InterviewStatus.WAITING]
        )
        assert [i.company for i in waiting] == ["C1", "C3"]

    async def test_update_changes_given_fields_and_none_clears(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        iid = await _interview(session, user, said="soon", promised_by=date(2026, 11, 30))
        sent = datetime(2026, 11, 18, 20, 0, tzinfo=UTC)
        updated = await repo.update_interview(
            session,
            owner_id=user.id,
            interview_id=iid,
            promised_by=None,
            thank_you_sent_at=sent,
            vibe=Vibe.CHILLY,
        )
        await session.commit()
        assert updated is not None
        assert updated.promised_by is None
        assert updated.said == "soon"
        assert updated.thank_you_sent_at == sent
        assert updated.to_core().thank_you_sent
        assert updated.vibe is Vibe.CHILLY
        assert await repo.get_interview(session, owner_id=user.id, interview_id=iid) == updated

    async def test_update_rejects_a_naive_moment_and_changes_nothing(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        iid = await _interview(session, user, said="soon")
        with pytest.raises(ValueError, match="interviewed_at must be an aware datetime"):
            await repo.update_interview(
                session,
                owner_id=user.id,
                interview_id=iid,
                company="Changed",
                interviewed_at=datetime(2026, 11, 18, 10, 0),
            )
        record = await repo.get_interview(session, owner_id=user.id, interview_id=iid)
        assert record is not None and record.company != "Changed"

    async def test_update_stores_status_and_vibe_as_their_enums(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        iid = await _interview(session, user)
        updated = await repo.update_interview(
            session,
            owner_id=user.id,
            interview_id=iid,
            status=InterviewStatus("offer"),
            vibe=Vibe("warm"),
            notes="call back Friday",
        )
        assert updated is not None
        assert (updated.status, updated.vibe, updated.notes) == (
            InterviewStatus.OFFER,
            Vibe.WARM,
            "call back Friday",
        )

    async def test_delete_takes_people_attempts_and_nudges(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        iid = await _interview(session, user, people=[("Rita", Recipient.RECRUITER)])
        await repo.log_attempt(
            session,
            owner_id=user.id,
            interview_id=iid,
            at=INTERVIEWED + timedelta(days=5),
            channel=Channel.EMAIL,
            to=Recipient.RECRUITER,
        )
        await repo.replace_nudges(
            session,
            owner_id=user.id,
            interview_id=iid,
            steps=[Step(StepKind.CHECK_IN, INTERVIEWED + timedelta(days=14), ("S2",))],
        )
        await session.commit()
        assert await repo.delete_interview(session, owner_id=user.id, interview_id=iid)
        await session.commit()
        assert await repo.get_interview(session, owner_id=user.id, interview_id=iid) is None
        counts = await repo.count_rows(session, owner_id=user.id)
        assert counts == {
            "users": 1,
            "interviews": 0,
            "people": 0,
            "attempts": 0,
            "nudges": 0,
            "conversations": 0,
        }
        assert not await repo.delete_interview(session, owner_id=user.id, interview_id=iid)


class TestPeopleAndAttempts:
    """Attempts feed G2/G3; a reply marks them answered (S7)."""

    async def test_attempts_in_time_order_as_core_attempts(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        iid = await _interview(session, user)
        rita = await repo.add_person(
            session, owner_id=user.id, interview_id=iid, name="Rita", role=Recipient.RECRUITER
        )
        assert rita is not None
        later = INTERVIEWED + timedelta(days=20)
        earlier = INTERVIEWED + timedelta(days=12)
        a2 = await repo.log_attempt(
            session,
            owner_id=user.id,
            interview_id=iid,
            at=later,
            channel=Channel.PHONE,
            to=Recipient.RECRUITER,
            person_id=rita.id,
        )
        a1 = await repo.log_attempt(
            session,
            owner_id=user.id,
            interview_id=iid,
            at=earlier,
            channel=Channel.EMAIL,
            to=Recipient.RECRUITER,
        )
        assert a1 is not None and a2 is not None and a2.person_id == rita.id
        await session.commit()
        got = await repo.get_interview(session, owner_id=user.id, interview_id=iid)
        assert got is not None
        assert [a.id for a in got.attempts] == [a1.id, a2.id]
        assert [(a.at, a.channel, a.answered) for a in got.core_attempts()] == [
            (earlier, Channel.EMAIL, False),
            (later, Channel.PHONE, False),
        ]
        assert await repo.mark_attempts_answered(session, owner_id=user.id, interview_id=iid) == 2
        assert await repo.mark_attempts_answered(session, owner_id=user.id, interview_id=iid) == 0
        await session.commit()
        got = await repo.get_interview(session, owner_id=user.id, interview_id=iid)
        assert got is not None and all(a.answered for a in got.core_attempts())

    async def test_person_of_another_interview_is_refused(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        first = await _interview(session, user, people=[("Rita", Recipient.RECRUITER)])
        second = await _interview(session, user)
        record = await repo.get_interview(session, owner_id=user.id, interview_id=first)
        assert record is not None
        attempt = await repo.log_attempt(
            session,
            owner_id=user.id,
            interview_id=second,
            at=INTERVIEWED,
            channel=Channel.EMAIL,
            to=Recipient.RECRUITER,
            person_id=record.people[0].id,
        )
        assert attempt is None

    async def test_removing_a_person_keeps_the_attempt(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        iid = await _interview(session, user, people=[("Hank", Recipient.HIRING_MANAGER)])
        record = await repo.get_interview(session, owner_id=user.id, interview_id=iid)
        assert record is not None and record.hiring_manager_known
        hank = record.people[0]
        await repo.log_attempt(
            session,
            owner_id=user.id,
            interview_id=iid,
            at=INTERVIEWED + timedelta(days=30),
            channel=Channel.EMAIL,
            to=Recipient.HIRING_MANAGER,
            person_id=hank.id,
        )
        assert await repo.remove_person(session, owner_id=user.id, person_id=hank.id)
        await session.commit()
        record = await repo.get_interview(session, owner_id=user.id, interview_id=iid)
        assert record is not None
        assert record.people == ()
        assert not record.hiring_manager_known
        assert [(a.to, a.person_id) for a in record.attempts] == [(Recipient.HIRING_MANAGER, None)]
        assert not await repo.remove_person(session, owner_id=user.id, person_id=hank.id)


class TestNudges:
    """A plan becomes pending rows; replans and replies keep the history (S7)."""

    @staticmethod
    def _plan(offset_days: int = 0) -> list[Step]:
        base = INTERVIEWED + timedelta(days=offset_days)
        return [
            Step(StepKind.THANK_YOU, base + timedelta(hours=3), ("S1",)),
            Step(StepKind.CHECK_IN, base + timedelta(days=14), ("S2", "S6")),
            Step(StepKind.SECOND_FOLLOW_UP, base + timedelta(days=21), ("S3", "S6")),
        ]

    async def test_replace_keeps_sent_rows_and_replaces_open_ones(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        iid = await _interview(session, user)
        first = await repo.replace_nudges(
            session, owner_id=user.id, interview_id=iid, steps=self._plan()
        )
        assert first is not None
        assert [(n.kind, n.state, n.rules) for n in first] == [
            (StepKind.THANK_YOU, NudgeState.PENDING, ("S1",)),
            (StepKind.CHECK_IN, NudgeState.PENDING, ("S2", "S6")),
            (StepKind.SECOND_FOLLOW_UP, NudgeState.PENDING, ("S3", "S6")),
        ]
        # The thank-you went out; the check-in is claimed but not yet sent.
        thank_you = await session.get(NudgeRow, first[0].id)
        check_in = await session.get(NudgeRow, first[1].id)
        assert thank_you is not None and check_in is not None
        thank_you.state = NudgeState.SENT
        thank_you.sent_at = first[0].due_at
        thank_you.telegram_message_id = 77
        check_in.state = NudgeState.CLAIMED
        check_in.claim_token = "t-1"
        await session.commit()

        second = await repo.replace_nudges(
            session, owner_id=user.id, interview_id=iid, steps=self._plan(7)[1:]
        )
        await session.commit()
        assert second is not None
        listed = await repo.list_nudges(session, owner_id=user.id, interview_id=iid)
        assert [(n.kind, n.state) for n in listed] == [
            (StepKind.THANK_YOU, NudgeState.SENT),
            (StepKind.CHECK_IN, NudgeState.PENDING),
            (StepKind.SECOND_FOLLOW_UP, NudgeState.PENDING),
        ]
        assert listed[0].telegram_message_id == 77
        assert [n.id for n in listed[1:]] == [n.id for n in second]
        assert listed[1].due_at == INTERVIEWED + timedelta(days=21)

    async def test_cancel_marks_open_nudges_with_the_reason(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        iid = await _interview(session, user)
        nudges = await repo.replace_nudges(
            session, owner_id=user.id, interview_id=iid, steps=self._plan()
        )
        assert nudges is not None
        sent = await session.get(NudgeRow, nudges[0].id)
        assert sent is not None
        sent.state = NudgeState.SENT
        sent.sent_at = nudges[0].due_at
        await session.commit()
        cancelled = await repo.cancel_pending_nudges(
            session, owner_id=user.id, interview_id=iid, reason="S7: reply recorded"
        )
        await session.commit()
        assert cancelled == 2
        listed = await repo.list_nudges(session, owner_id=user.id, interview_id=iid)
        assert [(n.state, n.reason) for n in listed] == [
            (NudgeState.SENT, None),
            (NudgeState.CANCELLED, "S7: reply recorded"),
            (NudgeState.CANCELLED, "S7: reply recorded"),
        ]
        again = await repo.cancel_pending_nudges(
            session, owner_id=user.id, interview_id=iid, reason="again"
        )
        assert again == 0


class TestConversations:
    """Conversation state is written through and read back after a 'restart'."""

    async def test_save_get_clear(
        self, sessions: async_sessionmaker[AsyncSession], make_user: UserMaker
    ) -> None:
        user = await make_user()
        data = {"company": "Acme", "people": [{"name": "Rita"}], "when": "2026-11-18T10:00"}
        async with sessions() as s, s.begin():
            assert await repo.save_conversation(
                s, owner_id=user.id, name="new_interview", state="ASK_ROLE", data=data
            )
        async with sessions() as s, s.begin():  # a new session: as after a restart
            assert await repo.get_conversation(s, owner_id=user.id, name="new_interview") == (
                "ASK_ROLE",
                data,
            )
            assert await repo.save_conversation(
                s, owner_id=user.id, name="new_interview", state="ASK_WHEN", data={"x": 1}
            )
        async with sessions() as s, s.begin():
            assert await repo.get_conversation(s, owner_id=user.id, name="new_interview") == (
                "ASK_WHEN",
                {"x": 1},
            )
            assert await repo.get_conversation(s, owner_id=user.id, name="other") is None
            assert await repo.clear_conversation(s, owner_id=user.id, name="new_interview")
            assert not await repo.clear_conversation(s, owner_id=user.id, name="new_interview")
        async with sessions() as s, s.begin():
            assert await repo.get_conversation(s, owner_id=user.id, name="new_interview") is None
            assert not await repo.save_conversation(s, owner_id=-3, name="n", state="s", data={})


class TestUpdateDedup:
    """A replayed Telegram update is recognised (getUpdates may replay a batch)."""

    async def test_first_time_only(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        update_id = new_user_id()
        async with sessions() as s, s.begin():
            assert await repo.mark_update_seen(s, update_id=update_id)
        async with sessions() as s, s.begin():
            assert not await repo.mark_update_seen(s, update_id=update_id)
            assert await repo.mark_update_seen(s, update_id=new_user_id())

    async def test_prune_forgets_old_ids(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        update_id = new_user_id()
        old = datetime(2000, 1, 1, tzinfo=UTC)
        async with sessions() as s, s.begin():
            assert await repo.mark_update_seen(s, update_id=update_id, at=old)
        async with sessions() as s, s.begin():
            assert await repo.prune_processed_updates(s, before=old + timedelta(seconds=1)) >= 1
        async with sessions() as s, s.begin():
            assert await repo.mark_update_seen(s, update_id=update_id)
