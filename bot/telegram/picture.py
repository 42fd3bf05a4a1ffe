"""A picture of the wait: one interview's timeline as a PNG a phone shows well.

Drawn with Pillow, 1080 px wide (a phone screen's width, so Telegram does not scale the text
down). The font is DejaVu Sans when the system has it (Debian's fonts-dejavu-core: wide
Unicode coverage, so most company names in other scripts show), else the TrueType face
Pillow ships in its wheel (``ImageFont.load_default(size)``, Latin only): no download, no
network. Top to bottom, in time
order: the interview, the date they promised, each step of the plan with its state (done,
open, due, skipped, passed) and a "today" marker where today falls. A step that waits for a
follow-up the user has not logged has no day of its own: it is drawn hollow, with words
instead of a date.

The text is plain (no HTML); the words come from :mod:`bot.telegram.texts`.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from PIL import Image, ImageDraw, ImageFont

from bot.core.calendar import BusinessCalendar
from bot.core.progress import StepState, StepStatus
from bot.core.types import StepKind
from bot.telegram import texts, views

__all__ = ["WIDTH", "timeline_png"]

WIDTH = 1080
_MARGIN = 64
_ROW = 132
_RAIL_X = 300
_DOT = 18
_TITLE_SIZE, _TEXT_SIZE, _SMALL_SIZE = 52, 40, 32

_BACKGROUND = (250, 250, 247)
_INK = (32, 33, 36)
_MUTED = (110, 112, 118)
_RAIL = (200, 202, 206)
_TODAY = (214, 69, 65)
_COLOURS = {
    StepState.DONE: (46, 139, 87),
    StepState.OPEN: (230, 145, 30),
    StepState.DUE: (52, 103, 200),
    StepState.SKIPPED: (150, 152, 158),
    StepState.PASSED: (150, 152, 158),
}
_EVENT = (80, 82, 90)


@dataclass(frozen=True, slots=True)
class _Row:
    at: datetime
    order: int  # ties: the interview first, today last
    label: str
    detail: str
    colour: tuple[int, int, int]
    hollow: bool = False
    today: bool = False


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(texts.PICTURE_FONT, size)
    except OSError:
        return ImageFont.load_default(size=size)


def _fit(
    draw: ImageDraw.ImageDraw,
    text: str,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    width: float,
) -> str:
    """``text`` on one line, cut with an ellipsis where it would pass ``width`` pixels."""
    flat = " ".join(text.split())
    if draw.textlength(flat, font=font) <= width:
        return flat
    while flat and draw.textlength(flat + "…", font=font) > width:
        flat = flat[:-1]
    return flat.rstrip() + "…"


def _rows(
    states: Sequence[StepStatus],
    *,
    interviewed_at: datetime,
    promised_by: date | None,
    cal: BusinessCalendar,
    now: datetime,
) -> list[_Row]:
    def short(moment: datetime) -> str:
        return views.day(cal.local_date(moment))

    rows = [
        _Row(
            interviewed_at,
            0,
            texts.PICTURE_INTERVIEW,
            views.when(interviewed_at, cal, now),
            _EVENT,
        )
    ]
    if promised_by is not None:
        rows.append(
            _Row(
                cal.at_local(promised_by, 23, 59),
                1,
                texts.PICTURE_PROMISED,
                views.day(promised_by),
                _EVENT,
            )
        )
    for status in states:
        name = texts.STEP_NAMES[status.kind]
        state = texts.PICTURE_STATES[status.state]
        if status.waits and status.state is StepState.DUE:
            after = (
                texts.AFTER_CHECK_IN
                if status.kind is StepKind.SECOND_FOLLOW_UP
                else texts.AFTER_SECOND
            )
            rows.append(_Row(status.at, 2, name, after, _COLOURS[status.state], hollow=True))
            continue
        detail = f"{short(status.at)} · {state}"
        if status.state is StepState.OPEN and status.until is not None:
            detail = texts.PICTURE_OPEN_UNTIL.format(until=views.when(status.until, cal, now))
        rows.append(_Row(status.at, 2, name, detail, _COLOURS[status.state]))
    rows.append(_Row(now, 3, texts.PICTURE_TODAY, views.when(now, cal, now), _TODAY, today=True))
    rows.sort(key=lambda r: (r.at, r.order))
    return rows


def timeline_png(
    *,
    title: str,
    states: Sequence[StepStatus],
    interviewed_at: datetime,
    promised_by: date | None,
    cal: BusinessCalendar,
    now: datetime,
) -> bytes:
    """The interview's timeline as PNG bytes, :data:`WIDTH` pixels wide."""
    rows = _rows(states, interviewed_at=interviewed_at, promised_by=promised_by, cal=cal, now=now)
    heading = _font(_TITLE_SIZE)
    text = _font(_TEXT_SIZE)
    small = _font(_SMALL_SIZE)
    top = _MARGIN + _TITLE_SIZE + 24 + _SMALL_SIZE + 56
    height = top + _ROW * len(rows) + _MARGIN
    image = Image.new("RGB", (WIDTH, height), _BACKGROUND)
    draw = ImageDraw.Draw(image)

    room = WIDTH - 2 * _MARGIN
    draw.text((_MARGIN, _MARGIN), _fit(draw, title, heading, room), font=heading, fill=_INK)
    draw.text(
        (_MARGIN, _MARGIN + _TITLE_SIZE + 24),
        texts.PICTURE_SUBTITLE,
        font=small,
        fill=_MUTED,
    )

    first_y = top + _ROW // 2
    last_y = top + _ROW * (len(rows) - 1) + _ROW // 2
    draw.line([(_RAIL_X, first_y), (_RAIL_X, last_y)], fill=_RAIL, width=6)
    for index, row in enumerate(rows):
        y = top + _ROW * index + _ROW // 2
        day = views.day(cal.local_date(row.at)) if not row.hollow else ""
        if day:
            width = draw.textlength(day, font=small)
            draw.text(
                (_RAIL_X - 36 - width, y - _SMALL_SIZE // 2 - 2), day, font=small, fill=_MUTED
            )
        box = [(_RAIL_X - _DOT, y - _DOT), (_RAIL_X + _DOT, y + _DOT)]
        if row.today:
            draw.line([(_RAIL_X, y), (WIDTH - _MARGIN, y)], fill=_TODAY, width=4)
            draw.ellipse(box, fill=_TODAY)
        elif row.hollow:
            draw.ellipse(box, fill=_BACKGROUND, outline=row.colour, width=6)
        else:
            draw.ellipse(box, fill=row.colour)
        x = _RAIL_X + 48
        room = WIDTH - _MARGIN - x
        label_y = y - _TEXT_SIZE + 2 if not row.today else y - _TEXT_SIZE - 8
        label = _fit(draw, row.label, text, room)
        draw.text((x, label_y), label, font=text, fill=row.colour if row.today else _INK)
        detail_y = y + 6 if not row.today else y + 10
        draw.text((x, detail_y), _fit(draw, row.detail, small, room), font=small, fill=_MUTED)

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
