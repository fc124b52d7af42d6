"""Feedback notifications by e-mail: configured from EMAIL_URL, sent through a real SMTP server
(aiosmtpd on loopback), and never failing the visitor's post when the mail server refuses."""

import logging
import subprocess
import sys

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings
from wagtail.contrib.forms.models import FormSubmission

from content.models import FormPage
from scripts.prodserver import free_port, production_env
from tests.delivery.test_security import form_url, valid_feedback

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    if controller._thread is not None:  # not stopped by the test
        controller.stop()


@pytest.fixture
def notifying_form(settings, smtp_server):
    controller, _inbox = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_TIMEOUT = 5
    page = FormPage.objects.get()
    page.to_address = "editors@example.org"
    page.from_address = "portal@example.org"
    page.subject = "Feedback"
    page.save_revision().publish()
    return page


def test_a_post_is_stored_and_mailed_to_the_editors(client, notifying_form, smtp_server):
    _controller, inbox = smtp_server
    response = client.post(form_url(), valid_feedback())
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    assert FormSubmission.objects.count() == 1
    [message] = inbox.messages
    assert message.rcpt_tos == ["editors@example.org"]
    assert message.mail_from == "portal@example.org"
    assert b"My words" in message.content


def test_when_the_mail_server_refuses_the_post_is_still_stored_and_thanked(
    client, notifying_form, smtp_server, caplog
):
    controller, inbox = smtp_server
    controller.stop()  # the port now refuses connections
    with caplog.at_level(logging.ERROR, logger="content.models.feedback"):
        response = client.post(form_url("fr"), valid_feedback("fr"))
    assert response.status_code == 200
    assert "Merci" in response.content.decode()
    assert FormSubmission.objects.count() == 1
    assert inbox.messages == []
    [record] = [r for r in caplog.records if r.name == "content.models.feedback"]
    assert "could not be sent (ConnectionRefusedError)" in record.getMessage()
    # No personal data in the log: neither what was typed nor any address.
    assert "My words" not in caplog.text and "@example.org" not in caplog.text


def test_production_reads_the_mail_server_from_email_url():
    env = production_env(
        "sqlite:////tmp/portal-check.db",
        EMAIL_URL="submission://mailer:s%40cret@smtp.example.org:2587/?timeout=7",
        DEFAULT_FROM_EMAIL="portal@example.org",
    )
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, "
        "s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, s.EMAIL_TIMEOUT, s.DEFAULT_FROM_EMAIL)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        "2587",
        "mailer",
        "s@cret",
        "True",
        "7",
        "portal@example.org",
    ]
    # Without EMAIL_URL: a local relay, with a timeout.
    del env["EMAIL_URL"]
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split()[1:3] == ["localhost", "25"] and result.stdout.split()[6] == "10"
