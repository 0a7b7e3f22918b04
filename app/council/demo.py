"""Demo content for the council: a Children in Care Council with members, a meeting, an open
poll, and an idea that has had its "you said, we did" answer. All of it invented."""
from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from ..models_base import utcnow
from ..moderation import service as moderation
from . import ideas, meetings, polls, service
from .forms import LONDON
from .models import CICC, EVERYONE, JUNIOR, LIVE_POLL, MEMBERS, MULTIPLE, OPEN_POLL, SINGLE


def load(authority, people):
    officer = people["participation"]
    cicc = service.save_group(
        None, authority_id=authority.id, kind=CICC, open_to_requests=True, by=officer,
        name={"en": "Northmoor Voice", "ar": "صوت نورثمور", "ps": "د نارتمور غږ"},
        description={
            "en": "Our Children in Care Council. We meet once a month, eat pizza and tell the council what needs to change.",
            "ar": "مجلس الأطفال في الرعاية. نلتقي مرة في الشهر ونخبر المجلس بما يجب أن يتغير.",
        },
    )
    service.save_group(
        None, authority_id=authority.id, kind=JUNIOR, open_to_requests=True, by=officer,
        name={"en": "Junior council"}, description={"en": "For children aged 8 to 12: games, art and having your say."},
    )
    for key in ("amira", "jamal", "sam", "yonas"):
        service.invite(cicc, people[key], officer)
        service.answer_invitation(cicc, people[key], accept=True)

    now = utcnow().replace(minute=0, second=0, microsecond=0)
    # Next week, 5.30pm in England: after school and college.
    day = (now + timedelta(days=6)).astimezone(LONDON).date()
    evening = datetime.combine(day, time(17, 30), tzinfo=LONDON).astimezone(timezone.utc)
    meeting = meetings.save_meeting(
        None, group=cicc, by=officer,
        title={"en": "Monthly meeting with the Director of Children's Services", "ar": "الاجتماع الشهري مع مديرة خدمات الأطفال"},
        starts_at=evening, ends_at=evening + timedelta(hours=2),
        place="Youth Hub, 12 Mill Street, Northmoor (ground floor room)", online_link=None,
        agenda={"en": "1. Pizza and catch-up\n2. Pocket money survey results\n3. Questions for the Director\n4. Planning the summer trip"},
        access_notes={"en": "Step-free entrance at the side door. Bus 14 stops outside. We pay your travel: keep your ticket."},
        takes_questions=True,
    )
    meetings.rsvp(meeting, people["amira"], "yes")
    meetings.rsvp(meeting, people["sam"], "maybe")

    poll = polls.save_poll(
        None, group=cicc, by=officer, mode=OPEN_POLL, audience=EVERYONE, hide_results_until_close=False,
        title={"en": "What should the summer trip be?", "ar": "ماذا يجب أن تكون الرحلة الصيفية؟", "ps": "د دوبي سفر باید څه وي؟"},
        opens_at=None, closes_at=now + timedelta(days=14),
    )
    polls.add_question(
        poll, kind=SINGLE, allow_other=True, allow_comment=True,
        text={"en": "Where should we go?", "ar": "إلى أين نذهب؟", "ps": "چېرته ولاړ شو؟"},
        options=[
            {"en": "The seaside", "ar": "شاطئ البحر", "ps": "د سمندر غاړه"},
            {"en": "A theme park", "ar": "مدينة ملاهي", "ps": "د لوبو پارک"},
            {"en": "Climbing and canoeing", "ar": "التسلق والتجديف", "ps": "غره ختل او کشتۍ"},
        ],
    )
    polls.add_question(
        poll, kind=MULTIPLE,
        text={"en": "Which days could you come?", "ar": "ما الأيام التي يمكنك الحضور فيها؟"},
        options=[{"en": "A weekday"}, {"en": "Saturday"}, {"en": "Sunday"}],
    )
    polls.open_poll(poll, officer)

    live = polls.save_poll(
        None, group=cicc, by=officer, mode=LIVE_POLL, audience=MEMBERS, hide_results_until_close=False,
        title={"en": "Meeting votes", "ar": "تصويت الاجتماع"}, meeting=meeting,
    )
    polls.add_question(
        live, kind=SINGLE,
        text={"en": "Should we ask for free bus passes for everyone in care?", "ar": "هل نطلب تذاكر حافلات مجانية لكل من في الرعاية؟", "ps": "ایا د پاملرنې لاندې ټولو لپاره وړیا بس پاسونه وغواړو؟"},
        options=[{"en": "Yes", "ar": "نعم", "ps": "هو"}, {"en": "No", "ar": "لا", "ps": "نه"}, {"en": "Not sure", "ar": "لست متأكدا", "ps": "ډاډه نه یم"}],
    )

    # An idea raised, approved by moderation, supported, and answered.

    idea, item = ideas.raise_idea(cicc, people["sam"], "Care leavers should get help with driving lessons, like other young people get from their parents.", "en")
    moderation.approve(item, officer)
    ideas.support(idea, people["amira"])
    ideas.support(idea, people["yonas"])
    ideas.respond(idea, "done", "You said driving lessons would help you get to work and college. We now pay for 10 lessons and the theory test for every care leaver aged 17 to 21. Ask your personal adviser to book them.", officer)
    idea.created_at = now - timedelta(days=40)
    idea.responded_at = idea.created_at + timedelta(days=12)

    news, item = ideas.share_good_news(cicc, people["yonas"], "I passed my English exam at college!", "en", show_name=True)
    moderation.approve(item, officer)
