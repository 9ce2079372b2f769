"""generations and the embedded task queue

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 06:00:00.000000

``generations`` keeps ``job_id`` and ``profile_id`` without foreign keys on purpose: a
generation outlives the deletion of the job or profile it was made from. Only the owner
cascades. ``tasks`` is the queue the background worker claims from.
"""

import sqlalchemy as sa
from alembic import op

import resumecore_server.adapters.sql.types


revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "generations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("job_id", sa.String(length=64), nullable=False),
        sa.Column("profile_id", sa.String(length=64), nullable=False),
        sa.Column("document_type", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("cache_key", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            resumecore_server.adapters.sql.types.UtcDateTime(timezone=True),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            resumecore_server.adapters.sql.types.UtcDateTime(timezone=True),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_generations_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_generations")),
    )
    with op.batch_alter_table("generations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_generations_user_id_created_at", ["user_id", "created_at"], unique=False
        )
        batch_op.create_index(
            "ix_generations_user_id_cache_key", ["user_id", "cache_key"], unique=False
        )
        batch_op.create_index("ix_generations_user_id_status", ["user_id", "status"], unique=False)

    op.create_table(
        "tasks",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("subject_id", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column(
            "available_at",
            resumecore_server.adapters.sql.types.UtcDateTime(timezone=True),
            nullable=False,
        ),
        sa.Column(
            "lease_until",
            resumecore_server.adapters.sql.types.UtcDateTime(timezone=True),
            nullable=True,
        ),
        sa.Column("worker", sa.Text(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            resumecore_server.adapters.sql.types.UtcDateTime(timezone=True),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
    )
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index(
            "ix_tasks_state_available_at", ["state", "available_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_tasks_state_available_at")
    op.drop_table("tasks")

    with op.batch_alter_table("generations", schema=None) as batch_op:
        batch_op.drop_index("ix_generations_user_id_status")
        batch_op.drop_index("ix_generations_user_id_cache_key")
        batch_op.drop_index("ix_generations_user_id_created_at")
    op.drop_table("generations")
