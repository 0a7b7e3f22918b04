"""jobs: claims so each due job runs once

Revision ID: bcfe8be441df
Revises: 543803ac9920
Create Date: 2026-12-03 14:01:20.486316

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'bcfe8be441df'
down_revision = '543803ac9920'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('job_claim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job', sa.String(length=60), nullable=False),
    sa.Column('period', sa.String(length=20), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_job_claim_authority_id_authority')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_claim')),
    sa.UniqueConstraint('job', 'authority_id', 'period', name='uq_job_claim_job_authority_period')
    )
    with op.batch_alter_table('job_claim', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_job_claim_authority_id'), ['authority_id'], unique=False)



def downgrade():
    with op.batch_alter_table('job_claim', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_job_claim_authority_id'))

    op.drop_table('job_claim')
