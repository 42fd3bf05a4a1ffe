"""Typed button arguments: one frozen dataclass per button kind, one codec for all of them.

A button kind declares its callback-data prefix and its arguments as typed fields:

    @dataclass(frozen=True, slots=True)
    class Thanked(Press):
        PREFIX: ClassVar[str] = "ty"
        interview: int

A button is built from the object (:func:`press_button`), never from hand-joined strings, and
its handler receives the parsed object (:func:`typed`). The wire format is the one buttons
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
import re
import types
import typing
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from bot.core.types import Vibe
from bot.telegram import texts
from bot.telegram.callbacks import MAX_BYTES, SEP, parse_id, unpack

if TYPE_CHECKING:
    from bot.telegram.runtime import Turn

__all__ = [
    "KINDS",
    "MAX_TOKEN",
    "NewsShared",
    "Picture",
    "Press",
    "SetVibe",
    "Thanked",
    "UndoAttempt",
    "Withdrawn",
    "decode",
    "encode",
    "parse_args",
    "press_button",
    "typed",
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

    action.__name__ = getattr(handler, "__name__", "action")
    action.__doc__ = handler.__doc__
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
class SetVibe(Press):
    """``vb:<interview>:<vibe>``: how the interview felt, noted from a message."""

    PREFIX: ClassVar[str] = "vb"
    interview: int
    vibe: Vibe


KINDS: tuple[type[Press], ...] = (Thanked, Withdrawn, NewsShared, Picture, UndoAttempt, SetVibe)
"""Every typed button kind (tests check each one; prefixes are unique)."""
