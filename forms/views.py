"""The visitor-facing view that is not a route of the form page: a CSRF failure on a form POST.

The form page's own routes (the form, the thank-you view, the fresh-token
endpoint) are on FormPage (forms/models.py), with the responses they share in
forms/responses.py. The admin inbox is forms/inbox.py.
"""

from django.http import HttpResponse
from django.views.csrf import csrf_failure as django_csrf_failure
from wagtail import hooks
from wagtail.models import Page

from .models import FormPage


def csrf_failure(request, reason=""):
    """A form page's POST that failed the CSRF check: show the form again, with what was typed.

    This happens when a page came from a cache without JavaScript to refresh its
    token (docs/forms.md). Nothing is stored; the visitor presses the button
    again with a fresh token. Every other CSRF failure gets Django's own page.
    """
    resolver_match = getattr(request, "resolver_match", None)
    if resolver_match is not None and resolver_match.url_name == "wagtail_serve":
        route = Page.route_for_request(request, resolver_match.args[0] if resolver_match.args else "")
        routable_match = getattr(request, "routable_resolver_match", None)
        if (
            route is not None
            and isinstance(route[0], FormPage)
            and routable_match is not None
            and routable_match.url_name == "form_view"
        ):
            page, args, kwargs = route
            # Page privacy and other checks Wagtail runs before serving a page still apply.
            for hook in hooks.get_hooks("before_serve_page"):
                result = hook(page, request, args, kwargs)
                if isinstance(result, HttpResponse):
                    return result
            return page.handle_submission(request, csrf_failed=True)
    return django_csrf_failure(request, reason=reason)
