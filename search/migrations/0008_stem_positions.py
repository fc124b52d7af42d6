from django.db import migrations

STEM_FIELDS = ("title", "lead", "body", "reference")


def fill_positions(apps, schema_editor):
    """SQLite only: the stems again, now with a " _ " for each stop word (search.stemming.stored),
    so that a phrase is matched at PostgreSQL's distances without a rebuild."""
    if schema_editor.connection.vendor == "postgresql":
        return
    from search import stemming

    SearchEntry = apps.get_model("search", "SearchEntry")
    entries = list(SearchEntry.objects.all())
    for entry in entries:
        for name in STEM_FIELDS:
            text = getattr(entry, f"folded_{name}")
            setattr(entry, f"stems_{name}", stemming.stored(text, entry.language))
    SearchEntry.objects.bulk_update(entries, [f"stems_{name}" for name in STEM_FIELDS], 200)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_stems"),
    ]

    operations = [
        migrations.RunPython(fill_positions, migrations.RunPython.noop),
    ]
