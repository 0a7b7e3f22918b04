"""Where Heard between reviews appears elsewhere: the young person's home card, the staff
navigation and home panel, the panel on a young person's staff page, the demo council's inbox,
and the helpers its templates use."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .. import hooks
from ..access import ADMIN, COMPLAINTS, IRO, MANAGER, WORKER
from . import advocacy, callbacks, complaints, demo, drafts, statements, waiting
from . import steps as S
from .forms import GOOD_TIME_LABELS

hooks.nav(
    _l("Messages"), "voice.inbox", {IRO, WORKER}, order=12,
    count=lambda user: (statements.unread_count(user) + callbacks.open_count(user)) or None,
)
hooks.nav(
    _l("Complaints"), "voice.staff_complaints", {COMPLAINTS}, order=14,
    count=lambda user: sum(1 for c in complaints.complaints_for(user) if c.stage.responded_at is None or c.stage.next_stage_requested_at) or None,
)
hooks.nav(_l("Compliments and comments"), "voice.staff_feedback", {COMPLAINTS}, order=15)
hooks.nav(_l("Waiting too long"), "voice.staff_waiting", {MANAGER}, order=16, count=lambda user: waiting.waiting_count(user) or None)
hooks.nav(_l("Between reviews"), "voice.staff_figures", {MANAGER, ADMIN, COMPLAINTS}, order=62)


@hooks.home_card
def _tell_someone(young_person):
    replies, answers, open_callbacks = callbacks.home_card(young_person)
    return hooks.Card(
        title=_l("Tell someone"),
        template="voice/card.html",
        order=20,
        context={"replies": replies, "callbacks": open_callbacks, "answers": answers},
    )


@hooks.home_panel
def _messages_waiting(viewer):
    return "voice/staff/panel_home.html" if viewer.role in (IRO, WORKER) else None


@hooks.home_panel
def _flagged_to_me(viewer):
    return "voice/staff/panel_waiting.html" if waiting.waiting_count(viewer) else None


@hooks.home_panel
def _team_feedback(viewer):
    return "voice/staff/panel_feedback.html" if viewer.role != COMPLAINTS and complaints.unanswered_feedback(viewer) else None


@hooks.young_person_panel
def _their_messages(viewer, person):
    return "voice/staff/panel_person.html" if viewer.role in (IRO, WORKER) else None


hooks.demo_loader(demo.load_messages)
hooks.demo_loader(demo.load_between_reviews)

hooks.template_global("voice_kind_labels", S.KIND_LABELS)
hooks.template_global("voice_kind_hints", S.KIND_HINTS)
hooks.template_global("voice_face_labels", S.FACE_LABELS)
hooks.template_global("voice_topic_labels", S.TOPIC_LABELS)
hooks.template_global("voice_status_labels", statements.STATUS_LABELS)
hooks.template_global("voice_status_of", statements.status_of)
hooks.template_global("voice_unread_count", statements.unread_count)
hooks.template_global("voice_statements_of", statements.of_young_person)
hooks.template_global("voice_versions", drafts.versions)
hooks.template_global("voice_good_times", GOOD_TIME_LABELS)
hooks.template_global("voice_callback_overdue", callbacks.is_overdue)
hooks.template_global("promise_words", callbacks.promise_words)
hooks.template_global("voice_stage_names", complaints.STAGE_NAMES)
hooks.template_global("voice_finding_labels", complaints.FINDING_LABELS)
hooks.template_global("voice_clock", complaints.clock)
hooks.template_global("voice_clock_labels", complaints.CLOCK_LABELS)
hooks.template_global("voice_days_left", complaints.days_left)
hooks.template_global("voice_unanswered_feedback", complaints.unanswered_feedback)
hooks.template_global("voice_waiting_count", waiting.waiting_count)
hooks.template_global("voice_advocacy_labels", advocacy.STATUS_LABELS)
hooks.template_global("voice_advocacy_steps", advocacy.steps_done)
