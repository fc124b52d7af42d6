"""Page types: where editors may create them, and how each renders in each language."""

import re

import pytest
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts.testing import TwoFactorClient
from content.models import (
    FormPage,
    HomePage,
    KeyFiguresPage,
    PublicationIndexPage,
    PublicationPage,
    StandardPage,
    ThemePage,
    TimelineEvent,
    TimelinePage,
)

PAGE_TYPES = [
    HomePage,
    ThemePage,
    TimelinePage,
    KeyFiguresPage,
    PublicationIndexPage,
    PublicationPage,
    StandardPage,
    FormPage,
]


class PageTreeRulesTests(WagtailPageTestCase):
    client_class = TwoFactorClient  # self.login() gives the second factor too

    def test_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {ThemePage, TimelinePage, KeyFiguresPage, PublicationIndexPage, StandardPage, FormPage},
        )

    def test_leaf_pages_have_no_children(self):
        for page_type in (ThemePage, TimelinePage, KeyFiguresPage, PublicationPage, FormPage):
            self.assertAllowedSubpageTypes(page_type, set())

    def test_publications_live_in_the_publication_list(self):
        self.assertAllowedParentPageTypes(PublicationPage, {PublicationIndexPage})
        self.assertAllowedSubpageTypes(PublicationIndexPage, {PublicationPage})

    def test_standard_pages_nest(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertCanNotCreateAt(ThemePage, StandardPage)

    def test_single_instance_pages(self):
        home = HomePage.objects.get()
        # The seed content already has a timeline and a key-figures page.
        self.assertFalse(TimelinePage.can_create_at(home))
        self.assertFalse(KeyFiguresPage.can_create_at(home))
        self.assertTrue(ThemePage.can_create_at(home))

    def test_editor_can_create_a_theme_page_in_three_languages(self):
        self.login()
        home = HomePage.objects.get()
        # One page per magazine section: make room for the section the new page takes.
        ThemePage.objects.get(section="innovation").delete()
        self.assertCanCreate(
            home,
            ThemePage,
            nested_form_data(
                {
                    "section": "innovation",
                    "title_fr": "Pauvreté",
                    "title_nl": "Armoede",
                    "title_en": "Poverty",
                    "slug_fr": "pauvrete",
                    "slug_nl": "armoede",
                    "slug_en": "poverty",
                    "intro_fr": "Intro FR",
                    "intro_nl": "Intro NL",
                    "intro_en": "Intro EN",
                    "body_fr": streamfield([("paragraph", rich_text("<p>Texte</p>"))]),
                    "body_nl": streamfield([("paragraph", rich_text("<p>Tekst</p>"))]),
                    "body_en": streamfield([("paragraph", rich_text("<p>Text</p>"))]),
                    "source_citations": inline_formset([]),
                }
            ),
        )
        page = ThemePage.objects.get(slug_en="poverty")
        with translation.override("nl"):
            self.assertEqual(page.get_url(), "/nl/armoede/")


def pages_of_each_type():
    return [page_type.objects.live().first() for page_type in PAGE_TYPES]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda t: t.__name__)
def test_every_page_type_renders_in_each_language(client, page_type, language):
    page = page_type.objects.live().first()
    assert page is not None, f"the seed content has no {page_type.__name__}"
    with translation.override(language):
        url = page.get_url()
    response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in content
    h1 = re.findall(r"<h1[^>]*>(.*?)</h1>", content, re.S)
    assert len(h1) == 1
    assert h1[0].strip() == escape(getattr(page, f"title_{language}"))
    assert 'class="notice notice--fallback"' not in content


@pytest.mark.django_db
def test_timeline_is_an_ordered_list_with_machine_readable_dates(client):
    page = TimelinePage.objects.get()
    content = client.get("/en/" + page.slug_en + "/").content.decode()
    assert '<ol class="timeline">' in content
    events = list(page.events.order_by("date"))
    assert events, "the timeline has no events"
    for event in events:
        assert f'<time datetime="{event.datetime_attribute}">' in content
    positions = [content.index(f'datetime="{e.datetime_attribute}"') for e in events]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_timeline_event_date_precision():
    import datetime

    event = TimelineEvent(date=datetime.date(1944, 12, 28), precision=TimelineEvent.DAY)
    assert event.datetime_attribute == "1944-12-28"
    event.precision = TimelineEvent.YEAR
    assert event.datetime_attribute == "1944"
    event.precision = TimelineEvent.MONTH
    assert event.datetime_attribute == "1944-12"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_key_figures_have_chart_table_and_csv(client, language):
    page = KeyFiguresPage.objects.get()
    series = page.series.first()
    assert series is not None
    with translation.override(language):
        url = page.get_url()
    content = client.get(url).content.decode()
    assert 'role="img"' in content and "<svg" in content
    assert f'id="chart-{series.key}-desc"' in content
    assert "<table" in content and 'scope="row"' in content
    with translation.override(language):
        csv_url = page.url + page.reverse_subpage("series_csv", kwargs={"key": series.key})
    csv_response = client.get(csv_url)
    assert csv_response.status_code == 200
    assert csv_response["Content-Type"].startswith("text/csv")
    lines = csv_response.content.decode().strip().splitlines()
    assert (
        lines[0]
        == f"{getattr(series, f'label_heading_{language}')},{getattr(series, f'unit_{language}')}"
    )
    assert len(lines) == len(series.points()) + 1
    assert client.get(page.url + "csv/no-such-series/").status_code == 404


@pytest.mark.django_db
def test_data_series_rejects_malformed_data():
    from django.core.exceptions import ValidationError

    from content.models import parse_series_data

    assert parse_series_data("2019;10\n2020; 12.5\n") == [("2019", 10), ("2020", 12.5)]
    for bad in ("2019", "2019;ten", ""):
        with pytest.raises(ValidationError):
            parse_series_data(bad)


@pytest.mark.django_db
def test_publication_lists_the_pages_that_cite_it(client):
    publication = PublicationPage.objects.get(slug_en="wssf-magazine-2019-french-edition")
    citing = publication.citing_pages()
    assert citing.exists()
    with translation.override("en"):
        url = publication.get_url()
    content = client.get(url).content.decode()
    for page in citing:
        assert escape(page.title_en) in content


@pytest.mark.django_db
def test_missing_translation_falls_back_with_its_language_and_a_notice(client):
    theme = ThemePage.objects.get(slug_en="ageing")
    theme.intro_nl = ""
    theme.save()
    content = client.get("/nl/vergrijzing/").content.decode()
    assert '<html lang="nl">' in content
    assert f'<p class="intro" lang="fr">{escape(theme.intro_fr)}' in content
    assert "Een deel van deze pagina is nog niet naar het Nederlands vertaald" in content
    assert '<span lang="fr">français</span>' in content
    # The French page itself shows no notice.
    assert "notice--fallback" not in client.get("/fr/vieillissement/").content.decode()


@pytest.mark.django_db
def test_feedback_form_keeps_what_was_typed_and_stores_submissions(client):
    from wagtail.contrib.forms.models import FormSubmission

    form_page = FormPage.objects.get()
    fields = list(form_page.form_fields.all())
    assert fields
    with translation.override("en"):
        url = form_page.get_url()
    required = [f for f in fields if f.required]
    optional_text = next(
        (f for f in fields if not f.required and f.field_type == "singleline"), None
    )
    data = {}
    if optional_text:
        data[optional_text.clean_name] = "kept text"
    response = client.post(url, data)
    content = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in content and 'aria-invalid="true"' in content
    if optional_text:
        assert 'value="kept text"' in content
    for field in fields:
        if field.field_type in ("singleline", "multiline", "email"):
            data[field.clean_name] = (
                "someone@example.org" if field.field_type == "email" else "Hello"
            )
        elif field.field_type in ("radio", "dropdown"):
            data[field.clean_name] = field.choices.split(",")[0].strip()
    response = client.post(url, data)
    assert response.status_code == 200
    assert FormSubmission.objects.filter(page=form_page).count() == 1
    assert required


@pytest.mark.django_db
def test_editors_see_feedback_submissions_in_the_admin(client):
    from django.contrib.auth import get_user_model
    from wagtail.contrib.forms.models import FormSubmission

    form_page = FormPage.objects.get()
    message_field = form_page.form_fields.filter(field_type="multiline").first()
    FormSubmission.objects.create(
        page=form_page, form_data={message_field.clean_name: "Een drempel gevonden"}
    )
    editor = get_user_model().objects.create_superuser("redactie", password="x" * 16)
    client.force_login(editor)
    listing = client.get(f"/admin/forms/submissions/{form_page.pk}/")
    assert listing.status_code == 200
    assert "Een drempel gevonden" in listing.content.decode()
