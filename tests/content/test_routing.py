"""A URL is routed by its translated slug without loading every sibling (content.routing)."""

import pytest
from django.db.models.signals import post_init
from django.http import Http404
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page

from content.models import HomePage, ThemePage

pytestmark = pytest.mark.django_db


def pages_loaded_while(function):
    loaded = []

    def count(sender, instance, **kwargs):
        if isinstance(instance, Page):
            loaded.append(instance)

    post_init.connect(count, weak=False)
    try:
        result = function()
    finally:
        post_init.disconnect(count)
    return result, loaded


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_routing_loads_the_child_of_that_slug_not_its_siblings(language):
    home = HomePage.objects.get()
    ageing = ThemePage.objects.get(section="ageing")
    assert home.get_children().count() > 5
    with translation.override(language):
        slug = ageing.slug
        request = RequestFactory().get(ageing.get_url())
        result, loaded = pages_loaded_while(lambda: home.route(request, [slug]))
    assert result.page.pk == ageing.pk
    assert {page.pk for page in loaded} == {ageing.pk}


def test_a_slug_of_another_language_is_not_found():
    home = HomePage.objects.get()
    ageing = ThemePage.objects.get(section="ageing")
    with translation.override("en"):
        request = RequestFactory().get("/en/")
        with pytest.raises(Http404):
            home.route(request, [ageing.slug_nl])
