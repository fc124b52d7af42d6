"""What an export holds: for each page, its units in the reference language and the current
text of the target language, with the fingerprint of each source text."""

from dataclasses import dataclass

from django.utils.text import slugify

from core.languages import default_language

from .inline import remap_onto
from .units import latest, page_units


@dataclass
class ExportedUnit:
    id: str
    location: str
    source: object  # Segment
    target_tokens: list | None
    fingerprint: str


@dataclass
class ExportedPage:
    page_id: int
    title: str
    url_path: str
    units: list

    def file_stem(self, language):
        return (
            f"{slugify(self.title)[:60] or 'page'}-{self.page_id}.{default_language()}-{language}"
        )


def export_page(page, language):
    page = latest(page)
    source_language = default_language()
    targets = {
        unit.id: unit.segment for unit in page_units(page, language, align_with=source_language)
    }
    units = []
    for unit in page_units(page, source_language):
        target = targets.get(unit.id)
        units.append(
            ExportedUnit(
                id=unit.id,
                location=unit.location_text(),
                source=unit.segment,
                target_tokens=remap_onto(target, unit.segment) if target else None,
                fingerprint=unit.segment.fingerprint(),
            )
        )
    return ExportedPage(
        page_id=page.pk,
        title=page.get_admin_display_title(),
        url_path=page.url_path,
        units=units,
    )
