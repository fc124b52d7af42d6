from django.core.management.base import BaseCommand

from search import configs, indexing


class Command(BaseCommand):
    help = (
        "Rebuild the per-language search index of the public site from the live pages, one line "
        "per page. (Wagtail's own `update_index` serves the admin's search.)"
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]

        def progress(number, total, page, languages):
            if verbosity >= 1:
                indexed = ", ".join(languages) or "-"
                self.stdout.write(f"[{number}/{total}] {page.title}: {indexed}")

        total = indexing.rebuild(progress=progress)
        if verbosity >= 1:
            mode = (
                "full-text, "
                + ", ".join(f"{code}: {name}" for code, name in configs.search_configs().items())
                if configs.uses_full_text_search()
                else "simple matching (no PostgreSQL)"
            )
            self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {total} pages ({mode})."))
