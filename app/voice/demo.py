"""The demo council's messages between reviews: Daniel Hughes, a social worker, has a realistic
inbox (new, read, answered and sorted messages from the young people he supports), written by us."""
from __future__ import annotations

from datetime import timedelta

from ..models_base import utcnow
from ..working_days import add_working_days, local_day
from . import advocacy, callbacks, complaints, drafts, statements, waiting
from . import steps as S
from .models import ALLOCATED, CONTACTED, Representation, Statement
from .settings import save_team, settings_for


def _statement(person, kind, *, readers=("worker",), sent_ago, language=None, **answers):
    draft = drafts.start(Statement, person, kind)
    for step in drafts.steps(draft):
        if step.kind == S.TEXT and answers.get(step.field):
            drafts.save_step(draft, step, {"text": answers[step.field]})
        elif step.kind == S.FACE and answers.get("face"):
            drafts.save_step(draft, step, {"face": answers["face"]})
        elif step.kind == S.TOPIC and answers.get("topic"):
            drafts.save_step(draft, step, {"topic": answers["topic"]})
        elif step.kind == S.READERS:
            drafts.save_step(draft, step, {"readers": list(readers)})
    statements.send(draft, key=drafts.new_key(), language=language)
    draft.sent_at = utcnow() - sent_ago
    draft.updated_at = draft.sent_at
    return draft


def _read(statement, reader, after):
    statements.record_read(statement, reader)
    receipt = statements.receipt_of(reader, statement)
    receipt.first_read_at = receipt.last_read_at = statement.sent_at + after


def _reply(statement, reader, text, after):
    answer, _created = statements.reply(statement, reader, text, key=drafts.new_key())
    answer.created_at = statement.sent_at + after
    statement.acknowledged_at = statement.sent_at + after
    return answer


def load_messages(authority, people):
    daniel = people["worker"]
    amira, jamal, lily, yonas = people["amira"], people["jamal"], people["lily"], people["yonas"]

    # New since yesterday: Jamal's bus pass, Lily's good news.
    _statement(jamal, "sort", topic="money", text="My bus pass ran out on Monday and I can't get to college.",
               wanted="Can you top it up or tell me who can?", sent_ago=timedelta(hours=20))
    _statement(lily, "good_news", text="I got a gold star for my reading and my teacher said I was brilliant.",
               sent_ago=timedelta(hours=3))

    # Read and acknowledged: Yonas wants to talk about college at the next visit.
    visit = _statement(yonas, "visit", readers=("worker", "iro"), text="Which college course I can do next year, and my English lessons.",
                       avoid="I don't want to talk about my journey here.", sent_ago=timedelta(days=4), language="en")
    _read(visit, daniel, timedelta(hours=2))
    statements.acknowledge(visit, daniel)
    visit.acknowledged_at = visit.sent_at + timedelta(hours=2)

    # Answered: Amira is worried about moving.
    feeling = _statement(amira, "feeling", face="worried", topic="moving", language="ar",
                         text="سمعت أنني قد أنتقل إلى بيت آخر. لا أريد أن أترك مدرستي.", sent_ago=timedelta(days=6))
    _read(feeling, daniel, timedelta(hours=5))
    _reply(feeling, daniel, "Thank you for telling me, Amira. Nobody has decided you will move. I will come on Thursday after school and we can talk about it. You will stay at your school.", timedelta(hours=6))

    # Sorted: Amira's good news, and Jamal's football boots.
    news = _statement(amira, "good_news", text="I was picked for the school netball team!", sent_ago=timedelta(days=12))
    _read(news, daniel, timedelta(hours=1))
    _reply(news, daniel, "That is brilliant news. Well done, Amira!", timedelta(hours=1, minutes=10))
    statements.mark_sorted(news, daniel)
    news.sorted_at = news.sent_at + timedelta(hours=1, minutes=10)

    boots = _statement(jamal, "sort", topic="money", text="My football boots are too small. Can I have new ones for the club?",
                       sent_ago=timedelta(days=20))
    _read(boots, daniel, timedelta(days=1))
    _reply(boots, daniel, "Yes. I have asked your carer to buy them this week and the council will pay her back.", timedelta(days=1, hours=1))
    statements.mark_sorted(boots, daniel)
    boots.sorted_at = boots.sent_at + timedelta(days=3)


def _days_ago(days: int):
    return utcnow() - timedelta(days=days)


def _complaint(person, team, text, wanted, *, kind="complaint", advocate="no", sent_days_ago=0):
    """A complaint, compliment or comment sent `sent_days_ago` days ago, its clock started then."""
    draft = drafts.start(Representation, person, kind)
    for step in drafts.steps(draft):
        if step.kind == S.TEAM:
            drafts.save_step(draft, step, {"team": str(team.id) if team else ""})
        elif step.kind == S.TEXT:
            value = text if step.field == "text" else wanted
            if value:
                drafts.save_step(draft, step, {"text": value})
        elif step.kind == S.ADVOCATE:
            drafts.save_step(draft, step, {"advocate": advocate})
    complaints.send(draft, key=drafts.new_key())
    draft.sent_at = _days_ago(sent_days_ago)
    draft.received_on = local_day(draft.sent_at)
    for stage in draft.stages:
        stage.started_on = draft.received_on
        stage.due_on = add_working_days(stage.started_on, complaints.TIMESCALES[stage.number][0])
    return draft


def load_between_reviews(authority, people):
    """Settings, teams, call-backs, complaints, a compliment, a comment and an advocate for the
    demo council; and a message left unread long enough for Helen Ward, the manager, to be told."""
    settings = settings_for(authority.id)
    settings.advocacy_name = "Northmoor Children's Advocacy"
    settings.advocacy_email = "advocacy@northmoor.example"
    settings.complaints_email = "complaints@northmoor.example"
    admin, daniel, priya, grace, ruth = people["admin"], people["worker"], people["adviser"], people["iro"], people["complaints"]

    teams = {
        key: save_team(None, authority.id, admin, name=name, email=email, active=True, member_ids=[m.id for m in members])
        for key, name, email, members in (
            ("social_work", "My social worker's team", "children.in.care@northmoor.example", [daniel]),
            ("leaving_care", "Leaving care team", "leaving.care@northmoor.example", [priya]),
            ("fostering", "Foster carers and the fostering team", "fostering@northmoor.example", [daniel]),
            ("homes", "Children's homes", None, []),
            ("iro", "Independent Reviewing Officers", None, [grace]),
            ("housing", "Housing", None, []),
        )
    }

    # Call-backs: Lily is waiting for Daniel; Jamal was called yesterday.
    callbacks.request_call(people["lily"], role="worker", key=drafts.new_key(), about="Can I go to Mia's sleepover on Saturday?",
                                          good_times=["after_school"])
    jamal_call, _ = callbacks.request_call(people["jamal"], role="worker", key=drafts.new_key(), about="My college bursary", good_times=["afternoon"])
    jamal_call.created_at = _days_ago(2)
    callbacks.record_call(jamal_call, daniel, "called", "We sorted your bursary form. It will be paid on Friday.")
    jamal_call.done_at = _days_ago(1)
    jamal_call.due_at = _days_ago(1) + timedelta(hours=2)

    # Complaints: Sam's is new; Yonas's was answered, he asked for stage 2, and has an advocate.
    _complaint(people["sam"], teams["leaving_care"], "My setting-up-home grant has been late for two months and I still have no bed.",
               "Pay it this week, and tell me who to contact when it is late.", sent_days_ago=3)
    yonas = _complaint(people["yonas"], teams["social_work"], "I was moved to a new placement with one day's notice and nobody asked me.",
                       "Ask me first next time, and help me get to my old college.", advocate="yes", sent_days_ago=30)
    complaints.respond(yonas.stage, ruth, "partly_upheld",
                       "You should have had more notice and been asked. The move was needed, but your social worker will pay for your bus to college.")
    yonas.stage.responded_on = add_working_days(yonas.stage.started_on, 8)
    complaints.ask_next_stage(yonas, people["yonas"])
    yonas.stage.next_stage_requested_at = _days_ago(12)
    stage_two = complaints.start_next_stage(yonas, ruth)
    stage_two.started_on = local_day(yonas.stages[0].next_stage_requested_at)
    stage_two.due_on = add_working_days(stage_two.started_on, 25)
    request, _created, _token = advocacy.request_advocate(
        people["yonas"], key=drafts.new_key(), consent=True, contact_way="phone", contact="07700 900456",
        about="Help with my complaint about moving", source="complaint", source_id=yonas.id,
    )
    request.referred_at = _days_ago(29)
    advocacy.set_status(request, CONTACTED)
    advocacy.set_status(request, ALLOCATED, advocate_name="Tess")

    # A compliment and a comment.
    _complaint(people["amira"], teams["fostering"], "My foster carer Sue helped me every night with my English homework. Please thank her.",
               None, kind="compliment", sent_days_ago=5)
    _complaint(people["sam"], teams["leaving_care"], "The drop-in should be open on Saturdays, when people are not at work or college.",
               None, kind="comment", sent_days_ago=9)

    # A message Priya has not read for a week: Helen Ward, her manager, is told.
    _statement(people["sam"], "sort", topic="money", text="My universal credit has stopped and I don't know why.",
               wanted="Help me phone them.", sent_ago=timedelta(days=7))
    waiting.check(authority.id)
