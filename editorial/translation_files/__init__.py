"""Translation files: a page's texts exported for a translator as XLIFF 2.0 or gettext PO, and
the translated file imported back as a draft revision (see docs/editors.md)."""
