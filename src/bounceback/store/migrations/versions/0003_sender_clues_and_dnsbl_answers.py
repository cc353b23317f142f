"""sender clues and cached DNS blocklist answers

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 23:31:45.915067
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dnsbl_answers',
    sa.Column('target', sa.String(length=255), nullable=False),
    sa.Column('dnsbl', sa.String(length=64), nullable=False),
    sa.Column('listed', sa.Boolean(), nullable=True),
    sa.Column('codes', sa.JSON(), nullable=False),
    sa.Column('meaning', sa.Text(), nullable=False),
    sa.Column('advice', sa.Text(), nullable=False),
    sa.Column('checked_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('target', 'dnsbl')
    )
    with op.batch_alter_table('dnsbl_answers', schema=None) as batch_op:
        batch_op.create_index('ix_dnsbl_answers_checked_at', ['checked_at'], unique=False)

    op.create_table('sender_clues',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('target', sa.String(length=255), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('found_in', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('event_id', 'target', 'found_in', name='uq_sender_clues_event_target')
    )


def downgrade() -> None:
    op.drop_table('sender_clues')
    with op.batch_alter_table('dnsbl_answers', schema=None) as batch_op:
        batch_op.drop_index('ix_dnsbl_answers_checked_at')

    op.drop_table('dnsbl_answers')
