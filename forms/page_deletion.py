"""Nothing deleted by accident: a form page's submissions go only with the consent of someone who may delete them.

Deleting a page deletes its form submissions with it (the database cascades).
So a page that holds submissions, or has a form page with submissions below it,
can be deleted only by someone who may delete submissions
(`forms.delete_formsubmission`: intake staff, superusers), wherever the delete
comes from: the page's Delete, deleting a page above it, or a bulk delete in
the page explorer (Wagtail's `before_delete_page` and `before_bulk_action`
hooks, registered in forms/wagtail_hooks.py). Anyone else is sent back with a
message saying why, and nothing is deleted. Wagtail 8 has no bin to move a page
to: deleting is the only way a page and its submissions go.

When a page with submissions is deleted, one entry in the audit log records how
many (and their ids) went with it (`record_submissions_deleted_with_page`, a
pre_delete receiver connected in forms/apps.py, so it sees every delete).
"""

from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page

from . import audit
from .inbox import can_delete_submissions
from .models import FormSubmission

SUBMISSIONS_WARNING = (
    "Deleting a page deletes the form submissions it holds, and only people who may delete form "
    "submissions (intake staff) can do that. Ask them to delete the submissions first, once they "
    "are no longer needed, or ask an administrator."
)


def submission_counts(pages):
    """{page: how many submissions} for the pages, and the pages below them, that hold any."""
    within = Page.objects.none()
    for page in pages:
        within |= Page.objects.descendant_of(page, inclusive=True)
    counts = dict(
        FormSubmission.objects.filter(page__in=within).values_list("page").annotate(count=Count("pk")).order_by()
    )
    return {page: counts[page.pk] for page in Page.objects.filter(pk__in=counts).specific().order_by("path")}


def refusal_message(pages, counts):
    """“Home” was not deleted: “Request a call-back” holds 3 form submissions. Deleting a page…"""
    only_page = pages[0].pk if len(pages) == 1 else None
    held = "; ".join(
        f"{'it' if page.pk == only_page else f'“{page.get_admin_display_title()}”'} holds {audit.form_submissions(count)}"
        for page, count in counts.items()
    )
    titles = ", ".join(f"“{page.get_admin_display_title()}”" for page in pages)
    return f"{titles} {'was' if len(pages) == 1 else 'were'} not deleted: {held}. {SUBMISSIONS_WARNING}"


def refuse_deleting_submissions(request, pages, back_to):
    """A redirect with the reason, if deleting `pages` would delete submissions this user may not delete."""
    if can_delete_submissions(request.user):
        return None
    counts = submission_counts(pages)
    if not counts:
        return None
    messages.error(request, refusal_message([page.specific_deferred for page in pages], counts))
    return redirect(back_to)


def before_delete_page(request, page):
    """The before_delete_page hook: asked for the page's Delete, when it is shown and when it is confirmed."""
    back_to = get_valid_next_url_from_request(request) or reverse("wagtailadmin_pages:edit", args=(page.pk,))
    return refuse_deleting_submissions(request, [page], back_to)


def before_bulk_action(request, action_type, objects, action_view):
    """The before_bulk_action hook: asked when a bulk delete of pages is confirmed."""
    if action_type != "delete" or not all(isinstance(obj, Page) for obj in objects):
        return None
    return refuse_deleting_submissions(request, objects, action_view.next_url)


def record_submissions_deleted_with_page(sender, instance, **kwargs):
    """pre_delete for FormPage: the submissions still exist, and are about to go with the page."""
    submission_ids = sorted(FormSubmission.objects.filter(page_id=instance.pk).values_list("pk", flat=True))
    if submission_ids:
        audit.deleted_with_page(instance, submission_ids)
