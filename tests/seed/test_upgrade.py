"""Upgrading a database built by the release before the apps were split keeps every row.

The previous release (commit BEFORE_SPLIT, from this repository's history) migrates a fresh
database (PostgreSQL when the suite runs on it, else SQLite), loads the content and publishes
an editor's change; this tree then migrates the same database. The moved models (seed records, translation statuses, search entries) keep their
rows, the editor's change survives, and `load_content` still knows the editor changed that page.
"""

import os
import subprocess
import sys
import tarfile
import uuid
from io import BytesIO

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import test_database_url

BEFORE_SPLIT = "63c494f"
EDITOR_CHANGE = (
    "from content.models import ThemePage\n"
    "page = ThemePage.objects.get(slug_en='ageing')\n"
    "page.title_nl = 'Vergrijzing, door een redacteur'\n"
    "page.save_revision().publish()\n"
)
COUNTS = (
    "from django.db import connection\n"
    "with connection.cursor() as c:\n"
    "    for table in ('content_seedrecord', 'content_translationstatus', 'content_searchentry'):\n"
    "        c.execute(f'SELECT COUNT(*) FROM {table}')\n"
    "        print(table, c.fetchone()[0])\n"
)


def manage(tree, database_url, *args):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": database_url,
        "PORTAL_DEBUG": "0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (
        f"{args} in {tree}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
    )
    return result.stdout


def counts(tree, database):
    lines = manage(tree, database, "shell", "-v", "0", "-c", COUNTS).split("\n")
    return {line.split()[0]: int(line.split()[1]) for line in lines if line.strip()}


@pytest.fixture
def database_url(tmp_path):
    """A new, empty database of the kind the suite runs on (PostgreSQL in CI)."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'portal.sqlite3'}"
        return
    name = f"portal_upgrade_{uuid.uuid4().hex[:8]}"
    server = test_database_url().rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_migrating_a_database_of_the_previous_release_keeps_content_and_editor_changes(
    tmp_path, database_url
):
    archive = subprocess.run(
        ["git", "archive", "--format=tar", BEFORE_SPLIT],
        cwd=settings.BASE_DIR,
        capture_output=True,
        check=True,
    ).stdout
    old_tree = tmp_path / "previous-release"
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(old_tree, filter="data")
    database = database_url

    manage(old_tree, database, "migrate", "--no-input")
    manage(old_tree, database, "load_content", "-v", "0")
    manage(old_tree, database, "shell", "-v", "0", "-c", EDITOR_CHANGE)
    before = counts(old_tree, database)
    assert all(before.values()), before

    manage(settings.BASE_DIR, database, "migrate", "--no-input")
    assert counts(settings.BASE_DIR, database) == before
    check = manage(
        settings.BASE_DIR,
        database,
        "shell",
        "-v",
        "0",
        "-c",
        "from content.models import ThemePage\n"
        "from editorial.models import TranslationStatus\n"
        "from search.models import SearchEntry\n"
        "from seed.models import SeedRecord\n"
        "page = ThemePage.objects.get(slug_en='ageing')\n"
        "print(page.title_nl)\n"
        "print(SeedRecord.objects.get(page=page).key)\n"
        "print(TranslationStatus.objects.filter(page=page).count())\n"
        "print(SearchEntry.objects.get(page=page, language='nl').title)\n",
    ).split("\n")
    assert check[:4] == [
        "Vergrijzing, door een redacteur",
        "theme-ageing",
        str(len(settings.LANGUAGES)),
        "Vergrijzing, door een redacteur",
    ]
    report = manage(settings.BASE_DIR, database, "load_content")
    assert "theme-ageing" in report.split("Skipped because an editor changed them")[-1]
