"""Word tables and text clean-up for reading timeline phrases (T2-T4).

The reader in :mod:`bot.core.timeline` works on text that went through
:func:`normalize`: case-folded, apostrophes dropped ("didn't" -> "didnt",
"new year's" -> "new years"), dashes unified, hyphens between words turned
into spaces ("mid-December" -> "mid december"), number words turned into
digits ("two weeks" -> "2 weeks") and the odd typo mended ("wihtin" ->
"within", "nxt" -> "next", "fridya" -> "friday").

Typos are mended two ways: a short table for abbreviations and slips too
short to judge by similarity, and a similarity match (``difflib`` ratio >= 0.8,
same first letter, length within one) against a small vocabulary of long words
that matter here: weekday and month names and the handful of keywords the
patterns need. Short month names ("march", "may", "june", "july") are never
guessed at, because "match", "many" or "jury" are ordinary words.
"""

from __future__ import annotations

import functools
import re
from difflib import SequenceMatcher

__all__ = [
    "MONTHS",
    "MONTH_RE",
    "NUMBER_WORDS",
    "ORDINAL_WORDS",
    "WEEKDAYS",
    "WEEKDAY_RE",
    "month_number",
    "normalize",
    "ordinal_value",
    "weekday_number",
]

MAX_CHARS = 2000
"""Only this many leading characters of a message are read (bounds the work per call)."""

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

# Abbreviations that are also ordinary words; the reader only takes them after a
# preposition ("by mon", "on sat"). The unambiguous ones are spelled out by normalize().
_WEEKDAY_ABBR = {"mon": 0, "wed": 2, "sat": 5, "sun": 6}
_MONTH_ABBR = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

WEEKDAY_RE = "(?:" + "|".join(WEEKDAYS) + ")"
"""A full weekday name (abbreviations are mended into full names by :func:`normalize`)."""

MONTH_RE = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
"""A month name or its usual abbreviation, with an optional trailing dot."""

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
}

ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty first": 21,
    "twenty second": 22,
    "twenty third": 23,
    "twenty fourth": 24,
    "twenty fifth": 25,
    "twenty sixth": 26,
    "twenty seventh": 27,
    "twenty eighth": 28,
    "twenty ninth": 29,
    "thirtieth": 30,
    "thirty first": 31,
}

# Slips and shorthands too short for a similarity match.
_TYPOS = {
    "nxt": "next",
    "nex": "next",
    "enxt": "next",
    "erly": "early",
    "eraly": "early",
    "wk": "week",
    "wks": "weeks",
    "wek": "week",
    "weeek": "week",
    "wkend": "weekend",
    "tue": "tuesday",
    "tues": "tuesday",
    "thu": "thursday",
    "thur": "thursday",
    "thurs": "thursday",
    "weds": "wednesday",
    "fri": "friday",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tmrow": "tomorrow",
    "tmw": "tomorrow",
    "tomoz": "tomorrow",
    "tdy": "today",
    "bday": "business day",
    "bdays": "business days",
    "biz": "business",
    "mth": "month",
    "mths": "months",
    "mnth": "month",
    "mo": "month",
    "mos": "months",
    "hrs": "hours",
    "hr": "hour",
    "cpl": "couple",
    "coupla": "couple of",
    "til": "until",
    "till": "until",
    "untill": "until",
    "thru": "through",
    "xmas": "christmas",
}

# Long words worth mending by similarity (never short ordinary words).
_VOCABULARY = (
    *WEEKDAYS,
    "january",
    "february",
    "april",
    "august",
    "september",
    "october",
    "november",
    "december",
    "within",
    "business",
    "working",
    "tomorrow",
    "couple",
    "fortnight",
    "weekend",
    "middle",
    "beginning",
    "following",
    "thanksgiving",
    "christmas",
    "between",
)
_VOCAB_SET = frozenset(_VOCABULARY)


@functools.lru_cache(maxsize=4096)
def _mend(word: str) -> str:
    if word in _TYPOS:
        return _TYPOS[word]
    if word in _VOCAB_SET or len(word) < 5 or len(word) > 13:
        return word
    best, best_ratio = word, 0.0
    for target in _VOCABULARY:
        if target[0] != word[0] or abs(len(target) - len(word)) > 1:
            continue
        ratio = SequenceMatcher(None, word, target).ratio()
        if ratio > best_ratio:
            best, best_ratio = target, ratio
    return best if best_ratio >= 0.8 else word


def _mend_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if word in _WEEKDAY_ABBR:
        return word  # kept short: only read after a preposition (see timeline patterns)
    if word in NUMBER_WORDS:
        return str(NUMBER_WORDS[word])
    return _mend(word)


_APOSTROPHES = re.compile(r"['’‘`´]")
_DASHES = re.compile(r"[‐‑‒–—―~]")
_WORD_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
_NUMBER_ISH = re.compile(r"(?<=\d)\s*ish\b")
_SPACES = re.compile(r"\s+")
_DIGIT_SLANG = re.compile(r"\b2(?:day|morr?ow|moro+w?)\b")
_COMPOUND_ORDINAL = re.compile(
    r"\b(twenty|thirty)[ -](first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b"
)
_WORD = re.compile(r"[a-z]+")
_PUNCT_RUN = re.compile(r"([!?.,;:])\1+")


def _compound_ordinal(match: re.Match[str]) -> str:
    value = ORDINAL_WORDS[f"{match.group(1)} {match.group(2)}"]
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def normalize(text: str) -> str:
    """The reader's view of ``text``: see the module docstring. Never raises."""
    text = text[:MAX_CHARS].casefold()
    text = _APOSTROPHES.sub("", text)
    text = _DASHES.sub("-", text)
    text = text.replace("&", " and ")
    text = _DIGIT_SLANG.sub(lambda m: "today" if m.group(0) == "2day" else "tomorrow", text)
    text = _COMPOUND_ORDINAL.sub(_compound_ordinal, text)
    text = _WORD_HYPHEN.sub(" ", text)
    text = _NUMBER_ISH.sub("", text)
    text = _PUNCT_RUN.sub(r"\1", text)
    text = _WORD.sub(_mend_word, text)
    return _SPACES.sub(" ", text).strip()


def weekday_number(word: str) -> int:
    """Monday = 0 for a full or abbreviated weekday name."""
    word = word.rstrip(".")
    if word in _WEEKDAY_ABBR:
        return _WEEKDAY_ABBR[word]
    return WEEKDAYS.index(word)


def month_number(word: str) -> int:
    """January = 1 for a full or abbreviated month name."""
    word = word.rstrip(".")
    if word in _MONTH_ABBR:
        return _MONTH_ABBR[word]
    return MONTHS.index(word) + 1


def ordinal_value(word: str) -> int | None:
    """The day number of "3", "3rd", "third" or "twenty first"; ``None`` otherwise."""
    word = word.strip()
    digits = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", word)
    if digits:
        return int(digits.group(1))
    return ORDINAL_WORDS.get(word)
