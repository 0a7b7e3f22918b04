"""Values for URL parameters in the access test, taken from council A of the test world.

A new feature whose URLs take a new parameter adds it here; the access test fails until it does,
so no endpoint escapes the every-role, every-council check.
"""
PARAMS = {
    "person_id": lambda council: council.young_person.id,
    "filename": lambda council: "favicon.svg",
    "review_id": lambda council: _review(council).id,
    "step": lambda council: "going-well",
    "slug": lambda council: council.authority.slug,
}


def _moderation(council):
    """Council A's young person's pending moderation item and an open safeguarding alert (made once)."""
    if getattr(council, "moderation_item", None) is None:
        from app.extensions import db

        from . import factories

        council.moderation_item = factories.moderation_item(council.authority, author=council.young_person)
        council.safeguarding_alert = factories.safeguarding_alert(council.authority, young_person=council.young_person)
        db.session.commit()
    return council


PARAMS.update(
    {
        "item_id": lambda council: _moderation(council).moderation_item.id,
        "alert_id": lambda council: _moderation(council).safeguarding_alert.id,
    }
)


def _review(council):
    """Council A's young person's review, with views sent to their IRO and worker (made once)."""
    if getattr(council, "review", None) is None:
        from . import factories

        council.review = factories.review(council.young_person)
        factories.sent_views(council.review)
        from app.extensions import db

        db.session.commit()
    return council.review


def _council(council):
    """Council A's CiCC group with the young person as a member, a live poll, a meeting that takes
    questions, an approved idea, a consultation and a pending request to join (made once)."""
    if getattr(council, "council_group", None) is None:
        from app.council import meetings
        from app.extensions import db

        from . import factories

        group = factories.council_group(council.authority)
        factories.council_member(group, council.young_person)
        council.council_request = factories.council_member(group, council.other_young_person, state="requested")
        council.council_poll = factories.council_poll(group)
        council.council_meeting = factories.council_meeting(group)
        meetings.ask(council.council_meeting, council.young_person, "Why do placements move so often?", "en")
        council.council_idea = factories.council_idea(group, council.young_person, approve_by=council.participation_officer)
        council.council_consultation = factories.council_consultation(group)
        council.council_group = group
        db.session.commit()
    return council


def _council_meeting_question(council):
    from sqlalchemy import select

    from app.council.models import MeetingQuestion
    from app.extensions import db

    return db.session.scalar(select(MeetingQuestion).where(MeetingQuestion.meeting_id == _council(council).council_meeting.id)).id


PARAMS.update(
    {
        "group_id": lambda council: _council(council).council_group.id,
        "membership_id": lambda council: _council(council).council_request.id,
        "poll_id": lambda council: _council(council).council_poll.id,
        "question_id": lambda council: _council(council).council_poll.questions[0].id,
        "meeting_id": lambda council: _council(council).council_meeting.id,
        "meeting_question_id": _council_meeting_question,
        "idea_id": lambda council: _council(council).council_idea.id,
        "consultation_id": lambda council: _council(council).council_consultation.id,
    }
)


def _pledge(council):
    """Council A's published pledge, a draft of its next version and an open round (made once)."""
    if getattr(council, "pledge_draft", None) is None:
        from app.extensions import db
        from app.pledges import service as pledge_service

        from . import factories

        council.pledge_version = factories.pledge_version(council.authority)
        council.pledge_round = factories.rating_round(council.authority)
        council.pledge_draft = pledge_service.start_draft(council.pledge_version.pledge)
        db.session.commit()
    return council


PARAMS.update(
    {
        "pledge_id": lambda council: _pledge(council).pledge_version.pledge_id,
        "version_id": lambda council: _pledge(council).pledge_draft.id,
        "theme_id": lambda council: _pledge(council).pledge_draft.themes[0].id,
        "promise_id": lambda council: _pledge(council).pledge_draft.promises[0].id,
        "round_id": lambda council: _pledge(council).pledge_round.id,
    }
)


def _survey(council):
    """Council A's open wave of the 11 to 17 survey, and a draft version of it (made once)."""
    if getattr(council, "survey_wave", None) is None:
        from app.extensions import db
        from app.surveys import definitions

        from . import factories

        council.survey_wave = factories.survey_wave(council.authority)
        council.survey_draft_version = definitions.new_version(council.survey_wave.version.survey)
        db.session.commit()
    return council


PARAMS.update(
    {
        "wave_id": lambda council: _survey(council).survey_wave.id,
        "survey_id": lambda council: _survey(council).survey_wave.version.survey_id,
        "survey_question_id": lambda council: _survey(council).survey_draft_version.questions[1].id,
        "survey_section_id": lambda council: _survey(council).survey_draft_version.sections[0].id,
        "position": lambda council: 1,
    }
)


def _voice(council):
    """Council A's young person's statement to their worker and IRO, a call-back, a complaint with
    its advocacy request, a compliment to a team, and that team (made once)."""
    if getattr(council, "statement", None) is None:
        from app.extensions import db

        from . import factories

        council.statement = factories.statement(council.young_person, readers=("worker", "iro"))
        council.callback = factories.callback(council.young_person)
        council.team = factories.team(council.authority, members=[council.worker])
        council.complaint = factories.representation(council.young_person, kind="complaint", team=council.team)
        council.compliment = factories.representation(council.young_person, kind="compliment", team=council.team)
        council.advocacy, council.advocacy_token = factories.advocacy_request(council.young_person, source="complaint", source_id=council.complaint.id)
        db.session.commit()
    return council


PARAMS.update(
    {
        "kind": lambda council: "feeling",
        "statement_id": lambda council: _voice(council).statement.id,
        "callback_id": lambda council: _voice(council).callback.id,
        "representation_id": lambda council: _voice(council).complaint.id,
        "advocacy_id": lambda council: _voice(council).advocacy.id,
        "team_id": lambda council: _voice(council).team.id,
        # The advocacy service's page shows the request to whoever holds its link, by design: the
        # access walk uses a link that is not real (tests/voice/test_advocacy.py tests real ones).
        "token": lambda council: "not-a-real-link",
    }
)
