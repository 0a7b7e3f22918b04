"""Facilitators' side (participation officers): groups, members, polls, meetings, ideas, exports."""
from __future__ import annotations

from datetime import timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..csv_safe import csv_response
from ..access import PARTICIPATION, allow
from ..auth.models import User
from ..errors import RuleBroken, applying
from ..extensions import db
from ..input_bounds import parse_id
from ..links import public_url
from ..models_base import utcnow
from ..qr import qr_svg
from ..tenancy import current_authority, current_authority_id, get_or_404
from . import bp, ideas, meetings, polls, service
from .forms import (
    AnswerForm,
    ConsultationForm,
    GroupForm,
    MeetingForm,
    PollForm,
    QuestionForm,
    RespondForm,
    fill_translations,
    to_local,
    to_utc,
    translations,
    with_translations,
)
from .models import (
    ACTIVE,
    INVITED,
    REQUESTED,
    Consultation,
    CouncilGroup,
    Idea,
    Meeting,
    MeetingQuestion,
    Membership,
    Poll,
    PollQuestion,
)


def _me():
    return current_user._get_current_object()


def _languages() -> list[str]:
    authority = current_authority()
    return list(authority.enabled_languages or ["en"]) if authority else ["en"]


def _form(base, fields: dict):
    return with_translations(base, fields, _languages())()




# --- groups and members --------------------------------------------------------------------------

@bp.route("/manage/")
@allow(PARTICIPATION)
def manage_home():
    all_groups = service.groups(current_authority_id(), include_archived=True)
    tally = service.member_counts(current_authority_id())
    return render_template("council/staff/home.html", groups=all_groups,
                           counts={g.id: tally.get((g.id, ACTIVE), 0) for g in all_groups},
                           requests={g.id: tally.get((g.id, REQUESTED), 0) for g in all_groups})


GROUP_FIELDS = {"name": (_l("Name"), False), "description": (_l("What the group is for"), True)}


@bp.route("/manage/groups/new", methods=["GET", "POST"])
@bp.route("/manage/groups/<int:group_id>/edit", methods=["GET", "POST"])
@allow(PARTICIPATION)
def edit_group(group_id: int | None = None):
    group = get_or_404(CouncilGroup, group_id) if group_id else None
    form = _form(GroupForm, GROUP_FIELDS)
    if request.method == "GET" and group is not None:
        form.kind.data, form.open_to_requests.data = group.kind, group.open_to_requests
        fill_translations(form, "name", group.name)
        fill_translations(form, "description", group.description)
    if form.validate_on_submit():
        with applying(form) as outcome:
            group = service.save_group(group, authority_id=current_authority_id(), name=translations(form, "name"),
                                       description=translations(form, "description"), kind=form.kind.data,
                                       open_to_requests=form.open_to_requests.data, by=_me())
        if outcome.ok:
            flash(_l("Group saved."), "success")
            return redirect(url_for("council.dashboard", group_id=group.id))
    return render_template("council/staff/group_form.html", form=form, group=group), (400 if form.errors else 200)


@bp.route("/manage/groups/<int:group_id>")
@allow(PARTICIPATION)
def dashboard(group_id: int):
    group = get_or_404(CouncilGroup, group_id)
    group_polls = polls.group_polls(group)
    return render_template(
        "council/staff/dashboard.html",
        group=group,
        members=service.members(group),
        requests=service.members(group, REQUESTED),
        invited=service.members(group, INVITED),
        invitable=service.invitable_young_people(group),
        meetings=meetings.upcoming({group.id}),
        past_meetings=meetings.past(group)[:5],
        open_polls=[p for p in group_polls if p.state == "open"],
        other_polls=[p for p in group_polls if p.state != "open"],
        awaiting=ideas.awaiting_answer(group),
        answer_days=ideas.answer_days(group),
        consultations=ideas.consultations({group.id}),
        good_news=ideas.good_news(group, limit=5),
    )


@bp.route("/manage/groups/<int:group_id>/invite", methods=["POST"])
@allow(PARTICIPATION)
def invite(group_id: int):
    group = get_or_404(CouncilGroup, group_id)
    person = db.session.get(User, parse_id(request.form.get("user_id")) or 0)
    if person is None or person.authority_id != current_authority_id():
        flash(_l("Choose a young person to invite"), "error")
        return redirect(url_for("council.dashboard", group_id=group.id) + "#invite")
    with applying() as outcome:
        membership = service.invite(group, person, _me())
    if outcome.ok:
        flash(_l("%(name)s is now a member.", name=person.display_name) if membership.state == ACTIVE
              else _l("%(name)s is invited. They will see the invitation when they sign in.", name=person.display_name), "success")
    return redirect(url_for("council.dashboard", group_id=group.id))


@bp.route("/manage/memberships/<int:membership_id>", methods=["POST"])
@allow(PARTICIPATION)
def decide_membership(membership_id: int):
    found = get_or_404(Membership, membership_id)
    action = request.form.get("action")
    with applying() as outcome:
        if action in ("approve", "decline"):
            service.decide_request(found, action == "approve", _me())
        elif action == "end":
            service.end_membership(found, _me())
        else:
            raise RuleBroken(_l("Choose what to do"))
    if outcome.ok:
        flash(_l("Saved."), "success")
    return redirect(url_for("council.dashboard", group_id=found.group_id))


# --- polls ---------------------------------------------------------------------------------------

POLL_FIELDS = {"title": (_l("Title"), False)}
QUESTION_FIELDS = {"text": (_l("Question"), False), "options": (_l("Answers to choose from, one on each line"), True)}


def _meeting_choices(group: CouncilGroup):
    soon = meetings.upcoming({group.id})
    return [("", _l("Not at a meeting"))] + [(str(m.id), "%s, %s" % (m.title.get("en", ""), to_local(m.starts_at).strftime("%d %b %Y %H:%M"))) for m in soon]


@bp.route("/manage/groups/<int:group_id>/polls/new", methods=["GET", "POST"])
@bp.route("/manage/polls/<int:poll_id>/edit", methods=["GET", "POST"])
@allow(PARTICIPATION)
def edit_poll(group_id: int | None = None, poll_id: int | None = None):
    poll = get_or_404(Poll, poll_id) if poll_id else None
    group = poll.group if poll else get_or_404(CouncilGroup, group_id)
    form = _form(PollForm, POLL_FIELDS)
    form.meeting_id.choices = _meeting_choices(group)
    if request.method == "GET":
        if poll is not None:
            form.mode.data, form.audience.data = poll.mode, poll.audience
            form.hide_results_until_close.data = poll.hide_results_until_close
            form.opens_at.data, form.closes_at.data = to_local(poll.opens_at), to_local(poll.closes_at)
            form.meeting_id.data = str(poll.meeting_id or "")
            fill_translations(form, "title", poll.title)
        elif request.args.get("meeting"):
            form.meeting_id.data = request.args["meeting"]
    if form.validate_on_submit():
        meeting = None
        if form.meeting_id.data:
            meeting = db.session.get(Meeting, parse_id(form.meeting_id.data) or 0)
        with applying(form) as outcome:
            poll = polls.save_poll(poll, group=group, title=translations(form, "title"), mode=form.mode.data,
                                   audience=form.audience.data, hide_results_until_close=form.hide_results_until_close.data,
                                   opens_at=to_utc(form.opens_at.data), closes_at=to_utc(form.closes_at.data),
                                   meeting=meeting, by=_me())
        if outcome.ok:
            flash(_l("Poll saved. Now add its questions."), "success") if not poll.questions else flash(_l("Poll saved."), "success")
            return redirect(url_for("council.manage_poll", poll_id=poll.id))
    return render_template("council/staff/poll_form.html", form=form, group=group, poll=poll), (400 if form.errors else 200)


@bp.route("/manage/polls/<int:poll_id>")
@allow(PARTICIPATION)
def manage_poll(poll_id: int):
    poll = get_or_404(Poll, poll_id)
    return render_template(
        "council/staff/poll.html", poll=poll,
        results={q.id: polls.results(q) for q in poll.questions},
        published={q.id: polls.published_texts(q) for q in poll.questions if q.state == "closed" or poll.state == "closed"},
        is_open=polls.poll_is_open(poll),
    )


@bp.route("/manage/polls/<int:poll_id>/questions/new", methods=["GET", "POST"])
@bp.route("/manage/polls/<int:poll_id>/questions/<int:question_id>/edit", methods=["GET", "POST"])
@allow(PARTICIPATION)
def edit_question(poll_id: int, question_id: int | None = None):
    poll = get_or_404(Poll, poll_id)
    question = get_or_404(PollQuestion, question_id) if question_id else None
    if question is not None and question.poll_id != poll.id:
        abort(404)
    form = _form(QuestionForm, QUESTION_FIELDS)
    if request.method == "GET" and question is not None:
        form.kind.data, form.allow_other.data, form.allow_comment.data = question.kind, question.allow_other, question.allow_comment
        fill_translations(form, "text", question.text)
        fill_translations(form, "options", {code: "\n".join(o.text.get(code, "") for o in question.options) for code in form.languages})
    if form.validate_on_submit():
        lines = {code: [line.strip() for line in (getattr(form, f"options_{code}").data or "").splitlines()] for code in form.languages}
        english = [line for line in lines["en"] if line]
        options = []
        for index, _text in enumerate(english):
            option = {}
            for code, code_lines in lines.items():
                code_lines = [line for line in code_lines if line]
                if index < len(code_lines):
                    option[code] = code_lines[index]
            options.append(option)
        with applying(form) as outcome:
            polls.add_question(poll, text=translations(form, "text"), kind=form.kind.data, options=options,
                               allow_other=form.allow_other.data, allow_comment=form.allow_comment.data, question=question)
        if outcome.ok:
            flash(_l("Question saved."), "success")
            return redirect(url_for("council.manage_poll", poll_id=poll.id))
    return render_template("council/staff/question_form.html", form=form, poll=poll, question=question), (400 if form.errors else 200)


@bp.route("/manage/polls/<int:poll_id>/state", methods=["POST"])
@allow(PARTICIPATION)
def poll_state(poll_id: int):
    poll = get_or_404(Poll, poll_id)
    action = request.form.get("action")
    with applying() as outcome:
        if action == "open":
            polls.open_poll(poll, _me())
        elif action == "close":
            polls.close_poll(poll, _me())
        else:
            raise RuleBroken(_l("Choose what to do"))
    if outcome.ok:
        flash(_l("The poll is open.") if action == "open" else _l("The poll is closed."), "success")
    return redirect(request.form.get("back") == "run" and url_for("council.run_poll", poll_id=poll.id) or url_for("council.manage_poll", poll_id=poll.id))


@bp.route("/manage/polls/<int:poll_id>/questions/<int:question_id>/state", methods=["POST"])
@allow(PARTICIPATION)
def question_state(poll_id: int, question_id: int):
    poll = get_or_404(Poll, poll_id)
    question = get_or_404(PollQuestion, question_id)
    if question.poll_id != poll.id:
        abort(404)
    action = request.form.get("action")
    with applying():
        if action == "open":
            polls.open_question(question, _me())
        elif action == "close":
            polls.close_question(question, _me())
        else:
            raise RuleBroken(_l("Choose what to do"))
    return redirect(url_for("council.run_poll", poll_id=poll.id))


@bp.route("/manage/polls/<int:poll_id>/run")
@allow(PARTICIPATION)
def run_poll(poll_id: int):
    """The facilitator's controls at the meeting, on a laptop or phone."""
    poll = get_or_404(Poll, poll_id)
    current = polls.current_question(poll)
    return render_template("council/staff/run.html", poll=poll, current=current,
                           results=polls.results(current) if current else None)


@bp.route("/manage/polls/<int:poll_id>/projector")
@allow(PARTICIPATION)
def projector(poll_id: int):
    """The screen the room sees: the question, how to join, and results as they come in."""
    poll = get_or_404(Poll, poll_id)
    current = polls.current_question(poll)
    join_url = public_url(url_for("council.poll", poll_id=poll.id))
    with applying():
        polls.projector_opened(poll)
    return render_template("council/staff/projector.html", poll=poll, current=current, join_url=join_url,
                           qr=qr_svg(join_url, scale=6, title=str(_l("QR code to vote in this poll"))),
                           results=polls.results(current) if current else None)


@bp.route("/manage/polls/<int:poll_id>/results.csv")
@allow(PARTICIPATION)
def poll_csv(poll_id: int):
    poll = get_or_404(Poll, poll_id)
    with applying():
        polls.exported(poll)
    return csv_response(polls.export_rows(poll), f"poll-{poll.id}-results.csv")


# --- meetings ------------------------------------------------------------------------------------

MEETING_FIELDS = {
    "title": (_l("Title"), False),
    "agenda": (_l("Agenda"), True),
    "access_notes": (_l("Accessibility and travel notes"), True),
}


@bp.route("/manage/groups/<int:group_id>/meetings/new", methods=["GET", "POST"])
@bp.route("/manage/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@allow(PARTICIPATION)
def edit_meeting(group_id: int | None = None, meeting_id: int | None = None):
    meeting = get_or_404(Meeting, meeting_id) if meeting_id else None
    group = meeting.group if meeting else get_or_404(CouncilGroup, group_id)
    form = _form(MeetingForm, MEETING_FIELDS)
    if request.method == "GET" and meeting is not None:
        form.starts_at.data, form.ends_at.data = to_local(meeting.starts_at), to_local(meeting.ends_at)
        form.place.data, form.online_link.data, form.takes_questions.data = meeting.place, meeting.online_link, meeting.takes_questions
        for name in MEETING_FIELDS:
            fill_translations(form, name, getattr(meeting, name))
    if form.validate_on_submit():
        with applying(form) as outcome:
            meeting = meetings.save_meeting(
                meeting, group=group, title=translations(form, "title"), starts_at=to_utc(form.starts_at.data),
                ends_at=to_utc(form.ends_at.data), place=(form.place.data or "").strip(), online_link=(form.online_link.data or "").strip(),
                agenda=translations(form, "agenda"), access_notes=translations(form, "access_notes"),
                takes_questions=form.takes_questions.data, by=_me())
        if outcome.ok:
            flash(_l("Meeting saved."), "success")
            return redirect(url_for("council.manage_meeting", meeting_id=meeting.id))
    return render_template("council/staff/meeting_form.html", form=form, group=group, meeting=meeting), (400 if form.errors else 200)


@bp.route("/manage/meetings/<int:meeting_id>", methods=["GET", "POST"])
@allow(PARTICIPATION)
def manage_meeting(meeting_id: int):
    """Meeting details, RSVPs and attendance (POST records attendance)."""
    meeting = get_or_404(Meeting, meeting_id)
    group = meeting.group
    if request.method == "POST":
        if request.form.get("action") == "cancel":
            with applying():
                meetings.cancel_meeting(meeting, _me())
            flash(_l("Meeting cancelled."), "success")
            return redirect(url_for("council.dashboard", group_id=group.id))
        marks = {}
        for key, value in request.form.items():
            if key.startswith("mark-") and key[5:].isdigit():
                marks[int(key[5:])] = value
        with applying():
            saved = meetings.record_attendance(meeting, marks, _me())
        flash(_l("Attendance saved for %(count)s people.", count=saved), "success")
        return redirect(url_for("council.manage_meeting", meeting_id=meeting.id))
    people = service.members(group)
    return render_template("council/staff/meeting.html", meeting=meeting, members=people,
                           rsvps=meetings.rsvps(meeting), marks=meetings.attendance(meeting),
                           questions=meetings.questions(meeting), answer_form=AnswerForm())


@bp.route("/manage/meetings/<int:meeting_id>/attendance.csv")
@allow(PARTICIPATION)
def attendance_csv(meeting_id: int):
    meeting = get_or_404(Meeting, meeting_id)
    with applying():
        meetings.attendance_exported(meeting)
    return csv_response(meetings.attendance_rows(meeting), f"meeting-{meeting.id}-attendance.csv")


@bp.route("/manage/meeting-questions/<int:meeting_question_id>/answer", methods=["POST"])
@allow(PARTICIPATION)
def answer_meeting_question(meeting_question_id: int):
    row = get_or_404(MeetingQuestion, meeting_question_id)
    form = AnswerForm()
    if form.validate_on_submit():
        with applying():
            meetings.answer_question(row, form.answer.data, _me())
        flash(_l("Answer saved."), "success")
    return redirect(url_for("council.manage_meeting", meeting_id=row.meeting_id) + "#questions")


# --- ideas and consultations ---------------------------------------------------------------------

@bp.route("/manage/ideas/<int:idea_id>", methods=["GET", "POST"])
@allow(PARTICIPATION)
def respond_idea(idea_id: int):
    found = get_or_404(Idea, idea_id)
    shown = ideas.texts.published([found.item_id]).get(found.item_id)
    if shown is None:
        abort(404)  # not through moderation yet: staff do not see it here
    form = RespondForm()
    if request.method == "GET":
        form.status.data = found.status if found.status != "new" else "considering"
        form.response.data = found.response
    if form.validate_on_submit():
        with applying(form) as outcome:
            ideas.respond(found, form.status.data, form.response.data, _me())
        if outcome.ok:
            flash(_l("Answer saved. The young people who raised and supported it can see it now."), "success")
            return redirect(url_for("council.dashboard", group_id=found.group_id) + "#ideas")
    return render_template("council/staff/idea.html", idea=found, shown=shown, form=form,
                           supporters=ideas.supporters(found), status_labels=ideas.STATUS_LABELS), (400 if form.errors else 200)


CONSULTATION_FIELDS = {"question": (_l("Question"), False), "background": (_l("Background"), True)}


@bp.route("/manage/groups/<int:group_id>/consultations/new", methods=["GET", "POST"])
@allow(PARTICIPATION)
def new_consultation(group_id: int):
    group = get_or_404(CouncilGroup, group_id)
    form = _form(ConsultationForm, CONSULTATION_FIELDS)
    if request.method == "GET":
        form.closes_at.data = to_local(utcnow() + timedelta(days=14)).replace(second=0, microsecond=0)
    if form.validate_on_submit():
        with applying(form) as outcome:
            found = ideas.save_consultation(None, group=group, question=translations(form, "question"),
                                            background=translations(form, "background"), closes_at=to_utc(form.closes_at.data), by=_me())
        if outcome.ok:
            flash(_l("Consultation saved. Members can answer it now."), "success")
            return redirect(url_for("council.manage_consultation", consultation_id=found.id))
    return render_template("council/staff/consultation_form.html", form=form, group=group), (400 if form.errors else 200)


@bp.route("/manage/consultations/<int:consultation_id>")
@allow(PARTICIPATION)
def manage_consultation(consultation_id: int):
    found = get_or_404(Consultation, consultation_id)
    return render_template("council/staff/consultation.html", consultation=found,
                           answers=ideas.published_ideas(found.group, found), status_labels=ideas.STATUS_LABELS,
                           is_open=ideas.consultation_is_open(found))
