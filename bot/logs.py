"""Logging set-up: one format, secrets never printed, what users typed never printed.

The ``httpx`` logger prints full request URLs at INFO, and Bot API URLs carry the token
(``/bot<token>/sendMessage``), so it is raised to WARNING; on top of that a filter on
every handler masks anything shaped like a bot token, and the given secrets (the token,
the webhook secret), whatever logger the record came from.

User text: at DEBUG, python-telegram-bot logs every update it processes and the
parameters of every Bot API call (the messages, the user's own words echoed in them),
and ``aiosqlite`` logs every statement with its parameters. Those loggers are kept at
INFO/WARNING whatever ``LOG_LEVEL`` says, so DEBUG is about HearBack's own decisions and
never a transcript of the conversation (tests/e2e/test_logs.py checks it).
"""

from __future__ import annotations

import logging
import re

TOKEN_SHAPE = re.compile(r"\d{5,}:[A-Za-z0-9_-]{30,}")
MASK = "[token]"

# Library loggers and the least severe level they may print at, whatever LOG_LEVEL is.
QUIET_LOGGERS: dict[str, int] = {
    "telegram": logging.INFO,  # DEBUG: whole updates and request parameters (user text)
    "httpx": logging.WARNING,  # INFO: request URLs with the token in them
    "httpcore": logging.WARNING,
    "hpack": logging.WARNING,
    "aiosqlite": logging.WARNING,  # DEBUG: every statement with its parameters
    "sqlalchemy": logging.WARNING,
    "apscheduler": logging.WARNING,
    "aiohttp.access": logging.WARNING,  # one line per webhook request
}


class RedactTokens(logging.Filter):
    """Replaces bot tokens in the rendered message (and its arguments) with ``[token]``."""

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self._secrets = tuple(s for s in secrets if s)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return TOKEN_SHAPE.sub(MASK, text)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = self.redact(message)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            formatted = logging.Formatter().formatException(record.exc_info)
            record.exc_text = self.redact(formatted)
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        return True


def setup_logging(level: str = "INFO", *secrets: str) -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    redact = RedactTokens(*secrets)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(redact)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name, floor in QUIET_LOGGERS.items():
        logging.getLogger(name).setLevel(max(floor, root.level))
    # A library that brought its own handler gets the same filter.
    for logger in logging.Logger.manager.loggerDict.values():
        if isinstance(logger, logging.Logger):
            for own in logger.handlers:
                if redact not in own.filters:
                    own.addFilter(redact)
