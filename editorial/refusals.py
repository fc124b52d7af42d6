"""Refusals that say why, in the editor's language.

Wagtail answers "add a child page" under a page type that takes none (a magazine section, the
timeline, the key figures…) with its generic "Sorry, you do not have permission to access this
area": not a permissions problem, and added outside the editor's language (Wagtail's
`permission_denied` runs after the preferred language is no longer active). Here the admin says
which kind of page takes no pages under it and goes back to where the editor was.
"""

from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.create import AddSubpageView
from wagtail.models import Page


class ExplainedAddSubpageView(AddSubpageView):
    def dispatch(self, request, parent_page_id, *args, **kwargs):
        parent = get_object_or_404(Page, id=parent_page_id).specific
        if not parent.specific_class.creatable_subpage_models():
            messages.warning(
                request,
                _(
                    "A page of the type “%(type)s” cannot have pages under it. Add the new page "
                    "under the home page, or under a standard page."
                )
                % {"type": parent.specific_class.get_verbose_name()},
            )
            return redirect("wagtailadmin_explore", parent.get_parent().id)
        return super().dispatch(request, parent_page_id, *args, **kwargs)


add_subpage = require_admin_access(ExplainedAddSubpageView.as_view())
