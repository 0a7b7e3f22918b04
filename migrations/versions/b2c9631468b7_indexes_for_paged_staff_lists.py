"""Indexes for the paged staff lists: an IRO's reviews by date, the moderation queue, the alerts list, the audit log

Revision ID: b2c9631468b7
Revises: d7b24b3c9c4a
Create Date: 2026-12-03 12:28:17.272959

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b2c9631468b7'
down_revision = 'd7b24b3c9c4a'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index('ix_audit_event_authority_id_at', ['authority_id', 'at'], unique=False)

    with op.batch_alter_table('moderation_item', schema=None) as batch_op:
        batch_op.create_index('ix_moderation_item_decided', ['authority_id', 'status', 'decided_at'], unique=False)
        batch_op.create_index('ix_moderation_item_queue', ['authority_id', 'status', 'created_at'], unique=False)

    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.create_index('ix_review_iro_id_date', ['iro_id', 'date'], unique=False)

    with op.batch_alter_table('safeguarding_alert', schema=None) as batch_op:
        batch_op.create_index('ix_safeguarding_alert_list', ['authority_id', 'status', 'deadline_at'], unique=False)



def downgrade():
    with op.batch_alter_table('safeguarding_alert', schema=None) as batch_op:
        batch_op.drop_index('ix_safeguarding_alert_list')

    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.drop_index('ix_review_iro_id_date')

    with op.batch_alter_table('moderation_item', schema=None) as batch_op:
        batch_op.drop_index('ix_moderation_item_queue')
        batch_op.drop_index('ix_moderation_item_decided')

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_authority_id_at')

