"""i18n sits below auth: auth's forms and sign-in use the languages, so i18n must not import auth."""
from __future__ import annotations

import ast
from pathlib import Path

I18N = Path(__file__).resolve().parents[2] / "app" / "i18n"


def _runtime_imports(tree: ast.Module) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []  # names for annotations only: never imported when the app runs
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found.append("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


def test_i18n_does_not_import_auth():
    importing_auth = {
        path.name: module
        for path in I18N.glob("*.py")
        for module in _runtime_imports(ast.parse(path.read_text()))
        if module in ("..auth", "app.auth") or module.startswith(("..auth.", "app.auth."))
    }
    assert importing_auth == {}
