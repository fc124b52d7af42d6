"""The preview of a page being edited, without validating the whole form again for every view.

Wagtail's preview on edit is two requests. The editor's form is POSTed, validated and stored
(`FormState`); then the preview panel GETs the preview in one language, which builds the form
from the stored data, validates it once more and renders the page. Validating the largest form
("Chiffres clés": three bodies of some 80 blocks each, 30 data series and source citations)
cleaned every block of every language and loaded every chosen page and publication one at a
time, about 65 queries and two thirds of the preview's server time, and the panel asks again
for each language the editor picks.

What a valid form makes of the page (`form.save(commit=False)`) is now kept when it is
validated, in the form Wagtail keeps a revision in: the page's serializable data (JSON), in the
shared cache, for an hour. The key holds the editor, the page, its latest revision and a digest
of the stored form data, so another editor's draft, a newer revision or any change of the form
is another entry. A GET whose stored form data has an entry renders the page rebuilt from it as
Wagtail previews a revision (`with_content_json`), on the latest revision, keeping that
revision's URL paths as the form does (a slug changed in the form changes the page's address
only once saved). Without an entry (expired, another server without the shared cache, the cache
unavailable), the GET validates the form as Wagtail does, and keeps what it made. An invalid
form is never kept: its preview is Wagtail's "preview not available" page, as before.

The one thing the entry does not see is a chosen page, image or publication deleted after the
form was validated: for the hour of the entry, the preview shows the page without it (as a
revision does) instead of "preview not available". The next change of the form validates again.
"""

import hashlib
import json
import logging
from collections import defaultdict

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.utils.timezone import now
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail.admin.models import FormState
from wagtail.admin.views.pages.preview import PreviewOnEditView
from wagtail.utils.decorators import xframe_options_sameorigin_override

from core import translated

logger = logging.getLogger(__name__)

KEPT_KEY = "portal:preview:{user}:{page}:{revision}:{digest}"
KEPT_SECONDS = 3600


def rebuilt(page, form_class, content):
    """What `form_class`, bound to `page`, made of it when validated, from its serializable data
    `content`: or None when something it chose no longer exists.

    As the form does, only what the form edits comes from `content` (fields and inline items);
    every other field is the page's as it is now (its place in the tree, URL paths, revision and
    publishing state, lock). What the form chose (a publication of a source citation, an image)
    is loaded once per model for the page and all its inline items, where a revision loads it
    one row at a time (`from_serializable_data` with `check_fks`), and given to them, as the
    form's choice fields give them the rows they loaded; a missing one means the form would not
    validate now, and the caller validates it.
    """
    model = page.specific_class
    edited = set(form_class.base_fields) | set(getattr(form_class, "formsets", {}))
    result = model.from_serializable_data(content, check_fks=False)
    translated_base_names = set(translated.translated_fields(model))
    for field in model._meta.concrete_fields:
        if field.name not in edited and field.name not in translated_base_names:
            setattr(result, field.attname, getattr(page, field.attname))
    references = []  # (object, foreign key) of what the form chose
    for field in model._meta.concrete_fields:
        if field.many_to_one and field.name in edited:
            references.append((result, field))
    for relation in get_all_child_relations(model):
        if relation.get_accessor_name() in edited:
            references.extend(_child_references(getattr(result, relation.get_accessor_name())))
    return result if _attach(references) else None


def _child_references(manager):
    references = []
    for child in manager.all():
        for field in type(child)._meta.concrete_fields:
            if field.many_to_one and not isinstance(field, ParentalKey):
                references.append((child, field))
        for relation in get_all_child_relations(type(child)):
            references.extend(_child_references(getattr(child, relation.get_accessor_name())))
    return references


def _attach(references):
    """Load what the references point to, one query per model; False if any is missing."""
    wanted = defaultdict(set)
    for obj, field in references:
        value = getattr(obj, field.attname)
        if value is not None:
            wanted[(field.related_model, field.target_field.attname)].add(value)
    found = {}
    for (related_model, to_field), values in wanted.items():
        rows = related_model._default_manager.filter(**{f"{to_field}__in": values})
        found[related_model, to_field] = {getattr(row, to_field): row for row in rows}
        if len(found[related_model, to_field]) < len(values):
            return False
    for obj, field in references:
        value = getattr(obj, field.attname)
        if value is not None:
            field.set_cached_value(
                obj, found[field.related_model, field.target_field.attname][value]
            )
    return True


class KeptPreviewOnEditView(PreviewOnEditView):
    """Wagtail's preview on edit, rendering what the last validation of the same data made."""

    def kept_key(self, data):
        digest = hashlib.sha256(data.encode()).hexdigest()
        return KEPT_KEY.format(
            user=self.request.user.pk,
            page=self.object.pk,
            revision=self.object.latest_revision_id,
            digest=digest,
        )

    def keep(self, data, page):
        try:
            content = json.dumps(page.serializable_data(), cls=DjangoJSONEncoder)
            cache.set(self.kept_key(data), content, KEPT_SECONDS)
        except Exception:
            logger.exception("The preview of page %s cannot be kept", page.pk)

    def is_kept(self, data):
        try:
            return cache.has_key(self.kept_key(data))
        except Exception:
            logger.exception("The preview of page %s cannot be read", self.object.pk)
            return False

    def kept(self, data):
        try:
            content = cache.get(self.kept_key(data))
        except Exception:
            logger.exception("The preview of page %s cannot be read", self.object.pk)
            return None
        if content is None:
            return None
        return rebuilt(self.object, self.get_form_class_for_page(), json.loads(content))

    def get_form_class_for_page(self):
        return self.object.get_edit_handler().get_form_class()

    def post(self, request, *args, **kwargs):
        """Wagtail's post, keeping what a valid form makes of the page."""
        self.remove_old_preview_data()
        form = self.get_form(request.POST)
        is_valid = self.validate_form(form)
        if is_valid:
            data = form.data.urlencode()
            FormState.objects.update_or_create_by_instance(
                instance=self.object,
                parent_object_id=self.parent_object_id,
                user=request.user,
                defaults={"data": data, "last_updated_at": now()},
            )
            form.save(commit=False)
            self.keep(data, form.instance)
            is_available = True
        else:
            # Is the previous data still previewable? Kept means validated.
            form_state = self._get_form_state()
            data = form_state.data if form_state else ""
            is_available = (data and self.is_kept(data)) or self.validate_form(
                self.get_form(self._get_form_data(form_state))
            )
        return JsonResponse({"is_valid": is_valid, "is_available": bool(is_available)})

    @method_decorator(xframe_options_sameorigin_override)
    def get(self, request, *args, **kwargs):
        form_state = self._get_form_state()
        data = form_state.data if form_state else ""
        page = self.kept(data) if data else None
        if page is None:
            form = self.get_form(self._get_form_data(form_state))
            if not self.validate_form(form):
                return self.error_response()
            form.save(commit=False)
            page = form.instance
            if data:
                self.keep(data, page)
        self.object = page
        try:
            preview_mode = request.GET.get("mode", page.default_preview_mode)
        except IndexError as e:
            raise PermissionDenied from e
        return page.make_preview_request(request, preview_mode, self.get_extra_request_attrs())
