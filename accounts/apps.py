from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Editors' accounts: the second factor, admin session limits and single sign-on."""

    name = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401
