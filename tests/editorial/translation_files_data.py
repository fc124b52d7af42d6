"""A page with every kind of block and inline markup, for the translation-file tests."""

import copy
import xml.etree.ElementTree as ET

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from content.models import HomePage, StandardPage
from editorial.translation_files.xliff import NS

X = f"{{{NS}}}"

LINK_TO_PAGE = '<a linktype="page" id="{home}">'

FRENCH_PARAGRAPH = (
    '<p>La <b>sécurité</b> sociale, <i>voir</i> <a href="https://www.socialsecurity.be/">le '
    "<b>portail</b></a>.<br/>Suite &amp; fin.</p><ul><li>Premier point</li><li>Second "
    '<a linktype="page" id="{home}">point</a></li></ul>'
)


def every_block_body(home_id, image_id):
    return [
        {
            "type": "heading",
            "value": {"text": "Un titre de section", "level": "h2"},
            "id": "b-heading",
        },
        {"type": "paragraph", "value": FRENCH_PARAGRAPH.format(home=home_id), "id": "b-paragraph"},
        {
            "type": "key_figure",
            "value": {
                "value": "0.268",
                "unit": "%",
                "label": "Coefficient de Gini",
                "year": "2019",
                "source": "Le magazine du forum",
            },
            "id": "b-figure",
        },
        {
            "type": "testimonial",
            "value": {"quote": "J'ai vérifié ma pension.", "attribution": "Une travailleuse"},
            "id": "b-testimonial",
        },
        {
            "type": "callout",
            "value": {"title": "Attention", "text": "<p>Une minute <b>en ligne</b>.</p>"},
            "id": "b-callout",
        },
        {
            "type": "service_links",
            "value": {
                "heading": "Services en ligne",
                "services": [
                    {
                        "type": "item",
                        "value": {
                            "name": "mypension.be",
                            "url": "https://www.mypension.be",
                            "description": "Vos droits à la pension.",
                        },
                        "id": "i-service",
                    }
                ],
            },
            "id": "b-services",
        },
        {
            "type": "image",
            "value": {
                "image": image_id,
                "alt_text": "Un graphique des pensions",
                "decorative": False,
                "caption": "Source : SPF",
            },
            "id": "b-image",
        },
        {
            "type": "table",
            "value": {
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Interruptions de carrière",
                "data": [["Année", "Personnes"], ["1999", "115168"]],
            },
            "id": "b-table",
        },
        {
            "type": "summary",
            "value": {"language": "ru", "heading": "Равенство", "text": "Краткое изложение."},
            "id": "b-summary",
        },
        {
            "type": "related_pages",
            "value": {
                "heading": "À lire aussi",
                "pages": [{"type": "item", "value": home_id, "id": "i-page"}],
            },
            "id": "b-related",
        },
    ]


def make_page(**overrides):
    home = HomePage.objects.get()
    image = get_image_model().objects.create(title="Graphique", file=get_test_image_file())
    fields = {
        "title_fr": "Les pensions",
        "title_nl": "",
        "title_en": "Pensions",
        "slug_fr": "les-pensions",
        "slug_nl": "pensioenen",
        "slug_en": "pensions",
        "intro_fr": "Une introduction.",
        "intro_en": "An introduction.",
        "body_fr": every_block_body(home.pk, image.pk),
        **overrides,
    }
    page = home.add_child(instance=StandardPage(**fields))
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


DUTCH = {
    "Les pensions": "De pensioenen",
    "Une introduction.": "Een inleiding.",
    "Un titre de section": "Een sectietitel",
    "La ": "De ",
    "sécurité": "sociale",
    " sociale, ": " zekerheid, ",
    "voir": "zie",
    "le ": "het ",
    "portail": "portaal",
    "Suite & fin.": "Vervolg & einde.",
    "Premier point": "Eerste punt",
    "Second ": "Tweede ",
    "point": "punt",
    "Coefficient de Gini": "Gini-coëfficiënt",
    "Le magazine du forum": "Het forummagazine",
    "J'ai vérifié ma pension.": "Ik heb mijn pensioen gecontroleerd.",
    "Une travailleuse": "Een werkneemster",
    "Attention": "Opgelet",
    "Une minute ": "Eén minuut ",
    "en ligne": "online",
    "Services en ligne": "Onlinediensten",
    "mypension.be": "mypension.be",
    "Vos droits à la pension.": "Uw pensioenrechten.",
    "Un graphique des pensions": "Een grafiek van de pensioenen",
    "Source : SPF": "Bron: FOD",
    "Interruptions de carrière": "Loopbaanonderbrekingen",
    "Année": "Jaar",
    "Personnes": "Personen",
    "À lire aussi": "Lees ook",
    ".": ".",
}


def dutch(text):
    return DUTCH.get(text, text) if text and text.strip() else text


def translate_xliff(data, change=dutch):
    """What a translator's tool does: a <target> for each <source>, words translated, codes
    kept in place."""
    root = ET.fromstring(data)
    for segment in root.iter(f"{X}segment"):
        source = segment.find(f"{X}source")
        target = segment.find(f"{X}target")
        if target is not None:
            segment.remove(target)
        target = copy.deepcopy(source)
        target.tag = f"{X}target"
        for element in target.iter():
            element.text = change(element.text)
            if element is not target:
                element.tail = change(element.tail)
        segment.append(target)
    ET.register_namespace("", NS)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
