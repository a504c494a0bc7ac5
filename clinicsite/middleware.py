from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


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
