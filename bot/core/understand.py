"""Understanding one whole message: the facts it states, as a :class:`Frame`.

:func:`understand` reads one free-text message with what the bot already knows (the
user's calendar, ``now`` and their stored interviews with their people) and returns a
frame: the intent and every fact the message states, each in the form the rules take
(dates in the user's zone, channels and recipients as enums, names without filler).
It never guesses silently: a fact it read but is not sure of is named in
``Frame.unsure`` so the conversation can ask about it instead of storing it.

How a message is read, in order:

1. Language. A message with too few English words for its length goes to a language
   identifier (``langdetect``, whose profiles ship in the package); anything but English
   gets ``intent = unknown`` and no facts, so the bot can say it only reads English.
2. Intent. :func:`bot.core.intents.recognise` gives the base reading; this module
   refines it: an offer or deadline from *another* company is real news (G9), never an
   outcome of this interview (G8); a report of the employer answering is a reply (S7);
   feelings and "why the silence" are one ``feeling`` intent; thanks, undo, reminders
   and a new nudge hour have their own.
3. Facts, each from the clause that states it: the interview's moment ("just now",
   "today at 11", "yesterday"), the promised-by date from the clause that carries the
   promise ("said they'd get back by the 15th": T1-T4 through
   :func:`bot.core.timeline.read_timeline`), people with their roles and e-mails, one
   attempt per contact act ("on thursday and again on friday" is two, "twice" is two),
   a new date given in a reply, the other company and its deadline, the vibe, the hour.
4. Companies and people already stored are matched loosely ("rakuten" is the stored
   "Rakuten Group", "razor pay" is "Razorpay") and returned spelled as stored.

Pure: no clock, no I/O; never raises for any text (a failure gives an ``unknown``
frame). Work per call is bounded: only the first :data:`MAX_CHARS` characters are read.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from difflib import SequenceMatcher
from enum import StrEnum
from typing import Any

from bot.core._timeline_words import WEEKDAY_RE, _mend, normalize, weekday_number
from bot.core.calendar import BusinessCalendar
from bot.core.intent_model import guess
from bot.core.intents import Intent, IntentMatch, recognise
from bot.core.timeline import date_order, read_timeline
from bot.core.types import Channel, DraftKind, Outcome, Recipient, Vibe

__all__ = [
    "MAX_CHARS",
    "AttemptFact",
    "Frame",
    "FrameIntent",
    "Known",
    "KnownInterview",
    "KnownPerson",
    "OtherOffer",
    "PersonFact",
    "ReplyFact",
    "TimelineFact",
    "detect_language",
    "frame_intent",
    "is_name_like",
    "people_in",
    "term_asked",
    "understand",
    "warm_up",
]

MAX_CHARS = 2000
"""Only this many leading characters of a message are read."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


class FrameIntent(StrEnum):
    """What a message is for, as the conversation acts on it."""

    NEW_INTERVIEW = "new_interview"
    LOG_ATTEMPT = "log_attempt"
    REPLY = "reply"
    OUTCOME = "outcome"
    REAL_NEWS = "real_news"
    SHOULD_I = "should_i"
    DRAFT = "draft"
    TONE = "tone"
    FEELING = "feeling"
    LIST = "list"
    STATUS = "status"
    REMINDERS = "reminders"
    SETTINGS = "settings"
    HELP = "help"
    THANKS = "thanks"
    UNDO = "undo"
    CANCEL = "cancel"
    EXPORT = "export"
    DELETE = "delete"
    CALENDAR = "calendar"
    UNKNOWN = "unknown"


# --- what is already stored --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KnownPerson:
    name: str
    role: Recipient | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class KnownInterview:
    company: str
    role: str = ""
    interviewed: datetime | None = None
    people: tuple[KnownPerson, ...] = ()


@dataclass(frozen=True, slots=True)
class Known:
    """The user's stored interviews (newest first is best; order breaks ties)."""

    interviews: tuple[KnownInterview, ...] = ()

    @property
    def people(self) -> tuple[KnownPerson, ...]:
        return tuple(p for i in self.interviews for p in i.people)


# --- the frame ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonFact:
    name: str | None
    role: Recipient | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class AttemptFact:
    on: date | None
    channel: Channel
    to: str | None = None  # a person's name, or a Recipient value when only the role is said


@dataclass(frozen=True, slots=True)
class TimelineFact:
    by: date
    said_by: str | None = None  # a person's name, or a Recipient value


@dataclass(frozen=True, slots=True)
class ReplyFact:
    new_date: date | None = None


@dataclass(frozen=True, slots=True)
class OtherOffer:
    company: str | None = None
    deadline: date | None = None


@dataclass(frozen=True, slots=True)
class Frame:
    """The facts one message states (``None`` or empty when not said)."""

    intent: FrameIntent
    language: str = "en"
    company: str | None = None
    role: str | None = None
    interview_at: datetime | date | None = None  # local; a date when no time was said
    timeline: TimelineFact | None = None
    people: tuple[PersonFact, ...] = ()
    attempts: tuple[AttemptFact, ...] = ()
    reply: ReplyFact | None = None
    outcome: Outcome | None = None
    other_offer: OtherOffer | None = None
    vibe: Vibe | None = None
    nudge_hour: time | None = None
    draft_kind: DraftKind | None = None
    channel: Channel | None = None
    to: str | None = None
    unsure: tuple[str, ...] = field(default=())
    """Names of facts read with doubt (e.g. ``"interview_at"``): ask before storing."""
    no_date_said: bool = False
    """The message says the employer gave no usable date ("they didn't say", "soon": T4)."""
    said: str | None = None
    """For a new interview: the words about their timeline, as typed ("by friday")."""

    def to_json(self) -> dict[str, Any]:
        """The frame as plain JSON values, with exactly the public keys."""

        def day(value: date | None) -> str | None:
            return value.isoformat() if value is not None else None

        moment: str | None
        if isinstance(self.interview_at, datetime):
            moment = self.interview_at.strftime("%Y-%m-%dT%H:%M")
        else:
            moment = day(self.interview_at)
        return {
            "intent": self.intent.value,
            "language": self.language,
            "company": self.company,
            "role": self.role,
            "interview_at": moment,
            "timeline": (
                {"by": day(self.timeline.by), "said_by": self.timeline.said_by}
                if self.timeline
                else None
            ),
            "people": [
                {"name": p.name, "role": p.role.value if p.role else None, "email": p.email}
                for p in self.people
            ],
            "attempts": [
                {"on": day(a.on), "channel": a.channel.value, "to": a.to} for a in self.attempts
            ],
            "reply": {"new_date": day(self.reply.new_date)} if self.reply else None,
            "outcome": self.outcome.value if self.outcome else None,
            "other_offer": (
                {"company": self.other_offer.company, "deadline": day(self.other_offer.deadline)}
                if self.other_offer
                else None
            ),
            "vibe": self.vibe.value if self.vibe else None,
            "nudge_hour": self.nudge_hour.strftime("%H:%M") if self.nudge_hour else None,
            "draft_kind": self.draft_kind.value if self.draft_kind else None,
            "channel": self.channel.value if self.channel else None,
            "to": self.to,
        }


# --- language ----------------------------------------------------------------------------

# Words that mark a message as English even when it is short and full of names.
_ENGLISH = _words(
    """
    a about after again all also am an and any are as at back be because been before but by
    can cant could did didnt do does dont done email emailed for from get got had has have
    havent he her him his how i if im in interview is it its ive just know last let like
    me my next no not now of ok okay on or our please said say she should so still that the
    their them then there they theyd theyll this to today told too up us was we week went
    were what when where which who why will with would yes yet you your yesterday tomorrow
    thanks thank thx ty hi hello hey help undo cancel list status export delete settings
    calendar reminders offer recruiter manager hr call called phone again week weeks day days
    monday tuesday wednesday thursday friday saturday sunday morning afternoon evening
    great good bad anxious nervous worried sorry reply replied heard hear write draft check
    follow up nudge remind stop never mind nvm lol omg pls plz u ur gonna wanna idk tbh asap
    """
)
_LANGUAGES = sorted(
    _words("en pt es de fr it nl hi id ru tr pl ja zh ar ko sv da no fi cs ro uk vi ms el hu he th")
)
_WORD_RX = re.compile(r"[^\W\d_]+", re.UNICODE)


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    # langdetect: pure Python, its profiles ship in the package (no download); py3langid
    # was tried first but brings numpy and its BLAS, 50 MB of a bot image that must stay
    # under 200 MB. Seeded, so the same text always gets the same answer. Its table is
    # loaded sparse (bot.core.langid): the same answers in 15 MB instead of 58.
    from langdetect import DetectorFactory  # type: ignore[import-untyped]

    from bot.core.langid import detect_langs

    DetectorFactory.seed = 0
    return detect_langs


def warm_up() -> None:
    """Load the language model and the date reader once (about a second of CPU).

    The bot calls this in a worker thread at start, so no user's first message pays for
    it on the event loop.
    """
    _identifier()("warm up the language model with a short sentence")
    utc = BusinessCalendar("UTC")
    understand(
        "had an interview at acme yesterday, they said by friday",
        now=datetime(2026, 1, 5, 12, 0, tzinfo=utc.tz),
        cal=utc,
    )


def detect_language(text: str) -> str:
    """The ISO 639-1 code of ``text``'s language; ``"en"`` when it cannot be told.

    A message whose words are mostly common English (or chat) words, or that has at most two
    words, is English. Otherwise the identifier ranks the candidate languages; another
    language wins only when it beats English clearly (by :data:`_CLEAR_GAP` in probability),
    so names and typos in an English message do not make it foreign.
    Emoji and numbers alone are English (nothing says otherwise).
    """
    # e-mail addresses and links are in no language: "ananya's email is ananya.r@acme.com"
    sample = _URL.sub(" ", _EMAIL.sub(" ", text[:MAX_CHARS]))
    words = [w.casefold().replace("'", "") for w in _WORD_RX.findall(sample)]
    if not words:
        return "en"
    latin = all(w.isascii() for w in words)
    english = sum(1 for w in words if w in _ENGLISH)
    if latin and (len(words) <= 2 or english / len(words) >= 0.3):
        return "en"
    try:
        ranked = [(str(guess.lang), float(guess.prob)) for guess in _identifier()(sample)]
    except Exception:  # the identifier is a helper; never let it break a turn
        return "en"
    if not ranked:
        return "en"
    best, best_prob = ranked[0]
    english_prob = dict(ranked).get("en", 0.0)
    if best != "en" and best_prob - english_prob >= _CLEAR_GAP:
        return best.split("-")[0]  # "zh-cn" -> "zh"
    return "en"


_CLEAR_GAP = 0.6
"""How much more likely another language must be than English (probabilities, 0-1)."""


# --- small readers -----------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_LONG_WORD = re.compile(r"\S{60,}")
_URL = re.compile(
    r"\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|co|de|in)/\S*"
)
_APOS = re.compile(r"['\u2019\u2018\u02bc`]")


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@functools.lru_cache(maxsize=2048)
def _weekday_typo(word: str) -> str:
    """ "wensday" -> "wednesday", "thrusday" -> "thursday"; other words unchanged."""
    if word in _WEEKDAY_NAMES or not 5 <= len(word) <= 10 or not word.endswith(("day", "dy")):
        return word

    for name in _WEEKDAY_NAMES:
        if name[0] == word[0] and SequenceMatcher(None, word, name).ratio() >= 0.75:
            return name
    return word


_INTERVIEW_TYPO = re.compile(r"\bint[ea]?r?v(?:ie|ei|e|i|ew)?w(s|ed|ing)?\b")


def _plain(text: str) -> str:
    """Lower case, apostrophes dropped, e-mail addresses masked, spaces squeezed."""
    text = _LONG_WORD.sub(" ", text[:MAX_CHARS])  # no word is this long; keeps patterns linear
    text = _EMAIL.sub(" emailaddr ", text) if "@" in text else text
    text = _APOS.sub("", text).casefold()
    text = re.sub(r"\be-?mail", "email", text)
    text = re.sub(r"(?<!\w)w/(?=\s|\w)", "with ", text)
    text = re.sub(r"[^\w\s?!.,:/&@-]+", " ", text)
    text = re.sub(r"(?<=\w)-(?=\w)", " ", text)
    text = re.sub(r"[a-z]{5,13}", lambda m: _weekday_typo(_mend(m.group())), text)
    text = re.sub(r"\bw (?=[a-z])", "with ", text)
    text = re.sub(r"\b(?:shud|shld|shd)\b", "should", text)
    text = _INTERVIEW_TYPO.sub(lambda m: "interview" + (m.group(1) or ""), text)
    text = re.sub(r"\b(?:yday|yest|ystrdy|yesterdy)\b", "yesterday", text)
    text = re.sub(r"\b(?:wks|wk)\b", "weeks", text)
    text = re.sub(r"\bmsg\b", "message", text)
    text = re.sub(r"\b(?:mgr|mngr|manger)\b", "manager", text)
    text = re.sub(r"\bppl\b", "people", text)
    return re.sub(r"\s+", " ", text).strip()


_ROLE_WORDS: tuple[tuple[Recipient, str], ...] = (
    (
        Recipient.HIRING_MANAGER,
        r"hiring manager|hm|(?:my |the )?(?:future |would be |potential |prospective |new )?"
        r"(?:manager|boss|team lead|team leader|lead|director|head of \w+|supervisor)",
    ),
    (
        Recipient.RECRUITER,
        r"recruiter|recuiter|recruter|recruiting|recruitment|talent acquisition|talent partner|"
        r"headhunter|sourcer|ta",
    ),
    (Recipient.HR, r"hr|human resources|people team|people ops|personnel"),
    (Recipient.INTERVIEWER, r"interviewer|panelist|cto|ceo|founder|vp|who interviewed me"),
)
_ROLE_RX = re.compile(
    r"\b(?:" + "|".join(f"(?P<r{i}>{p})" for i, (_, p) in enumerate(_ROLE_WORDS)) + r")s?\b"
)


def _role_of(match: re.Match[str]) -> Recipient:
    for name, value in match.groupdict().items():
        if value:
            return _ROLE_WORDS[int(name[1:])][0]
    return Recipient.INTERVIEWER


def _role_in(text: str) -> Recipient | None:
    m = _ROLE_RX.search(text)
    return _role_of(m) if m else None


# Words that are never a person's name, whatever their case.
_NOT_NAMES = _words(
    """
    i me my mine we us our you your he him his she her they them their it its this that these
    those a an the and or but so then also too just only really very still yet again already
    finally today tomorrow yesterday tonight morning afternoon evening night week weeks month
    day days hour hours last next this that said says say told tell asked ask called call
    emailed email mailed texted messaged rang phoned wrote pinged followed reached contacted
    met meet with from at for to of in on by about after before over under team company
    recruiter recruiters hr manager hiring boss lead interviewer interviewers panel ceo cto
    founder director engineer person guy girl lady man woman someone somebody nobody everyone
    he's shes hes theyre theyd theyll had has have having been be is was were are am will would
    should could can cant couldnt wont dont didnt doesnt havent hasnt not no yes ok okay sure
    great good bad well fine nice lovely awesome amazing cool cold awkward weird interview
    interviews interviewed role job position offer application process update news reply
    response answer back get got getting give gave decision decide hear heard round screen
    call calls phone office linkedin whatsapp email emails mail note thanks thank dear hi
    hello hey who which what when where why how because since until while if as than like
    dont know maybe probably think thought felt feel feels went go going gone come came
    his hers own other another one two three first second third both all any some every
    senior junior lead staff principal data analyst developer designer product software
    marketing sales account associate intern internship consultant head vp mr mrs ms dr
    sir madam monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december again twice once times
    didn't gonna wanna im ive id ill wasnt werent isnt arent also plus named called
    """
)
_NOT_NAMES_MORE = _words(
    """
    undo cancel skip done none noone quit menu list settings delete export new calm draft
    everyone everybody nobody nope nah yep yeah back help
    chilly neutral meh awkward positive negative frosty icy lukewarm great good bad okayish
    write improve given barely asking asked know knows let lets see seen saw look looked
    keep kept try tried trying wait waited waiting hope hoped hoping need needed needs want
    wanted wants like liked make made take took put ask tell told show shown find found
    move moved leave left send sent bring brought pay paid help helped start started stop
    stopped check checked finally actually honestly basically literally probably definitely
    really quite pretty rather just even ever never always often sometimes usually soon
    later earlier already almost enough maybe perhaps directly again still super kinda
    sorta totally completely maybe regarding about anyway weird odd rude nice kind polite
    cold warm friendly happy sad worried anxious nervous excited glad sure fine well ok
    dmd dmed improve improving drop dropped portfolio cv resume post bc out approval name
    partner director vp head lead side role gig spot loop panel process ta hm mgr
    wish luck follow text ping line contact platform store ops pharmacy analytics product
    emailaddr result results decision timeline feedback culture tech technical final
    round onsite screen sw sde swe java python ml ai ux ui qa devops cloud backend frontend
    fullstack full stack data business relationship program graduate grad intern people
    everyone anyone nothing something anything everything please pls thx ty lol omg tbh idk
    ok k yeah yep nope nah hmm um uh ugh wow yay also both either neither each
    whatsapp linkedin gmail insta instagram twitter facebook slack teams zoom skype
    mail inbox voicemail vm message dm text sms update news reply response answer
    morning noon evening tonight weekend holiday holidays office building desk
    stripe google amazon meta apple microsoft
    ppl peeps guys folks tmrw tmr tmrow tmro tomo tmw 2moro 2mrw yday ystrdy tdy tday
    rn asap atm btw fyi imo imho afaik jk nvm ngl smh irl brb
    """
)


def _name_case(word: str) -> str:
    """ "vikram" -> "Vikram"; a name typed with capitals is kept as typed."""
    return word if any(c.isupper() for c in word) else word[:1].upper() + word[1:]


def _is_name_word(word: str) -> bool:
    low = _APOS.sub("", word).casefold().strip(".")
    if len(low) > 5 and low.endswith(("ing", "ed")) and not word[:1].isupper():
        return False  # "withdrawing", "replied": verbs, not names
    return (
        len(low) >= 2
        and low not in _NOT_NAMES
        and low not in _NOT_NAMES_MORE
        and not _ROLE_RX.fullmatch(low)
        and bool(re.fullmatch(r"[^\W\d_][\w'-]*", low))
    )


# --- dates of past events ----------------------------------------------------------------

_MONTH_RE = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_PAST_DAY = re.compile(
    r"\b(?:(?P<today>today|this morning|this afternoon|this evening|earlier today|tonight|"
    r"just now|an hour ago|(?:\d+|a few|a couple of|couple) (?:hours|hrs|mins|minutes) ago)|"
    r"(?P<yesterday>yesterday|last night)|"
    r"(?P<daysago>(?P<n>\d+|a couple of|a few|couple|two|three) days ago)|"
    r"(?P<tomorrow>tomorrow|tmrw|tmr|tmrow|tomorow|2moro)|"
    r"(?:on |last |this past |next |this )?(?P<wd>" + WEEKDAY_RE + r"|mon|tue|tues|wed|thu|thur|"
    r"thurs|fri)\b(?: (?:morning|afternoon|evening|night))?|"
    r"(?:on )?(?:the )?(?P<md_d>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?P<md_m>" + _MONTH_RE + r")\b|"
    r"(?P<dm_m>" + _MONTH_RE + r")\.? (?P<dm_d>\d{1,2})(?:st|nd|rd|th)?\b|"
    r"(?:on (?:the )?|the )(?P<nth>\d{1,2})(?:st|nd|rd|th)?\b(?! (?:round|interview|time))|"
    r"\bon (?P<nth2>\d{1,2})(?:st|nd|rd|th)\b)"
)
_WD_SHORT = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4}
_COUNTS = {"a couple of": 2, "couple": 2, "a few": 3, "two": 2, "three": 3}


def _past_day(match: re.Match[str], today: date, *, future: bool = False) -> date | None:
    """The day a matched phrase names: the most recent one, or the next one if ``future``."""
    if match.group("today"):
        return today
    if match.group("yesterday"):
        return today - timedelta(days=1)
    if match.group("tomorrow"):
        return today + timedelta(days=1)
    if match.group("daysago"):
        n = match.group("n")
        count = int(n) if n.isdigit() else _COUNTS.get(n, 2)
        return today - timedelta(days=min(count, 400))
    wd = match.group("wd")
    if wd:
        number = _WD_SHORT[wd] if wd in _WD_SHORT else weekday_number(wd)
        if future or match.group().startswith("next "):
            return today + timedelta(days=(number - today.weekday()) % 7 or 7)
        back = (today.weekday() - number) % 7 or 7
        return today - timedelta(days=back)
    month_word = match.group("md_m") or match.group("dm_m")
    if month_word:
        day = int(match.group("md_d") or match.group("dm_d"))
        month = _MONTHS[month_word]
        for year in (today.year, today.year + 1) if future else (today.year, today.year - 1):
            try:
                named_day = date(year, month, day)
            except ValueError:
                return None
            if (named_day >= today) if future else (named_day <= today):
                return named_day
        return None
    nth = match.group("nth") or match.group("nth2")
    if nth:
        day = int(nth)
        year, month = today.year, today.month
        for _ in range(3):
            try:
                candidate = date(year, month, day)
            except ValueError:
                candidate = None
            if candidate is not None and ((candidate >= today) if future else (candidate <= today)):
                return candidate
            if future:
                year, month = (year, month + 1) if month < 12 else (year + 1, 1)
            else:
                year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def _first_past_day(text: str, today: date) -> date | None:
    if re.search(r"\bjust (?:now|emailed|called|sent|messaged|texted|rang|pinged|followed)", text):
        return today
    for m in _PAST_DAY.finditer(text):
        day = _past_day(m, today)
        if day is not None:
            return day
    return None


# --- the interview's moment --------------------------------------------------------------

_JUST = re.compile(
    r"\b(?:just (?:had|finished|did|done|got out|came out|wrapped|left|now|completed|walked "
    r"out)|right now|fresh out|literally just|finished (?:it )?(?:just )?now)\b"
)
_AGO = re.compile(
    r"\b(?P<n>\d{1,2}|an|a|one|two|three|half an) ?(?P<unit>hours?|hrs?|h|minutes?|mins?) ago\b"
)
_CLOCK = re.compile(
    r"\b(?:at|@|around|about) (?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))? ?(?P<ap>am|pm|a\.m\.|p\.m\.)?"
    r"(?! ?(?:days?|weeks?|hours?|mins?|minutes?|th|st|nd|rd)\b)"
    r"|\b(?P<h2>\d{1,2})(?:[:.](?P<m2>\d{2}))? ?(?P<ap2>am|pm)\b"
    r"|\b(?P<h3>\d{1,2})[:](?P<m3>\d{2})\b"
)
_PART = re.compile(r"\b(?:this |in the |yesterday )?(?P<part>morning|afternoon|evening|night)\b")
_NUM_WORDS = {"an": 1, "a": 1, "one": 1, "two": 2, "three": 3, "half an": 0}


def _clock_in(text: str) -> tuple[int, int, str | None] | None:
    """(hour, minute, am/pm) of the first clock time; hour 99 when impossible."""
    for m in _CLOCK.finditer(text):
        h = m.group("h") or m.group("h2") or m.group("h3")
        mins = m.group("m") or m.group("m2") or m.group("m3")
        ap = m.group("ap") or m.group("ap2")
        hour, minute = int(h), int(mins or 0)
        if hour > 23 or minute > 59 or (ap and hour > 12):
            return 99, 0, None
        return hour, minute, (ap or "").replace(".", "") or None
    return None


_UPCOMING = re.compile(
    r"\b(?:tomorrow|tmrw|tmr|tmrow|tomorow|2moro|upcoming|next week|wish me luck|its at|it is at|"
    r"is at|will be|coming up|got (?:my|an|a) (?:\w+ )?interview|have (?:an|a|my) (?:\w+ )?"
    r"interview (?:on|at|with|next|this|tomorrow)|scheduled|booked|invited)\b"
)


_NUMERIC_DAY = re.compile(
    r"(?<![\d/.:])(?<!\bat )(?<!\bat ~)(?P<a>\d{1,2})(?:/(?P<b>\d{1,2})|\.(?P<b2>\d{1,2}))"
    r"(?:[/.](?P<y>\d{4}|\d{2}))?(?![\d/:]|\.\d| ?(?:am|pm|h)\b)"
)


def _numeric_day(text: str, today: date, order: str, *, future: bool) -> date | None:
    """A date written in numbers ("11/24", "24.11", "12/1/26"): month first where the user's
    country writes it so (order "MDY") unless a number can only be a day (over 12)."""
    m = _NUMERIC_DAY.search(text)
    if m is None:
        return None
    a, b = int(m.group("a")), int(m.group("b") or m.group("b2"))
    if a > 12:
        month_first = False
    elif b > 12:
        month_first = True
    else:
        month_first = order == "MDY"
    month, day = (a, b) if month_first else (b, a)
    years: tuple[int, ...] = (
        (today.year, today.year + 1) if future else (today.year, today.year - 1)
    )
    if m.group("y"):
        year = int(m.group("y"))
        years = (year + 2000 if year < 100 else year,)
    for year in years:
        try:
            named = date(year, month, day)
        except ValueError:
            return None
        if m.group("y") or ((named >= today) if future else (named <= today)):
            if not future and (today - named).days > 200:
                break  # "on 12/1" said on 30 Nov: this coming one, not last year's
            return named
    try:
        return date(today.year, month, day)
    except ValueError:
        return None


def _interview_moment(
    text: str, local_now: datetime, order: str = "DMY"
) -> tuple[datetime | date | None, bool]:
    """When the interview was, and whether the reading is doubtful."""
    today = local_now.date()
    now_minute = local_now.replace(second=0, microsecond=0, tzinfo=None)
    if _JUST.search(text):
        return now_minute, False
    ago = _AGO.search(text)
    if ago:
        n = _NUM_WORDS.get(ago.group("n"))
        count = int(ago.group("n")) if n is None else n
        if ago.group("unit").startswith("h"):
            delta = timedelta(hours=count) if count else timedelta(minutes=30)
        else:
            delta = timedelta(minutes=count)
        return now_minute - delta, False
    future = bool(_UPCOMING.search(text))
    day_match = _PAST_DAY.search(text)
    if day_match and day_match.group("wd"):
        # "mon 16 nov": the date says which Monday; a weekday alone says the last one
        dated = next((m for m in _PAST_DAY.finditer(text) if not m.group("wd")), None)
        if dated is not None and (dated.group("md_m") or dated.group("dm_m")):
            day_match = dated
    day = _past_day(day_match, today, future=future) if day_match else None
    numeric = _numeric_day(text, today, order, future=future)
    if numeric is not None and (day_match is None or not day_match.group("md_m")):
        day = numeric  # "on 11/24" is not "on the 11th"
    if day_match and day_match.group("today") and "just now" in day_match.group("today"):
        return now_minute, False
    clock = _clock_in(text)
    if clock is not None:
        hour, minute, ap = clock
        if hour == 99:
            return (day or today), True
        part = _PART.search(text)
        if ap == "pm" and hour < 12:
            hour += 12
        elif ap == "am" and hour == 12:
            hour = 0
        elif ap is None and part and part.group("part") in ("afternoon", "evening", "night"):
            hour = hour + 12 if hour < 12 else hour
        elif ap is None and hour < 8:
            hour += 12  # nobody is interviewed at 3 in the morning: "at 3" is 15:00
        when = datetime.combine(day or today, time(hour, minute))
        if day is None and when > now_minute and not future:
            when -= timedelta(days=1)
        return when, False
    if day is not None:
        return day, False
    return None, False


# --- patterns of intents this module adds or refines ---------------------------------------

_THANKS_ONLY = re.compile(
    r"^(?:(?:ok|okay|oh|great|awesome|perfect|cool|nice|amazing|wow|yay|got it|that helps|"
    r"this helps|very helpful|so helpful|helpful|lovely|brilliant|super|sweet)[ ,.!]*)*"
    r"(?:thanks|thank you|thank u|thankyou|ty|tysm|thx|thnx|thanx|cheers|much appreciated|"
    r"appreciate it|appreciate that|appreciate you|you(?:re| are) (?:the best|a star|great|"
    r"a lifesaver|a life saver|amazing|awesome|a legend)|lifesaver)"
    r"(?:[ ,.!]*(?:so much|very much|a lot|a ton|again|for (?:the|your|all the|this|that)"
    r"(?: \w+){0,3}|man|mate|buddy|bot|friend|heaps|loads|this helps|that helps|"
    r"really|lots|\w+ much|(?:that|this|it) (?:really )?helps?|(?:that|this) (?:was|is) "
    r"(?:really |so )?(?:helpful|useful|great)))*[ ,.!]*$"
)
_UNDO = re.compile(
    r"^(?:oops|oh no|wait|sorry|no|ugh|nope|whoops)?[ ,.!]*(?:please |pls )?"
    r"(?:undo(?: (?:that|it|this|the last (?:one|thing|step|entry)|my last (?:one|entry|message)"
    r"))?|take (?:that|it) back|revert(?: that| it)?|that was (?:a )?mistake|"
    r"i didnt mean (?:that|to(?: \w+){0,4})|scratch that|delete (?:that|the last) (?:one|entry)|"
    r"remove (?:that|the last (?:one|entry)))(?: please| pls)?[ ,.!]*$"
)
_CANCEL = re.compile(
    r"^(?:ok |okay |no |nah |actually )?(?:cancel(?: (?:that|it|this))?|never ?mind|nvm|"
    r"forget (?:it|that|about it)|stop|quit|exit|abort|leave it)(?: please| pls| then)?[ ,.!]*$"
)
_REMINDER_SETTING = re.compile(
    r"\b(?:turn off|turn on|switch off|stop|pause|mute|fewer|less|more|disable|enable|no) "
    r"(?:the |my |all )?(?:reminders|nudges|notifications)\b|\b(?:reminders|nudges|notifications)"
    r" (?:on|at|during) (?:weekends|night|the weekend)\b|\bonce a (?:week|day)\b"
)
_REMINDERS = re.compile(
    r"\b(?:(?:what|which|any|my|show|list|see|upcoming|next|pending|scheduled) (?:\w+ ){0,3}"
    r"(?:reminders?|nudges?|notifications?)|(?:reminders?|nudges?) (?:coming up|do i have|"
    r"scheduled|planned|pending)|when (?:will|are|do) you (?:remind|nudge|ping) me|"
    r"whats coming up|what is coming up|what do i have coming up|what(?:s| is) next on my list)\b"
)
_HOUR_SETTING = re.compile(
    r"\bmake it (?:at )?(?P<rest4>\d.{0,20})|"
    r"\b(?:remind|nudge|ping|message|text|notify)(?: me)?(?: (?:at|around|by|from))? "
    r"(?P<rest>.{0,40})|\b(?:reminders?|nudges?|notifications?)(?: \w+){0,3} "
    r"(?:at|to|around|for) (?P<rest2>.{0,30})|\b(?:reminder|nudge) (?:time|hour) (?P<rest3>.{0,30})"
)
_SETTING_CLOCK = re.compile(
    r"\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))? ?(?P<ap>am|pm|a\.m\.|p\.m\.)?"
    r"(?: ?(?:in the |o ?clock ?)?(?P<part>morning|afternoon|evening|night))?"
)
_ZONE_SETTING = re.compile(
    r"\b(?:time ?zone|timezone|moved to|moving to|i live in|im in|i am in|based in|relocat\w+)\b"
)

_OTHER_MARK = re.compile(
    r"\b(?:another|other|competing|second|different|rival|backup|back up|counter|better|"
    r"separate|an outside|external)\b(?: \w+){0,2} (?:offer|company|firm|job|place|employer)|"
    r"\boffers? (?:\w+ ){0,3}(?:from|at|with|by) (?:another|a different|some other|other|a "
    r"rival|one of|(?:an?|some) (?:\w+ )?(?:startup|company|firm|bank|fintech|agency|"
    r"competitor|consultancy|unicorn|mnc|employer|place|team|org|organi[sz]ation|shop|studio|"
    r"corporation|corp|business))\b|"
    r"\boffer elsewhere\b|\belsewhere\b|\banother place\b|\bsomewhere else\b|"
    r"\bcompeting\b"
)
_OFFER_WORD = re.compile(r"\boffers?\b|\boffered\b")
_OFFER_FROM = re.compile(
    r"\b(?:offer|offered|offers)(?: letter| email| call| package)? (?:from|at|by|with) "
    r"(?P<co>[\w&.-]+(?: [\w&.-]+){0,2})|"
    r"\b(?P<co2>[\w&.-]+(?: [\w&.-]+)?) (?:offered me|(?:has |have )?(?:made|gave|sent|"
    r"extended)(?: me)? (?:an?|the|their)(?: \w+)? offer|"
    r"has offered|wants? to hire me|(?<!\bwas )(?<!\bbeen )offered\b)|"
    r"\b(?:offered|got|landed|accepted|won|have) (?:a |an |the )?(?:job|role|position|spot|"
    r"offer)(?: \w+)? (?:at|from|with|by) (?P<co3>[\w&.-]+(?: [\w&.-]+){0,2})"
)
# "line yahoo offer in hand": the company before the word, read when nothing above names one
_OFFER_BEFORE = re.compile(
    r"\b(?P<co4>[\w&.-]+(?: [\w&.-]+)?) (?:verbal |written |formal )?offer (?:in hand|came|"
    r"arrived|is in|letter)"
)
# Words that say the user has an offer, with or without the word "offer".
_OFFER_ANY = re.compile(
    r"\boffers?\b|\boffered\b|\b(?:got|landed|accepted|won) (?:the|a) (?:job|role|position)\b|"
    r"\bwants? to hire me\b"
)
_DEADLINE = re.compile(
    r"\b(?:by|before|until|till|within|in (?=\d|a |an |one |two |three |a couple|a few)|"
    r"deadline(?: is)?|expires?(?: on)?|expiring(?: on)?|valid (?:until|till|through)|due|"
    r"need (?:an? )?(?:answer|"
    r"decision|response|reply) by|answer by|respond by|decide by|reply by|let them know by|"
    r"get back to them by)\b"
)
_NEWS_OTHER = re.compile(
    r"\b(?:promot\w+|relocat\w+|moving (?:back )?to|got promoted|new certification|published|"
    r"counter ?offer|verbal offer|written offer)\b"
)

_PROMISE = re.compile(
    r"\b(?:get(?:ting)? back|hear(?:ing)? back|hear from|let (?:me|us) know|"
    r"(?:make|made|have|reach|take) a (?:final )?decision|decid\w*|decision|respond|"
    r"come back|revert|update me|reply|answer|in touch|news|feedback|results?|timeline|"
    r"next steps?|said|says|told|promised|mentioned|expect\w*|should (?:know|hear)|within|"
    r"by)\b"
)
_SAID_BY = re.compile(
    r"(?P<who>\b[\w.'-]+(?: [\w.'-]+)?) (?:said|says|told me|told us|mentioned|promised|"
    r"will|would|is going to|was going to|should|gonna|expects?|thinks?)\b|"
    r"(?P<who2>\b[\w.'-]+)(?:d|ll) (?:get back|let|decide|reply|call|be in touch)\b"
)

_VIBES: tuple[tuple[Vibe, re.Pattern[str]], ...] = (
    (
        Vibe.CHILLY,
        re.compile(
            r"\b(?:cold|chilly|frosty|icy|awkward|weird|rude|dismissive|bored|uninterested|"
            r"disinterested|rushed|badly|terribl[ey]|horribl[ey]|awful|bombed|disaster|"
            r"(?:didnt|did not) go (?:well|great|good)|not (?:great|good|well)|rough|tense|"
            r"flat|off|blew it|messed up|hostile|stiff|curt|unfriendly|cut (?:it|me) short|"
            r"barely (?:smiled|looked|talked))\b"
        ),
    ),
    (
        Vibe.NEUTRAL,
        re.compile(
            r"\b(?:ok|okay|alright|fine|so so|meh|average|mixed|not sure how it went|"
            r"hard to (?:say|tell|read)|cant tell|neutral|decent|normal|standard|"
            r"nothing special|not bad|could have been better)\b"
        ),
    ),
    (
        Vibe.WARM,
        re.compile(
            r"\b(?:great|amazing|awesome|brilliant|fantastic|excellent|wonderful|really well|"
            r"so well|very well|went well|good|nailed it|aced it|loved|clicked|warm|friendly|"
            r"positive|good vibes?|felt good|went smoothly|smooth|hit it off|they liked me|"
            r"went swimmingly|promising|enthusiastic|impressed)\b"
        ),
    ),
)
_VIBE_CUE = re.compile(
    r"\b(?:went|go|goes|was|were|felt|feel|feels|seemed|vibe|vibes|it was|very|so|really|"
    r"pretty|quite|super|bit|kinda|kind of|interview)\b"
)

_CONTACT_ACT = re.compile(
    r"\b(?P<verb>emailed|e mailed|mailed|called|rang|phoned|texted|messaged|dmed|dmd|dm d|"
    r"whatsapped|pinged|wrote (?:to)?|followed up|reached out|contacted|chased|nudged|"
    r"left (?:a |an |her a |him a |them a )?(?:voicemail|vm|message)|"
    r"sent (?:a |an |another |one more |my |the |them |her |him )?(?:\w+ ){0,2}?"
    r"(?:email|emails|mail|message|note|follow up|text|dm|inmail|linkedin message)|"
    r"(?:went|dropped by|stopped by|popped in|showed up|turned up)(?: to| at| by| in)? "
    r"(?:the |their |her |his )?(?:\w+ )?(?:office|building|there)|"
    r"tried (?:calling|to call|phoning)|gave (?:\w+ ){1,2}a (?:call|ring|buzz|bell)|"
    r"whatsappd|whatsapped|sent (?:\w+ )?(?:a )?(?:mail|email|message|note|text|dm))"
)
_OPENING_ACT = re.compile(
    r"^(?:(?:i|ive|i have|have|just|so i|also i|and i|then i|yesterday i|today i|ok i|update i)"
    r" )?(?:" + _CONTACT_ACT.pattern.removeprefix(r"\b") + r")"
)
_AGAIN = re.compile(
    r"\b(?:and )?(?:then )?(?:again|once more|one more time|another one|a second time|"
    r"followed up again)\b"
)
_TIMES = re.compile(
    r"\b(?P<n>twice|two times|2 times|2x|three times|3 times|3x|thrice|four times|4 times|"
    r"(?:two|2|three|3|four|4) (?:emails|mails|messages|calls|voicemails|texts|follow ups|times))\b"
)
_TIMES_VALUE = {"twice": 2, "thrice": 3}


def _times_value(word: str) -> int:
    if word in _TIMES_VALUE:
        return _TIMES_VALUE[word]
    head = word.split()[0].rstrip("x")
    return {"two": 2, "three": 3, "four": 4}.get(head, int(head) if head.isdigit() else 2)


_NEGATED = re.compile(
    r"\b(?:not|havent|hasnt|didnt|never|dont|wont|no|yet to|should i|can i|could i|shall i|"
    r"would it|is it ok to|do i|will i)\b(?: \w+){0,2} ?$"
)

_NEW_WORDS = re.compile(
    r"\b(?:interview|intervew|interveiw|inteview|interviewed|onsite|on site|screen|screening|"
    r"round|panel|call with)\b"
)

_ROLE_PHRASE = re.compile(
    r"\b(?:for (?:the |a |an |their |my )?|as (?:a |an |the )?|position of |role of |"
    r"applied for (?:the |a |an )?)(?P<role>[\w&/+#-]+(?: [\w&/+#-]+){0,4}?)"
    r"(?: (?:role|position|job|opening|post|spot|opportunity|gig|vacancy))?"
    r"(?=$|[,.;!?]| (?:role|position|job|opening|post|spot|vacancy|at|with|in|on|today|"
    r"yesterday|this|last|and|but|interview|went|it|they|the|hiring|recruiter|hr|met|"
    r"said|just|earlier|team|over|via|from|who|which|she|he|i)\b)"
)
_ROLE_BEFORE = re.compile(
    r"\b(?:the |a |an |my )?(?P<role>[\w&/+#-]+(?: [\w&/+#-]+){0,3}) (?:role|position|job|"
    r"opening|vacancy)\b(?! (?:of|is|was))"
)
_ROLE_STOP = _words(
    """
    me us them it that this interview job role position you him her a an the my our their
    which whom what who
    """
)
_COMPANY_AFTER = re.compile(
    r"(?:\b(?:at|with|from)|@|\binterview(?:ed)? (?:at|with)|\bintervew (?:at|with))"
    r" (?P<co>[\w&.'-]+(?: [\w&.'-]+){0,3})"
)
_COMPANY_STOP = _words(
    """
    a an the my our their his her them him it this that me you us today tomorrow yesterday
    tonight morning afternoon evening noon lunch work home night last next and for on in at
    with from of to by about around after before recruiter recruiters hr hiring manager
    interviewer interviewers panel team company they she he i we someone somebody people
    office phone video zoom teams screen round interview interviews final second first but so
    because which who when where was is went well then now just hour senior junior lead role
    position job a few couple some all any each every both other another hours minutes
    days weeks monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri
    sat sun jan feb mar apr jun jul aug sep sept oct nov dec january february march april
    may june july august september october november december again an hour feedback them
    offer real news reply update decision answer response help you
    """
)


# --- the reader ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Text:
    raw: str  # as typed, bounded
    plain: str  # lower case, apostrophes dropped, e-mails masked
    norm: str  # the timeline reader's view (numbers as digits, typos mended)
    match: IntentMatch


def understand(
    text: str,
    *,
    now: datetime,
    cal: BusinessCalendar,
    known: Known | None = None,
) -> Frame:
    """The frame of one message (see the module docstring). Never raises."""
    known = known or Known()
    try:
        return _understand(text or "", now=now, cal=cal, known=known)
    except Exception:  # user text must never break a turn
        return Frame(FrameIntent.UNKNOWN)


def _understand(text: str, *, now: datetime, cal: BusinessCalendar, known: Known) -> Frame:
    raw = text[:MAX_CHARS].strip()
    if not raw:
        return Frame(FrameIntent.UNKNOWN)
    language = detect_language(raw)
    if language != "en":
        return Frame(FrameIntent.UNKNOWN, language=language)
    local_now = cal.localize(now)
    t = _Text(raw, _plain(raw), normalize(raw), recognise(raw))
    intent = _intent(t, known)
    frame = Frame(intent)
    if intent in (FrameIntent.THANKS, FrameIntent.UNDO, FrameIntent.CANCEL, FrameIntent.HELP):
        return frame
    company = _company(t, known, intent)
    frame = replace(frame, company=company)
    if intent is not FrameIntent.TONE:
        frame = replace(frame, people=_people(t, known))
    if intent is FrameIntent.NEW_INTERVIEW:
        return _new_interview(t, frame, local_now, cal, known)
    if intent is FrameIntent.LOG_ATTEMPT:
        attempts = _attempts(t, local_now.date(), known)
        return replace(frame, attempts=attempts, people=_with_targets(frame.people, attempts))
    if intent is FrameIntent.REPLY:
        return replace(frame, reply=ReplyFact(_new_date(t, now, cal)))
    if intent is FrameIntent.OUTCOME:
        outcome = _own_outcome(t.plain)
        if t.match.outcome not in (None, Outcome.NONE) and not (
            _OWN_NO.search(t.plain) or _OWN_CLOSED.search(t.plain)
        ):
            outcome = t.match.outcome
        frame = replace(frame, outcome=outcome)
        return _accepted(t, frame, known, None)
    if intent is FrameIntent.REAL_NEWS:
        offer = _other_offer(t, now, cal, known, own=company)
        return _accepted(t, replace(frame, other_offer=offer), known, offer)
    if intent is FrameIntent.SETTINGS:
        return replace(frame, nudge_hour=_hour_setting(t.plain))
    if intent in (FrameIntent.SHOULD_I, FrameIntent.DRAFT):
        channel, to = _contact(t, known, intent)
        if intent is FrameIntent.SHOULD_I:
            told = _attempts_told_before(t, local_now.date(), known, channel)
            return replace(frame, channel=channel, to=to, attempts=told)
        kind = _draft_kind(t, known, to)
        offer = _other_offer(t, now, cal, known, own=company) if _is_other_news(t, known) else None
        return replace(frame, channel=channel, to=to, draft_kind=kind, other_offer=offer)
    if intent in (FrameIntent.STATUS, FrameIntent.CALENDAR, FrameIntent.FEELING):
        return frame
    if intent is FrameIntent.UNKNOWN:
        return replace(frame, vibe=_vibe(t.plain))
    return frame


_ACCEPTED = re.compile(
    r"\b(?:i|ive|i have|and|just|already|finally) (?:just |already |finally )?(?:accepted|"
    r"took|signed|said yes)\b"
)
_ACCEPTED_AT = re.compile(
    r"\b(?:accepted|took|signed|said yes to) (?:an? |the |their )?(?:offer|job|role|position)"
    r" (?:at|with|from) (?P<co>[\w&.'-]+(?: [\w&.'-]+){0,3})"
)


def _accepted(t: _Text, frame: Frame, known: Known, offer: OtherOffer | None) -> Frame:
    """An offer the user accepted: from an employer they told us about, that interview's
    outcome is an offer (and the others can be withdrawn from); from another, they are
    withdrawing from the one they asked about. Never "news to share" with the others."""
    if not _ACCEPTED.search(t.plain):
        return frame
    taken: str | None = offer.company if offer is not None else None
    at = _ACCEPTED_AT.search(_APOS.sub("", t.raw))
    if at is not None:
        taken = _clean_company(at.group("co")) or taken
    if taken is None and offer is None:
        return frame
    stored = _stored_companies_in(taken, known) if taken else []
    if stored:
        return replace(
            frame,
            intent=FrameIntent.OUTCOME,
            company=stored[0],
            outcome=Outcome.OFFER,
            other_offer=None,
        )
    own = frame.company
    if own and taken and own.casefold() == taken.casefold():
        own = None
    return replace(
        frame, intent=FrameIntent.OUTCOME, company=own, outcome=Outcome.WITHDREW, other_offer=None
    )


_DAYS_SINCE_LAST = re.compile(
    r"\b(?P<n>\d{1,2}|a few|a couple of|couple|two|three|four|five|six|a) (?P<unit>days?|weeks?)"
    r" (?:since|from) (?:my|the|our) (?:last|previous|first) (?P<what>one|email|e-mail|mail|"
    r"call|message|follow ?up|check ?in|try|attempt|note)\b"
)
_SMALL_NUMBERS = {"a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _attempts_told_before(
    t: _Text, today: date, known: Known, channel: Channel | None
) -> tuple[AttemptFact, ...]:
    """Follow-ups a "should I" question reports on the way ("i emailed sarah on friday, can
    i call her today?", "its been 3 days since my last one"): they count before deciding."""
    since = _DAYS_SINCE_LAST.search(t.plain)
    if since is not None:
        word = since.group("n")
        n = int(word) if word.isdigit() else _SMALL_NUMBERS.get(word, _COUNTS.get(word, 2))
        days = n * 7 if since.group("unit").startswith("week") else n
        what = since.group("what")
        said = Channel.PHONE if what == "call" else Channel.EMAIL if "mail" in what else None
        return (
            AttemptFact(today - timedelta(days=min(days, 365)), said or channel or Channel.EMAIL),
        )
    lead = _QUESTION_LEAD.search(t.raw.casefold())
    if lead is None or lead.start() < 8:
        return ()
    before = t.raw[: lead.start()].rstrip(" ,;.-")
    clause = _Text(before, _plain(before), normalize(before), recognise(before))
    if re.search(r"\bthank|\bthx\b|\bty note\b", clause.plain):
        return ()  # a thank-you note is no follow-up: it holds no next one back
    if not re.search(
        r"\b(?:emailed|e-mailed|mailed|called|phoned|rang|texted|messaged|wrote|"
        r"sent|followed up|reached out|pinged|contacted)\b",
        clause.plain,
    ):
        return ()
    # One undated ("i emailed her, should i call?") is not logged as today's: that would
    # hold the next one back. Several ("i emailed her twice and called once") are logged as
    # the same words are without the question: the count is what the answer turns on.
    told = _attempts(clause, today, known)
    if len(told) >= 2:
        return told
    return tuple(a for a in told if a.on is not None)


# --- intent ------------------------------------------------------------------------------

_BASE: dict[Intent, FrameIntent] = {
    Intent.NEW_INTERVIEW: FrameIntent.NEW_INTERVIEW,
    Intent.LOG_ATTEMPT: FrameIntent.LOG_ATTEMPT,
    Intent.REPLY: FrameIntent.REPLY,
    Intent.SHOULD_I: FrameIntent.SHOULD_I,
    Intent.DRAFT: FrameIntent.DRAFT,
    Intent.TONE: FrameIntent.TONE,
    Intent.WHY: FrameIntent.FEELING,
    Intent.CALM: FrameIntent.FEELING,
    Intent.HELP: FrameIntent.HELP,
    Intent.LIST: FrameIntent.LIST,
    Intent.STATUS: FrameIntent.STATUS,
    Intent.EXPORT: FrameIntent.EXPORT,
    Intent.DELETE: FrameIntent.DELETE,
    Intent.CALENDAR: FrameIntent.CALENDAR,
    Intent.SETTINGS: FrameIntent.SETTINGS,
    Intent.TIMEZONE: FrameIntent.SETTINGS,
    Intent.START: FrameIntent.HELP,
    Intent.CANCEL: FrameIntent.CANCEL,
    Intent.UNKNOWN: FrameIntent.UNKNOWN,
}


def frame_intent(intent: Intent) -> FrameIntent:
    """The frame intent an intent of the keyword reader stands for."""
    return _BASE.get(intent, FrameIntent.UNKNOWN)


_FEELING_ONLY = re.compile(r"^[\W\d_]*$")  # emoji and punctuation only
_SAD_EMOJI = re.compile(
    "[\U0001f622\U0001f62d\U0001f61e\U0001f614\U0001f625\U0001f630\U0001f631"
    "\U0001f628\U0001f629\U0001f62b\U0001f97a\U0001f494\U0001f613\U0001f61f"
    "\U0001f641\u2639\U0001f616\U0001f623]"
)
_QUESTION_LEAD = re.compile(
    r"\b(?:should i|can i|could i|shall i|is it ok(?:ay)? (?:to|if i)|would it be ok|"
    r"do i|is it too (?:early|soon|late)|when (?:should|can|do) i|how long should i|"
    r"is now a good time|am i allowed to|would it be (?:rude|weird|pushy))\b"
)
_CONTACT_Q = re.compile(
    r"\b(?:emailed|called|texted|messaged|followed up|reached out|contacted|email|mail|call|"
    r"ring|phone|text|message|follow up|check in|reach out|contact|"
    r"ping|nudge|chase|write|tell|let \w+ know|inform|mention|bring (?:it|this) up|use (?:it|"
    r"this|that)|push)\b"
)


_PROMISED_REPLY = re.compile(
    r"\b(?:theyd|theyll|they will|they would|shed|shell|she will|she would|hed|hell|he will|"
    r"he would|will|would|should|going to|gonna|to|promised to|said (?:they|she|he)(?:d|ll)?)"
    r"(?: \w+){0,2} (?:get back|reply|respond|revert|come back|be in touch|let me know|hear)\b"
)
_NEW_STRONG = re.compile(
    r"\b(?:just (?:had|finished|did|got out of|came out of)|had (?:my|an|a|the|our|\d)|"
    r"(?:interviews?|interviewed|round|onsite|screen|screening|panel|call) (?:at|with|for|@)|"
    r"(?:today|yesterdays?|todays) interview|had (?:another|one) (?:one )?(?:at|with)|"
    r"interview (?:was|is) (?:\d|an?|on|at|this|yesterday|today)|interview scheduled|"
    r"interview (?:this|next) (?:morning|arvo|afternoon|evening|week)|had another one|"
    r"(?:interview|round|onsite|screen) (?:today|yesterday|tomorrow|tmrw|this morning|"
    r"this afternoon|went|done|over|finished|on \w+day)|"
    r"(?:round|interview|onsite|screen) (?:\w+ ){0,3}(?:done|over|finished)|"
    r"\w+ interview (?:done|over|today|yesterday))\b"
)
_NAME_REPLIED = re.compile(
    r"\b(?P<name>[^\W\d_][\w'-]*) (?:(?:finally|just|has|already|actually|did) )?"
    r"(?:replied|responded|answered|wrote back|got back to me|emailed me|called me|"
    r"called me back|rang me|texted me|messaged me|reached out|got in touch|"
    r"(?:called|emailed|rang|texted|messaged|wrote)(?= (?:yesterday|today|this morning|this "
    r"afternoon|last night|earlier|on \w+day|and|saying)\b|[,.!]|$))"
)
_OWN_NEWS_PAST = re.compile(
    r"\b(?:replied|responded|answered|wrote back|got back to me|heard back|emailed me|"
    r"called me|rang me|texted me|reached out|got in touch)\b"
)


def _intent(t: _Text, known: Known) -> FrameIntent:
    intent = _intent_by_rules(t, known)
    if intent is FrameIntent.UNKNOWN and len(t.plain) <= 600:
        fallback = guess(t.plain, t.raw, normalise=_plain)
        if fallback is not None:
            intent = FrameIntent(fallback.intent)
    if (
        intent
        in (
            FrameIntent.LOG_ATTEMPT,
            FrameIntent.SHOULD_I,
            FrameIntent.UNKNOWN,
        )
        and _ASKS_HISTORY.search(t.plain)
        and not _JUDGEMENT.search(t.plain)
    ):
        return FrameIntent.STATUS  # a question about what was sent logs nothing
    if intent is FrameIntent.OUTCOME and not _is_own_outcome(t):
        # A paused role, or someone else's offer, closes nothing: an answer from the
        # employer still counts as their reply (G3); someone else's news or a rumour is
        # how the user feels about their own wait.
        if _THIRD_PARTY.search(t.plain):
            return FrameIntent.FEELING
        return FrameIntent.REPLY if _employer_spoke(t.plain) else FrameIntent.UNKNOWN
    if intent is FrameIntent.LOG_ATTEMPT and _WITHDRAWING.search(t.plain):
        return FrameIntent.OUTCOME  # "emailed oliver to withdraw my application": withdrew
    if (
        intent is FrameIntent.NEW_INTERVIEW
        and _THEY_GOT_IN_TOUCH.search(t.plain)
        and not _INTERVIEW_HAD.search(t.plain)
        and (_stored_companies_in(t.raw, known) or _interviews_of_people_named(t, known))
    ):
        # "lea from celonis emailed!! they want one more round": their answer, not a new
        # interview told
        return FrameIntent.REPLY
    return intent


def _intent_by_rules(t: _Text, known: Known) -> FrameIntent:
    intent = _intent_base(t, known)
    plain = t.plain
    if (
        intent is FrameIntent.REPLY
        and _NEW_STRONG.search(plain)
        and _PROMISED_REPLY.search(plain)
        and not re.search(r"\b(?:finally|just) (?:replied|responded|got back|heard)", plain)
    ):
        return FrameIntent.NEW_INTERVIEW
    if (
        intent in (FrameIntent.UNKNOWN, FrameIntent.SETTINGS, FrameIntent.HELP)
        and _hour_setting(plain) is None
        and _NEW_STRONG.search(plain)
        and not _QUESTION_LEAD.search(plain)
        and not re.search(r"\b(?:how|what|when|why|where)\b[^.!]*\?", plain)
    ):
        return FrameIntent.NEW_INTERVIEW
    if intent is FrameIntent.UNKNOWN and known.interviews and _WHAT_ABOUT.fullmatch(plain):
        return FrameIntent.SHOULD_I  # "what about the recruiter?" after a verdict
    if (
        intent in (FrameIntent.UNKNOWN, FrameIntent.FEELING)
        and (_NEW_STRONG.search(plain) or _MET_AT.search(plain))
        and _REPORT_DETAIL.search(plain)
        and not _stored_companies_in(t.raw, known)
        and not _QUESTION_LEAD.search(plain)
        and not re.search(r"\b(?:how|what|when|why|where)\b[^.!]*\?", plain)
    ):
        # "im so nervous lol. interview at acme this morning for the pm job, recruiter said
        # next week": the feeling is real, and so is the report it comes with
        return FrameIntent.NEW_INTERVIEW
    if (
        intent in (FrameIntent.UNKNOWN, FrameIntent.FEELING)
        and known.interviews
        and (_THEY_NEED_MORE.search(plain) or _MOVED_ON.search(plain))
        and not _NEGATED.search(plain)
    ):
        # "they said they need another week", "got shortlisted for the final round": their
        # answer (with a new date, or a next round)
        return FrameIntent.REPLY
    if intent in (FrameIntent.UNKNOWN, FrameIntent.FEELING, FrameIntent.LOG_ATTEMPT):
        m = _NAME_REPLIED.search(plain)
        if m and _is_name_word(m.group("name")) and not _NEGATED.search(plain[: m.start()]):
            return FrameIntent.REPLY
    return intent


_WHAT_ABOUT = re.compile(
    r"(?:ok(?:ay)?,? |and |so |hmm,? )?(?:what|how) about (?:the |my |her |his |their )?"
    r"(?:recruiter|hr|hiring manager|manager|hm|interviewer|[a-z]+|(?:calling|emailing|"
    r"texting|phoning|ringing) (?:them|her|him|the \w+|[a-z]+))(?: instead| then| now)?\s*[?.!]*"
)
_MET_AT = re.compile(
    r"\b(?:met|meeting|talked|spoke|chatted|interviewd|intervewed|interviewed|interveiwed)"
    r"(?: with| to)?(?: \w+){0,3} (?:at|from|@) \w+"
)
_REPORT_DETAIL = re.compile(
    r"\b(?:today|tday|todays|yesterday|yday|this (?:morning|afternoon|evening)|last night|"
    r"(?:on |last )?(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d+ days? ago|"
    r"(?:they|she|he|recruiter|hr|manager)(?: \w+)? (?:said|told|will|would|should)|said (?:by|in|"
    r"within|next|\d)|for (?:the|a|an) (?:\w+ ){0,3}(?:role|job|position))\b"
)
_THEY_NEED_MORE = re.compile(
    r"\b(?:they|she|he|recruiter|hr|team|manager|hm|company)\b[^.!?]{0,30}\b(?:need|needs|"
    r"want|wants|asked for|asks for)\b (?:\w+ ){0,2}(?:another|more|extra|a few more|a couple "
    r"(?:of )?more|\d+ more|two more|three more) (?:week|weeks|days?)\b"
)
_MOVED_ON = re.compile(
    r"\b(?:got |been |was |were |im |i am )?shortlisted\b|\b(?:made it|going|got|am|im|"
    r"moved|moving|through) (?:through )?(?:on )?to the (?:next|second|third|final|last) "
    r"(?:round|stage)\b|\binvited (?:me )?(?:back|(?:to|for) (?:a|an|the) (?:next|second|"
    r"third|final|last|another) (?:round|interview|stage))\b"
)
_NOT_A_DRAFT = re.compile(r"\b(?:resume|cv|cover letter|portfolio)\b")
_EXPLICIT_DRAFT = re.compile(
    r"\b(?:draft|write|compose|prepare|word|help me (?:write|word|ask|draft|reply|respond|"
    r"withdraw|say)|can you (?:write|draft)|template)\b"
)
_TONE_ASK_MORE = re.compile(
    r"\b(?:rate|review|check|proofread|read|look at|how does) (?:my|this|the) "
    r"(?:message|email|note|draft|text|reply)\b|^(?:rate|review|check) (?:this|my)\b|"
    r"\b(?:does|would) (?:my|this|it|the) (?:message|email|note|draft|text|reply )?(?:sound|come "
    r"across|read|seem)\b|\b(?:too (?:casual|formal|pushy|blunt|long|short|much)|passive "
    r"aggressive|desperate|needy|rude|pushy)\b[^\n]{0,40}\?|\bis (?:it|this) (?:fine|ok|okay|good)"
    r"(?: to send)?\b"
)
_QUOTED = re.compile(r"[\"'\u201c\u2018][^\"'\u201d\u2019]{12,}[\"'\u201d\u2019]|:\s*\S[^\n]{25,}")
_FEELING_MORE = re.compile(
    r"\b(?:still waiting|keep (?:checking|refreshing)|refreshing my (?:inbox|email|phone)|"
    r"blew it|blown it|messed (?:it )?up|screwed up|impatient|not good enough|"
    r"(?:really|so) wanted (?:this|it|the job)|wanted this (?:one|job|so)|feel(?:ing)? (?:so |"
    r"really |very |kinda |a bit )?(?:rejected|down|low|sad|hopeless|lost|useless|stupid|"
    r"awful|terrible|bad|sick)|losing hope|lost hope|give up|giving up|cant stop thinking|"
    r"is it (?:over|a no)|am i (?:being )?(?:ghosted|rejected)|(?:pls|please) call|"
    r"why (?:is|are) (?:it|they) taking|no (?:news|word|reply|response|offer|answer) yet|"
    r"heard nothing|nothing yet|so quiet|silence is|(?:waiting|wait) is (?:the worst|killing|"
    r"hard|awful|torture)|waiting game|tired of (?:this|waiting|the)|takes? forever|"
    r"taking forever|(?:is )?silence a (?:bad|good) sign|cried|crying|spiral\w*|hopes up|"
    r"lose hope|losing hope|doing my head in|everyone else is getting|such an idiot|"
    r"(?:no|still no) (?:reply|response|answer|word|news) (?:still|yet)|still nothing|"
    r"(?:so|really|very) (?:stressed|anxious|nervous|worried|scared|down|sad|frustrated)|"
    r"cant (?:sleep|eat|focus|concentrate)|what if (?:they|i)|overthinking|freaking out)\b"
)
_LIST_MORE = re.compile(
    r"\b(?:everything|all) (?:i am|im) waiting (?:on|for)|which (?:companies|jobs|interviews|"
    r"roles) (?:am i|are|do i)|what (?:am i|im) waiting (?:on|for)|my (?:open )?(?:applications|"
    r"processes)\b"
)
_STATUS_MORE = re.compile(
    r"\bwhere (?:am i|are we|do i stand|things stand) (?:with|on|at)\b|\bhow many days since\b|"
    r"\bhow long (?:has it been|"
    r"since)|\bwhats the (?:status|plan|latest) (?:with|on|for)\b|\bwhat(?:s| is) next (?:with|"
    r"for)\b|\bany (?:news|update) (?:on|with|from) my\b"
)
_REMINDERS_MORE = re.compile(
    r"\bwhat (?:are|will) you (?:going to )?(?:remind|nudge|ping) me\b|\bwhen is my next "
    r"(?:reminder|nudge)\b"
)
_CANCEL_MORE = re.compile(
    r"^(?:stop|no|ok|okay|wait|actually)?[ ,.!]*(?:stop|no)?[ ,.!]*(?:never ?mind|nvm|cancel|"
    r"forget it|dont bother|do not bother|i changed my mind|changed my mind|leave it)\b"
)
_UNDO_MORE = re.compile(
    r"\bundo\b(?:[ ,.!]*(?:that|it|this|please|pls|the last (?:one|thing)))?[ ,.!]*$|"
    r"\b(?:take (?:it|that) back|scratch that|ctrl z)\b|"
    r"^(?:oops|whoops|oh no|my bad|sorry|wait)?[ ,.!]*(?:wrong (?:one|interview|company|button)|"
    r"go back|revert(?: (?:it|that))?|ctrl z|scratch that|"
    r"remove what you (?:just )?(?:saved|logged|added)|(?:delete|remove) (?:that|the) last "
    r"(?:one|entry|thing))\b"
)
_EXPORT_MORE = re.compile(
    r"\b(?:csv|spreadsheet|json|download|a copy of (?:my|all)|copy of (?:my )?data|"
    r"export)\b"
)
_DELETE_MORE = re.compile(
    r"\b(?:remove|delete|erase|wipe|forget) (?:everything|all)(?: (?:you have|you know|"
    r"you store|you stored))?(?: (?:about|on|of) me)?\b|\bdelete my account\b"
)
_OWN_NO = re.compile(
    r"\b(?:said no(?= *$|[.!,;:)]| to me| sadly| unfortunately| thanks| in the end)|"
    r"turned me down|not (?:moving|going) (?:forward|ahead) with me|"
    r"(?:moving|move|moved|going|go|went) (?:forward|ahead|on) with (?:other|another|"
    r"different|a different|someone|somebody) ?(?:\w+)?|"
    r"(?:rejected|rejection|declined) (?:me|my application)|went with (?:someone|another "
    r"candidate)|(?<!even if )its a no|got a no)\b"
)
_OWN_CLOSED = re.compile(
    r"\b(?:cancelled|canceled|closed|scrapped|pulled|froze|frozen)"
    r"\b[^.!?]{0,30}\b(?:position|role|job|opening|hiring|req)\b|\b(?:position|role|job|opening|"
    r"hiring|req)\b[^.!?]{0,20}\b(?:cancelled|canceled|closed|scrapped|frozen)\b"
)
_ASKS_HISTORY = re.compile(
    r"^(?:\w+ )?(?:how (?:many|much|long)(?: \w+){0,3} (?:since|ago|did i|have i|has it)|"
    r"when (?:did|was|have) i(?: last)?|(?:did|have) i (?:already |ever |actually |even )?"
    r"(?:email|mail|call|phone|text|message|ping|contact|follow|reach|write|sen[dt]|thank|"
    r"emailed|called|followed|reached|written|sent|thanked|messaged|texted|contacted)|"
    r"what (?:day|date) did i|how often (?:did|have) i)\b"
)
_NOT_FINAL_YET = re.compile(
    r"\b(?:no|not|nothing|none|havent|hasnt|didnt)\b(?: \w+){0,5} (?:yet|so far|for now)\b|"
    r"\bwaiting (?:on|for)\b|\bpending\b|\bstill (?:deciding|interviewing|reviewing|"
    r"discussing|waiting)\b|\bno (?:decision|update|news|word|answer|response|feedback)\b"
)
_FINAL_NO = re.compile(
    r"\b(?:rejected|unfortunately|regret|went with|chose|filled|declined|turned me down|"
    r"not selected|unsuccessful|other candidates?|someone else|no longer)\b"
)
_WITHDRAWING = re.compile(
    r"\b(?:to |and )?(?:withdr[ae]w(?:ing|n)?|pull(?:ed|ing)? out)\b(?: \w+){0,4}? "
    r"(?:application|candidacy|from|of the process)"
)
_THEY_GOT_IN_TOUCH = re.compile(
    r"\b(?:emailed|(?<!is )(?<!was )(?<!be )called|texted|messaged|replied|responded|wrote|"
    r"got back|reached out|rang)"
    r"(?: me| back)?\b(?! (?:them|him|her|the|to them))|\bheard (?:back )?from\b"
)
_INTERVIEW_HAD = re.compile(
    r"\b(?:had|did|finished|done with|just had|completed|attended|went to) (?:my |the |a |an "
    r"|another |second |third |final )*(?:interview|round|screen|call|onsite|panel)\b|"
    r"\b(?:interview|round|screen|onsite|panel)\b(?: \w+){0,3} (?:done|finished|over|went)\b"
)
_JUDGEMENT = re.compile(r"\btoo (?:early|soon|late|much|often|pushy|many)\b|\bwrong\b|\bmistake\b")
_PAUSED = re.compile(r"\bon hold\b|\bpaused?\b|\bpausing\b|\bfroze(?:n)?\b|\bfreeze\b|\bon ice\b")
_GONE_FOR_GOOD = re.compile(
    r"\b(?:closed|filled|cancell?ed|cut|eliminated|pulled|withdrawn|removed|scrapped|"
    r"no longer hiring|not hiring anymore|for good|permanently)\b"
)
_THIRD_PARTY = re.compile(
    r"\b(?:my (?:\w+ )?(?:friends?|colleagues?|coworkers?|co-workers?|roommates?|flatmates?|"
    r"brothers?|sisters?|partner|wife|husband|cousins?|classmates?|batchmates?|buddy|mates?|"
    r"senpai|mentor|senior|junior|ex|boss|neighbou?r|dad|mum|mom|uncle|aunt)|a friend|"
    r"someone|somebody|another candidate|other candidates?|everyone (?:on|in|at) my|"
    r"(?:he|she) (?:just )?(?:got|received|has|had|landed))\b(?: \w+){0,8}? "
    r"(?:got|gets|received|has|had|landed|was given|offers?|rejected|turned down)|"
    r"\b(?:friend|someone|somebody|people|a guy|glassdoor|reddit|blind|linkedin|rumou?rs?)\b"
    r"(?: \w+){0,4}? (?:said|says|say|told|heard|posted|reckons?|claims?)\b|"
    r"\b(?:rejecting|rejected|ghosting|ghosted) (?:everyone|everybody|all)\b"
)
_EMPLOYER_SPOKE = re.compile(
    r"\b(?:said|says|told|wrote|emailed|called|replied|responded|answered|mentioned|"
    r"informed|let me know|got back|heard back|reverted|update[ds]?)\b"
)


def _is_own_outcome(t: _Text) -> bool:
    """An outcome the frame may record for the interview's own company: not a pause (the
    role on hold or frozen, with no word that it is gone for good), not someone else's."""
    plain = t.plain
    if _NOT_FINAL_YET.search(plain) and not _FINAL_NO.search(plain):
        return False  # "no decision yet", "not moving forward yet, waiting on budget"
    if _THIRD_PARTY.search(plain) and not re.search(
        r"\bi (?:also |just |too |finally )?(?:got|received|have|landed|was given)\b|"
        r"\b(?:rejected|turned down|declined) me\b",
        plain,
    ):
        return False  # someone else's offer or rejection, or a rumour
    if _OWN_NO.search(plain):
        return True
    paused = _PAUSED.search(plain) and not _GONE_FOR_GOOD.search(plain)
    return not (paused and _own_outcome(plain) is Outcome.CLOSED)


def _employer_spoke(plain: str) -> bool:
    return bool(_EMPLOYER_SPOKE.search(plain) or _REPLY_MORE.search(plain))


_FEELING_GUARD = re.compile(
    r"\bfeel(?:s|ing)? (?:so |really |very |kinda |a bit )?rejected\b|"
    r"\b(?:havent|hasnt|didnt|not) (?:said|told|rejected|heard)\b"
)
_REPLIED_ON = re.compile(
    r"\b(?:emailed|e-mailed|mailed|called|rang|phoned|texted|messaged|wrote|replied|responded|"
    r"answered|got back to me|reached out|got in touch)(?: me)?(?: back)? (?P<day>(?:on |last |"
    r"this past )?(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|\d+ days ago)\b"
)
_REPLY_MORE = re.compile(
    r"\b(?:reverted|revert(?:ed)? back)\b|"
    r"\b(?:got|received|had) (?:an? |their )?(?:email|mail|call|message|reply|response|answer|"
    r"text) back\b|\b(?:emailed|wrote|called|messaged|texted) (?:me )?back\b|"
    r"\b(?:answered|replied|responded|got back)(?: to me)?(?: (?:finally|at last))?\b"
)


def _intent_base(t: _Text, known: Known) -> FrameIntent:
    plain, base = t.plain, t.match.intent
    if base is Intent.TIMEZONE and not re.search(
        r"zone|city|moved to (?!end|next|the|this|mid|early|late)|moving to|relocat|live in|"
        r"based in|located|country|clock",
        plain,
    ):
        base = Intent.UNKNOWN  # "timeline" read as "time zone" by the typo fixer
    words = re.sub(r"[^\w\s]", " ", plain).split()
    bare = " ".join(words)
    if _FEELING_ONLY.fullmatch(t.raw):
        return FrameIntent.FEELING if _SAD_EMOJI.search(t.raw) else FrameIntent.UNKNOWN
    if base is Intent.TONE or (
        _TONE_ASK_MORE.search(plain)
        and (
            _QUOTED.search(t.raw)
            or re.search(r"\b(?:this|my) (?:message|email|draft|note|text|msg|reply)\b", plain)
        )
    ):
        return FrameIntent.TONE
    if _THANKS_ONLY.match(bare):
        return FrameIntent.THANKS
    if _UNDO.match(bare) or (len(words) <= 14 and _UNDO_MORE.search(bare)):
        return FrameIntent.UNDO
    if _CANCEL.match(bare) or (len(words) <= 8 and _CANCEL_MORE.match(bare)):
        return FrameIntent.CANCEL
    if (
        _EXPLICIT_DRAFT.search(plain)
        and not _NOT_A_DRAFT.search(plain)
        and (
            base is Intent.DRAFT
            or re.search(r"\b(?:email|note|message|letter|mail)\b", plain)
            or re.search(r"\bhelp me (?:ask|withdraw|reply|respond|say)\b", plain)
        )
    ):
        return FrameIntent.DRAFT
    if _is_other_news(t, known):
        return FrameIntent.REAL_NEWS
    if (_REMINDERS.search(plain) or _REMINDERS_MORE.search(plain)) and not _hour_setting(plain):
        return FrameIntent.REMINDERS
    if _hour_setting(plain) is not None or (
        _ZONE_SETTING.search(plain) and base in (Intent.TIMEZONE, Intent.SETTINGS)
    ):
        return FrameIntent.SETTINGS
    if re.search(r"\bexport\b", plain):
        return FrameIntent.EXPORT
    if _DELETE_MORE.search(plain) and base in (Intent.UNKNOWN, Intent.DELETE):
        return FrameIntent.DELETE
    if _EXPORT_MORE.search(plain) and base in (Intent.UNKNOWN, Intent.LIST, Intent.EXPORT):
        return FrameIntent.EXPORT
    if re.search(
        r"\b(?:google calendar|outlook|ical|ics|my cal|"
        r"(?:to|in|into|with) (?:my |the )?calendar)\b",
        plain,
    ):
        return FrameIntent.CALENDAR
    if _REMINDER_SETTING.search(plain):
        return FrameIntent.SETTINGS
    if (
        _FEELING_GUARD.search(plain)
        and not _OWN_NO.search(plain)
        and (base is Intent.REPLY or _FEELING_MORE.search(plain) or _SAD_EMOJI.search(t.raw))
    ):
        return FrameIntent.FEELING
    if _OWN_NO.search(plain) or _OWN_CLOSED.search(plain):
        return FrameIntent.OUTCOME
    if base is Intent.REPLY:
        if t.match.outcome not in (None, Outcome.NONE):
            return FrameIntent.OUTCOME
        return FrameIntent.REPLY
    if (
        re.search(r"\boffer\b", plain)
        and _stored_companies_in(t.raw, known)
        and not re.search(r"\b(?:no|not|without|yet)\b", plain)
    ):
        return FrameIntent.OUTCOME
    if (
        base in (Intent.UNKNOWN, Intent.CALM, Intent.WHY)
        and _REPLY_MORE.search(plain)
        and not (
            _NEGATED.search(plain[: _REPLY_MORE.search(plain).start()])  # type: ignore[union-attr]
        )
    ):
        return FrameIntent.REPLY
    if base is Intent.LOG_ATTEMPT and _QUESTION_LEAD.search(plain):
        return FrameIntent.SHOULD_I
    if (
        base is Intent.UNKNOWN
        and _QUESTION_LEAD.search(plain)
        and (_CONTACT_Q.search(plain) or re.search(r"\b(?:go to|visit|drop by|show up)\b", plain))
    ):
        return FrameIntent.SHOULD_I
    if (
        base is Intent.UNKNOWN
        and re.search(
            r"^(?:is it )?(?:ok|okay|fine|alright|too (?:early|soon|late)) (?:to|if i) ", bare
        )
        and _CONTACT_Q.search(plain)
    ):
        return FrameIntent.SHOULD_I
    if base is Intent.UNKNOWN and _OPENING_ACT.match(plain):
        return FrameIntent.LOG_ATTEMPT
    if base in (Intent.UNKNOWN, Intent.HELP, Intent.START) and _SAD_EMOJI.search(t.raw):
        return FrameIntent.FEELING
    if base in (Intent.UNKNOWN, Intent.HELP) and _FEELING_MORE.search(plain):
        return FrameIntent.FEELING
    if base is Intent.UNKNOWN and _LIST_MORE.search(plain):
        return FrameIntent.LIST
    if base is Intent.UNKNOWN and _STATUS_MORE.search(plain):
        return FrameIntent.STATUS
    if base is Intent.UNKNOWN and _QUESTION_LEAD.search(plain) and _CONTACT_Q.search(plain):
        return FrameIntent.SHOULD_I
    return _BASE.get(base, FrameIntent.UNKNOWN)


def _stored_companies_in(text: str, known: Known) -> list[str]:
    squeezed = re.sub(r"[^\w]", "", text.casefold())
    words = set(re.findall(r"\w+", text.casefold()))
    found = []
    for interview in known.interviews:
        if _company_mentioned(interview.company, squeezed, words):
            found.append(interview.company)
    return list(dict.fromkeys(found))


def _company_mentioned(company: str, squeezed: str, words: set[str]) -> bool:
    name = company.casefold()
    whole = re.sub(r"[^\w]", "", name)
    if len(whole) >= 3 and whole in squeezed:
        return True
    head = re.findall(r"\w+", name)
    if not head:
        return False
    first = head[0]
    if len(first) >= 4 and first not in _COMPANY_STOP and first in words:
        return True
    # one typo in a long single-word name ("razorpy", "rakutan")
    if len(first) >= 6:
        return any(
            len(w) >= 5 and abs(len(w) - len(first)) <= 1 and _close(w, first) for w in words
        )
    return False


def _close(a: str, b: str) -> bool:
    return SequenceMatcher(None, a, b).ratio() >= 0.85


def _is_other_news(t: _Text, known: Known) -> bool:
    plain = t.plain
    if _OTHER_MARK.search(plain) and re.search(
        r"\b(?:wants?|needs?|expects?|asked for) (?:an? )?(?:answer|decision|response|reply)\b",
        plain,
    ):
        return True
    if not _OFFER_ANY.search(plain) and not _NEWS_OTHER.search(plain):
        return False
    if re.search(
        r"\b(?:no|not|without|havent|hasnt|didnt|dont) (?:\w+ )?(?:an? )?offers?\b", plain
    ):
        return False
    if _NEWS_OTHER.search(plain) and not _OFFER_ANY.search(plain):
        return bool(
            re.search(
                r"\b(?:tell|let \w+ know|update|inform|mention|share|need to know|changes? "
                r"anything|should (?:i|they) know|matter)\b",
                plain,
            )
        )
    if _OTHER_MARK.search(plain):
        return True
    offered_by = _offer_company(t)
    if offered_by is None or _THIRD_PARTY.search(plain):
        return False
    if not known.interviews:
        return True  # nothing is stored that this offer could be the outcome of
    offering = _stored_named(offered_by, known)
    if not offering:
        return True  # an offer from a company not stored: news from elsewhere (G9)
    # "Stripe made me an offer, should I tell Razorpay?": news for the other one, named by
    # its company or by someone met there ("wei ling hasnt said anything")
    if any(c not in offering for c in _stored_companies_in(t.raw, known)):
        return True
    return any(i.company not in offering for i in _interviews_of_people_named(t, known))


def _interviews_of_people_named(t: _Text, known: Known) -> list[KnownInterview]:
    """The stored interviews where someone the message names by first name was met."""
    words = set(re.findall(r"\w+", t.plain))
    return [
        i
        for i in known.interviews
        if any(p.name.split() and p.name.split()[0].casefold() in words for p in i.people)
    ]


def _stored_named(name: str, known: Known) -> list[str]:
    """The stored companies ``name`` names, loosely ("rakuten" names "Rakuten Group",
    "atlasian" names "Atlassian")."""
    squeezed = re.sub(r"[^\w]", "", name.casefold())
    words = set(re.findall(r"\w+", name.casefold()))
    return [
        i.company
        for i in known.interviews
        if (s := re.sub(r"[^\w]", "", i.company.casefold()))
        and (s in squeezed or squeezed in s or _company_mentioned(i.company, squeezed, words))
    ]


_NOT_OFFERERS = _words(
    """received receive got get getting have has had an a the my their his her our this that
    verbal written formal job official final first second"""
)


def _offer_company(t: _Text) -> str | None:
    raw = t.raw[:MAX_CHARS]
    for m in [*_OFFER_FROM.finditer(raw), *_OFFER_BEFORE.finditer(raw)]:
        before = "co4" in m.re.groupindex
        co = m.group("co4") if before else (m.group("co") or m.group("co2") or m.group("co3"))
        if co and before and _NOT_OFFERERS & set(co.casefold().split()):
            continue  # "received an offer letter", "the offer came in": nobody named
        if co:
            cleaned = _clean_company(co)
            if cleaned:
                return cleaned
    return None


def _clean_company(candidate: str) -> str | None:
    words: list[str] = []
    found = re.findall(r"[\w&.'-]+", candidate)
    if len(found) > 1 and found[0].casefold() == "the":
        found = found[1:]  # "the bbc"
    for index, word in enumerate(found):
        low = _APOS.sub("", word).casefold().strip(".")
        if low == "of" and _of_company(found, index):
            words.append(word)  # "bank of america", "university of toronto"
            continue
        if low in _COMPANY_STOP or low in ("they", "who", "which", "and"):
            break
        kept = word.strip("'")
        if kept.count(".") == 1 or not re.fullmatch(r"(?:\w\.){2,}", kept):
            kept = kept.strip(".")  # a full stop, not an initialism's ("j.p.")
        words.append(kept)
    return " ".join(words) or None


_OF_HEADS = _words(
    "bank university college school institute city county state department ministry museum "
    "government office board council church hospital"
)


def _of_company(words: list[str], index: int) -> bool:
    """Whether the "of" at ``index`` joins a company's name ("bank of america")."""
    if index == 0 or index + 1 >= len(words):
        return False
    after = _APOS.sub("", words[index + 1]).casefold().strip(".")
    return words[index - 1].casefold() in _OF_HEADS and after not in _COMPANY_STOP


# --- company and role ---------------------------------------------------------------------


def _company(t: _Text, known: Known, intent: FrameIntent) -> str | None:
    stored = _stored_companies_in(t.raw, known)
    if intent is FrameIntent.REAL_NEWS:
        other = _offer_company(t)
        stored = [c for c in stored if other is None or c.casefold() not in other.casefold()]
        return stored[0] if stored else None
    if stored:
        return stored[0]
    if intent is not FrameIntent.NEW_INTERVIEW and not known.interviews:
        # a company named in a question or report with nothing stored: as said
        return t.match.company
    if intent is FrameIntent.NEW_INTERVIEW:
        return _company_in_text(t)
    return t.match.company if t.match.company and not known.interviews else None


_COMPANY_BEFORE = re.compile(
    r"(?:^|\b(?:my|the|a|an|had|did|done|finished|out of|with) )(?P<co>[\w&.'-]+(?: [\w&.'-]+)?)"
    r" (?:interview|intervew|onsite|final round|phone screen|screen)\b"
)
_NOT_COMPANY_HEAD = _words(
    """
    2nd 3rd 1st first second third final phone video zoom tech technical culture hr onsite
    another next last big panel behavioral behavioural system design coding case my the
    today yesterday tomorrow job an a had have has got did done finished just i we
    good great bad awful amazing quick short long tough hard easy weird nice fun brutal rough
    decent okay ok solid positive intense casual informal formal terrible horrible lovely
    """
)


def _company_in_text(t: _Text) -> str | None:
    raw = re.sub(r"(?<!\w)w/ ?|(?<!\w)w (?=[A-Za-z])", "with ", t.raw)
    own = _company_after(raw)
    if own:
        return own
    for m in _COMPANY_BEFORE.finditer(_APOS.sub("", raw)):
        words = [w for w in m.group("co").split() if w.casefold() not in _NOT_COMPANY_HEAD]
        if words and not words[0][0].isdigit():
            return words[-1] if not any(c.isupper() for c in m.group("co")) else " ".join(words)
    if t.match.company and not t.match.company[0].isdigit():
        return t.match.company
    return None


def _company_after(raw: str) -> str | None:
    """The company after "at", "with" or "from". "At" names a place of work, "with" often a
    person: "w/ sarah at acme" is Acme, and so is "with john smith from acme"."""
    found = [
        (m, c) for m in _overlapping(_COMPANY_AFTER, _APOS.sub("", raw)) if (c := _after_one(m))
    ]
    for m, candidate in found:
        if _lead(m) in ("at", "@"):
            return candidate
    if not found:
        return None
    first, candidate = found[0]
    if _lead(first) == "with":
        rest = first.string[first.start("co") + len(candidate) :].lstrip()
        for m, other in found[1:]:
            if _lead(m) == "from" and rest.casefold().startswith("from"):
                return other  # "with john smith from deloitte"
    return candidate


def _overlapping(rx: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Every match of ``rx``, each searched from the start of the previous one's company:
    in "with sarah at acme" the "at" is found although "sarah at acme" was one candidate."""
    found: list[re.Match[str]] = []
    m = rx.search(text)
    while m is not None:
        found.append(m)
        m = rx.search(text, m.start("co"))
    return found


def _lead(m: re.Match[str]) -> str:
    """The word before the company in a match of _COMPANY_AFTER: at, with, from or @."""
    return m.string[m.start() : m.start("co")].split()[-1].casefold()


def _after_one(m: re.Match[str]) -> str | None:
    candidate = _clean_company(m.group("co"))
    if not candidate:
        return None
    first = candidate.split()[0]
    if first[0].isdigit():
        return None
    if first.casefold() in _NOT_NAMES and not first[0].isupper():
        return None
    if _lead(m) == "for" and not first[0].isupper():
        return None
    if _ROLE_RX.fullmatch(first.casefold()):
        return None
    # a lowercase company keeps one word ("at razorpay for ..."), unless the next one is
    # a company word ("commonwealth bank")
    if not any(c.isupper() for c in candidate):
        words = candidate.split()
        keep = 2 if len(words) > 1 and _second_company_word(words[1]) else 1
        if len(words) > 2 and words[1] == "of":
            keep = 3  # kept by _clean_company only after "bank", "university"...
        candidate = " ".join(words[:keep])
    return candidate


def _second_company_word(word: str) -> bool:
    """Whether a lowercase word after a company's first word belongs to its name: a company
    word ("commonwealth bank"), or any word that is no verb, role, time or filler ("goldman
    sachs", "morgan stanley")."""
    low = word.casefold()
    if _COMPANY_SUFFIX.fullmatch(low):
        return True
    return (
        len(low) > 2
        and low.isalpha()
        and low not in _COMPANY_STOP
        and low not in _NOT_NAMES
        and low not in _NOT_NAMES_MORE
        and not _ROLE_RX.fullmatch(low)
        and not re.fullmatch(_JOB_NOUN, low)
        and not low.endswith(("ed", "ing", "ly"))
        and low not in _NOT_SECOND_COMPANY_WORD
    )


_NOT_SECOND_COMPANY_WORD = _words(
    """
    done over finished mon tue tues wed thu thur thurs fri sat sun jan feb mar apr jun jul aug
    sep sept oct nov dec went was were had has have got gave said says told asked called
    emailed texted replied went seemed felt feels looks looked yday tmrw tmr tonite tonight
    again too also still already ok okay fine good great bad well lol btw fyi
    """
)


_COMPANY_SUFFIX = re.compile(
    r"bank|group|labs?|tech|technologies|systems|capital|health|media|studios?|games|"
    r"digital|software|solutions|consulting|partners|ventures|hero|libre|ai|inc|ltd|gmbh|co|"
    r"industries|corp|corporation|company|llc|plc|ag|networks|motors|pharma|pharmaceuticals|"
    r"foods|energy|insurance|logistics|analytics|robotics|dynamics|enterprises|holdings|"
    r"international|global|interactive|security|cloud|data|bio|therapeutics|services|agency|"
    r"works|airlines|airways|financial|finance|payments|brands|retail|automotive|pay"
)


_JOB_NOUN = (
    r"engineer|developer|dev|designer|analyst|scientist|architect|consultant|intern|associate|"
    r"specialist|strategist|manager|lead|director|coordinator|officer|administrator|writer|"
    r"editor|accountant|executive|representative|rep|assistant|technician|researcher|teacher|"
    r"nurse|pharmacist|programmer|sde ?\d*|swe(?: l?\d)?|sre|pm|ux|ui|qa|tester|advisor|"
    r"adviser|partner|owner|head|program|programme|graduate|trainee|fellow|apprentice"
)
_JOB_TITLE = re.compile(
    r"(?:^|[,.;:!?(]|\bfor |\bas |\brole |\bposition |\bjob )\s*(?:the |a |an )?"
    r"(?P<role>(?:[\w&/+#-]+ ){0,3}(?:" + _JOB_NOUN + r")(?: l?\d)?)(?=$|[,.;:!?)]| (?:role|"
    r"position|job|at|with|in|today|yesterday|and|but|interview|went|on|it|they|the|\W))"
)
_NOT_JOB_START = re.compile(
    r"^(?:hiring|the hiring|my|his|her|their|our|the|a|an|with|and|met|was|is|recruiter|hr)\b"
)


def _role(t: _Text, company: str | None) -> str | None:
    plain = t.plain
    found = _role_from_phrases(t, company)
    if found:
        return found
    for m in _JOB_TITLE.finditer(plain):
        role = _tidy_role(m.group("role").strip())
        if not role or _NOT_JOB_START.match(role) or re.search(r"\bhiring manager\b|^hm\b", role):
            continue
        words = role.split()
        if any(w in _COMPANY_STOP - {"senior", "junior", "lead"} for w in words[:-1]):
            continue
        if company and company.casefold() in role:
            role = role.split(company.casefold())[-1].strip()
            if not role:
                continue
        return _cased_like(t.raw, role)
    return None


def _role_from_phrases(t: _Text, company: str | None) -> str | None:
    plain = t.plain
    for rx in (_ROLE_BEFORE, _ROLE_PHRASE):
        for m in rx.finditer(plain):
            role = m.group("role").strip(" .,")
            words = role.split()
            while words and words[0] in ("the", "a", "an", "my", "their"):
                words = words[1:]
            if not words or words[0] in _ROLE_STOP or words[-1] in _ROLE_STOP:
                continue
            role = _tidy_role(" ".join(words))
            if not role:
                continue
            if company and role.replace(" ", "") == company.casefold().replace(" ", ""):
                continue
            if re.fullmatch(r"[\d\s]+|(?:an? )?(?:hour|minutes?|days?|weeks?|while)", role):
                continue
            if role in ("interview", "me", "it", "job", "role", "position"):
                continue
            return _cased_like(t.raw, role)
    return None


_ROLE_CUT = _words(
    """
    for as the a an my their our of with at in on today yesterday tomorrow tmrw mon tue wed thu
    fri sat sun monday tuesday wednesday thursday friday saturday sunday morning afternoon
    evening interview intervew round done just had got is was this last next week
    """
)


def _tidy_role(role: str) -> str:
    """A role without the words before it ("yesterday for the pm" -> "pm")."""
    words = role.split()
    for index in range(len(words) - 1, -1, -1):
        if words[index] in _ROLE_CUT or re.fullmatch(r"\d{1,2}(?:am|pm|:\d\d)?", words[index]):
            if index > 0 and words[index - 1] in ("sde", "swe", "level", "l"):
                continue
            words = words[index + 1 :]
            break
    return " ".join(words)


def _cased_like(raw: str, phrase: str) -> str:
    """``phrase`` as the user typed it (its case), when it can be found in ``raw``."""
    m = re.search(re.escape(phrase).replace(r"\ ", r"[\s-]+"), raw, re.IGNORECASE)
    return m.group() if m else phrase


# --- a new interview ------------------------------------------------------------------------


def _new_interview(
    t: _Text, frame: Frame, local_now: datetime, cal: BusinessCalendar, known: Known
) -> Frame:
    moment_text, promise_text = _split_promise(t.plain)
    moment, doubtful = _interview_moment(moment_text, local_now, date_order(cal.country))
    if isinstance(moment, datetime) and moment > local_now.replace(tzinfo=None) + timedelta(
        minutes=5
    ):
        doubtful = True  # an interview later today: ask before planning from it
    unsure = ("interview_at",) if doubtful else ()
    role = _role(t, frame.company)
    # "for java dev, hr pooja said...": the role's last word is not a person
    in_role = set(role.casefold().split()) if role else set()
    people = tuple(p for p in _people(t, known) if (p.name or "").casefold() not in in_role)
    timeline = _timeline(promise_text, t, local_now, cal, people) if promise_text else None
    vague = timeline is None and bool(_VAGUE.search(t.plain) or _NO_DATE_YET.search(t.plain))
    return replace(
        frame,
        role=role,
        interview_at=moment,
        timeline=timeline,
        people=people,
        vibe=_vibe(t.plain),
        unsure=unsure,
        no_date_said=vague,
        said=_said_words(t.raw, promise_text) if timeline else None,
    )


def _said_words(raw: str, clause: str) -> str | None:
    """The promise clause as the user typed it, without the verb that introduces it and
    without what follows its sentence: "said theyd get back by friday. it went ok" gives
    "theyd get back by friday"."""
    clause = re.split(r"[.!?\n]", clause, maxsplit=1)[0]
    clause = re.sub(
        r"^(?:said|says|told (?:me|us)|told|promised|mentioned)(?: that)?\s+", "", clause.strip()
    )
    words = clause.split()
    if not words:
        return None
    typed = _cased_like(raw, " ".join(words))
    return typed.strip(" ,;:-")[:200] or None


def _split_promise(plain: str) -> tuple[str, str]:
    """The text about the interview itself, and the clause carrying the promise."""
    for m in re.finditer(
        r"\b(?:said|says|told|promised|mentioned|get(?:ting)? back|hear(?:ing)? back|"
        r"let me know|decision|decide|expect|should hear|will hear|within|timeline|"
        r"next steps?|by (?:the )?\d|by (?:next|end|this|monday|tuesday|wednesday|thursday|"
        r"friday|mon|tue|wed|thu|fri|tomorrow)|in (?:a |1 |2 |one |two |a couple |a few )"
        r"(?:\w+ )?(?:days?|weeks?))\b",
        plain,
    ):
        start = m.start()
        return plain[:start], plain[start:]
    return plain, ""


_NO_DATE_YET = re.compile(
    r"\b(?:no (?:date|timeline|timeframe|time frame)(?: (?:yet|given|mentioned))?|"
    r"(?:didnt|did not|never) (?:say|give|mention)(?: (?:a|any) (?:date|timeline))?|"
    r"no idea when|not sure when)\b"
)
_VAGUE = re.compile(
    r"\b(?:soon|asap|shortly|didnt say|did not say|no idea|not sure when|dont know when|"
    r"no timeline|no date|havent said|they didnt mention|when they can|at some point)\b"
)


@dataclass(frozen=True, slots=True)
class Correction:
    """A fact the user corrects in passing ("actually it was tuesday not wednesday", "no
    sorry the role is senior designer", "she said next friday not this friday")."""

    role: str | None = None
    interview_at: datetime | date | None = None
    said: str | None = None


_CORRECTING = re.compile(
    r"^(?:no|nope|sorry|oops|wait|actually|correction|my bad|typo|oh|ah|hmm)\b|\bactually\b|"
    r"\bnot (?:this|that|the) \w+\b|\bi meant\b|\bmeant to say\b"
)
_ROLE_IS = re.compile(
    r"\b(?:the )?(?:role|job|position|title)(?: title)? (?:is|was|should be)(?: actually| "
    r"really)? (?:for |as )?(?:an? |the )?(?P<role>[\w&/+#' -]{2,60}?)"
    r"(?= not\b|,|\.|!|;| and\b|$)"
)
_DAY_WAS = re.compile(
    r"\b(?:it|the interview|interview|that|my interview) (?:was|is|happened)(?: actually| really)?"
    r" (?P<day>(?:on )?(?:\w+ ){0,2}?(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|"
    r"(?:on )?(?:the )?\d{1,2}(?:st|nd|rd|th)?(?: (?:of )?\w+)?|\d{1,2}[/.]\d{1,2})\b"
)
_SAID_INSTEAD = re.compile(
    r"\b(?:she|he|they|recruiter|hr|it) (?:said|says|told me)(?: it was| it's| its)? "
    r"(?P<said>.+?) not (?:this|that|the)?\s*\w+"
)


def correction_in(text: str, *, now: datetime, cal: BusinessCalendar) -> Correction | None:
    """The fact a message corrects, when it reads as a correction; ``None`` otherwise."""
    plain = _plain(text[:MAX_CHARS])
    if not _CORRECTING.search(plain):
        return None
    role = _ROLE_IS.search(plain)
    if role is not None:
        found = _tidy_role(role.group("role").strip(" -'"))
        if found and found not in _ROLE_STOP:
            return Correction(role=_cased_like(text, found))
    said = _SAID_INSTEAD.search(plain)
    if said is not None:
        return Correction(said=_cased_like(text, said.group("said").strip()))
    day = _DAY_WAS.search(plain)
    if day is not None:
        moment, _doubt = _interview_moment(
            day.group("day"), cal.localize(now), date_order(cal.country)
        )
        if moment is not None:
            return Correction(interview_at=moment)
    return None


_TERM_ASKED = re.compile(
    r"^(?:(?:wait|sorry|um+|hm+|ok|okay|so|and|but|hey|quick question)[,.!]* )*"
    r"(?:what(?: is| s|s| are| does| exactly is| do you mean by| do u mean by| do you mean with|"
    r" is meant by| counts as)|whats|meaning of|define|explain)"
    r" (?:a |an |the |this |that |my |your )?"
    r"(?P<term>check ?ins?|thank ?you(?: note| email| mail| message)?s?|ty note|"
    r"second follow ?ups?|2nd follow ?ups?|follow ?ups?|move on|moving on|time to move on)"
    r"(?: (?:mean|means|exactly|here|supposed to be|for))*$"
)
_TERMS: dict[str, str] = {
    "check": "check_in",
    "thank": "thank_you",
    "ty": "thank_you",
    "second": "second",
    "2nd": "second",
    "follow": "follow_up",
    "move": "move_on",
    "moving": "move_on",
    "time": "move_on",
}


def term_asked(text: str) -> str | None:
    """The step of the plan a message asks the meaning of ("wait what's a check-in?", "what
    do you mean by move on"): ``check_in``, ``thank_you``, ``second``, ``follow_up`` or
    ``move_on``; ``None`` for anything else."""
    plain = _plain(text[:200]).replace("-", " ").strip(" ?!.")
    found = _TERM_ASKED.match(plain)
    if found is None:
        return None
    return _TERMS.get(found.group("term").split()[0].split("-")[0])


def says_no_date(text: str) -> bool:
    """Whether an answer to "when will you hear back?" says there is no date ("no date",
    "they didn't say", "not sure", "idk")."""
    plain = _plain(text[:MAX_CHARS]).strip(" .!")
    if re.fullmatch(r"(?:no|none|nothing|nope|nah|idk|dunno|unknown|n/?a|not yet|no clue)", plain):
        return True
    return len(plain.split()) <= 8 and bool(
        _NO_DATE_YET.search(plain)
        or re.search(r"\b(?:not sure|no idea|dont know|didnt say|no clue)\b", plain)
    )


def _timeline(
    clause: str,
    t: _Text,
    local_now: datetime,
    cal: BusinessCalendar,
    people: Sequence[PersonFact] = (),
) -> TimelineFact | None:
    if _VAGUE.search(clause) and not re.search(
        r"\d|week|month|monday|tuesday|wednesday|"
        r"thursday|friday|tomorrow",
        clause,
    ):
        return None
    reading = read_timeline(clause, now=local_now, cal=cal)
    if reading.promised_by is None:
        return None
    return TimelineFact(reading.promised_by, _said_by(t.plain, clause, people))


def _said_by(plain: str, clause: str, people: Sequence[PersonFact] = ()) -> str | None:
    """Who made the promise: a name, else a role word; "she said" is the last person named."""
    start = plain.find(clause)
    offset = max(0, start - 60)
    window = plain[offset : start + 40]
    matches = [m for m in _SAID_BY.finditer(window) if m.start() < start - offset + 2]
    if not matches:
        return None
    m = matches[-1]
    who = (m.group("who") or m.group("who2") or "").split()
    last = who[-1] if who else ""
    if last in ("she", "he") and people:
        before = plain[: offset + m.start()]
        named = [p for p in people if p.name and p.name.split()[0].casefold() in before]
        if named:
            return max(
                named, key=lambda p: before.rfind((p.name or " ").split()[0].casefold())
            ).name
        return None
    if _is_name_word(last):
        return _name_case(last)
    role = _role_in(" ".join(who))
    return role.value if role is not None else None


# --- people --------------------------------------------------------------------------------

_PERSON_NEAR_ROLE = re.compile(
    r"\b(?P<before>[^\W\d_][\w'-]*(?: [^\W\d_][\w'-]*)?)(?: \((?P<paren>[^)]*)\)|"
    r"(?:,|,? (?:who is|who was|whos|the|is the|was the|from|in|of|on|my|our))"
    r"(?: the| my| our| a| an)? "
    r"(?P<role_after>" + "|".join(p for _, p in _ROLE_WORDS) + r"|who interviewed me)s?\b)"
)
_ROLE_THEN_NAME = re.compile(
    r"\b(?P<role>" + "|".join(p for _, p in _ROLE_WORDS) + r")s?(?: (?:named|called|person|"
    r"contact|lady|guy|girl|woman|man|rep))?(?: ?:| is| was|,)? \(?"
    r"(?P<name>[^\W\d_][\w'-]*(?: [^\W\d_][\w'-]*)?)"
)
_MET = re.compile(
    r"\b(?:met|meeting|met with|spoke (?:to|with)|talked (?:to|with)|interviewed (?:with|by)|"
    r"chatted with|panel (?:was|with)|interviewers? (?:were|was))\b (?P<list>[^.;!?]{1,160})"
)
_CLAUSE_END = re.compile(r"\s*(?:$|[,.;:!?)]|and\b|who\b|but\b)")
_PAIR_BEFORE_ROLE = re.compile(
    r"(?P<pair>[^\W\d_][\w'-]* [^\W\d_][\w'-]*)(?:,| \(|,? (?:who is|who was|the|is the|"
    r"was the|from|my|our))(?: the| my| our| a| an)? (?:"
    + "|".join(p for _, p in _ROLE_WORDS)
    + r")s?\b"
)


_HER_BOSS = re.compile(r"\b(?:her|his|their) (?:boss|manager) (?P<name>[^\W\d_][\w'-]*)")


_WITH_PERSON_AT = re.compile(
    r"(?:\bwith |\bw/ ?)(?P<name>[^\W\d_][\w'-]*(?: [^\W\d_][\w'-]*)?) (?:at|from|@) \w"
)


def _people(t: _Text, known: Known) -> tuple[PersonFact, ...]:
    """The people a message names, never a company it names ("acme, recruiter: dana")."""
    found = _named_people(t, known)
    if not found:
        return found
    said_at = re.search(r"\b(?:at|with|w/?|for|from)\b", t.plain)
    named = (t.match.company, _company_in_text(t)) if said_at else ()
    companies = {c.casefold() for c in named if c}
    companies |= {i.company.casefold() for i in known.interviews}
    companies -= {p.name.split()[0].casefold() for p in known.people if p.name.split()}
    return tuple(p for p in found if not p.name or p.name.casefold() not in companies)


def _named_people(t: _Text, known: Known) -> tuple[PersonFact, ...]:
    raw = _APOS.sub("", t.raw[:MAX_CHARS])
    raw = _LONG_WORD.sub(" ", raw)
    raw = re.sub(r"\b(?:mgr|mngr|manger)\b", "manager", raw, flags=re.IGNORECASE)
    emails = [m.group().lower() for m in _EMAIL.finditer(raw)] if "@" in raw else []
    text = _EMAIL.sub(lambda m: f"<{m.group().lower()}>", raw) if emails else raw
    found: dict[str, PersonFact] = {}
    order: list[str] = []
    low_text = text.casefold()

    def add(
        name: str | None, role: Recipient | None, email: str | None = None, *, full: bool = False
    ) -> None:
        if not name:
            return
        words = [w for w in name.split() if _is_name_word(w)]
        if not words:
            return
        # keep a surname only when typed capitalised, or when the two words stand right
        # before the person's role ("maria lopez the hiring manager": one person)
        if len(words) > 1 and not words[1][:1].isupper() and not full:
            words = words[:1]
        clean = " ".join(_name_case(w) for w in words[:2])
        key = clean.split()[0].casefold()
        prior = found.get(key)
        if prior is None:
            found[key] = PersonFact(clean, role, email)
            order.append(key)
        else:
            found[key] = PersonFact(
                prior.name if prior.name and len(prior.name) >= len(clean) else clean,
                prior.role or role,
                prior.email or email,
            )

    low = text.casefold()
    for m in _ROLE_THEN_NAME.finditer(low):
        name_at = m.start("name")
        owner = re.search(r"([^\W\d_][\w'-]*) (?:is |was )?the $", low[: m.start("role")])
        if owner and _is_name_word(owner.group(1)) and "," in low[m.end("role") : name_at]:
            continue  # "rohan the hm, ananya said": the role is Rohan's, not Ananya's
        original = text[name_at : m.end("name")].split()
        # a lowercase pair is a full name only where the clause ends after it ("the
        # recruiter anna kowalski." but not "hr pooja said ...")
        whole = len(original) == 2 and bool(_CLAUSE_END.match(low, m.end("name")))
        capitalised = original[1:2] and original[1][:1].isupper() and original[0][:1].isupper()
        if (
            len(original) > 1
            and not capitalised
            and not (whole and all(map(_is_name_word, original)))
        ):
            original = original[:1]
        if original and _is_name_word(original[0]):
            add(" ".join(original), _role_in(m.group("role")), full=len(original) == 2)
    for m in _PERSON_NEAR_ROLE.finditer(low):
        before = text[m.start("before") : m.end("before")]
        role_text = m.group("role_after") or m.group("paren") or ""
        words = before.split()
        candidate = words[-1] if words else ""
        pair = len(words) == 2 and all(_is_name_word(w) for w in words)
        if pair:
            candidate = before
        elif len(words) == 2 and words[1].casefold() in ("is", "was"):
            candidate = words[0]  # "ananya is the recruiter"
        if not _is_name_word(candidate.split()[0]):
            continue
        paren = m.group("paren") or ""
        email = next((e for e in emails if e in paren.casefold()), None)
        add(candidate, _role_in(role_text), email, full=pair)
    for m in _HER_BOSS.finditer(low):
        add(text[m.start("name") : m.end("name")], Recipient.HIRING_MANAGER)
    for m in _MET.finditer(low):
        chunk = text[m.start("list") : m.end("list")]
        for part in re.split(r",| and | & |\+", chunk):
            part = part.strip()
            if not part:
                continue
            head = re.match(r"[^\W\d_][\w'-]*(?: [A-Z][\w'-]*)?", part)
            if not head:
                continue
            name = head.group()
            if not _is_name_word(name.split()[0]):
                continue
            role = _role_in(part.casefold())
            email = next((e for e in emails if e in part.casefold()), None)
            both = _PAIR_BEFORE_ROLE.match(part.casefold())
            if both and all(_is_name_word(w) for w in both.group("pair").split()):
                add(part[: both.end("pair")], role, email, full=True)
            else:
                add(name, role, email)
    # "w/ sarah at acme", "with john smith from deloitte": the person before the company
    for hit in _WITH_PERSON_AT.finditer(low):
        names = hit.group("name").split()
        if all(_is_name_word(w) for w in names):
            add(text[hit.start("name") : hit.end("name")], None, full=True)
        elif _is_name_word(names[0]):
            add(text[hit.start("name") : hit.start("name") + len(names[0])], None)
    # an e-mail whose owner is named just before it ("priya@acme.com" -> "Priya")
    for email in emails:
        if any(p.email == email for p in found.values()):
            continue
        local = re.split(r"[._+-]", email.split("@")[0])[0]
        if local.casefold() in found:
            key = local.casefold()
            found[key] = replace(found[key], email=email)
        elif _is_name_word(local) and len(local) >= 3:
            add(local, None, email)
    known_names = {p.name.split()[0].casefold(): p for p in known.people}
    for key, mentioned in known_names.items():
        if key not in found and re.search(rf"\b{re.escape(key)}\b", low_text):
            found[key] = PersonFact(mentioned.name, mentioned.role, None)
            order.append(key)
    result = []
    for key in order:
        person = found[key]
        stored = known_names.get(key)
        if stored is not None and person.name and len(person.name.split()) == 1:
            person = replace(person, name=stored.name, role=person.role or stored.role)
        result.append(person)

    def position(person: PersonFact) -> int:
        first = (person.name or "").split()[0].casefold() if person.name else ""
        at = low_text.find(first) if first else -1
        return at if at >= 0 else len(low_text)

    return tuple(sorted(result, key=position))[:10]


def is_name_like(text: str) -> bool:
    """Whether ``text`` reads as a person's name alone (one to three name words)."""
    words = text.split()
    return 0 < len(words) <= 3 and all(_is_name_word(w) for w in words)


def people_in(text: str, known: Known | None = None) -> tuple[PersonFact, ...]:
    """The people a short answer names ("also vikram from HR, he was the recruiter"), with
    roles and e-mails; names cleaned of filler and capitalised. Never raises."""
    try:
        raw = text[:MAX_CHARS].strip()
        t = _Text(raw, _plain(raw), normalize(raw), recognise(raw))
        return _people(t, known or Known())
    except Exception:
        return ()


def _with_targets(
    people: tuple[PersonFact, ...], attempts: Sequence[AttemptFact]
) -> tuple[PersonFact, ...]:
    """The people of a message, plus anyone an attempt names who was not listed yet."""
    have = {(p.name or "").split()[0].casefold() for p in people if p.name}
    extra = []
    for attempt in attempts:
        to = attempt.to
        if to and to not in {r.value for r in Recipient} and to.split()[0].casefold() not in have:
            have.add(to.split()[0].casefold())
            extra.append(PersonFact(to))
    return people + tuple(extra)


# --- attempts --------------------------------------------------------------------------------


def _channel_of(text: str) -> Channel:
    if re.search(r"\bpersonal (?:phone|number|cell|mobile)|\b(?:her|his) (?:cell|mobile)\b", text):
        return Channel.PERSONAL_PHONE
    if re.search(r"\bpersonal (?:email|address|inbox)|\bgmail\b|\bprivate email\b", text):
        return Channel.PERSONAL_EMAIL
    if re.search(
        r"\b(?:linkedin|instagram|facebook|twitter|dm|dmed|dm d|whatsapp\w*|inmail|"
        r"texted|text|sms|social)\b",
        text,
    ):
        return Channel.SOCIAL
    if re.search(
        r"\b(?:called|rang|phoned|calling|phoning|ringing|dialed|dialled) (?:the |their |her |"
        r"his )?(?:main )?(?:office|switchboard|front desk|reception|number|line)\b|"
        r"\b(?:office|main|work) (?:phone|number|line)\b|\breceptionist\b",
        text,
    ):
        return Channel.PHONE  # "called the office": the office phone, a work channel
    if re.search(
        r"\b(?:office|building|in person|dropped by|stopped by|popped in|showed up|"
        r"turned up|went there)\b",
        text,
    ):
        return Channel.IN_PERSON
    if re.search(
        r"\b(?:called|rang|phoned|call|ring|voicemail|vm|calling|phoning|buzz|bell)\b", text
    ):
        return Channel.PHONE
    return Channel.EMAIL


def _targets(text: str, known: Known) -> list[str]:
    """Whom a contact act went to: stored or named people ("kelly and mike" is two), else a
    role word; never a company ("followed up with rakuten" names nobody)."""
    companies = _company_words(known)
    found: list[tuple[int, int, str]] = []
    for person in known.people:
        first = person.name.split()[0].casefold()
        m = re.search(rf"\b{re.escape(first)}\b", text)
        if m:
            found.append((m.start(), 0, person.name))
    for m in re.finditer(
        r"\b(?:emailed|called|rang|phoned|texted|messaged|pinged|contacted|to|dmd|dmed|wrote to|"
        r"chased|with|both|and|mailed)\b (?P<name>[^\W\d_][\w'-]*)\b(?! (?:"
        + "|".join(p for _, p in _ROLE_WORDS)
        + r")\b)",
        text,
    ):
        name = m.group("name")
        if _is_name_word(name) and name not in companies and not _company_like(name, known):
            if m.group().startswith("and ") and not found:
                continue  # "and again" style joins only add a second name to a first
            found.append((m.start("name"), 1, _name_case(name)))
    names: list[str] = []
    for _, _, name in sorted(found):
        if name.split()[0].casefold() not in {n.split()[0].casefold() for n in names}:
            names.append(name)
    if names:
        return names
    role = _role_in(text)
    return [role.value] if role else []


def _company_like(word: str, known: Known) -> bool:
    low = word.casefold()
    return any(
        low in i.company.casefold().split() or _close(low, i.company.casefold().split()[0])
        for i in known.interviews
        if i.company
    )


_ACT_END = re.compile(r",| and | but | then |\. |; ")
_AND_MEDIUM = re.compile(
    r"\band (?:then |again |also )?(?:on|via|by|through|over) (?:linkedin|whatsapp|email|mail|"
    r"phone|text|sms|instagram|twitter|facebook)\b[^,.;]*"
)
_VOICEMAIL_AFTER_CALL = re.compile(
    r"^left (?:a |an |her a |him a |them a )?(?:voicemail|vm|message)"
)


def _attempts(t: _Text, today: date, known: Known) -> tuple[AttemptFact, ...]:
    plain = t.plain
    acts = [m for m in _CONTACT_ACT.finditer(plain) if not _NEGATED.search(plain[: m.start()])]
    # "called her and left a voicemail" is one call
    acts = [
        act
        for index, act in enumerate(acts)
        if not (
            index
            and _VOICEMAIL_AFTER_CALL.match(act.group())
            and _channel_of(acts[index - 1].group()) is Channel.PHONE
        )
    ]
    if not acts:
        return ()
    result: list[AttemptFact] = []
    for index, act in enumerate(acts):
        end = acts[index + 1].start() if index + 1 < len(acts) else len(plain)
        lead_in = plain[max(0, act.start() - 12) : act.start()]
        clause = plain[act.start() : end]
        span = _ACT_END.split(clause, maxsplit=1)[0]
        channel = _channel_of(span)
        also = _AND_MEDIUM.search(clause, len(span))
        if also is not None:
            clause = clause[: also.start()]
        pieces = _AGAIN.split(clause)
        if len(pieces) > 1 and not (_PAST_DAY.search(pieces[0]) or _TIMES.search(pieces[0])):
            pieces = ["".join(pieces)]  # "emailed him again yesterday": one attempt
        targets = _targets(pieces[0], known) or _targets(clause, known)
        days = [
            day for m in _PAST_DAY.finditer(pieces[0]) if (day := _past_day(m, today)) is not None
        ]
        if not days and re.search(r"\bjust\s*$", lead_in):
            days = [today]
        times = _TIMES.search(clause)
        count = _times_value(times.group("n")) if times else 1
        people: list[str | None] = list(targets) or [None]
        if len(people) > 1:
            # one act to several people: one attempt each, on the same day
            for person in people:
                result.append(AttemptFact(days[0] if days else None, channel, person))
        else:
            for n in range(max(count, 1)):
                on = days[n] if n < len(days) else None
                result.append(AttemptFact(on, channel, people[0]))
        for again in pieces[1:]:
            result.append(AttemptFact(_first_past_day(again, today), channel, people[0]))
        if also is not None:
            medium = _channel_of(also.group())
            result.append(AttemptFact(_first_past_day(also.group(), today), medium, people[0]))
    # a person named once goes with every act that names nobody
    named = next((a.to for a in result if a.to), None)
    result = [a if a.to else replace(a, to=named) for a in result]
    return tuple(result[:10])


# --- replies, outcomes, news -----------------------------------------------------------------


_MORE_TIME = re.compile(
    r"\b(?P<n>\d+|a|one|two|three|four|a couple of|a few|another) (?:more )?(?P<unit>days?|weeks?)"
    r" (?:more|extra)\b|\b(?:another|(?P<n2>\d+|one|two|three|a couple of|a few) more) "
    r"(?P<unit2>days?|weeks?)\b"
)


def _more_time(match: re.Match[str]) -> str:
    n = match.group("n") or match.group("n2") or "1"
    unit = match.group("unit") or match.group("unit2")
    n = "1" if n in ("a", "another", "one") else n
    return f"in {n} {unit}"


def _new_date(t: _Text, now: datetime, cal: BusinessCalendar) -> date | None:
    """The new promised date a reply gives ("they need 2 more weeks", "by next friday")."""
    plain = _MORE_TIME.sub(_more_time, t.plain)
    cue = _REPLY_MORE.search(plain) or re.search(
        r"\b(?:replied|responded|answered|back|heard|called|emailed|said)\b", plain
    )
    tail = plain[cue.end() :] if cue else plain
    # "bob emailed me on friday saying they need another week": a week from Friday
    said_on = _REPLIED_ON.search(plain)
    if said_on is not None:
        day = _first_past_day(said_on.group("day"), cal.local_date(now))
        if day is not None and day < cal.local_date(now):
            now = cal.at_local(day, 12)
            tail = plain[said_on.end() :]
    reading = read_timeline(tail, now=now, cal=cal)
    if reading.promised_by is None and cue is not None:
        reading = read_timeline(plain, now=now, cal=cal)
    return reading.promised_by


def _own_outcome(plain: str) -> Outcome | None:
    if re.search(r"\bwithdr[ae]w|pulled out|turned (?:it|them) down|declined (?:it|the)", plain):
        return Outcome.WITHDREW
    if _OWN_NO.search(plain):
        return Outcome.REJECTED
    if _OWN_CLOSED.search(plain):
        return Outcome.CLOSED
    if re.search(r"\breject|not (?:moving|going) forward|went with (?:someone|another)", plain):
        return Outcome.REJECTED
    if re.search(r"\b(?:closed|cancelled|canceled|freeze|frozen|on hold)\b", plain):
        return Outcome.CLOSED
    if re.search(r"\boffer", plain):
        return Outcome.OFFER
    return None


def _other_offer(
    t: _Text, now: datetime, cal: BusinessCalendar, known: Known, own: str | None = None
) -> OtherOffer | None:
    plain = t.plain
    if not _OFFER_ANY.search(plain):
        return None
    company = _offer_company(t)
    if company is not None:
        stored = _stored_named(company, known)
        if stored and stored[0] == own:
            company = None  # the interview's own company is not "elsewhere"
        elif stored:
            company = stored[0]  # spelled as stored
        elif company.islower():
            company = company.title()  # "flipkart" goes into a draft as "Flipkart"
    if company is not None and re.fullmatch(r"(?i)(?:another|a|other|some|one)(?: \w+)*", company):
        company = None
    deadline = None
    plain = re.sub(
        r"\b(?:a |an )?(\d+|one|two|three|four|five|seven|ten)[ -]?(day|week)s? deadline\b",
        r"deadline in \1 \2s",
        plain,
    )
    offer_at = _OFFER_WORD.search(plain)
    cue = _DEADLINE.search(plain, offer_at.start() if offer_at else 0) or _DEADLINE.search(plain)
    if cue is not None:
        clause = plain[cue.start() : cue.start() + 60]
        reading = read_timeline(clause, now=now, cal=cal)
        deadline = reading.promised_by
    return OtherOffer(company, deadline)


# --- vibe, hour, contact, draft kind -----------------------------------------------------------


def vibe_of_answer(text: str) -> Vibe | None:
    """How a short answer to "how did it feel?" says the interview went ("meh, kinda
    awkward", "not good tbh", "great!"); ``None`` when it does not say."""
    return _vibe(_plain("it felt " + text[:MAX_CHARS]))


_MIXED = re.compile(r"\b(?:but|though|although|however|yet)\b")
_OWN_SLIP = re.compile(
    r"\b(?:i|ive|i totally|i kinda|i kind of|i def|i definitely|i completely) (?:bombed|messed up|"
    r"screwed up|blanked|choked|froze|stumbled|flubbed|rambled|fumbled|botched|tanked)\b|"
    r"\bmy (?:answers?|coding|code|presentation) (?:was|were) (?:bad|awful|terrible|rough|weak)\b"
)


def _vibe(plain: str) -> Vibe | None:
    """How the interviewers came across: warm, neutral or chilly. The user's own slips ("i
    bombed the technical part") say how they did, not how they were met; a cold half and a
    warm half ("... but the team was lovely") make a neutral whole."""
    if not _VIBE_CUE.search(plain):
        return None
    plain = _OWN_SLIP.sub(" ", slips := plain)
    mixed = _MIXED.search(plain)
    if mixed is not None:
        halves = {
            _one_vibe(plain[: mixed.start()], cue=False),
            _one_vibe(plain[mixed.end() :], cue=False),
        }
        if {Vibe.WARM, Vibe.CHILLY} <= halves:
            return Vibe.NEUTRAL
    found = _one_vibe(plain)
    if found is None and _OWN_SLIP.search(slips):
        return Vibe.NEUTRAL
    return found


def _one_vibe(plain: str, *, cue: bool = True) -> Vibe | None:
    if cue and not _VIBE_CUE.search(plain):
        return None
    for vibe, rx in _VIBES:
        for m in rx.finditer(plain):
            before = plain[max(0, m.start() - 25) : m.start()]
            if vibe is Vibe.WARM and re.search(
                r"\b(?:not|wasnt|didnt|isnt|never)\b(?: \w+)?\s*$", before
            ):
                continue
            if (
                vibe is Vibe.NEUTRAL
                and m.group() in ("ok", "okay", "fine", "alright")
                and not (re.search(r"\b(?:was|went|it|felt|seemed|pretty|just|think)\s*$", before))
            ):
                continue
            if (
                vibe is Vibe.WARM
                and m.group() == "good"
                and re.search(
                    r"\b(?:good (?:morning|afternoon|evening|luck|news|time|day))\b",
                    plain[m.start() : m.start() + 15],
                )
            ):
                continue
            return vibe
    return None


_SOMEONE_ELSE_WILL = re.compile(
    r"\b(?:she|he|they|shed|hed|theyd|shell|hell|theyll|it|recruiter|hr|will|would|said|"
    r"promised|going to|gonna)\s*$"
)
_DURATION_AFTER = re.compile(
    r"\s*(?:days?|weeks?|wks?|hours?|hrs?|mins?|minutes?|months?|"
    r"business|working)\b"
)


def _hour_setting(plain: str) -> time | None:
    for m in _HOUR_SETTING.finditer(plain):
        if _SOMEONE_ELSE_WILL.search(plain[max(0, m.start() - 14) : m.start()]):
            continue  # "aisha said shed ping me in 2 weeks": not a request to the bot
        rest = m.group("rest") or m.group("rest2") or m.group("rest3") or m.group("rest4") or ""
        if re.match(r"(?:at |around )?(?:noon|midday|lunch ?time)\b", rest):
            return time(12, 0)
        clock = _SETTING_CLOCK.search(rest)
        if clock is None or _DURATION_AFTER.match(rest, clock.end()):
            continue
        hour, minute = int(clock.group("h")), int(clock.group("m") or 0)
        ap = (clock.group("ap") or "").replace(".", "")
        part = clock.group("part")
        if hour > 23 or minute > 59 or (ap and hour > 12):
            continue
        if (ap == "pm" and hour < 12) or (
            not ap and part in ("afternoon", "evening", "night") and hour < 12
        ):
            hour += 12
        elif ap == "am" and hour == 12:
            hour = 0
        return time(hour, minute)
    return None


_MEDIA: tuple[tuple[Channel, re.Pattern[str]], ...] = (
    (
        Channel.IN_PERSON,
        re.compile(
            r"\b(?<!call )(?<!call the )(?<!ring the )(?<!phone the )(?:office(?! (?:phone|"
            r"number|line))|in person|drop by|dropping by|stop by|show up|turn up|visit|"
            r"go (?:over )?there|walk in|pop in)\b"
        ),
    ),
    (
        Channel.PERSONAL_PHONE,
        re.compile(r"\bpersonal (?:phone|number|cell|mobile)\b|\b(?:her|his) (?:cell|mobile)\b"),
    ),
    (
        Channel.PERSONAL_EMAIL,
        re.compile(r"\bpersonal (?:email|gmail|address|inbox)\b|\bgmail\b|\bprivate email\b"),
    ),
    (
        Channel.SOCIAL,
        re.compile(
            r"\b(?:linkedin|whatsapp\w*|instagram|insta|facebook|twitter|dm|dmd|dmed|inmail|"
            r"social media)\b"
        ),
    ),
    (Channel.PERSONAL_PHONE, re.compile(r"\b(?:text|texted|texting|sms)\b")),
    (Channel.PHONE, re.compile(r"\b(?:call|calls|called|calling|ring|phone|voicemail)\b")),
    (Channel.EMAIL, re.compile(r"\b(?:email|emails|emailed|emailing|mail|mailed|e mail)\b")),
)


def _medium(clause: str) -> Channel | None:
    """The channel a clause names; ``None`` when none, or when it offers a choice."""
    found = [channel for channel, rx in _MEDIA if rx.search(clause)]
    if not found:
        return None
    if (
        Channel.PHONE in found
        and Channel.EMAIL in found
        and re.search(r"\b(?:call|phone|ring) or (?:e ?mail|email)\b|\bemail or call\b", clause)
    ):
        return None
    return found[0]


_NOT_THE_TARGET = re.compile(r"\b(?:instead of|rather than|not|since|because|than|as|like)\s*$")


def _contact(t: _Text, known: Known, intent: FrameIntent) -> tuple[Channel | None, str | None]:
    plain = t.plain
    lead = _QUESTION_LEAD.search(plain)
    clause = plain[lead.start() :] if lead else plain
    channel = _medium(clause) or (_medium(plain) if intent is FrameIntent.SHOULD_I else None)
    companies = _company_words(known)
    candidates: list[tuple[int, int, str]] = []  # (where, stored first, whom)
    for person in known.people:
        first = person.name.split()[0].casefold()
        for m in re.finditer(rf"\b{re.escape(first)}\b", clause):
            if not _NOT_THE_TARGET.search(clause[: m.start()]):
                candidates.append((m.start(), 0, person.name))
                break
    for m in re.finditer(
        r"\b(?:email|mail|call|ring|phone|text|message|ping|write to|contact|chase|nudge|to|"
        r"for|with)\b (?P<name>[^\W\d_][\w'-]*)",
        clause,
    ):
        name = m.group("name")
        if (
            _is_name_word(name)
            and name not in companies
            and not _NOT_THE_TARGET.search(clause[: m.start()])
        ):
            candidates.append((m.start("name"), 1, _name_case(name)))
    for m in _ROLE_RX.finditer(clause):
        if not _NOT_THE_TARGET.search(clause[: m.start()]):
            candidates.append((m.start(), 1, _role_of(m).value))
    to = min(candidates)[2] if candidates else None
    if to is None and t.match.recipient is not None:
        to = t.match.recipient.value
    return channel, to


def _company_words(known: Known) -> set[str]:
    return {w for i in known.interviews for w in re.findall(r"\w+", i.company.casefold())}


def _draft_kind(t: _Text, known: Known, to: str | None) -> DraftKind | None:
    plain = t.plain
    if re.search(r"\bwithdr|pull out|pulling out|back out|decline\b", plain):
        return DraftKind.WITHDRAW
    if re.search(
        r"\bfeedback\b|\bwhy (?:i was|they) reject|\bhow (?:to|i can|could i) improve\b", plain
    ):
        return DraftKind.FEEDBACK_REQUEST
    if re.search(r"\bthank|\bthx\b|\bty note\b", plain):
        return DraftKind.THANK_YOU
    if re.search(
        r"\b(?:update|news|other offer|another offer|competing|promot|offer from|"
        r"tell (?:them|\w+) (?:about|that|i have|i got|im))",
        plain,
    ):
        return DraftKind.UPDATE
    if re.search(
        r"\bhiring manager|\bgo over|\babove (?:the )?recruiter|\bskip (?:the )?"
        r"recruiter|\b(?:her|his|the recruiters) boss\b",
        plain,
    ):
        return DraftKind.HIRING_MANAGER
    if re.search(
        r"\b(?:second|another|2nd|one more|again|final|last) (?:\w+ )?(?:follow|check|"
        r"email|nudge|note)|follow(?:ing)? up again|\bagain\b|\b2nd one\b",
        plain,
    ):
        return DraftKind.SECOND_FOLLOW_UP
    if re.search(r"\bfollow(?:ing)? ?up|check ?in|checking in|status|nudge|chase", plain):
        return DraftKind.CHECK_IN
    stored = next((p for p in known.people if to and p.name == to), None)
    if stored is not None and stored.role is Recipient.HIRING_MANAGER:
        return DraftKind.HIRING_MANAGER  # a note to the hiring manager (up the chain, G7)
    return t.match.draft_kind


def known_from_json(data: dict[str, Any] | None, *, cal: BusinessCalendar) -> Known:
    """A :class:`Known` from the ``--context`` JSON shape (bad entries are skipped)."""
    interviews: list[KnownInterview] = []
    for item in (data or {}).get("interviews", []) or []:
        if not isinstance(item, dict) or not item.get("company"):
            continue
        people = []
        for p in item.get("people", []) or []:
            if isinstance(p, dict) and p.get("name"):
                role = p.get("role")
                people.append(
                    KnownPerson(
                        str(p["name"]),
                        Recipient(str(role)) if role in {r.value for r in Recipient} else None,
                        p.get("email"),
                    )
                )
        moment = None
        if item.get("interviewed"):
            try:
                moment = datetime.fromisoformat(str(item["interviewed"])).replace(tzinfo=cal.tz)
            except ValueError:
                moment = None
        interviews.append(
            KnownInterview(str(item["company"]), str(item.get("role") or ""), moment, tuple(people))
        )
    return Known(tuple(interviews))
