"""The services (bot/services): a session and a user in, records out, on both databases."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from testkit.clock import NOW as INTERVIEWED
from testkit.users import UserMaker

from bot.core.calendar import calendar_for
from bot.core.records import InterviewStatus, NudgeState, UserProfile
from bot.core.types import Channel, DraftKind, Recipient, StepKind, Vibe
from bot.services import attempts, interviews, people, plans
from bot.services.plans import Planned
from bot.storage import nudges, repo


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


async def _deliver(
    session: AsyncSession, user: UserProfile, interview_id: int, kind: StepKind, at: datetime
) -> int:
    """Mark the pending reminder of ``kind`` sent at ``at``, as the dispatcher would."""
    rows = await repo.list_nudges(session, owner_id=user.id, interview_id=interview_id)
    (row,) = [n for n in rows if n.kind is kind and n.state is NudgeState.PENDING]
    claimed = await nudges.claim_due(
        session, now=row.due_at, token="t", lease=timedelta(minutes=5), limit=500
    )
    assert row.id in {c.id for c in claimed}
    for other in claimed:
        if other.id != row.id:
            await nudges.release(session, nudge_id=other.id, token="t", now=at)
    assert await nudges.begin_delivery(
        session, nudge_id=row.id, token="t", now=at, lease=timedelta(minutes=5)
    )
    assert await nudges.mark_sent(session, nudge_id=row.id, token="t", now=at, message_id=1)
    return row.id


async def _due(
    session: AsyncSession, user: UserProfile, interview_id: int
) -> dict[StepKind, datetime]:
    rows = await repo.list_nudges(session, owner_id=user.id, interview_id=interview_id)
    return {n.kind: n.due_at for n in rows if n.state is NudgeState.PENDING}


class TestTheWaitAsItWent:
    """Re-plans keep what the user did with their reminders; closing and reopening asks."""

    async def test_a_snooze_survives_a_re_plan(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        planned = await _new(session, user, thank_you_sent_at=INTERVIEWED)
        interview_id = planned.record.id
        check_in = (await _due(session, user, interview_id))[StepKind.CHECK_IN]
        nudge_id = await _deliver(session, user, interview_id, StepKind.CHECK_IN, check_in)
        until = check_in + timedelta(days=1)
        assert await nudges.snooze(
            session, owner_id=user.id, nudge_id=nudge_id, until=until, now=check_in
        )
        # A re-plan (here, the user fixes the role) keeps the snoozed moment and its note.
        assert await interviews.update(session, user, interview_id, role="Lead designer")
        rows = await repo.list_nudges(session, owner_id=user.id, interview_id=interview_id)
        (snoozed,) = [
            n for n in rows if n.kind is StepKind.CHECK_IN and n.state is NudgeState.PENDING
        ]
        assert (snoozed.due_at, snoozed.reason) == (until, plans.SNOOZED)

    async def test_a_snooze_earlier_than_the_new_plan_gives_way(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        planned = await _new(session, user, thank_you_sent_at=INTERVIEWED)
        interview_id = planned.record.id
        check_in = (await _due(session, user, interview_id))[StepKind.CHECK_IN]
        nudge_id = await _deliver(session, user, interview_id, StepKind.CHECK_IN, check_in)
        assert await nudges.snooze(
            session,
            owner_id=user.id,
            nudge_id=nudge_id,
            until=check_in + timedelta(days=1),
            now=check_in,
        )
        # A much later date from the employer moves the check-in past the snooze.
        updated = await interviews.update(
            session, user, interview_id, said="mid January", promised_by=date(2027, 1, 15)
        )
        assert updated is not None
        due = (await _due(session, user, interview_id))[StepKind.CHECK_IN]
        assert due.date() > date(2027, 1, 15)

    async def test_a_check_in_logged_after_its_reminder_was_asked_about_plans_the_second(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        planned = await _new(session, user, thank_you_sent_at=INTERVIEWED)
        interview_id = planned.record.id
        due = await _due(session, user, interview_id)
        await _deliver(session, user, interview_id, StepKind.CHECK_IN, due[StepKind.CHECK_IN])
        # The second slot went out asking about the check-in (none logged) ...
        asked = due[StepKind.SECOND_FOLLOW_UP]
        await _deliver(session, user, interview_id, StepKind.SECOND_FOLLOW_UP, asked)
        # ... and the user says Done: the check-in is logged, the real second follow-up
        # comes five business days after it.
        record = await interviews.get(session, user, interview_id)
        assert record is not None
        logged = asked + timedelta(hours=1)
        await attempts.log(
            session, user, record, channel=Channel.EMAIL, to=Recipient.RECRUITER, at=logged
        )
        after = await _due(session, user, interview_id)
        assert StepKind.SECOND_FOLLOW_UP in after and after[StepKind.SECOND_FOLLOW_UP] > logged
        # A second follow-up sent after the check-in was logged is the real one: done.
        await _deliver(
            session, user, interview_id, StepKind.SECOND_FOLLOW_UP, after[StepKind.SECOND_FOLLOW_UP]
        )
        record = await interviews.get(session, user, interview_id)
        assert record is not None
        await plans.replan(session, user, record)
        assert StepKind.SECOND_FOLLOW_UP not in await _due(session, user, interview_id)

    async def test_no_note_up_the_chain_when_the_hiring_manager_is_the_contact(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user = await make_user()
        only_hm = await _new(session, user, people=[("Hana", Recipient.HIRING_MANAGER, None)])
        assert only_hm.plan is not None
        assert StepKind.HIRING_MANAGER not in {s.kind for s in only_hm.plan.steps}
        both = await _new(
            session,
            user,
            people=[("Rita", Recipient.RECRUITER, None), ("Hana", Recipient.HIRING_MANAGER, None)],
        )
        assert both.plan is not None
        assert StepKind.HIRING_MANAGER in {s.kind for s in both.plan.steps}
        # The first follow-up went to the manager: she is the contact, no note over her head.
        _, logged = await attempts.log(
            session,
            user,
            both.record,
            channel=Channel.EMAIL,
            to=Recipient.HIRING_MANAGER,
            at=INTERVIEWED + timedelta(days=8),
        )
        assert logged is not None and logged.plan is not None
        kinds = {s.kind for s in logged.plan.steps}
        assert StepKind.HIRING_MANAGER not in kinds and StepKind.CHECK_IN not in kinds

    async def test_withdrawing_closes_without_calling_anything_answered(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user, other = await make_user(), await make_user()
        planned = await _new(session, user)
        await attempts.log(
            session,
            user,
            planned.record,
            channel=Channel.EMAIL,
            to=Recipient.RECRUITER,
            at=INTERVIEWED + timedelta(days=8),
        )
        closed = await interviews.withdraw(session, user, planned.record.id)
        assert closed is not None and closed.plan is None
        assert closed.record.status is InterviewStatus.WITHDREW
        assert [a.answered for a in closed.record.attempts] == [False]
        assert await _pending(session, user, planned.record.id) == set()
        assert await interviews.withdraw(session, other, planned.record.id) is None

    async def test_reopened_the_user_says_which_follow_ups_were_answered(
        self, session: AsyncSession, make_user: UserMaker
    ) -> None:
        user, other = await make_user(), await make_user()
        planned = await _new(session, user)
        first, _ = await attempts.log(
            session,
            user,
            planned.record,
            channel=Channel.EMAIL,
            to=Recipient.RECRUITER,
            at=INTERVIEWED + timedelta(days=8),
        )
        record = await interviews.get(session, user, planned.record.id)
        assert record is not None and first is not None
        second, _ = await attempts.log(
            session,
            user,
            record,
            channel=Channel.EMAIL,
            to=Recipient.RECRUITER,
            at=INTERVIEWED + timedelta(days=16),
        )
        assert second is not None
        await interviews.record_answer(session, user, planned.record.id, InterviewStatus.REJECTED)
        await interviews.reopen(session, user, planned.record.id)
        # None answered after all: both count again, so no follow-up slot is left.
        none = await interviews.set_answered(session, user, planned.record.id, [])
        assert none is not None and none.plan is not None
        assert [a.answered for a in none.record.attempts] == [False, False]
        assert {s.kind for s in none.plan.steps} == {StepKind.THANK_YOU, StepKind.MOVE_ON}
        # Only the second got an answer: the check-in counts, one follow-up is left.
        one = await interviews.set_answered(session, user, planned.record.id, [second.id])
        assert one is not None and one.plan is not None
        assert [a.answered for a in one.record.attempts] == [False, True]
        # Another user's ids change nothing.
        assert await interviews.set_answered(session, other, planned.record.id, []) is None
