"""Callback data for inline buttons: short, typed, and at most 64 bytes.

A button's data is ``action`` followed by ``:``-separated arguments. Ids in it are only a
hint of what the user pressed: every handler re-reads the row scoped to the user who pressed
the button, so forged data can at most reach "that button has expired".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 64
SEP = ":"
MAX_ID = 2**63 - 1  # the largest id a BIGINT column holds
_ID = re.compile(r"[0-9]{1,18}")


def parse_id(text: str) -> int | None:
    """A row id from a button or a command: ASCII digits only, in the database's range.

    ``None`` for anything else ("", "-1", "１２" in full-width digits, 19 digits or more), so a
    forged id never reaches a query as anything but a small positive integer.
    """
    if _ID.fullmatch(text) is None:
        return None
    value = int(text)
    return value if value <= MAX_ID else None


@dataclass(frozen=True, slots=True)
class Callback:
    action: str
    args: tuple[str, ...] = ()

    def arg(self, index: int, default: str = "") -> str:
        return self.args[index] if index < len(self.args) else default

    def int_arg(self, index: int) -> int | None:
        """Argument ``index`` as an id (:func:`parse_id`), ``None`` when missing or not one."""
        return parse_id(self.arg(index))


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
