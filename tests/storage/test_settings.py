"""Settings come from the environment and .env; problems are one clear line, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, load_settings, normalize_database_url
from bot.storage.db import check_database, make_engine

REPO = Path(__file__).resolve().parents[2]
GOOD_TOKEN = "1234567:" + "AAH_x-" * 6


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No HearBack variable from the outside, and no stray .env in the working directory."""
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.chdir(tmp_path)


class TestLoading:
    def test_defaults(self) -> None:
        settings = load_settings(env_file=None)
        assert settings.database_url == "sqlite+aiosqlite:///hearback.db"
        assert settings.telegram_bot_token is None
        assert settings.telegram_api_base_url == "https://api.telegram.org/bot"
        assert settings.log_level == "INFO"
        assert settings.default_nudge_hour == 10
        assert (settings.webhook_listen, settings.webhook_port) == ("0.0.0.0", 8080)
        assert settings.webhook_url is None and settings.webhook_secret is None
        assert settings.rate_limit_per_second == 30

    def test_environment_and_dotenv(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        (tmp_path / ".env").write_text(
            f"DATABASE_URL=postgres://bot:pw@db.internal/hearback\n"
            f"TELEGRAM_BOT_TOKEN={GOOD_TOKEN}\nLOG_LEVEL=debug\nWEBHOOK_URL=\n"
        )
        monkeypatch.setenv("DEFAULT_NUDGE_HOUR", "8")
        settings = load_settings()
        assert settings.database_url == "postgresql+asyncpg://bot:pw@db.internal/hearback"
        assert settings.log_level == "DEBUG" and settings.log_level_number == 10
        assert settings.default_nudge_hour == 8
        assert settings.webhook_url is None
        assert settings.token_problem() is None
        # The environment wins over .env.
        monkeypatch.setenv("LOG_LEVEL", "warning")
        assert load_settings().log_level == "WARNING"

    def test_secrets_stay_hidden(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", GOOD_TOKEN)
        monkeypatch.setenv("WEBHOOK_SECRET", "s3cret_value")
        settings = load_settings(env_file=None)
        assert GOOD_TOKEN not in repr(settings) and "s3cret_value" not in repr(settings)
        assert settings.webhook_secret is not None
        assert settings.webhook_secret.get_secret_value() == "s3cret_value"

    @pytest.mark.parametrize(
        ("variable", "value", "words"),
        [
            ("WEBHOOK_PORT", "eighty", "WEBHOOK_PORT"),
            ("WEBHOOK_PORT", "70000", "WEBHOOK_PORT"),
            ("DEFAULT_NUDGE_HOUR", "25", "DEFAULT_NUDGE_HOUR"),
            ("LOG_LEVEL", "LOUD", "LOG_LEVEL: must be one of"),
            ("RATE_LIMIT_PER_SECOND", "0", "RATE_LIMIT_PER_SECOND"),
            ("DATABASE_URL", "  ", "DATABASE_URL: must not be empty"),
            ("WEBHOOK_SECRET", "no spaces allowed!", "WEBHOOK_SECRET"),
        ],
    )
    def test_a_wrong_value_is_one_line_naming_the_variable(
        self, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, words: str
    ) -> None:
        monkeypatch.setenv(variable, value)
        with pytest.raises(ConfigError) as caught:
            load_settings(env_file=None)
        message = str(caught.value)
        assert "\n" not in message
        assert message.startswith("configuration error: ")
        assert words in message
        if variable == "WEBHOOK_SECRET":
            assert value not in message  # a secret is never echoed
        assert caught.value.__cause__ is None and caught.value.__suppress_context__


class TestToken:
    @pytest.mark.parametrize(
        ("token", "problem"),
        [
            (None, "is not set"),
            ("", "is not set"),
            ("123:short", "does not look like"),
            ("abc:" + "A" * 35, "does not look like"),
            ("1234567:" + "A" * 29, "does not look like"),
            ("1234567:" + "A" * 30 + "!", "does not look like"),
            (GOOD_TOKEN, None),
        ],
    )
    def test_token_problem(
        self, monkeypatch: pytest.MonkeyPatch, token: str | None, problem: str | None
    ) -> None:
        if token is not None:
            monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
        found = load_settings(env_file=None).token_problem()
        if problem is None:
            assert found is None
        else:
            assert found is not None and problem in found and "\n" not in found
            if token:
                assert token not in found


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@h:5432/db", "postgresql+asyncpg://u:p@h:5432/db"),
        ("postgresql://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("postgresql://u@h/db?sslmode=require", "postgresql+asyncpg://u@h/db?ssl=require"),
        ("postgresql+asyncpg://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("sqlite:///hearback.db", "sqlite+aiosqlite:///hearback.db"),
        (
            "sqlite:////var/lib/hearback/db.sqlite3",
            "sqlite+aiosqlite:////var/lib/hearback/db.sqlite3",
        ),
        ("sqlite+aiosqlite:///x.db", "sqlite+aiosqlite:///x.db"),
        (" mysql://u@h/db ", "mysql://u@h/db"),
        ("not a url", "not a url"),
    ],
)
def test_database_urls_are_normalised(given: str, expected: str) -> None:
    assert normalize_database_url(given) == expected


def test_env_example_documents_every_variable() -> None:
    text = (REPO / ".env.example").read_text()
    lines = text.splitlines()
    for name in Settings.model_fields:
        variable = name.upper()
        index = next((i for i, line in enumerate(lines) if line.startswith(f"{variable}=")), None)
        assert index is not None, f"{variable} missing from .env.example"
        assert any(line.startswith("#") for line in lines[max(0, index - 3) : index]), variable
    assert re.search(r"^TELEGRAM_BOT_TOKEN=\s*$", text, re.MULTILINE)  # no real token in it


class TestDatabaseCheck:
    """check_database turns every way of failing into one line without a traceback."""

    @pytest.mark.parametrize(
        ("url", "words"),
        [
            ("nonsense", "not a database URL"),
            ("mysql://user@localhost/db", "supports SQLite"),
            ("sqlite:////nonexistent-dir/for/sure/hb.db", "unable to open database file"),
            ("postgresql://postgres@127.0.0.1:1/test", "cannot use database"),
        ],
    )
    async def test_unusable_database(self, url: str, words: str) -> None:
        with pytest.raises(ConfigError) as caught:
            await check_database(url)
        message = str(caught.value)
        assert words in message and "\n" not in message
        assert "Background on this error" not in message
        assert caught.value.__cause__ is None

    @pytest.mark.postgres
    async def test_missing_postgres_database_names_it(self, postgres_maintenance_url: str) -> None:
        url = postgres_maintenance_url.rsplit("/", 1)[0] + "/hearback_no_such_db"
        with pytest.raises(ConfigError, match=r"hearback_no_such_db.*does not exist"):
            await check_database(url)

    async def test_password_is_hidden_in_messages(self) -> None:
        with pytest.raises(ConfigError) as caught:
            await check_database("postgresql://bot:hunter2@127.0.0.1:1/db")
        assert "hunter2" not in str(caught.value) and "***" in str(caught.value)

    async def test_unanswered_connect_times_out_in_one_line(self) -> None:
        # 192.0.2.0/24 is TEST-NET-1: nothing answers there, so the connect hangs or fails.
        with pytest.raises(ConfigError) as caught:
            await check_database("postgresql://u@192.0.2.1:5432/db", wait_seconds=0.5)
        assert "\n" not in str(caught.value)

    async def test_a_working_sqlite_file(self, tmp_path: Path) -> None:
        await check_database(f"sqlite:///{tmp_path / 'ok.db'}")
        assert (tmp_path / "ok.db").exists()

    def test_make_engine_refuses_foreign_drivers(self) -> None:
        with pytest.raises(ConfigError, match="supports SQLite"):
            make_engine("oracle://scott@db/orcl")
