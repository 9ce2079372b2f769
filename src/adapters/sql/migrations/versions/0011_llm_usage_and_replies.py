"""language-model usage and reply cache

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 09:00:00.000000

``llm_usage`` sums the tokens each user spent per UTC day (the daily budget is checked against
it; the owner cascades). ``llm_replies`` keeps validated model replies by content key, so the
same prompt to the same model is paid for once; ``created_at`` lets old replies be purged.
"""

import sqlalchemy as sa
from alembic import op

import resumecore_server.adapters.sql.types


revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "llm_usage",
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("prompt_tokens", sa.BigInteger(), nullable=False),
        sa.Column("completion_tokens", sa.BigInteger(), nullable=False),
        sa.Column("calls", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_llm_usage_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "day", name=op.f("pk_llm_usage")),
    )
    op.create_table(
        "llm_replies",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("reply", sa.LargeBinary(), nullable=False),
        sa.Column(
            "created_at",
            resumecore_server.adapters.sql.types.UtcDateTime(timezone=True),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_llm_replies")),
    )
    with op.batch_alter_table("llm_replies", schema=None) as batch_op:
        batch_op.create_index("ix_llm_replies_created_at", ["created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("llm_replies", schema=None) as batch_op:
        batch_op.drop_index("ix_llm_replies_created_at")
    op.drop_table("llm_replies")
    op.drop_table("llm_usage")
