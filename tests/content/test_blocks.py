"""Every StreamField block renders through its own template, with what it needs to be accessible."""

import pytest
from django.utils import translation

from content import blocks
from content.models import ThemePage


def render(block, value):
    return block.render(block.to_python(value))


def test_every_block_has_a_description_and_a_template():
    for name, block in blocks.BodyBlock().child_blocks.items():
        assert block.meta.description, name
        assert block.meta.template, name


def test_heading():
    html = render(blocks.HeadingBlock(), {"text": "Solidarité", "level": "h3"})
    assert html.strip() == '<h3 class="block-heading">Solidarité</h3>'


def test_paragraph_keeps_rich_text():
    html = render(blocks.ParagraphBlock(), "<p>Un <b>fait</b></p>")
    assert "<b>fait</b>" in html


@pytest.mark.parametrize(
    "language, expected", [("fr", "1 463 102"), ("nl", "1.463.102"), ("en", "1,463,102")]
)
def test_key_figure_uses_the_language_number_notation(language, expected):
    value = {
        "value": "1463102",
        "unit": "",
        "label": "people",
        "year": "1999–2018",
        "source": "WSSF",
    }
    with translation.override(language):
        html = render(blocks.KeyFigureBlock(), value)
    assert expected.replace(" ", "\xa0") in html or expected in html
    assert "(1999–2018)" in html and "WSSF" in html


def test_key_figure_keeps_meaningful_decimals():
    value = {"value": "0.268", "unit": "", "label": "Gini", "year": "2019", "source": "WSSF"}
    with translation.override("fr"):
        assert "0,268" in render(blocks.KeyFigureBlock(), value)


def test_testimonial_is_a_quotation_with_attribution():
    html = render(
        blocks.TestimonialBlock(), {"quote": "Ça sauve des vies.", "attribution": "Un urgentiste"}
    )
    assert "<blockquote>" in html and "<figcaption>Un urgentiste</figcaption>" in html


def test_callout():
    html = render(blocks.CalloutBlock(), {"title": "Bon à savoir", "text": "<p>Une minute.</p>"})
    assert 'class="callout"' in html and "Bon à savoir" in html and "Une minute." in html


def test_service_links():
    value = {
        "heading": "Services",
        "services": [
            {
                "name": "mypension.be",
                "url": "https://www.mypension.be",
                "description": "Votre pension",
            }
        ],
    }
    with translation.override("fr"):  # French typography: a narrow space before the colon
        html = render(blocks.ServiceLinksBlock(), value)
    assert '<a href="https://www.mypension.be">mypension.be</a>\u202f: Votre pension' in html
    with translation.override("nl"):
        html = render(blocks.ServiceLinksBlock(), value)
    assert '<a href="https://www.mypension.be">mypension.be</a>: Votre pension' in html


def test_table_has_caption_and_header_cells():
    value = {
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "Interruptions de carrière",
        "data": [["Année", "Personnes"], ["1999", "115168"]],
    }
    html = render(blocks.TableBlock(), value)
    assert "<caption>Interruptions de carrière</caption>" in html
    assert '<th scope="col"' in html and "115168" in html


@pytest.mark.parametrize("code, direction", [("ru", "ltr"), ("ar", "rtl"), ("zh-hans", "ltr")])
def test_summary_is_marked_with_its_language_and_direction(code, direction):
    with translation.override("nl"):
        html = render(blocks.SummaryBlock(), {"language": code, "heading": "H", "text": "T"})
    assert f'<div lang="{code}" dir="{direction}">' in html
    assert "Samenvatting in een andere taal" in html


def test_image_requires_alt_text_unless_decorative():
    from django.core.exceptions import ValidationError

    block = blocks.ImageBlock()
    with pytest.raises(ValidationError):
        block.clean(
            block.to_python({"image": None, "alt_text": "", "decorative": False, "caption": ""})
        )


@pytest.mark.django_db
def test_image_renders_its_translated_alt_text():
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="chart", file=get_test_image_file())
    block = blocks.ImageBlock()
    html = render(
        block, {"image": image.pk, "alt_text": "Un graphique", "decorative": False, "caption": ""}
    )
    assert 'alt="Un graphique"' in html
    html = render(block, {"image": image.pk, "alt_text": "", "decorative": True, "caption": ""})
    assert 'alt=""' in html


@pytest.mark.django_db
def test_related_pages_link_live_pages_only():
    theme = ThemePage.objects.live().first()
    block = blocks.RelatedPagesBlock()
    with translation.override("en"):
        html = render(block, {"heading": "See also", "pages": [theme.pk]})
        assert f'href="{theme.url}"' in html
        theme.unpublish()
        html = render(block, {"heading": "See also", "pages": [theme.pk]})
    assert "<li>" not in html
