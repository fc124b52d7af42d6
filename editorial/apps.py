from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The admin: forms and hooks, groups and workflow (its names in the reader's language),
    translation status and its report."""

    name = "editorial"
    verbose_name = _("Editorial tools")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import Revision

        from . import (
            block_definitions,
            forms,
            search_index,
            submissions,
            translation_status,
            workflow_names,
        )

        block_definitions.install()
        search_index.install()
        workflow_names.install()

        forms.attach_to_page_types()
        submissions.attach_to_form_pages()
        post_save.connect(
            translation_status.record_page_revision,
            sender=Revision,
            dispatch_uid="editorial_translation_status",
        )
        post_migrate.connect(
            translation_status.ensure_statuses,
            sender=self,
            dispatch_uid="editorial_translation_status_backfill",
        )
