"""exports

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 07:00:00.000000

``exports`` records the files rendered from generations (the bytes live in the file store).
``generation_id`` and ``job_id`` are not foreign keys: an export outlives both. Only the
owner cascades.
"""

import sqlalchemy as sa
from alembic import op

import resumecore_server.adapters.sql.types


revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exports",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("generation_id", sa.String(length=64), nullable=False),
        sa.Column("job_id", sa.String(length=64), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            resumecore_server.adapters.sql.types.UtcDateTime(timezone=True),
            nullable=False,
        ),
        sa.Column(
            "expires_at",
            resumecore_server.adapters.sql.types.UtcDateTime(timezone=True),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_exports_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exports")),
    )
    with op.batch_alter_table("exports", schema=None) as batch_op:
        batch_op.create_index(
            "ix_exports_user_id_created_at", ["user_id", "created_at"], unique=False
        )
        batch_op.create_index("ix_exports_user_id_job_id", ["user_id", "job_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("exports", schema=None) as batch_op:
        batch_op.drop_index("ix_exports_user_id_job_id")
        batch_op.drop_index("ix_exports_user_id_created_at")
    op.drop_table("exports")
