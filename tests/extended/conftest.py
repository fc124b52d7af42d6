"""The extended run builds its own small tree instead of loading the three-language seeds."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from pytest_django.fixtures import django_db_setup  # noqa: F401 - the plain set-up, no seeds
from wagtail.models import Collection, Locale, Page, Site

from content.models import HomePage, ThemePage
from core.languages import default_language, language_codes

from .probe.models import ProbeNote, ProbePage


def per_language(text):
    return {code: f"{text} {code}" for code in language_codes()}


def translated_kwargs(name, values):
    """The field in every language, and its base column in the default language."""
    return {name: values[default_language()]} | {
        f"{name}_{code}": value for code, value in values.items()
    }


@pytest.fixture
def tree(db):
    """Home, a theme page and a probe page, each titled and slugged in every language."""
    with translation.override(default_language()):
        return _build_tree()


def _build_tree():
    Locale.objects.get_or_create(language_code="fr")
    Collection.add_root(name="Root")
    root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
    home = root.add_child(
        instance=HomePage(slug="home", **translated_kwargs("title", per_language("Home")))
    )
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    theme = home.add_child(
        instance=ThemePage(
            section="ageing",
            **translated_kwargs("title", per_language("Ageing")),
            **translated_kwargs("slug", {code: f"ageing-{code}" for code in language_codes()}),
        )
    )
    probe = ProbePage(
        **translated_kwargs("title", per_language("Probe")),
        **translated_kwargs("slug", {code: f"probe-{code}" for code in language_codes()}),
        **translated_kwargs("tagline", per_language("Tagline")),
    )
    probe.notes = [ProbeNote(**translated_kwargs("caption", per_language("Caption")))]
    home.add_child(instance=probe)
    for page in (home, theme, probe):
        page.save_revision().publish()
    return {"home": home, "theme": theme, "probe": ProbePage.objects.get(pk=probe.pk)}


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw-admin-long")
    client.force_login(user)
    return client
