"""Language of parts (WCAG 3.1.2): a phrase in another language carries its own `lang`, in rich
text (the editor's "language of this phrase" buttons), in a source line and in a table cell."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.rich_text import features as feature_registry

from content.blocks import RICH_TEXT_FEATURES, TableBlock
from content.models import ThemePage
from core.languages import language_codes

pytestmark = pytest.mark.django_db


def test_the_editor_offers_one_language_button_per_language_of_the_site():
    for code in language_codes():
        assert f"lang-{code}" in RICH_TEXT_FEATURES
        plugin = feature_registry.get_editor_plugin("draftail", f"lang-{code}")
        assert plugin is not None and plugin.data["label"] == code.upper()
        with translation.override("nl"):
            assert "Taal van deze woordgroep" in str(plugin.data["description"])


def without_block_keys(html):
    return re.sub(r' data-block-key="[^"]*"', "", html)


def test_a_marked_phrase_survives_the_editor_round_trip():
    """Database HTML → the editor's content state → database HTML, as every save does."""
    converter = ContentstateConverter(features=RICH_TEXT_FEATURES)
    html = (
        '<p>Het hoofdstuk <span lang="fr">La protection sociale est notre ADN</span> zegt het.</p>'
    )
    state = converter.from_database_format(html)
    assert '"style": "LANG_FR"' in state.replace("'", '"') or "LANG_FR" in state
    assert without_block_keys(converter.to_database_format(state)) == html


def test_an_unknown_language_or_other_markup_is_not_kept_by_the_editor():
    converter = ContentstateConverter(features=RICH_TEXT_FEATURES)
    html = '<p>Een <span lang="xx">woord</span> en <span style="color:red">rood</span>.</p>'
    assert without_block_keys(
        converter.to_database_format(converter.from_database_format(html))
    ) == ("<p>Een woord en rood.</p>")


def render(source, **context):
    return Template("{% load portal_tags %}" + source).render(Context(context))


def test_a_source_line_keeps_its_language_marks_and_escapes_everything_else():
    detail = "Hoofdstuk ‘<span lang=\"fr\">L'âge n'est pas synonyme d'exclusion</span>’"
    html = render("{{ detail|lang_phrases }}", detail=detail)
    assert (
        html
        == 'Hoofdstuk ‘<span lang="fr">L&#x27;âge n&#x27;est pas synonyme d&#x27;exclusion</span>’'
    )
    hostile = '<script>alert(1)</script><span lang="fr" onclick="x()">a</span><b>b</b>'
    html = render("{{ detail|lang_phrases }}", detail=hostile)
    assert "<script>" not in html and "<b>" not in html and 'onclick="x' not in html
    assert "&lt;script&gt;" in html


def test_a_table_cell_may_mark_a_phrase_in_another_language():
    block = TableBlock()
    value = block.to_python(
        {
            "data": [["Franse uitgave", 'Titel ‘<span lang="fr">Tout pour la société</span>’']],
            "first_row_is_table_header": False,
            "first_col_is_header": True,
            "table_caption": "Verschillen",
        }
    )
    html = block.render(value)
    assert '<span lang="fr">Tout pour la société</span>' in html
    assert '<th scope="row"' in html


def test_seeded_source_lines_mark_the_chapter_titles_they_quote(client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    ageing = ThemePage.objects.get(section="ageing")
    with translation.override("nl"):
        html = client.get(ageing.get_url()).content.decode()
    assert '<span lang="fr">L&#x27;âge n&#x27;est pas synonyme d&#x27;exclusion</span>' in html
    assert '<span lang="en">Ageing population – Old is not out</span>' in html


def test_no_page_shows_a_language_mark_as_text(client, settings):
    """Every <span lang> of the seeds, in rich text, plain paragraphs, source lines or table
    cells, becomes markup: none is shown escaped, as text a visitor would read."""
    from wagtail.models import Page

    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    marked = 0
    for page in Page.objects.live().filter(depth__gt=1).specific():
        for language in language_codes():
            with translation.override(language):
                html = client.get(page.get_url()).content.decode()
            assert "&lt;span lang=" not in html, (page, language)
            marked += html.count("<span lang=")
    assert marked > 100


def test_a_plain_seed_paragraph_keeps_its_language_marks():
    from seed.loader import plain_with_links

    html = plain_with_links('« <span lang="en">Tree of trust</span> » <b>x</b> & [FAQ](/fr/faq/)')
    assert html == (
        '« <span lang="en">Tree of trust</span> » &lt;b&gt;x&lt;/b&gt; &amp; '
        '<a href="/fr/faq/">FAQ</a>'
    )
