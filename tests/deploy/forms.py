"""Fill in and send Heard's forms as a browser would, over real HTTP: every hidden field
(the CSRF token, a draft's version) is sent back as the page gave it."""
from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action", ""), "method": (attrs.get("method") or "get").lower(), "fields": [], "radios": {}})
        elif not self.forms:
            return
        elif tag == "input" and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            if kind in ("radio", "checkbox"):
                self.forms[-1]["radios"].setdefault(attrs["name"], []).append(attrs.get("value", "on"))
                if "checked" in attrs:
                    self.forms[-1]["fields"].append((attrs["name"], attrs.get("value", "on")))
            elif kind not in ("submit", "button", "image", "file"):
                self.forms[-1]["fields"].append((attrs["name"], attrs.get("value", "")))
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = [attrs["name"], ""]
        elif tag == "button" and attrs.get("name") and attrs.get("value"):
            self.forms[-1].setdefault("buttons", []).append((attrs["name"], attrs["value"]))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None and self.forms:
            self.forms[-1]["fields"].append(tuple(self._textarea))
            self._textarea = None


def forms_of(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def form_with(html: str, field: str) -> dict:
    """The first form that has a field (or radio group) of this name."""
    for form in forms_of(html):
        names = {name for name, _ in form["fields"]} | set(form["radios"])
        if field in names:
            return form
    raise AssertionError(f"no form with a field {field!r} on the page")


def submit(session, page_url: str, html: str, field: str, values: dict, **kwargs):
    """Send the form holding `field`, with `values` replacing what the page filled in."""
    form = form_with(html, field)
    data = [(name, value) for name, value in form["fields"] if name not in values]
    for name, value in values.items():
        data.extend((name, v) for v in (value if isinstance(value, list) else [value]))
    # Heard's referrer policy is same-origin, so a browser names the page a form came from.
    headers = {"Referer": page_url, **kwargs.pop("headers", {})}
    return session.post(urljoin(page_url, form["action"] or page_url), data=data, headers=headers, **kwargs)
