"""The people at the employer: reading one from what the user typed, and whom to write to."""

from __future__ import annotations

import re

from bot.core.nudging import main_contact
from bot.core.records import InterviewRecord, Person
from bot.core.types import DraftKind, Recipient

__all__ = [
    "PERSONAL_DOMAINS",
    "contact_for",
    "follow_up_to",
    "is_personal_email",
    "parse_person",
    "person_in_role",
]

PERSONAL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com",
        "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net",
        "web.de", "mail.ru", "yandex.ru", "yahoo.co.uk", "msn.com",
    }
)  # fmt: skip
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
ROLE_WORDS = (
    (re.compile(r"hiring\s*manager|manager|boss|team\s*lead|head of|director", re.I),
     Recipient.HIRING_MANAGER),
    (re.compile(r"recruit|talent|sourcer", re.I), Recipient.RECRUITER),
    (re.compile(r"\bhr\b|human resources|people (?:team|partner)", re.I), Recipient.HR),
    (re.compile(r"interview|engineer|developer|designer|panel|colleague", re.I),
     Recipient.INTERVIEWER),
)  # fmt: skip


def parse_person(text: str) -> tuple[str, Recipient, str | None]:
    """ "Dana Lee, recruiter, dana@acme.com" → name, role, e-mail.

    The role defaults to interviewer and the e-mail to ``None``; the name is ``""`` when the
    text gave none (only an e-mail): the caller names them after their role.
    """
    found = EMAIL.search(text)
    email = found.group().lower() if found else None
    rest = EMAIL.sub(" ", text)
    role = Recipient.INTERVIEWER
    for pattern, candidate in ROLE_WORDS:
        if pattern.search(rest):
            role = candidate
            break
    pieces = [p.strip(" -–—()") for p in re.split(r"[,;(]|\s[-–—]\s", rest)]
    name = next((p for p in pieces if p and not any(r.search(p) for r, _ in ROLE_WORDS)), "")
    if not name:
        name = pieces[0] if pieces else ""
    return name.strip(), role, email


def is_personal_email(email: str) -> bool:
    """A private mailbox (G5: follow-ups belong on work channels)."""
    return email.rsplit("@", 1)[-1] in PERSONAL_DOMAINS


def follow_up_to(record: InterviewRecord) -> Recipient:
    """Who the follow-ups go to: whoever the first logged one went to; before any, the
    recruiter or HR if known, else the hiring manager, else whoever they met
    (:func:`bot.core.nudging.main_contact`)."""
    return main_contact(tuple(p.role for p in record.people), record.core_attempts())


def contact_for(record: InterviewRecord, kind: DraftKind) -> Person | None:
    """The person a draft of ``kind`` is addressed to, if the user named one."""
    wanted = {
        DraftKind.THANK_YOU: (Recipient.INTERVIEWER, Recipient.HIRING_MANAGER),
        DraftKind.HIRING_MANAGER: (Recipient.HIRING_MANAGER,),
    }.get(kind, (Recipient.RECRUITER, Recipient.HR, Recipient.HIRING_MANAGER))
    for role in wanted:
        for person in record.people:
            if person.role is role:
                return person
    if kind is DraftKind.HIRING_MANAGER:
        return None
    return record.people[0] if record.people else None


def person_in_role(record: InterviewRecord, role: Recipient) -> Person | None:
    """The first person of ``role`` the user named for this interview."""
    return next((p for p in record.people if p.role is role), None)
