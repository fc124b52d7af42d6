"""The layout keeps its promises (docs/architecture.md): one job per app, dependencies one way.

portal → {seed, editorial, delivery, search, qa, accounts} → content → core. No module of an app imports
an app it may not depend on, none hides an import of ours inside a function (a cycle means the
code is in the wrong app), none is longer than a reader holds at once, and the package install
covers every app.
"""

import ast
import tomllib
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
OUR_APPS = ("core", "content", "search", "editorial", "seed", "delivery", "qa", "accounts")
ALLOWED = {
    "core": set(),
    "content": {"core"},
    "search": {"content", "core"},
    "editorial": {"content", "core"},
    "seed": {"content", "core"},
    "delivery": {"content", "core"},
    "qa": {"content", "core"},
    "accounts": {"content", "core"},
}
MAX_LINES = 460


def modules(app):
    return [
        path
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts and "__pycache__" not in path.parts
    ]


def imported_apps(node):
    """The apps of ours that an import statement names."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        names = [node.module]
    else:
        return set()
    return {name.split(".")[0] for name in names} & {*OUR_APPS, "portal"}


@pytest.mark.parametrize("app", OUR_APPS)
def test_an_app_imports_only_the_apps_below_it(app):
    wrong = []
    for path in modules(app):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for other in imported_apps(node) - ALLOWED[app] - {app}:
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {other}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("app", OUR_APPS)
def test_no_import_of_ours_is_hidden_inside_a_function(app):
    hidden = []
    for path in modules(app):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                is_relative = isinstance(node, ast.ImportFrom) and node.level > 0
                if imported_apps(node) or is_relative:
                    hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    allowed_in_ready = {f"{app}/apps.py"}
    hidden = [place for place in hidden if place.split(":")[0] not in allowed_in_ready]
    assert not hidden, "\n".join(hidden)


@pytest.mark.parametrize("app", (*OUR_APPS, "portal"))
def test_no_module_is_longer_than_a_reader_holds_at_once(app):
    long = [
        f"{path.relative_to(ROOT)}: {lines} lines"
        for path in modules(app)
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    assert not long, "\n".join(long)


def test_portal_is_the_project_only():
    assert "portal" not in settings.INSTALLED_APPS
    assert sorted(path.name for path in (ROOT / "portal").iterdir() if path.suffix == ".py") == [
        "__init__.py",
        "urls.py",
        "wsgi.py",
    ]


def test_qa_is_not_installed_in_production():
    source = (ROOT / "portal" / "settings" / "base.py").read_text(encoding="utf-8")
    production = (ROOT / "portal" / "settings" / "production.py").read_text(encoding="utf-8")
    assert '"qa"' not in source and '"qa"' not in production
    assert "qa" in settings.INSTALLED_APPS  # the test settings add it


def test_the_package_install_covers_every_app():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["build-system"]["build-backend"]
    include = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    assert {pattern.rstrip("*") for pattern in include} == {*OUR_APPS, "portal"}
    apps_on_disk = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps_on_disk == set(OUR_APPS)
