"""Initial schema: users, interviews, people, attempts, nudges, conversations, update dedup.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-21

Self-contained on purpose: plain SQLAlchemy types only (the models' UTCDateTime
and StrEnumType are ``timestamp with time zone`` and ``VARCHAR`` underneath), so
later changes to the models never change what this revision does.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_initial"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _owner(table: str) -> tuple[sa.Column[int], sa.ForeignKeyConstraint]:
    return (
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=f"fk_{table}_owner_id_users", ondelete="CASCADE"
        ),
    )


def _interview(table: str) -> tuple[sa.Column[int], sa.ForeignKeyConstraint]:
    return (
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interviews.id"],
            name=f"fk_{table}_interview_id_interviews",
            ondelete="CASCADE",
        ),
    )


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("zone", sa.String(64), nullable=True),
        sa.Column("country", sa.String(8), nullable=True),
        sa.Column("nudge_hour", sa.Integer(), nullable=False),
        sa.Column("language_code", sa.String(16), nullable=True),
        _when("blocked_at", nullable=True),
        _when("created_at"),
        _when("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("telegram_user_id", name="uq_users_telegram_user_id"),
    )

    op.create_table(
        "interviews",
        sa.Column("id", sa.Integer(), nullable=False),
        *_owner("interviews"),
        sa.Column("company", sa.String(200), nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
        _when("interviewed_at"),
        sa.Column("said", sa.Text(), nullable=True),
        sa.Column("promised_by", sa.Date(), nullable=True),
        sa.Column("vibe", sa.String(16), nullable=False),
        _when("thank_you_sent_at", nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        _when("created_at"),
        _when("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_interviews"),
    )
    op.create_index("ix_interviews_owner_id", "interviews", ["owner_id"])

    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        *_interview("people"),
        *_owner("people"),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("email", sa.String(320), nullable=True),
        _when("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
    )
    op.create_index("ix_people_interview_id", "people", ["interview_id"])
    op.create_index("ix_people_owner_id", "people", ["owner_id"])

    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        *_interview("attempts"),
        *_owner("attempts"),
        sa.Column("person_id", sa.Integer(), nullable=True),
        _when("at"),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("recipient", sa.String(32), nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        _when("created_at"),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name="fk_attempts_person_id_people", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_attempts"),
    )
    op.create_index("ix_attempts_interview_id", "attempts", ["interview_id"])
    op.create_index("ix_attempts_owner_id", "attempts", ["owner_id"])
    op.create_index("ix_attempts_person_id", "attempts", ["person_id"])

    op.create_table(
        "nudges",
        sa.Column("id", sa.Integer(), nullable=False),
        *_interview("nudges"),
        *_owner("nudges"),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("rules", sa.String(200), nullable=False),
        _when("due_at"),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("claim_token", sa.String(64), nullable=True),
        _when("lease_until", nullable=True),
        _when("sent_at", nullable=True),
        sa.Column("telegram_message_id", sa.BigInteger(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        _when("created_at"),
        _when("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_nudges"),
    )
    op.create_index("ix_nudges_interview_id", "nudges", ["interview_id"])
    op.create_index("ix_nudges_owner_id", "nudges", ["owner_id"])
    op.create_index("ix_nudges_state_due_at", "nudges", ["state", "due_at"])

    op.create_table(
        "conversations",
        sa.Column("id", sa.Integer(), nullable=False),
        *_owner("conversations"),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("state", sa.String(64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        _when("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_conversations"),
        sa.UniqueConstraint("owner_id", "name", name="uq_conversations_owner_id_name"),
    )
    op.create_index("ix_conversations_owner_id", "conversations", ["owner_id"])

    op.create_table(
        "processed_updates",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        _when("seen_at"),
        sa.PrimaryKeyConstraint("update_id", name="pk_processed_updates"),
    )
    op.create_index("ix_processed_updates_seen_at", "processed_updates", ["seen_at"])


def downgrade() -> None:
    # Children before parents; dropping a table drops its indexes.
    for table in ("processed_updates", "conversations", "nudges", "attempts", "people"):
        op.drop_table(table)
    op.drop_table("interviews")
    op.drop_table("users")
