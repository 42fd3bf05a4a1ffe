"""The ids of HearBack's rules, each with a one-line summary in plain words.

``docs/rules.md`` is the full text: every rule's numbers, the reason behind it and
the articles it comes from. Code cites these ids in comments ("(S2)") and in the
``rules`` of plans, verdicts and tone findings; ``tests/test_rules_doc.py`` checks that
every id cited anywhere in the code is a member here and has a section in the document.

Users never see an id. Where the bot names a rule it shows :attr:`Rule.summary` (what the
rule says, in one line) or :func:`bot.core.coaching.explain` (the rule with its reason, in
one sentence, for a "Why?" answer); both cover every member, which the tests check.
"""

from __future__ import annotations

from enum import StrEnum

from bot.core.i18n import _


class Rule(StrEnum):
    """A rule id. A member equals its id string (``Rule.S2 == "S2"``)."""

    # T: reading when the employer will answer.
    T1 = "T1"
    T2 = "T2"
    T3 = "T3"
    T4 = "T4"
    # S: the plan for one interview.
    S1 = "S1"
    S2 = "S2"
    S3 = "S3"
    S4 = "S4"
    S5 = "S5"
    S6 = "S6"
    S7 = "S7"
    # G: the guardrails of "should I follow up again?".
    G1 = "G1"
    G2 = "G2"
    G3 = "G3"
    G4 = "G4"
    G5 = "G5"
    G6 = "G6"
    G7 = "G7"
    G8 = "G8"
    G9 = "G9"
    G10 = "G10"
    G11 = "G11"
    G12 = "G12"
    # C: coaching while the user waits.
    C1 = "C1"
    C2 = "C2"
    C3 = "C3"
    C4 = "C4"
    C5 = "C5"
    # D: what every e-mail draft must be (its kinds are bot.core.types.DraftKind).
    D = "D"

    @property
    def summary(self) -> str:
        """The rule in one plain sentence, fit to show a user who asks "why?"."""
        return _SUMMARIES[self]


_SUMMARIES: dict[Rule, str] = {
    Rule.T1: _("Ask at the end of the interview when they will decide, and keep that date."),
    Rule.T2: _("When they give a range, count to its far end."),
    Rule.T3: _('Phrases like "next week" mean the last working day they point to.'),
    Rule.T4: _(
        "When they gave no usable date, none is made up; the plan counts from the interview."
    ),
    Rule.S1: _("Send a thank-you to everyone you met within a day of the interview."),
    Rule.S2: (
        _(
            "Check in two working days after the date they gave, "
            "or two working weeks after the interview when they gave none."
        )
    ),
    Rule.S3: _(
        "One more follow-up a working week after the first, unless the interview felt cold."
    ),
    Rule.S4: (
        _("If a recruiter or HR ignored both follow-ups, one note to the hiring manager may help.")
    ),
    Rule.S5: _("A working week after the last follow-up, move on and leave the door open."),
    Rule.S6: _("Reminders come at your chosen time on working days only."),
    Rule.S7: _("A reply or a result stops the reminders; a new date from them resets the plan."),
    Rule.G1: _("Not before the check-in day, and never on the day they promised."),
    Rule.G2: _("Leave at least a working week between two messages to the same person."),
    Rule.G3: _("Two unanswered messages to one person is the limit."),
    Rule.G4: _("After a cold interview, one polite message and then move on."),
    Rule.G5: _("Only work e-mail and work phone; nothing personal, no social media, no visits."),
    Rule.G6: _("Calls only in working hours on working days, best after a warm interview."),
    Rule.G7: _("Going over a silent recruiter is fine once, with enthusiasm and no blame."),
    Rule.G8: _(
        "Once the result is known, follow-ups stop; after a no, asking for feedback is fine."
    ),
    Rule.G9: _("Real news, like another offer, can be shared any time; never invent a deadline."),
    Rule.G10: _("Keep it calm and kind: no anger, guilt, pressure, sarcasm, tricks or flattery."),
    Rule.G11: _("Bring something useful with a check-in, plus one line of continued interest."),
    Rule.G12: _("A recommendation or a contact inside the company can strengthen a good case."),
    Rule.C1: _("Silence after an interview is very common and says little about you."),
    Rule.C2: _(
        "The usual reasons are on their side: busy people, holidays, freezes, changed roles."
    ),
    Rule.C3: _("For next time: ask when they will decide, close well, send a thank-you."),
    Rule.C4: _("How a company treats candidates hints at how it treats its staff."),
    Rule.C5: _("Do not take it personally, and keep applying elsewhere while you wait."),
    Rule.D: _("Drafts are short, personal and calm, and say nothing you did not tell me."),
}
