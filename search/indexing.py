"""Keeping the index current: one entry per searchable page and language.

Entries are written when a page is published, moved or its view restrictions change, removed
when it is unpublished (deletion cascades), and rebuilt after `load_content` (see signals.py).
"""

from django.contrib.postgres.search import SearchVector
from django.db.models import Value
from wagtail.models import Page

from . import results_cache, stemming, vocabulary
from .configs import search_configs, uses_full_text_search
from .folding import fold
from .models import SearchEntry
from .text import page_text


def is_searchable(page):
    """Live, visible to everyone, and reachable on a site."""
    if not Page.objects.live().public().filter(pk=page.pk).exists():
        return False
    return page.get_url_parts() is not None


def index_page(page):
    """Write (or remove) a page's entries in every language. Returns the languages indexed."""
    page = page.specific
    if not is_searchable(page):
        remove_page(page)
        return []
    indexed = []
    for language, config in search_configs().items():
        text = page_text(page, language)
        if text is None:
            SearchEntry.objects.filter(page=page, language=language).delete()
            continue
        lead, body, reference = text.lead_text, text.body_text, text.reference_text
        full_text = "\n".join(part for part in (lead, body, reference) if part)
        old = SearchEntry.objects.filter(page=page, language=language).first()
        old_words = vocabulary.entry_words(old.title, old.text) if old else set()
        entry, _created = SearchEntry.objects.update_or_create(
            page=page,
            language=language,
            defaults={
                "title": text.title,
                "text": full_text,
                "folded_title": fold(text.title),
                "folded_lead": fold(lead),
                "folded_body": fold(body),
                "folded_reference": fold(reference),
                "title_language": title_language(page, language),
                **sqlite_stems(language, text.title, lead, body, reference),
            },
        )
        vocabulary.update(language, old_words, vocabulary.entry_words(text.title, full_text))
        if uses_full_text_search():
            SearchEntry.objects.filter(pk=entry.pk).update(
                search_vector=SearchVector(Value(text.title), config=config, weight="A")
                + SearchVector(Value(lead), config=config, weight="B")
                + SearchVector(Value(body), config=config, weight="C")
                + SearchVector(Value(reference), config=config, weight="D")
            )
        indexed.append(language)
    results_cache.invalidate()  # after the vectors too (saving the entry already did once)
    return indexed


def sqlite_stems(language, title, lead, body, reference):
    """The stems the SQLite search matches (search.stemming); PostgreSQL needs none."""
    if uses_full_text_search():
        return {}
    return {
        f"stems_{name}": stemming.stored(part, language)
        for name, part in (
            ("title", title),
            ("lead", lead),
            ("body", body),
            ("reference", reference),
        )
    }


def title_language(page, language):
    """The language of the page's title when it is not `language` (a publication's title left
    in its original language), else ""."""
    original = getattr(page, "title_language", "") or ""
    return original if original != language else ""


def index_subtree(page):
    """A page and everything below it: after a move or a change of who may see them."""
    for descendant in page.get_descendants(inclusive=True).specific():
        index_page(descendant)


def remove_page(page):
    SearchEntry.objects.filter(page_id=page.pk).delete()


def rebuild(progress=None):
    """Index every searchable page from scratch, then recount the vocabulary;
    `progress(number, total, page, languages)`."""
    pages = list(Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"))
    SearchEntry.objects.exclude(page__in=[page.pk for page in pages]).delete()
    for number, page in enumerate(pages, start=1):
        languages = index_page(page)
        if progress:
            progress(number, len(pages), page, languages)
    vocabulary.recount()
    return len(pages)
