from django.core.management.base import BaseCommand

from search import statistics


class Command(BaseCommand):
    help = (
        "Delete the search statistics of days older than the retention period "
        f"({statistics.RETENTION_DAYS} days). Run it daily from cron (docs/editors.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=statistics.RETENTION_DAYS,
            help=f"keep this many days (default {statistics.RETENTION_DAYS})",
        )

    def handle(self, *args, **options):
        deleted = statistics.purge(days=options["days"])
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Search statistics purged: {deleted} rows older than {options['days']} days."
            )
