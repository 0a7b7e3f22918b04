"""Pledge pages: young people read and rate; admins edit and run rounds; managers see the scorecard."""
from __future__ import annotations


from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..csv_safe import csv_response
from ..access import ADMIN, MANAGER, PARTICIPATION, YOUNG_PERSON, allow
from ..errors import applying
from ..i18n.content import localise
from ..i18n.locales import LANGUAGES, current_language
from ..opened_here import opened_here
from ..privacy.keys import device_key
from ..reports.disclosure import Cell
from ..tenancy import current_authority, get_or_404
from . import bp, scorecard, service
from .forms import RATING_CHOICES, RatingForm, RoundForm, last_day, local_day, translated_form
from .models import AUDIENCES, DRAFT, Pledge, PledgeTheme, PledgeVersion, Promise, RatingRound

SCORECARD_ROLES = (MANAGER, ADMIN, PARTICIPATION)
ANSWER_ROLES = (MANAGER, ADMIN, PARTICIPATION)

# --- The young person's side ----------------------------------------------------------------


def _locale() -> str:
    return current_language()


@bp.route("/")
@allow(YOUNG_PERSON)
def read():
    person = current_user._get_current_object()
    service.seal_due_rounds()
    version = service.current_version_for(person)
    rnd = service.open_round(person.authority_id)
    new_since = service.last_read(person)
    answers = service.answers_by_lineage(person.authority_id, [p.lineage_id for p in version.promises]) if version else {}
    with applying():
        if opened_here():  # a link from another site does not mark the council's answers as seen
            service.mark_read(person)
    next_round = None if rnd else service.next_round(person.authority_id)
    return render_template(
        "pledges/read.html",
        version=version,
        round=rnd,
        next_round=next_round,
        closes_on=last_day(rnd.closes_at) if rnd else None,
        opens_on=local_day(next_round.opens_at) if next_round else None,
        answer_labels=dict(RATING_CHOICES),
        mine=_mine(person, rnd),
        rated=service.rated_promises(person, rnd),
        answers=answers,
        new_since=new_since,
        authority=current_authority(),
    )


def _mine(person, rnd):
    """The person's ratings this browser's key can find (app/privacy/keys.py)."""
    return service.my_ratings(person, rnd, device_key(service.device_purpose(rnd), create=False)) if rnd else {}


def _next_unrated(version, mine, after: Promise | None = None):
    promises = version.promises
    start = promises.index(after) + 1 if after in promises else 0
    for promise in promises[start:] + promises[:start]:
        if promise.id not in mine and promise is not after:
            return promise
    return None


@bp.route("/rate")
@allow(YOUNG_PERSON)
def rate_start():
    person = current_user._get_current_object()
    version = service.current_version_for(person)
    rnd = service.open_round(person.authority_id)
    if version is None or rnd is None:
        flash(_l("Rating is closed just now. We will show you here when the next round opens."), "info")
        return redirect(url_for("pledges.read"))
    promise = _next_unrated(version, service.rated_promises(person, rnd)) or version.promises[0]
    return redirect(url_for("pledges.rate", promise_id=promise.id))


@bp.route("/rate/<int:promise_id>", methods=["GET", "POST"])
@allow(YOUNG_PERSON)
def rate(promise_id: int):
    person = current_user._get_current_object()
    promise = get_or_404(Promise, promise_id)
    version = service.current_version_for(person)
    if version is None or promise.version_id != version.id:
        abort(404)
    rnd = service.open_round(person.authority_id)
    if rnd is None:
        flash(_l("Rating is closed just now. We will show you here when the next round opens."), "info")
        return redirect(url_for("pledges.read"))
    from ..moderation import service as moderation

    mine = _mine(person, rnd)
    rated = service.rated_promises(person, rnd)
    own_comment = None
    item_id = service.my_comments(person, rnd).get(promise.id)
    if item_id:
        own_comment = moderation.own_view(item_id, person)
    form = RatingForm()
    if request.method == "GET":
        # The phone holds its key before its first rating, so two taps of it send the same key.
        device_key(service.device_purpose(rnd))
        form.answer.data = mine.get(promise.id)
        form.comment.data = own_comment.text if own_comment else ""
    if form.validate_on_submit():
        with applying(form, field="answer") as outcome:
            _rating, item = service.rate(person, promise, form.answer.data, form.comment.data, key=device_key(service.device_purpose(rnd)),
                                         language=_locale())
        if outcome.ok:
            rated.add(promise.id)
            if item is not None and item.risk:
                return render_template("pledges/comment_help.html", item=item, next_url=_after_rating_url(version, rated, promise))
            return redirect(_after_rating_url(version, rated, promise))
    promises = version.promises
    return render_template(
        "pledges/rate.html",
        form=form,
        promise=promise,
        version=version,
        round=rnd,
        number=promises.index(promise) + 1,
        total=len(promises),
        rated=len(rated),
        rated_elsewhere=promise.id in rated and promise.id not in mine,
        previous=promises[promises.index(promise) - 1] if promises.index(promise) > 0 else None,
        following=promises[promises.index(promise) + 1] if promises.index(promise) + 1 < len(promises) else None,
        own_comment=own_comment,
    )


def _after_rating_url(version, rated, promise) -> str:
    following = _next_unrated(version, rated, after=promise)
    if following is None:
        return url_for("pledges.rate_done")
    return url_for("pledges.rate", promise_id=following.id)


@bp.route("/rate/done")
@allow(YOUNG_PERSON)
def rate_done():
    person = current_user._get_current_object()
    version = service.current_version_for(person)
    rnd = service.open_round(person.authority_id)
    if version is None:
        return redirect(url_for("pledges.read"))
    return render_template("pledges/done.html", version=version, round=rnd, rated=len(service.rated_promises(person, rnd)), total=len(version.promises))


# --- Scorecard ------------------------------------------------------------------------------


def _chosen_round(rounds: list[RatingRound]) -> RatingRound | None:
    wanted = request.args.get("round", type=int)
    if wanted is None:
        return rounds[-1] if rounds else None
    for rnd in rounds:
        if rnd.id == wanted:
            return rnd
    abort(404)


def _scorecard_context(with_comments: bool = True, audit_action: str | None = None):
    authority = current_authority()
    service.seal_due_rounds()
    rounds = service.sealed_rounds(authority.id)
    rnd = _chosen_round(rounds)
    # Committed before the scorecards are loaded: a commit expires every loaded row, and the page
    # would then load each round and each theme's promises again one by one.
    with applying():
        if audit_action and rnd is not None:
            service.scorecard_read(rnd, audit_action)
    if rounds:
        rounds = service.sealed_rounds(authority.id)  # all of them again, in one query
        rnd = next((r for r in rounds if r.id == rnd.id), None) if rnd else None
    cards = scorecard.scorecards(rounds, with_comments=rnd if with_comments else None)
    card = cards[rounds.index(rnd)] if rnd else None
    return {
        "authority": authority,
        "rounds": rounds,
        "round": rnd,
        "card": card,
        "trends": scorecard.trends(authority.id, cards),
        "open_round": service.open_round(authority.id),
        "answers": service.answers_by_lineage(authority.id, [r.promise.lineage_id for _, _, r in card.promise_results()]) if card else {},
        "labels": scorecard.ANSWER_LABELS,
        "chart_rows": _chart_rows,
        "band_rows": _band_rows,
    }


def _chart_rows(dist):
    return [(label, dist.cell(key) if dist.broken_down else Cell(None)) for key, label in scorecard.ANSWER_LABELS.items()]


def _band_rows(bands, keys):
    return [(scorecard.BAND_LABELS[key], bands[key]) for key in keys]


@bp.route("/scorecard")
@allow(*SCORECARD_ROLES)
def scorecard_page():
    context = _scorecard_context(audit_action="pledge.scorecard_viewed")
    if context["round"] is None:
        with applying():
            service.scorecard_read(None, "pledge.scorecard_viewed")
    return render_template("pledges/scorecard.html", **context)


@bp.route("/scorecard/print")
@allow(*SCORECARD_ROLES)
def scorecard_print():
    context = _scorecard_context(audit_action="pledge.scorecard_printed")
    if context["round"] is None:
        abort(404)
    return render_template("pledges/scorecard_print.html", **context)


@bp.route("/scorecard.csv")
@allow(*SCORECARD_ROLES)
def scorecard_csv():
    authority = current_authority()
    with applying():
        service.seal_due_rounds()
    rnd = _chosen_round(service.sealed_rounds(authority.id))
    if rnd is None:
        abort(404)
    card = scorecard.round_scorecard(rnd)
    default = authority.default_language or "en"
    rows = list(scorecard.csv_rows(card, lambda value: localise(value, default).text))
    with applying():
        service.scorecard_read(rnd, "pledge.scorecard_exported")
    return csv_response(rows, f"pledge-scorecard-{authority.slug}-round-{rnd.id}.csv")


@bp.route("/promises/<int:promise_id>/answer", methods=["GET", "POST"])
@allow(*ANSWER_ROLES)
def answer(promise_id: int):
    authority = current_authority()
    promise = get_or_404(Promise, promise_id)
    rounds = service.sealed_rounds(authority.id)
    rnd = _chosen_round(rounds)
    if rnd is None:
        flash(_l("You can answer once a round has closed."), "info")
        return redirect(url_for("pledges.scorecard_page"))
    lineage = promise.lineage_id or promise.id
    existing = service.answers_by_lineage(authority.id, [lineage]).get(lineage, [])
    current = next((a for a in existing if a.round_id == rnd.id), None)
    languages = authority.enabled_languages or ["en"]
    form = translated_form(
        [("we_will", _l("What we will do"), True), ("we_did", _l("What we did"), True)], languages, authority.default_language or "en"
    )
    if request.method == "GET" and current is not None:
        form.fill("we_will", current.we_will)
        form.fill("we_did", current.we_did)
    if form.validate_on_submit():
        with applying(form, field="we_will") as outcome:
            service.save_answer(lineage, rnd, authority, we_will=form.values("we_will"), we_did=form.values("we_did"), by=current_user)
        if outcome.ok:
            flash(_l("Your answer is saved. Young people will see it next to the promise."), "success")
            return redirect(url_for("pledges.scorecard_page", round=rnd.id) + f"#promise-{promise.id}")
    card = scorecard.round_scorecard(rnd)
    result = next((r for _, _, r in card.promise_results() if r.promise.lineage_id == lineage), None)
    return render_template(
        "pledges/answer.html", form=form, promise=promise, round=rnd, result=result, labels=scorecard.ANSWER_LABELS, language_names=LANGUAGES
    )


# --- The editor (council admin) -------------------------------------------------------------


@bp.route("/admin")
@allow(ADMIN)
def admin_overview():
    authority = current_authority()
    with applying():
        service.seal_due_rounds()
        found = service.pledges(authority.id)
    enabled = authority.enabled_languages or ["en"]
    gaps = {audience: service.translation_gaps(p.draft or p.current, enabled) if (p.draft or p.current) else {} for audience, p in found.items()}
    rounds = service.rounds(authority.id)
    return render_template(
        "pledges/staff/overview.html",
        pledges=[found[a] for a in AUDIENCES],
        gaps=gaps,
        rounds=rounds,
        language_names=LANGUAGES,
        local_day=local_day,
        last_day=last_day,
    )


@bp.route("/admin/<int:pledge_id>/draft", methods=["POST"])
@allow(ADMIN)
def start_draft(pledge_id: int):
    pledge = get_or_404(Pledge, pledge_id)
    with applying():
        draft = service.start_draft(pledge, by=current_user)
    return redirect(url_for("pledges.edit_version", version_id=draft.id))


def _version_form(authority):
    return translated_form(
        [("title", _l("Title"), False), ("introduction", _l("Introduction"), True)],
        authority.enabled_languages or ["en"],
        authority.default_language or "en",
    )


@bp.route("/admin/versions/<int:version_id>", methods=["GET", "POST"])
@allow(ADMIN)
def edit_version(version_id: int):
    authority = current_authority()
    version = get_or_404(PledgeVersion, version_id)
    form = _version_form(authority)
    if request.method == "GET":
        form.fill("title", version.title)
        form.fill("introduction", version.introduction)
    if version.status == DRAFT and form.validate_on_submit():
        with applying(form, field="title") as outcome:
            service.update_version(version, authority, title=form.values("title"), introduction=form.values("introduction"))
        if outcome.ok:
            flash(_l("Saved."), "success")
            return redirect(url_for("pledges.edit_version", version_id=version.id))
    enabled = authority.enabled_languages or ["en"]
    return render_template(
        "pledges/staff/version.html",
        version=version,
        form=form,
        gaps=service.translation_gaps(version, enabled),
        enabled=enabled,
        language_names=LANGUAGES,
    )


@bp.route("/admin/versions/<int:version_id>/publish", methods=["POST"])
@allow(ADMIN)
def publish(version_id: int):
    authority = current_authority()
    version = get_or_404(PledgeVersion, version_id)
    with applying() as outcome:
        service.publish(version, authority, by=current_user)
    if outcome.ok:
        flash(_l("Published. Young people now read this version."), "success")
    return redirect(url_for("pledges.edit_version", version_id=version.id))


def _theme_form(authority):
    return translated_form([("title", _l("Theme"), False)], authority.enabled_languages or ["en"], authority.default_language or "en")


def _promise_form(authority):
    return translated_form(
        [("text", _l("Promise"), True), ("meaning", _l("What this means for you (optional)"), True)],
        authority.enabled_languages or ["en"],
        authority.default_language or "en",
    )


def _editable_or_404(version: PledgeVersion) -> None:
    if version.status != DRAFT:
        abort(404)


@bp.route("/admin/versions/<int:version_id>/themes/new", methods=["GET", "POST"])
@bp.route("/admin/themes/<int:theme_id>", methods=["GET", "POST"])
@allow(ADMIN)
def edit_theme(version_id: int | None = None, theme_id: int | None = None):
    authority = current_authority()
    theme = get_or_404(PledgeTheme, theme_id) if theme_id else None
    version = theme.version if theme else get_or_404(PledgeVersion, version_id)
    _editable_or_404(version)
    form = _theme_form(authority)
    if request.method == "GET" and theme:
        form.fill("title", theme.title)
    if form.validate_on_submit():
        with applying(form, field="title") as outcome:
            if theme:
                service.update_theme(theme, authority, form.values("title"))
            else:
                service.add_theme(version, authority, form.values("title"))
        if outcome.ok:
            flash(_l("Theme saved."), "success")
            return redirect(url_for("pledges.edit_version", version_id=version.id))
    return render_template("pledges/staff/theme.html", form=form, theme=theme, version=version)


@bp.route("/admin/themes/<int:theme_id>/promises/new", methods=["GET", "POST"])
@bp.route("/admin/promises/<int:promise_id>", methods=["GET", "POST"])
@allow(ADMIN)
def edit_promise(theme_id: int | None = None, promise_id: int | None = None):
    authority = current_authority()
    promise = get_or_404(Promise, promise_id) if promise_id else None
    theme = promise.theme if promise else get_or_404(PledgeTheme, theme_id)
    _editable_or_404(theme.version)
    form = _promise_form(authority)
    if request.method == "GET" and promise:
        form.fill("text", promise.text)
        form.fill("meaning", promise.meaning)
    if form.validate_on_submit():
        with applying(form, field="text") as outcome:
            if promise:
                service.update_promise(promise, authority, form.values("text"), form.values("meaning"))
            else:
                service.add_promise(theme, authority, form.values("text"), form.values("meaning"))
        if outcome.ok:
            flash(_l("Promise saved."), "success")
            return redirect(url_for("pledges.edit_version", version_id=theme.version_id) + f"#theme-{theme.id}")
    return render_template("pledges/staff/promise.html", form=form, promise=promise, theme=theme, version=theme.version)


@bp.route("/admin/themes/<int:theme_id>/move", methods=["POST"])
@bp.route("/admin/promises/<int:promise_id>/move", methods=["POST"])
@allow(ADMIN)
def move(theme_id: int | None = None, promise_id: int | None = None):
    item = get_or_404(Promise, promise_id) if promise_id else get_or_404(PledgeTheme, theme_id)
    siblings = item.theme.promises if promise_id else item.version.themes
    version = item.theme.version if promise_id else item.version
    _editable_or_404(version)
    with applying():
        service.move(item, siblings, -1 if request.form.get("direction") == "up" else 1)
    return redirect(url_for("pledges.edit_version", version_id=version.id))


@bp.route("/admin/themes/<int:theme_id>/delete", methods=["POST"])
@bp.route("/admin/promises/<int:promise_id>/delete", methods=["POST"])
@allow(ADMIN)
def delete(theme_id: int | None = None, promise_id: int | None = None):
    item = get_or_404(Promise, promise_id) if promise_id else get_or_404(PledgeTheme, theme_id)
    version = item.theme.version if promise_id else item.version
    _editable_or_404(version)
    with applying():
        if promise_id:
            service.delete_promise(item)
        else:
            service.delete_theme(item)
    flash(_l("Deleted."), "success")
    return redirect(url_for("pledges.edit_version", version_id=version.id))


@bp.route("/admin/rounds/new", methods=["GET", "POST"])
@bp.route("/admin/rounds/<int:round_id>", methods=["GET", "POST"])
@allow(ADMIN)
def edit_round(round_id: int | None = None):
    authority = current_authority()
    rnd = get_or_404(RatingRound, round_id) if round_id else None
    form = RoundForm()
    if request.method == "GET" and rnd:
        form.name.data = rnd.name
        form.opens_on.data = local_day(rnd.opens_at)
        form.closes_on.data = last_day(rnd.closes_at)
    if form.validate_on_submit():
        with applying(form, field="name") as outcome:
            if rnd:
                service.update_round(rnd, form.name.data, form.opens_at(), form.closes_at(), by=current_user)
            else:
                service.create_round(authority.id, form.name.data, form.opens_at(), form.closes_at(), by=current_user)
        if outcome.ok:
            flash(_l("Round saved."), "success")
            return redirect(url_for("pledges.admin_overview"))
    return render_template("pledges/staff/round.html", form=form, round=rnd)


@bp.route("/admin/rounds/<int:round_id>/close", methods=["POST"])
@allow(ADMIN)
def close_round(round_id: int):
    rnd = get_or_404(RatingRound, round_id)
    with applying() as outcome:
        service.close_round_now(rnd, by=current_user)
    if outcome.ok:
        flash(_l("The round is closed and its ratings are sealed. The scorecard shows them now."), "success")
    return redirect(url_for("pledges.admin_overview"))


@bp.route("/admin/rounds/<int:round_id>/delete", methods=["POST"])
@allow(ADMIN)
def delete_round(round_id: int):
    rnd = get_or_404(RatingRound, round_id)
    with applying() as outcome:
        service.delete_round(rnd, by=current_user)
    if outcome.ok:
        flash(_l("Round deleted."), "success")
    return redirect(url_for("pledges.admin_overview"))
