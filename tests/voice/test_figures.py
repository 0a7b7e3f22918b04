"""Themes, not text: counts by kind, topic and month, answer times, call-backs within the promise
and complaints within each stage's timescale, with small numbers suppressed and no free text."""
from __future__ import annotations

from datetime import date

from freezegun import freeze_time

from app.extensions import db
from app.voice import callbacks, complaints, figures, statements

from .. import factories


def _council(people=12):
    council = factories.authority()
    worker = factories.staff(council, "worker")
    officer = factories.staff(council, "complaints_officer")
    young = [factories.young_person(council, worker_id=worker.id) for _ in range(people)]
    db.session.commit()
    return council, worker, officer, young


def test_counts_by_kind_topic_and_month_with_small_numbers_hidden():
    council, worker, officer, people = _council(40)
    with freeze_time("2026-01-14 10:00:00"):
        for person in people[:20]:
            factories.statement(person, kind="sort", topic="money", text="A secret about money")
        factories.statement(people[20], kind="feeling", face="sad", topic="home", text="A secret about home")
    with freeze_time("2026-02-10 10:00:00"):
        for person in people[21:]:
            factories.statement(person, kind="good_news", text="Good")
    db.session.commit()
    with freeze_time("2026-03-31 10:00:00"):
        raw = figures.counts(council.id, date(2026, 1, 1), date(2026, 3, 31))
        f = figures.figures(council.id, date(2026, 1, 1), date(2026, 3, 31))
    assert raw.kinds[date(2026, 1, 1)] == {"sort": 20, "feeling": 1} and raw.topics[date(2026, 2, 1)] == {"none": 19}
    assert f.months == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    overall = f.kinds_overall
    assert overall.base.count == 40 and overall.cell("sort").count == 20
    assert overall.cell("feeling").small  # one young person's feeling: "fewer than 5"...
    assert overall.cell("good_news").count is None and not overall.cell("good_news").small  # ...and 40 - 20 would give it away
    assert f.topics_overall.cell("money").count == 20 and f.topics_overall.cell("home").small
    january = f.kinds_by_month[date(2026, 1, 1)]
    assert january.base.count == 21 and not january.broken_down  # 21 - 20 would be the one feeling
    assert f.council_overall.base.small  # no complaints, compliments or comments


def test_acknowledged_in_time_counts_working_days_and_the_median():
    council, worker, officer, people = _council()
    with freeze_time("2026-04-02 10:00:00"):  # Thursday before Easter
        sent = [factories.statement(person, text="x") for person in people]
        db.session.commit()
    with freeze_time("2026-04-07 10:00:00"):  # Tuesday after: 1 working day later (Friday and Monday are bank holidays)
        for statement in sent[:6]:
            statements.acknowledge(statement, worker)
    with freeze_time("2026-04-10 10:00:00"):  # 4 working days later: outside the council's 2
        for statement in sent[6:]:
            statements.reply(statement, worker, "Hello", key=f"k{statement.id}")
    db.session.commit()
    with freeze_time("2026-04-30 10:00:00"):
        f = figures.figures(council.id, date(2026, 4, 1), date(2026, 4, 30))
    assert f.acknowledged_in_time.cell("yes").count == 6 and f.acknowledged_in_time.cell("no").count == 6
    assert f.time_to_acknowledge.median_days == 2.5 and f.time_to_reply.median_days == 4.0


def test_a_median_of_fewer_than_five_is_not_shown():
    council, worker, officer, people = _council()
    sent = [factories.statement(person, text="x") for person in people[:4]]
    for statement in sent:
        statements.reply(statement, worker, "Hello", key=f"k{statement.id}")
    db.session.commit()
    today = date.today()
    f = figures.figures(council.id, today.replace(day=1), today)
    assert len(figures.counts(council.id, today.replace(day=1), today).days_to_reply) == 4
    assert f.time_to_reply.median_days is None


def test_many_messages_from_a_few_young_people_are_not_broken_down():
    # Messages are counted, not people: three young people's 24 messages show as a total only.
    council, worker, officer, people = _council(3)
    with freeze_time("2026-01-14 10:00:00"):
        for person in people:
            for _ in range(4):
                factories.statement(person, kind="sort", topic="money", text="x")
                factories.statement(person, kind="feeling", face="sad", topic="home", text="x")
        db.session.commit()
    with freeze_time("2026-01-31 10:00:00"):
        raw = figures.counts(council.id, date(2026, 1, 1), date(2026, 1, 31))
        f = figures.figures(council.id, date(2026, 1, 1), date(2026, 1, 31))
    assert raw.people["kinds"] == 3 and raw.kinds[date(2026, 1, 1)] == {"sort": 12, "feeling": 12}
    assert f.kinds_overall.base.count == 24 and not f.kinds_overall.broken_down
    assert not f.kinds_by_month[date(2026, 1, 1)].broken_down and not f.topics_overall.broken_down
    assert not f.faces.broken_down and not f.acknowledged_in_time.broken_down and not f.sorted_share.broken_down


def test_the_faces_never_give_away_a_hidden_number_of_feelings():
    council, worker, officer, people = _council(30)
    with freeze_time("2026-01-14 10:00:00"):
        for person in people[:20]:
            factories.statement(person, kind="sort", text="x")
        for person in people[20:26]:
            factories.statement(person, kind="feeling", face="sad", text="x")
        for person in people[26:28]:
            factories.statement(person, kind="good_news", text="x")
        factories.statement(people[28], kind="feeling", text="x")  # no face picked
        db.session.commit()
    with freeze_time("2026-01-31 10:00:00"):
        raw = figures.counts(council.id, date(2026, 1, 1), date(2026, 1, 31))
        f = figures.figures(council.id, date(2026, 1, 1), date(2026, 1, 31))
    assert raw.faces == {"sad": 6, "none": 1}
    kinds = f.kinds_overall
    assert kinds.base.count == 29 and kinds.cell("good_news").small
    # 29 - 20 - 7 would give the good news away, so sort or feeling is hidden; the faces, which
    # count the feelings, show a number only where the feelings do.
    assert kinds.cell("sort").suppressed or kinds.cell("feeling").suppressed
    assert f.faces.base.count == kinds.figure("feeling").count


def test_no_complaints_and_no_feelings_hide_nothing_else():
    # Empty stage 1 and empty faces are "fewer than 5" beside "fewer than 5": no reason to hide
    # the tables they belong to.
    council, worker, officer, people = _council(20)
    with freeze_time("2026-06-01 10:00:00"):
        for person in people[:10]:
            factories.representation(person, kind="compliment", text="Thank you")
            factories.statement(person, kind="sort", text="x")
        for person in people[10:]:
            factories.representation(person, kind="comment", text="An idea")
            factories.statement(person, kind="good_news", text="x")
        db.session.commit()
    with freeze_time("2026-06-30 10:00:00"):
        f = figures.figures(council.id, date(2026, 6, 1), date(2026, 6, 30))
    assert f.council_overall.base.count == 20 and f.council_overall.broken_down and f.council_overall.cell("complaint").small
    assert f.kinds_overall.base.count == 20 and f.kinds_overall.broken_down and f.kinds_overall.cell("feeling").small


def test_call_backs_within_the_promise():
    council, worker, officer, people = _council()
    with freeze_time("2026-05-05 10:00:00"):
        calls = [factories.callback(person, about=None) for person in people]
        db.session.commit()
    with freeze_time("2026-05-05 16:00:00"):
        for call in calls[:6]:
            callbacks.record_call(call, worker, "called")
    with freeze_time("2026-05-07 16:00:00"):
        for call in calls[6:9]:
            callbacks.record_call(call, worker, "no_answer")  # tried, but after the promise
    db.session.commit()
    with freeze_time("2026-05-20 10:00:00"):  # the other three were never made: late
        f = figures.figures(council.id, date(2026, 5, 1), date(2026, 5, 31))
    assert f.callbacks_within_promise.base.count == 12
    assert f.callbacks_within_promise.cell("yes").count == 6 and f.callbacks_within_promise.cell("no").count == 6


def test_complaint_stages_against_their_timescales():
    council, worker, officer, people = _council(23)
    with freeze_time("2026-06-01 10:00:00"):
        made = [factories.representation(person) for person in people[:11]]
        for person in people[11:17]:
            factories.representation(person, kind="compliment", text="Thank you")
        for person in people[17:]:
            factories.representation(person, kind="comment", text="An idea")
        db.session.commit()
    with freeze_time("2026-06-10 10:00:00"):
        for complaint in made[:6]:
            complaints.respond(complaint.stage, officer, "upheld", "Sorted")
    with freeze_time("2026-06-25 10:00:00"):
        for complaint in made[6:9]:
            complaints.respond(complaint.stage, officer, "upheld", "Sorted")
    db.session.commit()
    with freeze_time("2026-06-30 10:00:00"):
        f = figures.figures(council.id, date(2026, 6, 1), date(2026, 6, 30))
    stage_one = f.stages[1]
    assert stage_one.base.count == 11 and stage_one.cell("answered_in_time").count == 6
    assert stage_one.cell("answered_late").count is None and stage_one.cell("open_late").count is None
    assert f.stages[2].base.small
    assert f.council_overall.cell("complaint").count == 11 and f.council_overall.base.count == 23


def test_the_figures_page_shows_no_words_and_is_refused_to_workers(sign_in):
    council, worker, officer, people = _council()
    manager = factories.staff(council, "manager")
    for person in people:
        factories.statement(person, text="Zebra crossing secret")
    db.session.commit()
    page = sign_in(manager).get("/staff/voice/figures").get_data(as_text=True)
    assert "Zebra" not in page and "Something I want sorted" in page and ">12<" in page
    assert "How young people said they felt" in page and "No face picked" in page
    assert sign_in(worker).get("/staff/voice/figures").status_code == 403
