"""The Bot API client's edges (bot.botapi): PTB's private ``_post``, and how failures are judged.

``bot.botapi.post`` is the only caller of PTB's private ``Bot._post``. These tests pin what it
relies on, so a PTB upgrade that renames or reshapes it fails here, not in production.
"""

from __future__ import annotations

import inspect
from datetime import timedelta

import httpx
import pytest
from telegram import Bot
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from bot import botapi
from bot.telegram.localapi import LOCAL_TOKEN, LocalBotApi


class TestPrivatePost:
    def test_ptb_still_has_post_with_endpoint_and_data(self) -> None:
        post = getattr(Bot, "_post", None)
        assert post is not None, "PTB removed Bot._post: rewrite bot.botapi.post"
        assert inspect.iscoroutinefunction(post)
        params = list(inspect.signature(post).parameters.values())
        assert [p.name for p in params[:3]] == ["self", "endpoint", "data"]
        assert params[1].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        assert params[2].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD

    async def test_post_returns_telegrams_raw_result(self) -> None:
        api = LocalBotApi()
        async with Bot(LOCAL_TOKEN, request=api, get_updates_request=LocalBotApi()) as bot:
            result = await botapi.post(
                bot,
                "sendMessage",
                {
                    "chat_id": 77,
                    "text": "<b>hello</b>",
                    "parse_mode": "HTML",
                    "reply_markup": {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]},
                },
            )
        assert isinstance(result, dict)
        assert isinstance(result["message_id"], int)
        (sent,) = api.sent
        assert (sent.chat_id, sent.message_id, sent.text) == (
            77,
            result["message_id"],
            "<b>hello</b>",
        )
        assert sent.buttons == [[("A", "a")]]

    async def test_post_raises_ptbs_errors(self) -> None:
        async with Bot(
            LOCAL_TOKEN, request=LocalBotApi(), get_updates_request=LocalBotApi()
        ) as bot:
            with pytest.raises(BadRequest, match="parse entities"):
                await botapi.post(
                    bot, "sendMessage", {"chat_id": 77, "text": "<b>open", "parse_mode": "HTML"}
                )


def _with_cause(exc: NetworkError, cause: BaseException | None) -> NetworkError:
    exc.__cause__ = cause
    return exc


class TestMayHaveArrived:
    @pytest.mark.parametrize(
        ("exc", "expected"),
        [
            (_with_cause(NetworkError("Bad Gateway"), None), False),  # Telegram answered 5xx
            (_with_cause(NetworkError("x"), httpx.ConnectError("refused")), False),
            (_with_cause(NetworkError("x"), httpx.PoolTimeout("pool")), False),
            (_with_cause(NetworkError("x"), httpx.RemoteProtocolError("dropped")), True),
            (_with_cause(NetworkError("x"), httpx.ReadError("reset")), True),
            (_with_cause(TimedOut(), None), True),
            (_with_cause(TimedOut(), httpx.ReadTimeout("slow")), True),
            (_with_cause(TimedOut(), httpx.ConnectTimeout("slow")), False),
        ],
    )
    def test_only_a_request_that_may_have_left_counts(
        self, exc: NetworkError, expected: bool
    ) -> None:
        assert botapi.may_have_arrived(exc) is expected


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
class TestRetrySeconds:
    def test_int_and_timedelta(self) -> None:
        assert botapi.retry_seconds(RetryAfter(5)) == 5.0
        assert botapi.retry_seconds(RetryAfter(timedelta(seconds=3))) == 3.0


def test_describe_is_one_bounded_line() -> None:
    line = botapi.describe(BadRequest("can't\n parse " + "x" * 500))
    assert line.startswith("BadRequest: Can't parse") or line.startswith("BadRequest: can't parse")
    assert "\n" not in line and len(line) == 300
