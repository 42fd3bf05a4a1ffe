"""Clean words from what the user typed, for drafts a person would write (D).

The user types names, the one thing they want to mention from the interview and
their news the way people type in a chat: lowercase, with fillers, emoji, a stray
full stop or none. Pasting that into an e-mail reads like a form letter gone wrong
("Dear ananya rao,", "especially our conversation about we talked about kafka.").
This module turns such text into the words a careful person would write:

- :func:`greeting_name` gives the name to greet a person by: the first name
  ("Ananya Rao" -> "Ananya"), or title and surname when a title was given
  ("Dr. Ananya Rao" -> "Dr. Rao"); :func:`full_name` gives a tidy full name for a
  signature. Both use ``nameparser``, which knows titles, suffixes, "Rao, Ananya"
  and particles such as "de la".
- :func:`read_detail` reads the one detail as a :class:`Detail`: a *topic* that fits
  after "our conversation about" (when the text names one) and a whole *sentence*
  for a thank-you, chosen by the shape of what was typed (a noun phrase, "we talked
  about ...", "I loved ...", "loved ...", "talking about ...", "they are ...").
- :func:`news_sentences` tidies free-text news into whole sentences.
- :func:`job_title` gives a role typed in lower case the capitals of its abbreviations
  ("senior ux designer" -> "senior UX designer", "pm" -> "PM").

Nothing here invents a fact: every frame only wraps the user's own words.
Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from nameparser import HumanName

from bot.core.i18n import _

__all__ = ["Detail", "full_name", "greeting_name", "news_sentences", "read_detail", "tidy"]


# -- tidying -------------------------------------------------------------------------

_WRAPPERS = "\"'“”‘’«»()[]{}<>*_`~"
_LEADING_MARKS = re.compile(r"^[\s\-–—•·*>:;,.!?…]+")
_TRAILING_MARKS = re.compile(r"[\s\-–—•·*:;,.!?…]+$")
_I_WORD = re.compile(r"\b(?:i(?=$|[\s,;:!?)]|'|’|\.(?!e\.))|im\b|ive\b)", re.IGNORECASE)


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _drop_symbols(text: str) -> str:
    """Emoji and other pictographs out; letters, digits and punctuation stay."""
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "So" or ch in "\u200d\ufe0f\ufe0e":
            continue
        kept.append(ch)
    return "".join(kept)


def _fix_i(text: str) -> str:
    """The pronoun "i" as "I" ("i've" -> "I've", "im" -> "I'm"), leaving "i.e." alone."""

    def repl(match: re.Match[str]) -> str:
        word = match.group(0).lower()
        return {"im": "I'm", "ive": "I've"}.get(word, "I")

    return _I_WORD.sub(repl, text)


def tidy(text: str) -> str:
    """One line of the user's text: no emoji, single spaces, no wrapping quotes or
    leading bullets, no trailing punctuation, and "i" as "I"."""
    text = " ".join(_drop_symbols(text).split())
    previous = None
    while previous != text:
        previous = text
        text = _LEADING_MARKS.sub("", text)
        text = _TRAILING_MARKS.sub("", text)
        if len(text) >= 2 and text[0] in _WRAPPERS and text[-1] in _WRAPPERS:
            text = text[1:-1].strip()
    return _fix_i(text)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _stop(text: str) -> str:
    """A sentence's closing: the user's own "?"/"!" would be odd in a draft, so one full stop."""
    return _TRAILING_MARKS.sub("", text) + "."


# Words that start a phrase in lower case in the middle of a sentence.
_LOWER_STARTS = _set(
    """the a an your our their my his her its this that these those some any each every
    all both how what why when where which who whether more most one two three few
    several many"""
)


def _mid_sentence(text: str) -> str:
    """A phrase to embed after other words: "The roadmap" -> "the roadmap", "Kafka" stays."""
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower() and first.lower() in _LOWER_STARTS:
        return first.lower() + text[len(first) :]
    return text


# -- names ---------------------------------------------------------------------------


def _parsed(name: str) -> HumanName:
    text = " ".join(_drop_symbols(name).split())
    parsed = HumanName(text)
    if any(len(word) > 2 for word in text.split()):  # initials alone stay as typed
        parsed.capitalize()  # only when typed all in lower or all in upper case
    return parsed


def _is_initial(word: str) -> bool:
    return len(word.rstrip(".")) <= 1


def greeting_name(name: str) -> str:
    """The name to greet a person by in "Dear ...,", or ``""`` when there is none.

    "Ananya Rao" -> "Ananya"; "ananya rao" -> "Ananya"; "Rao, Ananya" -> "Ananya";
    "Dr. Ananya Rao" -> "Dr. Rao"; "Ms Patel" -> "Ms Patel"; "Sir Ian" -> "Sir Ian";
    "J. R. Tolkien" -> "J. R. Tolkien" (an initial alone is no way to greet someone).
    """
    parsed = _parsed(name)
    if parsed.title:
        rest = parsed.last or parsed.first
        return f"{parsed.title} {rest}" if rest else ""
    if parsed.first and not _is_initial(parsed.first):
        return str(parsed.first)
    return str(parsed).strip()


def full_name(name: str) -> str:
    """The name as the user would sign it: tidy spacing, capitals when typed all lower."""
    parsed = _parsed(name)
    return str(parsed).strip()


# -- the one detail from the interview --------------------------------------------------


@dataclass(frozen=True, slots=True)
class Detail:
    """The detail the user wants to mention, in two shapes.

    ``topic`` fits after "our conversation about" ("the kafka thing"); it is ``""``
    when the text names no topic ("I loved the office"). ``sentence`` is one whole
    sentence for a thank-you note ("I enjoyed our conversation about the kafka
    thing."). Both are ``""`` for empty text.
    """

    topic: str = ""
    sentence: str = ""


_FILLERS = re.compile(
    r"^(?:(?:um+|uh+|erm+|hmm+|oh|ok(?:ay)?|well|so|like|just|maybe|probably|honestly|"
    r"basically|and|also|plus|mostly|mainly|prob|pls|please)\b[\s,]*)+",
    re.IGNORECASE,
)
_ASKED = re.compile(
    r"^(?:(?:can you |could you |pls |please )?(?:mention|say|add|write|include|put in|note|"
    r"bring up|tell (?:them|him|her))(?:ing)?\b\s*(?:that\s+)?|the fact that\s+|that\s+)",
    re.IGNORECASE,
)
_TRAILING_FILLERS = re.compile(
    r"(?:[\s,]+(?:lol|haha+|i guess|i think|maybe|etc|and stuff|or something|or so|"
    r"or whatever))+$",
    re.IGNORECASE,
)
# An answer meaning "nothing to mention".
_NOTHING = re.compile(
    r"(?:no|nope|none|nothing|nah|n/?a|skip|pass|not really|nothing special|no thanks|"
    r"lol|haha+|idk|dunno|not sure|-+)",
    re.IGNORECASE,
)
_THANK = re.compile(r"^thanks?(?: you)?(?: (?:them|him|her|you))? for\s+(.+)$", re.IGNORECASE)
_ABOUT = re.compile(r"^(?:about|re|regarding|on)\s+(.+)$", re.IGNORECASE)

_TOPIC_AFTER = re.compile(
    r"\b(?:(?:talk(?:ed|ing)?|spoke|speak(?:ing)?|chat(?:ted|ting)?|learn(?:ed|t|ing)?|"
    r"hear(?:d|ing)?|(?:a |the |our )?(?:conversation|chat|discussion|talk))"
    r"(?: a lot| more| a bit)?(?: about| on| around)|"
    r"(?:went|go(?:ing)?|walk(?:ed|ing)) (?:me )?(?:over|through)|"
    r"discuss(?:ed|ing)?|cover(?:ed|ing)|explor(?:ed|ing)|review(?:ed|ing)|"
    r"dug into|dig(?:ging)? into|dove into|div(?:ed|ing) into)\s+(.+)$",
    re.IGNORECASE,
)

_SELF = frozenset({"i", "i'm", "i’m", "i've", "i’ve", "i'd", "i’d", "i'll", "i’ll"})
_WE = frozenset({"we", "we're", "we’re", "we've", "we’ve", "we'd", "we’d"})
_THEY = _set(
    """you you're you’re youre you've you’ve they they're they’re theyre they've they’ve
    he she he's he’s she's she’s"""
)
_GERUNDS = _set(
    """talking chatting speaking discussing hearing learning meeting seeing getting working
    walking going sharing exploring comparing solving touring looking digging diving
    brainstorming pairing whiteboarding"""
)
_ADVERBS = _set("really especially genuinely truly particularly so also")
_PAST = _set(
    """loved liked enjoyed appreciated learned learnt found felt thought saw met heard got
    was were noticed admired valued"""
)
# A short noun phrase and then a verb is a clause: "the team is moving to Kafka", "your
# company just raised money". A pronoun before the verb makes it a noun phrase with a
# relative clause instead ("the project they have planned").
_FINITE = re.compile(
    r"^(?:the|your|their|our|his|her|its|this|these|those)\s+"
    r"(?:(?!(?:i|you|we|they|he|she|it)\b)\S+\s+){1,3}?"
    r"(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do|just|recently|"
    r"already|plans? to|wants? to|needs? to|uses|said|says|told|mentioned|shared|shipped|"
    r"launched|built|moved|switched|started|hired|raised|is going)\b",
    re.IGNORECASE,
)


def _strip_asides(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _FILLERS.sub("", text)
        text = _ASKED.sub("", text)
        text = _TRAILING_FILLERS.sub("", text)
        text = tidy(text)
    return text


def _topic_in(text: str) -> str:
    match = _TOPIC_AFTER.search(text)
    return _mid_sentence(match.group(1)) if match else ""


def read_detail(text: str) -> Detail:
    """What the user typed about the interview, framed for a draft.

    ==================================  =============================================
    typed                               sentence
    ==================================  =============================================
    "the kafka thing"                   "I enjoyed our conversation about the kafka
                                        thing."
    "we talked about kafka"             "I enjoyed our conversation about kafka."
    "about the roadmap"                 "I enjoyed our conversation about the roadmap."
    "talking about kafka"               "I enjoyed talking about kafka."
    "really loved the demo"             "I really loved the demo."
    "i liked the whiteboard part."      "I liked the whiteboard part."
    "they're moving to kafka"           "I was glad to hear that they're moving to
                                        kafka."
    "thank them for the tour"           "I am also grateful for the tour."
    ==================================  =============================================

    Only the first sentence is used: the draft has room for one detail.
    """
    text = tidy(text)
    text = re.split(r"(?<=[^.][.!?])\s+|\s*\n\s*", text, maxsplit=1)[0]
    text = _strip_asides(text)
    if not text or _NOTHING.fullmatch(text):
        return Detail()
    words = text.split()
    first = words[0].lower()

    thank = _THANK.match(text)
    if thank:
        rest = _mid_sentence(tidy(thank.group(1)))
        return Detail(
            topic="", sentence=_stop(_("I am also grateful for {thing}").format(thing=rest))
        )
    about = _ABOUT.match(text)
    if about:
        topic = _mid_sentence(tidy(about.group(1)))
        return Detail(topic, _stop(_about(topic)))
    if first in _SELF:
        return Detail(_topic_in(text), _stop(_cap(text)))
    if first in _GERUNDS:
        return Detail(_topic_in(text), _stop(_("I enjoyed {doing}").format(doing=text)))
    lead = 0
    while lead < len(words) - 1 and words[lead].lower() in _ADVERBS:
        lead += 1
    if words[lead].lower() in _PAST:
        # The user's own past-tense clause ("loved the demo") after "I": their words, not ours.
        return Detail(_topic_in(text), _stop(_("I {did}").format(did=_mid_sentence(text))))
    topic = _topic_in(text)
    if first in _WE or first in _THEY or _FINITE.match(text):
        if topic:
            return Detail(topic, _stop(_about(topic)))
        if first in _WE:
            return Detail("", _stop(_cap(text)))
        return Detail(
            "", _stop(_("I was glad to hear that {news}").format(news=_mid_sentence(text)))
        )
    topic = _mid_sentence(text)
    return Detail(topic, _stop(_about(topic)))


def _about(topic: str) -> str:
    return _("I enjoyed our conversation about {topic}").format(topic=topic)


# -- news ---------------------------------------------------------------------------

_NEWS_PREAMBLE = re.compile(
    r"^(?:(?:fyi|update|news|quick update|small update|heads up)\b[\s:,-]*|"
    r"(?:i )?(?:just )?(?:wanted|want) to (?:say|tell (?:them|you)|let (?:them|you) know|share)"
    r"(?: that)?\s+|(?:tell|let) (?:them|him|her) know(?: that)?\s+)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[^.][.!?])\s+")  # not after an ellipsis


def news_sentences(text: str) -> str:
    """Free-text news as clean sentences: "i have moved to berlin!!" -> "I have moved to
    berlin." Each sentence starts with a capital and ends with one full stop."""
    text = " ".join(_drop_symbols(text).split())
    text = _NEWS_PREAMBLE.sub("", tidy(text))
    text = _FILLERS.sub("", text)
    parts = [tidy(p) for p in _SENTENCE_END.split(text)]
    return " ".join(_stop(_cap(p)) for p in parts if p)


_ABBREVIATIONS = _set(
    "pm tpm apm qa qe ux ui hr it swe sde sre cto ceo cfo coo cmo vp svp evp avp "
    "ml ai bi seo sem crm erp ba bd gtm"
)
_MIXED_CASE = {"ios": "iOS", "sql": "SQL"}


def job_title(role: str) -> str:
    """The role with its abbreviations in capitals; words typed with a capital stay as typed."""
    words = []
    for word in role.split(" "):
        key = word.casefold()
        if word == word.lower() and key in _ABBREVIATIONS:
            word = word.upper()
        elif word == word.lower():
            word = _MIXED_CASE.get(key, word)
        words.append(word)
    return " ".join(words)
