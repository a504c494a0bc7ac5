"""Spam checks that need no third-party service.

Three checks, run on a submission that is otherwise valid, before it is stored:

1. a honeypot: a text input hidden from people (and from screen readers) that
   bots fill in;
2. a signed timestamp of when the form was shown: a submission sooner than
   FORMS_MIN_SECONDS after it is refused, and so is one without a timestamp,
   with a forged one, or with one older than FORMS_MAX_AGE_SECONDS;
3. a per-address rate limit kept in the cache: at most FORMS_RATE_LIMIT
   submissions from one address in FORMS_RATE_LIMIT_WINDOW_SECONDS.

A blocked submission is not stored. The form is shown again with a short,
polite message and everything typed kept, so a person who somehow trips a
check loses nothing. See docs/forms.md for how the timestamp works with pages
served from a cache.
"""

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac

# The one answer to "which address is this?", shared with the sign-in lockout.
from .client_address import client_address

logger = logging.getLogger(__name__)

STARTED_FIELD = "_started"
HONEYPOT_FIELD = "_website"
# The names the form template adds besides the editor's fields. Field names made
# from labels never start with an underscore, so these cannot clash with them.
SERVICE_FIELDS = frozenset({"csrfmiddlewaretoken", STARTED_FIELD, HONEYPOT_FIELD})

_SIGNING_SALT = "clinicsite.forms.started"

NOT_SENT_MESSAGE = (
    "Sorry, your request was not sent yet. Please check your answers and press the button to send it again."
)
STALE_MESSAGE = (
    "This form was open for a long time, so your request was not sent yet. "
    "Please check your answers and press the button to send it again."
)
RATE_LIMITED_MESSAGE = (
    "You have sent several requests in the last few minutes, so this one was not sent. "
    "Please wait a few minutes and try again, or call us."
)


@dataclass(frozen=True)
class Blocked:
    """Why a submission was refused, and what the visitor is told."""

    reason: str
    message: str
    status: int = 400


# --- The signed timestamp -------------------------------------------------------


def issue_started_token(issued_at=None):
    """A signed record of when the form was shown (seconds since the epoch)."""
    issued_at = int(time.time() if issued_at is None else issued_at)
    return signing.Signer(salt=_SIGNING_SALT).sign(str(issued_at))


def read_started_token(value):
    """When the form was shown, or None if the token is missing or was not made by this site."""
    if not value:
        return None
    try:
        return int(signing.Signer(salt=_SIGNING_SALT).unsign(value))
    except (signing.BadSignature, ValueError):
        return None


def started_token_for_redisplay(data):
    """The token to put in a form shown again after errors.

    The visitor's original token is kept while it is good, so the time they have
    already spent counts. Otherwise the new token counts as already old enough:
    a person correcting a form must never be told they were too quick.
    """
    value = data.get(STARTED_FIELD, "") if data is not None else ""
    issued_at = read_started_token(value)
    now = time.time()
    if issued_at is not None and now - issued_at <= settings.FORMS_MAX_AGE_SECONDS:
        return value
    return issue_started_token(now - settings.FORMS_MIN_SECONDS)


def check_timestamp(data):
    issued_at = read_started_token(data.get(STARTED_FIELD, ""))
    if issued_at is None:
        return Blocked("missing_timestamp", NOT_SENT_MESSAGE)
    age = time.time() - issued_at
    if age > settings.FORMS_MAX_AGE_SECONDS:
        return Blocked("stale_timestamp", STALE_MESSAGE)
    if age < settings.FORMS_MIN_SECONDS:
        return Blocked("too_fast", NOT_SENT_MESSAGE)
    return None


# --- The honeypot ----------------------------------------------------------------


def check_honeypot(data):
    if data.get(HONEYPOT_FIELD, ""):
        return Blocked("honeypot", NOT_SENT_MESSAGE)
    return None


# --- The rate limit --------------------------------------------------------------


def _rate_limit_key(address, window):
    # Addresses are kept only as a keyed hash, and only for one window.
    digest = salted_hmac("clinicsite.forms.rate", address).hexdigest()[:32]
    bucket = int(time.time() // window)
    return f"forms:rate:{digest}:{bucket}"


def check_rate_limit(request):
    """Count this submission against its address; refuse it when over the limit."""
    limit = settings.FORMS_RATE_LIMIT
    window = settings.FORMS_RATE_LIMIT_WINDOW_SECONDS
    if limit <= 0:
        return None
    key = _rate_limit_key(client_address(request) or "", window)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, timeout=window)
        count = 1
    if count > limit:
        return Blocked("rate_limited", RATE_LIMITED_MESSAGE, status=429)
    return None


# --- All together ------------------------------------------------------------------


def check(request, data, page):
    """Run every check on a valid submission; the first that fails blocks it."""
    blocked = check_honeypot(data) or check_timestamp(data) or check_rate_limit(request)
    if blocked:
        # Which check and which form: never what was typed, never the address.
        logger.info("Blocked a submission to form page %s: %s", page.pk, blocked.reason)
    return blocked
