"""Small pieces of the Telegram adapter: HTML safety, splitting, callback data, log redaction."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.logs import RedactTokens
from bot.telegram.callbacks import Callback, pack, parse_id, unpack
from bot.telegram.html import clean, esc, split_html, visible_len
from bot.telegram.localapi import visible_text
from bot.telegram.parsehtml import HtmlError

TOKEN = "1234567890:AAE-abcdefghijklmnopqrstuvwxyz012345"


class TestHtml:
    def test_escape_makes_user_text_inert(self) -> None:
        assert visible_text(esc("<b>hi</b> & <script>")) == "<b>hi</b> & <script>"

    def test_clean_bounds_and_strips_controls(self) -> None:
        assert clean("  a\x00b\x1bc  ", 10) == "a b c"
        assert len(clean("x" * 10_000, 100)) == 100

    @given(st.text(max_size=12_000))
    def test_split_parts_are_valid_and_fit(self, text: str) -> None:
        markup = "<b>Title</b>\n" + esc(text)
        parts = split_html(markup)
        for part in parts:
            visible_text(part)  # raises HtmlError if a tag or entity was cut
            assert visible_len(part) <= 4096
        kept = "".join(visible_text(p) for p in parts)
        assert "".join(kept.split()) == "".join(("Title" + text).split())

    def test_unclosed_tag_is_rejected_like_telegram(self) -> None:
        with pytest.raises(HtmlError):
            visible_text("<b>open")
        with pytest.raises(HtmlError):
            visible_text("a < b")


class TestCallbacks:
    def test_round_trip(self) -> None:
        data = pack("sh", 123, "email", "recruiter")
        parsed = unpack(data)
        assert parsed is not None
        assert parsed.action == "sh"
        assert parsed.int_arg(0) == 123

    def test_too_long_is_refused(self) -> None:
        with pytest.raises(ValueError, match="too long"):
            pack("x", "y" * 70)

    @pytest.mark.parametrize("data", ["", None, "ü" * 40, "<>:1", "a" * 65])
    def test_garbage_is_none(self, data: str | None) -> None:
        assert unpack(data) is None

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("0", 0),
            ("42", 42),
            ("007", 7),
            ("9" * 18, 999_999_999_999_999_999),
            ("9" * 19, None),  # more than 18 digits
            ("", None),
            ("-1", None),
            ("+1", None),
            (" 1", None),
            ("1\n", None),
            ("1.0", None),
            ("１２", None),  # full-width digits are digits to str.isdigit, not ids
            ("²", None),
            ("٣", None),  # Arabic-Indic three
        ],
    )
    def test_ids_are_ascii_digits_in_range(self, text: str, expected: int | None) -> None:
        assert parse_id(text) == expected
        assert Callback("st", (text,)).int_arg(0) == expected

    def test_int_arg_of_a_missing_argument_is_none(self) -> None:
        assert Callback("st").int_arg(0) is None


class TestRedaction:
    def test_token_never_reaches_the_log(self, caplog: pytest.LogCaptureFixture) -> None:
        logger = logging.getLogger("hearback.test")
        handler = logging.Handler()
        records: list[str] = []
        handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
        handler.addFilter(RedactTokens(TOKEN))
        logger.addHandler(handler)
        try:
            logger.warning("POST https://api.telegram.org/bot%s/getMe failed", TOKEN)
            logger.warning("other token 987654321:%s", "Z" * 35)
        finally:
            logger.removeHandler(handler)
        assert records and all(TOKEN not in r and "Z" * 35 not in r for r in records)
        assert "[token]" in records[0]
