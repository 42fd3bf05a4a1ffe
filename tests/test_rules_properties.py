"""Properties of the plan (S1-S7) and the verdict (G1-G9) over random interviews and histories.

Three zones with daylight saving time and public holidays: New York, Berlin and
Sydney (southern hemisphere, so its clocks change in April and October).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.calendar import BusinessCalendar
from bot.core.plan import WAKING_END, WAKING_START, check_in_day, make_plan
from bot.core.types import (
    Attempt,
    Channel,
    DraftKind,
    Interview,
    Outcome,
    Recipient,
    StepKind,
    Verdict,
    Vibe,
)
from bot.core.verdict import CALL_END, CALL_START, EMAIL_END, EMAIL_START, decide

ZONES = ("America/New_York", "Europe/Berlin", "Australia/Sydney")
CALS = {zone: BusinessCalendar(zone) for zone in ZONES}
RULE_IDS = {
    *(f"T{i}" for i in range(1, 5)),
    *(f"S{i}" for i in range(1, 8)),
    *(f"G{i}" for i in range(1, 13)),
    *(f"C{i}" for i in range(1, 6)),
}


def aware(cal: BusinessCalendar, naive: datetime) -> datetime:
    """A local wall time made aware; one inside a DST gap moves forward, as at_local does."""
    return naive.replace(tzinfo=cal.tz).astimezone(UTC).astimezone(cal.tz)


def dst_changes(cal: BusinessCalendar) -> list[date]:
    """The local dates in 2025-2028 on which the zone's UTC offset changes."""
    days: list[date] = []
    day = date(2025, 1, 1)
    while day < date(2029, 1, 1):
        noon = datetime.combine(day, time(12), tzinfo=cal.tz)
        if noon.utcoffset() != (noon + timedelta(days=1)).utcoffset():
            days.append(day + timedelta(days=1))
        day += timedelta(days=1)
    return days


DST_CHANGES = {zone: dst_changes(cal) for zone, cal in CALS.items()}

zones = st.sampled_from(ZONES)
nudge_hours = st.integers(min_value=6, max_value=21)
nudge_minutes = st.integers(min_value=0, max_value=59)
recipients = st.sampled_from(list(Recipient))
local_moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 6, 30))


@st.composite
def interviews(draw: st.DrawFn, zone: str) -> Interview:
    cal = CALS[zone]
    at = aware(cal, draw(local_moments))
    offset = draw(st.none() | st.integers(min_value=-5, max_value=40))
    promised = None if offset is None else cal.local_date(at) + timedelta(days=offset)
    return Interview(
        interviewed_at=at,
        promised_by=promised,
        vibe=draw(st.sampled_from(list(Vibe))),
        thank_you_sent=draw(st.booleans()),
        hiring_manager_known=draw(st.booleans()),
    )


@st.composite
def histories(draw: st.DrawFn, interview: Interview, zone: str) -> list[Attempt]:
    """Up to five attempts after the interview, with repeats of the same person likely.

    The first comes 0-25 days after the interview (around the S2 day), each next one
    0-12 days after the one before, at a working-ish hour: histories a real user
    could have, where the spacing rules (G1, G2) matter.
    """
    cal = CALS[zone]
    moment = cal.localize(interview.interviewed_at).replace(tzinfo=None, minute=0)
    count = draw(st.integers(min_value=0, max_value=5))
    attempts = []
    for index in range(count):
        days = draw(st.integers(min_value=0, max_value=25 if index == 0 else 12))
        moment = (moment + timedelta(days=days)).replace(hour=draw(st.integers(8, 18)))
        if days == 0:
            moment += timedelta(hours=1)
        attempts.append(
            Attempt(
                at=aware(cal, moment),
                channel=draw(st.sampled_from([Channel.EMAIL, Channel.PHONE])),
                to=draw(st.sampled_from([Recipient.RECRUITER, Recipient.RECRUITER, *Recipient])),
                answered=draw(st.integers(min_value=0, max_value=4)) == 0,
            )
        )
    return attempts


@st.composite
def planned(draw: st.DrawFn) -> tuple[str, Interview, int, list[Attempt], Recipient]:
    zone = draw(zones)
    interview = draw(interviews(zone))
    attempts = draw(histories(interview, zone))
    return zone, interview, draw(nudge_hours), attempts, draw(recipients)


class TestPlanProperties:
    @settings(max_examples=400)
    @given(planned(), nudge_minutes)
    def test_steps_on_business_days_at_the_nudge_time_in_order(
        self, case: tuple[str, Interview, int, list[Attempt], Recipient], minute: int
    ) -> None:
        zone, interview, hour, attempts, to = case
        cal = CALS[zone]
        plan = make_plan(
            interview,
            cal=cal,
            nudge_hour=hour,
            nudge_minute=minute,
            attempts=attempts,
            follow_up_to=to,
        )
        assert plan.steps, "a plan always ends with S5"
        assert plan.steps[-1].kind is StepKind.MOVE_ON
        moments = [s.at for s in plan.steps]
        assert all(a < b for a, b in pairwise(moments))
        for step in plan.steps:
            local = cal.localize(step.at)
            assert step.rules and set(step.rules) <= RULE_IDS
            if step.kind is StepKind.THANK_YOU:
                assert time(WAKING_START) <= local.time() <= time(WAKING_END)
                assert step.at >= interview.interviewed_at + timedelta(hours=3)
                assert step.at - interview.interviewed_at < timedelta(hours=3 + 14)
                continue
            assert cal.is_business_day(local.date()), step
            assert (local.hour, local.minute) == (hour, minute), step
            # S7/G2: what is still to come is never back-to-back with an attempt made.
            for attempt in attempts:
                assert (local.date() - cal.local_date(attempt.at)).days >= 2

    @given(zones.flatmap(lambda zone: st.tuples(st.just(zone), interviews(zone))))
    def test_check_in_never_on_or_before_the_promised_day(
        self, case: tuple[str, Interview]
    ) -> None:
        zone, interview = case
        cal = CALS[zone]
        day = check_in_day(interview, cal=cal)
        assert cal.is_business_day(day)
        assert day > cal.local_date(interview.interviewed_at)
        if interview.promised_by is not None:
            assert day > interview.promised_by
            assert day != interview.promised_by
            assert cal.business_days_between(interview.promised_by, day) >= 2
        plan = make_plan(interview, cal=cal)
        check_in = plan.step(StepKind.CHECK_IN)
        assert check_in is not None
        assert cal.local_date(check_in.at) == day

    @given(
        zone=zones,
        which=st.integers(min_value=0, max_value=7),
        before=st.integers(min_value=1, max_value=10),
        hour=nudge_hours,
        minute=nudge_minutes,
    )
    def test_dst_change_keeps_the_nudge_time(
        self, zone: str, which: int, before: int, hour: int, minute: int
    ) -> None:
        cal = CALS[zone]
        change = DST_CHANGES[zone][which]
        # Interview some days before the clocks change; S2 (ten business days later,
        # T4) and everything after it fall on the other side of the change.
        interview = Interview(
            cal.at_local(change - timedelta(days=before), 11), hiring_manager_known=True
        )
        plan = make_plan(interview, cal=cal, nudge_hour=hour, nudge_minute=minute)
        check_in = plan.step(StepKind.CHECK_IN)
        assert check_in is not None
        assert check_in.at.utcoffset() != interview.interviewed_at.utcoffset()
        for step in plan.steps[1:]:
            local = cal.localize(step.at)
            assert (local.hour, local.minute) == (hour, minute)

    def test_the_three_zones_do_change_their_clocks(self) -> None:
        for zone in ZONES:
            assert len(DST_CHANGES[zone]) == 8, zone
        # Sydney is southern: its clocks change in April and October.
        assert {d.month for d in DST_CHANGES["Australia/Sydney"]} == {4, 10}


@st.composite
def proposals(
    draw: st.DrawFn,
) -> tuple[str, Interview, list[Attempt], datetime, Channel, Recipient, int]:
    zone = draw(zones)
    cal = CALS[zone]
    interview = draw(interviews(zone))
    attempts = draw(histories(interview, zone))
    latest = max([interview.interviewed_at, *(a.at for a in attempts)])
    minutes = draw(
        st.integers(min_value=0, max_value=4 * 24 * 60)
        | st.integers(min_value=0, max_value=60 * 24 * 60)
    )
    now = cal.localize(latest + timedelta(minutes=minutes))
    # Work channels are weighted up so that go and wait are common, not only G5 stops.
    channel = draw(st.sampled_from([Channel.EMAIL] * 4 + [Channel.PHONE] * 3 + list(Channel)))
    return zone, interview, attempts, now, channel, draw(recipients), draw(nudge_hours)


class TestVerdictProperties:
    @settings(max_examples=600)
    @given(proposals())
    def test_go_never_breaks_g1_g2_g3_g5_g6(
        self, case: tuple[str, Interview, list[Attempt], datetime, Channel, Recipient, int]
    ) -> None:
        zone, interview, attempts, now, channel, to, _hour = case
        cal = CALS[zone]
        d = decide(interview, channel=channel, to=to, now=now, cal=cal, attempts=attempts)
        assert d.rules and set(d.rules) <= RULE_IDS
        assert d.advice and "<" not in d.advice
        assert (d.next_ok_at is None) is (d.verdict is not Verdict.WAIT)
        if d.verdict is not Verdict.GO:
            return
        today = cal.local_date(now)
        # G5
        assert channel.is_work_channel
        # G3
        assert sum(1 for a in attempts if a.to is to and not a.answered) < 2
        # G4
        if interview.vibe is Vibe.CHILLY:
            assert not any(not a.answered for a in attempts)
        # G2: five business days after the last attempt to the same person ...
        for a in attempts:
            if a.to is to:
                assert cal.business_days_between(cal.local_date(a.at), today) >= 5
            # ... and never the same or the next day after any attempt.
            assert (today - cal.local_date(a.at)).days >= 2
        # G1: not before the S2 day (so never on the promised day); any hour of it that
        # suits the channel, whatever the nudge hour.
        assert today >= check_in_day(interview, cal=cal)
        assert today != interview.promised_by
        # G6 / S6
        assert cal.is_business_day(today)
        if channel is Channel.PHONE:
            assert CALL_START <= cal.localize(now).hour < CALL_END
        else:
            assert EMAIL_START <= cal.localize(now).hour < EMAIL_END
        # G7: a note up the chain goes once, only after G3 with a recruiter or HR and
        # before anybody answered.
        if d.suggest is DraftKind.HIRING_MANAGER:
            assert to is Recipient.HIRING_MANAGER
            assert not any(a.to is Recipient.HIRING_MANAGER for a in attempts)
            assert not any(a.answered for a in attempts)
            assert any(
                sum(1 for a in attempts if a.to is who and not a.answered) >= 2
                for who in (Recipient.RECRUITER, Recipient.HR)
            )
            last = max(cal.local_date(a.at) for a in attempts if a.to.is_gatekeeper)
            assert cal.business_days_between(last, today) >= 5  # S4

    @settings(max_examples=600)
    @given(proposals())
    def test_wait_ends_in_the_future_with_a_go(
        self, case: tuple[str, Interview, list[Attempt], datetime, Channel, Recipient, int]
    ) -> None:
        zone, interview, attempts, now, channel, to, _hour = case
        cal = CALS[zone]
        d = decide(interview, channel=channel, to=to, now=now, cal=cal, attempts=attempts)
        if d.verdict is not Verdict.WAIT:
            return
        assert d.next_ok_at is not None
        assert d.next_ok_at > now
        again = decide(
            interview,
            channel=channel,
            to=to,
            now=d.next_ok_at,
            cal=cal,
            attempts=attempts,
        )
        assert again.verdict is Verdict.GO, (d, again)
        assert again.suggest is d.suggest

    @given(proposals(), st.sampled_from(list(Outcome)))
    def test_news_and_outcomes(
        self,
        case: tuple[str, Interview, list[Attempt], datetime, Channel, Recipient, int],
        outcome: Outcome,
    ) -> None:
        zone, interview, attempts, now, channel, to, _hour = case
        cal = CALS[zone]
        d = decide(
            interview,
            channel=channel,
            to=to,
            now=now,
            cal=cal,
            attempts=attempts,
            outcome=outcome,
            real_news=True,
        )
        if outcome is not Outcome.NONE:
            # G8 first, whatever the news.
            assert (d.verdict, d.rules) == (Verdict.STOP, ("G8",))
        elif not channel.is_work_channel:
            assert (d.verdict, d.rules) == (Verdict.STOP, ("G5", "G9"))
        elif channel is Channel.EMAIL:
            assert (d.verdict, d.suggest) == (Verdict.GO, DraftKind.UPDATE)
        else:
            local = cal.localize(now)
            in_hours = cal.is_business_day(local.date()) and CALL_START <= local.hour < CALL_END
            assert d.verdict is (Verdict.GO if in_hours else Verdict.WAIT)

    @settings(max_examples=300)
    @given(
        zone=zones,
        data=st.data(),
        hour=st.integers(min_value=9, max_value=16),
        to=st.sampled_from([Recipient.RECRUITER, Recipient.HR, Recipient.INTERVIEWER]),
    )
    def test_plan_and_verdict_agree(
        self, zone: str, data: st.DataObject, hour: int, to: Recipient
    ) -> None:
        """Asked at the plan's next follow-up, the verdict says go and names that step."""
        cal = CALS[zone]
        interview = data.draw(interviews(zone))
        # The user followed the plan so far: k attempts to the follow-up person, each
        # on the day the plan (recomputed, S7) asked for it.
        attempts: list[Attempt] = []
        made = data.draw(st.integers(min_value=0, max_value=2))
        for _ in range(made):
            plan = make_plan(
                interview, cal=cal, nudge_hour=hour, attempts=attempts, follow_up_to=to
            )
            step = next(s for s in plan.steps if s.kind is not StepKind.THANK_YOU)
            if step.kind is StepKind.MOVE_ON:
                break
            attempts.append(Attempt(step.at, Channel.EMAIL, to))
        plan = make_plan(interview, cal=cal, nudge_hour=hour, attempts=attempts, follow_up_to=to)
        step = next(s for s in plan.steps if s.kind is not StepKind.THANK_YOU)
        if step.kind is StepKind.MOVE_ON:
            return
        who = Recipient.HIRING_MANAGER if step.kind is StepKind.HIRING_MANAGER else to
        d = decide(
            interview,
            channel=Channel.PHONE,
            to=who,
            now=step.at,
            cal=cal,
            attempts=attempts,
        )
        assert d.verdict is Verdict.GO, (step, d)
        assert d.suggest == DraftKind(step.kind.value)
        # The evening before the planned day the verdict still holds the user back; on the
        # day itself the nudge hour is no limit (a call at 09:00 is fine).
        day = cal.local_date(step.at)
        early = decide(
            interview,
            channel=Channel.PHONE,
            to=who,
            now=cal.at_local(day, 0) - timedelta(minutes=1),
            cal=cal,
            attempts=attempts,
        )
        assert early.verdict is Verdict.WAIT
        opening = decide(
            interview,
            channel=Channel.PHONE,
            to=who,
            now=cal.at_local(day, CALL_START),
            cal=cal,
            attempts=attempts,
        )
        assert opening.verdict is Verdict.GO
