"""The "Who does what" directory and the glossary (issue 15, points 6 and 7), on the seed content:
complete in every language, linked from the theme pages, and found by search."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from content.models import StandardPage, ThemePage
from seed.loader import plain_with_links

pytestmark = pytest.mark.django_db

DIRECTORY_KEY_SLUG = "who-does-what"
GLOSSARY_KEY_SLUG = "glossary"
PHONE = re.compile(r"(?:\+32|(?<![\d-])0)\s?\d[\d ./]{6,}\d")  # Belgian: 02 528 60 11, +32…
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def page(slug_en):
    return StandardPage.objects.live().get(slug_en=slug_en)


def blocks(page, block_type):
    return [block.value for block in page.body if block.block_type == block_type]


def institutions():
    return blocks(page(DIRECTORY_KEY_SLUG), "institution")


def glossary_terms():
    return [
        term
        for glossary in blocks(page(GLOSSARY_KEY_SLUG), "glossary")
        for term in glossary["terms"]
    ]


def get(client, page, language):
    with translation.override(language):
        url = page.get_url()
    response = client.get(url)
    assert response.status_code == 200, url
    return url, response.content.decode()


class BodyText(HTMLParser):
    """The text of a page's body, piece by piece, with the link each piece sits in (if any) and
    whether it is in a heading (headings cannot hold links)."""

    INLINE = {"span", "i", "em", "b", "strong", "abbr", "small"}

    def __init__(self):
        super().__init__()
        self.pieces, self.depth, self.href, self.heading = [], 0, None, 0
        self.joined = False  # the next text continues the last piece (an inline element between)

    def handle_starttag(self, tag, attrs):
        self.joined = tag in self.INLINE
        attrs = dict(attrs)
        if self.depth == 0 and tag == "div" and attrs.get("class") == "body":
            self.depth = 1
        elif self.depth and tag == "div":
            self.depth += 1
        if self.depth and tag == "a":
            self.href = attrs.get("href")
        if self.depth and re.fullmatch(r"h[1-6]", tag):
            self.heading += 1

    def handle_endtag(self, tag):
        self.joined = tag in self.INLINE
        if self.depth and tag == "div":
            self.depth -= 1
        if tag == "a":
            self.href = None
        if self.depth and re.fullmatch(r"h[1-6]", tag):
            self.heading -= 1

    def handle_data(self, data):
        if self.depth and not self.heading:
            if self.joined and self.pieces and self.pieces[-1][1] == self.href:
                self.pieces[-1] = (self.pieces[-1][0] + data, self.href)
            else:
                self.pieces.append((data, self.href))
        self.joined = False


def normalise(text):
    """Case aside, "plate-forme" and "plateforme" are the same word (both spellings are used)."""
    return text.lower().replace("plate-forme", "plateforme")


def first_mention(pieces, names):
    """(piece, href) of the first body text naming the institution, or None."""
    patterns = [re.compile(r"(?<!\w)" + re.escape(normalise(name)) + r"(?!\w)") for name in names]
    for text, href in pieces:
        if any(pattern.search(normalise(text)) for pattern in patterns):
            return text, href
    return None


def test_every_institution_has_its_names_in_every_language_and_a_site(languages):
    entries = institutions()
    assert len(entries) >= 10
    anchors = [entry["anchor"] for entry in entries]
    assert len(anchors) == len(set(anchors)), "anchors must be unique"
    for entry in entries:
        for code in languages:
            assert entry[f"name_{code}"].strip(), f"{entry['anchor']}: no {code} name"
        assert entry["website"].startswith("https://"), entry["anchor"]
        assert entry["source"].strip() and entry["role"].strip(), entry["anchor"]
    acronyms = {entry["acronym_fr"]: entry["acronym_nl"] for entry in entries}
    assert acronyms["ONSS"] == "RSZ" and acronyms["ONEM"] == "RVA" and acronyms["INAMI"] == "RIZIV"


def test_the_directory_shows_each_language_its_own_names_and_marks_the_others(client, languages):
    directory = page(DIRECTORY_KEY_SLUG)
    for code in languages:
        url, html = get(client, directory, code)
        main = html.split("<main", 1)[1].split("</main>", 1)[0]
        for entry in blocks(directory, "institution"):
            with translation.override(code):
                name = re.escape(entry[f"name_{code}"].replace("'", "&#x27;"))
            assert re.search(rf'<h2 id="{entry["anchor"]}-name"[^>]*>{name}', main), (
                f"{url}: {entry['anchor']} is not headed by its {code} name"
            )
            assert f'id="{entry["anchor"]}"' in main
            assert f'<li><a href="#{entry["anchor"]}">' in main, f"{url}: not in “On this page”"
            for other in languages:
                if other != code:
                    other_name = entry[f"name_{other}"].replace("'", "&#x27;")
                    assert f'lang="{other}" class="entry__other">{other_name}' in main, (
                        f"{url}: the {other} name of {entry['anchor']} is not marked lang={other}"
                    )
        parser = BodyText()
        parser.feed(html)
        text = " ".join(piece for piece, _href in parser.pieces)
        assert not PHONE.search(text) and not EMAIL.search(text), f"{url}: personal contact data"
    assert PHONE.search("Appelez le 02 528 60 11.") and EMAIL.search("x.y@minsoc.fed.be")


def test_the_glossary_shows_each_term_in_the_page_language(client, languages):
    glossary = page(GLOSSARY_KEY_SLUG)
    terms = glossary_terms()
    assert len(terms) >= 20
    anchors = [term["anchor"] for term in terms]
    assert len(anchors) == len(set(anchors))
    for code in languages:
        url, html = get(client, glossary, code)
        for term in terms:
            text = term[f"term_{code}"].replace("'", "&#x27;")
            assert f'<dt id="{term["anchor"]}" class="glossary__term">{text}</dt>' in html, (
                f"{url}: {term['anchor']} not shown in {code}"
            )
            for other in languages:
                if other != code:
                    other_text = term[f"term_{other}"].replace("'", "&#x27;")
                    assert f'<span lang="{other}" class="glossary__other">{other_text}' in html


def test_theme_pages_link_the_first_mention_of_an_institution_to_its_entry(client, languages):
    entries = institutions()
    linked = set()
    problems = []
    for theme in ThemePage.objects.live().specific():
        for code in languages:
            with translation.override(code):
                directory_url = page(DIRECTORY_KEY_SLUG).get_url()
            url, html = get(client, theme, code)
            parser = BodyText()
            parser.feed(html)
            for entry in entries:
                names = [entry[f"name_{code}"], entry[f"acronym_{code}"]]
                mention = first_mention(parser.pieces, [name for name in names if name])
                if mention is None:
                    continue
                text, href = mention
                if href != f"{directory_url}#{entry['anchor']}":
                    problems.append(
                        f"{url}: first mention of {entry['anchor']} ({text.strip()[:60]!r}) "
                        f"links to {href}"
                    )
                else:
                    linked.add(entry["anchor"])
    assert not problems, "\n".join(problems)
    assert {"onss", "bcss-ksz", "ehealth"} <= linked


def test_every_link_to_an_entry_lands_on_an_anchor(client, languages):
    """Links into the directory and glossary (from any page) point at an id that exists."""
    targets = {}
    fragment = re.compile(r'href="(/[^"#]+)#([^"]+)"')
    pages = list(ThemePage.objects.live()) + [page(DIRECTORY_KEY_SLUG), page(GLOSSARY_KEY_SLUG)]
    checked = 0
    for source in pages:
        for code in languages:
            url, html = get(client, source, code)
            for path, anchor in fragment.findall(html):
                if path not in targets:
                    targets[path] = client.get(path).content.decode()
                assert f'id="{anchor}"' in targets[path], f"{url} → {path}#{anchor}: no such anchor"
                checked += 1
    assert checked >= 40


@pytest.mark.parametrize(
    ("language", "query", "slug_en"),
    [
        ("fr", "ONEM", DIRECTORY_KEY_SLUG),
        ("nl", "RIZIV", DIRECTORY_KEY_SLUG),
        ("en", "Crossroads", DIRECTORY_KEY_SLUG),
        ("fr", "glossaire", GLOSSARY_KEY_SLUG),
        ("nl", "inschakelingsuitkering", GLOSSARY_KEY_SLUG),
        ("en", "vouchers", GLOSSARY_KEY_SLUG),
    ],
)
def test_directory_and_glossary_are_found_by_search(client, language, query, slug_en):
    with translation.override(language):
        search_url = reverse("search")
        url = page(slug_en).get_url()
    html = client.get(search_url, {"q": query}).content.decode()
    assert f'href="{url}"' in html, f"{query!r} does not find {url}"


def test_plain_seed_paragraphs_may_hold_links():
    assert plain_with_links("the [NSSO](/en/who-does-what/#onss) & co") == (
        'the <a href="/en/who-does-what/#onss">NSSO</a> &amp; co'
    )
    # only site paths and https addresses become links; everything else stays escaped text
    assert plain_with_links("[x](javascript:alert(1)) <b>") == (
        "[x](javascript:alert(1)) &lt;b&gt;"
    )


def section_part(html):
    match = re.search(
        r'<section[^>]*aria-labelledby="section-institutions".*?</section>', html, re.S
    )
    return match.group(0) if match else None


def test_a_section_page_lists_the_institutions_that_serve_it(client, languages):
    entries = institutions()
    for theme in ThemePage.objects.live().specific():
        serving = [entry for entry in entries if theme.section in entry["sections"]]
        for code in languages:
            with translation.override(code):
                directory_url = page(DIRECTORY_KEY_SLUG).get_url()
            url, html = get(client, theme, code)
            listed = re.findall(
                rf'<a href="{re.escape(directory_url)}#([a-z0-9-]+)">([^<]+)</a>',
                section_part(html) or "",
            )
            assert [anchor for anchor, _name in listed] == [e["anchor"] for e in serving], url
            for (_anchor, name), entry in zip(listed, serving, strict=True):
                assert name.replace("&#x27;", "'").startswith(entry[f"name_{code}"]), url


def test_a_section_page_without_institutions_leaves_the_part_out(client):
    directory = page(DIRECTORY_KEY_SLUG)
    theme = ThemePage.objects.get(section="ageing")
    assert section_part(get(client, theme, "en")[1])
    for code in ("fr", "nl", "en"):
        body = getattr(directory, f"body_{code}")
        for block in body:
            if block.block_type == "institution":
                block.value["sections"] = [s for s in block.value["sections"] if s != "ageing"]
        setattr(directory, f"body_{code}", body)
    directory.save_revision().publish()
    assert section_part(get(client, theme, "en")[1]) is None


def known_acronyms():
    """The acronyms of the directory and the glossary, in every language: "ONSS", "RSZ", "GRAPA"…"""
    acronyms = set()
    for entry in institutions():
        acronyms |= {entry[f"acronym_{code}"] for code in ("fr", "nl", "en")}
    for term in glossary_terms():
        for code in ("fr", "nl", "en"):
            acronyms |= set(re.findall(r"\(([A-Za-z]{2,6})\)", term[f"term_{code}"]))
    return {acronym for acronym in acronyms if re.fullmatch(r"[A-Za-z]*[A-Z][A-Za-z]*", acronym)}


def unexpanded_first_uses(pieces, acronyms):
    """Acronyms whose first use in the body is neither a link (to its entry), nor inside
    parentheses after its expansion, nor followed by its expansion in parentheses."""
    seen, problems = set(), []
    for text, href in pieces:
        for match in re.finditer(r"(?<![\w-])([A-Za-z]{2,6})(?![\w-])", text):
            acronym = match.group(1)
            if acronym not in acronyms or acronym in seen:
                continue
            seen.add(acronym)
            before, after = text[: match.start()], text[match.end() :]
            in_parentheses = before.count("(") > before.count(")")
            if not (href or in_parentheses or after.startswith(" (")):
                problems.append(f"{acronym}: …{text[max(0, match.start() - 40) : match.end()]}")
    return problems


def test_theme_pages_expand_or_link_an_acronym_where_it_first_appears(client, languages):
    acronyms = known_acronyms()
    assert {"ONSS", "RSZ", "NSSO", "GRAPA", "IGO", "DmfA"} <= acronyms
    problems = []
    for theme in ThemePage.objects.live().specific():
        for code in languages:
            url, html = get(client, theme, code)
            parser = BodyText()
            parser.feed(html)
            problems += [
                f"{url} {problem}" for problem in unexpanded_first_uses(parser.pieces, acronyms)
            ]
    assert not problems, "\n".join(problems)
    # the check bites: an acronym used bare before its expansion is reported
    assert unexpanded_first_uses([("Ask the ONSS today.", None)], {"ONSS"})
