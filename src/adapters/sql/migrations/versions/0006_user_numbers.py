"""users.number: a public integer per account, for clients that need integer ids

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 05:40:00.000000

Existing rows get the same number the code derives for new ones (the first 53 bits of the
SHA-256 of the id), so nothing depends on when an account was created.
"""

import hashlib

import sqlalchemy as sa
from alembic import op


revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _number(user_id: str) -> int:
    # Frozen copy of resumecore.model.user.public_number (a test checks they agree).
    digest = hashlib.sha256(user_id.encode()).digest()
    return (int.from_bytes(digest[:8], "big") >> 11) or 1


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("number", sa.BigInteger(), nullable=True))
    users = sa.table("users", sa.column("id", sa.String()), sa.column("number", sa.BigInteger()))
    connection = op.get_bind()
    for (user_id,) in connection.execute(sa.select(users.c.id)).all():
        connection.execute(
            users.update().where(users.c.id == user_id).values(number=_number(user_id))
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("number", existing_type=sa.BigInteger(), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_users_number"), ["number"])


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_users_number"), type_="unique")
        batch_op.drop_column("number")
