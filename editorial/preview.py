"""The preview of a page being edited, without validating the whole form again for every view.

Wagtail's preview on edit is two requests. The editor's form is POSTed, validated and stored
(`FormState`); then the preview panel GETs the preview in one language, which loads the page's
latest revision, builds the form from the stored data, validates it once more and renders the
page. For the largest page ("Chiffres clés") that validation cleaned every block of the three
bodies and loaded every chosen page and publication one at a time: about 65 queries and 40 % of
the preview's server time, paid again for each language the editor picks.

What a valid form makes of the page (`form.save(commit=False)`) is now kept when it is
validated, in the form Wagtail keeps a revision in (the page's serializable data, JSON), in the
shared cache for an hour. The key holds the editor, the page, its place in the tree, its latest
revision and a digest of the stored form data: another editor, a move, a newer revision or any
change of the form is another entry. A GET whose stored form data has an entry renders the page
rebuilt from it (`rebuilt`) and does not load the latest revision; without one (expired, another
server without the shared cache, the cache unavailable), it does what Wagtail does and keeps the
result. An invalid form is never kept: its preview is Wagtail's "preview not available" page.

What an entry does not see within its hour: a page chosen in a StreamField block and deleted
since is left out of the preview (as in a revision's preview) instead of making it unavailable;
an ancestor's slug renamed since leaves the old address in the page's own links. The next change
of the form validates it again.
"""

import hashlib
import json
import logging
from collections import defaultdict

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.timezone import now
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail.admin.models import FormState
from wagtail.admin.views.pages.preview import PreviewOnEditView
from wagtail.models import Page
from wagtail.utils.decorators import xframe_options_sameorigin_override

logger = logging.getLogger(__name__)

KEPT_KEY = "portal:preview:{user}:{page}:{path}:{revision}:{digest}"
KEPT_SECONDS = 3600


# What Wagtail takes from the page's row, not from a revision's content, when it rebuilds a
# revision (`Page.with_content_json`, Wagtail 8): its place in the tree and its state as a whole.
FROM_THE_ROW = (
    "id",
    "content_type_id",
    "path",
    "depth",
    "numchild",
    "draft_title",
    "live",
    "has_unpublished_changes",
    "owner_id",
    "locked",
    "locked_by_id",
    "locked_at",
    "latest_revision_id",
    "latest_revision_created_at",
    "translation_key",
    "locale_id",
    "alias_of_id",
)


def rebuilt(row, form_class, content):
    """What `form_class` made of the page's latest revision when it was validated, from its
    serializable data `content` and the page's `row`: or None when something it chose no longer
    exists.

    `content` holds every field of the page as the form left it: what the form edits, and the
    rest as the latest revision had it. As when Wagtail rebuilds a revision, what says where the
    page is and what state it is in comes from the row as it is now. What the form chose (the
    publication of a source citation, an image) is loaded once per model for the page and all
    its inline items, where a revision loads it one row at a time (`from_serializable_data` with
    `check_fks`), and given to them, as the form's choice fields give them the rows they loaded;
    a missing one means the form would not validate now, and the caller validates it.
    """
    model = row.specific_class
    edited = set(form_class.base_fields) | set(getattr(form_class, "formsets", {}))
    result = model.from_serializable_data(content, check_fks=False)
    for name in FROM_THE_ROW:
        setattr(result, name, getattr(row, name))
    result.pk = row.pk
    if result.first_published_at is None:
        result.first_published_at = row.first_published_at
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
    """Load what the references point to, one query per model; False if any is missing, or if
    a reference's choices are limited (the form would check the limit: let it)."""
    wanted = defaultdict(set)
    for obj, field in references:
        if field.remote_field.limit_choices_to:
            return False
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
            path=self.object.path,
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

    def get_object(self):
        """For a GET, the page as its row stands: its latest revision is loaded (Wagtail's
        `get_object`, one query per inline item's choice) only if the form is validated again."""
        if self.request.method != "GET":
            return super().get_object()
        page = get_object_or_404(
            Page.objects.select_related("latest_revision"), id=self.kwargs["page_id"]
        ).specific
        if not page.permissions_for_user(self.request.user).can_edit():
            raise PermissionDenied
        return page

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
            self.object = self.object.get_latest_revision_as_object()
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
