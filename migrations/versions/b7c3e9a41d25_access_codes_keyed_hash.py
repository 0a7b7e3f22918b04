"""auth: invite and reset codes hashed with a key held by the server

A code has only 27^8 values, so its plain SHA-256 in a leaked database could be worked back in
minutes. Codes are now stored as an HMAC (keyed from SECRET_KEY) of that plain hash, so the codes
already handed out are converted here and keep working until used or expired: a child holding a
printed card is not told that it has stopped working. Nothing weak is left at rest.

Downgrading cannot undo the key, so it revokes the codes not yet used: staff issue new ones.

Revision ID: b7c3e9a41d25
Revises: 5a7c1e0d2b94
Create Date: 2026-12-03 17:50:00

"""
import hashlib
import hmac
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op
from flask import current_app

revision = 'b7c3e9a41d25'
down_revision = '5a7c1e0d2b94'
branch_labels = None
depends_on = None

codes = sa.table(
    'access_code',
    sa.column('id', sa.Integer),
    sa.column('code_hash', sa.String),
    sa.column('used_at', sa.DateTime(timezone=True)),
    sa.column('revoked_at', sa.DateTime(timezone=True)),
)


def _keyed(unkeyed: str, secret: str) -> str:
    # As app.auth.service.keyed_code_hash, written out so this step stays as it ran.
    key = hmac.new(secret.encode(), b"heard.access-code", hashlib.sha256).digest()
    return hmac.new(key, unkeyed.encode(), hashlib.sha256).hexdigest()


def upgrade():
    secret = current_app.config["SECRET_KEY"]
    connection = op.get_bind()
    for code_id, unkeyed in connection.execute(sa.select(codes.c.id, codes.c.code_hash)).all():
        connection.execute(codes.update().where(codes.c.id == code_id).values(code_hash=_keyed(unkeyed, secret)))


def downgrade():
    op.execute(
        codes.update()
        .where(codes.c.used_at.is_(None), codes.c.revoked_at.is_(None))
        .values(revoked_at=datetime.now(timezone.utc))
    )
