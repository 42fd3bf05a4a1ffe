"""Logging set-up: one format, the bot token never printed, library chatter kept down.

The ``httpx`` logger prints full request URLs at INFO, and Bot API URLs carry the token
(``/bot<token>/sendMessage``), so it is raised to WARNING; on top of that a filter on
every handler masks anything shaped like a bot token, whatever logger it came from.
"""

from __future__ import annotations

import logging
import re

TOKEN_SHAPE = re.compile(r"\d{5,}:[A-Za-z0-9_-]{30,}")
MASK = "[token]"


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
        return True


def setup_logging(level: str = "INFO", *secrets: str) -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactTokens(*secrets))
    root.addHandler(handler)
    root.setLevel(level.upper())
    for noisy in ("httpx", "httpcore", "apscheduler", "aiosqlite", "hpack"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
