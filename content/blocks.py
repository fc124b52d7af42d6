"""The StreamField vocabulary shared by every page type. Each block renders through its own
template in templates/blocks/, and carries a description and a preview for editors."""

from django.conf.locale import LANG_INFO
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.images.blocks import ImageChooserBlock

from core.languages import language_codes

from .reference_blocks import GlossaryBlock, InstitutionBlock

# "lang-fr", "lang-nl"…: mark a phrase in another language (WCAG 3.1.2), one per language of the
# site; the editorial app gives each its button in the editor (editorial/rich_text.py).
LANGUAGE_OF_PARTS_FEATURES = [f"lang-{code}" for code in language_codes()]
RICH_TEXT_FEATURES = [
    "bold",
    "italic",
    "link",
    "document-link",
    "ol",
    "ul",
    *LANGUAGE_OF_PARTS_FEATURES,
]


def summary_language_choices():
    """Every language Django knows by name, for summaries in languages the portal doesn't serve,
    named in the editor's language ("Russisch (ru)")."""
    return sorted(
        (
            (code, f"{info['name_translated']} ({code})")
            for code, info in ((code, get_language_info(code)) for code in LANG_INFO)
            if "name" in LANG_INFO[code]
        ),
        key=lambda choice: choice[1].casefold(),
    )


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading (h2)")), ("h3", _("Sub-heading (h3)"))],
        default="h2",
        help_text=_("Use h2 for a section, h3 only inside a section that has an h2."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        label = _("Heading")
        description = _("A heading that starts a new section of the page.")
        preview_value = {"text": "Solidarity between generations", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph.html"
        label = _("Paragraph")
        description = _("Running text with bold, italic, links and lists.")
        preview_value = (
            "<p>Belgian social security rests on solidarity: between people in work and "
            "out of work, young and old, healthy and sick.</p>"
        )


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.DecimalBlock(label=_("Value"), decimal_places=4, max_digits=20)
    unit = blocks.CharBlock(
        label=_("Unit"),
        required=False,
        max_length=40,
        help_text=_(
            "Written after the value, e.g. “%”, “€”, “million €”. Leave empty for a count."
        ),
    )
    label = blocks.CharBlock(
        label=_("What it counts"), max_length=200, help_text=_("e.g. “people took a career break”.")
    )
    year = blocks.CharBlock(
        label=_("Year or period"), max_length=20, help_text=_("e.g. “2023” or “1999–2018”.")
    )
    source = blocks.CharBlock(
        label=_("Source"), max_length=200, help_text=_("The publication the figure comes from.")
    )

    class Meta:
        icon = "order"
        template = "blocks/key_figure.html"
        label = _("Key figure")
        description = _("One striking number with its unit, year and source.")
        preview_value = {
            "value": "0.268",
            "unit": "",
            "label": "Gini coefficient of income inequality",
            "year": "2019",
            "source": "World Social Security Forum magazine, 2019",
        }


class TestimonialBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(
        label=_("Who says it"),
        max_length=200,
        help_text=_(
            "Describe the person by role (“a self-employed mother”); never a private name."
        ),
    )

    class Meta:
        icon = "openquote"
        template = "blocks/testimonial.html"
        label = _("Testimonial")
        description = _("A citizen's or professional's own experience, as a quotation.")
        preview_value = {
            "quote": "I checked straight away what going self-employed would mean for my pension.",
            "attribution": "A worker after a 30-year career",
        }


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "blocks/callout.html"
        label = _("Callout")
        description = _("A highlighted box for a point readers must not miss.")
        preview_value = {
            "title": "Declaring a new employee?",
            "text": "<p>It takes one minute online.</p>",
        }


class ServiceLinkBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Service name"), max_length=120)
    url = blocks.URLBlock(label=_("Web address"))
    description = blocks.CharBlock(label=_("What it does"), max_length=300)

    class Meta:
        icon = "link"
        label = _("Service")


class ServiceLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    services = blocks.ListBlock(ServiceLinkBlock(), label=_("Services"))

    class Meta:
        icon = "list-ul"
        template = "blocks/service_links.html"
        label = _("Service links")
        description = _("Online services citizens can use, each with what it does.")
        preview_value = {
            "heading": "Online services",
            "services": [
                {
                    "name": "mypension.be",
                    "url": "https://www.mypension.be",
                    "description": "See your pension rights from your first job.",
                }
            ],
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_(
            "What the image shows, for people who cannot see it. Required unless the image "
            "is marked decorative."
        ),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative only"),
        required=False,
        help_text=_(
            "Tick only if the image adds no information; it will be hidden from screen readers."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks.struct_block import StructBlockValidationError

        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(_("Describe the image, or mark it as decorative."))
                }
            )
        return value

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Image")
        description = _("An image with alternative text in this page's language.")


class TableBlock(WagtailTableBlock):
    """A data table. Editors fill in its caption and tick "first row is header"."""

    def __init__(self, **kwargs):
        # Wagtail passes the active language ("fr") to Handsontable, which knows only its own
        # codes ("fr-FR") and whose language packs Wagtail does not ship: every table in the
        # editor logged "Language with code "fr" was not found". Its built-in English is the one
        # it has (docs/editors.md says so).
        super().__init__(
            table_options={
                "startRows": 3,
                "startCols": 2,
                "contextMenu": True,
                "language": "en-US",
            },
            **kwargs,
        )

    class Meta:
        icon = "table"
        template = "blocks/table.html"
        label = _("Table")
        description = _("A data table. Give it a caption and tick “Row header” for the first row.")
        preview_value = {
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Career breaks",
            "data": [["Year", "People"], ["1999", "115168"], ["2018", "392188"]],
        }


class SummaryBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(
        label=_("Language of the summary"),
        choices=summary_language_choices,
        help_text=_("The summary is marked with this language so screen readers pronounce it."),
    )
    heading = blocks.CharBlock(label=_("Heading, in that language"), max_length=200)
    text = blocks.TextBlock(label=_("Summary, in that language"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        info = get_language_info(value["language"])
        context["language_name"] = info["name_translated"]
        context["direction"] = "rtl" if info["bidi"] else "ltr"
        return context

    class Meta:
        icon = "globe"
        template = "blocks/summary.html"
        label = _("Summary in another language")
        description = _("A short summary for readers of another language, e.g. Russian or Arabic.")
        preview_value = {
            "language": "ru",
            "heading": "Равенство",
            "text": "Социальное обеспечение смягчает экономические колебания.",
        }


class RelatedPagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    pages = blocks.ListBlock(blocks.PageChooserBlock(label=_("Page")), label=_("Pages"))

    class Meta:
        icon = "doc-full"
        template = "blocks/related_pages.html"
        label = _("Related pages")
        description = _("Links to other pages of the portal on the same subject.")


class OperatorBlock(blocks.StaticBlock):
    """Who runs the portal and how to reach them: from the deployment's settings
    (PORTAL_OPERATOR_*), since the sources do not say. A notice stands in until they are set."""

    class Meta:
        icon = "site"
        template = "blocks/operator.html"
        label = _("Operator of the portal")
        description = _("Who runs this portal and how to reach them, from the site's settings.")
        admin_text = _(
            "Shows who runs this portal and how to reach them, from the deployment's settings "
            "(PORTAL_OPERATOR_NAME_FR, _NL, _EN, PORTAL_OPERATOR_URL, PORTAL_OPERATOR_EMAIL). "
            "Until they are set, a notice says so."
        )


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    key_figure = KeyFigureBlock()
    testimonial = TestimonialBlock()
    callout = CalloutBlock()
    service_links = ServiceLinksBlock()
    image = ImageBlock()
    table = TableBlock()
    summary = SummaryBlock()
    related_pages = RelatedPagesBlock()
    operator = OperatorBlock()
    institution = InstitutionBlock()
    glossary = GlossaryBlock()
