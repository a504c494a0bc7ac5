"""Responses for a form POST that cannot be read, the fresh-token endpoint, and pages that differ by visitor."""

import logging

from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from . import spam

logger = logging.getLogger(__name__)


def bad_request_response(request, problem):
    """The site's 400 or 413 page; the reason is logged, the content never."""
    logger.info("Refused an unreadable form submission to %s: %s", request.path, problem.reason)
    template = "413.html" if problem.status == 413 else "400.html"
    return TemplateResponse(request, template, {"reason": problem.reason}, status=problem.status)


def never_cached(response):
    """A response that differs by visitor: never stored by a browser, a proxy or a CDN."""
    add_never_cache_headers(response)
    patch_vary_headers(response, ["Cookie"])
    return response


def token_response(request):
    """A CSRF token and a timestamp made now, for forms.js to put into a form that came from a cache."""
    return never_cached(JsonResponse({"csrfToken": get_token(request), "started": spam.issue_started_token()}))
