"""The tone check for follow-up messages (RULEBOOK G10, with G3, G5, G7 and G9).

:func:`check_tone` reads a draft and returns one :class:`ToneFinding` per problem it
sees: the rule behind it, a category, the exact words as they stand in the text, why
they hurt, and a calmer sentence to use instead.

Categories (``ToneFinding.category``) and the rule each cites:

=================  =====  ==========================================================
anger              G10    angry words, "?!", "!!!", four or more words in capitals
complaint          G10    "unprofessional", "waste of my time", "common courtesy"
guilt              G10    "after all I've done", "my family is counting on"
ultimatum          G9     an invented deadline: "I need an answer by Friday"
ultimatum          G10    "or else", "last chance", "take my skills elsewhere"
sarcasm            G10    "thanks for nothing", "I guess you're too busy"
public_callout     G10    "I'll post about this", "review on Glassdoor"
pestering          G10    "writing again", "yet another", "still waiting"
pestering          G3     counts and last tries: "my third email", "final attempt"
begging            G10    "please please", "I'm begging", "desperate"
gimmick            G10    "sent you a cake", "singing telegram"
gift_bribe         G10    "gift card", "I'd happily pay"
flattery           G10    "you're the most amazing recruiter"
blame              G7     "never heard back", "dropped the ball", "ignored"
personal_channel   G5     "your personal number", "texted you", "on Instagram"
in_person          G5     "I'll drop by", "stop by your office", "come in person"
=================  =====  ==========================================================

Decisions about false positives (each is covered by a test):

- "again" is only pestering after a contacting verb ("writing again", "following up
  again", "sorry to bother you again") or as "once again"/"yet again"; "Thank you again
  for your time" and "I'd love to meet the team again" are fine.
- "I haven't heard back yet" is a neutral statement and is not flagged; "I never heard
  back", "no one replied", "you forgot" and "ignored" are blame (G7 keeps a note up the
  chain free of them). "In case my note got lost" is a courteous opening and is fine.
- "in person" alone is fine ("it was great to meet you in person"); coming by, dropping
  by or showing up at the office is G5.
- "LinkedIn" alone is fine ("I'd be glad to connect on LinkedIn"); messaging someone
  there, texting, a personal number or a home address is G5.
- A deadline is only flagged when it is demanded of the reader ("I need an answer by
  Friday", "if I don't hear back by", "please respond by"). Real news with its own date
  ("the other company has asked for my answer by Friday") is allowed by G9.
- "Thank you so much for", "it was nice of you to", "I know things get busy" are polite
  and are not sarcasm.
- Lies cannot be detected from the words alone; the check does not pretend to.

Every pattern is precompiled, starts with a literal word (or a small character class)
and separates words with a bounded run of non-word characters, so matching stays linear
in the length of the text. The check never raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.core.types import ToneFinding

__all__ = ["CATEGORIES", "check_tone"]

# Same length as the input, so spans found in the normalised copy map onto the original.
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})

_GAP = r"[\W_]{1,20}"  # between two words: spaces and punctuation, bounded


def _rx(template: str) -> re.Pattern[str]:
    """Compile a phrase template, case-insensitive.

    A space stands for a short run of spaces or punctuation, ``'`` for an optional
    apostrophe; word boundaries are added at both ends.
    """
    body = template.replace(" ", _GAP).replace("'", "'?")
    return re.compile(r"\b(?:" + body + r")\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Rule:
    rule: str
    category: str
    patterns: tuple[re.Pattern[str], ...]
    why: str
    instead: str
    keep: Callable[[str], bool] | None = None  # a further test on the matched words


def _is_shouting(words: str) -> bool:
    if words[0] not in "!?":
        return True  # the capitals pattern
    return "?!" in words or "!?" in words or "!!!" in words


_CONTACT_VERB = (
    r"(?:writ(?:e|ing)|e-?mail(?:ing)?|reach(?:ing)? out|follow(?:ing)? up|check(?:ing)? in|"
    r"contact(?:ing)?|call(?:ing)?|messag(?:e|ing)|ping(?:ing)?|nudg(?:e|ing)|"
    r"bother(?:ing)?(?: you)?|trouble you|chas(?:e|ing)|asking|remind(?:ing)?(?: you)?|"
    r"send(?:ing)?(?: this| you)?)"
)
_MESSAGE_NOUN = (
    r"(?:e-?mails?|messages?|notes?|calls?|voicemails?|attempts?|follow ups?|letters?|"
    r"inquir(?:y|ies)|enquir(?:y|ies)|reminders?|tr(?:y|ies)|requests?|texts?)"
)
_COUNT_WORD = (
    r"(?:second|third|fourth|fifth|sixth|seventh|2nd|3rd|4th|5th|6th|7th|\d{1,3}th|umpteenth|nth)"
)
_TIMES = r"(?:twice|(?:two|three|four|five|six|seven|several|many|multiple|numerous|\d{1,3}) times)"
_DAYLIKE = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|today|"
    r"the end of|end of|close of|cob|eod|eow|next|this|\d{1,2}(?:st|nd|rd|th)?|january|"
    r"february|march|april|may|june|july|august|september|october|november|december|noon|"
    r"midday|midnight)"
)
_SOCIAL_NAMES = r"instagram|insta|facebook|whatsapp|twitter|tiktok|snapchat|telegram|messenger"

_RULES: tuple[_Rule, ...] = (
    _Rule(
        "G10",
        "anger",
        (
            _rx(
                r"furious|livid|outraged|infuriat(?:ed|ing)|pissed(?: off)?|enraged|disgusted|"
                r"disgusting|appalled|appalling|ridiculous|absurd|unacceptable|outrageous|"
                r"fed up|sick and tired|sick of|how dare|wtf|damn|bloody hell"
            ),
            _rx(r"I am angry|I'm angry|I am so angry|I'm so angry|I am mad|I'm mad"),
        ),
        "Anger reads as pressure and makes a busy reader put the message aside.",
        "I remain very interested in the role and would be glad to hear about next steps.",
    ),
    _Rule(
        "G10",
        "anger",
        (
            # Runs of ! and ?; only "?!", "!?" or "!!!" count (see _is_shouting).
            re.compile(r"[!?]{2,}"),
            # Four or more words in capitals in a row; a short name such as "ACME CORP" is fine.
            re.compile(r"\b[A-Z][A-Z']*(?:[ \t]{1,3}[A-Z][A-Z']*){3,}\b"),
        ),
        "Capitals and strings of exclamation marks read as shouting.",
        "I would be grateful for any update on the role.",
        keep=_is_shouting,
    ),
    _Rule(
        "G10",
        "complaint",
        (
            _rx(
                r"waste of (?:my|our) time|wasted my time|wasting my time|unprofessional|"
                r"disrespectful|rude|common courtesy|the least you could do|"
                r"(?:have|show) the decency|not fair|unfair|shameful|terrible process|"
                r"(?:poorly|badly) (?:organi[sz]ed|run|handled)|"
                r"(?:very|extremely|deeply) disappointing|"
                r"(?:really|very|so|extremely|deeply) disappointed"
            ),
        ),
        "A complaint puts the reader on the defensive; it will not speed up a decision.",
        "I understand these decisions take time, and I appreciate any update you can share.",
    ),
    _Rule(
        "G10",
        "guilt",
        (
            _rx(
                r"after all I've done|after everything I've done|you owe me|I deserve|"
                r"(?:I've|I have) been losing sleep|losing sleep over|"
                r"my (?:family|kids|children) (?:is|are) counting on|"
                r"I turned down (?:other|another) (?:offers?|jobs?|interviews?) for|"
                r"I (?:took|take) (?:a|the) day off (?:work )?(?:for|to)|"
                r"put my life on hold|can't (?:pay|afford) my rent|"
                r"rearranged my (?:whole|entire) (?:schedule|life|week)|I thought you cared|"
                r"I gave up so much"
            ),
        ),
        "Guilt-tripping hands your worries to the reader and rarely earns a reply.",
        "I enjoyed our conversation and would be glad to hear where the process stands.",
    ),
    _Rule(
        "G9",
        "ultimatum",
        (
            _rx(
                r"I (?:need|want|expect|require|must have|must get) (?:an answer|a reply|"
                r"a response|a decision|an update|to hear back|to hear from you|to know|"
                r"your answer|your decision) (?:from you )?(?:by|before|no later than|"
                r"within|until)"
            ),
            _rx(
                r"if I (?:don't|do not|haven't|have not|won't|will not) (?:hear|get|receive)"
                r"(?: back| an answer| a reply| a response| anything| a decision)?"
                r"(?: from you)? (?:by|before|within|until|soon|today|tomorrow|this week)"
            ),
            _rx(r"unless I hear (?:back |from you )?(?:by|before|within|today|tomorrow)"),
            _rx(
                r"(?:please|kindly|can you|could you|you must|you need to|you should|be sure to|"
                r"make sure to|I ask that you|I'd like you to|I expect you to) (?:respond|reply|"
                r"answer|get back to me|let me know|decide|confirm) (?:by|before|no later than) "
                + _DAYLIKE
            ),
            _rx(r"(?:let me know|get back to me) (?:by|before|no later than) " + _DAYLIKE),
            _rx(r"(?:answer|reply|response|decision) (?:is )?(?:needed|required) by"),
        ),
        "A deadline the reader never agreed to is an ultimatum; a date belongs only with "
        "real news, such as a competing offer that comes with one.",
        "If there is any news on the timeline, I would be glad to hear it.",
    ),
    _Rule(
        "G10",
        "ultimatum",
        (
            _rx(
                r"or else|otherwise I will|otherwise I'll|or I will|or I'll|last chance|"
                r"final chance|this is your (?:last|final) (?:chance|warning|opportunity)"
            ),
            _rx(
                r"I (?:will|'ll|shall) (?:have to )?(?:take my (?:skills|talents|application) "
                r"elsewhere|withdraw unless|assume (?:the worst|I didn't|I did not|you're not|"
                r"you are not))"
            ),
        ),
        "An ultimatum pushes the reader to say no, or to say nothing.",
        "I remain interested and would be glad to hear about next steps when you can share them.",
    ),
    _Rule(
        "G10",
        "sarcasm",
        (
            _rx(
                r"thanks for nothing|thanks a lot for (?:nothing|ignoring|the silence)|"
                r"must be nice|what a surprise|surprise surprise|oh great|heaven forbid|"
                r"funny how|can't be that hard|not that hard to|"
                r"I (?:guess|suppose|assume|gather) you(?:'re| are) (?:just |very |really )?"
                r"(?:too |very |so )?busy|I'm sure you're (?:just )?too busy|"
                r"too busy to (?:reply|respond|answer|write|call|get back)|"
                r"in case you (?:were wondering|haven't noticed|didn't notice)"
            ),
        ),
        "Sarcasm is easy to misread in writing and always lands badly.",
        "I know things get busy, and I appreciate any update when you have a moment.",
    ),
    _Rule(
        "G10",
        "public_callout",
        (
            _rx(
                r"(?:post|posting|blog|tweet|tell everyone|tell people|warn (?:others|people)) "
                r"about (?:this|it|you|your company|my experience|how)"
            ),
            _rx(
                r"(?:review|reviews|post|posting|write|rate|rating|leave|report) "
                r"(?:\w{1,20} ){0,3}on (?:glassdoor|indeed|reddit|social media|my blog)"
            ),
            _rx(
                r"(?:review|post|posting|rate|tweet) (?:\w{1,20} ){0,3}on (?:linkedin|"
                + _SOCIAL_NAMES
                + r")"
            ),
            _rx(r"glassdoor review|(?:bad|negative|scathing) review|name and shame"),
            _rx(r"(?:let|make) (?:everyone|everybody|the world|my network|my followers) know"),
            _rx(r"(?:go|going) public|my followers"),
        ),
        "Threatening a public post is a call-out; it closes doors here and elsewhere.",
        "I would appreciate any update you are able to share about the role.",
    ),
    _Rule(
        "G10",
        "pestering",
        (
            _rx(_CONTACT_VERB + r" (?:you |to you |with you |about this )?(?:once )?again"),
            _rx(r"once again|yet again|again and again|yet another|over and over"),
            _rx(
                r"still waiting|been waiting (?:for (?:weeks|days|ages|months|so long|a week|"
                r"a month|a while|too long)|to hear)|still (?:haven't|have not|hasn't|has not) "
                r"(?:heard|received|gotten|got)|still no (?:word|reply|response|answer|news)"
            ),
        ),
        "Pointing at the wait or the repetition reads as nagging.",
        "I wanted to check in on the role and see whether there is any news.",
    ),
    _Rule(
        "G3",
        "pestering",
        (
            _rx(
                r"(?:my|this is the|this is my|the) "
                + _COUNT_WORD
                + r" (?:\w{1,15} )?"
                + _MESSAGE_NOUN
            ),
            _rx(r"for the " + _COUNT_WORD + r" time"),
            _rx(
                r"(?:I've|I have|I had|I) (?:already )?(?:emailed|e-mailed|called|messaged|"
                r"written|wrote|contacted|reached out|followed up|tried|phoned|texted|rung|rang)"
                r" (?:to )?(?:you |your team |the team |them )?(?:already )?" + _TIMES
            ),
            _rx(
                r"(?:final|last|one last|one more|last ditch) (?:attempt|try|email|e-mail|"
                r"message|follow up|reminder)|one last time|(?:final|last) time (?:that )?I"
            ),
        ),
        "Counting your messages reproaches the reader, and two unanswered messages to one "
        "person is the limit anyway.",
        "I'm following up on my application for the role and would welcome any news.",
    ),
    _Rule(
        "G10",
        "begging",
        (
            _rx(r"please please|please I beg|I'm begging|I am begging|I beg you|begging you"),
            _rx(r"desperate(?:ly)?|I'll do anything|I would do anything|I'd do anything"),
            _rx(r"I (?:really |really really |so |badly )?need this job|please give me a chance"),
            _rx(r"I'm pleading|I am pleading|I implore"),
        ),
        "Begging makes the reader uncomfortable and undersells you.",
        "I'm confident I could contribute to the team and would welcome the chance.",
    ),
    _Rule(
        "G10",
        "gimmick",
        (
            _rx(
                r"(?:sent|send|sending|bring|bringing|brought|deliver(?:ed|ing)?|mail(?:ed)?|"
                r"ship(?:ped)?|order(?:ed)?|bake(?:d)?|baking) (?:you |your team |over )?"
                r"(?:a |an |some |you a |you some )?(?:cakes?|cupcakes?|cookies|flowers|"
                r"balloons|pizzas?|chocolates?|donuts|doughnuts|basket|fruit basket|"
                r"muffins|brownies)"
            ),
            _rx(r"singing telegram|flash mob|billboard|skywriting"),
            _rx(r"(?:wrote|written|recorded|made) you a (?:poem|song|video|rap|comic)"),
        ),
        "A gimmick draws attention to the stunt rather than to your skills.",
        "I'd be glad to share a short work sample if it would help.",
    ),
    _Rule(
        "G10",
        "gift_bribe",
        (
            _rx(
                r"(?:a (?:small |little )?)?gift (?:cards?|baskets?|vouchers?|certificates?)|"
                r"a (?:small|little) gift|gifts? for you|(?:sent|send|sending) you a gift"
            ),
            _rx(
                r"I(?:'d| would| will|'ll| can| could) (?:happily|gladly|be happy to|"
                r"be glad to) (?:pay|compensate|reward|tip)|(?:pay|compensate|reward|tip) you|"
                r"pay (?:you )?(?:a )?fee"
            ),
            _rx(
                r"make it worth your while|finder's fee|a little something|token of "
                r"(?:my )?(?:appreciation|gratitude)|bribe|kickback"
            ),
            _rx(r"(?:buy|treat) you (?:to )?(?:a |an )?(?:lunch|dinner|coffee|drinks?|beer)"),
        ),
        "Gifts or payment look like an attempt to buy a decision and put the reader in an "
        "awkward spot.",
        "Thank you for your time; I'd be glad to answer any further questions.",
    ),
    _Rule(
        "G10",
        "flattery",
        (
            _rx(
                r"(?:you're|you are) (?:truly |simply |honestly |really )?(?:the (?:most "
                r"(?:amazing|incredible|wonderful|brilliant|talented|beautiful|kind)|best|"
                r"greatest|smartest|kindest|nicest|coolest)|such an? (?:amazing|incredible|"
                r"wonderful|brilliant|genius|legend|angel)|so (?:amazing|incredible|brilliant|"
                r"wonderful|beautiful|gorgeous|handsome|smart)|a (?:genius|legend|rock ?star|"
                r"saint|angel))"
            ),
            _rx(
                r"(?:best|greatest|most amazing|most incredible|most wonderful) (?:recruiter|"
                r"hiring manager|manager|interviewer|boss|person|company|team) (?:ever|in the "
                r"world|on earth|I've ever|I have ever|alive)"
            ),
        ),
        "Over-the-top praise reads as insincere; keep compliments specific and modest.",
        "I appreciated how clearly you explained the team's goals.",
    ),
    _Rule(
        "G7",
        "blame",
        (
            _rx(
                r"never (?:heard back|heard anything|got a reply|got a response|got an answer|"
                r"received a reply|received a response|received an answer|got back to me)"
            ),
            _rx(
                r"dropped the ball|you must have forgotten|in case you forgot|"
                r"you (?:clearly |obviously )?(?:forgot|neglected|failed to)"
            ),
            _rx(
                r"(?:no one|nobody|no-one) (?:has |ever |even )?(?:replied|responded|answered|"
                r"got back|gotten back|called|returned|bothered|told)"
            ),
            _rx(r"ignor(?:ed|ing|e me)|ghost(?:ed|ing)"),
            _rx(
                r"you (?:never|didn't|did not|haven't|have not|still haven't) "
                r"(?:even )?(?:replied|reply|responded|respond|answered|answer|called|call|"
                r"got back|get back|bothered|returned)"
            ),
            _rx(r"you (?:promised|said you would|said you'd|were supposed to)|your fault"),
        ),
        "Blame makes the reader defensive; a note up the chain shows enthusiasm and "
        "skills, never fault.",
        "I'm writing to reaffirm my strong interest in the role and would welcome an update.",
    ),
    _Rule(
        "G5",
        "personal_channel",
        (
            _rx(
                r"your (?:personal|private|home|cell|mobile) (?:number|phone|cell|mobile|email|"
                r"e-mail|address|account|line)|your (?:cell|mobile|house)"
            ),
            _rx(r"(?:texted|texting|text) you|sent you (?:a |an )?(?:text|sms|dm|whatsapp)"),
            _rx(
                r"(?:messag(?:ed|ing|e)|dm(?:ed|'d|ing)?|pm(?:ed|'d)?|wrote|writing|"
                r"contact(?:ed|ing)?|reach(?:ed|ing)? out|found|add(?:ed)?) (?:to )?(?:you )?"
                r"(?:on|via|through|over) (?:" + _SOCIAL_NAMES + r"|linkedin)"
            ),
            _rx(r"(?:on|via|through|over) (?:" + _SOCIAL_NAMES + r")"),
        ),
        "Keep to work channels: personal numbers, texts, home addresses and social media "
        "messages cross a line.",
        "I'll write to your work e-mail; a reply whenever it suits you is very welcome.",
    ),
    _Rule(
        "G5",
        "in_person",
        (
            _rx(
                r"(?:drop|dropp(?:ed|ing)|stop|stopp(?:ed|ing)|swing|swung|pop|popp(?:ed|ing)) "
                r"(?:by|over|round)|(?:drop|dropp(?:ed|ing)) (?:in on|off (?:my|a|the|some))|"
                r"(?:pop|popp(?:ed|ing)) in|(?:stop|stopp(?:ed|ing)) in at"
            ),
            _rx(
                r"(?:come|came|coming|go|going|head|heading) (?:by|over|round|down) (?:to )?"
                r"(?:your|the) (?:office|building|desk|headquarters|hq|site|reception)"
            ),
            _rx(
                r"(?:come|coming|visit|visiting|show up|turn up|appear|deliver it|bring it) "
                r"in person"
            ),
            _rx(r"(?:show|showed|showing|turn|turned|turning) up (?:at|to) (?:your|the)"),
            _rx(
                r"visit(?:ing)? (?:your|the) (?:office|building|headquarters|hq)|"
                r"wait(?:ing)? (?:in|at) (?:your|the) (?:lobby|reception)"
            ),
        ),
        "Turning up unannounced, even with more material, puts people on the spot.",
        "I'd be glad to send any further material by e-mail if that would help.",
    ),
)


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    rule: _Rule


CATEGORIES: tuple[str, ...] = tuple(dict.fromkeys(r.category for r in _RULES))


def check_tone(text: str) -> tuple[ToneFinding, ...]:
    """Every G10 problem in ``text``, in reading order (RULEBOOK G10, G3, G5, G7, G9).

    Matching is case-insensitive and tolerant of punctuation between words; ``words``
    is the matched stretch exactly as written. A calm, professional message returns an
    empty tuple. Never raises: anything that is not a non-empty string has no findings.
    """
    if not isinstance(text, str) or not text:
        return ()
    norm = text.translate(_QUOTES)
    found: list[tuple[int, int, _Rule]] = []
    for rule in _RULES:
        for pattern in rule.patterns:
            for m in pattern.finditer(norm):
                if m.end() > m.start() and (rule.keep is None or rule.keep(m.group())):
                    found.append((m.start(), m.end(), rule))
    found.sort(key=lambda f: (f[0], -f[1]))
    # Overlapping matches of one category become one finding covering their union.
    spans: list[_Span] = []
    last: dict[str, _Span] = {}
    for start, end, rule in found:
        span = last.get(rule.category)
        if span is not None and start < span.end:
            span.end = max(span.end, end)
            continue
        span = _Span(start, end, rule)
        last[rule.category] = span
        spans.append(span)
    return tuple(
        ToneFinding(
            rule=s.rule.rule,
            category=s.rule.category,
            words=text[s.start : s.end],
            why=s.rule.why,
            instead=s.rule.instead,
        )
        for s in spans
    )
