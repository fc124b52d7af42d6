from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Portal content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .routing import install

        install()
