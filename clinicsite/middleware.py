from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

from forms.request_checks import read_body_once


class ReadableRequestMiddleware:
    """Every request is read as UTF-8, and a POST's body is read once, before the CSRF check.

    The site's pages are UTF-8 and browsers send forms in the page's encoding, so a charset
    declared in Content-Type (latin-1, utf-16, a codec that is not text at all) is ignored: the
    form page's own check (forms/request_checks.py) then refuses a body that is not UTF-8 with
    its 400 page, and keeps one that is. A body that cannot be read at all (too many fields,
    too large, broken multipart) gets its answer from the form page too, never a server error:
    left to Django, its 400 handler would read the body again and fail again.

    It must come before django.middleware.csrf.CsrfViewMiddleware in MIDDLEWARE.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.encoding is not None and request.encoding.lower() != "utf-8":
            request.encoding = "utf-8"
        read_body_once(request)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The site's strict policy everywhere, except the Wagtail admin.

    The admin (and the page previews it frames) uses inline scripts and styles,
    so it gets ADMIN_CONTENT_SECURITY_POLICY instead.
    """

    admin_prefix = "/admin/"

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(self.admin_prefix):
            # No nonce: a nonce would make browsers ignore 'unsafe-inline'.
            return PolicyParts(config=settings.ADMIN_CONTENT_SECURITY_POLICY)
        return parts
