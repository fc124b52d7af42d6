"""A starting set of synonyms per language, from the glossary of the content map: the words and
acronyms visitors type for what the pages call otherwise. Editors keep them in the admin
(Snippets → Search synonyms); this migration only adds those that are missing."""

from django.db import migrations

STARTING_SYNONYMS = {
    "fr": [
        ("chômeur", "chômage"),
        ("chômeurs", "chômage"),
        ("minimex", "revenu d'intégration"),
        ("bcss", "Banque Carrefour"),
        ("onss", "Office national de sécurité sociale"),
        ("congé parental", "crédit-temps"),
        ("interruption de carrière", "crédit-temps"),
        ("pensionné", "pension"),
        ("handicap", "personnes handicapées"),
        ("mutuelle", "mutualités"),
    ],
    "nl": [
        ("werkloos", "werkloosheid"),
        ("werkloze", "werkloosheid"),
        ("ksz", "Kruispuntbank"),
        ("rsz", "Rijksdienst voor Sociale Zekerheid"),
        ("bestaansminimum", "leefloon"),
        ("ouderschapsverlof", "tijdskrediet"),
        ("loopbaanonderbreking", "tijdskrediet"),
        ("gepensioneerd", "pensioen"),
        ("ziekenfonds", "ziekenfondsen"),
    ],
    "en": [
        ("complain", "feedback"),
        ("complaint", "feedback"),
        ("retirement", "pension"),
        ("unemployed", "unemployment"),
        ("cbss", "Crossroads Bank"),
        ("nsso", "National Social Security Office"),
        ("living wage", "social integration income"),
        ("parental leave", "time credit"),
        ("career break", "time credit"),
    ],
}


def add_starting_synonyms(apps, schema_editor):
    SearchSynonym = apps.get_model("search", "SearchSynonym")
    for language, synonyms in STARTING_SYNONYMS.items():
        for term, replacements in synonyms:
            SearchSynonym.objects.get_or_create(
                language=language, term=term, defaults={"replacements": replacements}
            )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_vocabulary_synonyms_statistics")]

    operations = [migrations.RunPython(add_starting_synonyms, migrations.RunPython.noop)]
