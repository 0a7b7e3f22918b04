"""reports: quotes chosen for the board pack; the young person each audit event concerns

Revision ID: c09874006e84
Revises: aa5673752c6d
Create Date: 2026-12-03 12:11:51.475375

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c09874006e84'
down_revision = 'aa5673752c6d'
branch_labels = None
depends_on = None

# Events already written name their young person through their target; fill subject_id from it.
BACKFILL = {
    "ViewsSubmission": "SELECT young_person_id FROM views_submission WHERE views_submission.id = audit_event.target_id",
    "Review": "SELECT young_person_id FROM review WHERE review.id = audit_event.target_id",
    "SafeguardingAlert": "SELECT young_person_id FROM safeguarding_alert WHERE safeguarding_alert.id = audit_event.target_id",
    "ModerationItem": "SELECT author_id FROM moderation_item WHERE moderation_item.id = audit_event.target_id",
    "Wish": "SELECT views_submission.young_person_id FROM wish JOIN views_submission ON views_submission.id = wish.submission_id WHERE wish.id = audit_event.target_id",
    "User": "SELECT id FROM \"user\" WHERE \"user\".id = audit_event.target_id AND \"user\".role = 'young_person'",
}


def upgrade():
    op.create_table('board_quote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.String(length=7), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('chosen_by_id', sa.Integer(), nullable=True),
    sa.Column('chosen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_board_quote_authority_id_authority')),
    sa.ForeignKeyConstraint(['chosen_by_id'], ['user.id'], name=op.f('fk_board_quote_chosen_by_id_user')),
    sa.ForeignKeyConstraint(['item_id'], ['moderation_item.id'], name=op.f('fk_board_quote_item_id_moderation_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_board_quote')),
    sa.UniqueConstraint('authority_id', 'quarter', 'item_id', name=op.f('uq_board_quote_authority_id'))
    )
    with op.batch_alter_table('board_quote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_board_quote_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_board_quote_quarter'), ['quarter'], unique=False)

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_audit_event_subject_id'), ['subject_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_audit_event_subject_id_user'), 'user', ['subject_id'], ['id'])

    for target_type, subject in BACKFILL.items():
        op.execute(f"UPDATE audit_event SET subject_id = ({subject}) WHERE target_type = '{target_type}'")


def downgrade():
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_audit_event_subject_id_user'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_audit_event_subject_id'))
        batch_op.drop_column('subject_id')

    with op.batch_alter_table('board_quote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_board_quote_quarter'))
        batch_op.drop_index(batch_op.f('ix_board_quote_authority_id'))

    op.drop_table('board_quote')
