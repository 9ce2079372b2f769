"""writing samples

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 09:00:00.000000

``writing_samples`` keeps a user's own resumes and cover letters (plain text) and their
measured style. Only the owner is a foreign key and it cascades: deleting an account removes
its samples. A partial unique index keeps one active sample per user and document type
(SQLite and PostgreSQL both support ``WHERE is_active``).
"""

import sqlalchemy as sa
from alembic import op

import resumecore_server.adapters.sql.types


revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "writing_samples",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("document_type", sa.String(length=20), nullable=False),
        sa.Column("original_filename", sa.String(length=255), nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("character_count", sa.Integer(), nullable=False),
        sa.Column("writing_style", sa.Text(), nullable=False),
        sa.Column("full_text", sa.Text(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
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
            name=op.f("fk_writing_samples_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_writing_samples")),
    )
    with op.batch_alter_table("writing_samples", schema=None) as batch_op:
        batch_op.create_index(
            "ix_writing_samples_user_id_document_type",
            ["user_id", "document_type", "is_active"],
            unique=False,
        )
        batch_op.create_index(
            "ix_writing_samples_user_id_created_at", ["user_id", "created_at"], unique=False
        )
        batch_op.create_index(
            "uq_writing_samples_one_active",
            ["user_id", "document_type"],
            unique=True,
            sqlite_where=sa.text("is_active"),
            postgresql_where=sa.text("is_active"),
        )


def downgrade() -> None:
    with op.batch_alter_table("writing_samples", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_writing_samples_one_active",
            sqlite_where=sa.text("is_active"),
            postgresql_where=sa.text("is_active"),
        )
        batch_op.drop_index("ix_writing_samples_user_id_created_at")
        batch_op.drop_index("ix_writing_samples_user_id_document_type")
    op.drop_table("writing_samples")
