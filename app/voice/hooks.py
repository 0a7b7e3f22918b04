"""Where Heard between reviews appears elsewhere: the young person's home card, the staff
navigation and home panel, the panel on a young person's staff page, the demo council's inbox,
and the helpers its templates use."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..access import IRO, WORKER
from ..staff.nav import register_nav
from ..staff.panels import home_panel, young_person_panel
from ..youth.cards import Card, card_provider
from . import bp, drafts, statements
from . import steps as S

register_nav(_l("Messages"), "voice.inbox", {IRO, WORKER}, order=12, count=lambda user: statements.unread_count(user) or None)


@card_provider
def _tell_someone(young_person):
    return Card(
        title=_l("Tell someone"),
        template="voice/card.html",
        order=20,
        context={"replies": statements.new_replies(young_person)},
    )


@home_panel
def _messages_waiting(viewer):
    return "voice/staff/panel_home.html" if viewer.role in (IRO, WORKER) else None


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

from . import demo  # noqa: E402,F401  (registers the demo loader)


