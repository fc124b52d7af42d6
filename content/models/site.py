"""The page types of the site's tree: home, the magazine's sections, publications, plain pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

from core.languages import language_choices

from ..sections import in_magazine_order
from .base import PortalPage
from .key_figures import KeyFiguresPage
from .theme import ThemePage
from .timeline import TimelinePage


class HomePage(PortalPage):
    subpage_types = [
        "content.ThemePage",
        "content.TimelinePage",
        "content.KeyFiguresPage",
        "content.PublicationIndexPage",
        "content.StandardPage",
        "content.FormPage",
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "content/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def themes(self):
        """The magazine's sections, in the magazine's order."""
        # Listed only: their title and intro, never their body (its JSON in every language).
        return in_magazine_order(
            ThemePage.objects.child_of(self).live().public().defer_streamfields()
        )

    def sections(self):
        """Everything else the home page leads into: timeline, key figures, publications, the
        forum… (pages about the portal itself are in the footer instead)."""
        pages = (
            self.get_children()
            .live()
            .public()
            .type(TimelinePage, KeyFiguresPage, PublicationIndexPage, StandardPage)
            .defer_streamfields()
            .specific()
        )
        return [page for page in pages if not getattr(page, "show_in_footer", False)]


class PublicationIndexPage(PortalPage):
    subpage_types = ["content.PublicationPage"]
    parent_page_types = ["content.HomePage"]
    max_count = 1
    template = "content/publication_index_page.html"

    class Meta:
        verbose_name = _("publication list")

    def publications(self):
        return (
            PublicationPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .order_by("-publication_year")
        )


class PublicationPage(PortalPage):
    """One source publication: what it is, who published it, and which pages draw on it."""

    publisher = models.CharField(_("publisher"), max_length=200)
    publication_year = models.PositiveSmallIntegerField(_("year of publication"))
    publication_language = models.CharField(
        _("language of the publication"),
        max_length=60,
        help_text=_("The language(s) the original is written in, e.g. “French”."),
    )
    title_language = models.CharField(
        _("language of the title"),
        max_length=10,
        blank=True,
        choices=language_choices,
        help_text=_(
            "Leave empty when the title is translated. When the title is the original's, left "
            "in its language (e.g. “Tree of trust – Notre sécurité sociale”), choose that "
            "language: pages in the other languages then mark it, so screen readers read it "
            "with the right voice."
        ),
    )

    subpage_types = []
    parent_page_types = ["content.PublicationIndexPage"]
    template = "content/publication_page.html"

    content_panels = PortalPage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("publisher"),
                FieldPanel("publication_year"),
                FieldPanel("publication_language"),
                FieldPanel("title_language"),
            ],
            heading=_("About the publication"),
        ),
    ]

    class Meta:
        verbose_name = _("publication page")

    def citing_pages(self):
        """The live, public portal pages that name this publication as a source."""
        page_ids = self.citations.values_list("page_id", flat=True)
        pages = Page.objects.filter(pk__in=page_ids).exclude(pk=self.pk)
        # A citing publication's title left in its original language is marked (field_lang).
        pages = pages.annotate(title_language=models.F("publicationpage__title_language"))
        return pages.live().public().order_by("path")


class StandardPage(PortalPage):
    """About, forum programme, accessibility statement, privacy: plain content pages."""

    show_in_footer = models.BooleanField(
        _("show in footer"),
        default=False,
        help_text=_("Link this page from the footer of every page (e.g. accessibility, privacy)."),
    )

    subpage_types = ["content.StandardPage"]
    parent_page_types = ["content.HomePage", "content.StandardPage"]
    template = "content/standard_page.html"
    # What a visitor is told this page is (a search result's kind): "standard page" is the
    # admin's word for a page type, not something a citizen recognises.
    visitor_kind = _("information page")

    promote_panels = PortalPage.promote_panels + [FieldPanel("show_in_footer")]

    class Meta:
        verbose_name = _("standard page")

    def child_pages(self):
        """The live, public pages under this one (a hub such as "Your situation" lists its
        topics), in the editors' order. Listed only: title, intro and search description, never
        a body (its JSON in every language): the children in one query (plus Wagtail's lookup of
        view restrictions), whatever their number."""
        return (
            StandardPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .order_by("path")
        )
