"""Add the translated columns of Wagtail's own Page model (title_fr, slug_nl, …).

wagtail-modeltranslation adds these fields to wagtailcore.Page at run time, without a
migration of its own (its docs ask for `manage.py sync_page_translation_fields`). Doing the same
here keeps `migrate` the one command that prepares a database. Re-run this operation in a new
migration after adding a language to settings.LANGUAGES.
"""

from django.db import migrations


def add_page_translation_columns(apps, schema_editor):
    from modeltranslation.management.commands.sync_translation_fields import (
        Command as SyncTranslationFields,
    )
    from modeltranslation.translator import translator
    from wagtail.models import Page

    sync = SyncTranslationFields()
    sync.cursor = schema_editor.connection.cursor()
    sync.introspection = schema_editor.connection.introspection
    options = translator.get_options_for_model(Page)
    for field_name, fields in options.local_fields.items():
        column = next(iter(fields)).db_column or field_name
        missing = list(sync.get_missing_languages(column, Page._meta.db_table))
        for statement in sync.get_sync_sql(field_name, missing, Page) if missing else []:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0098_apitoken")]

    operations = [
        migrations.RunPython(add_page_translation_columns, migrations.RunPython.noop),
    ]
