"""What someone typed after their session ran out, kept by their own browser while they sign in.

A feature names the posts worth carrying (`carries`). A signed-out post to one of them is answered
with the sign-in page, the same for every address: it holds the posted fields the feature keeps
(its own fields, within their limits) as hidden inputs. Nothing is looked up and nothing is stored
on the server. Once the person has signed in from that page, the feature applies the fields for
them alone, or ignores them (someone else's address, a draft already sent).

The post itself passed the CSRF check, so another site cannot plant words in the page.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app, render_template, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from ..access import SIGNED_OUT_POSTS

TO = "carried_to"  # the address the post was sent to
PREFIX = "carried-"  # before each carried field's own name
MAX_TO = 200


@dataclass(frozen=True)
class Carrier:
    keep: Callable[[dict, MultiDict], list[tuple[str, str]]]  # (address's arguments, posted fields) -> what to carry
    apply: Callable[[object, dict, MultiDict], str | None]  # (who signed in, arguments, fields) -> where to go, or None
    note: object  # what the sign-in page says about it (lazy text)


@dataclass(frozen=True)
class Carried:
    to: str
    carrier: Carrier
    args: dict
    fields: list[tuple[str, str]]

    @property
    def note(self):
        return self.carrier.note

    def hidden(self) -> list[tuple[str, str]]:
        """The hidden inputs of the sign-in form."""
        return [(TO, self.to)] + [(PREFIX + name, value) for name, value in self.fields]


_CARRIERS: dict[str, Carrier] = {}


def carries(endpoint: str, *, keep, apply, note) -> None:
    _CARRIERS[endpoint] = Carrier(keep, apply, note)
    SIGNED_OUT_POSTS[endpoint] = _answer


def _answer():
    """The sign-in page, holding what was posted (status and shape the same for every address)."""
    from .forms import SignInForm

    carried = _carry(request.path, request.endpoint, request.view_args or {}, request.form)
    return render_template("auth/sign_in.html", form=SignInForm(formdata=None), carried=carried)


def _carry(to: str, endpoint: str, args: dict, form: MultiDict) -> Carried | None:
    carrier = _CARRIERS.get(endpoint)
    if carrier is None:
        return None
    return Carried(to, carrier, args, carrier.keep(args, form))


def from_sign_in(form: MultiDict) -> Carried | None:
    """What the sign-in form brought back, checked again: it is only what the browser sent."""
    to = form.get(TO) or ""
    if not to.startswith("/") or to.startswith("//") or len(to) > MAX_TO or not to.isprintable():
        return None
    try:
        endpoint, args = current_app.url_map.bind_to_environ(request.environ).match(to, method="POST")
    except HTTPException:  # no such address, or one that redirects
        return None
    fields = MultiDict([(name.removeprefix(PREFIX), value) for name, value in form.items(multi=True) if name.startswith(PREFIX)])
    return _carry(to, endpoint, args, fields)


def apply(user, carried: Carried | None) -> str | None:
    """After signing in: let the feature use what was carried. Returns where to go next, or None."""
    if carried is None:
        return None
    return carried.carrier.apply(user, carried.args, MultiDict(carried.fields))
