"""Per-language full-text search of the public site.

Wagtail's database backend keeps one index row per page with one text-search configuration, so
it cannot stem French, Dutch and English fields each in their own language. This module keeps a
small index of its own: one `SearchEntry` per page and language, holding that language's title
and text. On PostgreSQL the entry carries a weighted `tsvector` built with the language's own
text-search configuration (GIN-indexed, see content migration 0003); queries are parsed with
`websearch_to_tsquery`, ranked, and excerpts highlighted with `ts_headline`. On other databases
(SQLite in the quick start) a simple case-insensitive match keeps the search page working.

Wagtail's own search backend is untouched: the admin keeps using it.

This app: `models` (the entry), `configs` (languages → PostgreSQL configurations), `text` (what a
page says in one language), `indexing` (keeping entries current), `querying` (the search itself),
`views` (the search page).
"""
