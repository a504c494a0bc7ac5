"""Who may read form submissions: one permission, checked here and nowhere else.

Reading (the inbox, its filters, the exports, one submission) needs
`forms.view_formsubmission`; deleting also needs `forms.delete_formsubmission`.
The Intake staff group has both (home/migrations/0005_roles.py); superusers have
every permission. Editing a form page grants neither, unlike stock Wagtail.

- `filter_form_submissions_for_user` (the hook Wagtail's forms app asks) hands
  every form page to readers and none to anyone else: this drives the Forms menu,
  the list of forms and Wagtail's own checks in its views.
- Every submissions URL is wrapped by `submissions_view` / `submissions_delete_view`,
  which answer 403 to a signed-in user without the permission. (Wagtail's own
  views answer a refusal with a redirect to the dashboard.)
"""

import functools

from django.template.response import TemplateResponse
from wagtail.contrib.forms.utils import get_form_types
from wagtail.models import Page

READ_PERMISSION = "forms.view_formsubmission"
DELETE_PERMISSION = "forms.delete_formsubmission"


def can_read_submissions(user):
    return user.is_active and user.has_perm(READ_PERMISSION)


def can_delete_submissions(user):
    return can_read_submissions(user) and user.has_perm(DELETE_PERMISSION)


def form_pages_for_reader(user, editable_forms):
    """The filter_form_submissions_for_user hook: every form page for a reader, none for anyone else.

    Wagtail starts from the form pages the user may edit; reading submissions is
    its own permission, so that starting point is replaced, not narrowed.
    """
    if not can_read_submissions(user):
        return editable_forms.none()
    return Page.objects.filter(content_type__in=get_form_types())


def forbidden(request):
    """403, in the admin's look, for a signed-in user who may not read submissions."""
    return TemplateResponse(
        request,
        "forms/admin/forbidden.html",
        {"page_title": "Form submissions", "header_title": "Form submissions", "header_icon": "form"},
        status=403,
    )


def _requiring(test):
    def decorator(view_func):
        @functools.wraps(view_func)
        def wrapped(request, *args, **kwargs):
            if not test(request.user):
                return forbidden(request)
            return view_func(request, *args, **kwargs)

        return wrapped

    return decorator


submissions_view = _requiring(can_read_submissions)
submissions_delete_view = _requiring(can_delete_submissions)
