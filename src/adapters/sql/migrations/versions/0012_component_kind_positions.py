"""an index of component rows by profile, kind and position

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 15:10:00.000000

An edit of items by id counts a profile's items of a kind (for the kind's limit) and finds
the last position of a kind (to add after it) from this index alone, without reading the
rows' payloads, so the cost does not grow with the profile.
"""

from alembic import op


revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_profile_components_kind_position",
        "profile_components",
        ["profile_id", "kind", "position"],
    )


def downgrade() -> None:
    op.drop_index("ix_profile_components_kind_position", table_name="profile_components")
