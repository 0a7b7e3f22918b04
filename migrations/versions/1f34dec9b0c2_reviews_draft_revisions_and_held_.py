"""reviews: draft revisions and held versions, so two phones never overwrite each other

Revision ID: 1f34dec9b0c2
Revises: b1834a0ba4ee
Create Date: 2026-12-03 12:13:05.833179

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1f34dec9b0c2'
down_revision = 'b1834a0ba4ee'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('views_submission', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('step_revisions', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('held', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('views_submission', schema=None) as batch_op:
        batch_op.drop_column('held')
        batch_op.drop_column('step_revisions')
        batch_op.drop_column('revision')
