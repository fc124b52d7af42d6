"""The feedback form, kept free of spam without a puzzle (WCAG 3.3.8)."""

import logging

from django import forms
from django.conf import settings
from django.db import models
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel

from core.pages import (
    AdminTitleInUserLanguageMixin,
    LanguagePreviewMixin,
    OwnLanguageValuesMixin,
    TranslatedContentMixin,
)
from core.ratelimit import count, over_rate_limit, rate_limited

from .base import title_search_fields


class FormField(AbstractFormField):
    page = ParentalKey("content.FormPage", on_delete=models.CASCADE, related_name="form_fields")


HONEYPOT_FIELD = "homepage"
# Posts that are not stored (invalid, honeypot) count apart, against a limit this many times
# higher: a visitor correcting mistakes is never blocked, a robot flooding the form is.
ATTEMPTS_FACTOR = 10

logger = logging.getLogger(__name__)


class FeedbackFormBuilder(FormBuilder):
    """Wagtail's form builder; a multi-line text (the message) has a maximum length, said in
    its help text, and a clear error in the visitor's language that keeps what was typed."""

    def create_multiline_field(self, field, options):
        limit = settings.FEEDBACK_MESSAGE_MAX_LENGTH
        hint = _("At most %(limit)s characters.") % {"limit": limit}
        help_text = options.get("help_text")
        options["help_text"] = format_html("{} {}", help_text, hint) if help_text else hint
        options["max_length"] = limit
        options["error_messages"] = {
            "max_length": _(
                "Your message is too long: use at most %(limit_value)d characters (it has "
                "%(show_value)d). What you typed is kept: shorten it and send it again."
            )
        }
        form_field = super().create_multiline_field(field, options)
        # No maxlength attribute: the browser would cut a pasted text short without a word;
        # the limit is in the help text and checked when the form is sent.
        form_field.widget.attrs.pop("maxlength", None)
        return form_field


class HoneypotFormMixin:
    """A spam trap: a field people never see or reach, which form-filling robots fill in.

    The template renders it apart (`form.honeypot`) in a visually hidden, aria-hidden block
    with tabindex=-1, so it is not in the page's reading or tab order. A post with it filled
    in is answered like a success and not stored.
    """

    def __iter__(self):
        return (field for field in super().__iter__() if field.name != HONEYPOT_FIELD)

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data.pop(HONEYPOT_FIELD, None)
        return cleaned_data


class FormPage(
    OwnLanguageValuesMixin,
    AdminTitleInUserLanguageMixin,
    LanguagePreviewMixin,
    TranslatedContentMixin,
    AbstractEmailForm,
):
    """The feedback form: submissions are stored and listed for editors in the admin.

    Spam is kept out without a puzzle (WCAG 3.3.8): a honeypot field, and at most
    FEEDBACK_RATE_LIMIT stored messages per client address, counted in the shared cache.
    """

    intro = models.TextField(_("introduction"), blank=True)
    thank_you_text = models.TextField(
        _("thank-you text"), blank=True, help_text=_("Shown after the form was sent.")
    )
    search_fields = AbstractEmailForm.search_fields + title_search_fields()

    fallback_checked_fields = ("title", "intro")
    subpage_types = []
    parent_page_types = ["content.HomePage", "content.StandardPage"]
    template = "content/form_page.html"
    landing_page_template = "content/form_page_landing.html"
    form_builder = FeedbackFormBuilder
    # What a visitor is told this page is (a search result's kind), rather than "form page".
    visitor_kind = _("form")

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("to_address"), FieldPanel("from_address"), FieldPanel("subject")],
            heading=_("E-mail notification (optional)"),
        ),
    ]

    class Meta:
        verbose_name = _("form page")

    def get_meta_description(self):
        return self.search_description or self.intro

    def get_form_class(self):
        honeypot = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        return type(
            "FeedbackForm",
            (HoneypotFormMixin, super().get_form_class()),
            {HONEYPOT_FIELD: honeypot},
        )

    def _rate_scope(self):
        return f"feedback-{self.pk}"

    def serve(self, request, *args, **kwargs):
        """Only stored submissions count against FEEDBACK_RATE_LIMIT (see
        render_landing_page); every post counts against a limit ATTEMPTS_FACTOR times higher,
        so a visitor correcting a form is never refused, and a flood still is."""
        if request.method == "POST":
            limit, window = settings.FEEDBACK_RATE_LIMIT
            if rate_limited(request, self._rate_scope(), limit) or over_rate_limit(
                request, f"{self._rate_scope()}-posts", limit * ATTEMPTS_FACTOR, window
            ):
                return self.serve_rate_limited(request)
            if request.POST.get(HONEYPOT_FIELD):
                return self.render_landing_page(request)
        return super().serve(request, *args, **kwargs)

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        if form_submission is not None:  # stored: this one counts against the limit
            count(request, self._rate_scope(), settings.FEEDBACK_RATE_LIMIT[1])
        return super().render_landing_page(request, form_submission, *args, **kwargs)

    def send_mail(self, form):
        """The e-mail to the editors is a convenience: the submission is already stored and
        listed in the admin. If the mail server cannot take it, the visitor still gets the
        thank-you page; the failure is logged without the message or any address."""
        try:
            super().send_mail(form)
        except Exception as error:
            logger.error(
                "The e-mail notification of feedback form page %s could not be sent (%s); the "
                "submission is stored and listed in the admin.",
                self.pk,
                type(error).__name__,
            )

    def serve_rate_limited(self, request):
        """The form again, with what was typed, and why it was not sent (HTTP 429)."""
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        form.is_valid()
        form.add_error(
            None,
            _(
                "You have sent several messages in a short time, so this one was not sent. "
                "What you typed is kept below: please wait a few minutes and send it again."
            ),
        )
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=429)
