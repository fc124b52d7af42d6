"""The feedback form's limits: only stored messages count against the rate limit (invalid and
honeypot posts count apart, against a limit ten times higher), and a message has a maximum
length that the visitor is told, with an error in their language that keeps what they typed."""

import pytest
from wagtail.contrib.forms.models import FormSubmission

from content.models import HONEYPOT_FIELD, FormPage
from content.models.feedback import ATTEMPTS_FACTOR
from tests.delivery.test_security import form_url, valid_feedback

pytestmark = pytest.mark.django_db
ADDRESS = {"REMOTE_ADDR": "198.51.100.20"}


def message_field():
    page = FormPage.objects.get()
    return next(field for field in page.form_fields.all() if field.field_type == "multiline")


def test_invalid_and_honeypot_posts_do_not_use_up_the_limit(client, settings):
    limit, _window = settings.FEEDBACK_RATE_LIMIT
    url, data = form_url(), valid_feedback()
    invalid = {name: value for name, value in data.items() if name != message_field().clean_name}
    for _ in range(limit + 2):
        response = client.post(url, invalid, **ADDRESS)
        assert response.status_code == 200 and 'class="error-summary"' in response.content.decode()
        assert (
            client.post(url, {**data, HONEYPOT_FIELD: "http://spam"}, **ADDRESS).status_code == 200
        )
    assert FormSubmission.objects.count() == 0
    # Every stored message counts: exactly `limit` go through, then the visitor must wait.
    for _ in range(limit):
        response = client.post(url, data, **ADDRESS)
        assert response.status_code == 200 and "Thank you" in response.content.decode()
    assert client.post(url, data, **ADDRESS).status_code == 429
    assert FormSubmission.objects.count() == limit


def test_a_flood_of_posts_that_are_not_stored_is_refused_all_the_same(client, settings):
    limit, _window = settings.FEEDBACK_RATE_LIMIT
    url, data = form_url(), valid_feedback()
    spam = {**data, HONEYPOT_FIELD: "http://spam"}
    for _ in range(limit * ATTEMPTS_FACTOR):
        assert client.post(url, spam, **ADDRESS).status_code == 200
    assert client.post(url, data, **ADDRESS).status_code == 429
    assert FormSubmission.objects.count() == 0


def test_the_maximum_length_is_shown_and_a_longer_message_is_kept_with_an_error(client, settings):
    settings.FEEDBACK_MESSAGE_MAX_LENGTH = 300
    url = form_url("nl")
    page = client.get(url).content.decode()
    assert "Maximaal 300 tekens." in page

    field = message_field()
    typed = " ".join(["Mijn verhaal over de kinderbijslag."] * 10)  # 359 characters
    response = client.post(url, {**valid_feedback("nl"), field.clean_name: typed}, **ADDRESS)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Uw bericht is te lang: gebruik maximaal 300 tekens (het telt er 359)" in content
    assert typed in content  # what was typed is given back, whole
    assert 'aria-invalid="true"' in content
    assert "maxlength" not in content.split(f'name="{field.clean_name}"', 1)[1].split(">", 1)[0]
    assert FormSubmission.objects.count() == 0

    response = client.post(url, {**valid_feedback("nl"), field.clean_name: typed[:300]}, **ADDRESS)
    assert response.status_code == 200 and FormSubmission.objects.count() == 1
