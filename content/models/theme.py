"""A section of the 2019 magazine as a page that knows which section it is.

Each theme page is one of the magazine's sections (content/sections.py), once per site. It draws
in what concerns its section without an editor copying anything: its milestones from the
timeline, its key-figure series and the institutions that serve it ("Who does what"). Each part
is left out when it has nothing to show; an editor can hide milestones and figures on one page.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

from ..reference_blocks import in_active_language
from ..sections import SECTIONS, section_name
from .base import PortalPage
from .key_figures import DataSeries
from .timeline import TimelineEvent


def visible_pages():
    """Live pages anyone may see: a private timeline's events stay off public section pages."""
    return Page.objects.live().public().values("pk")


class ThemePage(PortalPage):
    """One section of the 2019 magazine: equality, ageing, e-health…"""

    section = models.CharField(
        _("magazine section"),
        max_length=20,
        choices=SECTIONS,
        help_text=_(
            "Which section of the magazine this page is. Each section has one page per site; "
            "its milestones and key figures appear on it by themselves."
        ),
    )
    show_milestones = models.BooleanField(
        _("show the section's milestones from the timeline"), default=True
    )
    show_key_figures = models.BooleanField(_("show the section's key figures"), default=True)

    subpage_types = []
    parent_page_types = ["content.HomePage"]
    template = "content/theme_page.html"

    content_panels = [
        *PortalPage.content_panels[:1],
        FieldPanel("section"),
        *PortalPage.content_panels[1:],
        MultiFieldPanel(
            [FieldPanel("show_milestones"), FieldPanel("show_key_figures")],
            heading=_("Drawn in from the rest of the site"),
        ),
    ]

    class Meta:
        verbose_name = _("magazine section page")

    @property
    def section_name(self):
        return section_name(self.section)

    @property
    def page_type_display_name(self):
        """Listings in the admin say "Ageing", not a generic page type."""
        return self.section_name or super().page_type_display_name

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.path else getattr(self, "parent_for_validation", None)
        if not self.section or parent is None:
            return
        clash = ThemePage.objects.child_of(parent).filter(section=self.section).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError(
                {
                    "section": _(
                        "“%(section)s” already has its page on this site: %(title)s. Each "
                        "section of the magazine has one page; choose another section."
                    )
                    % {"section": self.section_name, "title": clash.first().title}
                }
            )

    def milestones(self):
        """The timeline's events about this section, in date order (one query)."""
        if not self.show_milestones:
            return []
        return list(
            TimelineEvent.objects.filter(theme=self, page__in=self.visible_page_ids)
            .select_related("page")
            .order_by("date", "sort_order")
        )

    @cached_property
    def visible_page_ids(self):
        """The pages a visitor may see, for every drawn-in part: reading the view restrictions
        is one query, done once per page view instead of once per part."""
        return visible_pages()

    def institutions(self):
        """The "Who does what" entries that serve this section, in the directory's order, with
        the directory page to link to, named in the active language (one query)."""
        if not self.section:
            return []
        # StandardPage lives in site.py, which imports this module: look the model up instead
        directories = (
            apps.get_model("content", "StandardPage")
            .objects.filter(body__icontains='"type": "institution"', pk__in=self.visible_page_ids)
            .order_by("path")
        )
        return [
            {
                "page": directory,
                "anchor": block.value["anchor"],
                "name": in_active_language(block.value, "name"),
                "acronym": in_active_language(block.value, "acronym"),
            }
            for directory in directories
            for block in directory.body
            if block.block_type == "institution" and self.section in block.value["sections"]
        ]

    def key_figures(self):
        """The key-figure series tagged with this section (one query)."""
        if not self.show_key_figures or not self.section:
            return []
        return list(
            DataSeries.objects.filter(section=self.section, page__in=self.visible_page_ids)
            .select_related("page")
            .order_by("page", "sort_order")
        )
