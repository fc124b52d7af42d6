"""Editors' synonyms: a query with a term also searches for what the pages call it.

A synonym belongs to one language. When the folded query contains the folded term as whole
words ("retraite anticipée" contains "retraite"), the search also looks for the query with the
term replaced by each replacement ("pension anticipée"); a page matching any of these versions
is a result. Synonyms are read in one query per search.
"""

import re

from .folding import fold
from .models import SearchSynonym


def alternatives(query, language):
    """The versions of a query to search for: the query itself first, then one per
    replacement of each synonym it contains."""
    versions = [query]
    folded = " ".join(fold(query).split())
    for synonym in SearchSynonym.objects.filter(language=language).only("term", "replacements"):
        term = " ".join(fold(synonym.term).split())
        if not term:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
        if not pattern.search(folded):
            continue
        for replacement in synonym.replacement_list():
            version = pattern.sub(lambda _match, text=replacement: text, folded)
            if version not in versions:
                versions.append(version)
    return versions
