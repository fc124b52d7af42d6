"""Each theme page knows its magazine section; key-figure series can be tagged with one."""

from django.db import migrations, models

import content.sections

# The English slugs of the seed pages name their section (content/seed/02*.yaml).
SECTION_BY_SLUG = {key: key for key in content.sections.SECTION_KEYS}


def set_sections_from_slugs(apps, schema_editor):
    """Existing theme pages get the section their English slug names (the English slug is a
    column wagtail-modeltranslation adds to Wagtail's page table, outside the migration state)."""
    ThemePage = apps.get_model("content", "ThemePage")
    ids = list(ThemePage.objects.values_list("pk", flat=True))
    if not ids:
        return
    with schema_editor.connection.cursor() as cursor:
        columns = [
            column.name
            for column in schema_editor.connection.introspection.get_table_description(
                cursor, "wagtailcore_page"
            )
        ]
        if "slug_en" not in columns:
            return
        placeholders = ", ".join(["%s"] * len(ids))
        cursor.execute(
            f"SELECT id, slug_en FROM wagtailcore_page WHERE id IN ({placeholders})", ids
        )
        slugs = dict(cursor.fetchall())
    taken = set()
    for page in ThemePage.objects.filter(pk__in=ids).order_by("pk"):
        section = SECTION_BY_SLUG.get(slugs.get(page.pk) or "")
        if section and section not in taken:
            taken.add(section)
            ThemePage.objects.filter(pk=page.pk).update(section=section)


class Migration(migrations.Migration):
    dependencies = [("content", "0006_move_models_to_their_apps")]

    operations = [
        migrations.AddField(
            model_name="themepage",
            name="section",
            field=models.CharField(
                choices=content.sections.SECTIONS,
                default="",
                help_text="Which section of the magazine this page is. Each section has one page per site; its milestones and key figures appear on it by themselves.",
                max_length=20,
                verbose_name="magazine section",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="themepage",
            name="show_key_figures",
            field=models.BooleanField(default=True, verbose_name="show the section's key figures"),
        ),
        migrations.AddField(
            model_name="themepage",
            name="show_milestones",
            field=models.BooleanField(
                default=True, verbose_name="show the section's milestones from the timeline"
            ),
        ),
        migrations.AddField(
            model_name="dataseries",
            name="section",
            field=models.CharField(
                blank=True,
                choices=content.sections.SECTIONS,
                help_text="The section page that shows this series among its key figures.",
                max_length=20,
                verbose_name="magazine section",
            ),
        ),
        migrations.AlterModelOptions(
            name="themepage",
            options={"verbose_name": "magazine section page"},
        ),
        migrations.RunPython(set_sections_from_slugs, migrations.RunPython.noop),
    ]
