"""What every content page has: an introduction, a body of blocks, and its sources."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.pages import AdminTitleInUserLanguageMixin, LanguagePreviewMixin, TranslatedContentMixin

from ..blocks import BodyBlock


def title_search_fields():
    """Every language's title in Wagtail's own index, so the admin's page search finds a page by
    its Dutch or English title too (the base `title` column holds only the default language)."""
    fields = []
    for code in settings.LANGUAGE_CODES:
        fields += [
            index.SearchField(f"title_{code}", boost=2),
            index.AutocompleteField(f"title_{code}"),
        ]
    return fields


class PortalPage(AdminTitleInUserLanguageMixin, LanguagePreviewMixin, TranslatedContentMixin, Page):
    """What every content page has: an introduction, a body of blocks, and its sources.

    The admin form that requires every language before publishing is attached by the editorial
    app (editorial.forms), which owns the admin; this model knows nothing of it."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_(
            "One or two plain sentences saying what the page is about. Shown under the title."
        ),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    menu_title = models.CharField(
        _("title in menus"),
        max_length=40,
        blank=True,
        help_text=_(
            "A short title for the main menu, so that it fits on one line (for example "
            "“Key figures”). Leave it empty to use the page title."
        ),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_(
            "The day an editor last checked this page against its sources. Shown at the "
            "bottom of the page as “Last reviewed”; leave it empty to show nothing."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("source_citations", label=_("Sources"), heading=_("Sources")),
        FieldPanel("last_reviewed"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("menu_title")]
    search_fields = (
        Page.search_fields
        + title_search_fields()
        + [
            index.SearchField("intro"),
            index.SearchField("body"),
        ]
    )

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or self.intro

    def citations(self):
        """The page's sources with their publications, in one query: only publications a
        visitor may open (live, without view restrictions). A list of ids, not a subquery: in a
        preview the citations are in memory (modelcluster), where only plain values compare."""
        publications = list(Page.objects.live().public().values_list("pk", flat=True))
        return self.source_citations.filter(publication__in=publications).select_related(
            "publication"
        )


class SourceCitation(Orderable):
    """A page names the publication it draws on: the basis of the "Sources" list on every page."""

    page = ParentalKey(Page, on_delete=models.CASCADE, related_name="source_citations")
    publication = models.ForeignKey(
        "content.PublicationPage",
        on_delete=models.CASCADE,
        related_name="citations",
        verbose_name=_("publication"),
    )
    detail = models.CharField(
        _("detail"),
        max_length=200,
        blank=True,
        help_text=_("Which part, e.g. “pages 12–15” or “the chapter on ageing”."),
    )

    panels = [FieldPanel("publication"), FieldPanel("detail")]

    class Meta(Orderable.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")
