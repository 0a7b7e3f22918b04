"""Where Heard between reviews appears elsewhere: the young person's home card, the staff
navigation and home panel, the panel on a young person's staff page, the demo council's inbox,
and the helpers its templates use."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..access import ADMIN, COMPLAINTS, IRO, MANAGER, WORKER
from ..staff.nav import register_nav
from ..staff.panels import home_panel, young_person_panel
from ..youth.cards import Card, card_provider
from . import advocacy, bp, callbacks, complaints, drafts, statements, waiting
from . import steps as S
from .forms import GOOD_TIME_LABELS

register_nav(
    _l("Messages"), "voice.inbox", {IRO, WORKER}, order=12,
    count=lambda user: (statements.unread_count(user) + callbacks.open_count(user)) or None,
)
register_nav(
    _l("Complaints"), "voice.staff_complaints", {COMPLAINTS}, order=14,
    count=lambda user: sum(1 for c in complaints.complaints_for(user) if c.stage.responded_at is None or c.stage.next_stage_requested_at) or None,
)
register_nav(_l("Compliments and comments"), "voice.staff_feedback", {COMPLAINTS}, order=15)
register_nav(_l("Waiting too long"), "voice.staff_waiting", {MANAGER}, order=16, count=lambda user: waiting.waiting_count(user) or None)
register_nav(_l("Between reviews"), "voice.staff_figures", {MANAGER, ADMIN, COMPLAINTS}, order=62)


@card_provider
def _tell_someone(young_person):
    replies, answers, open_callbacks = callbacks.home_card(young_person)
    return Card(
        title=_l("Tell someone"),
        template="voice/card.html",
        order=20,
        context={"replies": replies, "callbacks": open_callbacks, "answers": answers},
    )


@home_panel
def _messages_waiting(viewer):
    return "voice/staff/panel_home.html" if viewer.role in (IRO, WORKER) else None


@home_panel
def _flagged_to_me(viewer):
    return "voice/staff/panel_waiting.html" if waiting.waiting_count(viewer) else None


@home_panel
def _team_feedback(viewer):
    return "voice/staff/panel_feedback.html" if viewer.role != COMPLAINTS and complaints.unanswered_feedback(viewer) else None


@young_person_panel
def _their_messages(viewer, person):
    return "voice/staff/panel_person.html" if viewer.role in (IRO, WORKER) else None


bp.add_app_template_global(S.KIND_LABELS, "voice_kind_labels")
bp.add_app_template_global(S.KIND_HINTS, "voice_kind_hints")
bp.add_app_template_global(S.FACE_LABELS, "voice_face_labels")
bp.add_app_template_global(S.TOPIC_LABELS, "voice_topic_labels")
bp.add_app_template_global(statements.STATUS_LABELS, "voice_status_labels")
bp.add_app_template_global(statements.status_of, "voice_status_of")
bp.add_app_template_global(statements.unread_count, "voice_unread_count")
bp.add_app_template_global(statements.of_young_person, "voice_statements_of")
bp.add_app_template_global(drafts.versions, "voice_versions")
bp.add_app_template_global(GOOD_TIME_LABELS, "voice_good_times")
bp.add_app_template_global(callbacks.is_overdue, "voice_callback_overdue")
bp.add_app_template_global(callbacks.promise_words, "promise_words")
bp.add_app_template_global(complaints.STAGE_NAMES, "voice_stage_names")
bp.add_app_template_global(complaints.FINDING_LABELS, "voice_finding_labels")
bp.add_app_template_global(complaints.clock, "voice_clock")
bp.add_app_template_global(complaints.CLOCK_LABELS, "voice_clock_labels")
bp.add_app_template_global(complaints.days_left, "voice_days_left")
bp.add_app_template_global(complaints.unanswered_feedback, "voice_unanswered_feedback")
bp.add_app_template_global(waiting.waiting_count, "voice_waiting_count")
bp.add_app_template_global(advocacy.STATUS_LABELS, "voice_advocacy_labels")
bp.add_app_template_global(advocacy.steps_done, "voice_advocacy_steps")

from . import demo  # noqa: E402,F401  (registers the demo loader)


