"""voice: statements, replies, call-backs, complaints, advocacy, teams, settings; staff line managers

Revision ID: b1834a0ba4ee
Revises: bcfe8be441df
Create Date: 2026-12-03 10:28:07.349487

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b1834a0ba4ee'
down_revision = 'bcfe8be441df'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('team',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_team_authority_id_authority')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team'))
    )
    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_authority_id'), ['authority_id'], unique=False)

    op.create_table('voice_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('callback_hours', sa.Integer(), nullable=False),
    sa.Column('unread_days', sa.Integer(), nullable=False),
    sa.Column('advocacy_name', sa.String(length=200), nullable=True),
    sa.Column('advocacy_email', sa.String(length=254), nullable=True),
    sa.Column('complaints_email', sa.String(length=254), nullable=True),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_voice_settings_authority_id_authority')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voice_settings')),
    sa.UniqueConstraint('authority_id', name='uq_voice_settings_authority')
    )
    with op.batch_alter_table('voice_settings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voice_settings_authority_id'), ['authority_id'], unique=False)

    op.create_table('advocacy_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('young_person_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('about', sa.Text(), nullable=True),
    sa.Column('consent', sa.Boolean(), nullable=False),
    sa.Column('contact_way', sa.String(length=10), nullable=True),
    sa.Column('contact', sa.String(length=254), nullable=True),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('send_key', sa.String(length=64), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('token_expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('referred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('contacted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('allocated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('advocate_name', sa.String(length=120), nullable=True),
    sa.Column('service_name', sa.String(length=200), nullable=True),
    sa.Column('risk_flagged', sa.Boolean(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_advocacy_request_authority_id_authority')),
    sa.ForeignKeyConstraint(['young_person_id'], ['user.id'], name=op.f('fk_advocacy_request_young_person_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_advocacy_request')),
    sa.UniqueConstraint('send_key', name=op.f('uq_advocacy_request_send_key')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_advocacy_request_token_hash'))
    )
    with op.batch_alter_table('advocacy_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_advocacy_request_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_advocacy_request_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_advocacy_request_young_person_id'), ['young_person_id'], unique=False)

    op.create_table('call_back',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('young_person_id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('staff_role', sa.String(length=10), nullable=False),
    sa.Column('about', sa.Text(), nullable=True),
    sa.Column('good_times', sa.JSON(), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('send_key', sa.String(length=64), nullable=False),
    sa.Column('promise_hours', sa.Integer(), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.String(length=12), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('flagged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('flagged_to', sa.JSON(), nullable=False),
    sa.Column('risk_flagged', sa.Boolean(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_call_back_authority_id_authority')),
    sa.ForeignKeyConstraint(['done_by_id'], ['user.id'], name=op.f('fk_call_back_done_by_id_user')),
    sa.ForeignKeyConstraint(['staff_id'], ['user.id'], name=op.f('fk_call_back_staff_id_user')),
    sa.ForeignKeyConstraint(['young_person_id'], ['user.id'], name=op.f('fk_call_back_young_person_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_call_back')),
    sa.UniqueConstraint('send_key', name=op.f('uq_call_back_send_key'))
    )
    with op.batch_alter_table('call_back', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_call_back_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_call_back_done_at'), ['done_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_call_back_due_at'), ['due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_call_back_staff_id'), ['staff_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_call_back_young_person_id'), ['young_person_id'], unique=False)

    op.create_table('representation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('young_person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('wants_advocate', sa.String(length=10), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_note', sa.Text(), nullable=True),
    sa.Column('response', sa.Text(), nullable=True),
    sa.Column('responded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('responded_by_id', sa.Integer(), nullable=True),
    sa.Column('response_seen_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('version', sa.String(length=10), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('wanted', sa.Text(), nullable=True),
    sa.Column('topic', sa.String(length=20), nullable=True),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('helped_by_trusted_adult', sa.Boolean(), nullable=False),
    sa.Column('helper_name', sa.String(length=120), nullable=True),
    sa.Column('last_step', sa.String(length=30), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('send_key', sa.String(length=64), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('risk_flagged', sa.Boolean(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_representation_authority_id_authority')),
    sa.ForeignKeyConstraint(['responded_by_id'], ['user.id'], name=op.f('fk_representation_responded_by_id_user')),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_representation_team_id_team')),
    sa.ForeignKeyConstraint(['young_person_id'], ['user.id'], name=op.f('fk_representation_young_person_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_representation')),
    sa.UniqueConstraint('send_key', name=op.f('uq_representation_send_key'))
    )
    with op.batch_alter_table('representation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_representation_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_representation_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_representation_sent_at'), ['sent_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_representation_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_representation_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_representation_young_person_id'), ['young_person_id'], unique=False)

    op.create_table('statement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('young_person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('face', sa.String(length=10), nullable=True),
    sa.Column('avoid', sa.Text(), nullable=True),
    sa.Column('readers', sa.JSON(), nullable=False),
    sa.Column('acknowledged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('acknowledged_by_id', sa.Integer(), nullable=True),
    sa.Column('sorted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sorted_by_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('version', sa.String(length=10), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('wanted', sa.Text(), nullable=True),
    sa.Column('topic', sa.String(length=20), nullable=True),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('helped_by_trusted_adult', sa.Boolean(), nullable=False),
    sa.Column('helper_name', sa.String(length=120), nullable=True),
    sa.Column('last_step', sa.String(length=30), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('send_key', sa.String(length=64), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('risk_flagged', sa.Boolean(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['acknowledged_by_id'], ['user.id'], name=op.f('fk_statement_acknowledged_by_id_user')),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_statement_authority_id_authority')),
    sa.ForeignKeyConstraint(['sorted_by_id'], ['user.id'], name=op.f('fk_statement_sorted_by_id_user')),
    sa.ForeignKeyConstraint(['young_person_id'], ['user.id'], name=op.f('fk_statement_young_person_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statement')),
    sa.UniqueConstraint('send_key', name=op.f('uq_statement_send_key'))
    )
    with op.batch_alter_table('statement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_statement_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statement_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_statement_sent_at'), ['sent_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_statement_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_statement_young_person_id'), ['young_person_id'], unique=False)

    op.create_table('team_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_team_member_authority_id_authority')),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_team_member_team_id_team')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_team_member_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_member')),
    sa.UniqueConstraint('team_id', 'user_id', name='uq_team_member')
    )
    with op.batch_alter_table('team_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_member_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_member_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_member_user_id'), ['user_id'], unique=False)

    op.create_table('complaint_stage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('extended_to', sa.Date(), nullable=True),
    sa.Column('extension_reason', sa.Text(), nullable=True),
    sa.Column('response', sa.Text(), nullable=True),
    sa.Column('finding', sa.String(length=16), nullable=True),
    sa.Column('responded_on', sa.Date(), nullable=True),
    sa.Column('responded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('responded_by_id', sa.Integer(), nullable=True),
    sa.Column('response_seen_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('next_stage_requested_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('flagged_on', sa.Date(), nullable=True),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_complaint_stage_authority_id_authority')),
    sa.ForeignKeyConstraint(['complaint_id'], ['representation.id'], name=op.f('fk_complaint_stage_complaint_id_representation')),
    sa.ForeignKeyConstraint(['responded_by_id'], ['user.id'], name=op.f('fk_complaint_stage_responded_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_stage')),
    sa.UniqueConstraint('complaint_id', 'number', name='uq_complaint_stage')
    )
    with op.batch_alter_table('complaint_stage', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_stage_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_stage_complaint_id'), ['complaint_id'], unique=False)

    op.create_table('statement_reader',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('reader_role', sa.String(length=10), nullable=False),
    sa.Column('first_read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('flagged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('flagged_to', sa.JSON(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_statement_reader_authority_id_authority')),
    sa.ForeignKeyConstraint(['statement_id'], ['statement.id'], name=op.f('fk_statement_reader_statement_id_statement')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_statement_reader_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statement_reader')),
    sa.UniqueConstraint('statement_id', 'user_id', name='uq_statement_reader')
    )
    with op.batch_alter_table('statement_reader', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_statement_reader_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statement_reader_flagged_at'), ['flagged_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_statement_reader_statement_id'), ['statement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statement_reader_user_id'), ['user_id'], unique=False)

    op.create_table('statement_reply',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('client_key', sa.String(length=64), nullable=False),
    sa.Column('seen_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_statement_reply_author_id_user')),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_statement_reply_authority_id_authority')),
    sa.ForeignKeyConstraint(['statement_id'], ['statement.id'], name=op.f('fk_statement_reply_statement_id_statement')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statement_reply')),
    sa.UniqueConstraint('statement_id', 'client_key', name='uq_statement_reply_key')
    )
    with op.batch_alter_table('statement_reply', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_statement_reply_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statement_reply_statement_id'), ['statement_id'], unique=False)

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('line_manager_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_user_line_manager_id'), ['line_manager_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_user_line_manager_id_user'), 'user', ['line_manager_id'], ['id'])



def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_user_line_manager_id_user'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_user_line_manager_id'))
        batch_op.drop_column('line_manager_id')

    with op.batch_alter_table('statement_reply', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statement_reply_statement_id'))
        batch_op.drop_index(batch_op.f('ix_statement_reply_authority_id'))

    op.drop_table('statement_reply')
    with op.batch_alter_table('statement_reader', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statement_reader_user_id'))
        batch_op.drop_index(batch_op.f('ix_statement_reader_statement_id'))
        batch_op.drop_index(batch_op.f('ix_statement_reader_flagged_at'))
        batch_op.drop_index(batch_op.f('ix_statement_reader_authority_id'))

    op.drop_table('statement_reader')
    with op.batch_alter_table('complaint_stage', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_stage_complaint_id'))
        batch_op.drop_index(batch_op.f('ix_complaint_stage_authority_id'))

    op.drop_table('complaint_stage')
    with op.batch_alter_table('team_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_member_user_id'))
        batch_op.drop_index(batch_op.f('ix_team_member_team_id'))
        batch_op.drop_index(batch_op.f('ix_team_member_authority_id'))

    op.drop_table('team_member')
    with op.batch_alter_table('statement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statement_young_person_id'))
        batch_op.drop_index(batch_op.f('ix_statement_status'))
        batch_op.drop_index(batch_op.f('ix_statement_sent_at'))
        batch_op.drop_index(batch_op.f('ix_statement_kind'))
        batch_op.drop_index(batch_op.f('ix_statement_authority_id'))

    op.drop_table('statement')
    with op.batch_alter_table('representation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_representation_young_person_id'))
        batch_op.drop_index(batch_op.f('ix_representation_team_id'))
        batch_op.drop_index(batch_op.f('ix_representation_status'))
        batch_op.drop_index(batch_op.f('ix_representation_sent_at'))
        batch_op.drop_index(batch_op.f('ix_representation_kind'))
        batch_op.drop_index(batch_op.f('ix_representation_authority_id'))

    op.drop_table('representation')
    with op.batch_alter_table('call_back', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_call_back_young_person_id'))
        batch_op.drop_index(batch_op.f('ix_call_back_staff_id'))
        batch_op.drop_index(batch_op.f('ix_call_back_due_at'))
        batch_op.drop_index(batch_op.f('ix_call_back_done_at'))
        batch_op.drop_index(batch_op.f('ix_call_back_authority_id'))

    op.drop_table('call_back')
    with op.batch_alter_table('advocacy_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_advocacy_request_young_person_id'))
        batch_op.drop_index(batch_op.f('ix_advocacy_request_status'))
        batch_op.drop_index(batch_op.f('ix_advocacy_request_authority_id'))

    op.drop_table('advocacy_request')
    with op.batch_alter_table('voice_settings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voice_settings_authority_id'))

    op.drop_table('voice_settings')
    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_authority_id'))

    op.drop_table('team')
