"""The public record of a post: its capacity, its images with alt text, quiet periods started at once,
and the role and circumstances of each step on the approval path.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("posts") as batch:
        batch.add_column(sa.Column("capacity", sa.String(16), nullable=False, server_default="personal"))
    with op.batch_alter_table("transitions") as batch:
        batch.add_column(sa.Column("role", sa.String(16), nullable=True))
        batch.add_column(sa.Column("detail", sa.JSON(), nullable=True))
    op.create_table(
        "image_blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("mime", sa.String(32), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "post_images",
        sa.Column("post_id", sa.Integer(), sa.ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("image_blobs.sha256"), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("alt_text", sa.Text(), nullable=True),
        sa.Column("added_by", sa.String(64), nullable=True),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_post_images_sha256", "post_images", ["sha256"])
    op.create_table(
        "quiet_periods",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("leader", sa.String(128), nullable=True),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("started_by", sa.String(64), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("ended_at", TS, nullable=True),
        sa.Column("ended_by", sa.String(64), nullable=True),
    )
    op.create_index("ix_quiet_periods_leader", "quiet_periods", ["leader"])


def downgrade() -> None:
    op.drop_table("quiet_periods")
    op.drop_table("post_images")
    op.drop_table("image_blobs")
    with op.batch_alter_table("transitions") as batch:
        batch.drop_column("detail")
        batch.drop_column("role")
    with op.batch_alter_table("posts") as batch:
        batch.drop_column("capacity")
