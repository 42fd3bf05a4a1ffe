"""Callback data for inline buttons: short, typed, and at most 64 bytes.

A button's data is ``action`` followed by ``:``-separated arguments. Ids in it are only a
hint of what the user pressed: every handler re-reads the row scoped to the user who pressed
the button, so forged data can at most reach "that button has expired".
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_BYTES = 64
SEP = ":"


@dataclass(frozen=True, slots=True)
class Callback:
    action: str
    args: tuple[str, ...] = ()

    def arg(self, index: int, default: str = "") -> str:
        return self.args[index] if index < len(self.args) else default

    def int_arg(self, index: int) -> int | None:
        value = self.arg(index)
        if value.isdigit() and len(value) <= 18:
            return int(value)
        return None


def pack(action: str, *args: object) -> str:
    data = SEP.join([action, *(str(a) for a in args)])
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data too long: {len(data.encode())} bytes")
    return data


def unpack(data: str | None) -> Callback | None:
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    action, *args = data.split(SEP)
    if not action.isascii() or not action.replace("_", "").isalnum():
        return None
    return Callback(action, tuple(args))
