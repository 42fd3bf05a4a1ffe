"""The services (bot/services): a session and a user in, records out, on both databases."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.calendar import calendar_for
from bot.core.records import InterviewStatus, NudgeState, UserProfile
from bot.core.types import Channel, DraftKind, Recipient, StepKind, Vibe
from bot.services import attempts, interviews, people, plans
from bot.services.plans import Planned
from bot.storage import repo

from .conftest import INTERVIEWED, UserMaker


async def _new(session: AsyncSession, user: UserProfile, **changes: object) -> Planned:
    facts: dict[str, object] = {
        "company": "Acme",
        "role": "Designer",
        "interviewed_at": INTERVIEWED,
        "said": "by Friday",
        "promised_by": date(2026, 11, 20),
        "vibe": Vibe.WARM,
        "thank_you_sent_at": None,
        "people": [("Rita", Recipient.RECRUITER, "rita@acme.com")],
    }
    facts.update(changes)
    return await interviews.create(session, user, **facts)  # type: ignore[arg-type]


async def _pending(session: AsyncSession, user: UserProfile, interview_id: int) -> set[StepKind]:
    rows = await repo.list_nudges(session, owner_id=user.id, interview_id=interview_id)
    return {n.kind for n in rows if n.state is NudgeState.PENDING}


class TestPlans:
    async def test_a_new_interview_is_planned_as_pending_nudges(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        planned = await _new(session, user)
        assert planned.plan is not None
        steps = {s.kind for s in planned.plan.steps}
        assert {StepKind.THANK_YOU, StepKind.CHECK_IN} <= steps
        assert await _pending(session, user, planned.record.id) == steps

    async def test_a_closed_interview_has_its_nudges_cancelled(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        planned = await _new(session, user)
        closed = await interviews.record_answer(
            session, user, planned.record.id, InterviewStatus.OFFER
        )
        assert closed is not None and closed.plan is None
        assert closed.record.status is InterviewStatus.OFFER
        assert await _pending(session, user, planned.record.id) == set()

    async def test_a_new_zone_moves_every_open_interviews_nudges(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        planned = await _new(session, user)
        before = await repo.list_nudges(session, owner_id=user.id, interview_id=planned.record.id)
        moved_user = await plans.change_settings(session, user, zone="Asia/Tokyo", country="JP")
        assert (moved_user.zone, moved_user.country) == ("Asia/Tokyo", "JP")
        after = await repo.list_nudges(session, owner_id=user.id, interview_id=planned.record.id)
        check_in = {n.kind: n.due_at for n in after}[StepKind.CHECK_IN]
        assert check_in != {n.kind: n.due_at for n in before}[StepKind.CHECK_IN]


class TestInterviews:
    async def test_another_users_interview_is_none(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        owner, other = await make_user(), await make_user()
        planned = await _new(session, owner)
        assert await interviews.get(session, other, planned.record.id) is None
        assert await interviews.update(session, other, planned.record.id, company="X") is None
        assert (
            await interviews.set_thanked(session, other, planned.record.id, at=INTERVIEWED) is None
        )

    async def test_a_new_date_re_plans_from_it(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        planned = await _new(session, user)
        later = date(2026, 12, 4)
        updated = await interviews.update(
            session, user, planned.record.id, said="early December", promised_by=later
        )
        assert updated is not None and updated.record.promised_by == later
        assert updated.plan is not None
        check_in = next(s for s in updated.plan.steps if s.kind is StepKind.CHECK_IN)
        assert check_in.at.date() > later

    async def test_reopen_without_a_plan_leaves_it_to_the_caller(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        planned = await _new(session, user)
        await interviews.record_answer(session, user, planned.record.id, InterviewStatus.REJECTED)
        reopened = await interviews.reopen(session, user, planned.record.id, plan=False)
        assert reopened is not None and reopened.plan is None
        assert reopened.record.status is InterviewStatus.WAITING
        assert await _pending(session, user, planned.record.id) == set()
        replanned = await interviews.reopen(session, user, planned.record.id)
        assert replanned is not None and replanned.plan is not None
        assert await _pending(session, user, planned.record.id)

    async def test_a_draft_is_addressed_to_the_right_person(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        planned = await _new(
            session,
            user,
            people=[("Rita", Recipient.RECRUITER, None), ("Ivan", Recipient.INTERVIEWER, None)],
        )
        cal = calendar_for("America/New_York", "US")
        thanks = interviews.draft_for(planned.record, DraftKind.THANK_YOU, user_name="Sam", cal=cal)
        check_in = interviews.draft_for(
            planned.record, DraftKind.CHECK_IN, user_name="Sam", cal=cal
        )
        assert "Ivan" in thanks.body and "Rita" in check_in.body
        assert "Sam" in thanks.body


class TestAttempts:
    async def test_log_then_undo_restores_the_plan(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        planned = await _new(session, user)
        at = INTERVIEWED + timedelta(days=6)
        attempt, after_log = await attempts.log(
            session, user, planned.record, channel=Channel.EMAIL, to=Recipient.RECRUITER, at=at
        )
        assert attempt is not None and after_log is not None
        assert attempt.person_id == planned.record.people[0].id  # Rita, the recruiter
        assert len(after_log.record.attempts) == 1
        undone = await attempts.undo(session, user, attempt.id)
        assert undone is not None and undone.record.attempts == ()
        assert undone.plan == planned.plan
        assert await attempts.undo(session, user, attempt.id) is None  # already gone

    async def test_another_users_attempt_cannot_be_undone(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        owner, other = await make_user(), await make_user()
        planned = await _new(session, owner)
        attempt, _ = await attempts.log(
            session,
            owner,
            planned.record,
            channel=Channel.PHONE,
            to=Recipient.HR,
            at=INTERVIEWED + timedelta(days=3),
        )
        assert attempt is not None
        assert await attempts.undo(session, other, attempt.id) is None
        record = await interviews.get(session, owner, planned.record.id)
        assert record is not None and len(record.attempts) == 1


class TestPeople:
    def test_a_person_as_typed(self) -> None:
        assert people.parse_person("Dana Lee, recruiter, Dana@Acme.com") == (
            "Dana Lee",
            Recipient.RECRUITER,
            "dana@acme.com",
        )
        assert people.parse_person("Bob (hiring manager)") == (
            "Bob",
            Recipient.HIRING_MANAGER,
            None,
        )
        only_mail = people.parse_person("dana@acme.com")
        assert only_mail == ("", Recipient.INTERVIEWER, "dana@acme.com")

    def test_personal_mailboxes(self) -> None:
        assert people.is_personal_email("bob.smith@gmail.com")
        assert not people.is_personal_email("bob@acme.com")
