"""sessions the server can end, and notices of changes staff made

Each signed-in browser is a login_session row, so signing out ends every copy of its cookie; the
per-person session_epoch it replaces goes. Cookies from before the upgrade name no session, so
everyone signs in once more. account_notice holds changes staff made to an account (a reset
code, a reset authenticator) until the person next signs in and is told.

Revision ID: e7d4563ec996
Revises: 332d70f1f2ee
Create Date: 2026-12-03 17:38:12.347473

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e7d4563ec996'
down_revision = '332d70f1f2ee'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('account_notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_account_notice_authority_id_authority')),
    sa.ForeignKeyConstraint(['by_id'], ['user.id'], name=op.f('fk_account_notice_by_id_user')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_account_notice_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account_notice'))
    )
    with op.batch_alter_table('account_notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_notice_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_account_notice_user_id'), ['user_id'], unique=False)

    op.create_table('login_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ended_reason', sa.String(length=30), nullable=True),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_login_session_authority_id_authority')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_login_session_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_session')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_login_session_token_hash'))
    )
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_session_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_login_session_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('session_epoch')



def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_epoch', sa.Integer(), nullable=False, server_default='0'))

    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_session_user_id'))
        batch_op.drop_index(batch_op.f('ix_login_session_authority_id'))

    op.drop_table('login_session')
    with op.batch_alter_table('account_notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_account_notice_user_id'))
        batch_op.drop_index(batch_op.f('ix_account_notice_authority_id'))

    op.drop_table('account_notice')
