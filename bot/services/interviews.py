"""Interviews: create one, change its facts, record the employer's answer, write a draft.

Every change that can move the follow-up plan re-plans it (:func:`bot.services.plans.replan`)
in the same transaction, so the nudges always match the stored facts (S7).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.calendar import BusinessCalendar
from bot.core.drafts import Addressee, DraftFacts, make_draft, thank_you_drafts
from bot.core.records import InterviewRecord, InterviewStatus, UserProfile
from bot.core.types import Draft, DraftKind, Outcome, Recipient, Vibe
from bot.services.people import contact_for
from bot.services.plans import Planned, replan
from bot.storage import repo
from bot.storage.repo import UNSET, Unset

__all__ = [
    "OUTCOME_STATUS",
    "STATUS_OUTCOME",
    "create",
    "draft_for",
    "get",
    "outcome_of",
    "record_answer",
    "reopen",
    "set_answered",
    "set_thanked",
    "update",
    "withdraw",
]

OUTCOME_STATUS = {
    Outcome.OFFER: InterviewStatus.OFFER,
    Outcome.REJECTED: InterviewStatus.REJECTED,
    Outcome.CLOSED: InterviewStatus.CLOSED,
    Outcome.WITHDREW: InterviewStatus.WITHDREW,
}
STATUS_OUTCOME = {status: outcome for outcome, status in OUTCOME_STATUS.items()}


def outcome_of(record: InterviewRecord) -> Outcome:
    """How the interview ended, as the rules see it (``NONE`` while it is not decided)."""
    return STATUS_OUTCOME.get(record.status, Outcome.NONE)


async def get(
    session: AsyncSession, user: UserProfile, interview_id: int
) -> InterviewRecord | None:
    """One of the user's interviews; ``None`` for an id that is not theirs."""
    return await repo.get_interview(session, owner_id=user.id, interview_id=interview_id)


async def create(
    session: AsyncSession,
    user: UserProfile,
    *,
    company: str,
    role: str,
    interviewed_at: datetime,
    said: str | None,
    promised_by: date | None,
    vibe: Vibe,
    thank_you_sent_at: datetime | None,
    people: Sequence[tuple[str, Recipient, str | None]],
) -> Planned:
    """Store a new interview with the people met, and plan its follow-ups."""
    record = await repo.create_interview(
        session,
        owner_id=user.id,
        company=company,
        role=role,
        interviewed_at=interviewed_at,
        said=said,
        promised_by=promised_by,
        vibe=vibe,
        thank_you_sent_at=thank_you_sent_at,
        people=people,
    )
    return await replan(session, user, record)


async def update(
    session: AsyncSession,
    user: UserProfile,
    interview_id: int,
    *,
    company: str | Unset = UNSET,
    role: str | Unset = UNSET,
    interviewed_at: datetime | Unset = UNSET,
    said: str | Unset | None = UNSET,
    promised_by: date | Unset | None = UNSET,
    vibe: Vibe | Unset = UNSET,
    thank_you_sent_at: datetime | Unset | None = UNSET,
) -> Planned | None:
    """Change the given facts and re-plan; ``None`` when the interview is not the user's.

    A new promised-by date starts the plan again from it; earlier follow-ups still count (S7).
    """
    record = await repo.update_interview(
        session,
        owner_id=user.id,
        interview_id=interview_id,
        company=company,
        role=role,
        interviewed_at=interviewed_at,
        said=said,
        promised_by=promised_by,
        vibe=vibe,
        thank_you_sent_at=thank_you_sent_at,
    )
    return None if record is None else await replan(session, user, record)


async def set_detail(
    session: AsyncSession, user: UserProfile, interview_id: int, *, detail: str
) -> InterviewRecord | None:
    """The one thing from the interview the user wants their notes to mention (kept in the
    interview's notes; the plan does not depend on it)."""
    return await repo.update_interview(
        session, owner_id=user.id, interview_id=interview_id, notes=detail or None
    )


async def set_thanked(
    session: AsyncSession, user: UserProfile, interview_id: int, *, at: datetime
) -> Planned | None:
    """The thank-you note is sent (S1): its reminder goes from the plan."""
    return await update(session, user, interview_id, thank_you_sent_at=at)


async def record_answer(
    session: AsyncSession, user: UserProfile, interview_id: int, status: InterviewStatus
) -> Planned | None:
    """The employer answered: the follow-ups so far count as answered, the interview takes
    ``status`` (REPLIED pauses the reminders, an outcome ends them; S7, G8)."""
    await repo.mark_attempts_answered(session, owner_id=user.id, interview_id=interview_id)
    record = await repo.set_status(
        session, owner_id=user.id, interview_id=interview_id, status=status
    )
    return None if record is None else await replan(session, user, record)


async def withdraw(session: AsyncSession, user: UserProfile, interview_id: int) -> Planned | None:
    """The user sent their withdrawal: the interview is closed as withdrawn and its reminders
    cancelled (G8). Their follow-ups stay as they were: withdrawing is not a reply."""
    record = await repo.set_status(
        session, owner_id=user.id, interview_id=interview_id, status=InterviewStatus.WITHDREW
    )
    return None if record is None else await replan(session, user, record)


async def set_answered(
    session: AsyncSession, user: UserProfile, interview_id: int, answered: Sequence[int]
) -> Planned | None:
    """Exactly the follow-ups ``answered`` (attempt ids) got a reply; the others did not.
    Re-plans, so an open interview counts its unanswered follow-ups again (S7, G3)."""
    record = await repo.get_interview(session, owner_id=user.id, interview_id=interview_id)
    if record is None:
        return None
    mine = {a.id for a in record.attempts}
    await repo.set_attempts_answered(
        session, owner_id=user.id, interview_id=interview_id, answered=mine & set(answered)
    )
    updated = await repo.get_interview(session, owner_id=user.id, interview_id=interview_id)
    return None if updated is None else await replan(session, user, updated)


async def reopen(
    session: AsyncSession, user: UserProfile, interview_id: int, *, plan: bool = True
) -> Planned | None:
    """Back to waiting; with ``plan=False`` the plan is left for the caller to make (it is
    about to learn a new date)."""
    record = await repo.set_status(
        session, owner_id=user.id, interview_id=interview_id, status=InterviewStatus.WAITING
    )
    if record is None:
        return None
    return await replan(session, user, record) if plan else Planned(record, None)


def draft_facts(
    record: InterviewRecord,
    kind: DraftKind,
    *,
    user_name: str,
    cal: BusinessCalendar,
    news: str = "",
    other_company: str = "",
    other_deadline: date | None = None,
    other_offer: bool = False,
) -> DraftFacts:
    """What a draft of ``kind`` for this interview may say (only what the user gave)."""
    contact = contact_for(record, kind)
    return DraftFacts(
        company=record.company,
        role=record.role,
        user_name=user_name,
        contact_name=contact.name if contact else "",
        contact_role=contact.role if contact else None,
        interview_day=cal.local_date(record.interviewed_at),
        promised_by=record.promised_by,
        detail=record.notes or "",
        news=news,
        other_offer=other_offer,
        other_company=other_company,
        other_offer_deadline=other_deadline,
    )


def draft_for(
    record: InterviewRecord,
    kind: DraftKind,
    *,
    user_name: str,
    cal: BusinessCalendar,
    news: str = "",
    other_company: str = "",
    other_deadline: date | None = None,
    other_offer: bool = False,
) -> Draft:
    """A draft of ``kind`` for this interview, addressed to the right person if known."""
    facts = draft_facts(
        record,
        kind,
        user_name=user_name,
        cal=cal,
        news=news,
        other_company=other_company,
        other_deadline=other_deadline,
        other_offer=other_offer,
    )
    return make_draft(kind, facts)


def thank_you_notes(
    record: InterviewRecord, *, user_name: str, cal: BusinessCalendar, only: str | None = None
) -> tuple[Draft, ...]:
    """One thank-you note per person the user met (S1), or one with a neutral greeting;
    ``only`` (a name, matched by first name) keeps the note to that person when they were met."""
    facts = draft_facts(record, DraftKind.THANK_YOU, user_name=user_name, cal=cal)
    people = record.people
    if only and only.split():
        first = only.split()[0].casefold()
        named = tuple(p for p in people if p.name.split() and p.name.split()[0].casefold() == first)
        people = named or people
    met = [Addressee(p.name, p.role) for p in people]
    return thank_you_drafts(facts, met)
