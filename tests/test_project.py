"""Project-wide guarantees: migrations, translation catalogues, settings."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from qa.catalogues import catalogue_problems, extract_messages


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO(), stderr=StringIO())


def test_catalogues_are_current_complete_and_compiled():
    problems = catalogue_problems()
    assert not problems, "\n".join(problems)


def test_catalogue_check_sees_interface_strings():
    messages = {msgid for _context, msgid in extract_messages()}
    assert "Skip to main content" in messages  # template
    assert "Describe the image, or mark it as decorative." in messages  # Python


def test_catalogue_check_catches_a_stale_catalogue(tmp_path):
    import shutil

    for name in ("portal", "content", "templates", "locale"):
        shutil.copytree(settings.BASE_DIR / name, tmp_path / name)
    template = tmp_path / "templates" / "404.html"
    template.write_text(template.read_text() + '{% translate "A string nobody translated" %}')
    problems = catalogue_problems(tmp_path)
    assert any("A string nobody translated" in problem for problem in problems)


def test_catalogue_check_reads_a_template_however_it_is_indented(tmp_path):
    """makemessages (xgettext) does not mind a template's indentation; neither may the check."""
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "uneven.html").write_text(
        '{% load i18n %}<li>\n      <h3>{% translate "An unevenly indented string" %}</h3>\n'
        "    </li>\n"
    )
    messages = {msgid for _context, msgid in extract_messages(tmp_path)}
    assert "An unevenly indented string" in messages


def test_languages_are_defined_once():
    assert settings.LANGUAGE_CODE == settings.LANGUAGES[0][0]
    assert settings.MODELTRANSLATION_LANGUAGES == tuple(code for code, _ in settings.LANGUAGES)


def _production_check(extra_env):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SECRET_KEY", "DJANGO_SETTINGS_MODULE")
    }
    env.update({"DJANGO_SETTINGS_MODULE": "portal.settings.production", **extra_env})
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _production_check({"ALLOWED_HOSTS": "example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_reads_its_configuration_from_the_environment():
    result = _production_check(
        {
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "example.org",
            "DATABASE_URL": "sqlite:////tmp/x.db",
        }
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_dev_admin_command_refuses_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with the development settings"):
        call_command("ensure_dev_admin", stdout=StringIO())


@pytest.mark.django_db
def test_dev_admin_command_creates_one_admin_with_a_random_password(settings):
    from django.contrib.auth import authenticate, get_user_model

    settings.DEBUG = True
    first, second = StringIO(), StringIO()
    call_command("ensure_dev_admin", stdout=first)
    call_command("ensure_dev_admin", stdout=second)
    password = first.getvalue().split("Password: ")[1].split()[0]
    assert len(password) >= 12
    assert authenticate(username="admin", password=password) is not None
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    assert "Password:" not in second.getvalue()


def test_code_is_linted_and_formatted():
    for command in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *command],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr
