"""flask --app wsgi heard ...: set up councils and people from the command line.

Every command starts with no council bound (`HeardCommands`), so each one binds the council it
works for with `acting_for`, loops over councils for jobs that serve them all, or says it works
across councils with `all_councils()`; one that forgets fails instead of reading every council.
"""
from __future__ import annotations

import functools

import click
import pyotp
from flask.cli import AppGroup
from sqlalchemy import func, select

from .access import ADMIN, STAFF_ROLES, YOUNG_PERSON
from .auth.models import User
from .auth.passwords import hash_password, password_problem
from .demo import DEMO_PASSWORD, DEMO_SLUG, load_demo, named_people
from .errors import RuleBroken
from .extensions import db
from .i18n import review_status
from .links import public_url
from .staff import service as staff_service
from .tenancy import Authority, acting_for, all_councils, unbound


class HeardCommands(AppGroup):
    """Commands that start with no council bound, however they are called."""

    def command(self, *args, **kwargs):
        register = super().command(*args, **kwargs)

        def decorator(fn):
            @functools.wraps(fn)
            def run_unbound(*fn_args, **fn_kwargs):
                with unbound():
                    return fn(*fn_args, **fn_kwargs)

            return register(run_unbound)

        return decorator


heard_cli = HeardCommands("heard", help="Heard administration commands.")


def _authority(slug: str) -> Authority:
    authority = db.session.scalar(select(Authority).where(Authority.slug == slug))
    if authority is None:
        raise click.ClickException(f"No council with slug {slug!r}. Create it with 'heard create-authority'.")
    return authority


def _join_link(code: str) -> str:
    return public_url(f"/join?code={code}")


@heard_cli.command("create-authority")
@click.option("--name", required=True, help="The council's name, e.g. 'Northmoor Council'.")
@click.option("--slug", required=True, help="Short identifier, e.g. 'northmoor'.")
@click.option("--out-of-hours", "out_of_hours", default=None, help="Out-of-hours phone number.")
@click.option("--languages", default="en", help="Comma-separated content languages, e.g. 'en,ar,ps'.")
def create_authority(name: str, slug: str, out_of_hours: str | None, languages: str) -> None:
    """Create a council."""
    if db.session.scalar(select(Authority).where(Authority.slug == slug)):
        raise click.ClickException(f"A council with slug {slug!r} already exists.")
    enabled = [code.strip() for code in languages.split(",") if code.strip()] or ["en"]
    authority = Authority(name=name, slug=slug, out_of_hours_phone=out_of_hours, default_language=enabled[0], enabled_languages=enabled)
    db.session.add(authority)
    db.session.commit()
    click.echo(f"Created {name} ({slug}).")


@heard_cli.command("create-staff")
@click.option("--authority", "slug", required=True)
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(STAFF_ROLES), default=ADMIN, show_default=True)
@click.option("--password", default=None, help="Set a password now instead of printing an invite code.")
def create_staff(slug: str, email: str, name: str, role: str, password: str | None) -> None:
    """Create a member of staff and print their invite code (or set a password)."""
    authority = _authority(slug)
    email = email.strip().lower()
    with all_councils():  # an email signs in to one account, whichever council it is in
        taken = db.session.scalar(select(func.count()).select_from(User).where(User.email == email))
    if taken:
        raise click.ClickException(f"{email} already has an account.")
    with acting_for(authority):
        _create_staff(authority, email, name, role, password)


def _create_staff(authority: Authority, email: str, name: str, role: str, password: str | None) -> None:
    user = User(authority=authority, role=role, display_name=name, email=email)
    db.session.add(user)
    db.session.flush()
    if password:
        problem = password_problem(password, email=email)
        if problem:
            raise click.ClickException(str(problem))
        user.password_hash = hash_password(password)
        db.session.commit()
        click.echo(f"Created {role} {email}. They set up their authenticator app at first sign-in.")
        return
    code = staff_service.issue_invite(user, by=None)
    db.session.commit()
    click.echo(f"Created {role} {email}. Invite code: {code}  ({_join_link(code)})")


@heard_cli.command("invite")
@click.option("--authority", "slug", required=True)
@click.option("--reference", default=None, help="The young person's council reference.")
@click.option("--user-id", type=int, default=None)
def invite(slug: str, reference: str | None, user_id: int | None) -> None:
    """Print a new invite code for a young person (or member of staff) without an account."""
    authority = _authority(slug)
    if reference:
        stmt = select(User).where(User.reference == reference)
    elif user_id:
        stmt = select(User).where(User.id == user_id)
    else:
        raise click.ClickException("Give --reference or --user-id.")
    with acting_for(authority):
        user = db.session.scalar(stmt)
        if user is None:
            raise click.ClickException("No such person in that council.")
        try:
            code = staff_service.issue_invite(user, by=None)
        except RuleBroken as broken:  # set up already: an invite would replace their password
            raise click.ClickException(str(broken.message)) from None
        db.session.commit()
        click.echo(f"Invite code for {user.display_name}: {code}  ({_join_link(code)})")


@heard_cli.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing if the database already has a council.")
def demo(if_empty: bool) -> None:
    """Load the demo council, with one account of every role, and print how to sign in."""
    if if_empty and db.session.scalar(select(func.count()).select_from(Authority)):
        lines = demo_sign_ins()
        if lines:
            click.echo("\n".join(lines))
        return
    load_demo()
    click.echo("\n".join(demo_sign_ins()))


def demo_sign_ins() -> list[str]:
    authority = db.session.scalar(select(Authority).where(Authority.slug == DEMO_SLUG))
    if authority is None:
        return []
    with acting_for(authority):
        return _sign_ins(authority)


def _sign_ins(authority: Authority) -> list[str]:
    named = named_people()  # not the many invented young people behind the demo's figures
    people = db.session.scalars(select(User).where(named, User.password_hash.is_not(None)).order_by(User.id)).all()
    lines = ["", f"Demo sign-ins for {authority.name} (password for all: {DEMO_PASSWORD})"]
    for person in people:
        who = person.username or person.email
        extra = ""
        if person.is_staff and person.totp_secret:
            extra = f"  authenticator key {person.totp_secret} (or: flask --app wsgi heard totp-code {person.email})"
        lines.append(f"  {person.role_label:<40} {who}{extra}")
    waiting = db.session.scalars(select(User).where(named, User.role == YOUNG_PERSON, User.password_hash.is_(None))).all()
    for person in waiting:
        lines.append(
            f"  {person.display_name} has no account yet: sign in as their worker and make an invite card, or run"
            f" flask --app wsgi heard invite --authority {authority.slug} --reference {person.reference}"
        )
    lines.append(f"  Sign in at {public_url('/sign-in')}")
    lines.append("")
    return lines


@heard_cli.command("totp-code")
@click.argument("email")
def totp_code(email: str) -> None:
    """Print the current authenticator code of a demo staff account (demo councils only)."""
    with all_councils():  # an email names one account, whichever council it is in
        user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
        if user is None or not user.totp_secret:
            raise click.ClickException("No such staff account with an authenticator.")
        if not user.authority.is_demo:
            raise click.ClickException("Only demo accounts can print codes.")
        click.echo(pyotp.TOTP(user.totp_secret).now())


@heard_cli.command("translation-status")
@click.argument("locale", required=False)
def translation_status(locale: str | None) -> None:
    """How far each catalogue is translated and reviewed; with LOCALE, the strings still to review."""
    if locale:
        if not review_status.catalogue_path(locale).exists():
            raise click.ClickException(f"No catalogue for {locale}.")
        for message in review_status.waiting_for_review(locale):
            click.echo(message)
        return
    click.echo(f"{'locale':<8}{'strings':>9}{'translated':>12}{'reviewed':>10}")
    for status in review_status.statuses():
        click.echo(f"{status.locale:<8}{status.strings:>9}{status.translated:>12}{status.reviewed:>10}")
