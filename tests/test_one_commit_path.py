"""One rule error and one commit path, checked on the source: services raise `RuleBroken` (no
feature keeps an error class of its own), and route modules neither catch it nor commit by hand:
they run their unit of work inside `applying(...)`, which does both."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"
ERRORS = APP / "errors.py"


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _modules() -> list[Path]:
    return sorted(p for p in APP.rglob("*.py") if "__pycache__" not in p.parts)


def _is_route_module(tree: ast.Module) -> bool:
    """A module that declares views (a function decorated with `<blueprint>.route(...)`, `.get`
    or `.post`), or builds part of a view's answer (it flashes messages)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "flask" and any(a.name == "flash" for a in node.names):
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                call = decorator.func if isinstance(decorator, ast.Call) else decorator
                if isinstance(call, ast.Attribute) and call.attr in ("route", "get", "post"):
                    return True
    return False


ROUTE_MODULES = [p for p in _modules() if p != ERRORS and _is_route_module(_tree(p))]


def _name(path: Path) -> str:
    return str(path.relative_to(APP.parent))


def _app_names(tree: ast.Module) -> set[str]:
    """Names bound by relative imports: the app's own modules and what they export."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def _caught(handler: ast.ExceptHandler) -> list[ast.expr]:
    if handler.type is None:
        return []
    return list(handler.type.elts) if isinstance(handler.type, ast.Tuple) else [handler.type]


def _is_app_error(expr: ast.expr, own: set[str]) -> bool:
    """`RuleBroken`, `service.PledgeError`, or any exception named from the app itself."""
    if isinstance(expr, ast.Name):
        return expr.id == "RuleBroken" or expr.id in own
    if isinstance(expr, ast.Attribute):
        root = expr
        while isinstance(root, ast.Attribute):
            root = root.value
        return expr.attr == "RuleBroken" or (isinstance(root, ast.Name) and root.id in own)
    return False


def test_route_modules_are_found():
    names = {_name(p) for p in ROUTE_MODULES}
    assert {"app/council/routes.py", "app/council/manage.py", "app/pledges/routes.py", "app/reviews/routes.py", "app/auth/account.py"} <= names


def test_no_feature_keeps_an_error_class_of_its_own():
    found = []
    for path in _modules():
        if path == ERRORS:
            continue
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ClassDef):
                bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
                if "RuleBroken" in bases or (node.name.endswith("Error") and "Exception" in bases):
                    found.append(f"{_name(path)}:{node.lineno} {node.name}")
    assert found == [], "services raise app.errors.RuleBroken itself"


@pytest.mark.parametrize("path", ROUTE_MODULES, ids=_name)
def test_a_route_module_leaves_broken_rules_to_applying(path):
    tree = _tree(path)
    own = _app_names(tree)
    caught = [
        f"{_name(path)}:{handler.lineno} except {ast.unparse(expr)}"
        for handler in ast.walk(tree) if isinstance(handler, ast.ExceptHandler)
        for expr in _caught(handler) if _is_app_error(expr, own)
    ]
    assert caught == [], "run the service call inside `with applying(form) as outcome:` instead"


def _commits(tree: ast.Module) -> list[int]:
    return [
        node.lineno for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "commit"
        and ast.unparse(node.func.value) == "db.session"
    ]


@pytest.mark.parametrize("path", ROUTE_MODULES, ids=_name)
def test_a_route_module_commits_only_through_applying(path):
    lines = _commits(_tree(path))
    assert lines == [], f"{_name(path)} commits by hand at lines {lines}: use `with applying(...)`"
