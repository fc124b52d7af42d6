"""The key-figures charts draw in every language, as a person sees them in Chromium.

French and Dutch write decimals with a comma; SVG geometry needs a dot. A localised
`width="69,6"` is rejected by the browser and the bars vanish, which no markup check notices:
this test measures the rendered bars.
"""

import pytest
from django.utils import translation

from content.models import KeyFiguresPage
from core.languages import language_codes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [320, 1280])
def test_every_bar_of_every_chart_has_a_drawn_size_in_every_language(live_site, browser, width):
    key_figures = KeyFiguresPage.objects.get()
    expected_bars = sum(len(series.points()) for series in key_figures.series.all())
    assert expected_bars > 0
    context = browser.new_context(viewport={"width": width, "height": 900})
    errors = []
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    for code in language_codes():
        with translation.override(code):
            page.goto(live_site.url + key_figures.get_url())
        sizes = page.eval_on_selector_all(
            ".chart__bar",
            "bars => bars.map(bar => { const box = bar.getBoundingClientRect();"
            " return [box.width, box.height]; })",
        )
        assert len(sizes) == expected_bars, code
        flat = [size for size in sizes if size[0] <= 0.5 or size[1] <= 0.5]
        assert not flat, f"{code}: {len(flat)} of {len(sizes)} bars are not drawn"
    context.close()
    assert not errors, errors
