"""E-mail drafts for every step of the wait (RULEBOOK D, with G7, G8, G9, G11).

:func:`make_draft` writes one of the seven :class:`DraftKind` drafts from the facts the
user gave and nothing else: names, company, role, dates in words ("Tuesday 17
November"), one detail from the interview and, for an update or a withdrawal, the
user's own news. A missing fact gets a neutral wording ("Hello," instead of a name)
or a bracketed placeholder the user fills in ("[your name]"). The prose never claims
an offer, a deadline or any other news the user did not give (G9), never blames
(G7) and passes :func:`bot.core.tone.check_tone` with no findings (G10).

Every draft stays under :data:`MAX_WORDS` words, subject and body together: long
fields are clipped on a word boundary, and if the total would still be too long the
optional interview detail is left out, then the news is shortened.

:func:`draft_order` says which drafts the user needs now, most urgent first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from bot.core.calendar import day_in_words
from bot.core.types import Draft, DraftKind, Outcome, Recipient

__all__ = ["MAX_WORDS", "DraftFacts", "count_words", "day_in_words", "draft_order", "make_draft"]

MAX_WORDS = 150
"""A draft has fewer than this many words, subject and body counted together (D)."""


# Field limits: (characters, words). Chosen so that every kind with every field at
# its limit stays under MAX_WORDS (tests/test_drafts.py checks the worst case).
_NAME_LIMIT = (50, 5)
_COMPANY_LIMIT = (80, 8)
_ROLE_LIMIT = (80, 10)
_DETAIL_LIMIT = (200, 30)
_NEWS_LIMIT = (240, 40)

# News that carries its own date or deadline (G9): only then does the update mention
# that timing matters.
_DEADLINE_IN_NEWS = re.compile(
    r"\b(?:deadline|expires?|expiring|(?:by|before|until|till|no later than|within) (?:the )?"
    r"(?:end of |next |this )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"tomorrow|today|tonight|week|month|\d|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|a week|a few|two|three|four|five|seven|ten))",
    re.IGNORECASE,
)

_OPTIONAL_G11 = (
    "[Optional (G11): add a relevant article, event or piece of news here, with one line on "
    "why it made you think of the team.]"
)
_SKILL_PLACEHOLDER = "[one skill or result that fits the role]"
_NEWS_PLACEHOLDER = "[Your news in one or two sentences.]"
_NAME_PLACEHOLDER = "[your name]"


@dataclass(frozen=True, slots=True)
class DraftFacts:
    """What the user told the bot; every field may be empty."""

    company: str = ""
    role: str = ""
    user_name: str = ""
    contact_name: str = ""
    contact_role: Recipient | None = None
    interview_day: date | None = None
    promised_by: date | None = None
    detail: str = ""
    news: str = ""


def count_words(draft: Draft) -> int:
    """Words in the subject and body together: runs of non-space characters."""
    return len(draft.subject.split()) + len(draft.body.split())


def _clip(text: str, limit: tuple[int, int]) -> str:
    """Collapse whitespace and clip to ``limit`` (characters, words) on a word boundary."""
    max_chars, max_words = limit
    words = text.split()[:max_words]
    out = " ".join(words)
    if len(out) > max_chars:
        cut = out[: max_chars + 1]
        space = cut.rfind(" ")
        out = cut[:space] if space > 0 else out[:max_chars]
    return out.strip().rstrip(",;:-–—(").strip()


def _sentence(text: str) -> str:
    """A clipped fact as a sentence: capital first letter, closing full stop."""
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _fragment(text: str) -> str:
    """A clipped fact to embed mid-sentence: no closing full stop."""
    return text.strip().rstrip(".!?;,").strip()


@dataclass(frozen=True, slots=True)
class _Words:
    """The facts turned into ready-to-use phrases."""

    greeting: str
    position: str  # "the Data Analyst role at Acme" / "the role"
    short: str  # for subjects: "Data Analyst role" / "my application"
    team: str  # "the team at Acme" / "the team"
    when: str  # " on Tuesday 17 November" / ""
    detail: str
    news: str
    promised: str
    signature: str
    contact_role: Recipient | None


def _words(facts: DraftFacts) -> _Words:
    company = _fragment(_clip(facts.company, _COMPANY_LIMIT))
    role = _fragment(_clip(facts.role, _ROLE_LIMIT))
    contact = _fragment(_clip(facts.contact_name, _NAME_LIMIT))
    user = _fragment(_clip(facts.user_name, _NAME_LIMIT))
    if role and company:
        position = f"the {role} role at {company}"
    elif role:
        position = f"the {role} role"
    elif company:
        position = f"the role at {company}"
    else:
        position = "the role"
    return _Words(
        greeting=f"Dear {contact}," if contact else "Hello,",
        position=position,
        short=f"{role} role" if role else (f"my application to {company}" if company else ""),
        team=f"the team at {company}" if company else "the team",
        when=f" on {day_in_words(facts.interview_day)}" if facts.interview_day else "",
        detail=_fragment(_clip(facts.detail, _DETAIL_LIMIT)),
        news=_sentence(_clip(facts.news, _NEWS_LIMIT)),
        promised=day_in_words(facts.promised_by) if facts.promised_by else "",
        signature=f"Best regards,\n{user or _NAME_PLACEHOLDER}",
        contact_role=facts.contact_role,
    )


def _body(*paragraphs: str) -> str:
    return "\n\n".join(p for p in paragraphs if p)


def _thank_you(w: _Words) -> Draft:
    subject = f"Thank you for the interview: {w.short}" if w.short else "Thank you for your time"
    about = f", especially our conversation about {w.detail}" if w.detail else ""
    if w.contact_role is not None and w.contact_role.is_gatekeeper:
        personal = "Thank you also for guiding me through the process so far."
    else:
        personal = "It was good to hear how the work is organised and what matters most to you."
    return Draft(
        DraftKind.THANK_YOU,
        subject,
        _body(
            w.greeting,
            f"Thank you for taking the time to speak with me{w.when} about {w.position}. "
            f"I enjoyed learning more about {w.team}{about}. {personal}",
            "Our conversation strengthened my interest in the role, and I would be glad to "
            "send anything else that could help.",
            "I look forward to hearing about the next steps.",
            w.signature,
        ),
    )


def _check_in(w: _Words) -> Draft:
    subject = f"Checking in: {w.short}" if w.short else "Checking in on my application"
    since = f", following our interview{w.when}" if w.when else ""
    if w.promised:
        timing = (
            f"When we spoke, you mentioned you hoped to have news by {w.promised}, so I "
            "wanted to ask whether there is an update."
        )
    else:
        timing = "I wanted to ask whether there is an update on the timeline."
    interest = "I remain very interested in the role"
    interest += (
        f", and I keep coming back to our conversation about {w.detail}." if w.detail else "."
    )
    return Draft(
        DraftKind.CHECK_IN,
        subject,
        _body(
            w.greeting,
            f"I hope you are well. I am writing to check in about {w.position}{since}. {timing}",
            interest,
            _OPTIONAL_G11,
            "Thank you for your time, and I look forward to hearing from you.",
            w.signature,
        ),
    )


def _second_follow_up(w: _Words) -> Draft:
    subject = f"Following up: {w.short}" if w.short else "Following up on my application"
    detail = f"Since we spoke{w.when}, I have kept thinking about {w.detail}. " if w.detail else ""
    return Draft(
        DraftKind.SECOND_FOLLOW_UP,
        subject,
        _body(
            w.greeting,
            f"I am following up on my earlier note about {w.position}. I understand these "
            "decisions can take time, and I would be grateful for any update on where things "
            "stand.",
            f"{detail}The role still feels like a strong fit, and I would be happy to provide "
            "references or anything else that would help.",
            "Thank you for your time and consideration.",
            w.signature,
        ),
    )


def _hiring_manager(w: _Words) -> Draft:
    subject = (
        f"My continued interest in the {w.short}"
        if w.short.endswith("role")
        else ("My continued interest in the role")
    )
    detail = (
        f" Our conversation about {w.detail} left me keen to help with that work."
        if (w.detail)
        else ""
    )
    return Draft(
        DraftKind.HIRING_MANAGER,
        subject,
        _body(
            w.greeting,
            f"I interviewed for {w.position}{w.when}, and I wanted to tell you directly how much "
            f"the role appeals to me.{detail}",
            f"I believe my experience with {_SKILL_PLACEHOLDER} would let me contribute from the "
            "start, and I would welcome the chance to talk about it further.",
            "Thank you for your time. If there is anything I can share that would help, I would "
            "be glad to send it.",
            w.signature,
        ),
    )


def _update(w: _Words) -> Draft:
    subject = f"An update on my application: {w.short}" if w.short else "An update from me"
    since = f", following our interview{w.when}" if w.when else ""
    news = w.news or _NEWS_PLACEHOLDER
    if w.news and _DEADLINE_IN_NEWS.search(w.news):
        timing = (
            "I wanted you to hear this before then, and I would be glad to know where things "
            "stand on your side."
        )
    else:
        timing = "I wanted to keep you informed."
    return Draft(
        DraftKind.UPDATE,
        subject,
        _body(
            w.greeting,
            f"I wanted to share a brief update regarding {w.position}{since}.",
            f"{news} {timing}",
            "I remain very interested in the role and would be glad to hear how your process "
            "is going.",
            w.signature,
        ),
    )


def _feedback_request(w: _Words) -> Draft:
    subject = (
        f"Thank you, and a request for feedback: {w.short}"
        if w.short
        else ("Thank you, and a request for feedback")
    )
    about = f" and to talk about {w.detail}" if w.detail else ""
    return Draft(
        DraftKind.FEEDBACK_REQUEST,
        subject,
        _body(
            w.greeting,
            f"Thank you for letting me know your decision about {w.position}. I appreciated the "
            f"chance to meet {w.team}{about}.",
            "If you have a few minutes, I would value any feedback on my interview, especially "
            "anything I could do better next time. I understand if that is not possible.",
            "I would be glad to be considered for future openings, and I hope our paths cross "
            "in the future.",
            w.signature,
        ),
    )


def _withdraw(w: _Words) -> Draft:
    subject = (
        f"Withdrawing my application: {w.short}"
        if w.short.endswith("role")
        else ("Withdrawing my application")
    )
    thanks = f" and for your time{w.when}" if w.when else ""
    about = f", especially {w.detail}" if w.detail else ""
    return Draft(
        DraftKind.WITHDRAW,
        subject,
        _body(
            w.greeting,
            f"Thank you for considering me for {w.position}{thanks}. After careful thought, I "
            f"have decided to withdraw my application. {w.news}".rstrip(),
            f"I enjoyed learning about {w.team}{about}, and I am grateful for the time you gave "
            "me. I hope our paths cross in the future.",
            w.signature,
        ),
    )


_WRITERS = {
    DraftKind.THANK_YOU: _thank_you,
    DraftKind.CHECK_IN: _check_in,
    DraftKind.SECOND_FOLLOW_UP: _second_follow_up,
    DraftKind.HIRING_MANAGER: _hiring_manager,
    DraftKind.UPDATE: _update,
    DraftKind.FEEDBACK_REQUEST: _feedback_request,
    DraftKind.WITHDRAW: _withdraw,
}


def make_draft(kind: DraftKind, facts: DraftFacts) -> Draft:
    """The ``kind`` draft personalised with ``facts`` only (RULEBOOK D).

    Fewer than :data:`MAX_WORDS` words; when the clipped facts would still make it too
    long, the interview detail is dropped first, then the news is shortened.
    """
    write = _WRITERS[DraftKind(kind)]
    draft = write(_words(facts))
    if count_words(draft) < MAX_WORDS:
        return draft
    draft = write(_words(replace(facts, detail="")))
    news_words = _NEWS_LIMIT[1]
    while count_words(draft) >= MAX_WORDS and news_words > 0:
        news_words -= 5
        news = " ".join(facts.news.split()[: max(news_words, 0)])
        draft = write(_words(replace(facts, detail="", news=news)))
    return draft


def draft_order(
    *, thank_you_sent: bool, attempts_made: int, outcome: Outcome, hiring_manager_known: bool
) -> tuple[DraftKind, ...]:
    """The drafts the user's plan needs now, the most pressing first.

    - A known outcome ends the follow-ups (G8): after a rejection only the feedback
      request; after the user withdrew, the withdrawal note; after an offer, the
      thank-you if it is still owed; after a closed position, nothing.
    - Otherwise: the thank-you while it is not sent (S1), then the next follow-up for
      the number of unanswered attempts made (0: check-in S2, 1: second follow-up S3,
      2: the note up the chain S4/G7 when the hiring manager is known, 3 or more:
      none, G3), then the update (G9) and the withdrawal last.
    """
    outcome = Outcome(outcome)
    if outcome is Outcome.REJECTED:
        return (DraftKind.FEEDBACK_REQUEST,)
    if outcome is Outcome.WITHDREW:
        return (DraftKind.WITHDRAW,)
    if outcome is Outcome.OFFER:
        return () if thank_you_sent else (DraftKind.THANK_YOU,)
    if outcome is Outcome.CLOSED:
        return ()
    kinds: list[DraftKind] = []
    if not thank_you_sent:
        kinds.append(DraftKind.THANK_YOU)
    attempts = max(attempts_made, 0)
    if attempts == 0:
        kinds.append(DraftKind.CHECK_IN)
    elif attempts == 1:
        kinds.append(DraftKind.SECOND_FOLLOW_UP)
    elif attempts == 2 and hiring_manager_known:
        kinds.append(DraftKind.HIRING_MANAGER)
    kinds += [DraftKind.UPDATE, DraftKind.WITHDRAW]
    return tuple(kinds)
