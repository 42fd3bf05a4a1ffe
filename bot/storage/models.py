"""SQLAlchemy 2 typed models: the tables behind HearBack.

Every row that belongs to a user carries ``owner_id`` (a foreign key to
``users`` with ``ON DELETE CASCADE``) so that each query can be scoped by its
owner and erasing a user removes everything. Datetimes go through
:class:`UTCDateTime`: aware values in, stored as UTC, aware UTC values out on
SQLite and PostgreSQL alike. Enums are stored as their string values in plain
``VARCHAR`` columns so new members need no type migration.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from bot.core.records import InterviewStatus, NudgeState
from bot.core.types import Channel, Recipient, StepKind, Vibe

__all__ = [
    "NAMING_CONVENTION",
    "AttemptRow",
    "Base",
    "ConversationRow",
    "HeartbeatRow",
    "InboxRow",
    "InterviewRow",
    "NudgeRow",
    "OutboxRow",
    "PersonRow",
    "ProcessedUpdateRow",
    "SendSlotRow",
    "StrEnumType",
    "UTCDateTime",
    "UserRow",
    "utcnow",
]

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current moment, aware, in UTC (the storage layer may read the clock)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC and always read back aware in UTC.

    PostgreSQL stores ``timestamp with time zone``; SQLite has no zone type, so
    the UTC wall time is stored and UTC is attached again on the way out.
    Naive datetimes are refused: a time without a zone is a bug here.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} given; pass an aware one")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


E = TypeVar("E", bound=StrEnum)


class StrEnumType(TypeDecorator[E], Generic[E]):
    """A ``StrEnum`` stored as its value in a ``VARCHAR``; unknown values fail loudly."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], length: int = 32) -> None:
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value: E | str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return self.enum(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        if value is None:
            return None
        return self.enum(value)

    def __repr__(self) -> str:
        return f"StrEnumType({self.enum.__name__})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _owner_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


class UserRow(Base):
    """A Telegram user; only what the product needs (ids, zone, country, nudge time)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    zone: Mapped[str | None] = mapped_column(String(64))
    country: Mapped[str | None] = mapped_column(String(8))
    nudge_hour: Mapped[int] = mapped_column(Integer, default=10)
    # The nudge time is nudge_hour:nudge_minute local (S6); the minute came in 0005.
    nudge_minute: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    name: Mapped[str | None] = mapped_column(String(80))  # signs the drafts; asked, not guessed
    language_code: Mapped[str | None] = mapped_column(String(16))
    blocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class InterviewRow(Base):
    """One interview of one user; ``said`` is the user's own words about the timeline (T1)."""

    __tablename__ = "interviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = _owner_fk()
    company: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200))
    interviewed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    said: Mapped[str | None] = mapped_column(Text)
    promised_by: Mapped[date | None] = mapped_column(Date)
    vibe: Mapped[Vibe] = mapped_column(StrEnumType(Vibe, 16))
    thank_you_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[InterviewStatus] = mapped_column(StrEnumType(InterviewStatus, 16))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    people: Mapped[list[PersonRow]] = relationship(
        back_populates="interview",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise",
        order_by="PersonRow.id",
    )
    attempts: Mapped[list[AttemptRow]] = relationship(
        back_populates="interview",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise",
        order_by=lambda: (AttemptRow.at, AttemptRow.id),
    )


class PersonRow(Base):
    """Someone at the employer: recruiter, hr, hiring_manager or interviewer."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )
    owner_id: Mapped[int] = _owner_fk()
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Recipient] = mapped_column(StrEnumType(Recipient, 32))
    email: Mapped[str | None] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    interview: Mapped[InterviewRow] = relationship(back_populates="people", lazy="raise")


class AttemptRow(Base):
    """One follow-up by the user; ``recipient`` is the role it went to (G2, G3)."""

    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )
    owner_id: Mapped[int] = _owner_fk()
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    channel: Mapped[Channel] = mapped_column(StrEnumType(Channel, 32))
    recipient: Mapped[Recipient] = mapped_column(StrEnumType(Recipient, 32))
    answered: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    interview: Mapped[InterviewRow] = relationship(back_populates="attempts", lazy="raise")


class NudgeRow(Base):
    """One planned step (S1-S5). The scheduler claims due rows by state and ``due_at``."""

    __tablename__ = "nudges"
    __table_args__ = (Index("ix_nudges_state_due_at", "state", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )
    owner_id: Mapped[int] = _owner_fk()
    kind: Mapped[StepKind] = mapped_column(StrEnumType(StepKind, 32))
    rules: Mapped[str] = mapped_column(String(200), default="")
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    state: Mapped[NudgeState] = mapped_column(StrEnumType(NudgeState, 16))
    claim_token: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class ConversationRow(Base):
    """An unfinished conversation, written on every answer so any instance can resume it."""

    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("owner_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = _owner_fk()
    name: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class ProcessedUpdateRow(Base):
    """Telegram update ids already handled, so a replayed update is handled once."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class HeartbeatRow(Base):
    """One row per probe ("start", "health"): the last time it wrote to the database.

    Writing it is how start-up and ``hearback health`` learn that the database can really
    be written (not read-only, not full, not locked), not only read.
    """

    __tablename__ = "heartbeats"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    beat_at: Mapped[datetime] = mapped_column(UTCDateTime())


class InboxRow(Base):
    """A Telegram update as received, stored before Telegram is told it arrived.

    ``state`` is ``new`` until a turn commits it ``done`` (or it is given up, ``failed``);
    the body is cleared then, the id stays a while so a redelivery is recognised.
    """

    __tablename__ = "inbox"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    body: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(8), default="new", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    told: Mapped[bool] = mapped_column(Boolean, default=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)


class OutboxRow(Base):
    """A reply written with the state it describes; deleted once Telegram has it."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    item: Mapped[str] = mapped_column(Text)
    document: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SendSlotRow(Base):
    """The next free send slot of a rate shared by every instance (PostgreSQL)."""

    __tablename__ = "send_slots"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    next_at: Mapped[datetime] = mapped_column(UTCDateTime())
