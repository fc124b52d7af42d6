"""French visitors say "retraite" for what Belgian texts call "pension" (content map, glossary):
add it to the starting synonyms. Only adds what is missing; editors keep them in the admin."""

from django.db import migrations

# Folding makes "retraité" the same term (accents are ignored).
SYNONYMS = {"fr": [("retraite", "pension")]}


def add_synonyms(apps, schema_editor):
    SearchSynonym = apps.get_model("search", "SearchSynonym")
    for language, synonyms in SYNONYMS.items():
        for term, replacements in synonyms:
            SearchSynonym.objects.get_or_create(
                language=language, term=term, defaults={"replacements": replacements}
            )


class Migration(migrations.Migration):
    dependencies = [("search", "0003_starting_synonyms")]

    operations = [migrations.RunPython(add_synonyms, migrations.RunPython.noop)]
