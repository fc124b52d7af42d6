"""SeedRecord, TranslationStatus and SearchEntry moved to the seed, editorial and search apps.

Only Django's idea of where they live changes: their tables (content_seedrecord,
content_translationstatus, content_searchentry) and rows stay, and the new apps' first
migrations take them over with `db_table`.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("content", "0005_translation_status")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel("SeedRecord"),
                migrations.DeleteModel("TranslationStatus"),
                migrations.DeleteModel("SearchEntry"),
            ]
        )
    ]
