"""Everything a visitor reads on a page, in its language, is in that page's search entry.

Built from small pages made here (not saved), one block kind at a time.
"""

import datetime
import json

import pytest
from wagtail.models import Page

from content.models import (
    DataSeries,
    KeyFiguresPage,
    PublicationPage,
    SourceCitation,
    ThemePage,
    TimelineEvent,
    TimelinePage,
)
from core.languages import language_codes
from search.text import page_text

pytestmark = pytest.mark.django_db

BLOCKS = {
    "heading": {"text": "WORD", "level": "h2"},
    "paragraph": "<p>Some <b>WORD</b> here</p>",
    "key_figure": {"value": "4.5", "unit": "%", "label": "WORD", "year": "2023", "source": "x"},
    "testimonial": {"quote": "WORD said", "attribution": "a mother"},
    "callout": {"title": "Title", "text": "<p>WORD</p>"},
    "service_links": {
        "heading": "Services",
        "services": [{"name": "WORD", "url": "https://example.org/", "description": "d"}],
    },
    "image": {"image": None, "alt_text": "WORD", "decorative": False, "caption": ""},
    "table": {
        "data": [["Year", "Count"], ["2023", "WORD"]],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "",
    },
}


def theme_with(block_type, value):
    """A theme page whose body holds one block, with a different word in each language."""
    page = ThemePage()
    stream_block = ThemePage._meta.get_field("body").stream_block
    for code in language_codes():
        raw = json.loads(json.dumps(value).replace("WORD", f"zebra{code}"))
        setattr(page, f"title_{code}", f"Title {code}")
        setattr(page, f"body_{code}", stream_block.to_python([{"type": block_type, "value": raw}]))
    return page


@pytest.mark.parametrize("block_type", sorted(BLOCKS))
def test_every_block_kind_gives_its_text_in_its_own_language(block_type):
    page = theme_with(block_type, BLOCKS[block_type])
    for code in language_codes():
        text = page_text(page, code)
        searchable = f"{text.lead_text}\n{text.body_text}"
        assert f"zebra{code}" in searchable
        others = [other for other in language_codes() if other != code]
        assert not any(f"zebra{other}" in searchable for other in others)


def test_a_summary_in_another_language_is_left_out():
    page = theme_with("summary", {"language": "ru", "heading": "WORD", "text": "WORD"})
    for code in language_codes():
        text = page_text(page, code)
        assert "zebra" not in text.lead_text + text.body_text


def test_headings_rank_with_the_introduction():
    page = theme_with("heading", BLOCKS["heading"])
    assert "zebrafr" in page_text(page, "fr").lead_text


def test_timeline_events_are_searchable_in_their_language():
    page = TimelinePage(title_fr="Histoire", title_nl="Geschiedenis", title_en="History")
    page.events = [
        TimelineEvent(
            date=datetime.date(1944, 12, 28),
            era_fr="Guerre",
            era_nl="Oorlog",
            era_en="War",
            headline_fr="Pacte social",
            headline_nl="Sociaal Pact",
            headline_en="Social Pact",
            text_fr="Achille Van Acker",
            text_nl="Achille Van Acker",
            text_en="Achille Van Acker signs",
        )
    ]
    english = page_text(page, "en").body_text
    assert "Social Pact" in english and "Van Acker signs" in english and "War" in english
    assert "Sociaal Pact" in page_text(page, "nl").body_text


def test_data_series_titles_labels_and_notes_are_searchable():
    page = KeyFiguresPage(title_fr="Chiffres", title_nl="Cijfers", title_en="Figures")
    page.series = [
        DataSeries(
            key="k",
            data="2023;1",
            **{f"title_{c}": f"serieztitle{c}" for c in language_codes()},
            **{f"description_{c}": f"desc{c}" for c in language_codes()},
            **{f"unit_{c}": f"unit{c}" for c in language_codes()},
            **{f"label_heading_{c}": f"labelz{c}" for c in language_codes()},
            **{f"note_{c}": f"notez{c}" for c in language_codes()},
        )
    ]
    for code in language_codes():
        body = page_text(page, code).body_text
        for word in ("serieztitle", "labelz", "notez"):
            assert f"{word}{code}" in body


def test_citations_give_the_publication_title_and_the_detail():
    publication = PublicationPage(**{f"title_{c}": f"Rapport{c}" for c in language_codes()})
    page = ThemePage(**{f"title_{c}": f"Theme {c}" for c in language_codes()})
    page.source_citations = [
        SourceCitation(
            publication=publication, **{f"detail_{c}": f"chapitre{c}" for c in language_codes()}
        )
    ]
    for code in language_codes():
        body = page_text(page, code).body_text
        assert f"Rapport{code}" in body and f"chapitre{code}" in body


def test_a_page_without_a_title_in_a_language_has_no_text_there():
    page = ThemePage(title_fr="Seulement en français")
    assert page_text(page, "fr") is not None
    assert page_text(page, "nl") is None


@pytest.mark.parametrize("slug_en", ["glossary", "who-does-what"])
def test_glossary_terms_and_directory_entries_are_reference_text(slug_en):
    # They rank below the body (weight D on PostgreSQL, last on SQLite): the glossary and the
    # directory name "chômage" in passing; the labour-market page is about it.
    page = Page.objects.get(slug_en=slug_en).specific
    text = page_text(page, "fr")
    assert "chômage" in text.reference_text
    assert "chômage" not in text.lead_text + text.body_text


@pytest.mark.parametrize(
    "slug_en, entry", [("glossary", "tijdelijke werkloosheid"), ("who-does-what", "RVA")]
)
def test_entry_anchors_and_see_also_addresses_are_not_searched_or_shown(slug_en, entry):
    # "/fr/qui-fait-quoi/#onem-rva" and "onem-rva" are addresses, not words: a search excerpt
    # showed them to visitors.
    page = Page.objects.get(slug_en=slug_en).specific
    for language in language_codes():
        text = page_text(page, language)
        everything = text.lead_text + text.body_text + text.reference_text
        assert "#" not in everything and "onem-rva" not in everything, language
        assert entry in everything, language  # the entry itself still is
