"""Staff sessions end after SESSION_IDLE_TIMEOUT_MINUTES without activity, and
SESSION_MAX_HOURS after signing in whatever they do (settings/base.py).

The session records when it was signed in and when it was last used; a request
past either limit is signed out first (Django's ``logout``, which deletes the
stored session, so the old cookie opens nothing) and then carries on as a
visitor's: an admin page sends them to the sign-in page, which says why.

Only signed-in people are touched. A request without a session cookie is not
looked at at all, so public pages keep setting no cookie and varying on nothing
new; they stay cacheable.

Libraries checked: django-session-security (2.6.8) adds JavaScript warnings and
has no absolute limit; django-session-timeout (0.1.0, 2020) predates Django 5.2
and is unmaintained. This is the few lines both limits need.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.urls import reverse

STARTED = "staff_session_started"
LAST_SEEN = "staff_session_last_seen"

# Requests the admin sends by itself while a page is open (an editor's "who else
# is editing" ping every few seconds): they must not keep an idle session alive.
NOT_ACTIVITY = frozenset({"wagtailadmin_editing_sessions"})
# Activity is written to the session at most this often: an admin page sends several
# requests at once (icons, translations), and each need not save the session again.
LAST_SEEN_RESOLUTION_SECONDS = 60

IDLE_MESSAGE = "You were signed out after {minutes} minutes without activity. Please sign in again."
MAX_MESSAGE = "You were signed out because you signed in {hours} hours ago. Please sign in again."


def _expired(session, now):
    """Why this signed-in session has ended, or None while it is good."""
    started = session.get(STARTED)
    last_seen = session.get(LAST_SEEN)
    if started is None or last_seen is None:
        return None  # signed in before these limits existed: they start now
    if now - started > settings.SESSION_MAX_HOURS * 60 * 60:
        return MAX_MESSAGE.format(hours=settings.SESSION_MAX_HOURS)
    if now - last_seen > settings.SESSION_IDLE_TIMEOUT_MINUTES * 60:
        return IDLE_MESSAGE.format(minutes=settings.SESSION_IDLE_TIMEOUT_MINUTES)
    return None


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Just signed in (login() changed the session and set request.user): the
        # session's clock starts now. An untouched session is not looked at.
        session = getattr(request, "session", None)
        if session is not None and session.modified and STARTED not in session and request.user.is_authenticated:
            now = int(time.time())
            session[STARTED] = now
            session[LAST_SEEN] = now
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES or not request.user.is_authenticated:
            return None
        now = int(time.time())
        session = request.session
        reason = _expired(session, now)
        if reason:
            logout(request)  # flushes the session: its key is deleted from the store
            if request.path_info.startswith(reverse("wagtailadmin_home")):
                # Shown on the sign-in page the admin sends them to. A public page
                # says nothing: its response must not gain a message cookie.
                messages.info(request, reason)
            return None
        session.setdefault(STARTED, now)
        match = request.resolver_match
        is_activity = not (match and NOT_ACTIVITY & set(match.namespaces))
        if LAST_SEEN not in session or (is_activity and now - session[LAST_SEEN] >= LAST_SEEN_RESOLUTION_SECONDS):
            session[LAST_SEEN] = now
        return None
