"""Typed button arguments: one codec for every button kind, bounded by Telegram's 64 bytes."""

from __future__ import annotations

import ast
import dataclasses
import typing
from enum import StrEnum
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.types import Channel, DraftKind, Recipient, Vibe
from bot.telegram.callbacks import MAX_BYTES, MAX_ID, pack, unpack
from bot.telegram.presses import (
    KINDS,
    MAX_TOKEN,
    Answered,
    AnswerQuestion,
    Calendar,
    Calm,
    Confirm,
    Delete,
    Draft,
    Edit,
    EditField,
    Export,
    Help,
    KeepDate,
    ListPage,
    LogAttempt,
    NewInterview,
    NewsShared,
    NudgeOp,
    Ok,
    OnNudge,
    Picture,
    Press,
    RemoveInterview,
    Reply,
    ReplyChoice,
    RunCommand,
    Setting,
    Settings,
    SetVibe,
    ShouldI,
    Status,
    Thanked,
    TimeZone,
    Tone,
    UndoAttempt,
    Why,
    Withdrawn,
    decode,
    encode,
    from_words,
    parse_args,
    press_button,
)


class Colour(StrEnum):
    RED = "red"
    DEEP_BLUE = "deep_blue"


@dataclasses.dataclass(frozen=True, slots=True)
class Sample(Press):
    """A kind with every field type the codec carries."""

    PREFIX: ClassVar[str] = "smp"
    item: int
    colour: Colour
    word: str
    other: int | None = None
    shade: Colour | None = None


LARGEST_ID = 10**18 - 1  # parse_id reads at most 18 digits
ids = st.integers(min_value=0, max_value=LARGEST_ID)
tokens = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.+-",
    min_size=1,
    max_size=MAX_TOKEN,
)
samples = st.builds(
    Sample,
    item=ids,
    colour=st.sampled_from(Colour),
    word=tokens,
    other=st.none() | ids,
    shade=st.none() | st.sampled_from(Colour),
)


SHORT = 12
"""The longest token the every-kind test uses: real ones (question names, rule ids, command
names) are shorter, and four of MAX_TOKEN in one ``why`` button could not fit in 64 bytes."""


def _field_strategy(hint: object) -> st.SearchStrategy[object]:
    members = [a for a in typing.get_args(hint) if a is not type(None)]
    if members:  # X | None
        return st.none() | _field_strategy(members[0])
    if hint is int:
        return ids
    if hint is str:
        return tokens.filter(lambda t: len(t) <= SHORT)
    assert isinstance(hint, type) and issubclass(hint, StrEnum)
    return st.sampled_from(hint)


def _strategy(kind: type[Press]) -> st.SearchStrategy[Press]:
    hints = typing.get_type_hints(kind)
    fields = {f.name: _field_strategy(hints[f.name]) for f in dataclasses.fields(kind)}
    return st.builds(kind, **fields)


class TestCodec:
    @given(samples)
    def test_round_trip(self, sample: Sample) -> None:
        try:
            data = encode(sample)
        except ValueError:  # the 64-byte bound: only when the arguments are this long
            parts = (
                sample.item,
                sample.colour,
                sample.word,
                sample.other or "",
                sample.shade or "",
            )
            assert len(":".join(["smp", *map(str, parts)]).rstrip(":").encode()) > MAX_BYTES
            return
        assert len(data.encode()) <= MAX_BYTES
        assert decode(Sample, data) == sample

    @given(st.sampled_from(KINDS).flatmap(_strategy))
    def test_every_kind_round_trips_within_64_bytes(self, press: Press) -> None:
        data = encode(press)
        assert len(data.encode()) <= MAX_BYTES
        assert decode(type(press), data) == press

    def test_the_wire_format_is_the_old_one(self) -> None:
        # Buttons sent before the typed schema keep working: same prefix, same order.
        assert encode(Thanked(12)) == "ty:12" == pack("ty", 12)
        assert encode(SetVibe(7, Vibe.WARM)) == f"vb:7:{Vibe.WARM.value}"
        assert decode(UndoAttempt, "ua:3") == UndoAttempt(3)
        assert encode(Sample(1, Colour.RED, "x")) == "smp:1:red:x"
        assert encode(Sample(1, Colour.RED, "x", shade=Colour.RED)) == "smp:1:red:x::red"

    def test_over_64_bytes_is_refused_both_ways(self) -> None:
        long = Sample(LARGEST_ID, Colour.DEEP_BLUE, "w" * MAX_TOKEN, LARGEST_ID, Colour.DEEP_BLUE)
        with pytest.raises(ValueError, match="too long"):
            encode(long)
        data = ":".join(["smp", str(LARGEST_ID), "deep_blue", "w" * MAX_TOKEN, str(LARGEST_ID)])
        assert len(data.encode()) > MAX_BYTES
        assert decode(Sample, data) is None

    @pytest.mark.parametrize(
        "data",
        [
            None,
            "",
            "ty",  # a required argument missing
            "ty:",
            "ty:abc",
            "ty:-1",
            "ty:１２",  # full-width digits
            "ty:" + "9" * 19,  # over the BIGINT range
            "ty:1:2",  # one argument too many
            "wd:1",  # another kind's prefix
            "vb:1:lukewarm",  # not a member
            "vb:1",
            "smp:1:red:a b",  # not a token
            "smp:1:red:" + "w" * (MAX_TOKEN + 1),
        ],
    )
    def test_bad_data_does_not_parse(self, data: str | None) -> None:
        kinds: dict[str, type[Press]] = {"smp": Sample, "vb": SetVibe}
        kind = kinds.get((data or "").split(":")[0], Thanked)
        assert decode(kind, data) is None

    @pytest.mark.parametrize(
        "bad",
        [
            Sample(-1, Colour.RED, "x"),
            Sample(MAX_ID + 1, Colour.RED, "x"),
            Sample(LARGEST_ID + 1, Colour.RED, "x"),  # found by Hypothesis: 19 digits
            Sample(1, Colour.RED, "with:colon"),
            Sample(1, Colour.RED, ""),
            Sample(1, "red", "x"),  # type: ignore[arg-type]
            Sample(True, Colour.RED, "x"),
        ],
    )
    def test_a_value_the_field_cannot_carry_is_refused(self, bad: Sample) -> None:
        with pytest.raises(ValueError):
            encode(bad)

    def test_optional_arguments_may_be_missing_or_empty(self) -> None:
        assert parse_args(Sample, ["1", "red", "x"]) == Sample(1, Colour.RED, "x")
        assert parse_args(Sample, ["1", "red", "x", "", "deep_blue"]) == Sample(
            1, Colour.RED, "x", None, Colour.DEEP_BLUE
        )

    def test_a_schema_with_an_unsupported_field_is_refused(self) -> None:
        @dataclasses.dataclass(frozen=True, slots=True)
        class Floaty(Press):
            PREFIX: ClassVar[str] = "fl"
            amount: float

        with pytest.raises(TypeError, match="unsupported"):
            encode(Floaty(1.5))

    def test_a_button_is_its_label_and_the_encoded_data(self) -> None:
        assert press_button("Sent it", Thanked(5)) == ("Sent it", "ty:5")


class TestWords:
    """A command's words fill the fields in order; from the first that does not parse, the
    fields are left empty (the handler asks), where a button's data would not parse."""

    def test_words_fill_the_fields_in_order(self) -> None:
        assert from_words(LogAttempt, ["5", "email", "hr"]) == LogAttempt(
            5, Channel.EMAIL, Recipient.HR
        )
        assert from_words(ListPage, ["3"]) == ListPage(3)
        assert from_words(Why, ["G1", "S6"]) == Why("G1", "S6")

    def test_a_word_that_does_not_parse_ends_them(self) -> None:
        assert from_words(LogAttempt, ["5", "pigeon", "hr"]) == LogAttempt(5)
        assert from_words(LogAttempt, ["acme", "email"]) == LogAttempt()
        assert from_words(ListPage, ["next"]) == ListPage()
        assert parse_args(LogAttempt, ["5", "pigeon", "hr"]) is None  # a button is strict

    def test_extra_words_are_ignored(self) -> None:
        assert from_words(Status, ["3", "please"]) == Status(3)
        assert from_words(Help, ["me"]) == Help()

    def test_a_required_field_still_has_to_parse(self) -> None:
        assert from_words(OnNudge, ["12"]) is None
        assert from_words(OnNudge, ["12", "k"]) == OnNudge(12, NudgeOp.DONE)
        assert from_words(Answered, []) is None


class TestHelpers:
    def test_why_carries_at_most_four_rules(self) -> None:
        assert Why.of(["G1", "S6"]) == Why("G1", "S6")
        assert Why.of(["G1", "G2", "G3", "G4", "G5"]).rules == ("G1", "G2", "G3", "G4")
        assert encode(Why.of([])) == "why"

    def test_answered_names_one_attempt_or_a_word(self) -> None:
        assert Answered(4, "17").attempt == 17
        assert Answered(4, "all").attempt is None


# The data each kind's buttons carried before the typed schema, as the old builders joined it
# (buttons already in chats), and the object it parses into.
WIRE: list[tuple[str, Press]] = [
    ("ty:4", Thanked(4)),
    ("wd:4", Withdrawn(4)),
    ("nw:4", NewsShared(4)),
    ("pic:4", Picture(4)),
    ("ua:9", UndoAttempt(9)),
    ("kd:4:20261120", KeepDate(4, 20261120)),
    ("kd:4:0", KeepDate(4, 0)),
    ("vb:4:warm", SetVibe(4, Vibe.WARM)),
    ("st:4", Status(4)),
    ("st", Status()),
    ("ic:4", Calendar(4)),
    ("ed:4", Edit(4)),
    ("ed:4:timeline", Edit(4, EditField.TIMELINE)),
    ("rm:4", RemoveInterview(4)),
    ("rm:4:yes", RemoveInterview(4, Confirm.YES)),
    ("ls:2", ListPage(2)),
    ("lg:4", LogAttempt(4)),
    ("lg:4:email", LogAttempt(4, Channel.EMAIL)),
    ("lg:4:email:recruiter", LogAttempt(4, Channel.EMAIL, Recipient.RECRUITER)),
    (
        "sh:4:personal_phone:hiring_manager",
        ShouldI(4, Channel.PERSONAL_PHONE, Recipient.HIRING_MANAGER),
    ),
    ("dr:4:thank_you", Draft(4, DraftKind.THANK_YOU)),
    ("dr::withdraw", Draft(None, DraftKind.WITHDRAW)),
    ("rp:4", Reply(4)),
    ("rp:4:newdate", Reply(4, ReplyChoice.NEW_DATE)),
    ("rp:4:rejected", Reply(4, ReplyChoice.REJECTED)),
    ("rp:4:reopen", Reply(4, ReplyChoice.REOPEN)),
    ("ans:4:all", Answered(4, "all")),
    ("ans:4:17", Answered(4, "17")),
    ("set:name", Settings(Setting.NAME)),
    ("del:yes", Delete(Confirm.YES)),
    ("why", Why()),
    ("why:G1:S6:G10", Why("G1", "S6", "G10")),
    ("q:hour:9", AnswerQuestion("hour", "9")),
    ("q:timeline_ok:none", AnswerQuestion("timeline_ok", "none")),
    ("cmd:help", RunCommand("help")),
    ("n:12:k", OnNudge(12, NudgeOp.DONE)),
    ("ok", Ok()),
    ("new", NewInterview()),
    ("tone", Tone()),
    ("calm", Calm()),
    ("tz", TimeZone()),
    ("exp", Export()),
    ("help", Help()),
]


class TestKinds:
    def test_prefixes_are_unique_and_unpackable(self) -> None:
        prefixes = [kind.PREFIX for kind in KINDS]
        assert len(set(prefixes)) == len(prefixes)
        for prefix in prefixes:
            callback = unpack(prefix + ":1")
            assert callback is not None and callback.action == prefix

    @pytest.mark.parametrize(("data", "expected"), WIRE)
    def test_each_kind_parses_its_buttons(self, data: str, expected: Press) -> None:
        assert decode(type(expected), data) == expected
        assert encode(expected) == data

    def test_every_kind_is_tested(self) -> None:
        assert set(KINDS) == {type(expected) for _, expected in WIRE}


# --- no hand-joined callback data -----------------------------------------------------------

BOT = Path(__file__).resolve().parents[1] / "bot"
# callbacks.py defines the wire format, presses.py is the one codec built on it.
_CODEC = {BOT / "telegram" / "callbacks.py", BOT / "telegram" / "presses.py"}
_RAW_BUILDERS = {"pack", "button", "InlineKeyboardButton"}
_CODEC_MODULES = {"callbacks", "telegram", "runtime"}  # where a builder is reached by name


def hand_joined(source: str) -> list[str]:
    """Where ``source`` builds callback data by hand: a call of a raw builder (``pack``, the old
    ``button(label, "prefix", ...)``, ``InlineKeyboardButton`` with ``callback_data``), or an
    f-string or literal that starts with a button kind's ``prefix:``."""
    prefixes = tuple(f"{kind.PREFIX}:" for kind in KINDS)
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            owner = func.value if isinstance(func, ast.Attribute) else None
            if isinstance(owner, ast.Name) and owner.id not in _CODEC_MODULES:
                name = ""  # another object's method of that name (struct's pack)
            if name in _RAW_BUILDERS and (
                name != "InlineKeyboardButton"
                or any(k.arg == "callback_data" for k in node.keywords)
            ):
                found.append(f"line {node.lineno}: {name}(...)")
        first: object = None
        if isinstance(node, ast.JoinedStr) and node.values:
            part = node.values[0]
            first = part.value if isinstance(part, ast.Constant) else None
        elif isinstance(node, ast.Constant):
            first = node.value
        if isinstance(first, str) and first.startswith(prefixes):
            found.append(f"line {getattr(node, 'lineno', 0)}: {first!r}")
    return found


class TestNoHandJoinedData:
    def test_the_check_finds_each_way_of_joining_data_by_hand(self) -> None:
        assert hand_joined('rows = [[button("Why?", "why", "G1")]]')
        assert hand_joined('data = pack("st", 3)')
        assert hand_joined('data = callbacks.pack("st", 3)')
        assert not hand_joined("row = _PAIR.pack(index, 0.5)")  # struct's pack
        assert hand_joined('data = f"lg:{record.id}:email"')
        assert hand_joined('return ("Done", "n:" + str(nudge_id) + ":k")')
        assert hand_joined('InlineKeyboardButton("x", callback_data="ok")')
        assert not hand_joined('rows = [[press_button("Why?", presses.Why.of(rules))]]')
        assert not hand_joined('text = "note: " + name')

    def test_no_module_joins_callback_data_by_hand(self) -> None:
        # Buttons are built from a presses kind (press_button) and nowhere else; the keyboard
        # itself is made in runtime.keyboard from those (label, data) pairs.
        found = {
            str(path.relative_to(BOT)): spots
            for path in sorted(BOT.rglob("*.py"))
            if path not in _CODEC
            for spots in [hand_joined(path.read_text(encoding="utf-8"))]
            if spots
        }
        keyboard = found.pop("telegram/runtime.py", [])
        assert found == {}
        assert len(keyboard) == 1 and "InlineKeyboardButton" in keyboard[0]
