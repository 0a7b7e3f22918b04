"""Young people's side of the council: groups, polls, meetings, ideas and good news."""
from __future__ import annotations

import random
import time

from flask import abort, flash, jsonify, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.exc import OperationalError

from ..access import PARTICIPATION, YOUNG_PERSON, allow
from ..errors import applying
from ..extensions import db
from ..i18n.locales import current_language
from ..input_bounds import parse_id
from ..models_base import utcnow
from ..privacy.keys import device_key
from ..tenancy import current_authority_id, get_or_404
from . import bp, ideas, meetings, polls, service
from .forms import ContactForm, GoodNewsForm, WriteForm
from .models import ACTIVE, CouncilGroup, Consultation, Idea, Meeting, Poll, PollQuestion, RSVP_ANSWERS


def _me():
    return current_user._get_current_object()


def _language() -> str:
    return current_language()


def _group_for_member(group_id: int) -> CouncilGroup:
    group = get_or_404(CouncilGroup, group_id)
    if group.archived_at is not None and not service.is_member(group, _me()):
        abort(404)
    return group


# --- home and groups ---------------------------------------------------------------------------

@bp.route("/")
@allow(YOUNG_PERSON)
def home():
    me = _me()
    mine = {m.group_id: m for m in service.memberships_of(me)}
    all_groups = service.groups(current_authority_id())
    member_ids = {gid for gid, m in mine.items() if m.state == ACTIVE}
    return render_template(
        "council/home.html",
        groups=all_groups,
        mine=mine,
        polls=polls.polls_for(me),
        meetings=meetings.upcoming(member_ids, limit=5),
        consultations=ideas.consultations(member_ids, open_only=True),
        answers=ideas.answered_for(me),
        contact=service.contact_email(me),
    )


@bp.route("/groups/<int:group_id>")
@allow(YOUNG_PERSON)
def group(group_id: int):
    me = _me()
    found = _group_for_member(group_id)
    member = service.is_member(found, me)
    context = {"group": found, "membership": service.membership(found, me), "member": member}
    if member:
        context.update(
            meetings=meetings.upcoming({found.id}),
            polls=[p for p in polls.polls_for(me, open_only=False) if p.group_id == found.id],
            ideas=ideas.published_ideas(found),
            my_ideas=[(i, v) for i, v in ideas.my_ideas(me) if i.group_id == found.id and i.consultation_id is None],
            consultations=ideas.consultations({found.id}),
            good_news=ideas.good_news(found),
            my_good_news=[(n, v) for n, v in ideas.my_good_news(me) if n.group_id == found.id],
            members=len(service.members(found)),
        )
    return render_template("council/group.html", **context)


@bp.route("/groups/<int:group_id>/join", methods=["POST"])
@allow(YOUNG_PERSON)
def join(group_id: int):
    found = _group_for_member(group_id)
    with applying() as outcome:
        membership = service.request_to_join(found, _me())
    if outcome.ok:
        if membership.state == ACTIVE:
            flash(_l("You have joined the group. Welcome!"), "success")
        else:
            flash(_l("You have asked to join. A participation officer will answer soon."), "success")
    return redirect(url_for("council.group", group_id=found.id))


@bp.route("/groups/<int:group_id>/decline", methods=["POST"])
@allow(YOUNG_PERSON)
def decline_invitation(group_id: int):
    found = _group_for_member(group_id)
    with applying() as outcome:
        service.answer_invitation(found, _me(), accept=False)
    if outcome.ok:
        flash(_l("No problem. You can ask to join later if you change your mind."), "success")
    return redirect(url_for("council.home"))


@bp.route("/groups/<int:group_id>/leave", methods=["GET", "POST"])
@allow(YOUNG_PERSON)
def leave(group_id: int):
    found = _group_for_member(group_id)
    if request.method == "GET":
        if service.membership(found, _me()) is None:
            abort(404)
        return render_template("council/leave.html", group=found)
    with applying() as outcome:
        service.leave(found, _me())
    if outcome.ok:
        flash(_l("You have left the group. You can ask to join again at any time."), "success")
    return redirect(url_for("council.home"))


@bp.route("/reminders", methods=["GET", "POST"])
@allow(YOUNG_PERSON)
def contact():
    me = _me()
    form = ContactForm()
    if request.method == "GET":
        form.email.data = service.contact_email(me)
    if form.validate_on_submit():
        with applying():
            service.set_contact_email(me, form.email.data)
        flash(_l("Saved. We will email you before meetings.") if form.email.data else _l("Saved. We will not email you."), "success")
        return redirect(url_for("council.home"))
    return render_template("council/contact.html", form=form)


# --- polls -------------------------------------------------------------------------------------

def _poll_for_voter(poll_id: int) -> Poll:
    poll = get_or_404(Poll, poll_id)
    if not polls.can_see(poll, _me()):
        abort(404)
    return poll


def _question_of(poll: Poll, question_id: int) -> PollQuestion:
    question = get_or_404(PollQuestion, question_id)
    if question.poll_id != poll.id:
        abort(404)
    return question


@bp.route("/polls/<int:poll_id>")
@allow(YOUNG_PERSON)
def poll(poll_id: int):
    """A live poll follows the meeting: show the question that is open now (or the last one)."""
    found = _poll_for_voter(poll_id)
    me = _me()
    if found.mode == "live":
        question = polls.current_question(found)
        if question is None:
            return render_template("council/poll_waiting.html", poll=found)
        return redirect(url_for("council.question", poll_id=found.id, question_id=question.id))
    answered = {q.id: polls.has_voted(q.id, me) for q in found.questions}
    return render_template("council/poll.html", poll=found, answered=answered, is_open=polls.poll_is_open(found))


def _question_page(poll: Poll, question: PollQuestion, *, errors=None, values=None, outcome=None, status=200):
    me = _me()
    chosen = polls.my_choices(question, me, device_key(polls.device_purpose(question), create=False))
    voted = polls.has_voted(question.id, me)
    own = polls.my_texts(question, me)
    values = values or {}
    position = poll.questions.index(question)
    next_question = poll.questions[position + 1] if poll.mode == "open" and position + 1 < len(poll.questions) else None
    result = polls.results(question)
    return render_template(
        "council/question.html",
        poll=poll,
        question=question,
        position=position,
        next_question=next_question,
        chosen=set(values.get("choice", chosen)),
        other_text=values.get("other_text", own["other"].text if own.get("other") else ""),
        comment=values.get("comment", ""),
        own=own,
        is_open=polls.question_is_open(question),
        voted=voted,
        voted_elsewhere=voted and not chosen,
        results=result,
        show_results=voted or polls.question_is_closed(question),
        published=polls.published_texts(question) if polls.question_is_closed(question) else None,
        errors=errors or {},
        outcome=outcome,
    ), status


def _vote_with_retry(q: PollQuestion, values: dict, attempts: int = 5):
    """Cast and commit a vote; returns how it went and the vote. On SQLite, a write that meets
    another voter's write can be refused at once ("database is locked") rather than wait; a whole
    meeting votes in the same seconds, so the vote is tried again a few times before anyone sees
    an error."""
    for attempt in range(attempts):
        vote = None
        try:
            with applying(show=False) as done:
                vote = polls.cast_vote(q, _me(), values["choice"], key=device_key(polls.device_purpose(q)),
                                       other_text=values["other_text"], comment=values["comment"], language=_language())
            return done, vote
        except OperationalError as error:
            db.session.rollback()
            if attempt == attempts - 1 or "locked" not in str(error.orig).lower():
                raise
            time.sleep(0.05 * (attempt + 1) + random.random() * 0.05)
            q = db.session.get(PollQuestion, q.id)


@bp.route("/polls/<int:poll_id>/questions/<int:question_id>", methods=["GET", "POST"])
@allow(YOUNG_PERSON)
def question(poll_id: int, question_id: int):
    found = _poll_for_voter(poll_id)
    q = _question_of(found, question_id)
    if q.state == "draft":
        abort(404)
    if request.method == "POST":
        values = {
            "choice": request.form.getlist("choice"),
            "other_text": request.form.get("other_text", ""),
            "comment": request.form.get("comment", ""),
        }
        done, outcome = _vote_with_retry(q, values)
        if done.error is not None:
            # Whatever they chose and wrote comes back to them: nothing typed is lost.
            return _question_page(found, q, errors={done.error.field or "choice": done.error.message}, values=values, status=400)
        _remember_vote(q.id)
        if outcome.risk:
            return _question_page(found, q, outcome=outcome)
        flash(_l("Your vote has changed.") if outcome.changed else _l("Thank you. Your vote is in."), "success")
        return redirect(url_for("council.question", poll_id=found.id, question_id=q.id) + "#results")
    return _question_page(found, q)


@bp.route("/polls/<int:poll_id>/status.json")
@allow(YOUNG_PERSON, PARTICIPATION)
def poll_status(poll_id: int):
    """What a page showing a poll needs to stay current: the question open now, and the results
    region for the question on the page, re-rendered only when something changed (`v`).

    Every phone in the room asks this every two seconds, so it answers from a shared snapshot
    and touches the database only to redraw the results when they changed."""
    me = _me()
    question_id = parse_id(request.args.get("question"))
    shot = polls.snapshot(me.authority_id, poll_id, question_id)
    if shot is None:
        abort(404)
    facilitator = me.role == PARTICIPATION
    if not facilitator and (shot.poll_state == "draft" or (shot.audience != "everyone" and not polls.member_recently(shot.group_id, me))):
        abort(404)
    view = "projector" if request.args.get("view") == "projector" and facilitator else "member"
    payload = {"poll": poll_id, "poll_state": shot.poll_state, "current": shot.current}
    if question_id is not None:
        voted = facilitator or _has_voted(question_id)
        signature = f"{shot.signature}:{int(voted)}:{view}"
        payload.update(question=question_id, open=shot.question_open, signature=signature, voters=shot.voters)
        if request.args.get("v") != signature:
            q = get_or_404(PollQuestion, question_id)
            payload["html"] = render_template(
                "council/_results.html", results=polls.results(q), question=q, view=view,
                show_results=voted or polls.question_is_closed(q),
            )
    response = jsonify(payload)
    response.headers["Cache-Control"] = "no-store"
    return response


VOTED_KEY = "council_voted"


def _remember_vote(question_id: int) -> None:
    # Only that this person has answered (never what): saves a database look-up on every refresh.
    voted = [i for i in session.get(VOTED_KEY, []) if i != question_id][-49:]
    session[VOTED_KEY] = voted + [question_id]


def _has_voted(question_id: int) -> bool:
    if question_id in session.get(VOTED_KEY, []):
        return True
    if polls.has_voted(question_id, _me()):
        _remember_vote(question_id)
        return True
    return False


# --- meetings ----------------------------------------------------------------------------------

def _meeting_for_member(meeting_id: int) -> Meeting:
    found = get_or_404(Meeting, meeting_id)
    if not meetings.can_see(found, _me()):
        abort(404)
    return found


def _meeting_page(found: Meeting, form=None, item=None, status=200):
    me = _me()
    return render_template(
        "council/meeting.html",
        meeting=found,
        rsvp=meetings.my_rsvp(found, me),
        answers=RSVP_ANSWERS,
        form=form or WriteForm(),
        questions=meetings.questions(found) if found.takes_questions else [],
        my_questions=meetings.my_questions(found, me) if found.takes_questions else [],
        item=item,
        polls=[p for p in found.polls if p.state != "draft"],
        taking_questions=found.takes_questions and found.starts_at > utcnow(),
    ), status


@bp.route("/meetings/<int:meeting_id>", methods=["GET", "POST"])
@allow(YOUNG_PERSON)
def meeting(meeting_id: int):
    found = _meeting_for_member(meeting_id)
    form = WriteForm()
    if request.method == "POST":
        if form.validate_on_submit():
            with applying(form, field="text") as outcome:
                item = meetings.ask(found, _me(), form.text.data, _language())
            if outcome.ok:
                flash(_l("Thank you. Your question is with the participation team and will be added to the list once it is checked."), "success")
                if getattr(item, "risk", False):
                    return _meeting_page(found, WriteForm(formdata=None), item=item)
                return redirect(url_for("council.meeting", meeting_id=found.id) + "#questions")
        return _meeting_page(found, form, status=400)
    return _meeting_page(found, form)


@bp.route("/meetings/<int:meeting_id>/rsvp", methods=["POST"])
@allow(YOUNG_PERSON)
def rsvp(meeting_id: int):
    found = _meeting_for_member(meeting_id)
    with applying() as outcome:
        meetings.rsvp(found, _me(), request.form.get("answer", ""))
    if outcome.ok:
        flash(_l("Thank you for letting us know."), "success")
    return redirect(url_for("council.meeting", meeting_id=found.id))


# --- ideas, consultations and good news ----------------------------------------------------------

@bp.route("/groups/<int:group_id>/ideas/new", methods=["GET", "POST"])
@allow(YOUNG_PERSON)
def new_idea(group_id: int):
    found = _group_for_member(group_id)
    if not service.is_member(found, _me()):
        abort(404)
    form = WriteForm()
    if form.validate_on_submit():
        with applying(form, field="text") as outcome:
            idea, item = ideas.raise_idea(found, _me(), form.text.data, _language())
        if outcome.ok:
            return render_template("council/sent.html", group=found, item=item, what="idea")
    return render_template("council/write.html", form=form, group=found, what="idea"), (400 if form.errors else 200)


@bp.route("/ideas/<int:idea_id>", methods=["GET", "POST"])
@allow(YOUNG_PERSON)
def idea(idea_id: int):
    found = get_or_404(Idea, idea_id)
    me = _me()
    if not ideas.can_see_idea(found, me):
        abort(404)
    if request.method == "POST":
        with applying() as outcome:
            ideas.support(found, me, on=request.form.get("support") != "no")
        if outcome.ok:
            flash(_l("Thank you for your support.") if request.form.get("support") != "no" else _l("You no longer support this idea."), "success")
        return redirect(url_for("council.idea", idea_id=found.id))
    own = ideas.texts.own_view(found.item_id, me) if found.author_id == me.id else None
    shown = ideas.texts.published([found.item_id]).get(found.item_id)
    return render_template("council/idea.html", idea=found, own=own, shown=shown, supporters=ideas.supporters(found),
                           supports=ideas.supports(found, me), status_labels=ideas.STATUS_LABELS)


@bp.route("/consultations/<int:consultation_id>", methods=["GET", "POST"])
@allow(YOUNG_PERSON)
def consultation(consultation_id: int):
    found = get_or_404(Consultation, consultation_id)
    me = _me()
    if not service.is_member(found.group, me):
        abort(404)
    form = WriteForm()
    if form.validate_on_submit():
        with applying(form, field="text") as outcome:
            idea_, item = ideas.raise_idea(found.group, me, form.text.data, _language(), consultation=found)
        if outcome.ok:
            return render_template("council/sent.html", group=found.group, item=item, what="answer")
    mine = [(i, v) for i, v in ideas.my_ideas(me) if i.consultation_id == found.id]
    return render_template(
        "council/consultation.html", consultation=found, form=form, mine=mine,
        answers=ideas.published_ideas(found.group, found), is_open=ideas.consultation_is_open(found),
        status_labels=ideas.STATUS_LABELS,
    ), (400 if form.errors else 200)


@bp.route("/groups/<int:group_id>/good-news", methods=["GET", "POST"])
@allow(YOUNG_PERSON)
def good_news(group_id: int):
    found = _group_for_member(group_id)
    if not service.is_member(found, _me()):
        abort(404)
    form = GoodNewsForm()
    if form.validate_on_submit():
        with applying(form, field="text") as outcome:
            news, item = ideas.share_good_news(found, _me(), form.text.data, _language(), form.show_name.data == "name")
        if outcome.ok:
            return render_template("council/sent.html", group=found, item=item, what="good_news")
    return render_template("council/good_news.html", form=form, group=found), (400 if form.errors else 200)
