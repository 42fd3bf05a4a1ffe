"""Which reminder goes, and in which words: counted from what really happened.

Calendar: New York 2026. Interview Mon 9 Nov 10:00, "by Friday 13 Nov" -> check-in (S2)
Tue 17 Nov; five business days later is Tue 24 Nov; Thanksgiving is Thu 26 Nov.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.core.calendar import BusinessCalendar
from bot.core.nudging import (
    ONE_A_DAY,
    Message,
    Move,
    Send,
    SentNudge,
    Shelve,
    Skip,
    WaitFacts,
    choose,
    main_contact,
    message_for,
)
from bot.core.types import Attempt, Channel, Recipient, StepKind

NY = BusinessCalendar("America/New_York", "US")
K = StepKind
R, HM, IV = Recipient.RECRUITER, Recipient.HIRING_MANAGER, Recipient.INTERVIEWER


def ny(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=NY.tz)


THANKED = ny(11, 9, 15)


def wrote(at: datetime, to: Recipient = R, answered: bool = False) -> Attempt:
    return Attempt(at, Channel.EMAIL, to, answered)


def facts(
    *attempts: Attempt,
    sent: tuple[SentNudge, ...] = (),
    roles: tuple[Recipient, ...] = (R,),
    thanked: datetime | None = THANKED,
) -> WaitFacts:
    return WaitFacts(
        interviewed_at=ny(11, 9),
        promised_by=date(2026, 11, 13),
        thank_you_sent_at=thanked,
        roles=roles,
        attempts=attempts,
        sent=sent,
    )


def pick(due: dict[int, StepKind], record: WaitFacts, now: datetime) -> dict[int, object]:
    return dict(choose(due, record, now=now, cal=NY, nudge_hour=10, nudge_minute=0))


class TestMainContact:
    def test_before_any_follow_up_the_recruiter_or_hr(self) -> None:
        assert main_contact((IV, HM, R), ()) is R
        assert main_contact((Recipient.HR, HM), ()) is Recipient.HR

    def test_the_hiring_manager_when_they_are_the_only_contact(self) -> None:
        assert main_contact((HM,), ()) is HM
        assert main_contact((IV, HM), ()) is HM

    def test_nobody_named_means_a_recruiter(self) -> None:
        assert main_contact((), ()) is R

    def test_what_happened_beats_what_was_planned(self) -> None:
        """A recruiter is known, but the first follow-up went to the hiring manager."""
        assert main_contact((R, HM), (wrote(ny(11, 17), HM), wrote(ny(11, 24)))) is HM


class TestWords:
    """message_for: each reminder says only what the record supports."""

    def test_no_second_follow_up_without_a_check_in(self) -> None:
        # The check-in reminder went out, nothing was logged: ask about the check-in.
        asked = facts(sent=(SentNudge(K.CHECK_IN, ny(11, 17)),))
        assert message_for(K.SECOND_FOLLOW_UP, asked) == Send(Message.CHECK_IN_AGAIN)
        # The check-in reminder never went out (stopped, or the bot was down): it is the
        # check-in itself.
        assert message_for(K.SECOND_FOLLOW_UP, facts()) == Send(Message.CHECK_IN)
        # A logged check-in makes it the second follow-up.
        one = facts(wrote(ny(11, 17)))
        assert message_for(K.SECOND_FOLLOW_UP, one) == Send(Message.SECOND_FOLLOW_UP)

    def test_steps_already_done_are_skipped(self) -> None:
        assert isinstance(message_for(K.CHECK_IN, facts(wrote(ny(11, 17)))), Skip)
        two = facts(wrote(ny(11, 17)), wrote(ny(11, 24)))
        assert isinstance(message_for(K.SECOND_FOLLOW_UP, two), Skip)
        assert isinstance(message_for(K.THANK_YOU, facts()), Skip)
        assert message_for(K.THANK_YOU, facts(thanked=None)) == Send(Message.THANK_YOU)

    def test_answered_follow_ups_do_not_count(self) -> None:
        answered = facts(wrote(ny(11, 17), answered=True))
        assert message_for(K.CHECK_IN, answered) == Send(Message.CHECK_IN)

    def test_note_up_the_chain_only_after_two_to_someone_else(self) -> None:
        roles = (R, HM)
        two = facts(wrote(ny(11, 17)), wrote(ny(11, 24)), roles=roles)
        assert message_for(K.HIRING_MANAGER, two) == Send(Message.HIRING_MANAGER)
        one = facts(wrote(ny(11, 17)), roles=roles)
        assert isinstance(message_for(K.HIRING_MANAGER, one), Shelve)
        # The hiring manager is the main contact: there is nobody to go past.
        to_hm = facts(wrote(ny(11, 17), HM), wrote(ny(11, 24), HM), roles=(HM,))
        assert isinstance(message_for(K.HIRING_MANAGER, to_hm), Skip)
        noted = facts(wrote(ny(11, 17)), wrote(ny(11, 24)), wrote(ny(12, 1), HM), roles=roles)
        assert isinstance(message_for(K.HIRING_MANAGER, noted), Skip)

    def test_move_on_says_whether_the_user_followed_up(self) -> None:
        assert message_for(K.MOVE_ON, facts()) == Send(Message.MOVE_ON_QUIET)
        assert message_for(K.MOVE_ON, facts(wrote(ny(11, 17)))) == Send(Message.MOVE_ON)


class TestOneADay:
    """After downtime several reminders can be due at once: one goes, the rest move."""

    def test_a_week_of_downtime_sends_the_check_in_only(self) -> None:
        # The check-in (Tue 17) and the second follow-up (Tue 24) are both due on Wed 25.
        now = ny(11, 25, 10, 30)
        got = pick({1: K.CHECK_IN, 2: K.SECOND_FOLLOW_UP}, facts(), now)
        assert got[1] == Send(Message.CHECK_IN)
        # The second follow-up now counts from today's check-in reminder: Wed 25 + 5 business
        # days, Thanksgiving skipped = Thu 3 Dec.
        assert got[2] == Move(ny(12, 3), "counts from the reminder that went out today")

    def test_the_earliest_step_wins_and_later_ones_space_out(self) -> None:
        now = ny(12, 8, 11)
        got = pick({3: K.MOVE_ON, 1: K.CHECK_IN, 2: K.SECOND_FOLLOW_UP}, facts(), now)
        assert got[1] == Send(Message.CHECK_IN)
        assert isinstance(got[2], Move) and isinstance(got[3], Move)
        # Mon 8 Dec + 5 business days = Tue 15; moving on one step later, Tue 22.
        assert (got[2].until, got[3].until) == (ny(12, 15), ny(12, 22))

    def test_nothing_more_the_day_one_went_out(self) -> None:
        sent_today = facts(sent=(SentNudge(K.CHECK_IN, ny(11, 17, 10)),))
        got = pick({2: K.SECOND_FOLLOW_UP}, sent_today, ny(11, 17, 15))
        assert got == {2: Move(ny(11, 18), ONE_A_DAY)}

    def test_a_later_step_waits_five_business_days_after_the_last_reminder(self) -> None:
        # The check-in reminder went out late, on Mon 23 Nov (downtime); its second slot was
        # planned for Tue 24 but now counts from Mon 23: Tue 24, Wed 25, (Thanksgiving), Fri 27,
        # Mon 30, Tue 1 Dec.
        late = facts(sent=(SentNudge(K.CHECK_IN, ny(11, 23, 10)),))
        got = pick({2: K.SECOND_FOLLOW_UP}, late, ny(11, 24, 10))
        assert isinstance(got[2], Move) and got[2].until == ny(12, 1)
        # Once that moment has come, it goes, as a question about the check-in.
        again = pick({2: K.SECOND_FOLLOW_UP}, late, ny(12, 1, 10))
        assert again == {2: Send(Message.CHECK_IN_AGAIN)}

    def test_the_thank_you_first_then_the_rest_tomorrow(self) -> None:
        unthanked = facts(thanked=None)
        got = pick({1: K.THANK_YOU, 2: K.CHECK_IN}, unthanked, ny(11, 17, 10))
        assert got == {1: Send(Message.THANK_YOU), 2: Move(ny(11, 18), ONE_A_DAY)}

    @pytest.mark.parametrize("count", [1, 2, 3, 5])
    def test_never_more_than_one_send(self, count: int) -> None:
        due = dict(enumerate([K.CHECK_IN, K.SECOND_FOLLOW_UP, K.MOVE_ON, K.THANK_YOU][:count]))
        due.update({10 + i: K.MOVE_ON for i in range(max(0, count - 4))})
        got = pick(due, facts(thanked=None), ny(12, 9, 10))
        assert sum(isinstance(c, Send) for c in got.values()) == 1
        assert set(got) == set(due)


class TestAtTheUsersMinute:
    """Every moment choose moves a reminder to keeps the user's nudge time, 14:30 here (S6)."""

    @staticmethod
    def pick_at_half_past_two(
        due: dict[int, StepKind], record: WaitFacts, now: datetime
    ) -> dict[int, object]:
        return dict(choose(due, record, now=now, cal=NY, nudge_hour=14, nudge_minute=30))

    def test_tomorrow_is_tomorrow_at_half_past_two(self) -> None:
        sent_today = facts(sent=(SentNudge(K.CHECK_IN, ny(11, 17, 14, 30)),))
        got = self.pick_at_half_past_two({2: K.SECOND_FOLLOW_UP}, sent_today, ny(11, 17, 15))
        assert got == {2: Move(ny(11, 18, 14, 30), ONE_A_DAY)}

    def test_spaced_steps_keep_the_minute(self) -> None:
        # As in TestOneADay: the check-in goes on Wed 25 Nov, the second follow-up moves to
        # Thu 3 Dec, now at 14:30.
        got = self.pick_at_half_past_two(
            {1: K.CHECK_IN, 2: K.SECOND_FOLLOW_UP}, facts(), ny(11, 25, 14, 40)
        )
        assert got[1] == Send(Message.CHECK_IN)
        assert got[2] == Move(ny(12, 3, 14, 30), "counts from the reminder that went out today")
        # A late check-in reminder (Mon 23) holds the second follow-up until Tue 1 Dec 14:30.
        late = facts(sent=(SentNudge(K.CHECK_IN, ny(11, 23, 14, 30)),))
        held = self.pick_at_half_past_two({2: K.SECOND_FOLLOW_UP}, late, ny(11, 24, 14, 30))
        assert isinstance(held[2], Move) and held[2].until == ny(12, 1, 14, 30)
