"""Where views before reviews appear elsewhere: the young person's home card, the staff navigation
and home panel, the panel on a young person's staff page, the steps carried through signing in,
and the demo council's sample reviews."""
from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from .. import hooks
from ..auth import carry
from ..access import ADMIN, IRO, MANAGER, WORKER
from ..extensions import db
from ..models_base import utcnow
from ..i18n.formatting import local_date, local_datetime
from . import carried, service
from . import steps as S
from .forms import meeting_summary
from .models import SENT, ViewsReader

hooks.nav(_l("Reviews"), "reviews.staff_list", {IRO, WORKER}, order=10, count=lambda user: service.unread_count(user) or None)
hooks.nav(_l("Views before reviews"), "reviews.staff_report", {MANAGER, ADMIN}, order=60)

# Posted after the session ran out: answered with the sign-in page, which carries the step's words.
carry.carries("reviews.step", keep=carried.keep, apply=carried.save, note=_l("You were signed out, but what you wrote is kept. Sign in to carry on."))
carry.carries("reviews.send", keep=carried.nothing, apply=carried.back_to("reviews.step", step=S.CHECK_STEP.key),
              note=_l("You were signed out. Sign in to carry on: nothing you saved is lost."))
carry.carries("reviews.add", keep=carried.nothing, apply=carried.back_to("reviews.overview"),
              note=_l("You were signed out. Sign in to carry on: nothing you saved is lost."))


@hooks.home_card
def _my_next_review(young_person):
    review = service.next_review(young_person)
    if review is None:
        return None
    submission = review.submission
    past = service.is_past(review)
    if past and (submission is None or submission.status != SENT):
        return None  # a past review they sent nothing for: nothing to get ready for or follow up
    sent = submission is not None and submission.status == SENT
    return hooks.Card(
        title=_l("My review") if past else _l("My next review"),
        template="reviews/card.html",
        order=10,
        highlight=not sent,
        context={"review": review, "submission": submission, "sent": sent, "past": past},
    )


@hooks.home_panel
def _views_waiting(viewer):
    if viewer.role not in (IRO, WORKER):
        return None
    return "reviews/panel_home.html"


@hooks.young_person_panel
def _their_reviews(viewer, person):
    if viewer.role not in (IRO, WORKER):
        return None
    return "reviews/panel_person.html"


@hooks.demo_loader
def _demo_reviews(authority, people):
    """Amira sent her views and her IRO acknowledged them; Lily's review is soon and she has a draft;
    Sam has a pathway plan review with no date yet; Jamal's last review has outcomes and a code."""
    iro = people["iro"]
    today = date.today()
    now = utcnow()

    amira = people["amira"]
    review = service.create_review(amira, iro=iro, review_date=today + timedelta(days=9), kind="lac", created_by=iro)
    submission = service.start_or_resume(review, amira)
    steps = {s.key: s for s in S.steps_for(submission.version)}
    service.save_step(submission, steps["going-well"], {"text": "أحب مدرستي الجديدة، ولدي صديقة اسمها سارة."})
    service.save_step(submission, steps["worries"], {"text": "I worry that I do not see my brother enough."})
    service.save_step(submission, steps["wishes"], {"wishes": ["أريد أن أرى أخي كل أسبوع", "I want to start swimming lessons"]})
    service.save_step(submission, steps["meeting"], {"attend": "in_person", "chair": "co_chair", "meet_iro": "yes", "interpreter": "yes", "interpreter_language": "ar"})
    service.save_step(submission, steps["who-reads-it"], {"readers": ["iro", "worker"]})
    service.send(submission, key=service.new_key(), language="ar")
    service.record_read(submission, iro)
    service.acknowledge(submission, iro, "Thank you Amira. I have read everything and we will talk about your brother at the meeting.")

    lily = people["lily"]
    review = service.create_review(lily, iro=iro, review_date=today + timedelta(days=4), kind="lac", created_by=iro)
    submission = service.start_or_resume(review, lily)
    steps = {s.key: s for s in S.steps_for(submission.version)}
    service.save_step(submission, steps["going-well"], {"face": "happy", "text": "I like my foster family's dog, Biscuit."})

    service.create_review(people["sam"], iro=iro, review_date=None, kind="pathway", created_by=iro)

    jamal = people["jamal"]
    review = service.create_review(jamal, iro=iro, review_date=today - timedelta(days=20), kind="lac", created_by=iro)
    submission = service.start_or_resume(review, jamal)
    steps = {s.key: s for s in S.steps_for(submission.version)}
    service.save_step(submission, steps["wishes"], {"wishes": ["I want to play football for a club", "I want to move closer to college"]})
    service.send(submission, key=service.new_key(), language="en")
    submission.sent_at = now - timedelta(days=25)
    receipt = db.session.query(ViewsReader).filter_by(submission_id=submission.id).first()
    if receipt is not None:
        receipt.first_read_at = receipt.last_read_at = now - timedelta(days=24)
    service.acknowledge(submission, iro)
    submission.acknowledged_at = now - timedelta(days=24)
    wishes = list(submission.wishes)
    service.record_outcome(wishes[0], iro, "agreed", "Your worker will find a club near you and pay the fees.")
    service.record_outcome(wishes[1], iro, "find_out", "Daniel will ask the housing team about places near the college and tell you by the end of next month.")
    service.record_participation(review, iro, "PN1")
    service.create_review(jamal, iro=iro, review_date=today + timedelta(days=160), kind="lac", created_by=iro)


# Template helpers for this package's pages.
hooks.template_filter("review_date", lambda value: local_date(value, "EEEE d MMMM yyyy"))
hooks.template_filter("review_when", lambda value: local_datetime(value))
hooks.template_global("meeting_summary", meeting_summary)
hooks.template_global("face_labels", S.FACE_LABELS)
hooks.template_global("review_kind_label", service.review_kind_label)
hooks.template_global("outcome_labels", service.OUTCOME_LABELS)
hooks.template_global("topics_for", S.topics_for)
hooks.template_global("review_unread", service.unread_count)
hooks.template_global("reviews_of_person", service.reviews_of)
hooks.template_global("asked_in", lambda topic, version: S.find_step(version, topic.key) is not None)
