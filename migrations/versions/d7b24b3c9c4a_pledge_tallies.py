"""pledges: sealed rounds keep their counts (pledge_tally), counted once as they are sealed

Revision ID: d7b24b3c9c4a
Revises: c09874006e84
Create Date: 2026-12-03 11:21:54.255950

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd7b24b3c9c4a'
down_revision = 'c09874006e84'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('pledge_tally',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('promise_id', sa.Integer(), nullable=False),
    sa.Column('age_band', sa.String(length=8), nullable=True),
    sa.Column('answer', sa.String(length=12), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_pledge_tally_authority_id_authority')),
    sa.ForeignKeyConstraint(['promise_id'], ['promise.id'], name=op.f('fk_pledge_tally_promise_id_promise')),
    sa.ForeignKeyConstraint(['round_id'], ['rating_round.id'], name=op.f('fk_pledge_tally_round_id_rating_round')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pledge_tally')),
    sa.UniqueConstraint('round_id', 'promise_id', 'age_band', 'answer', name=op.f('uq_pledge_tally_round_id'))
    )
    with op.batch_alter_table('pledge_tally', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pledge_tally_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledge_tally_promise_id'), ['promise_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledge_tally_round_id'), ['round_id'], unique=False)

    # Rounds sealed before now: count their ratings once.
    op.execute(
        """
        INSERT INTO pledge_tally (authority_id, round_id, promise_id, age_band, answer, count)
        SELECT r.authority_id, r.round_id, r.promise_id, r.age_band, r.answer, count(*)
        FROM pledge_rating AS r JOIN rating_round AS rr ON rr.id = r.round_id
        WHERE rr.sealed_at IS NOT NULL
        GROUP BY r.authority_id, r.round_id, r.promise_id, r.age_band, r.answer
        """
    )


def downgrade():
    with op.batch_alter_table('pledge_tally', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pledge_tally_round_id'))
        batch_op.drop_index(batch_op.f('ix_pledge_tally_promise_id'))
        batch_op.drop_index(batch_op.f('ix_pledge_tally_authority_id'))

    op.drop_table('pledge_tally')
