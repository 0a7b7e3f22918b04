"""privacy: anonymous rows hold no order, no time, no rebuildable key

Survey, poll and pledge rows that promise anonymity are kept in tables with no hidden insertion
order (SQLite WITHOUT ROWID), with random ids, and are written afresh in a random order here so
rows written before this change lose their order too (PostgreSQL). Keys that anyone holding the
database and SECRET_KEY could recompute are dropped: existing votes and ratings stand, and their
voters and raters are recorded (so nobody votes or rates twice) but can no longer change them.
Survey responses lose their language; free-text answers leave no row in the response; times of
anonymous moderation items, audit events and alerts, and of young people's sign-ins, are cut to
the day (alerts to the hour).

Revision ID: ae590430b963
Revises: b2c9631468b7
Create Date: 2026-12-03 10:00:00

"""
import hashlib
import hmac
import random
import secrets
from datetime import timezone

import sqlalchemy as sa
from alembic import op

revision = 'ae590430b963'
down_revision = 'b2c9631468b7'
branch_labels = None
depends_on = None

NO_ROWID = {"sqlite_with_rowid": False}
SURVEY_TABLES = ("survey_draft", "survey_response", "survey_answer", "survey_quote", "survey_participation")


def _random_id():
    return secrets.randbits(62) or 1


def _rows(sql, **params):
    return [dict(r._mapping) for r in op.get_bind().execute(sa.text(sql), params)]


def _shuffled(rows):
    rows = list(rows)
    random.SystemRandom().shuffle(rows)
    return rows


def _secret_key() -> str:
    from flask import current_app

    return current_app.config["SECRET_KEY"]


def _utc(value):
    return value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _day(value):
    return None if value is None else _utc(value).replace(hour=0, minute=0, second=0, microsecond=0)


def _hour(value):
    return None if value is None else _utc(value).replace(minute=0, second=0, microsecond=0)


# --- the new shapes ---------------------------------------------------------------------------

def _create_poll_tables():
    op.create_table('council_poll_ballot',
    sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=True),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_council_poll_ballot_authority_id_authority')),
    sa.ForeignKeyConstraint(['question_id'], ['council_poll_question.id'], name=op.f('fk_council_poll_ballot_question_id_council_poll_question')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_poll_ballot')),
    sa.UniqueConstraint('question_id', 'key_hash', name=op.f('uq_council_poll_ballot_question_id')),
    **NO_ROWID,
    )
    with op.batch_alter_table('council_poll_ballot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_poll_ballot_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_poll_ballot_question_id'), ['question_id'], unique=False)
    op.create_table('council_poll_choice',
    sa.Column('ballot_id', sa.BigInteger(), nullable=False),
    sa.Column('option_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['ballot_id'], ['council_poll_ballot.id'], name=op.f('fk_council_poll_choice_ballot_id_council_poll_ballot'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['option_id'], ['council_poll_option.id'], name=op.f('fk_council_poll_choice_option_id_council_poll_option')),
    sa.PrimaryKeyConstraint('ballot_id', 'option_id', name=op.f('pk_council_poll_choice')),
    **NO_ROWID,
    )
    with op.batch_alter_table('council_poll_choice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_poll_choice_option_id'), ['option_id'], unique=False)
    op.create_table('council_poll_voter',
    sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_council_poll_voter_authority_id_authority')),
    sa.ForeignKeyConstraint(['question_id'], ['council_poll_question.id'], name=op.f('fk_council_poll_voter_question_id_council_poll_question')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_council_poll_voter_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_poll_voter')),
    sa.UniqueConstraint('question_id', 'user_id', name=op.f('uq_council_poll_voter_question_id')),
    **NO_ROWID,
    )
    with op.batch_alter_table('council_poll_voter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_poll_voter_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_poll_voter_question_id'), ['question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_poll_voter_user_id'), ['user_id'], unique=False)


def _create_pledge_tables():
    op.create_table('pledge_rating',
    sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('promise_id', sa.Integer(), nullable=False),
    sa.Column('answer', sa.String(length=12), nullable=False),
    sa.Column('age_band', sa.String(length=8), nullable=True),
    sa.Column('key_hash', sa.String(length=64), nullable=True),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_pledge_rating_authority_id_authority')),
    sa.ForeignKeyConstraint(['promise_id'], ['promise.id'], name=op.f('fk_pledge_rating_promise_id_promise')),
    sa.ForeignKeyConstraint(['round_id'], ['rating_round.id'], name=op.f('fk_pledge_rating_round_id_rating_round')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pledge_rating')),
    sa.UniqueConstraint('round_id', 'promise_id', 'key_hash', name=op.f('uq_pledge_rating_round_id')),
    **NO_ROWID,
    )
    with op.batch_alter_table('pledge_rating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pledge_rating_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledge_rating_key_hash'), ['key_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledge_rating_promise_id'), ['promise_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledge_rating_round_id'), ['round_id'], unique=False)
    op.create_table('pledge_rater',
    sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('promise_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_pledge_rater_authority_id_authority')),
    sa.ForeignKeyConstraint(['promise_id'], ['promise.id'], name=op.f('fk_pledge_rater_promise_id_promise')),
    sa.ForeignKeyConstraint(['round_id'], ['rating_round.id'], name=op.f('fk_pledge_rater_round_id_rating_round')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_pledge_rater_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pledge_rater')),
    sa.UniqueConstraint('round_id', 'promise_id', 'user_id', name=op.f('uq_pledge_rater_round_id')),
    **NO_ROWID,
    )
    with op.batch_alter_table('pledge_rater', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pledge_rater_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledge_rater_promise_id'), ['promise_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledge_rater_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledge_rater_user_id'), ['user_id'], unique=False)


def _young_people(authority_id):
    return [r["id"] for r in _rows("SELECT id FROM \"user\" WHERE authority_id = :a AND role = 'young_person'", a=authority_id)]


def _insert(table, rows):
    if rows:
        meta = sa.MetaData()
        meta.reflect(bind=op.get_bind(), only=[table])
        op.bulk_insert(meta.tables[table], _shuffled(rows))


# --- upgrade ----------------------------------------------------------------------------------

def _polls_upgrade():
    secret = _secret_key().encode()
    ballots = _rows("SELECT id, question_id, voter_key, authority_id FROM council_poll_ballot")
    choices = _rows("SELECT ballot_id, option_id FROM council_poll_choice")
    op.drop_table('council_poll_choice')
    op.drop_table('council_poll_ballot')
    _create_poll_tables()
    new_ids = {b["id"]: _random_id() for b in ballots}
    people = {}
    voters = []
    for ballot in ballots:
        members = people.setdefault(ballot["authority_id"], _young_people(ballot["authority_id"]))
        for user_id in members:
            key = hmac.new(secret, f"heard.council.ballot:{ballot['question_id']}:{user_id}".encode(), hashlib.sha256).hexdigest()
            if key == ballot["voter_key"]:
                voters.append({"id": _random_id(), "question_id": ballot["question_id"], "user_id": user_id, "authority_id": ballot["authority_id"]})
                break
    _insert("council_poll_ballot", [{"id": new_ids[b["id"]], "question_id": b["question_id"], "key_hash": None, "authority_id": b["authority_id"]} for b in ballots])
    _insert("council_poll_choice", [{"ballot_id": new_ids[c["ballot_id"]], "option_id": c["option_id"]} for c in choices if c["ballot_id"] in new_ids])
    _insert("council_poll_voter", voters)


def _pledges_upgrade():
    ratings = _rows("SELECT r.id, r.round_id, r.promise_id, r.answer, r.age_band, r.rater_key, r.authority_id, "
                    "rr.secret AS secret FROM pledge_rating r JOIN rating_round rr ON rr.id = r.round_id")
    raters = []
    people = {}
    for rating in ratings:
        if not rating["secret"] or not rating["rater_key"]:
            continue
        for user_id in people.setdefault(rating["authority_id"], _young_people(rating["authority_id"])):
            key = hmac.new(rating["secret"].encode(), f"young-person:{user_id}".encode(), hashlib.sha256).hexdigest()
            if key == rating["rater_key"]:
                raters.append({"id": _random_id(), "round_id": rating["round_id"], "promise_id": rating["promise_id"], "user_id": user_id,
                               "authority_id": rating["authority_id"]})
                break
    op.drop_table('pledge_rating')
    _create_pledge_tables()
    _insert("pledge_rating", [{"id": _random_id(), "round_id": r["round_id"], "promise_id": r["promise_id"], "answer": r["answer"],
                               "age_band": r["age_band"], "key_hash": None, "authority_id": r["authority_id"]} for r in ratings])
    _insert("pledge_rater", raters)
    with op.batch_alter_table('pledge_comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pledge_comment_rater_key'))
        batch_op.drop_constraint(batch_op.f('uq_pledge_comment_round_id'), type_='unique')
        batch_op.drop_column('rater_key')
    with op.batch_alter_table('rating_round', schema=None) as batch_op:
        batch_op.drop_column('secret')


def _surveys_upgrade(sqlite: bool):
    # Free-text questions leave nothing in a response: not even that something was written.
    op.execute("DELETE FROM survey_answer WHERE question_id IN (SELECT id FROM survey_question WHERE kind = 'text')")
    # Drafts found by a keyed hash of who someone is can be opened with SECRET_KEY: gone. The
    # young people start again; drafts already sent stay to be written.
    op.execute(sa.text("DELETE FROM survey_draft WHERE from_profile = :yes AND submitted = :no").bindparams(yes=True, no=False))
    kwargs = {"recreate": "always", "table_kwargs": NO_ROWID} if sqlite else {}
    with op.batch_alter_table('survey_draft', schema=None, **kwargs) as batch_op:
        batch_op.add_column(sa.Column('code_ref', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('touched_on', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_survey_draft_code_ref'), ['code_ref'], unique=False)
    with op.batch_alter_table('survey_response', schema=None, **kwargs) as batch_op:
        batch_op.drop_column('language')
    for table in ("survey_answer", "survey_quote", "survey_participation"):
        with op.batch_alter_table(table, schema=None, **kwargs) as batch_op:
            pass
    if not sqlite:
        # Rows written before this change keep the order they were written in: write them afresh.
        for table in ("survey_answer", "survey_response", "survey_quote", "survey_participation"):
            op.execute(f"CREATE TEMP TABLE heard_mix_{table} AS SELECT * FROM {table}")
        for table in ("survey_answer", "survey_response", "survey_quote", "survey_participation"):
            op.execute(f"DELETE FROM {table}")
        for table in ("survey_response", "survey_answer", "survey_quote", "survey_participation"):
            op.execute(f"INSERT INTO {table} SELECT * FROM heard_mix_{table} ORDER BY random()")
            op.execute(f"DROP TABLE heard_mix_{table}")


def _cut_times(table, columns, where, cut):
    """Cut `columns` of the rows `where` picks to the day or hour, through typed columns so that
    each database stores them as it always does."""
    t = sa.table(table, sa.column("id", sa.Integer()), *[sa.column(c, sa.DateTime(timezone=True)) for c in columns])
    bind = op.get_bind()
    for row in bind.execute(sa.select(t).where(sa.text(where))).mappings().all():
        bind.execute(t.update().where(t.c.id == row["id"]).values({c: cut(row[c]) for c in columns}))


def _times_upgrade():
    _cut_times("moderation_item", ("created_at", "updated_at"), "author_id IS NULL", _day)
    _cut_times("audit_event", ("at",), "actor_id IS NULL AND action IN ('moderation.submitted', 'safeguarding.alert_raised')", _day)
    _cut_times("audit_event", ("at",), "action = 'account.signed_in' AND actor_id IN (SELECT id FROM \"user\" WHERE role = 'young_person')", _day)
    _cut_times("user", ("last_sign_in_at",), "role = 'young_person' AND last_sign_in_at IS NOT NULL", _day)
    _cut_times("safeguarding_alert", ("created_at",), "young_person_id IS NULL AND trigger = 'screening'", _hour)


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    _polls_upgrade()
    _pledges_upgrade()
    _surveys_upgrade(sqlite)
    _times_upgrade()


# --- downgrade (the keys cannot come back: old votes and ratings stay unchangeable) -----------

def downgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    kwargs = {"recreate": "always", "table_kwargs": {"sqlite_with_rowid": True}} if sqlite else {}
    with op.batch_alter_table('survey_response', schema=None, **kwargs) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=10), nullable=True))
    with op.batch_alter_table('survey_draft', schema=None, **kwargs) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_draft_code_ref'))
        batch_op.drop_column('touched_on')
        batch_op.drop_column('code_ref')
    for table in ("survey_answer", "survey_quote", "survey_participation"):
        with op.batch_alter_table(table, schema=None, **kwargs) as batch_op:
            pass

    with op.batch_alter_table('rating_round', schema=None) as batch_op:
        batch_op.add_column(sa.Column('secret', sa.String(length=64), nullable=True))
    with op.batch_alter_table('pledge_comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rater_key', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_pledge_comment_round_id'), ['round_id', 'promise_id', 'rater_key'])
        batch_op.create_index(batch_op.f('ix_pledge_comment_rater_key'), ['rater_key'], unique=False)
    ratings = _rows("SELECT round_id, promise_id, answer, age_band, authority_id FROM pledge_rating")
    op.drop_table('pledge_rater')
    op.drop_table('pledge_rating')
    op.create_table('pledge_rating',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('promise_id', sa.Integer(), nullable=False),
    sa.Column('answer', sa.String(length=12), nullable=False),
    sa.Column('age_band', sa.String(length=8), nullable=True),
    sa.Column('rater_key', sa.String(length=64), nullable=True),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_pledge_rating_authority_id_authority')),
    sa.ForeignKeyConstraint(['promise_id'], ['promise.id'], name=op.f('fk_pledge_rating_promise_id_promise')),
    sa.ForeignKeyConstraint(['round_id'], ['rating_round.id'], name=op.f('fk_pledge_rating_round_id_rating_round')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pledge_rating')),
    sa.UniqueConstraint('round_id', 'promise_id', 'rater_key', name=op.f('uq_pledge_rating_round_id'))
    )
    with op.batch_alter_table('pledge_rating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pledge_rating_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledge_rating_promise_id'), ['promise_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledge_rating_rater_key'), ['rater_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledge_rating_round_id'), ['round_id'], unique=False)
    _insert("pledge_rating", [dict(r, rater_key=None) for r in ratings])

    ballots = _rows("SELECT id, question_id, authority_id FROM council_poll_ballot")
    choices = _rows("SELECT ballot_id, option_id FROM council_poll_choice")
    op.drop_table('council_poll_voter')
    op.drop_table('council_poll_choice')
    op.drop_table('council_poll_ballot')
    op.create_table('council_poll_ballot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('voter_key', sa.String(length=64), nullable=False),
    sa.Column('other', sa.Boolean(), nullable=False),
    sa.Column('cast_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_council_poll_ballot_authority_id_authority')),
    sa.ForeignKeyConstraint(['question_id'], ['council_poll_question.id'], name=op.f('fk_council_poll_ballot_question_id_council_poll_question')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_poll_ballot')),
    sa.UniqueConstraint('question_id', 'voter_key', name=op.f('uq_council_poll_ballot_question_id'))
    )
    with op.batch_alter_table('council_poll_ballot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_poll_ballot_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_poll_ballot_question_id'), ['question_id'], unique=False)
    op.create_table('council_poll_choice',
    sa.Column('ballot_id', sa.Integer(), nullable=False),
    sa.Column('option_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['ballot_id'], ['council_poll_ballot.id'], name=op.f('fk_council_poll_choice_ballot_id_council_poll_ballot'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['option_id'], ['council_poll_option.id'], name=op.f('fk_council_poll_choice_option_id_council_poll_option')),
    sa.PrimaryKeyConstraint('ballot_id', 'option_id', name=op.f('pk_council_poll_choice'))
    )
    with op.batch_alter_table('council_poll_choice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_poll_choice_option_id'), ['option_id'], unique=False)
    from datetime import datetime

    old_ids = {b["id"]: n for n, b in enumerate(ballots, start=1)}
    _insert("council_poll_ballot", [{"id": old_ids[b["id"]], "question_id": b["question_id"], "voter_key": secrets.token_hex(32), "other": False,
                                     "cast_at": datetime.now(timezone.utc), "authority_id": b["authority_id"]} for b in ballots])
    _insert("council_poll_choice", [{"ballot_id": old_ids[c["ballot_id"]], "option_id": c["option_id"]} for c in choices])
