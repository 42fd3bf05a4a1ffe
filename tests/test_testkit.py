"""The shared test helpers: one tolerance factor for every wait, the clock, database copies."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from testkit.clock import NOW, Clock
from testkit.databases import Databases
from testkit.waits import (
    DEFAULT_TOLERANCE,
    TOLERANCE_ENV,
    poll_until,
    tolerance,
    wait_budget,
    wait_delta,
)

from bot.storage import migrate
from bot.storage.db import make_engine


class TestTolerance:
    def test_the_default_is_generous(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv(TOLERANCE_ENV, raising=False)
        assert tolerance() == DEFAULT_TOLERANCE >= 3
        assert wait_budget(2) == 2 * DEFAULT_TOLERANCE

    def test_every_budget_scales_with_the_one_factor(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv(TOLERANCE_ENV, "12.5")
        assert wait_budget(2) == 25.0
        assert wait_delta(2) == timedelta(seconds=25)

    @pytest.mark.parametrize("raw", ["fast", "0.5", "nan", "-3"])
    def test_a_bad_factor_is_refused_with_its_name(
        self, monkeypatch: pytest.MonkeyPatch, raw: str
    ) -> None:
        monkeypatch.setenv(TOLERANCE_ENV, raw)
        with pytest.raises(ValueError, match=TOLERANCE_ENV):
            wait_budget(1)

    def test_blank_means_the_default(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv(TOLERANCE_ENV, "  ")
        assert tolerance() == DEFAULT_TOLERANCE


class TestPollUntil:
    async def test_returns_as_soon_as_the_condition_holds(self) -> None:
        flag: list[bool] = []
        asyncio.get_running_loop().call_later(0.01, flag.append, True)
        await poll_until(lambda: bool(flag), 5, every=0.001)
        assert flag == [True]

    async def test_fails_naming_what_never_happened(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv(TOLERANCE_ENV, "1")
        with pytest.raises(AssertionError, match="the summary line"):
            await poll_until(lambda: False, 0.02, every=0.005, what="the summary line")


class TestClock:
    def test_moves_only_when_told(self) -> None:
        clock = Clock(NOW)
        assert clock() == clock() == NOW
        clock.advance(days=1, hours=2)
        assert clock() == NOW + timedelta(days=1, hours=2)
        clock.set(datetime(2027, 1, 1, tzinfo=UTC))
        assert clock() == datetime(2027, 1, 1, tzinfo=UTC)

    def test_refuses_a_naive_moment(self) -> None:
        with pytest.raises(ValueError, match="aware"):
            Clock(datetime(2026, 11, 18, 15))
        clock = Clock(NOW)
        with pytest.raises(ValueError, match="aware"):
            clock.set(datetime(2026, 11, 18, 15))

    def test_now_is_a_wednesday_afternoon_in_utc(self) -> None:
        assert NOW.weekday() == 2 and NOW.utcoffset() == timedelta(0)


async def _revision_and_marker(url: str) -> tuple[str | None, list[str]]:
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            rows = (await conn.execute(text("SELECT company FROM interviews"))).scalars().all()
    finally:
        await engine.dispose()
    return await migrate.current_revision(url), list(rows)


async def _mark(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            owner = (
                await conn.execute(
                    text(
                        "INSERT INTO users (telegram_user_id, chat_id, nudge_hour, created_at,"
                        " updated_at) VALUES (1, 1, 10, :t, :t) RETURNING id"
                    ),
                    {"t": NOW},
                )
            ).scalar_one()
            await conn.execute(
                text(
                    "INSERT INTO interviews (owner_id, company, role, interviewed_at, vibe,"
                    " status, created_at, updated_at) VALUES (:o, 'Marker', 'Role', :t,"
                    " 'neutral', 'waiting', :t, :t)"
                ),
                {"o": owner, "t": NOW},
            )
    finally:
        await engine.dispose()


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
async def test_migrated_copies_are_at_head_and_independent(
    databases: Databases, backend: str
) -> None:
    first, second = databases.migrated(backend), databases.migrated(backend)
    assert first != second
    await _mark(first)
    assert await _revision_and_marker(first) == (migrate.head_revision(), ["Marker"])
    assert await _revision_and_marker(second) == (migrate.head_revision(), [])


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
async def test_empty_databases_are_empty(databases: Databases, backend: str) -> None:
    assert await migrate.current_revision(databases.empty(backend)) is None
