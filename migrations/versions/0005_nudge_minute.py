"""The nudge time keeps its minutes: reminders at 14:30 arrive at 14:30, not 14:00 (S6).

The hour stays where it was and the minute goes beside it, so every stored user keeps their
time (minute 0) and going back down only drops the minutes, as the bot did before.

Revision ID: 0005_nudge_minute
Revises: 0004_inbox_outbox
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_nudge_minute"
down_revision: str | None = "0004_inbox_outbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("nudge_minute", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("nudge_minute")
