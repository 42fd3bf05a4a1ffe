"""The answer to "should I call or e-mail again?" (G1-G9, G11, G12).

:func:`decide` weighs one proposed contact (a channel, a person, a moment)
against the interview, the attempts already made and any known outcome, and
answers **go**, **wait** (with the earliest moment it becomes go) or **stop**,
always with the rule ids that decided it.

The order of the checks:

1. G8, a known outcome: stop (after a rejection, one feedback request is offered).
2. G9, real news: go at once, by a work channel (G5), calls only in call hours (G6).
3. G4 and G3/G7: caps on how often one person, or a chilly employer, hears from
   the user. These do not depend on the channel or the moment, so they come
   before G5: "use your work e-mail instead" would be wrong advice for a person
   who must not be contacted again at all.
4. G5, work channels only: stop.
5. The waits: G1 (not before the S2 day), G2 (5 business days between attempts
   to one person, never back-to-back days), S4 (the note up the chain waits 5
   business days after the last gatekeeper attempt), and the channel's hours: a
   call within G6's hours (09:00-17:00 on business days), an e-mail within the
   working day (08:00-18:00 on business days, S6). ``next_ok_at`` is the earliest
   moment every one of them holds at once; deciding again at that moment gives
   go. A wait that clears on a given day clears when that working day starts
   (08:00), and the channel's hours do the rest: an e-mail then, a call at 09:00.
   The user's nudge hour is when the bot's reminders arrive; it does not limit
   advice ("wait until 10:00" at 09:47 on the right day would be wrong).

Attempts, answered or not, all count for spacing (G2). The caps count
unanswered attempts: G3 per person, G4 to anyone. A contact to the hiring
manager while the user has been following up with a recruiter or HR is the G7
note: go once, only after G3 is reached with one of them, no attempt has been
answered and 5 business days have passed (S4). Without recruiter or HR attempts
the hiring manager is simply the person the user follows up with.

After a rejection (G8) the rejection is taken to be the reply recorded on the
latest answered attempt: an attempt made after it means the one feedback request
was already sent. When no attempt is answered the rejection cannot be dated, so
it is read as having come after every recorded attempt and the feedback request
is still offered; callers should record the reply that carried a rejection as
an answer to the attempt it followed.

Advice is plain text (no markup) and carries no user-provided text, so it is
safe in any parse mode. It names no rule id: :attr:`Decision.rules` carries them,
and :func:`bot.core.coaching.explain` says each in plain words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final

from bot.core.calendar import BusinessCalendar, day_in_words
from bot.core.i18n import _
from bot.core.plan import FOLLOW_UP_SPACING, check_in_day
from bot.core.types import (
    Attempt,
    Channel,
    Decision,
    DraftKind,
    Interview,
    Outcome,
    Recipient,
    Verdict,
    Vibe,
)

__all__ = ["CALL_END", "CALL_START", "EMAIL_END", "EMAIL_START", "decide"]

CALL_START, CALL_END = 9, 17  # G6: calls in [09:00, 17:00) local on business days
EMAIL_START, EMAIL_END = 8, 18  # S6: e-mails in the working day, [08:00, 18:00) local

_MAX_ROUNDS = 64


_WHO = {
    Recipient.RECRUITER: _("the recruiter"),
    Recipient.HR: _("HR"),
    Recipient.HIRING_MANAGER: _("the hiring manager"),
    Recipient.INTERVIEWER: _("the interviewer"),
}

_FAMILIES = "GSTCD"


def _ordered(ids: Iterable[str]) -> tuple[str, ...]:
    """Rule ids without repeats in a stable order: G, S, T, C, D, then by number."""

    def key(rule: str) -> tuple[int, int]:
        family = _FAMILIES.find(rule[0])
        number = int(rule[1:]) if rule[1:].isdigit() else 0
        return (family if family >= 0 else len(_FAMILIES), number)

    return tuple(sorted(set(ids), key=key))


@dataclass(frozen=True, slots=True)
class _Gate:
    """One wait constraint: a rule id, whether a moment passes, the next moment that does."""

    rule: str
    ok: Callable[[datetime], bool]
    advance: Callable[[datetime], datetime]
    why: str
    until: datetime | None = None  # for a date threshold: the moment it opens


def decide(
    interview: Interview,
    *,
    channel: Channel,
    to: Recipient,
    now: datetime,
    cal: BusinessCalendar,
    attempts: Sequence[Attempt] = (),
    outcome: Outcome = Outcome.NONE,
    real_news: bool = False,
) -> Decision:
    """Go, wait or stop for contacting ``to`` by ``channel`` at ``now`` (aware)."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    history = sorted(attempts, key=lambda a: a.at)

    if outcome is not Outcome.NONE:
        return _known_outcome(outcome, history)
    if real_news:
        return _real_news(channel, now, cal)

    stop = _capped(interview, to, history)
    if stop is not None:
        return stop
    if not channel.is_work_channel:
        return _wrong_channel(channel)

    gates: list[_Gate] = [_g1(interview, cal)]
    unanswered_to = sum(1 for a in history if a.to is to and not a.answered)
    same = [a for a in history if a.to is to]
    if same:
        gates.append(_g2_same(cal, to, cal.local_date(same[-1].at)))
    if history:
        gates.append(_g2_back_to_back(cal, cal.local_date(history[-1].at)))

    if _is_g7_note(to, history):
        gatekeeper_days = [cal.local_date(a.at) for a in history if a.to.is_gatekeeper]
        gates.append(_s4(cal, gatekeeper_days[-1]))
        suggest = DraftKind.HIRING_MANAGER
        step_rule = "G7"
    elif unanswered_to == 0:
        suggest, step_rule = DraftKind.CHECK_IN, "S2"
    else:
        suggest, step_rule = DraftKind.SECOND_FOLLOW_UP, "S3"
    gates.append(_g6(cal) if channel is Channel.PHONE else _s6(cal))

    waited = _settle(gates, now)
    if waited is not None:
        when, blocked = waited
        return Decision(
            verdict=Verdict.WAIT,
            rules=_ordered(g.rule for g in blocked),
            advice=_wait_advice(when, now, cal, blocked, channel, interview.vibe),
            next_ok_at=when,
            suggest=suggest,
        )
    return _go(interview, channel, to, suggest, step_rule)


# -- stops ---------------------------------------------------------------------


def _known_outcome(outcome: Outcome, history: Sequence[Attempt]) -> Decision:
    if outcome is Outcome.REJECTED:
        answered = [a for a in history if a.answered]
        asked = bool(answered) and any(a.at > answered[-1].at for a in history)
        if asked:
            return _stop(
                ("G8",),
                _(
                    "You have already asked for feedback, so leave it there. "
                    "If an answer comes it is a bonus; keep your energy for the next applications."
                ),
            )
        return Decision(
            verdict=Verdict.STOP,
            rules=("G8",),
            advice=_(
                "They have made their decision, so no more follow-ups. "
                "One short, polite e-mail asking for feedback is fine and can help next time."
            ),
            suggest=DraftKind.FEEDBACK_REQUEST,
        )
    advice = {
        Outcome.OFFER: _(
            "Congratulations on the offer: there is nothing left to chase here. "
            "Reply to the offer itself rather than sending another follow-up."
        ),
        Outcome.CLOSED: _(
            "The position is closed, so another follow-up will not change it. "
            "Keep the contact friendly for future openings and put your time into new ones."
        ),
        Outcome.WITHDREW: _(
            "You have withdrawn, so there is nothing left to follow up. "
            "A polite goodbye keeps the door open if you ever want to apply there again."
        ),
    }[outcome]
    return _stop(("G8",), advice)


def _real_news(channel: Channel, now: datetime, cal: BusinessCalendar) -> Decision:
    if not channel.is_work_channel:
        return Decision(
            verdict=Verdict.STOP,
            rules=_ordered(("G5", "G9")),
            advice=_(
                "Real news is worth sharing, but not through a personal channel: "
                "send it to their work e-mail or call the office line instead."
            ),
            suggest=DraftKind.UPDATE,
        )
    if channel is Channel.PHONE:
        waited = _settle([_g6(cal)], now)
        if waited is not None:
            when, _deciding = waited
            return Decision(
                verdict=Verdict.WAIT,
                rules=("G6", "G9"),
                advice=_(
                    "Real news can be shared at any time, but calls belong in working "
                    "hours: call {when}, or send it by work e-mail now."
                ).format(when=_when(when, now, cal)),
                next_ok_at=when,
                suggest=DraftKind.UPDATE,
            )
    return Decision(
        verdict=Verdict.GO,
        rules=("G9",),
        advice=_(
            "Go ahead: real news such as another offer is worth sharing and is not nagging. "
            "Keep it factual and mention a deadline only if there really is one."
        ),
        suggest=DraftKind.UPDATE,
    )


def _capped(interview: Interview, to: Recipient, history: Sequence[Attempt]) -> Decision | None:
    """G4, G3 and the once-only G7 note: stops that no channel or moment can lift."""
    unanswered = [a for a in history if not a.answered]
    if interview.vibe is Vibe.CHILLY and unanswered:
        return _stop(
            ("G4", "S5"),
            _(
                "The interview felt cool and you have already followed up once, which is enough. "
                "Let this one go and keep the door open: your time is better spent on "
                "other applications."
            ),
        )
    if to is Recipient.HIRING_MANAGER and _on_gatekeeper_route(history):
        if any(a.to is Recipient.HIRING_MANAGER for a in history):
            return _stop(
                ("G7", "S5"),
                _(
                    "You have sent your one note to the hiring manager, and going up the chain "
                    "happens only once. Let this one go and keep the door open."
                ),
            )
        if any(a.answered for a in history):
            return _stop(
                ("G7",),
                _(
                    "Someone there has replied, so keep talking with them rather than going over "
                    "their head."
                ),
            )
        if not _gatekeeper_capped(history):
            return _stop(
                ("G3", "G7"),
                _(
                    "Keep your follow-ups with the recruiter or HR for now: the one note to the "
                    "hiring manager comes only after two unanswered attempts to them."
                ),
            )
        return None
    count = sum(1 for a in unanswered if a.to is to)
    if count < 2:
        return None
    who = _WHO[to]
    if to.is_gatekeeper and interview.hiring_manager_known and _g7_open(history):
        return Decision(
            verdict=Verdict.STOP,
            rules=("G3", "G7"),
            advice=_(
                "Two unanswered messages to {who} is the limit, so no third one. "
                "Instead you can send one respectful note to the hiring manager that shows your "
                "enthusiasm and skills, without mentioning the silence."
            ).format(who=who),
            suggest=DraftKind.HIRING_MANAGER,
        )
    if count == 2:
        advice = _(
            "You have reached out to {who} twice without a reply, and a third message would "
            "hurt more than help. Let this one go and keep the door open."
        ).format(who=who)
    else:
        advice = _(
            "You have reached out to {who} {count} times without a reply; another message "
            "would hurt more than help. Let this one go and keep the door open."
        ).format(who=who, count=_COUNT_WORDS.get(count, str(count)))
    return _stop(("G3", "S5"), advice)


_COUNT_WORDS: Final = {3: "three", 4: "four", 5: "five", 6: "six"}


def _wrong_channel(channel: Channel) -> Decision:
    advice = {
        Channel.PERSONAL_EMAIL: _(
            "Please keep away from personal e-mail addresses. "
            "Write to their work e-mail instead, or call the office line."
        ),
        Channel.PERSONAL_PHONE: _(
            "Please don't call a personal number. "
            "Use the office line during working hours or their work e-mail instead."
        ),
        Channel.IN_PERSON: _(
            "Turning up in person puts people on the spot. "
            "A short message to their work e-mail, or a call to the office line, does it better."
        ),
        Channel.SOCIAL: _(
            "A social-media message feels too personal for a hiring question. "
            "Use their work e-mail or the office line instead."
        ),
    }[channel]
    return _stop(("G5",), advice)


def _stop(rules: tuple[str, ...], advice: str) -> Decision:
    return Decision(verdict=Verdict.STOP, rules=_ordered(rules), advice=advice)


def _on_gatekeeper_route(history: Sequence[Attempt]) -> bool:
    """The user has been following up with a recruiter or HR, unless the hiring manager replied.

    Then a contact to the hiring manager is the once-only G7 note; otherwise the
    hiring manager is simply the person the user follows up with.
    """
    if any(a.to is Recipient.HIRING_MANAGER and a.answered for a in history):
        return False
    return any(a.to.is_gatekeeper for a in history)


def _gatekeeper_capped(history: Sequence[Attempt]) -> bool:
    """G3 is reached with the recruiter or with HR (two unanswered attempts to one of them)."""
    return any(
        sum(1 for a in history if a.to is who and not a.answered) >= 2
        for who in (Recipient.RECRUITER, Recipient.HR)
    )


def _g7_open(history: Sequence[Attempt]) -> bool:
    """G7 is still available: nothing answered and no note to the hiring manager yet."""
    return not any(a.answered or a.to is Recipient.HIRING_MANAGER for a in history)


def _is_g7_note(to: Recipient, history: Sequence[Attempt]) -> bool:
    return to is Recipient.HIRING_MANAGER and _on_gatekeeper_route(history)


# -- waits ---------------------------------------------------------------------


def _threshold(rule: str, moment: datetime, why: str) -> _Gate:
    return _Gate(rule, lambda t: t >= moment, lambda _t: moment, why, until=moment)


def _day_starts(cal: BusinessCalendar, day: date) -> datetime:
    """A wait that clears on ``day`` clears when its working day begins (the channel's hours
    do the rest: a call waits for 09:00, a weekend for Monday)."""
    return cal.at_local(day, EMAIL_START)


def _g1(interview: Interview, cal: BusinessCalendar) -> _Gate:
    day = check_in_day(interview, cal=cal)
    if interview.promised_by is None:
        why = _(
            "with no date from them, give it two working weeks after the interview before "
            "checking in"
        )
    else:
        why = _(
            "they said they would decide by {day}, and a check-in lands best two business days "
            "after that, never on the day itself"
        ).format(day=day_in_words(interview.promised_by))
    return _threshold("G1", _day_starts(cal, day), why)


def _g2_same(cal: BusinessCalendar, to: Recipient, last: date) -> _Gate:
    day = cal.add_business_days(last, FOLLOW_UP_SPACING)
    why = _(
        "you contacted {who} on {day}, and two attempts to the same person need at least five "
        "business days between them"
    ).format(who=_WHO[to], day=day_in_words(last))
    return _threshold("G2", _day_starts(cal, day), why)


def _g2_back_to_back(cal: BusinessCalendar, last: date) -> _Gate:
    why = _(
        "you were last in touch with them on {day}, and follow-ups never go out on "
        "back-to-back days"
    ).format(day=day_in_words(last))
    return _threshold("G2", _day_starts(cal, last + timedelta(days=2)), why)


def _s4(cal: BusinessCalendar, last_gatekeeper: date) -> _Gate:
    day = cal.add_business_days(last_gatekeeper, FOLLOW_UP_SPACING)
    why = _(
        "the note to the hiring manager comes five business days after your last follow-up "
        "to the recruiter or HR"
    )
    return _threshold("S4", _day_starts(cal, day), why)


def _g6(cal: BusinessCalendar) -> _Gate:
    def ok(t: datetime) -> bool:
        local = cal.localize(t)
        return cal.is_business_day(local.date()) and CALL_START <= local.hour < CALL_END

    def advance(t: datetime) -> datetime:
        local = cal.localize(t)
        if cal.is_business_day(local.date()) and local.time() < time(CALL_START):
            return cal.at_local(local.date(), CALL_START)
        return cal.at_local(cal.next_business_day(local.date()), CALL_START)

    why = _("calls belong in working hours, 09:00-17:00 on a business day")
    return _Gate("G6", ok, advance, why)


def _s6(cal: BusinessCalendar) -> _Gate:
    def ok(t: datetime) -> bool:
        local = cal.localize(t)
        return cal.is_business_day(local.date()) and EMAIL_START <= local.hour < EMAIL_END

    def advance(t: datetime) -> datetime:
        local = cal.localize(t)
        if cal.is_business_day(local.date()) and local.time() < time(EMAIL_START):
            return cal.at_local(local.date(), EMAIL_START)
        return cal.at_local(cal.next_business_day(local.date()), EMAIL_START)

    why = _("e-mails land best in the working day, 08:00-18:00 on a business day")
    return _Gate("S6", ok, advance, why)


def _settle(gates: Sequence[_Gate], now: datetime) -> tuple[datetime, list[_Gate]] | None:
    """The earliest moment from ``now`` every gate passes, and the gates that decided it.

    ``None`` when every gate passes at ``now``. Each round moves to the latest of
    the blocked gates' next passing moments, then checks all gates again (a G2
    date may land on a weekend, outside call hours, ...). Every advance is
    strictly later and the date thresholds never close again, so this ends.
    A date threshold that opens before another blocking one is left out of the
    deciding gates: it held the user back, but not until that moment.
    """
    moment = now
    blocked: list[_Gate] = []
    for _round in range(_MAX_ROUNDS):
        failing = [g for g in gates if not g.ok(moment)]
        if not failing:
            if not blocked:
                return None
            latest = max((g.until for g in blocked if g.until is not None), default=None)
            deciding = [g for g in blocked if g.until is None or g.until == latest]
            return moment, deciding
        blocked.extend(g for g in failing if g not in blocked)
        moment = max(g.advance(moment) for g in failing)
    raise RuntimeError("wait constraints did not settle")  # pragma: no cover


def _wait_advice(
    when: datetime,
    now: datetime,
    cal: BusinessCalendar,
    blocked: Sequence[_Gate],
    channel: Channel,
    vibe: Vibe,
) -> str:
    # The reasons are whole clauses joined by the list separator; the sentence around them is
    # one template.
    reasons = _("; ").join(g.why for g in blocked)
    first = _("Hold off until {when}: {reasons}.").format(
        when=_when(when, now, cal), reasons=reasons
    )
    if channel is Channel.PHONE and vibe is not Vibe.WARM:
        then = _("A call fits best after a warm interview, so an e-mail may suit better.")
    else:
        then = _("Meanwhile, keep other applications moving.")
    return f"{first} {then}"


# -- go ------------------------------------------------------------------------


def _go(
    interview: Interview, channel: Channel, to: Recipient, suggest: DraftKind, step_rule: str
) -> Decision:
    rules = [step_rule, "G11"]
    phone = channel is Channel.PHONE
    first = _go_sentence(suggest, phone).format(who=_WHO[to])
    if interview.vibe is Vibe.WARM:
        rules.append("G12")
        second = _(
            "Since it went well, a recommendation from someone who knows your work or a "
            "contact at the company can add weight."
        )
    elif phone:
        rules.append("G6")
        second = _(
            "A call fits best after a warm interview, so an e-mail may be the gentler choice."
        )
    else:
        second = ""
    advice = f"{first} {second}" if second else first
    return Decision(verdict=Verdict.GO, rules=_ordered(rules), advice=advice, suggest=suggest)


def _go_sentence(suggest: DraftKind, phone: bool) -> str:
    """The go-ahead for the step, by phone or by e-mail, as one template with ``{who}``."""
    if phone:
        return {
            DraftKind.CHECK_IN: _(
                "Go ahead and check in with {who} by phone, and bring something to the call: a "
                "relevant article or piece of news, and one line on why the role still "
                "interests you."
            ),
            DraftKind.SECOND_FOLLOW_UP: _(
                "Go ahead and send {who} your second and last follow-up by phone, and bring "
                "something to the call: a relevant article or piece of news, and one line on "
                "why the role still interests you."
            ),
            DraftKind.HIRING_MANAGER: _(
                "Go ahead and send the hiring manager one respectful note by phone, and bring "
                "something to the call: a relevant article or piece of news, and one line on "
                "why the role still interests you."
            ),
        }.get(
            suggest,
            _(
                "Go ahead and contact {who} by phone, and bring something to the call: a "
                "relevant article or piece of news, and one line on why the role still "
                "interests you."
            ),
        )
    return {
        DraftKind.CHECK_IN: _(
            "Go ahead and check in with {who} by e-mail, and give them something with it: a "
            "relevant article or piece of news, plus one line on why the role still interests "
            "you."
        ),
        DraftKind.SECOND_FOLLOW_UP: _(
            "Go ahead and send {who} your second and last follow-up by e-mail, and give them "
            "something with it: a relevant article or piece of news, plus one line on why the "
            "role still interests you."
        ),
        DraftKind.HIRING_MANAGER: _(
            "Go ahead and send the hiring manager one respectful note by e-mail, and give them "
            "something with it: a relevant article or piece of news, plus one line on why the "
            "role still interests you."
        ),
    }.get(
        suggest,
        _(
            "Go ahead and contact {who} by e-mail, and give them something with it: a relevant "
            "article or piece of news, plus one line on why the role still interests you."
        ),
    )


# -- words ---------------------------------------------------------------------


def _when(moment: datetime, now: datetime, cal: BusinessCalendar) -> str:
    local = cal.localize(moment)
    today = cal.local_date(now)
    clock = f"{local:%H:%M}"
    if local.date() == today:
        return _("today at {time}").format(time=clock)
    if local.date() == today + timedelta(days=1):
        return _("tomorrow at {time}").format(time=clock)
    return _("{day} at {time}").format(day=day_in_words(local.date()), time=clock)
