"""What the user means by a free-text message (the chat front door to every command).

:func:`recognise` reads one message and returns an :class:`IntentMatch`: the intent
and the slots it could read (channel, recipient, outcome, draft kind, company,
whether the employer replied). :func:`closest_commands` suggests the nearest
intents for a message nothing matched.

How a message is read:

1. Normalised: lower case, apostrophes dropped ("didn't" -> "didnt"), "e-mail" ->
   "email", hyphens and other punctuation to spaces (``? , . ! : ;`` are kept as
   tokens so clauses can be told apart), chat shorthand expanded ("u", "pls",
   "msg", "hm"), and small typos on key words fixed by edit distance (one edit for
   words of 4-7 letters, two from 8 letters; common English words are never
   "fixed").
2. Tried against the intents in a fixed priority order; the first that matches wins:

   ====  ==============  =========================================================
   1     TONE            "check this: ...", "does this sound ok", a pasted draft
   2     slash command   "/status", "/new" ...
   3     exact word      the whole message is a command word: "help", "list" ...
   4     DRAFT           an explicit request to write: "write me", "help me write"
   5     SHOULD_I        a question about contacting: "should I call again?"
   6     WHY             "why haven't they called?", "what does silence mean"
   7     commands        delete / export / calendar / settings / time zone / list /
                         status phrased in a sentence
   8     REPLY           the employer answered, or an outcome (withdrew > rejected >
                         closed > offer > a plain reply)
   9     NEW_INTERVIEW   "I just had an interview at Acme"
   10    LOG_ATTEMPT     "I emailed them today", "I called the recruiter"
   11    DRAFT           mentions a draft kind without asking to write
   12    CALM            "I'm so anxious"; then WHY for a reply the user says did not
                         come ("they haven't replied", "no one got back to me")
   13    HELP / START    "what can you do", a bare greeting
   ====  ==============  =========================================================

   So a question outranks a report ("I emailed them, should I call?" is SHOULD_I,
   "should I email them again?" is not LOG_ATTEMPT), news from the employer outranks
   the user's own actions ("I emailed them and they replied" is REPLY), and a new
   interview outranks the thank-you sent after it.
3. Slots are read from the question clause for SHOULD_I (what follows "should I"),
   from the whole message otherwise. Channel precedence: in person > social media >
   personal phone > personal e-mail > phone > e-mail. A recipient right after a
   contact verb ("write to the hiring manager") beats one mentioned elsewhere.

Never raises; a message of 10,000 characters is read in milliseconds (only the first
200 words go through typo correction, every pattern is linear).
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from enum import StrEnum

from bot.core.types import Channel, DraftKind, Outcome, Recipient

__all__ = ["Intent", "IntentMatch", "closest_commands", "recognise"]


class Intent(StrEnum):
    """What a message asks for; the values match the bot's command names."""

    NEW_INTERVIEW = "new"
    LOG_ATTEMPT = "log"
    REPLY = "reply"
    SHOULD_I = "should"
    DRAFT = "draft"
    TONE = "tone"
    WHY = "why"
    CALM = "calm"
    HELP = "help"
    LIST = "list"
    STATUS = "status"
    EXPORT = "export"
    DELETE = "delete"
    CALENDAR = "calendar"
    SETTINGS = "settings"
    TIMEZONE = "timezone"
    START = "start"
    CANCEL = "cancel"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class IntentMatch:
    """An intent and the slots read from the same message (``None`` when not said)."""

    intent: Intent
    channel: Channel | None = None
    recipient: Recipient | None = None
    outcome: Outcome | None = None
    draft_kind: DraftKind | None = None
    company: str | None = None
    replied: bool = False


# --- normalisation --------------------------------------------------------------------

_FUZZY_TOKENS = 200  # typo correction only looks at the start of a long message

_SHORTHAND = {
    "u": "you",
    "ur": "your",
    "r": "are",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "ty": "thanks",
    "shd": "should",
    "shld": "should",
    "cn": "can",
    "abt": "about",
    "msg": "message",
    "msgd": "messaged",
    "msged": "messaged",
    "txt": "text",
    "txted": "texted",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "2day": "today",
    "b4": "before",
    "hm": "hiring manager",
    "wanna": "want to",
    "gonna": "going to",
    "nvm": "never mind",
    "followup": "follow up",
    "checkin": "check in",
    "thankyou": "thank you",
    "timezone": "time zone",
    "linkdin": "linkedin",
    "emial": "email",
    "emaild": "emailed",
    "dmd": "dmed",
    "fb": "facebook",
    "insta": "instagram",
    "ig": "instagram",
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Key words worth correcting a typo towards.
_KEYS = _words(
    """
    interview interviewed interviews interviewer interviewers recruiter recruiters emailed email
    emails emailing called calling anxious anxiety nervous stressed worried rejected rejection
    offer offered withdrew withdraw follow following followed should again hiring manager
    linkedin thank thanks feedback calendar settings export delete status help cancel replied
    responded response position closed heard write draft template message messaged texted
    phoned voicemail second update accepted another application silence taking havent didnt
    check checking just please hello start list chase contact reach office whatsapp instagram
    facebook twitter hired selected unfortunately candidate cancelled freeze elsewhere decided
    decision moving finished finally yesterday tomorrow morning screen onsite round final
    nobody ghost ghosted waiting sleep panic freaking hopeless worry anxious appropriate pushy
    annoying early compose reached recruiting phone screening hearing answer answered timezone
    """
)

_SORTED_KEYS = tuple(sorted(_KEYS))

# Frequent words that must never be "corrected" into a key word (every word the patterns
# below use is protected as well, see _KNOWN).
_COMMON = _words(
    """
    about above after also back been before being best call came cell come could days does
    done down each even ever fine find first from gave give goes going good great hear held
    hell help here hers high home hope into just keep kind know last left less like line list
    live long look lost made mail make many mean meet mine more most much must name need never
    next nice none note once only open over part past plan play said same seen send sent shop
    show side since some soon step still such sure take talk tell than that their them then
    there they this those time told took tried true turn very wait walk want week well went
    were what when where which while will wish with without word work would year your yours
    heard head heads hold holds fall fell felt feel feels should shall shell sell tell till
    cold card cards care cares case cast chat chats cheap cheer chef chase chose close clock
    weekly checks cheque later latter letter other others another mother father offer offers
    office offices hired hires hirer tired wired fired firm calm called caller calls ball
    still stall stale stable table stage state states status statue mad made make male mile
    revert reverted reverting
    """
)


def _osa(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (edits incl. one transposition), capped at limit+1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


@functools.lru_cache(maxsize=4096)
def _fix(token: str) -> str:
    """A token with chat shorthand expanded and a typo on a key word corrected."""
    if token in _SHORTHAND:
        return _SHORTHAND[token]
    if len(token) < 4 or token in _KNOWN or not token.isalpha():
        return token
    limit = 1 if len(token) < 8 else 2
    best, best_d = token, limit + 1
    for key in _SORTED_KEYS:
        d = _osa(token, key, limit)
        if d < best_d:
            best, best_d = key, d
    return _SHORTHAND.get(best, best)


_TOKEN = re.compile(r"[A-Za-z0-9&]+|[?,.!:;]")
_APOSTROPHES = re.compile(r"['\u2019\u2018\u02bc`]")


def _tokens(text: str) -> tuple[list[str], list[str]]:
    """Original-case tokens and their normalised counterparts, index for index."""
    cleaned = _APOSTROPHES.sub("", text)
    cleaned = re.sub(r"(?i)\be-mail", "email", cleaned)
    original = _TOKEN.findall(cleaned)
    norm = [
        _fix(tok.lower()) if i < _FUZZY_TOKENS else tok.lower() for i, tok in enumerate(original)
    ]
    return original, norm


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# --- vocabulary for slots -------------------------------------------------------------

_CHANNELS: tuple[tuple[Channel, re.Pattern[str]], ...] = (
    (
        Channel.IN_PERSON,
        _c(
            r"\b(?:drop(?:ped|ping)? (?:by|in|off)|stop(?:ped|ping)? by|swing by|pop(?:ped)? "
            r"(?:in|by)|show(?:ed)? up|turn(?:ed)? up|visit(?:ed|ing)?|in person|walk(?:ed)? in|"
            r"come by|(?:go|went|going) (?:to|down to) (?:their|the|her|his) (?:office|building)|"
            r"(?:go|went) there)\b"
        ),
    ),
    (
        Channel.SOCIAL,
        _c(
            r"\b(?:linkedin|instagram|facebook|twitter|tweet|tiktok|dm|dms|dmed|social media|"
            r"inmail)\b"
        ),
    ),
    (
        Channel.PERSONAL_PHONE,
        _c(
            r"\b(?:text|texts|texted|texting|sms|whatsapp|whatsapped|cell|mobile|personal "
            r"(?:phone|number|cell|mobile)|private number)\b"
        ),
    ),
    (
        Channel.PERSONAL_EMAIL,
        _c(r"\b(?:personal (?:email|address|inbox)|private email|gmail|home email)\b"),
    ),
    (
        Channel.PHONE,
        _c(
            r"\b(?:call|calls|called|calling|ring|rang|rung|phone|phoned|phoning|voicemail|vm|"
            r"dial|dialled|dialed)\b"
        ),
    ),
    (
        Channel.EMAIL,
        _c(
            r"\b(?:email|emails|emailed|emailing|mail|mailed|wrote|write|writing|written|note|"
            r"letter)\b"
        ),
    ),
)

_RECIPIENTS: tuple[tuple[Recipient, str], ...] = (
    (Recipient.HIRING_MANAGER, r"hiring manager|manager|boss|team lead|team leader|director"),
    (
        Recipient.RECRUITER,
        r"recruiters?|recruiting|recruitment|talent acquisition|talent partner|headhunter|sourcer",
    ),
    (Recipient.HR, r"hr|human resources|people team|people ops|personnel"),
    (Recipient.INTERVIEWER, r"interviewers?|panel|panelists?|person who interviewed me"),
)
_RECIPIENT_RX = _c(
    r"\b(?:" + "|".join(f"(?P<r{i}>{p})" for i, (_, p) in enumerate(_RECIPIENTS)) + r")\b"
)

_CONTACT_VERBS = (
    r"call|ring|phone|email|mail|message|messaging|text|whatsapp|dm|chase|chasing|follow up|"
    r"following up|reach out|reaching out|reach|contact|contacting|ping|nudge|write|writing|"
    r"check in|checking in|send|drop by|stop by|swing by|visit|show up|pop in|get in touch|"
    r"try again|touch base|nag|bug|bother|remind|tell|wait|emailing|calling|texting|"
    r"ask (?:for|about|them|her|him|if|whether|the|hr|again)"
)
_CONTACT_RX = _c(r"\b(?:" + _CONTACT_VERBS + r")\b")


def _channel(text: str) -> Channel | None:
    for channel, rx in _CHANNELS:
        if rx.search(text):
            return channel
    return None


def _recipient(text: str) -> Recipient | None:
    """A recipient right after a contact verb wins, else the first one mentioned."""
    first: Recipient | None = None
    for m in _RECIPIENT_RX.finditer(text):
        who = next(_RECIPIENTS[int(name[1:])][0] for name, value in m.groupdict().items() if value)
        before = " ".join(text[max(0, m.start() - 60) : m.start()].split()[-4:])
        if _CONTACT_RX.search(before):
            return who
        if first is None:
            first = who
    return first


# --- intent patterns (on normalised text) ---------------------------------------------

_SLASH = {
    "start": Intent.START,
    "help": Intent.HELP,
    "new": Intent.NEW_INTERVIEW,
    "interview": Intent.NEW_INTERVIEW,
    "log": Intent.LOG_ATTEMPT,
    "attempt": Intent.LOG_ATTEMPT,
    "reply": Intent.REPLY,
    "replied": Intent.REPLY,
    "outcome": Intent.REPLY,
    "should": Intent.SHOULD_I,
    "shouldi": Intent.SHOULD_I,
    "ask": Intent.SHOULD_I,
    "draft": Intent.DRAFT,
    "drafts": Intent.DRAFT,
    "tone": Intent.TONE,
    "check": Intent.TONE,
    "why": Intent.WHY,
    "calm": Intent.CALM,
    "list": Intent.LIST,
    "interviews": Intent.LIST,
    "status": Intent.STATUS,
    "export": Intent.EXPORT,
    "delete": Intent.DELETE,
    "forget": Intent.DELETE,
    "calendar": Intent.CALENDAR,
    "ics": Intent.CALENDAR,
    "settings": Intent.SETTINGS,
    "timezone": Intent.TIMEZONE,
    "tz": Intent.TIMEZONE,
    "cancel": Intent.CANCEL,
    "stop": Intent.CANCEL,
}

_EXACT = {
    "help": Intent.HELP,
    "help me": Intent.HELP,
    "menu": Intent.HELP,
    "commands": Intent.HELP,
    "list": Intent.LIST,
    "status": Intent.STATUS,
    "export": Intent.EXPORT,
    "delete": Intent.DELETE,
    "delete my data": Intent.DELETE,
    "delete everything": Intent.DELETE,
    "calendar": Intent.CALENDAR,
    "settings": Intent.SETTINGS,
    "time zone": Intent.TIMEZONE,
    "tz": Intent.TIMEZONE,
    "why": Intent.WHY,
    "calm": Intent.CALM,
    "draft": Intent.DRAFT,
    "drafts": Intent.DRAFT,
    "tone": Intent.TONE,
    "new": Intent.NEW_INTERVIEW,
    "start": Intent.START,
    "hi": Intent.START,
    "hello": Intent.START,
    "hey": Intent.START,
    "hiya": Intent.START,
    "howdy": Intent.START,
    "yo": Intent.START,
    "good morning": Intent.START,
    "good evening": Intent.START,
    "hi there": Intent.START,
    "hello there": Intent.START,
    "get started": Intent.START,
    "lets start": Intent.START,
    "begin": Intent.START,
    "cancel": Intent.CANCEL,
    "stop": Intent.CANCEL,
    "never mind": Intent.CANCEL,
    "nevermind": Intent.CANCEL,
    "forget it": Intent.CANCEL,
    "quit": Intent.CANCEL,
    "abort": Intent.CANCEL,
    "exit": Intent.CANCEL,
    "back": Intent.CANCEL,
}

_TONE_ASK = _c(
    r"^(?:please )?(?:check|review|proofread|read|look at|assess) (?:this|the following|my "
    r"(?:email|draft|message|note|text|reply|letter))\b|\btone check\b|\bcheck (?:the |my )?tone\b|"
    r"\bcheck (?:my|this|the) (?:email|draft|message|note|text|reply|letter|wording)\b|"
    r"\bis this (?:ok|okay|fine|alright|too \w+|pushy|rude|polite|professional|good)\b|"
    r"\b(?:does|do) this (?:sound|look|read|come across)\b|\bhow does this (?:sound|look|read)\b|"
    r"\bproofread\b|\bhow does my (?:email|draft|message|note) (?:sound|look|read)\b"
)
_GREETING_START = re.compile(
    r"^\s*(?:dear|hi|hello|hey|good (?:morning|afternoon|evening))\s+(?:mr|mrs|ms|dr|mx)?\.?\s*"
    r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?\s*,",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"(?:^|\n)\s*(?:best|kind|warm)?\s*(?:regards|wishes|sincerely|best|cheers|thanks|"
    r"thank you|many thanks)\s*,?\s*\n",
    re.IGNORECASE,
)

_DRAFT_ASK = _c(
    r"\b(?:can|could|would|will) you (?:please )?(?:write|draft|compose|prepare|make|give me|"
    r"suggest|help me (?:write|draft|word|with))\b|"
    r"^(?:please )?(?:write|draft|compose|prepare|generate|create|make|redraft|rewrite)\b|"
    r"\b(?:write|draft|compose) (?:me|up)\b|"
    r"\bhelp me (?:write|draft|word|phrase|compose|withdraw|decline|ask for|reply|respond|"
    r"with (?:a|an|my|the) (?:\w+ ){0,3}(?:email|note|message|letter))\b|"
    r"\b(?:give me|i need|i want|get me|send me|show me) (?:a|an|the|some) (?:\w+ ){0,4}"
    r"(?:email|note|message|letter|template|draft|wording|script)\b|"
    r"\bwhat (?:should|do|can|could|would) i (?:write|say|put)\b|"
    r"\bhow (?:do|should|can|could|would) i (?:word|phrase|write|ask for|request|tell them|"
    r"decline|withdraw|say)\b|\btemplate\b"
)

_SHOULD_LEAD = _c(
    r"\b(?:should|shall|can|could|may|must|ought) i\b|"
    r"\b(?:think|wonder|wondering|sure|unsure) (?:if |whether )?i (?:should|can|could|may)\b|"
    r"\b(?:is it|isnt it|would it be|will it be|is that|would that be) (?:\w+ ){0,3}?"
    r"(?:ok|okay|alright|fine|rude|appropriate|acceptable|weird|pushy|annoying|early|soon|late|"
    r"wise|smart|idea|bad|normal|professional|allowed|worth|time|safe|unprofessional|creepy|"
    r"desperate|too much|overkill)\b|"
    r"\b(?:when|how soon|how long|how often|how many times) (?:should|can|could|do|shall|must|"
    r"may) i\b|\bam i allowed\b|\bdo i (?:" + _CONTACT_VERBS + r")\b|\bwhat if i\b|"
    r"\btoo (?:early|soon) to\b|\bworth (?:a |it to )?(?:call|email|following|chasing)|"
    r"\b(?:would|will|is|isnt|does|could) (?:calling|emailing|texting|messaging|following up|"
    r"reaching out|writing|chasing|visiting|pinging|contacting|ringing|nudging)\b"
)

_WHY = _c(
    r"\bwhy\b|\bwhat does (?:the |their |this |it |no )?(?:silence|no reply|no response|"
    r"no answer|not hearing back) mean\b|\bdoes (?:no (?:reply|response|answer|news)|silence|"
    r"the silence|their silence|not hearing back) mean\b|\bno news (?:is|means) good news\b|"
    r"\btaking (?:so|this|too) long\b|\bradio silence\b|\bghost(?:ed|ing)?\b|"
    r"\bwhat does it mean\b|\b(?:go|gone|went|going) (?:quiet|silent|dark)\b|"
    r"\bis no news good news\b"
)

_DELETE = _c(
    r"\b(?:delete|erase|remove|wipe|purge|clear) (?:all )?(?:of )?(?:my|all|everything|the|this)"
    r"(?: \w+){0,3}? (?:data|info|information|account|history|interviews?|records?|details)\b|"
    r"\b(?:delete|erase|wipe|purge) everything\b|\bforget (?:me|everything|about me)\b|"
    r"\bright to be forgotten\b|\bgdpr\b|\bdelete (?:the |my )?\w+ interview\b|"
    r"\b(?:delete|remove|erase) (?:the |my |this |that )?[\w-]+ (?:one|entry|application)\b|"
    r"\b(?:delete|remove) (?:it|this|that|\w+) from (?:my |the )?list\b"
)
_EXPORT = _c(
    r"\bexport\b|\bdownload (?:my|all|the)(?: \w+)? (?:data|interviews|history)\b|"
    r"\b(?:get|send me|give me) a copy of my\b|\bbackup of my\b"
)
_CALENDAR = _c(r"\b(?:calendar|ics|ical|icalendar|google calendar|outlook calendar)\b")
_TIMEZONE = _c(
    r"\btime zone\b|\btz\b|\butc offset\b|\bmy location\b|\blocal time\b|"
    r"\bi (?:moved|relocated) to\b|\bwrong time\b"
)
_SETTINGS = _c(
    r"\bsettings?\b|\bpreferences\b|\bnudge (?:hour|time)\b|\breminder (?:time|hour)s?\b|"
    r"\bquiet hours\b|\bnotifications\b|\bchange (?:my |the )?(?:country|holidays|language)\b|"
    r"\bmy country\b"
)
_LIST = _c(
    r"\b(?:list|show|see|view|display) (?:me )?(?:all )?(?:of )?(?:my |the )?(?:open |current |"
    r"active )?(?:interviews|applications|jobs|companies|processes)\b|"
    r"\b(?:what|which) interviews\b|\ball (?:my )?interviews\b|\bmy interviews\b"
)
_STATUS = _c(
    r"\bwhats next\b|\bwhat now\b|\bwhere (?:do|does|did) (?:things|it|i|we|my \w+) stand\b|"
    r"\bstatus\b|\b(?:show|see|check|view) (?:me )?(?:my )?(?:plan|next steps?|schedule|"
    r"reminders|nudges)\b|\bwhat(?:s| is) (?:my|the) (?:plan|next step)\b|\bwhats pending\b|"
    r"\bwhere am i at\b|\bwhat(?:s| is) coming up\b|\bwhat (?:should|do|can) i do\b"
)

_WITHDREW = _c(
    r"\b(?:i|ive|we|weve) (?:have |just |finally |already )?(?:withdrew|withdrawn|pulled out|"
    r"dropped out|"
    r"pulled my application|declined (?:the|their|it)|turned (?:them |it |the offer |their "
    r"offer )?down)\b|"
    r"\b(?:accepted|took|signed|chose|going with|went with) (?:an?other|a different|a new|"
    r"the other) (?:offer|job|role|position)\b|"
    r"\b(?:i|ive|we|weve) (?:have |just |finally )?decided to (?:withdraw|pull out|decline)\b|"
    r"\bim (?:withdrawing|pulling out)\b|"
    r"\b(?:accepted|took|signed) (?:an? )?(?:offer|job|role|position) (?:elsewhere|somewhere "
    r"else|at|with)\b|\bno longer interested\b|\bnot interested anymore\b"
)
_REJECTED = _c(
    r"\b(?:rejected|rejection|rejecting)\b|\bturned me down\b|"
    r"\b(?:not|wont be|arent|are not|isnt) (?:moving|going) forward\b|\bdecided not to\b|"
    r"\b(?:went|going|gone|go|proceed(?:ing)?) with (?:another|someone|a different|other|an "
    r"internal|a stronger)\b|\bchose (?:another|someone)\b|"
    r"\b(?:didnt|did not|never|dont think i) get (?:it|the job|the role|the position|the "
    r"offer|an offer|selected|through|hired)\b|\b(?:not|wasnt|werent) selected\b|"
    r"\bunsuccessful\b|\bthey said no\b|\bdeclined (?:me|my)\b|\bnot (?:a|the right) (?:good )?"
    r"fit\b|\bdidnt make it\b|\bpassed on me\b|\bno longer (?:being )?considered\b"
)
_CLOSED = _c(
    r"\b(?:position|role|job|opening|vacancy|req|requisition|posting|listing|opportunity)"
    r"(?: \w+){0,3}? (?:closed|filled|cancelled|canceled|cut|eliminated|frozen|on hold|pulled|"
    r"withdrawn|removed|scrapped)\b|\bhiring freeze\b|\bfreeze on hiring\b|"
    r"\bno longer hiring\b|\bnot hiring anymore\b|\bput (?:it|the \w+) on hold\b"
)
_OFFER = _c(
    r"\b(?:got|received|have|accepted|landed|get|getting|receive) (?:the|an|a|their|my)"
    r"(?: \w+)? offer\b|\boffered me\b|\bmade me an offer\b|\bgave me an offer\b|"
    r"\bextended an offer\b|\bwants? to hire me\b|\bgoing to hire me\b|"
    r"\bi (?:got|was|am|have been|ve been) hired\b|\bim hired\b|"
    r"\bgot the (?:job|role|position)\b|\bi got it\b|\bjob offer\b"
)
_REPLIED = _c(
    r"\b(?:got|get|have|had|received|recieved) (?:a |an |their |her |his |the |some )?(?:\w+ )?"
    r"(?:reply|response|answer|call|callback|email|message|voicemail|text|news|update|invite|"
    r"invitation) (?:back )?(?:from|back)\b|"
    r"\bheard (?:back|from)\b|\b(?:got|get|gotten|came) back to me\b|"
    r"\b(?:called|emailed|texted|messaged|rang|phoned|wrote|contacted|invited|emailing|"
    r"calling|reached out to)(?: \w+){0,2} (?:me|back)\b|"
    r"\b(?:they|she|he|recruiter|hr|manager|company|interviewer|team|someone|somebody) "
    r"(?:(?:finally|just|have|has|already|actually|still|havent|hasnt|didnt|never|not|did|"
    r"had) ){0,3}(?:replied|responded|answered|wrote "
    r"back|reached out|got in touch|called|emailed|rang|texted|messaged)\b|"
    r"\binvited me\b|\basked me (?:to come|back|for a)\b|"
    r"\bset up a (?:second|next|final|another) (?:interview|round|call)\b"
)
_OWN_ACTION = _words(
    "called emailed texted messaged rang phoned wrote contacted invited emailing calling reached"
)
_NEGATION = _words(
    "havent hasnt didnt not never no nobody noone none wont dont doesnt werent wasnt isnt "
    "arent yet without if when until"
)

_NEW_INTERVIEW = _c(
    r"\b(?:had|have|did|done|finished|completed|got out of|came out of|just out of|attended|"
    r"wrapped up|aced|bombed|nailed|got)(?: (?:a|an|my|the|our|their|another|2nd|second|third|"
    r"final|first|phone|video|zoom|teams|next|last)){0,4}(?: \w+){0,2}? (?:interview|"
    r"screen|screening|onsite|on site|round|panel)\b|"
    r"\binterviewed (?:at|with|for|today|yesterday|this)\b|"
    r"\binterview (?:done|over|finished|went|today|yesterday|this morning|this afternoon)\b|"
    r"\bnew interview\b|\b(?:add|track|log|record|start)(?: (?:a|an|my|another|new|a new)){0,2} "
    r"interview\b"
)
_LOG_VERB = _c(
    r"\b(?:called|emailed|texted|messaged|rang|phoned|wrote|followed up|reached out|pinged|"
    r"contacted|dropped by|stopped by|popped in|visited|dmed|whatsapped|nudged|chased|"
    r"checked in|showed up|went to (?:their|the) office|tried calling|tried to call|"
    r"left (?:a |an |them a |her a |him a )?(?:voicemail|message|vm|note)|"
    r"sent (?:a |an |my |the |them |her |him |over |another |one more |another )?"
    r"(?:\w+ ){0,3}?(?:email|note|message|follow up|check in|text|dm|linkedin message|"
    r"thank you|inmail|reminder|letter|thanks|portfolio|work sample|references|cv|resume)|"
    r"(?:did|made) (?:a|my|the) (?:follow up|call|check in)|"
    r"gave (?:\w+ ){1,3}?(?:a |another )?(?:call|ring|buzz|nudge))\b"
)
_LOG_SUBJECT = _words("i just also already then finally and have had ive ve so today")
_THANK_NOTE = _c(r"\bthank you\b|\bthanks (?:note|email|message|letter)\b|\bthank\b")

_DRAFT_NOUN = _c(
    r"\b(?:thank you|follow up|check in|feedback|withdraw\w*|update|note|email|message|letter|"
    r"reply)\b.{0,80}\b(?:email|note|message|letter|draft|template|please|\?)|"
    r"\b(?:thank you|follow up|check in|feedback request|withdrawal) (?:email|note|message|"
    r"letter)\b"
)
_DRAFT_KINDS: tuple[tuple[DraftKind, re.Pattern[str]], ...] = (
    (DraftKind.FEEDBACK_REQUEST, _c(r"\bfeedback\b")),
    (
        DraftKind.WITHDRAW,
        _c(
            r"\b(?:withdraw\w*|pull(?:ing)? out|declin\w*|turn(?:ing)? down|accepted (?:another|"
            r"a|an))\b"
        ),
    ),
    (DraftKind.THANK_YOU, _c(r"\b(?:thank you|thanks|thank)\b")),
    (
        DraftKind.SECOND_FOLLOW_UP,
        _c(
            r"\b(?:second|2nd|another|one more|final) (?:follow up|check in|email|note|message|"
            r"nudge|reminder)\b|\bfollow up again\b"
        ),
    ),
    (DraftKind.HIRING_MANAGER, _c(r"\b(?:hiring manager|manager|over the \w+ head)\b")),
    (
        DraftKind.UPDATE,
        _c(r"\b(?:competing|other offer|another offer|news|deadline|promotion|relocat\w*)\b"),
    ),
    (
        DraftKind.CHECK_IN,
        _c(r"\b(?:follow up|following up|check in|checking in|chase|nudge|status)\b"),
    ),
    (DraftKind.UPDATE, _c(r"\bupdate\b")),
)

_CALM = _c(
    r"\b(?:anxious|anxiety|nervous|stressed|stress|stressing|worried|worry|worrying|panic|"
    r"panicking|freaking out|freak out|scared|afraid|upset|depressed|sad|hopeless|overthinking|"
    r"obsess\w*|terrified|dread\w*|restless|on edge|frustrated|desperate|crying|unbearable|"
    r"nerve wracking|breakdown)\b|\bcant (?:stop (?:checking|thinking|refreshing)|sleep|focus|"
    r"take (?:it|this))\b|\blosing my mind\b|\bgoing (?:crazy|insane|mad)\b|\bkilling me\b|"
    r"\bdriving me (?:crazy|nuts|mad)\b|\bcalm (?:me|down)\b|\breassur\w*\b"
)
_HELP = _c(
    r"\bhelp\b|\bwhat (?:can|do) you do\b|\bhow (?:does|do) (?:this|you|it)(?: \w+)? work\b|"
    r"\bcommands\b|\bhow (?:to|do i) use\b|\bwho are you\b|\bwhat are you\b|\binstructions\b|"
    r"\bwhat(?:s| is) this (?:bot|thing|app)\b|\bwhat(?:s| is) (?:this|the|hearback) (?:\w+ )?for\b"
)

_COMPANY_STOP = _words(
    """
    a an the my our their his her them him it this that these those me you us today tomorrow
    yesterday tonight morning afternoon evening noon lunch work home night last next and for
    on in at with from of to by about around after before recruiter recruiters hr hiring
    manager interviewer interviewers panel team company they she he i we someone somebody
    people office phone video zoom teams screen round interview interviews final second
    first but so because which who when where was is went well then now just hour
    """
)
_COMPANY_PREPS = ("at", "with", "from", "for")

# Words never corrected: the common list and every word any pattern spells out.
_KNOWN = (
    _COMMON
    | _KEYS
    | frozenset(
        word
        for rx in (
            *(rx for _, rx in _CHANNELS),
            *(rx for _, rx in _DRAFT_KINDS),
            _RECIPIENT_RX,
            _CONTACT_RX,
            _TONE_ASK,
            _DRAFT_ASK,
            _SHOULD_LEAD,
            _WHY,
            _DELETE,
            _EXPORT,
            _CALENDAR,
            _TIMEZONE,
            _SETTINGS,
            _LIST,
            _STATUS,
            _WITHDREW,
            _REJECTED,
            _CLOSED,
            _OFFER,
            _REPLIED,
            _NEW_INTERVIEW,
            _LOG_VERB,
            _DRAFT_NOUN,
            _CALM,
            _HELP,
        )
        for word in re.findall(r"[a-z]{4,}", rx.pattern)
    )
    | frozenset(_EXACT)
    | frozenset(_SHORTHAND.values())
)


def _company(original: list[str], norm: list[str], *, lowercase_ok: bool) -> str | None:
    """The employer named after "at", "with", "from" or "for" (preferred in that order)."""
    for prep in _COMPANY_PREPS:
        for i, tok in enumerate(norm):
            if tok != prep:
                continue
            words: list[str] = []
            for j in range(i + 1, min(i + 6, len(norm))):
                raw = original[j]
                low = norm[j]
                if not (raw[0].isalnum() or raw == "&") or low in _COMPANY_STOP:
                    break
                if raw[0].isdigit() and not words:
                    break
                capital = raw[0].isupper() or raw[0].isdigit() or raw == "&"
                if not capital and not lowercase_ok:
                    break
                if not capital and words and original[i + 1][0].isupper():
                    break  # a lowercase word after a capitalised name ends it
                words.append(raw)
                if not capital and len(words) >= 3:
                    break
            if words:
                return " ".join(words)
    return None


def _reply(t: str) -> IntentMatch | None:
    """An outcome or a reply; ``IntentMatch(WHY)`` for a denied reply ("they haven't
    replied"), which the caller uses only when nothing else matches."""
    if _WITHDREW.search(t):
        return IntentMatch(Intent.REPLY, outcome=Outcome.WITHDREW)
    if _REJECTED.search(t):
        return IntentMatch(Intent.REPLY, outcome=Outcome.REJECTED, replied=True)
    if _CLOSED.search(t):
        return IntentMatch(Intent.REPLY, outcome=Outcome.CLOSED, replied=True)
    if _OFFER.search(t):
        return IntentMatch(Intent.REPLY, outcome=Outcome.OFFER, replied=True)
    denied = False
    for m in _REPLIED.finditer(t):
        before = t[: m.start()].split()[-4:]
        if before and before[-1] in ("i", "we") and m.group().split()[0] in _OWN_ACTION:
            continue  # "I called them back" is the user's own attempt
        if any(w in _NEGATION for w in before + m.group().split()):
            denied = True  # "they haven't got back to me"
            continue
        return IntentMatch(Intent.REPLY, outcome=Outcome.NONE, replied=True)
    return IntentMatch(Intent.WHY) if denied else None


def _log_attempt(t: str) -> IntentMatch | None:
    for m in _LOG_VERB.finditer(t):
        before = t[: m.start()].split()
        if before and before[-1] not in _LOG_SUBJECT and before[-1] not in ",.;:!":
            continue
        if any(w in _NEGATION for w in before[-3:]):
            continue  # "I haven't called yet"
        kind = DraftKind.THANK_YOU if _THANK_NOTE.search(t) else None
        return IntentMatch(
            Intent.LOG_ATTEMPT,
            channel=_channel(t[m.start() :]) or _channel(t),
            recipient=_recipient(t),
            draft_kind=kind,
        )
    return None


def _draft_kind(t: str) -> DraftKind | None:
    for kind, rx in _DRAFT_KINDS:
        if rx.search(t):
            return kind
    return None


def _is_pasted_draft(text: str) -> bool:
    words = len(text.split())
    if words < 12:
        return False
    return bool(_GREETING_START.match(text)) or bool(_SIGN_OFF.search(text + "\n"))


def recognise(text: str) -> IntentMatch:
    """The intent of one free-text message, with the slots it names (see module doc)."""
    try:
        return _recognise(text)
    except Exception:  # defensive: user text must never crash the bot
        return IntentMatch(Intent.UNKNOWN)


def _recognise(text: str) -> IntentMatch:
    stripped = text.strip()
    if not stripped:
        return IntentMatch(Intent.UNKNOWN)
    if stripped.startswith("/"):
        name = re.split(r"[\s@]", stripped[1:], maxsplit=1)[0].lower()
        if name in _SLASH:
            return IntentMatch(_SLASH[name])
    original, norm = _tokens(stripped)
    t = " ".join(norm)
    words_only = " ".join(w for w in norm if w[0].isalnum())

    # 1. A draft to check, asked for or pasted.
    if _TONE_ASK.search(t) or _is_pasted_draft(stripped):
        return IntentMatch(Intent.TONE)
    # 3. The whole message is a command word.
    if words_only in _EXACT:
        return IntentMatch(_EXACT[words_only])
    if not words_only:
        return IntentMatch(Intent.UNKNOWN)
    # 4. An explicit request to write something.
    if _DRAFT_ASK.search(t):
        return IntentMatch(Intent.DRAFT, draft_kind=_draft_kind(t), recipient=_recipient(t))
    # 5. A question about contacting the employer: the question clause decides the slots.
    lead = _SHOULD_LEAD.search(t)
    if lead and _CONTACT_RX.search(t, lead.start()):
        clause = t[lead.start() :]
        return IntentMatch(
            Intent.SHOULD_I,
            channel=_channel(clause),
            recipient=_recipient(clause) or _recipient(t),
            company=_company(original, norm, lowercase_ok=False),
        )
    # 6. Why the silence.
    if _WHY.search(t):
        return IntentMatch(Intent.WHY)
    # 7. Commands phrased in a sentence.
    for rx, intent in (
        (_DELETE, Intent.DELETE),
        (_EXPORT, Intent.EXPORT),
        (_CALENDAR, Intent.CALENDAR),
        (_TIMEZONE, Intent.TIMEZONE),
        (_SETTINGS, Intent.SETTINGS),
        (_LIST, Intent.LIST),
        (_STATUS, Intent.STATUS),
    ):
        if rx.search(t):
            return IntentMatch(intent, company=_company(original, norm, lowercase_ok=False))
    # 8. News from the employer, or an outcome.
    reply = _reply(t)
    silence = reply is not None and reply.intent is Intent.WHY
    if reply is not None and not silence:
        company = _company(original, norm, lowercase_ok=False)
        return IntentMatch(
            Intent.REPLY,
            outcome=reply.outcome,
            replied=reply.replied,
            channel=_channel(t) if reply.outcome is Outcome.NONE else None,
            recipient=_recipient(t),
            company=company,
        )
    # 9. A new interview.
    if _NEW_INTERVIEW.search(t):
        return IntentMatch(
            Intent.NEW_INTERVIEW, company=_company(original, norm, lowercase_ok=True)
        )
    # 10. The user's own follow-up.
    attempt = _log_attempt(t)
    if attempt is not None:
        return IntentMatch(
            Intent.LOG_ATTEMPT,
            channel=attempt.channel,
            recipient=attempt.recipient,
            draft_kind=attempt.draft_kind,
            company=_company(original, norm, lowercase_ok=False),
        )
    # 11. A draft kind named without asking to write.
    if _DRAFT_NOUN.search(t):
        return IntentMatch(Intent.DRAFT, draft_kind=_draft_kind(t), recipient=_recipient(t))
    # 12. Feelings, then a reply the user says did not come ("they haven't replied").
    if _CALM.search(t):
        return IntentMatch(Intent.CALM)
    if silence:
        return IntentMatch(Intent.WHY)
    # 13. Help, or a greeting.
    if _HELP.search(t):
        return IntentMatch(Intent.HELP)
    if norm and norm[0] in ("hi", "hello", "hey", "hiya") and len(norm) <= 4:
        return IntentMatch(Intent.START)
    return IntentMatch(Intent.UNKNOWN)


# --- suggestions for unknown text -----------------------------------------------------

_HINTS: dict[Intent, tuple[str, ...]] = {
    Intent.NEW_INTERVIEW: ("new", "interview", "interviewed", "add"),
    Intent.LOG_ATTEMPT: ("log", "emailed", "called", "followed", "sent", "attempt"),
    Intent.REPLY: ("reply", "replied", "heard", "offer", "rejected", "outcome", "withdrew"),
    Intent.SHOULD_I: ("should", "again", "follow", "chase", "contact"),
    Intent.DRAFT: ("draft", "write", "email", "template", "note"),
    Intent.TONE: ("tone", "check", "proofread", "sound"),
    Intent.WHY: ("why", "silence", "ghosted", "long"),
    Intent.CALM: ("calm", "anxious", "nervous", "worried", "stress", "anxiety"),
    Intent.HELP: ("help", "commands", "menu", "how"),
    Intent.LIST: ("list", "interviews", "all", "show"),
    Intent.STATUS: ("status", "next", "plan", "stand"),
    Intent.EXPORT: ("export", "download", "copy"),
    Intent.DELETE: ("delete", "erase", "remove", "forget"),
    Intent.CALENDAR: ("calendar", "ics", "ical", "reminders"),
    Intent.SETTINGS: ("settings", "preferences", "hour", "nudge"),
    Intent.TIMEZONE: ("timezone", "zone", "time", "city"),
    Intent.START: ("start", "begin", "hello"),
    Intent.CANCEL: ("cancel", "stop", "quit"),
}


def closest_commands(text: str, limit: int = 2) -> tuple[Intent, ...]:
    """Up to ``limit`` intents whose key words look most like the words of ``text``.

    For a message :func:`recognise` could not place: each word is compared with each
    intent's key words by similarity ratio (:mod:`difflib`); intents scoring at least
    0.7 are returned best first. When nothing comes close the answer is ``(HELP,)``.
    Never raises.
    """
    if limit <= 0:
        return ()
    try:
        words = [w for w in re.findall(r"[a-z]+", str(text).lower()[:2000]) if len(w) >= 3]
    except Exception:  # defensive, as recognise()
        words = []
    scores: dict[Intent, float] = {}
    for intent, hints in _HINTS.items():
        best = 0.0
        for word in words[:50]:
            for hint in hints:
                ratio = difflib.SequenceMatcher(None, word, hint).ratio()
                best = max(best, ratio)
        if best >= 0.7:
            scores[intent] = best
    ranked = sorted(scores, key=lambda i: -scores[i])  # stable: ties keep _HINTS order
    return tuple(ranked[:limit]) or (Intent.HELP,)
