"""Per-language full-text search of the public site.

Wagtail's database backend keeps one index row per page with one text-search configuration, so
it cannot stem French, Dutch and English fields each in their own language. This module keeps a
small index of its own: one `SearchEntry` per page and language, holding that language's title
and text. On PostgreSQL the entry carries a weighted `tsvector` built with the language's own
text-search configuration, a `portal_<language>` copy that folds accents with `unaccent`
(GIN-indexed, see content migration 0003 and search migration 0002); queries are parsed with
`websearch_to_tsquery`, ranked, and excerpts highlighted with `ts_headline`. On other databases
(SQLite in the quick start) the entry keeps a folded copy of its text and the query is folded the
same way, so both databases find the same pages for the same query.

Wagtail's own search backend is untouched: the admin keeps using it.

This app: `models` (the entry, vocabulary, synonyms, query statistics), `configs` (languages →
PostgreSQL configurations), `folding` (accents and case), `text` (what a page says in one
language), `indexing` (keeping entries current), `vocabulary` ("Did you mean …?"), `synonyms`
(editors' synonyms), `querying` (the search itself), `statistics` (what visitors search for),
`views` (the search page, with Wagtail's search promotions), `admin_views` and `wagtail_hooks`
(the synonyms snippet and the search report).
"""
