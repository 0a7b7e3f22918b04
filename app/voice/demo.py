"""The demo council's messages between reviews: Daniel Hughes, a social worker, has a realistic
inbox (new, read, answered and sorted messages from the young people he supports), written by us."""
from __future__ import annotations

from datetime import timedelta

from ..demo import demo_loader
from ..models_base import utcnow
from . import drafts, statements
from . import steps as S
from .models import Statement


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


@demo_loader
def _demo_messages(authority, people):
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
