"""The board pack: each section's figures against hand-made data, the small-numbers rules across
the pack, and the page, CSV and PDF drawn from the same tables."""
from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from datetime import date, datetime, time, timedelta, timezone

import pytest

from app.extensions import db
from app.i18n.formatting import UK
from app.reports import quarters as Q
from app.reports.board import council as council_section
from app.reports.board import moderation as moderation_section
from app.reports.board import pack as board_pack
from app.reports.board import safeguarding as safeguarding_section
from app.reports.board import views as views_section
from app.reports.disclosure import MIN_CELL

from .. import factories

QUARTER = Q.last_complete(date.today())


def at(days: int, hour: int = 12, quarter: Q.Quarter = QUARTER) -> datetime:
    """A moment in the quarter: `days` after it starts, at `hour` UK time."""
    return datetime.combine(quarter.start + timedelta(days=days), time(hour), tzinfo=UK).astimezone(timezone.utc)


def weekday(days: int, quarter: Q.Quarter = QUARTER) -> int:
    """The first working day (Monday to Friday, not a bank holiday) on or after `days` into the
    quarter, as days in."""
    from app.moderation.clock import is_bank_holiday

    while (quarter.start + timedelta(days=days)).weekday() >= 5 or is_bank_holiday(quarter.start + timedelta(days=days)):
        days += 1
    return days


def row(table, key):
    return next(r for r in table.rows if r.key == key)


def shown(table, key, column=0):
    return row(table, key).entries[column].shown(row(table, key).kind)


# --- views before reviews ------------------------------------------------------------------------


def _reviews(council, iro, n, *, sent_before=0, acknowledged=0, codes=None, quarter=QUARTER, with_outcomes=0):
    from app.reviews import service as reviews

    codes = codes or []
    for i in range(n):
        person = factories.young_person(council, iro_id=iro.id)
        review = factories.review(person, iro=iro, days_ahead=None, date=quarter.start + timedelta(days=20 + i % 60))
        if i < sent_before:
            submission = factories.sent_views(review, readers=("iro",))
            submission.sent_at = at(10 + i % 5, quarter=quarter)
            if i < acknowledged:
                submission.acknowledged_at = at(12 + i % 5, quarter=quarter)
                submission.acknowledged_by_id = iro.id
            if i < with_outcomes:
                for wish in submission.wishes:
                    reviews.record_outcome(wish, iro, "agreed", None)
        if i < len(codes):
            review.participation_code = codes[i]
    db.session.commit()


def test_views_section_counts_sent_acknowledged_outcomes_and_codes():
    council = factories.authority()
    iro = factories.staff(council, "iro")
    # 30 reviews; 20 with views sent before, 12 of those acknowledged before, 10 with every
    # wish answered; codes: 11 PN1, 8 PN6, 5 PN7, and 6 spread thinly over PN2, PN4 and PN5.
    codes = ["PN1"] * 11 + ["PN6"] * 8 + ["PN7"] * 5 + ["PN2"] * 3 + ["PN4"] * 2 + ["PN5"]
    _reviews(council, iro, 30, sent_before=20, acknowledged=12, with_outcomes=10, codes=codes)
    section = views_section.section(council.id, board_pack.quarters_for(QUARTER))
    headline, codes = section.tables
    assert shown(headline, "reviews") == "30"
    assert shown(headline, "sent_before") == "20 (67%)"
    assert shown(headline, "acknowledged_before") == "12 (60%)"
    assert shown(headline, "with_wishes") == "20"
    assert shown(headline, "outcomes_recorded") == "10 (50%)"
    assert shown(codes, "PN1") == "11 (37%)" and shown(codes, "PN6") == "8 (27%)" and shown(codes, "PN7") == "5 (17%)"
    assert shown(codes, "PN2") == "fewer than 5" and shown(codes, "PN3") == "fewer than 5"
    # The quarter before had none of these reviews.
    assert shown(headline, "reviews", 1) == "fewer than 5"


def test_views_hidden_to_protect_a_small_number_stay_hidden_in_every_table_of_the_pack():
    council = factories.authority()
    iro = factories.staff(council, "iro")
    # 23 reviews, 20 with views sent before (so 3 without), 18 acknowledged before.
    _reviews(council, iro, 23, sent_before=20, acknowledged=18, codes=["PN1"] * 23)
    headline = views_section.section(council.id, board_pack.quarters_for(QUARTER)).tables[0]
    assert shown(headline, "reviews") == "23"
    assert shown(headline, "sent_before") == "hidden to protect small numbers"
    # "18 of 20 acknowledged" would give the 20 away, and with it the 3.
    assert shown(headline, "acknowledged_before") == "hidden to protect small numbers"
    figures = views_section.figures(council.id, QUARTER)
    assert figures["acknowledged_before"].base.count is None and not figures["acknowledged_before"].base.small


# --- safeguarding --------------------------------------------------------------------------------


def _alert(council, created_at, *, in_time=True, acknowledged=True):
    deadline = created_at + timedelta(hours=1)
    acknowledged_at = (created_at + timedelta(minutes=30 if in_time else 90)) if acknowledged else None
    return factories.safeguarding_alert(council, created_at=created_at, deadline_at=deadline, acknowledged_at=acknowledged_at, text=None)


def test_safeguarding_section_splits_alerts_by_office_hours_and_counts_those_acknowledged_in_time():
    council = factories.authority()
    day = weekday(7)
    saturday = next(d for d in range(7, 14) if (QUARTER.start + timedelta(days=d)).weekday() == 5)
    for i in range(30):  # raised on a weekday at 11:00: 24 in time, 6 late
        _alert(council, at(day, 11), in_time=i < 24)
    for i in range(15):  # raised at 23:00 on a Saturday: 10 in time, 4 late, 1 never acknowledged
        _alert(council, at(saturday, 23), in_time=i < 10, acknowledged=i < 14)
    db.session.commit()
    table = safeguarding_section.section(council.id, board_pack.quarters_for(QUARTER)).tables[0]
    assert shown(table, "alerts") == "45"
    assert shown(table, "in_time") == "34 (76%)"
    assert shown(table, "day") == "30 (67%)" and shown(table, "night") == "15 (33%)"
    assert shown(table, "day_in_time") == "24 (80%)" and shown(table, "night_in_time") == "10 (67%)"


def test_safeguarding_counts_an_alert_raised_on_a_bank_holiday_as_raised_while_the_office_was_closed():
    from app.moderation.clock import is_bank_holiday

    council = factories.authority()
    holiday = next(d for d in range(92) if is_bank_holiday(QUARTER.start + timedelta(days=d)) and (QUARTER.start + timedelta(days=d)).weekday() < 5)
    for _ in range(6):
        _alert(council, at(weekday(holiday + 1), 11))
    for _ in range(7):
        _alert(council, at(holiday, 11))  # a weekday, in office hours, but the office is shut
    db.session.commit()
    table = safeguarding_section.section(council.id, board_pack.quarters_for(QUARTER)).tables[0]
    assert shown(table, "day") == "6 (46%)" and shown(table, "night") == "7 (54%)"


def test_safeguarding_in_time_share_hides_when_too_few_were_late():
    council = factories.authority()
    day = weekday(7)
    for i in range(30):
        _alert(council, at(day, 11), in_time=i < 27)  # 3 late: a small number
    for i in range(15):
        _alert(council, at(day, 22), in_time=i < 10)
    db.session.commit()
    table = safeguarding_section.section(council.id, board_pack.quarters_for(QUARTER)).tables[0]
    assert shown(table, "day_in_time") == "hidden to protect small numbers"
    # Overall, 37 in time and 8 late could be shown, but with the night's 10 of 15 beside them
    # they would give the day's 3 away: one of them hides too.
    rows = [shown(table, key) for key in ("in_time", "night_in_time")]
    assert "hidden to protect small numbers" in rows


def test_safeguarding_night_figures_cannot_be_had_from_the_whole_and_the_day():
    council = factories.authority()
    day = weekday(3)
    for _ in range(15):
        _alert(council, at(day, 10))
    for _ in range(3):  # three at night: a small number
        _alert(council, at(day, 21))
    db.session.commit()
    figures = safeguarding_section.figures(council.id, QUARTER)
    table = safeguarding_section.section(council.id, board_pack.quarters_for(QUARTER)).tables[0]
    # With 18 alerts shown, neither the 15 by day nor the 3 at night may be, here or as a base.
    assert shown(table, "alerts") == "18"
    assert shown(table, "day") == "hidden to protect small numbers" and shown(table, "night") == "hidden to protect small numbers"
    assert figures["day"].base.count is None and figures["night"].base.count is None
    assert not {"15", "3"} & {e.shown(r.kind).split(" ")[0] for r in table.rows for e in r.entries[:1]}


def test_safeguarding_section_has_no_words_and_no_names(sign_in):
    council = factories.authority()
    manager = factories.staff(council, "manager")
    child = factories.young_person(council, display_name="Zephyrine")
    for _ in range(6):
        factories.safeguarding_alert(council, young_person=child, text="I want to run away tonight", created_at=at(weekday(5), 10))
    db.session.commit()
    page = sign_in(manager).get(f"/staff/reports/board?quarter={QUARTER.key}").get_data(as_text=True)
    assert "Safeguarding alerts" in page
    assert "run away" not in page and "Zephyrine" not in page


# --- moderation ----------------------------------------------------------------------------------


def _decided(council, created_at, waited: timedelta):
    from app.moderation.models import APPROVED

    item = factories.moderation_item(council)
    item.created_at, item.decided_at, item.status = created_at, created_at + waited, APPROVED
    return item


def test_moderation_section_counts_turnaround_and_hides_the_small_band_with_its_neighbour():
    council = factories.authority()
    start = at(5)
    for _ in range(6):
        _decided(council, start, timedelta(hours=3))
    for _ in range(5):
        _decided(council, start, timedelta(days=2))
    for _ in range(4):
        _decided(council, start, timedelta(days=6))
    db.session.commit()
    table = moderation_section.section(council.id, board_pack.quarters_for(QUARTER)).tables[0]
    assert shown(table, "decided") == "15"
    assert shown(table, "day") == "6 (40%)"
    assert shown(table, "longer") == "fewer than 5"
    assert shown(table, "three_days") == "hidden to protect small numbers"
    assert shown(table, "median") == "2 days"


def test_moderation_median_is_not_shown_for_a_handful_of_texts():
    council = factories.authority()
    for _ in range(6):
        _decided(council, at(5), timedelta(hours=5))
    db.session.commit()
    table = moderation_section.section(council.id, board_pack.quarters_for(QUARTER)).tables[0]
    assert shown(table, "decided") == "6" and shown(table, "median") == "–"


# --- Children in Care Council --------------------------------------------------------------------


def test_council_section_counts_meetings_attendance_polls_ideas_and_questions():
    from app.council.models import ABSENT, CLOSED, DONE, PRESENT, MeetingAttendance, MeetingQuestion, PollBallot

    council = factories.authority()
    officer = factories.staff(council, "participation_officer")
    group = factories.council_group(council)
    members = [factories.young_person(council) for _ in range(20)]
    for member in members:
        factories.council_member(group, member).joined_at = at(0) - timedelta(days=30)
    meetings = [factories.council_meeting(group, starts_at=at(10 + 20 * n, 18)) for n in range(3)]
    cancelled = factories.council_meeting(group, starts_at=at(40, 18), cancelled_at=at(30))
    for meeting in meetings:
        for member in members[:8]:
            db.session.add(MeetingAttendance(authority_id=council.id, meeting_id=meeting.id, user_id=member.id, mark=PRESENT))
        db.session.add(MeetingAttendance(authority_id=council.id, meeting_id=meeting.id, user_id=members[9].id, mark=ABSENT))
    for n, member in enumerate(members[:6]):
        item = factories.moderation_item(council, author=member)
        db.session.add(MeetingQuestion(authority_id=council.id, meeting_id=meetings[0].id, author_id=member.id, item_id=item.id,
                                       answer="We will look into it" if n < 5 else None, answered_at=at(15) if n < 5 else None))
    db.session.add(MeetingQuestion(authority_id=council.id, meeting_id=cancelled.id, author_id=members[0].id, item_id=item.id))
    poll = factories.council_poll(group, state=CLOSED, closed_at=at(50))
    question = poll.questions[0]
    for member in members[:12]:
        db.session.add(PollBallot(authority_id=council.id, question_id=question.id))
    for n, member in enumerate(members[:11]):
        idea = factories.council_idea(group, member)
        idea.created_at = at(20)
        if n < 9:
            idea.response, idea.responded_at = "Yes, from next month", at(40)
            idea.status = DONE if n < 5 else "in_progress"
    db.session.commit()

    section = council_section.section(council.id, board_pack.quarters_for(QUARTER))
    meetings_table, ideas_table = section.tables
    assert shown(meetings_table, "meetings") == "3"  # the cancelled one is not counted
    assert shown(meetings_table, "attendances") == "24" and shown(meetings_table, "attendees") == "8"
    assert shown(meetings_table, "polls") == "1"
    assert shown(meetings_table, "votes") == "12 (60%)"  # 12 of 20 members
    assert shown(ideas_table, "ideas") == "11"
    # 9 of 11 answered leaves 2 unanswered: too few, so the 9 hide as well, and so does the base
    # of "done" (9), which would give it away.
    assert shown(ideas_table, "answered") == "hidden to protect small numbers"
    assert shown(ideas_table, "done") in ("hidden to protect small numbers", "fewer than 5")
    assert shown(ideas_table, "questions") == "6"
    assert shown(ideas_table, "questions_answered") == "hidden to protect small numbers"


# --- surveys and the pledge ---------------------------------------------------------------------


# --- between reviews -----------------------------------------------------------------------------


def _quiet_monday() -> int:
    """Days into the quarter of a Monday with no bank holiday in the week that follows it."""
    from app.moderation.clock import is_bank_holiday

    days = 7
    while (QUARTER.start + timedelta(days=days)).weekday() != 0 or any(
        is_bank_holiday(QUARTER.start + timedelta(days=days + n)) for n in range(8)
    ):
        days += 1
    return days


def _between_reviews(people, worker, officer, *, messages, acknowledged, replied, sorted_, kept, callbacks, complaints, answered, others=0):
    """Each young person sends one message on a quiet Monday; some are answered that day, some
    a week later; call-backs are asked for, some made that afternoon; complaints are made and some
    answered two days later; the next young people send compliments and comments."""
    from freezegun import freeze_time

    from app.voice import callbacks as voice_callbacks
    from app.voice import complaints as voice_complaints
    from app.voice import statements as voice_statements

    monday = _quiet_monday()
    with freeze_time(at(monday, 10)):
        sent = [factories.statement(person) for person in people[:messages]]
        calls = [factories.callback(person, about=None) for person in people[:callbacks]]
        made = [factories.representation(person) for person in people[:complaints]]
        for n, person in enumerate(people[complaints:complaints + others]):
            factories.representation(person, kind=("compliment", "comment")[n % 2], text="Thank you")
        db.session.commit()
    with freeze_time(at(monday, 16)):
        for statement in sent[:acknowledged]:
            voice_statements.acknowledge(statement, worker)
        for statement in sent[:sorted_]:
            voice_statements.mark_sorted(statement, worker)
        for call in calls[:kept]:
            voice_callbacks.record_call(call, worker, "called")
    with freeze_time(at(monday + 2, 10)):
        for complaint in made[:answered]:
            voice_complaints.respond(complaint.stage, officer, "upheld", "Put right")
    with freeze_time(at(monday + 7, 10)):  # the Monday after: 5 working days, past the council's 2
        for statement in sent[acknowledged:acknowledged + replied]:
            voice_statements.reply(statement, worker, "Sorry for the wait", key=f"late-{statement.id}")
    db.session.commit()


def _voice_council(people):
    council = factories.authority()
    worker = factories.staff(council, "worker")
    officer = factories.staff(council, "complaints_officer")
    young = [factories.young_person(council, worker_id=worker.id) for _ in range(people)]
    db.session.commit()
    return council, worker, officer, young


def test_between_reviews_section_counts_messages_answers_call_backs_and_complaint_stages():
    from app.reports.board import voice as voice_section

    council, worker, officer, people = _voice_council(22)
    # 14 messages: 7 acknowledged the same day, 7 answered a week later (5 working days), 6 marked
    # sorted; 12 call-backs, 6 made within the promise and 6 never made; 11 complaints, 6 answered
    # within stage 1's timescale and 5 still open long after it; 11 compliments and comments.
    _between_reviews(people, worker, officer, messages=14, acknowledged=7, replied=7, sorted_=6, kept=6, callbacks=12, complaints=11, answered=6, others=11)
    answered, complaints = voice_section.section(council.id, board_pack.quarters_for(QUARTER)).tables
    assert row(answered, "acknowledged").label == "Messages acknowledged within 2 working days"
    assert shown(answered, "messages") == "14"
    assert shown(answered, "acknowledged") == "7 (50%)"
    assert shown(answered, "sorted") == "6 (43%)"
    assert shown(answered, "reply") == "5 working days"
    assert shown(answered, "callbacks") == "6 (50%)"
    assert shown(complaints, "complaints") == "11"
    assert shown(complaints, "stage_1") == "6 (55%)"
    assert shown(complaints, "stage_2") == "fewer than 5"
    # Nothing happened between reviews the quarter before, and the figures do not spill into it.
    assert shown(answered, "messages", 1) == "fewer than 5" and shown(answered, "reply", 1) == "–"


def test_between_reviews_hides_a_share_that_would_give_away_a_few_late_answers():
    from app.reports.board import voice as voice_section

    council, worker, officer, people = _voice_council(12)
    # 12 messages, 10 acknowledged in time: "10 of 12" would tell the Board that 2 were late.
    _between_reviews(people, worker, officer, messages=12, acknowledged=10, replied=0, sorted_=0, kept=0, callbacks=0, complaints=0, answered=0)
    answered, _ = voice_section.section(council.id, board_pack.quarters_for(QUARTER)).tables
    assert shown(answered, "messages") == "12"
    assert shown(answered, "acknowledged") == "hidden to protect small numbers"


def test_surveys_section_shows_headline_measures_of_waves_that_closed_in_the_quarter():
    from app.surveys import definitions
    from app.surveys.models import SurveyWave

    from ..surveys.helpers import add_responses, many

    council = factories.authority()
    surveys = {s.key: s for s in definitions.install_shipped(council.id)}
    wave = SurveyWave(authority_id=council.id, version_id=surveys["heard-11-17"].latest.id, title="Summer", min_age=11, max_age=17,
                      care_statuses=["in_care"], opens_on=QUARTER.start + timedelta(days=5), closes_on=QUARTER.start + timedelta(days=40))
    db.session.add(wave)
    db.session.flush()
    add_responses(wave, many(30, {"heard:safe": "yes", "heard:friend": "yes"}) + many(10, {"heard:safe": "no", "heard:friend": "sometimes"}))
    section = board_pack.build(council, QUARTER).sections[1]
    table = section.tables[0]
    safe = next(r for r in table.rows if r.key.endswith("|heard:safe"))
    assert safe.entries[0].shown(safe.kind) == "75%"
    assert safe.entries[1].cell is None  # no survey closed the quarter before


def test_pledge_section_shows_kept_shares_movers_and_you_said_we_did():
    from app.pledges import service
    from app.pledges.models import DONT_KNOW, KEPT, NOT_KEPT, SOMETIMES, PledgeRating, RatingRound

    council = factories.authority()
    version = factories.pledge_version(council, themes=1, promises=2)
    promise = version.promises[0]
    rounds = []
    for quarter, kept in ((QUARTER.previous(), 5), (QUARTER, 15)):  # of 35 ratings
        rnd = RatingRound(authority_id=council.id, name=quarter.key, opens_at=quarter.starts_at + timedelta(days=3),
                          closes_at=quarter.starts_at + timedelta(days=60), sealed_at=quarter.starts_at + timedelta(days=61), participants={"in_care": 35})
        db.session.add(rnd)
        db.session.flush()
        for answer, n in ((KEPT, kept), (SOMETIMES, 10), (NOT_KEPT, 20 - kept), (DONT_KNOW, 5)):
            for _ in range(n):
                db.session.add(PledgeRating(authority_id=council.id, round_id=rnd.id, promise_id=promise.id, answer=answer, age_band="12-17"))
        db.session.flush()
        service.tally_round(rnd)  # a sealed round keeps its counts, as sealing makes them
        rounds.append(rnd)
    service.save_answer(promise.lineage_id or promise.id, rounds[-1], council, we_will={"en": "Reply within two days"}, we_did={"en": "New phone line"}, by=None)
    db.session.commit()
    section = board_pack.build(council, QUARTER).sections[2]
    table = section.tables[0]
    everything = next(r for r in table.rows if r.key == "in_care|all")
    assert [e.shown(everything.kind) for e in everything.entries] == ["43%", "14%", "–"]
    assert section.extras["movers"] and section.extras["movers"][0]["change"] == 29
    answer = section.extras["answers"][0]
    assert answer.we_will == "Reply within two days" and answer.we_did == "New phone line"


# --- quotes --------------------------------------------------------------------------------------


def test_only_approved_words_for_the_council_can_be_chosen_and_they_show_as_published(sign_in):
    from app.moderation import service as moderation

    council = factories.authority()
    officer = factories.staff(council, "participation_officer")
    manager = factories.staff(council, "manager")
    author = factories.young_person(council, display_name="Quillon")
    approved = factories.moderation_item(council, author=author, text="The new drop-in helped me a lot", audience="council")
    moderation.approve(approved, officer)
    approved.decided_at = at(20)
    group_only = factories.moderation_item(council, author=author, text="Only for our group", audience="group")
    moderation.approve(group_only, officer)
    group_only.decided_at = at(20)
    waiting = factories.moderation_item(council, author=author, text="Still waiting words", audience="council")
    db.session.commit()

    client = sign_in(officer)
    page = client.get(f"/staff/reports/board/quotes?quarter={QUARTER.key}").get_data(as_text=True)
    assert "The new drop-in helped me a lot" in page
    assert "Only for our group" not in page and "Still waiting words" not in page
    response = client.post(f"/staff/reports/board/quotes?quarter={QUARTER.key}", data={"items": [str(waiting.id)]})
    assert response.status_code == 200 and "cannot be quoted" in response.get_data(as_text=True)
    response = client.post(f"/staff/reports/board/quotes?quarter={QUARTER.key}", data={"items": [str(approved.id)]})
    assert response.status_code == 302
    pack = sign_in(manager).get(f"/staff/reports/board?quarter={QUARTER.key}").get_data(as_text=True)
    assert "The new drop-in helped me a lot" in pack and "Quillon" not in pack


# --- the whole pack: page, CSV, PDF, languages -----------------------------------------------------


def _busy_council():
    council = factories.authority(enabled_languages=["en", "ar"])
    iro = factories.staff(council, "iro")
    _reviews(council, iro, 23, sent_before=20, acknowledged=18, codes=["PN1"] * 12 + ["PN6"] * 11)
    _reviews(council, iro, 12, sent_before=6, acknowledged=6, quarter=QUARTER.previous())
    for _ in range(7):
        _alert(council, at(weekday(3), 10))
    db.session.commit()
    return council


def test_the_page_csv_and_pdf_show_the_same_protected_figures(sign_in):
    council = _busy_council()
    manager = factories.staff(council, "manager")
    client = sign_in(manager)
    page = client.get(f"/staff/reports/board?quarter={QUARTER.key}").get_data(as_text=True)
    assert "Corporate Parenting Board pack" in page and QUARTER.label() in page
    for title in ("Views before reviews", "Surveys", "Our pledge to young people", "Children in Care Council", "Between reviews",
                  "Safeguarding alerts", "Moderation", "In their own words"):
        assert title in page, title
    # Each chart has a table beside it with the same figures.
    assert page.count('<svg class="heard-chart__svg"') >= 3
    assert "hidden to protect small numbers" in page

    body = client.get(f"/staff/reports/board.csv?quarter={QUARTER.key}").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body)))
    sent = [r for r in rows if r["measure"] == "Views sent before the review"]
    assert [r["figure"] for r in sent] == ["hidden", "6", "<5"]
    for r in rows:
        if r["kind"] != "text":  # numbers of meetings and polls held are not counts of people
            assert r["figure"] in ("", "<5", "hidden") or int(r["figure"]) >= MIN_CELL, r


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_is_tagged_and_its_pages_carry_the_figures(sign_in):
    council = _busy_council()
    client = sign_in(factories.staff(council, "manager"))
    response = client.get(f"/staff/reports/board.pdf?quarter={QUARTER.key}")
    assert response.status_code == 200 and response.data.startswith(b"%PDF-")
    info = subprocess.run(["pdfinfo", "-"], input=response.data, capture_output=True, check=True).stdout.decode()
    assert re.search(r"Tagged:\s+yes", info) and "Corporate Parenting Board pack" in info  # tagged, with its title
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.data, capture_output=True, check=True).stdout.decode()
    assert "Corporate Parenting Board pack" in text
    assert "Views sent before the review" in text and "hidden to protect small numbers" in text
    assert re.search(r"Reviews held\s+23\s+12\s+fewer than 5", text), text[:2000]
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 2


def test_the_young_peoples_version_in_another_language_is_right_to_left_with_plain_words(sign_in):
    council = _busy_council()
    client = sign_in(factories.staff(council, "participation_officer"))
    page = client.get(f"/staff/reports/board?quarter={QUARTER.key}&language=ar&version=young").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in page
    assert "The Children in Care Council checks this" in page or "Children in Care Council" in page
    # A language the council has not switched on falls back to its own.
    page = client.get(f"/staff/reports/board?quarter={QUARTER.key}&language=ti").get_data(as_text=True)
    assert '<html lang="en" dir="ltr"' in page


def test_the_pack_is_for_managers_admins_and_participation_officers_only(sign_in):
    council = factories.authority()
    for role, status in (("manager", 200), ("council_admin", 200), ("participation_officer", 200), ("iro", 403), ("worker", 403), ("safeguarding_lead", 403)):
        assert sign_in(factories.staff(council, role)).get("/staff/reports/board").status_code == status, role
    assert sign_in(factories.young_person(council)).get("/staff/reports/board").status_code == 403


def test_quarters_name_their_neighbours():
    q = Q.parse("2026-04")
    assert q.start == date(2026, 4, 1) and q.end == date(2026, 6, 30)
    assert q.previous().key == "2026-01" and q.year_before().key == "2025-04" and q.next().key == "2026-07"
    assert Q.parse("2026-05") is None and Q.parse("nonsense") is None
    assert Q.quarter_of(date(2026, 12, 31)).key == "2026-10"
    assert Q.parse("2026-01").previous().key == "2025-10"
    # Midnight UK time, in summer time too.
    assert q.starts_at == datetime(2026, 3, 31, 23, 0, tzinfo=timezone.utc)
