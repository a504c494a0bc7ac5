"""The admin's hooks for medical pages: no Publish on a new one, no live copies or aliases (core/permissions.py)."""

from django import forms
from django.apps import apps
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import Page

from .permissions import live_copy_refusal, may_publish_new


def _checked(value):
    return forms.BooleanField(required=False).to_python(value)


def _page_class_being_created(request):
    kwargs = request.resolver_match.kwargs if request.resolver_match else {}
    try:
        return apps.get_model(kwargs["content_type_app_name"], kwargs["content_type_model_name"])
    except (KeyError, LookupError):
        return None


@hooks.register("construct_page_action_menu")
def hide_publish_on_new_medical_pages(menu_items, request, context):
    """The create view asks the parent whether to offer Publish; for a new medical page, ask its reviewers."""
    if context.get("view") != "create":
        return
    page_class = _page_class_being_created(request)
    if getattr(page_class, "publishes_through_review", False) and not may_publish_new(
        request.user, context["parent_page"]
    ):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("before_copy_page")
def refuse_live_copies_of_medical_pages(request, page):
    """The copy view: "Publish copies" or "Alias" over medical pages, by someone who may not publish them."""
    if request.method != "POST" or not (
        _checked(request.POST.get("publish_copies")) or _checked(request.POST.get("alias"))
    ):
        return None
    destination = Page.objects.filter(pk=request.POST.get("new_parent_page") or None).first() or page.get_parent()
    message = live_copy_refusal(request.user, page, destination, _checked(request.POST.get("copy_subpages")))
    if message is None:
        return None
    messages.error(request, message)
    return redirect(request.get_full_path())


@hooks.register("construct_admin_api")
def refuse_live_copies_in_the_admin_api(router):
    """The admin API's copy (live by default) and alias actions: the same rule as the copy view."""
    from rest_framework.exceptions import PermissionDenied
    from wagtail.admin.api.actions.copy import CopyPageAPIAction
    from wagtail.admin.api.actions.create_alias import CreatePageAliasAPIAction
    from wagtail.admin.api.views import PagesAdminAPIViewSet

    def check(request, page, destination, recursive):
        if message := live_copy_refusal(request.user, page, destination or page.get_parent(), recursive):
            raise PermissionDenied(message)

    class ReviewedCopy(CopyPageAPIAction):
        def _action_from_data(self, instance, data):
            action = super()._action_from_data(instance, data)
            if action.keep_live:
                check(self.request, instance, action.to, action.recursive)
            return action

    class ReviewedAlias(CreatePageAliasAPIAction):
        def _action_from_data(self, instance, data):
            action = super()._action_from_data(instance, data)
            check(self.request, instance, action.parent, action.recursive)
            return action

    class ReviewedPagesAdminAPIViewSet(PagesAdminAPIViewSet):
        actions = {**PagesAdminAPIViewSet.actions, "copy": ReviewedCopy, "create_alias": ReviewedAlias}

    router.register_endpoint("pages", ReviewedPagesAdminAPIViewSet)


@hooks.register("register_admin_viewset")
def register_page_viewset_with_review_state():
    """The page explorer's Status column shows medical pages' review state (core/admin_listing.py).

    Registered after Wagtail's own page viewset (order -1), so it takes its place for every page type.
    """
    from .admin_listing import page_viewset

    return page_viewset


@hooks.register("register_admin_urls")
def writing_checks_urls():
    """Where the page editor's "Writing checks" panel rechecks the unsaved form (core/panels.py)."""
    from django.urls import path

    from .writing_checks_views import WritingChecksOnCreate, WritingChecksOnEdit

    return [
        path("writing-checks/<int:page_id>/", WritingChecksOnEdit.as_view(), name="writing_checks_on_edit"),
        path(
            "writing-checks/add/<str:content_type_app_name>/<str:content_type_model_name>/<int:parent_page_id>/",
            WritingChecksOnCreate.as_view(),
            name="writing_checks_on_create",
        ),
    ]
