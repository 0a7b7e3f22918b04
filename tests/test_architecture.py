"""The shape the code keeps: routes stay thin, and councils are kept apart in one place.

These read the source, so a new query in a route or a new hand-written council filter fails here
with where it is, before it can grow into a second way of doing what the tenancy hook does."""
import re
from collections import Counter
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"


def _source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _route_modules() -> list[Path]:
    """Every module that declares a page: `routes.py`, `*_routes.py`, and any other with a route."""
    return sorted(p for p in APP.rglob("*.py") if p.name == "routes.py" or p.name.endswith("_routes.py") or ".route(" in _source(p))


def _name(path: Path) -> str:
    return path.relative_to(APP.parent).as_posix()


def test_no_route_module_queries_the_database_itself():
    """Queries live in the feature's service, where they can be tested without a request."""
    found = [f"{_name(p)}:{n}" for p in _route_modules() for n, line in enumerate(_source(p).splitlines(), 1) if "select(" in line]
    assert found == []


def test_route_modules_leave_the_audit_log_to_services():
    """What is logged is a rule (every staff read of a child's words is), so it lives in the
    service that does the thing: reading a review, an alert or a record is one call that loads,
    authorises and logs."""
    found = [f"{_name(p)}:{n}" for p in _route_modules() for n, line in enumerate(_source(p).splitlines(), 1) if "audit.record" in line]
    assert found == []


# `authority_id ==` where the tenancy hook does not apply, so it must stay: each says why.
KEPT_COMPARISONS = {
    # The hook itself, and `visible()`.
    "app/tenancy.py": 3,
    # Screening and alerting run for the author's council from pages bound to none, or to the
    # reader's: these statements opt out of the hook (`execution_options=ALL`) and name the council.
    "app/moderation/service.py": 9,
    # Comparisons of two rows' councils, not filters.
    "app/reviews/service.py": 2,
    "app/surveys/routes.py": 3,
    "app/surveys/results.py": 1,
}


def test_no_hand_written_council_filter_where_the_hook_applies():
    """Every query is kept to the bound council by the hook in app/tenancy.py; a function given a
    council says so with `@for_council`. A new `Model.authority_id == ...` in a query is a second
    mechanism that can drift from the first."""
    filters = Counter()
    for path in APP.rglob("*.py"):
        for line in _source(path).splitlines():
            if re.search(r"\bauthority_id\s*==", line) and not line.lstrip().startswith("#"):
                filters[_name(path)] += 1
    grown = {name: n for name, n in filters.items() if n > KEPT_COMPARISONS.get(name, 0)}
    assert grown == {}, "drop the filter: the tenancy hook already keeps queries to the bound council"
