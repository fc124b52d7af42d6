"""The admin's translation files: a page's export and import screen, the download of one or
more pages (from a page, a selection of pages, or the translation report), and the import's
review and apply steps. Admin users need permission to edit every page they export or import."""

import base64
import binascii
import io
import zipfile

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.models import Page

from core.languages import default_language

from ..models import TranslationStatus
from . import importing, po, xliff
from .exporting import export_page

FORMATS = {"xliff": ("xlf", "application/xliff+xml"), "po": ("po", "text/x-gettext-translation")}


def target_language_choices():
    return [(code, name) for code, name in settings.LANGUAGES if code != default_language()]


class ExportForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Translate into"), choices=target_language_choices
    )
    format = forms.ChoiceField(
        label=gettext_lazy("File format"),
        choices=[
            ("xliff", gettext_lazy("XLIFF 2.0 (translation tools, agencies)")),
            ("po", gettext_lazy("PO (gettext)")),
        ],
        widget=forms.RadioSelect,
        initial="xliff",
    )


class ImportForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the translation"), choices=target_language_choices
    )
    file = forms.FileField(
        label=gettext_lazy("Translated file"),
        help_text=gettext_lazy("The XLIFF 2.0 (.xlf) or PO (.po) file the translator sent back."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlf,.xliff,.po,.xml"}),
    )


def _editable_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def page_translation_files(request, page_id):
    """A page's screen: export its texts for a translator, or import the translated file."""
    page = _editable_page(request, page_id)
    language = request.GET.get("language")
    initial = {"language": language} if language else {}
    return TemplateResponse(
        request,
        "editorial/translation_files/page.html",
        {
            "page": page,
            "page_title": _("Translation files"),
            "export_form": ExportForm(initial=initial),
            "import_form": ImportForm(initial=initial),
            "export_url": reverse("translation_files_export"),
            "import_url": reverse("translation_files_import", args=[page.pk]),
        },
    )


def _download(pages, language, file_format, archive=False):
    """One file (XLIFF: one <file> per page), or PO files of several pages as a zip."""
    source = default_language()
    extension, content_type = FORMATS[file_format]
    if file_format == "xliff" or (len(pages) == 1 and not archive):
        if file_format == "xliff":
            content = xliff.write(pages, source, language)
        else:
            content = po.write(pages[0], source, language)
        name = pages[0].file_stem(language) if len(pages) == 1 else f"pages.{source}-{language}"
        response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
        return response
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for page in pages:
            archive.writestr(
                f"{page.file_stem(language)}.{extension}", po.write(page, source, language)
            )
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="pages.{source}-{language}.zip"'
    return response


def export_translation_files(request):
    """Download the texts of the pages asked for (`page` repeated), or of every page whose
    `language` version needs translating (`outdated=1`), as XLIFF 2.0 or PO."""
    form = ExportForm(request.GET)
    if not form.is_valid():
        raise Http404
    language, file_format = form.cleaned_data["language"], form.cleaned_data["format"]
    if request.GET.get("outdated"):
        ids = TranslationStatus.objects.filter(
            language=language, needs_translation=True
        ).values_list("page_id", flat=True)
        pages = [
            page
            for page in Page.objects.filter(pk__in=ids).order_by("path").specific()
            if page.permissions_for_user(request.user).can_edit()
        ]
    else:
        ids = [value for value in request.GET.getlist("page") if value.isdigit()]
        pages = [_editable_page(request, page_id) for page_id in ids]
    return export_download(
        request, pages, language, file_format, archive=bool(request.GET.get("outdated"))
    )


def export_download(request, pages, language, file_format, archive=False):
    exported = [export_page(page, language) for page in pages]
    exported = [page for page in exported if page.units]
    if not exported:
        messages.warning(request, _("There is no text to translate on these pages."))
        return redirect(request.headers.get("referer") or reverse("content_translation_report"))
    return _download(exported, language, file_format, archive=archive)


def import_translation_file(request, page_id=None):
    """Upload → review (errors, or the change of each text) → apply as a draft revision.

    From a page, the file must be for that page; from the translation report (no page), it may
    hold several pages (an XLIFF export of the report or of a selection), each of which the
    editor must be allowed to edit."""
    page = _editable_page(request, page_id) if page_id is not None else None
    context = {"page": page, "page_title": _("Import a translation")}
    back = (
        reverse("translation_files_page", args=[page.pk])
        if page
        else reverse("content_translation_report")
    )
    if request.method != "POST":
        return redirect(back)
    if "content" in request.POST:  # the review's "Apply" carries the file it showed
        language = request.POST.get("language", "")
        name = request.POST.get("name", "")
        try:
            data = base64.b64decode(request.POST["content"], validate=True)
        except (binascii.Error, ValueError):
            data = b""
        if language not in dict(target_language_choices()):
            raise Http404
    else:
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid() and page is None:
            messages.error(request, _("Choose the language and the file to import."))
            return redirect(back)
        if not form.is_valid():
            return TemplateResponse(
                request,
                "editorial/translation_files/page.html",
                {
                    **context,
                    "page_title": _("Translation files"),
                    "export_form": ExportForm(),
                    "import_form": form,
                    "export_url": reverse("translation_files_export"),
                    "import_url": reverse("translation_files_import", args=[page.pk]),
                },
            )
        language = form.cleaned_data["language"]
        upload = form.cleaned_data["file"]
        name = upload.name
        data = upload.read(importing.MAX_FILE_SIZE + 1)
    plan = importing.check(name, data, request.user, language, page_id=page.pk if page else None)
    if plan.errors or "content" not in request.POST:
        return TemplateResponse(
            request,
            "editorial/translation_files/review.html",
            {
                **context,
                "plan": plan,
                "language_name": importing.language_name(language),
                "language": language,
                "name": name,
                "content": base64.b64encode(data).decode("ascii"),
                "back_url": back,
            },
            status=400 if plan.errors else 200,
        )
    revisions = importing.apply(plan, request.user)
    if revisions:
        messages.success(
            request,
            ngettext(
                "The translation is saved as a draft (%(count)s text changed). "
                "Check it in the preview, then submit it for moderation or publish it.",
                "The translation is saved as a draft (%(count)s texts changed). "
                "Check it in the preview, then submit it for moderation or publish it.",
                plan.changes_count,
            )
            % {"count": plan.changes_count},
        )
    elif all(page_plan.complete for page_plan in plan.pages):
        messages.success(request, _("The file changes no text; the translation is up to date."))
    else:
        messages.info(request, _("The file changes no text."))
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]) if page else back)
