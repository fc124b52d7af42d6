"""Helpers for the editor tests: users in the editorial groups, and the POST data the page
editor would send for a page as it stands (so a test changes one field and submits the rest)."""

import datetime
import json
from importlib import import_module

from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail import blocks
from wagtail.blocks.base import BlockField
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.models import Collection
from wagtail.test.utils.form_data import rich_text

from accounts.testing import current_code, totp_device
from content.blocks import RICH_TEXT_FEATURES

PASSWORD = "a-long-test-password"  # noqa: S105


def restore_editorial_set_up():
    """The root collection, the groups and workflow of the roles migration and the workflow
    names of the migration after it: transactional tests start from an emptied database, so the
    data those migrations made is made again."""
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    import_module("content.migrations.0004_editor_groups_and_workflow").set_up_editorial_roles(
        apps, None
    )
    import_module("editorial.migrations.0002_workflow_names_in_readers_language").store_keys(
        apps, None
    )


def make_user(username, group_name, language=None):
    """A user in one of the editorial groups, with an admin language preference and an
    authenticator app (its second factor; see sign_in)."""
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD
    )
    user.groups.add(Group.objects.get(name=group_name))
    totp_device(user)
    if language:
        from wagtail.users.models import UserProfile

        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def sign_in(page, base_url, username, password=PASSWORD):
    """Sign in through the admin's forms in a browser: the password, then the code the
    account's authenticator app shows. Ends on the page the admin shows next."""
    from django.contrib.auth import get_user_model

    # The code first: no database work of the test while the live server answers the browser.
    code = current_code(totp_device(get_user_model().objects.get(username=username)))
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("form.login-form button[type=submit]").click()
    page.wait_for_url(f"{base_url}/admin/2fa/verify/**")
    page.fill("#id_code", code)
    with page.expect_navigation():
        page.locator("form.login-form button[type=submit]").click()


def _encode_block(block, value, prefix, data):
    if isinstance(block, blocks.StreamBlock):
        children = list(value or [])
        data[f"{prefix}-count"] = str(len(children))
        for index, child in enumerate(children):
            data[f"{prefix}-{index}-type"] = child.block_type
            data[f"{prefix}-{index}-deleted"] = ""
            data[f"{prefix}-{index}-order"] = str(index)
            data[f"{prefix}-{index}-id"] = child.id or ""
            _encode_block(child.block, child.value, f"{prefix}-{index}-value", data)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            _encode_block(child_block, value.get(name), f"{prefix}-{name}", data)
    elif isinstance(block, blocks.ListBlock):
        children = list(value.bound_blocks) if value is not None else []
        data[f"{prefix}-count"] = str(len(children))
        for index, child in enumerate(children):
            data[f"{prefix}-{index}-deleted"] = ""
            data[f"{prefix}-{index}-order"] = str(index)
            data[f"{prefix}-{index}-id"] = child.id or ""
            _encode_block(block.child_block, child.value, f"{prefix}-{index}-value", data)
    elif isinstance(block, blocks.RichTextBlock):
        data[prefix] = rich_text(value.source if value else "", features=RICH_TEXT_FEATURES)
    elif isinstance(block, TableBlock):
        data[prefix] = json.dumps(value)
    elif isinstance(block, blocks.BooleanBlock):
        if value:
            data[prefix] = "on"
    elif isinstance(block, blocks.ChooserBlock):
        data[prefix] = str(value.pk) if value else ""
    else:
        data[prefix] = "" if value is None else str(value)


def _encode_field(field, value, name, data):
    if isinstance(field, BlockField):
        _encode_block(field.block, value, name, data)
    elif isinstance(field, forms.BooleanField):
        if value:
            data[name] = "on"
    elif value is None:
        data[name] = ""
    elif isinstance(value, datetime.datetime):
        data[name] = value.strftime("%Y-%m-%d %H:%M")
    else:
        data[name] = str(value)


def page_form_data(page, **changes):
    """The edit form's data for the page's latest version, with `changes` applied."""
    page = type(page).objects.get(pk=page.pk).get_latest_revision_as_object()
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(instance=page, parent_page=page.get_parent(), for_user=None)
    data = {}
    for name, field in form.fields.items():
        _encode_field(field, form[name].value(), name, data)
    for relation, formset in form.formsets.items():
        data[f"{relation}-TOTAL_FORMS"] = str(len(formset.forms))
        data[f"{relation}-INITIAL_FORMS"] = str(formset.initial_form_count())
        data[f"{relation}-MIN_NUM_FORMS"] = "0"
        data[f"{relation}-MAX_NUM_FORMS"] = "1000"
        for index, child_form in enumerate(formset.forms):
            for name, field in child_form.fields.items():
                _encode_field(field, child_form[name].value(), f"{relation}-{index}-{name}", data)
            data[f"{relation}-{index}-ORDER"] = str(index)
    data.update(changes)
    return data
