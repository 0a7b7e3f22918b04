"""privacy: data requests, retention settings, when staff left

Young people's requests to correct or delete their data; each council's retention periods; and
when a staff account was switched off, so the retention schedule can remove a leaver's details.
Accounts already switched off count from this upgrade.

Revision ID: 332d70f1f2ee
Revises: ae590430b963
Create Date: 2026-12-03 14:10:03.263858

"""
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '332d70f1f2ee'
down_revision = 'ae590430b963'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('retention_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('days', sa.JSON(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_retention_settings_authority_id_authority')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_retention_settings')),
    sa.UniqueConstraint('authority_id', name='uq_retention_settings_authority')
    )
    with op.batch_alter_table('retention_settings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_retention_settings_authority_id'), ['authority_id'], unique=False)

    op.create_table('data_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('young_person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('details', sa.Text(), nullable=True),
    sa.Column('close_account', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('handled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('handled_by_id', sa.Integer(), nullable=True),
    sa.Column('reply', sa.Text(), nullable=True),
    sa.Column('outcome', sa.JSON(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_data_request_authority_id_authority')),
    sa.ForeignKeyConstraint(['handled_by_id'], ['user.id'], name=op.f('fk_data_request_handled_by_id_user')),
    sa.ForeignKeyConstraint(['young_person_id'], ['user.id'], name=op.f('fk_data_request_young_person_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_request'))
    )
    with op.batch_alter_table('data_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_data_request_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_data_request_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_data_request_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_data_request_young_person_id'), ['young_person_id'], unique=False)

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deactivated_at', sa.DateTime(timezone=True), nullable=True))
    user = sa.table('user', sa.column('active', sa.Boolean()), sa.column('deactivated_at', sa.DateTime(timezone=True)))
    op.execute(user.update().where(user.c.active.is_(False)).values(deactivated_at=datetime.now(timezone.utc)))


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('deactivated_at')

    with op.batch_alter_table('data_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_data_request_young_person_id'))
        batch_op.drop_index(batch_op.f('ix_data_request_status'))
        batch_op.drop_index(batch_op.f('ix_data_request_due_on'))
        batch_op.drop_index(batch_op.f('ix_data_request_authority_id'))

    op.drop_table('data_request')
    with op.batch_alter_table('retention_settings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_retention_settings_authority_id'))

    op.drop_table('retention_settings')
