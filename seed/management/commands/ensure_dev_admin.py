import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Development only: create an 'admin' superuser with a fresh random password and print "
        "it, unless a superuser exists already. Refuses to run when DEBUG is off."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "ensure_dev_admin only runs with the development settings (DEBUG on). "
                "In production create accounts with: python manage.py createsuperuser"
            )
        users = get_user_model()
        existing = users.objects.filter(is_superuser=True).order_by("pk").first()
        if existing is not None:
            if not (existing.email and existing.first_name and existing.last_name):
                existing.email = existing.email or f"{existing.get_username()}@localhost"
                existing.first_name = existing.first_name or "Admin"
                existing.last_name = existing.last_name or "Development"
                existing.save(update_fields=["email", "first_name", "last_name"])
            self.stdout.write(
                f"Admin account: log in at http://127.0.0.1:8000/admin/ as "
                f"'{existing.get_username()}' with the password shown when it was created. "
                f"Forgot it? Run: .venv/bin/python manage.py changepassword {existing.get_username()}"
            )
            return
        password = secrets.token_urlsafe(12)
        # A name and an address, so the account's own form in the admin saves as it is.
        users.objects.create_superuser(
            options["username"],
            email=f"{options['username']}@localhost",
            password=password,
            first_name="Admin",
            last_name="Development",
        )
        banner = "=" * 64
        self.stdout.write(
            f"{banner}\nAdmin account created for this development database.\n"
            f"  URL:      http://127.0.0.1:8000/admin/\n"
            f"  Username: {options['username']}\n  Password: {password}\n"
            f"It is shown only this once; change it with "
            f"'.venv/bin/python manage.py changepassword {options['username']}'.\n{banner}"
        )
