from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.middleware.gzip import GZipMiddleware

from core.caching import COMPRESSIBLE_TYPES, PRIVATE_PATH_PREFIXES
from forms.request_checks import read_body_once


class CompressTextMiddleware(GZipMiddleware):
    """The public site's pages, feeds and sitemap gzip-compressed for a browser that accepts it (Django's
    GZipMiddleware), so a phone on a slow network gets a third of the bytes.

    Only text (COMPRESSIBLE_TYPES): images, documents and videos are compressed already. Never the admin:
    BREACH reads a secret out of the size of compressed answers that also echo what an attacker sends,
    and the admin holds the patients' requests. A public page holds no secret but the CSRF token, which
    Django masks afresh in every answer, and GZipMiddleware pads each answer with random bytes. A page
    from the page cache arrives compressed already (core/caching.py) and is left as it is.
    """

    def process_response(self, request, response):
        if request.path_info.startswith(PRIVATE_PATH_PREFIXES):
            return response
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES):
            return response
        return super().process_response(request, response)


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
    """The security headers Django does not send itself: Content-Security-Policy, Permissions-Policy and
    Cross-Origin-Resource-Policy (settings/base.py, "Security headers"; docs/deployment.md).

    The public site gets the strict CONTENT_SECURITY_POLICY. Under /admin/, a signed-in user gets
    ADMIN_CONTENT_SECURITY_POLICY, with the inline scripts and styles Wagtail's admin needs, and
    anyone else (the sign-in and password-reset pages) ADMIN_SIGN_IN_CONTENT_SECURITY_POLICY,
    which allows neither. An admin response may be framed by the admin itself only when Wagtail
    says so with X-Frame-Options: SAMEORIGIN (its preview views); every other one by nobody. A
    page previewed in the admin keeps the site's policy, framed by the admin only.
    """

    admin_prefix = "/admin/"

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if getattr(request, "is_dummy", False):
            # A preview: Wagtail renders the page at its public URL, through this middleware, inside
            # the admin's preview view, which the editor frames. The page keeps the site's policy.
            config = dict(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
            config["frame-ancestors"] = ["'self'"]
            return PolicyParts(config=config, nonce=parts.nonce)
        if not request.path_info.startswith(self.admin_prefix):
            return parts
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            config = dict(settings.ADMIN_CONTENT_SECURITY_POLICY)
        else:
            config = dict(settings.ADMIN_SIGN_IN_CONTENT_SECURITY_POLICY)
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
            config["frame-ancestors"] = ["'self'"]
        # No nonce: a nonce would make browsers ignore 'unsafe-inline'.
        return PolicyParts(config=config)

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions_policy()
        if "Cross-Origin-Resource-Policy" not in response:
            response["Cross-Origin-Resource-Policy"] = settings.CROSS_ORIGIN_RESOURCE_POLICY
        return response


def permissions_policy():
    """PERMISSIONS_POLICY as its header: `camera=(), autoplay=(self "https://player.vimeo.com")`."""
    features = []
    for feature, origins in settings.PERMISSIONS_POLICY.items():
        allowlist = " ".join(origin if origin == "self" else f'"{origin}"' for origin in origins)
        features.append(f"{feature}=({allowlist})")
    return ", ".join(features)
