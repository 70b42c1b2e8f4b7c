"""Replies to comments on their path (``dialogue_replies``) and the record of moderation actions
(``moderation_actions``), for ``sendemast reply`` and ``sendemast dialogue``.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "dialogue_replies",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("leader", sa.String(128), nullable=False),
        sa.Column("post_id", sa.Integer(), sa.ForeignKey("posts.id", ondelete="SET NULL"), nullable=True),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("sensitive", sa.Boolean(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("check", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("approved_by", sa.String(64), nullable=True),
        sa.Column("approved_at", TS, nullable=True),
        sa.Column("sent_by", sa.String(64), nullable=True),
        sa.Column("sent_at", TS, nullable=True),
    )
    op.create_index("ix_dialogue_replies_leader_status", "dialogue_replies", ["leader", "status"])
    op.create_table(
        "moderation_actions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("leader", sa.String(128), nullable=False),
        sa.Column("post_id", sa.Integer(), sa.ForeignKey("posts.id", ondelete="SET NULL"), nullable=True),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("ground", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(64), nullable=True),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_moderation_actions_leader", "moderation_actions", ["leader"])


def downgrade() -> None:
    op.drop_index("ix_moderation_actions_leader", "moderation_actions")
    op.drop_table("moderation_actions")
    op.drop_index("ix_dialogue_replies_leader_status", "dialogue_replies")
    op.drop_table("dialogue_replies")
