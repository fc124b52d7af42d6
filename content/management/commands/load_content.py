from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from content import search
from content.seed_loader import SeedError, SeedLoader
from portal.cache import invalidate_pages


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
        invalidate_pages()  # menus and listings show other pages' titles: refresh every page
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Content loaded: {len(report.created)} created, {len(report.updated)} updated, "
                    f"{len(report.unchanged)} unchanged, {len(report.skipped)} skipped."
                )
            )
        # Publishing indexes each page it writes; the rebuild also covers pages loaded before
        # the search index existed, so the index is current after every load.
        indexed = search.rebuild()
        if verbosity >= 1:
            self.stdout.write(f"Search index: {indexed} pages.")
        if report.skipped:
            self.stdout.write(
                self.style.WARNING(
                    "Skipped because an editor changed them since the last load "
                    "(run with --force to overwrite): " + ", ".join(report.skipped)
                )
            )
