"""reviews: no stashed steps

A step posted after the session ran out is no longer kept on the server: the writer's own browser
carries it through signing in (app/auth/carry.py). Steps still waiting are dropped with the table;
the phone's own copy (reviews.js) still holds them.

Revision ID: 5a7c1e0d2b94
Revises: e7d4563ec996
Create Date: 2026-12-03 18:10:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '5a7c1e0d2b94'
down_revision = 'e7d4563ec996'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('stashed_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stashed_step_token'))
        batch_op.drop_index(batch_op.f('ix_stashed_step_submission_id'))
        batch_op.drop_index(batch_op.f('ix_stashed_step_claimed_user_id'))
        batch_op.drop_index(batch_op.f('ix_stashed_step_authority_id'))

    op.drop_table('stashed_step')


def downgrade():
    op.create_table('stashed_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('claimed_user_id', sa.Integer(), nullable=True),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('step', sa.String(length=30), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_stashed_step_authority_id_authority')),
    sa.ForeignKeyConstraint(['submission_id'], ['views_submission.id'], name=op.f('fk_stashed_step_submission_id_views_submission')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stashed_step'))
    )
    with op.batch_alter_table('stashed_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stashed_step_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stashed_step_claimed_user_id'), ['claimed_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stashed_step_submission_id'), ['submission_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stashed_step_token'), ['token'], unique=False)
