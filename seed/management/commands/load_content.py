from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from content.signals import content_loaded
from seed.loader import SeedLoader
from seed.schema import SeedError


class Command(BaseCommand):
    help = (
        "Build or update the page tree from the seed files in content/seed/. Idempotent; never "
        "deletes a page; leaves pages an editor changed since the last load alone unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Also overwrite pages an editor changed since the last load.",
        )
        parser.add_argument(
            "--seed-dir",
            default=str(settings.CONTENT_SEED_DIR),
            help="Directory of seed files (default: %(default)s).",
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        loader = SeedLoader(
            options["seed_dir"],
            force=options["force"],
            progress=(lambda message: self.stdout.write(message)) if verbosity >= 1 else None,
        )
        try:
            report = loader.load()
        except SeedError as error:
            raise CommandError(
                f"Nothing was loaded: {error.path}: field {error.where}: {error.message}"
            ) from None
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Content loaded: {len(report.created)} created, {len(report.updated)} updated, "
                    f"{len(report.unchanged)} unchanged, {len(report.skipped)} skipped."
                )
            )
        # The search index rebuilds itself, the page cache and the CDN drop every page (menus and
        # listings show other pages' titles); each listener says what it did.
        for _receiver, outcome in content_loaded.send(sender=SeedLoader, report=report):
            if outcome and verbosity >= 1:
                self.stdout.write(str(outcome))
        if report.skipped:
            self.stdout.write(
                self.style.WARNING(
                    "Skipped because an editor changed them since the last load "
                    "(run with --force to overwrite): " + ", ".join(report.skipped)
                )
            )
