"""The page a locked-out staff sign-in gets (django-axes' AXES_LOCKOUT_CALLABLE).

django-axes locks a (username, address) pair after AXES_FAILURE_LIMIT failed
sign-ins (settings/base.py, "Staff sign-in"). While it is locked, every try, the
right password included, is refused and answered here: HTTP 429 in the look of
the Wagtail admin's sign-in page, saying when to try again. It says the same
whether or not the username exists, and never repeats it.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from wagtail.admin.views.account import password_reset_enabled

TEMPLATE = "home/admin/sign_in_locked.html"


def retry_at(request, credentials):
    """When the lock ends: the cool-off after the latest failed try that counts toward it."""
    # The database handler (settings/base.py) keeps the attempts; another handler
    # gives no times, and then the lock runs from now, as it does after this try.
    get_user_attempts = getattr(AxesProxyHandler.get_implementation(), "get_user_attempts", lambda *args: [])
    latest = [
        attempts.aggregate(latest=Max("attempt_time"))["latest"] for attempts in get_user_attempts(request, credentials)
    ]
    return max(filter(None, latest), default=timezone.now()) + get_cool_off(request)


def locked_out(request, original_response=None, credentials=None):
    """The 429 page, with a Retry-After header; never cached."""
    until = retry_at(request, credentials)
    seconds = max(0, int((until - timezone.now()).total_seconds()))
    context = {
        "retry_at": until,
        "retry_minutes": max(1, -(-seconds // 60)),  # rounded up: never "0 minutes"
        "show_password_reset": password_reset_enabled(),
    }
    response = render(request, TEMPLATE, context, status=429)
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response
