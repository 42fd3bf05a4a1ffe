"""Typed button arguments: one frozen dataclass per button kind, one codec for all of them.

A button kind declares its callback-data prefix and its arguments as typed fields:

    @dataclass(frozen=True, slots=True)
    class Thanked(Press):
        PREFIX: ClassVar[str] = "ty"
        interview: int

A button is built from the object (:func:`press_button`), never from hand-joined strings, and
its handler receives the parsed object (:func:`typed`). A command that shares a kind with its
buttons reads its words into the same object (:func:`from_words`, :func:`typed_words`), so
``/log 3 email`` and the button ``lg:3:email`` reach one handler. The wire format is the one buttons
already sent in chats carry, ``prefix:arg:arg`` with the fields in declaration order (see
:mod:`bot.telegram.callbacks`), so a button pressed after an upgrade still works.

Field types: ``int`` (a row id, ASCII digits within the database's range, see
:func:`~bot.telegram.callbacks.parse_id`), a ``StrEnum`` (its value), ``str`` (a short ASCII
token without ``:``) and any of them ``| None`` with a default of ``None`` (an empty or
missing argument). Data that does not parse, has too many arguments or is over Telegram's
64 bytes gives ``None``: the handler is not called and the user gets the kind "expired
button" answer. Ids in it are only a hint: handlers still read rows scoped to the user.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import re
import types
import typing
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from bot.core.types import Channel, DraftKind, Outcome, Recipient, Vibe
from bot.telegram import texts
from bot.telegram.callbacks import MAX_BYTES, SEP, parse_id, unpack

if TYPE_CHECKING:
    from bot.telegram.runtime import Turn

__all__ = [
    "ANSWERED_ALL",
    "ANSWERED_NONE",
    "KINDS",
    "MAX_TOKEN",
    "AnswerQuestion",
    "Answered",
    "Calendar",
    "Calm",
    "Confirm",
    "Delete",
    "Draft",
    "Edit",
    "EditField",
    "Export",
    "Help",
    "KeepDate",
    "ListPage",
    "LogAttempt",
    "NewInterview",
    "NewsShared",
    "NudgeOp",
    "Ok",
    "OnContact",
    "OnInterview",
    "OnNudge",
    "Picture",
    "Reply",
    "ReplyChoice",
    "RunCommand",
    "SetVibe",
    "Setting",
    "Settings",
    "ShouldI",
    "Status",
    "Thanked",
    "TimeZone",
    "Tone",
    "UndoAttempt",
    "Why",
    "Withdrawn",
    "decode",
    "encode",
    "from_words",
    "parse_args",
    "press_button",
    "typed",
    "typed_words",
]

MAX_TOKEN = 32
"""The longest ``str`` argument, in characters."""
_TOKEN = re.compile(rf"[A-Za-z0-9_.+-]{{1,{MAX_TOKEN}}}")


@dataclasses.dataclass(frozen=True, slots=True)
class Press:
    """The arguments of one button kind; subclasses set ``PREFIX`` and declare fields."""

    PREFIX: ClassVar[str]


P = TypeVar("P", bound=Press)


@dataclasses.dataclass(frozen=True, slots=True)
class _Field:
    name: str
    kind: type  # int, str or a StrEnum subclass
    optional: bool


_SCHEMAS: dict[type[Press], tuple[_Field, ...]] = {}


def _schema(cls: type[Press]) -> tuple[_Field, ...]:
    """The fields of ``cls`` with their resolved types, checked once per class."""
    known = _SCHEMAS.get(cls)
    if known is not None:
        return known
    hints = typing.get_type_hints(cls)
    fields = []
    for field in dataclasses.fields(cls):
        hint = hints[field.name]
        optional = False
        if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
            members = [a for a in typing.get_args(hint) if a is not type(None)]
            if len(members) != 1 or field.default is not None:
                raise TypeError(f"{cls.__name__}.{field.name}: only 'X | None = None' is allowed")
            hint, optional = members[0], True
        if not (
            hint is int
            or hint is str
            or (isinstance(hint, type) and issubclass(hint, enum.StrEnum))
        ):
            raise TypeError(f"{cls.__name__}.{field.name}: unsupported type {hint!r}")
        fields.append(_Field(field.name, hint, optional))
    prefix = getattr(cls, "PREFIX", "")
    if not prefix or not prefix.isascii() or not prefix.replace("_", "").isalnum():
        raise TypeError(f"{cls.__name__}: PREFIX must be a short ASCII word")
    _SCHEMAS[cls] = tuple(fields)
    return _SCHEMAS[cls]


def _dump(field: _Field, value: object) -> str:
    if value is None:
        if not field.optional:
            raise ValueError(f"{field.name} is required")
        return ""
    if field.kind is int:
        # Exactly the ids parse_id reads back (up to 18 digits), so encode and decode agree.
        if not isinstance(value, int) or isinstance(value, bool) or parse_id(str(value)) != value:
            raise ValueError(f"{field.name}: not an id: {value!r}")
        return str(value)
    if field.kind is str:
        if not isinstance(value, str) or _TOKEN.fullmatch(value) is None:
            raise ValueError(f"{field.name}: not a short token: {value!r}")
        return value
    if not isinstance(value, field.kind):
        raise ValueError(f"{field.name}: not a {field.kind.__name__}: {value!r}")
    return str(typing.cast(enum.StrEnum, value).value)


def _load(field: _Field, text: str) -> tuple[bool, object]:
    """(parsed, value) of one argument."""
    if text == "" and field.optional:
        return True, None
    if field.kind is int:
        number = parse_id(text)
        return number is not None, number
    if field.kind is str:
        return _TOKEN.fullmatch(text) is not None, text
    try:
        return True, field.kind(text)
    except ValueError:
        return False, None


def encode(press: Press) -> str:
    """The callback data of ``press``: ``PREFIX:arg:arg``; trailing empty optionals are left
    out. Raises ``ValueError`` for a value the field cannot carry or data over 64 bytes."""
    cls = type(press)
    parts = [_dump(f, getattr(press, f.name)) for f in _schema(cls)]
    while parts and parts[-1] == "" and _schema(cls)[len(parts) - 1].optional:
        parts.pop()
    data = SEP.join([cls.PREFIX, *parts])
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data too long: {len(data.encode())} bytes")
    return data


def parse_args(cls: type[P], args: Sequence[str]) -> P | None:
    """The ``cls`` object for a button's arguments (the data after the prefix), or ``None``."""
    schema = _schema(cls)
    if len(args) > len(schema):
        return None
    values: dict[str, Any] = {}
    for index, field in enumerate(schema):
        if index >= len(args):
            if not field.optional:
                return None
            values[field.name] = None
            continue
        ok, value = _load(field, args[index])
        if not ok:
            return None
        values[field.name] = value
    return cls(**values)


def decode(cls: type[P], data: str | None) -> P | None:
    """The ``cls`` object for whole callback data, or ``None`` when it is not one of its."""
    callback = unpack(data)
    if callback is None or callback.action != cls.PREFIX:
        return None
    return parse_args(cls, callback.args)


def press_button(text: str, press: Press) -> tuple[str, str]:
    """An inline button: its label and the callback data of ``press``."""
    return (text, encode(press))


def from_words(cls: type[P], words: Sequence[str]) -> P | None:
    """The ``cls`` object for the words typed after a command (``/log 3 email``), or ``None``
    when a required field is missing or does not parse.

    Words are read more kindly than buttons: each fills the next field, and the first word
    that does not parse (and every one after it) is left out, so the fields from there on are
    empty and the handler asks for them, as it does for a button without them.
    """
    values: dict[str, Any] = {}
    reading = True
    for index, field in enumerate(_schema(cls)):
        ok, value = _load(field, words[index]) if reading and index < len(words) else (False, None)
        if not ok:
            if not field.optional:
                return None
            reading, value = False, None
        values[field.name] = value
    return cls(**values)


def typed(
    cls: type[P], handler: Callable[[Turn, P], Awaitable[None]]
) -> Callable[[Turn, Sequence[str]], Awaitable[None]]:
    """A command table action for ``cls``'s buttons: parse the arguments, then run
    ``handler`` with the object; data that does not parse gets the "expired button" answer."""

    async def action(turn: Turn, args: Sequence[str]) -> None:
        press = parse_args(cls, args)
        if press is None:
            turn.say(texts.EXPIRED)
            return
        await handler(turn, press)

    functools.update_wrapper(action, handler)  # inspect.unwrap(action) is handler
    return action


def typed_words(
    cls: type[P], handler: Callable[[Turn, P], Awaitable[None]]
) -> Callable[[Turn, Sequence[str]], Awaitable[None]]:
    """A command table action for a command whose words are ``cls``'s arguments
    (:func:`from_words`), so ``/status 3`` and the button ``st:3`` reach ``handler`` alike."""

    async def action(turn: Turn, words: Sequence[str]) -> None:
        press = from_words(cls, words)
        if press is None:
            turn.say(texts.EXPIRED)
            return
        await handler(turn, press)

    functools.update_wrapper(action, handler)  # inspect.unwrap(action) is handler
    return action


# --- the button kinds ---------------------------------------------------------------------------
# Field order is the wire order of the buttons already sent, so old buttons still parse.


@dataclasses.dataclass(frozen=True, slots=True)
class Thanked(Press):
    """``ty:<interview>``: the thank-you note was sent."""

    PREFIX: ClassVar[str] = "ty"
    interview: int


@dataclasses.dataclass(frozen=True, slots=True)
class Withdrawn(Press):
    """``wd:<interview>``: the withdrawal e-mail was sent."""

    PREFIX: ClassVar[str] = "wd"
    interview: int


@dataclasses.dataclass(frozen=True, slots=True)
class NewsShared(Press):
    """``nw:<interview>``: real news was shared with them."""

    PREFIX: ClassVar[str] = "nw"
    interview: int


@dataclasses.dataclass(frozen=True, slots=True)
class Picture(Press):
    """``pic:<interview>``: the interview's timeline as a picture."""

    PREFIX: ClassVar[str] = "pic"
    interview: int


@dataclasses.dataclass(frozen=True, slots=True)
class UndoAttempt(Press):
    """``ua:<attempt>``: remove a logged follow-up."""

    PREFIX: ClassVar[str] = "ua"
    attempt: int


@dataclasses.dataclass(frozen=True, slots=True)
class KeepDate(Press):
    """``kd:<interview>:<yyyymmdd, or 0 for none>``: undo the new date a reply gave; the
    date before it comes back."""

    PREFIX: ClassVar[str] = "kd"
    interview: int
    day: int


@dataclasses.dataclass(frozen=True, slots=True)
class SetVibe(Press):
    """``vb:<interview>:<vibe>``: how the interview felt, noted from a message."""

    PREFIX: ClassVar[str] = "vb"
    interview: int
    vibe: Vibe


@dataclasses.dataclass(frozen=True, slots=True)
class OnInterview(Press):
    """A kind whose first argument is an interview; missing, the user picks one
    (:func:`bot.telegram.actions.pick` builds the same press with each interview in it)."""

    interview: int | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Status(OnInterview):
    """``st:<interview>``: the interview's status card."""

    PREFIX: ClassVar[str] = "st"


@dataclasses.dataclass(frozen=True, slots=True)
class Calendar(OnInterview):
    """``ic:<interview>``: the interview's reminders as a calendar file."""

    PREFIX: ClassVar[str] = "ic"


class EditField(enum.StrEnum):
    """What of a stored interview can be changed."""

    COMPANY = "company"
    ROLE = "role"
    WHEN = "when"
    TIMELINE = "timeline"
    VIBE = "vibe"


@dataclasses.dataclass(frozen=True, slots=True)
class Edit(OnInterview):
    """``ed:<interview>:<field>``: change one thing of an interview (missing: ask which)."""

    PREFIX: ClassVar[str] = "ed"
    field: EditField | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class RemoveInterview(OnInterview):
    """``rm:<interview>:yes|no``: remove one interview (missing answer: ask to confirm)."""

    PREFIX: ClassVar[str] = "rm"
    answer: Confirm | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class ListPage(Press):
    """``ls:<page>``: one page of /list (missing: the first)."""

    PREFIX: ClassVar[str] = "ls"
    page: int | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class OnContact(OnInterview):
    """A kind about one way of contacting them: the interview, then channel and whom."""

    channel: Channel | None = None
    to: Recipient | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class LogAttempt(OnContact):
    """``lg:<interview>:<channel>:<to>``: log a follow-up (missing parts are asked for)."""

    PREFIX: ClassVar[str] = "lg"


@dataclasses.dataclass(frozen=True, slots=True)
class ShouldI(OnContact):
    """``sh:<interview>:<channel>:<to>``: should I follow up this way now?"""

    PREFIX: ClassVar[str] = "sh"


@dataclasses.dataclass(frozen=True, slots=True)
class Draft(OnInterview):
    """``dr:<interview>:<kind>``: a draft (missing kind: ask which; missing interview with a
    kind, ``dr::withdraw``: pick the interview it is for)."""

    PREFIX: ClassVar[str] = "dr"
    kind: DraftKind | None = None


class ReplyChoice(enum.StrEnum):
    """What the employer did, or undoing it."""

    REPLIED = "replied"
    NEW_DATE = "newdate"
    OFFER = Outcome.OFFER.value
    REJECTED = Outcome.REJECTED.value
    CLOSED = Outcome.CLOSED.value
    WITHDREW = Outcome.WITHDREW.value
    REOPEN = "reopen"


@dataclasses.dataclass(frozen=True, slots=True)
class Reply(OnInterview):
    """``rp:<interview>:<choice>``: they replied, or the outcome (missing: ask what)."""

    PREFIX: ClassVar[str] = "rp"
    choice: ReplyChoice | None = None


ANSWERED_ALL = "all"
ANSWERED_NONE = "none"


@dataclasses.dataclass(frozen=True, slots=True)
class Answered(Press):
    """``ans:<interview>:all|none|<attempt>``: which follow-ups of a reopened interview got an
    answer. ``which`` is one of the two words or an attempt id (:attr:`attempt`)."""

    PREFIX: ClassVar[str] = "ans"
    interview: int
    which: str

    @property
    def attempt(self) -> int | None:
        """The one follow-up answered, when ``which`` names one."""
        return parse_id(self.which)


class Setting(enum.StrEnum):
    """What /settings can change."""

    ZONE = "zone"
    HOUR = "hour"
    COUNTRY = "country"
    NAME = "name"


@dataclasses.dataclass(frozen=True, slots=True)
class Settings(Press):
    """``set:<setting>``: change one setting (missing: show them)."""

    PREFIX: ClassVar[str] = "set"
    setting: Setting | None = None


class Confirm(enum.StrEnum):
    YES = "yes"
    NO = "no"


@dataclasses.dataclass(frozen=True, slots=True)
class Delete(Press):
    """``del:yes|no``: the answer to "erase everything?" (missing: ask)."""

    PREFIX: ClassVar[str] = "del"
    answer: Confirm | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Why(Press):
    """``why:<rule>:...``: up to four rule ids to explain (none: why employers go quiet)."""

    PREFIX: ClassVar[str] = "why"
    first: str | None = None
    second: str | None = None
    third: str | None = None
    fourth: str | None = None

    @classmethod
    def of(cls, rules: Sequence[str]) -> Why:
        """The press for the first four of ``rules``."""
        first, second, third, fourth = [*rules[:4], None, None, None, None][:4]
        return cls(first, second, third, fourth)

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(r for r in (self.first, self.second, self.third, self.fourth) if r)


@dataclasses.dataclass(frozen=True, slots=True)
class AnswerQuestion(Press):
    """``q:<question>:<value>``: a button answer to the open question of a conversation."""

    PREFIX: ClassVar[str] = "q"
    question: str
    value: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class RunCommand(Press):
    """``cmd:<name>``: a suggested command, pressed."""

    PREFIX: ClassVar[str] = "cmd"
    name: str


class NudgeOp(enum.StrEnum):
    """What a reminder's button does."""

    DRAFT = "d"
    DONE = "k"
    SNOOZE = "s"
    REPLIED = "r"
    STOP = "x"


@dataclasses.dataclass(frozen=True, slots=True)
class OnNudge(Press):
    """``n:<nudge>:<op>``: a reminder's button."""

    PREFIX: ClassVar[str] = "n"
    nudge: int
    op: NudgeOp


# Buttons with no arguments: the prefix alone.


@dataclasses.dataclass(frozen=True, slots=True)
class Ok(Press):
    """``ok``: "fine, remind me" (nothing to do)."""

    PREFIX: ClassVar[str] = "ok"


@dataclasses.dataclass(frozen=True, slots=True)
class NewInterview(Press):
    PREFIX: ClassVar[str] = "new"


@dataclasses.dataclass(frozen=True, slots=True)
class Tone(Press):
    PREFIX: ClassVar[str] = "tone"


@dataclasses.dataclass(frozen=True, slots=True)
class Calm(Press):
    PREFIX: ClassVar[str] = "calm"


@dataclasses.dataclass(frozen=True, slots=True)
class TimeZone(Press):
    PREFIX: ClassVar[str] = "tz"


@dataclasses.dataclass(frozen=True, slots=True)
class Export(Press):
    PREFIX: ClassVar[str] = "exp"


@dataclasses.dataclass(frozen=True, slots=True)
class Help(Press):
    PREFIX: ClassVar[str] = "help"


KINDS: tuple[type[Press], ...] = (
    KeepDate,
    Thanked,
    Withdrawn,
    NewsShared,
    Picture,
    UndoAttempt,
    SetVibe,
    Status,
    Calendar,
    Edit,
    RemoveInterview,
    ListPage,
    LogAttempt,
    ShouldI,
    Draft,
    Reply,
    Answered,
    Settings,
    Delete,
    Why,
    AnswerQuestion,
    RunCommand,
    OnNudge,
    Ok,
    NewInterview,
    Tone,
    Calm,
    TimeZone,
    Export,
    Help,
)
"""Every typed button kind (tests check each one; prefixes are unique)."""
