"""E-mail drafts for every step of the wait (D, with S1, G7, G8, G9, G11).

:func:`make_draft` writes one of the seven :class:`DraftKind` drafts from the facts the
user gave and nothing else: names, company, role, dates in words ("Tuesday 17
November"), one detail from the interview and, for an update or a withdrawal, the
user's own news. :func:`thank_you_drafts` writes one thank-you per person the user
met (S1), each greeting its own person and worded a little differently, so two
colleagues comparing notes do not find the same letter.

Drafts read as a person writes them (:mod:`bot.core.phrasing`): the greeting uses the
first name ("Dear Ananya,"), or title and surname when a title was given ("Dear Dr.
Rao,"); the signature is the user's own name or a "[your name]" placeholder, never an
invented one; the detail is framed by its shape into a clean sentence ("the kafka
thing" -> "I enjoyed our conversation about the kafka thing."); news from elsewhere is
written from structured facts ("I wanted to let you know that I have received another
offer, with a decision due by Friday 11 December."), with tidied free text as the
fallback. A missing fact gets a neutral wording ("Hello," instead of a name) or a
bracketed placeholder the user fills in. The prose never claims an offer, a deadline
or any other news the user did not give (G9), never blames (G7) and passes
:func:`bot.core.tone.check_tone` with no findings (G10). No rule id appears in the
text; :attr:`Draft.rules` carries them.

Every draft stays under :data:`MAX_WORDS` words, subject and body together: long
fields are clipped on a word boundary, and if the total would still be too long the
optional interview detail is left out, then the news is shortened.

:func:`draft_order` says which drafts the user needs now, most urgent first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from bot.core.calendar import day_in_words
from bot.core.i18n import _
from bot.core.phrasing import Detail, full_name, greeting_name, news_sentences, read_detail
from bot.core.types import Draft, DraftKind, Outcome, Recipient

__all__ = [
    "MAX_WORDS",
    "Addressee",
    "DraftFacts",
    "count_words",
    "day_in_words",
    "draft_order",
    "make_draft",
    "thank_you_drafts",
]

MAX_WORDS = 150
"""A draft has fewer than this many words, subject and body counted together (D)."""


# Field limits: (characters, words). Chosen so that every kind with every field at
# its limit stays under MAX_WORDS (tests/test_drafts.py checks the worst case).
_NAME_LIMIT = (50, 6)
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
# Free-text news that starts with the user as its subject reads on after "that".
_FIRST_PERSON = re.compile(r"^(?:I|I'm|I've|I'd|I'll|we|we're|we've|my|our)\b", re.IGNORECASE)

# The something-to-give line of a check-in (G11), left for the user to fill in.
_GIVE_SOMETHING = _(
    "[Optional: add a relevant article, event or piece of news here, with one line on "
    "why it made you think of the team.]"
)
_SKILL_PLACEHOLDER = _("[one skill or result that fits the role]")
_NEWS_PLACEHOLDER = _("[Your news in one or two sentences.]")
_NAME_PLACEHOLDER = _("[your name]")

# The rules behind each kind, as data for "why?"; the text never shows them.
_RULES: dict[DraftKind, tuple[str, ...]] = {
    DraftKind.THANK_YOU: ("S1", "D"),
    DraftKind.CHECK_IN: ("S2", "G11", "D"),
    DraftKind.SECOND_FOLLOW_UP: ("S3", "G3", "D"),
    DraftKind.HIRING_MANAGER: ("S4", "G7", "D"),
    DraftKind.UPDATE: ("G9", "D"),
    DraftKind.FEEDBACK_REQUEST: ("G8", "D"),
    DraftKind.WITHDRAW: ("G8", "D"),
}


@dataclass(frozen=True, slots=True)
class DraftFacts:
    """What the user told the bot; every field may be empty.

    ``detail`` is the one thing from the interview the user wants to mention, as they
    typed it. The news of an update (G9) is best given structured: ``other_offer``
    (an offer from another employer), its ``other_company`` and the
    ``other_offer_deadline`` they set; a company or a deadline alone implies the
    offer. ``news`` is free text, used when there are no structured facts, and as
    the reason in a withdrawal.
    """

    company: str = ""
    role: str = ""
    user_name: str = ""
    contact_name: str = ""
    contact_role: Recipient | None = None
    interview_day: date | None = None
    promised_by: date | None = None
    detail: str = ""
    news: str = ""
    other_offer: bool = False
    other_company: str = ""
    other_offer_deadline: date | None = None

    @property
    def has_other_offer(self) -> bool:
        return (
            self.other_offer
            or bool(self.other_company.strip())
            or (self.other_offer_deadline is not None)
        )


@dataclass(frozen=True, slots=True)
class Addressee:
    """One person the user met, for their own thank-you note (S1).

    ``detail`` is what the user wants to mention to this person; empty means the
    shared :attr:`DraftFacts.detail`.
    """

    name: str = ""
    role: Recipient | None = None
    detail: str = ""


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


def _fragment(text: str) -> str:
    """A clipped fact to embed mid-sentence: no closing full stop."""
    return text.strip().rstrip(".!?;,").strip()


def _lower_first(sentence: str) -> str:
    """A sentence to follow a comma: "It was good ..." -> "it was good ...", "I ..." stays."""
    first = sentence.split(" ", 1)[0]
    if first in ("I", "I'm", "I've", "I'd", "I'll") or not first[1:].islower():
        return sentence
    return sentence[:1].lower() + sentence[1:]


@dataclass(frozen=True, slots=True)
class _Words:
    """The facts turned into ready-to-use phrases."""

    greeting: str
    position: str  # "the Data Analyst role at Acme" / "the role"
    short: str  # for subjects: "Data Analyst role" / "my application"
    is_role: bool  # ``short`` names the role (some subjects are only worded for a role)
    team: str  # "the team at Acme" / "the team"
    when: str  # " on Tuesday 17 November" / ""
    detail: Detail
    news: str  # the news as whole sentences, framed, or ""
    news_has_deadline: bool
    reason: str  # free-text news as plain sentences, for a withdrawal
    promised: str
    signature: str
    contact_role: Recipient | None
    variant: int


def _offer_news(facts: DraftFacts) -> str:
    """The structured news of an offer from elsewhere, in one sentence (G9)."""
    other = _fragment(_clip(facts.other_company, _COMPANY_LIMIT))
    deadline = facts.other_offer_deadline
    if other and deadline:
        return _(
            "I wanted to let you know that I have received an offer from {company}, with a "
            "decision due by {day}."
        ).format(company=other, day=day_in_words(deadline))
    if other:
        return _("I wanted to let you know that I have received an offer from {company}.").format(
            company=other
        )
    if deadline:
        return _(
            "I wanted to let you know that I have received another offer, with a decision due "
            "by {day}."
        ).format(day=day_in_words(deadline))
    return _("I wanted to let you know that I have received another offer.")


def _free_news(text: str) -> str:
    """Free-text news in clean sentences, introduced the way a person would."""
    sentences = news_sentences(text)
    if not sentences:
        return ""
    if _FIRST_PERSON.match(sentences):
        return _("I wanted to let you know that {news}").format(news=_lower_first(sentences))
    return _("I wanted to share some news. {news}").format(news=sentences)


def _words(facts: DraftFacts, variant: int = 0) -> _Words:
    company = _fragment(_clip(facts.company, _COMPANY_LIMIT))
    role = _fragment(_clip(facts.role, _ROLE_LIMIT))
    contact = greeting_name(_clip(facts.contact_name, _NAME_LIMIT))
    user = full_name(_clip(facts.user_name, _NAME_LIMIT))
    if role and company:
        position = _("the {role} role at {company}").format(role=role, company=company)
    elif role:
        position = _("the {role} role").format(role=role)
    elif company:
        position = _("the role at {company}").format(company=company)
    else:
        position = _("the role")
    news_text = _clip(facts.news, _NEWS_LIMIT)
    if facts.has_other_offer:
        news = _offer_news(facts)
        has_deadline = facts.other_offer_deadline is not None
    else:
        news = _free_news(news_text)
        has_deadline = bool(news) and bool(_DEADLINE_IN_NEWS.search(news))
    if role:
        short = _("{role} role").format(role=role)
    elif company:
        short = _("my application to {company}").format(company=company)
    else:
        short = ""
    return _Words(
        greeting=_("Dear {name},").format(name=contact) if contact else _("Hello,"),
        position=position,
        short=short,
        is_role=bool(role),
        team=_("the team at {company}").format(company=company) if company else _("the team"),
        # A piece with its leading space: it is left out whole when there is no date.
        when=(
            _(" on {day}").format(day=day_in_words(facts.interview_day))
            if facts.interview_day
            else ""
        ),
        detail=read_detail(_clip(facts.detail, _DETAIL_LIMIT)),
        news=news,
        news_has_deadline=has_deadline,
        reason=news_sentences(news_text),
        promised=day_in_words(facts.promised_by) if facts.promised_by else "",
        signature=_("Best regards,\n{name}").format(name=user or _NAME_PLACEHOLDER),
        contact_role=facts.contact_role,
        variant=variant,
    )


def _body(*paragraphs: str) -> str:
    return "\n\n".join(p for p in paragraphs if p)


def _pick(options: Sequence[str], variant: int) -> str:
    return options[variant % len(options)]


def _thank_you(w: _Words) -> Draft:
    subject = (
        _("Thank you for the interview: {subject}").format(subject=w.short)
        if w.short
        else _("Thank you for your time")
    )
    opening = _pick(
        (
            _("Thank you for taking the time to speak with me{when} about {position}."),
            _("Thank you for meeting with me{when} to talk about {position}."),
            _("Many thanks for your time{when} and the chance to talk about {position}."),
        ),
        w.variant,
    ).format(when=w.when, position=w.position)
    # The opening names the company already, so "the team" here.
    if w.detail.sentence:
        learned = _("It was a pleasure to learn more about the team. {detail}").format(
            detail=w.detail.sentence
        )
    else:
        learned = _("I enjoyed learning more about the team.")
    if w.contact_role is not None and w.contact_role.is_gatekeeper:
        personal = _("Thank you also for guiding me through the process so far.")
    else:
        personal = _pick(
            (
                _("It was good to hear how the work is organised and what matters most to you."),
                _(
                    "Hearing how the team works and what you value most made the role clearer "
                    "to me."
                ),
                _("It helped to hear how the work is shared and what you look for in the team."),
            ),
            w.variant,
        )
    interest = _pick(
        (
            _(
                "Our conversation strengthened my interest in the role, and I would be glad to "
                "send anything else that could help."
            ),
            _(
                "I came away even more interested in the role, and I am happy to send anything "
                "else that would help."
            ),
            _(
                "The conversation made me keener still on the role; if anything else would "
                "help, I would be glad to send it."
            ),
        ),
        w.variant,
    )
    ahead = _pick(
        (
            _("I look forward to hearing about the next steps."),
            _("I look forward to hearing from you about the next steps."),
            _("Thank you again, and I look forward to the next steps."),
        ),
        w.variant,
    )
    return Draft(
        DraftKind.THANK_YOU,
        subject,
        _body(w.greeting, f"{opening} {learned} {personal}", interest, ahead, w.signature),
    )


def _check_in(w: _Words) -> Draft:
    subject = (
        _("Checking in: {subject}").format(subject=w.short)
        if w.short
        else _("Checking in on my application")
    )
    if w.when:
        about = _(
            "I hope you are well. I am writing to check in about {position}, following our "
            "interview{when}."
        )
    else:
        about = _("I hope you are well. I am writing to check in about {position}.")
    about = about.format(position=w.position, when=w.when)
    if w.promised:
        timing = _(
            "When we spoke, you mentioned you hoped to have news by {day}, so I wanted to ask "
            "whether there is an update."
        ).format(day=w.promised)
    else:
        timing = _("I wanted to ask whether there is an update on the timeline.")
    if w.detail.topic:
        interest = _(
            "I remain very interested in the role, and I keep coming back to our conversation "
            "about {topic}."
        ).format(topic=w.detail.topic)
    elif w.detail.sentence:
        interest = _(
            "I remain very interested in the role. Looking back on our interview, {detail}"
        ).format(detail=_lower_first(w.detail.sentence))
    else:
        interest = _("I remain very interested in the role.")
    return Draft(
        DraftKind.CHECK_IN,
        subject,
        _body(
            w.greeting,
            f"{about} {timing}",
            interest,
            _GIVE_SOMETHING,
            _("Thank you for your time, and I look forward to hearing from you."),
            w.signature,
        ),
    )


def _second_follow_up(w: _Words) -> Draft:
    subject = (
        _("Following up: {subject}").format(subject=w.short)
        if w.short
        else _("Following up on my application")
    )
    if w.detail.topic:
        detail = _("Since we spoke{when}, I have kept thinking about {topic}.").format(
            when=w.when, topic=w.detail.topic
        )
    elif w.detail.sentence:
        detail = _("Looking back on our conversation{when}, {detail}").format(
            when=w.when, detail=_lower_first(w.detail.sentence)
        )
    else:
        detail = ""
    fit = _(
        "The role still feels like a strong fit, and I would be happy to provide references or "
        "anything else that would help."
    )
    return Draft(
        DraftKind.SECOND_FOLLOW_UP,
        subject,
        _body(
            w.greeting,
            _(
                "I am following up on my earlier note about {position}. I understand these "
                "decisions can take time, and I would be grateful for any update on where things "
                "stand."
            ).format(position=w.position),
            f"{detail} {fit}" if detail else fit,
            _("Thank you for your time and consideration."),
            w.signature,
        ),
    )


def _hiring_manager(w: _Words) -> Draft:
    subject = (
        _("My continued interest in the {subject}").format(subject=w.short)
        if w.is_role
        else _("My continued interest in the role")
    )
    if w.detail.topic:
        detail = _("Our conversation about {topic} left me keen to help with that work.").format(
            topic=w.detail.topic
        )
    else:
        detail = w.detail.sentence
    opening = _(
        "I interviewed for {position}{when}, and I wanted to tell you directly how much the "
        "role appeals to me."
    ).format(position=w.position, when=w.when)
    return Draft(
        DraftKind.HIRING_MANAGER,
        subject,
        _body(
            w.greeting,
            f"{opening} {detail}" if detail else opening,
            _(
                "I believe my experience with {skill} would let me contribute from the start, "
                "and I would welcome the chance to talk about it further."
            ).format(skill=_SKILL_PLACEHOLDER),
            _(
                "Thank you for your time. If there is anything I can share that would help, I "
                "would be glad to send it."
            ),
            w.signature,
        ),
    )


def _update(w: _Words) -> Draft:
    subject = (
        _("An update on my application: {subject}").format(subject=w.short)
        if w.short
        else _("An update from me")
    )
    after = _(" after our conversation{when}").format(when=w.when) if w.when else ""
    if w.news and w.news_has_deadline:
        stand = _(
            "I remain very interested in {position}{after}, so I would be glad to know where "
            "things stand on your side before then."
        )
    else:
        stand = _(
            "I remain very interested in {position}{after}, and I would be glad to hear how "
            "your process is going."
        )
    return Draft(
        DraftKind.UPDATE,
        subject,
        _body(
            w.greeting,
            _("I hope you are well. {news}").format(news=w.news or _NEWS_PLACEHOLDER),
            stand.format(position=w.position, after=after),
            _("Thank you for your time."),
            w.signature,
        ),
    )


def _feedback_request(w: _Words) -> Draft:
    subject = (
        _("Thank you, and a request for feedback: {subject}").format(subject=w.short)
        if w.short
        else _("Thank you, and a request for feedback")
    )
    if w.detail.topic:
        thanks = _(
            "Thank you for letting me know your decision about {position}. I appreciated the "
            "chance to meet {team} and to talk about {topic}."
        )
    else:
        thanks = _(
            "Thank you for letting me know your decision about {position}. I appreciated the "
            "chance to meet {team}."
        )
    return Draft(
        DraftKind.FEEDBACK_REQUEST,
        subject,
        _body(
            w.greeting,
            thanks.format(position=w.position, team=w.team, topic=w.detail.topic),
            _(
                "If you have a few minutes, I would value any feedback on my interview, "
                "especially anything I could do better next time. I understand if that is not "
                "possible."
            ),
            _(
                "I would be glad to be considered for future openings, and I hope our paths "
                "cross in the future."
            ),
            w.signature,
        ),
    )


def _withdraw(w: _Words) -> Draft:
    subject = (
        _("Withdrawing my application: {subject}").format(subject=w.short)
        if w.is_role
        else _("Withdrawing my application")
    )
    if w.when:
        thanks = _("Thank you for considering me for {position} and for your time{when}.")
    else:
        thanks = _("Thank you for considering me for {position}.")
    decided = _("After careful thought, I have decided to withdraw my application.")
    if w.detail.topic:
        enjoyed = _(
            "I enjoyed learning about {team}, especially our conversation about {topic}, and I "
            "am grateful for the time you gave me. I hope our paths cross in the future."
        )
    else:
        enjoyed = _(
            "I enjoyed learning about {team}, and I am grateful for the time you gave me. I "
            "hope our paths cross in the future."
        )
    first = " ".join(
        part
        for part in (thanks.format(position=w.position, when=w.when), decided, w.reason)
        if part
    )
    return Draft(
        DraftKind.WITHDRAW,
        subject,
        _body(
            w.greeting,
            first,
            enjoyed.format(team=w.team, topic=w.detail.topic),
            w.signature,
        ),
    )


_WRITERS: dict[DraftKind, Callable[[_Words], Draft]] = {
    DraftKind.THANK_YOU: _thank_you,
    DraftKind.CHECK_IN: _check_in,
    DraftKind.SECOND_FOLLOW_UP: _second_follow_up,
    DraftKind.HIRING_MANAGER: _hiring_manager,
    DraftKind.UPDATE: _update,
    DraftKind.FEEDBACK_REQUEST: _feedback_request,
    DraftKind.WITHDRAW: _withdraw,
}


def _write(kind: DraftKind, facts: DraftFacts, variant: int) -> Draft:
    draft = _WRITERS[kind](_words(facts, variant))
    return replace(draft, rules=_RULES[kind])


def _make(kind: DraftKind, facts: DraftFacts, variant: int = 0) -> Draft:
    kind = DraftKind(kind)
    draft = _write(kind, facts, variant)
    if count_words(draft) < MAX_WORDS:
        return draft
    draft = _write(kind, replace(facts, detail=""), variant)
    news_words = _NEWS_LIMIT[1]
    while count_words(draft) >= MAX_WORDS and news_words > 0:
        news_words -= 5
        news = " ".join(facts.news.split()[: max(news_words, 0)])
        draft = _write(kind, replace(facts, detail="", news=news), variant)
    return draft


def make_draft(kind: DraftKind, facts: DraftFacts) -> Draft:
    """The ``kind`` draft personalised with ``facts`` only (D).

    Fewer than :data:`MAX_WORDS` words; when the clipped facts would still make it too
    long, the interview detail is dropped first, then the news is shortened.
    """
    return _make(kind, facts)


def thank_you_drafts(facts: DraftFacts, people: Sequence[Addressee]) -> tuple[Draft, ...]:
    """One thank-you note per person the user met (S1), in the order given.

    Each greets its own person, fits its words to their role (a recruiter is thanked
    for guiding the process) and mentions that person's detail, or the shared one.
    Notes after the first are worded differently, so no two read word for word the
    same. ``facts.contact_name`` and ``facts.contact_role`` are ignored. With no
    people, one note with a neutral greeting.
    """
    if not people:
        return (_make(DraftKind.THANK_YOU, replace(facts, contact_name="", contact_role=None)),)
    return tuple(
        _make(
            DraftKind.THANK_YOU,
            replace(
                facts,
                contact_name=person.name,
                contact_role=person.role,
                detail=person.detail or facts.detail,
            ),
            variant,
        )
        for variant, person in enumerate(people)
    )


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
