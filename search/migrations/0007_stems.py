from django.db import migrations, models

STEM_FIELDS = ("title", "lead", "body", "reference")


def fill_stems(apps, schema_editor):
    """SQLite only: the stems of the entries already indexed, from their folded copies (folding
    first changes nothing: search.stemming folds), so that search works without a rebuild."""
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
        ("search", "0006_title_language"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name="searchentry",
                name=f"stems_{name}",
                field=models.TextField(blank=True, default="", editable=False),
            )
            for name in STEM_FIELDS
        ),
        migrations.RunPython(fill_stems, migrations.RunPython.noop),
    ]
