"""The design tokens in static/css/portal.css keep their contrast promises, in both colour schemes.

axe-core checks the contrast of the text it finds on the pages; this test checks the palette
itself, including pairs no page may show today (visited links on a card, an error on a notice),
against the portal's own targets: 7:1 for body text (WCAG AAA 1.4.6), 4.5:1 for other text and
3:1 for interface parts and graphics (1.4.3, 1.4.11).
"""

import re

import pytest
from django.conf import settings

CSS = (settings.BASE_DIR / "static" / "css" / "portal.css").read_text(encoding="utf-8")

# (foreground token, background token, minimum ratio, what the pair is)
PAIRS = [
    ("text", "background", 7, "body text"),
    ("text", "surface", 7, "text on cards, testimonials and the footer"),
    ("text", "notice", 7, "text in notices"),
    ("text-muted", "background", 7, "intro and secondary text"),
    ("text-muted", "surface", 7, "secondary text on cards"),
    ("link", "background", 7, "links in body text"),
    ("link", "surface", 4.5, "links on cards and in the footer"),
    ("link-visited", "background", 4.5, "visited links"),
    ("link-visited", "surface", 4.5, "visited links on cards"),
    ("brand-contrast", "brand", 7, "header text and buttons"),
    ("error", "background", 4.5, "error messages"),
    ("border", "background", 3, "form field borders and table rules"),
    ("border", "surface", 3, "borders on cards"),
    ("chart", "background", 3, "chart bars"),
    ("focus-ring", "background", 3, "focus outline on the page"),
    ("focus", "brand", 3, "focus outline in the header"),
]


def tokens(block):
    return dict(re.findall(r"--colour-([a-z-]+):\s*(#[0-9a-fA-F]{6})", block))


def palettes():
    light = tokens(CSS.split("@media (prefers-color-scheme: dark)")[0])
    dark_block = re.search(r"@media \(prefers-color-scheme: dark\)\s*\{(.*?)\n\}", CSS, re.S)
    assert dark_block, "portal.css has no dark colour scheme"
    return {"light": light, "dark": {**light, **tokens(dark_block.group(1))}}


def luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_palette_meets_its_contrast_targets(scheme):
    palette = palettes()[scheme]
    failures = [
        f"{what}: --colour-{fg} {palette[fg]} on --colour-{bg} {palette[bg]} is "
        f"{contrast(palette[fg], palette[bg]):.2f}:1, needs {minimum}:1"
        for fg, bg, minimum, what in PAIRS
        if contrast(palette[fg], palette[bg]) < minimum
    ]
    assert not failures, "\n".join(failures)


def test_motion_print_and_colour_scheme_are_honoured():
    assert "@media (prefers-reduced-motion: reduce)" in CSS
    assert "@media print" in CSS
    assert "@media (prefers-color-scheme: dark)" in CSS
