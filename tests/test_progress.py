"""Step states follow the rules' windows: due, open, done, skipped, passed.

Interview Mon 9 Nov 2026 10:00 New York, "by Friday 13 Nov": thank-you reminder 13:00 the
same day (window until Tue 10 Nov 10:00), check-in Tue 17 Nov, second follow-up Tue 24 Nov,
move on Wed 2 Dec (Thanksgiving skipped).
"""

from __future__ import annotations

from datetime import date, datetime

from bot.core.calendar import BusinessCalendar
from bot.core.nudging import SentNudge, WaitFacts
from bot.core.plan import make_plan
from bot.core.progress import Stage, StepState, now_and_next, step_states
from bot.core.types import Attempt, Channel, Interview, Recipient, StepKind

NY = BusinessCalendar("America/New_York", "US")
K, S = StepKind, StepState
R, HM = Recipient.RECRUITER, Recipient.HIRING_MANAGER


def ny(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=NY.tz)


INTERVIEW = Interview(ny(11, 9), promised_by=date(2026, 11, 13))


def states(
    now: datetime,
    *attempts: Attempt,
    thanked: datetime | None = None,
    roles: tuple[Recipient, ...] = (R,),
    stage: Stage = Stage.WAITING,
    sent: tuple[SentNudge, ...] = (),
) -> dict[StepKind, tuple[StepState, datetime, bool]]:
    interview = Interview(
        INTERVIEW.interviewed_at,
        INTERVIEW.promised_by,
        thank_you_sent=thanked is not None,
        hiring_manager_known=HM in roles,
    )
    facts = WaitFacts(
        interview.interviewed_at,
        interview.promised_by,
        thanked,
        roles,
        tuple(attempts),
        sent,
    )
    plan = make_plan(
        interview,
        cal=NY,
        attempts=[a for a in attempts if not a.answered],
        follow_up_to=facts.contact,
    )
    found = step_states(interview, facts, plan, now=now, cal=NY, stage=stage)
    return {s.kind: (s.state, s.at, s.waits) for s in found}


def wrote(at: datetime, to: Recipient = R) -> Attempt:
    return Attempt(at, Channel.EMAIL, to)


class TestThankYou:
    def test_open_until_24_hours_after_the_interview(self) -> None:
        # 16 hours after: its reminder time (13:00) has passed, the window has not.
        state, at, _ = states(ny(11, 10, 2))[K.THANK_YOU]
        assert state is S.OPEN and at == ny(11, 9, 13)
        assert states(ny(11, 10, 9, 59))[K.THANK_YOU][0] is S.OPEN

    def test_passed_after_24_hours(self) -> None:
        assert states(ny(11, 10, 10))[K.THANK_YOU][0] is S.PASSED

    def test_done_when_sent(self) -> None:
        assert states(ny(11, 10, 2), thanked=ny(11, 9, 18))[K.THANK_YOU][:2] == (
            S.DONE,
            ny(11, 9, 18),
        )


class TestFollowUps:
    def test_ahead_they_are_due_on_their_day(self) -> None:
        got = states(ny(11, 12))
        assert got[K.CHECK_IN][:2] == (S.DUE, ny(11, 17))
        assert got[K.SECOND_FOLLOW_UP] == (S.DUE, ny(11, 24), True)  # waits for the check-in
        assert got[K.MOVE_ON][:2] == (S.DUE, ny(12, 2))

    def test_a_check_in_not_logged_stays_open(self) -> None:
        got = states(ny(11, 20))
        assert got[K.CHECK_IN][0] is S.OPEN
        # The second follow-up cannot be open before a check-in: it still waits.
        later = states(ny(11, 27))
        assert later[K.CHECK_IN][0] is S.OPEN and later[K.SECOND_FOLLOW_UP][0] is S.DUE

    def test_logged_follow_ups_are_done_and_count(self) -> None:
        got = states(ny(11, 20), wrote(ny(11, 17, 11)))
        assert got[K.CHECK_IN][:2] == (S.DONE, ny(11, 17, 11))
        assert got[K.SECOND_FOLLOW_UP] == (S.DUE, ny(11, 24), False)

    def test_after_the_end_they_are_skipped_or_passed(self) -> None:
        ended = states(ny(11, 20), stage=Stage.ENDED)
        assert ended[K.CHECK_IN][0] is S.SKIPPED and ended[K.MOVE_ON][0] is S.SKIPPED
        gone = states(
            ny(12, 3), stage=Stage.MOVED_ON, sent=(SentNudge(K.MOVE_ON, ny(12, 2, 10, 1)),)
        )
        assert gone[K.CHECK_IN][0] is S.PASSED
        assert gone[K.MOVE_ON][:2] == (S.DONE, ny(12, 2, 10, 1))


class TestHiringManager:
    def test_only_when_the_main_contact_was_someone_else(self) -> None:
        assert K.HIRING_MANAGER in states(ny(11, 12), roles=(R, HM))
        assert K.HIRING_MANAGER not in states(ny(11, 12), roles=(HM,))
        to_hm = states(ny(11, 20), wrote(ny(11, 17), HM), roles=(R, HM))
        assert K.HIRING_MANAGER not in to_hm
        assert to_hm[K.CHECK_IN][0] is S.DONE  # the follow-up to the manager was the check-in


class TestNowAndNext:
    def test_never_a_past_step_as_next(self) -> None:
        interview = Interview(INTERVIEW.interviewed_at, INTERVIEW.promised_by)
        facts = WaitFacts(interview.interviewed_at, interview.promised_by)
        plan = make_plan(interview, cal=NY)
        for now in (ny(11, 9, 14), ny(11, 10, 2), ny(11, 18), ny(11, 25), ny(12, 1)):
            found = step_states(interview, facts, plan, now=now, cal=NY, stage=Stage.WAITING)
            open_now, upcoming = now_and_next(found, now)
            assert upcoming is None or (upcoming.at > now and not upcoming.waits)
            assert open_now is None or open_now.at <= now or open_now.kind is K.THANK_YOU
        # 16 hours after the interview: the thank-you is open now, the check-in is next.
        found = step_states(interview, facts, plan, now=ny(11, 10, 2), cal=NY, stage=Stage.WAITING)
        open_now, upcoming = now_and_next(found, ny(11, 10, 2))
        assert open_now is not None and open_now.kind is K.THANK_YOU
        assert upcoming is not None and upcoming.kind is K.CHECK_IN
