"""Settings read from the environment and ``.env`` (pydantic-settings).

Every variable is documented in ``.env.example``. :func:`load_settings` is the
one entry point: it turns a validation problem into a :class:`ConfigError`
whose text is a single line naming the variable, so the CLI can print it
instead of a traceback. Secrets are ``SecretStr`` and never appear in a repr.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = [
    "TOKEN_PATTERN",
    "ConfigError",
    "Settings",
    "load_settings",
    "normalize_database_url",
    "one_line",
]

TOKEN_PATTERN = re.compile(r"^\d{5,}:[A-Za-z0-9_-]{30,}$")
"""The shape of a BotFather token: numeric bot id, colon, secret."""

_LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")


class ConfigError(Exception):
    """A configuration problem the operator must fix; ``str()`` is one line."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


def one_line(text: str, *, limit: int = 300) -> str:
    """Collapse whitespace (newlines included) so a message fits on one line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def normalize_database_url(url: str) -> str:
    """Give a database URL the async driver the storage layer uses.

    ``postgres://`` and ``postgresql://`` become ``postgresql+asyncpg://`` (a
    libpq-style ``sslmode`` query parameter becomes asyncpg's ``ssl``);
    ``sqlite://`` becomes ``sqlite+aiosqlite://``. Anything else is returned
    unchanged (apart from surrounding blanks) and is judged when connecting.
    """
    url = url.strip()
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    lowered = scheme.lower()
    if lowered in ("postgres", "postgresql"):
        return _asyncpg_query("postgresql+asyncpg://" + rest)
    if lowered == "postgresql+asyncpg":
        return _asyncpg_query(url)
    if lowered == "sqlite":
        return "sqlite+aiosqlite://" + rest
    return url


def _asyncpg_query(url: str) -> str:
    parts = urlsplit(url)
    if not parts.query:
        return url
    pairs = [("ssl" if k == "sslmode" else k, v) for k, v in parse_qsl(parts.query)]
    return urlunsplit(parts._replace(query=urlencode(pairs)))


class Settings(BaseSettings):
    """HearBack's configuration (environment variables are the upper-case field names)."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
    )

    database_url: str = "sqlite+aiosqlite:///hearback.db"
    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    log_level: str = "INFO"
    default_nudge_hour: int = Field(default=10, ge=0, le=23)
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    rate_limit_per_second: float = Field(default=30, gt=0)
    rate_limit_per_chat_seconds: float = Field(default=1.0, ge=0)
    rate_limit_per_chat_burst: int = Field(default=3, ge=1, le=10)
    rate_limit_chat_updates_per_minute: int = Field(default=40, ge=1)
    rate_limit_nudges_per_second: float | None = Field(default=None, gt=0)
    # Tests only: the bot's clock starts at this moment instead of the real time.
    hearback_test_now: datetime | None = None

    @field_validator("rate_limit_nudges_per_second", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("database_url")
    @classmethod
    def _normalize_url(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return normalize_database_url(value)

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in _LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(_LOG_LEVELS)}")
        return level

    @field_validator(
        "telegram_bot_token", "webhook_secret", "webhook_url", "hearback_test_now", mode="before"
    )
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram accepts 1-256 characters A-Z, a-z, 0-9, _ and - in the secret_token header.
        if value is not None and not re.fullmatch(
            r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()
        ):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("hearback_test_now")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.utcoffset() is None:
            raise ValueError("must be an ISO date-time with a UTC offset, like 2026-12-07T09:30Z")
        return value

    @property
    def log_level_number(self) -> int:
        """The ``logging`` level for :attr:`log_level`."""
        return logging.getLevelNamesMapping()[self.log_level]

    def token_problem(self) -> str | None:
        """Why the bot token cannot be used, in one line, or ``None`` when it looks right.

        Only the shape is checked (``<digits>:<secret>`` as BotFather issues it);
        the token itself never appears in the message.
        """
        if self.telegram_bot_token is None:
            return "TELEGRAM_BOT_TOKEN is not set"
        token = self.telegram_bot_token.get_secret_value().strip()
        if not TOKEN_PATTERN.match(token):
            return (
                "TELEGRAM_BOT_TOKEN does not look like a BotFather token "
                "(expected <digits>:<at least 30 letters, digits, _ or ->)"
            )
        return None


def load_settings(env_file: str | Path | None = ".env") -> Settings:
    """Read the settings from the environment and ``env_file`` (``None``: environment only).

    Raises :class:`ConfigError` with one line naming the first wrong variable.
    """
    try:
        return Settings(_env_file=env_file)  # type: ignore[call-arg]
    except ValidationError as exc:
        raise ConfigError(_describe(exc)) from None


def _describe(exc: ValidationError) -> str:
    problems = []
    for error in exc.errors(include_url=False, include_input=False):
        name = "_".join(str(part) for part in error["loc"]).upper() or "SETTINGS"
        message = error["msg"].removeprefix("Value error, ")
        problems.append(f"{name}: {message}")
    first = problems[0] if problems else "invalid settings"
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"configuration error: {first}{more}"
