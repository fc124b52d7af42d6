from django.core.management.base import BaseCommand

from delivery.cache import current_generation, invalidate_pages


class Command(BaseCommand):
    help = (
        "Make every page in the shared page cache stale (e.g. after restoring a database "
        "backup or changing templates without a release)."
    )

    def handle(self, *args, **options):
        invalidate_pages()
        self.stdout.write(f"Page cache invalidated (generation {current_generation()}).")
