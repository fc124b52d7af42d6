from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "delivery"
    verbose_name = _("Delivery to visitors")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import invalidation, local

        invalidation.connect()
        local.install()
