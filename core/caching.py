"""The caching policy, in one place: every response's Cache-Control, and the page cache inside the app.

**Cache-Control** (`apply_cache_policy`). An anonymous GET of a public page (a Wagtail page, its
feeds and tag lists, the sitemap, robots.txt, an uploaded image) that sets no cookie gets
`public, max-age=CACHE_MAX_AGE, s-maxage=CACHE_S_MAXAGE, stale-while-revalidate=...` and
`Vary: Cookie` (a signed-in editor gets a different, private page: the browser must not reuse
the public copy for her). Everything else gets Django's never-cache header, as the admin has it
(`max-age=0, no-cache, no-store, must-revalidate, private`): the admin, previews, search results,
the form pages' fresh-token endpoint and thank-you pages, self-check results, documents, POSTs,
errors and redirects, and any request with a session cookie or an Authorization header, or any
response that sets a cookie (the CSRF cookie of a form page's first view among them). A view that
says no-store itself keeps what it says.

**The page cache** (`PageCacheMiddleware`). Public pages, as above, are kept whole in the cache
PAGE_CACHE_ALIAS (settings/base.py: Redis when REDIS_URL is set, else files shared by every process
of the machine) and served from there before Django looks anything up: no session, no database.
A request is served from it, or stored in it, only when it is a GET (or HEAD, served only) with no
session cookie, no Authorization header, no preview (Wagtail's dummy request, a parameter named
like `preview` or `token`) and nothing but the CSRF cookie. Query parameters other than
PAGE_CACHE_QUERY_PARAMETERS (`page`) are left out of the key (`?utm_source=...` gets the same copy);
a request carrying them is answered from the cache but never stored. Only a 200 with the public
policy is stored, without its Set-Cookie (a form page's CSRF cookie is for the visitor who got it:
the copy's token is refreshed by forms.js or, without JavaScript, by the CSRF failure view, see
docs/forms.md) and never one whose Content-Security-Policy carries a nonce. Each copy is kept
as it is and gzip-compressed (once, when stored): a browser that accepts gzip gets the compressed one, with
`Vary: Accept-Encoding`. A cache that is down means pages are rendered as if there were no cache, never an
error.

**Fragments** (`{% cached_fragment %}`, core/templatetags/clinic_tags.py). A page the page cache
cannot answer (its first visitor after a purge, a `?utm_...` address, PAGE_CACHE=false) is still
rendered from stored pieces: the header, the footer, the head's metadata and structured data, the
breadcrumbs and the related lists, each kept per address in the same cache under the same rules and
the same generation. What differs per visitor (a form and its token) is never inside one.
FRAGMENT_CACHE_ENABLED (FRAGMENT_CACHE) turns them off.

**Purge.** Every entry's key holds the site-wide generation, a random token in the cache. Any change
that can show on a page (`purge_page_cache`, connected in core/apps.py to Wagtail's publish,
unpublish, move and delete signals, and to saving or deleting a live page, any snippet, any setting,
an image, a document, a collection, a site, a view restriction or a redirect) sets a new one: every
page cached before is unreachable at once and expires on its own. It is set again when the
transaction commits, so a page rendered from the old data meanwhile is never kept.
"""

import hashlib
import logging
import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.text import compress_string

from core import cdn

logger = logging.getLogger(__name__)

# The views whose successful answers to anonymous GETs are public (Wagtail's page serving covers
# every page, its feeds and tag lists); robots.txt has no name, so its path is listed.
PUBLIC_VIEW_NAMES = {"wagtail_serve", "sitemap"}
PUBLIC_PATHS = {"/robots.txt"}
# Never public, whatever view answers: the admin and its previews.
PRIVATE_PATH_PREFIXES = ("/admin/",)
# A query parameter whose name holds one of these is a preview or a personal link.
PERSONAL_PARAMETER_WORDS = ("preview", "token")

# What is worth compressing (clinicsite.middleware.CompressTextMiddleware compresses the same).
COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/ld+json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/javascript",
    "image/svg+xml",
)
GENERATION_KEY = "page-cache:generation"
HIT = "hit"
MISS = "miss"


# --- Cache-Control --------------------------------------------------------------------------


def public_cache_control():
    return (
        f"public, max-age={settings.CACHE_MAX_AGE}, s-maxage={settings.CACHE_S_MAXAGE}, "
        f"stale-while-revalidate={settings.CACHE_STALE_WHILE_REVALIDATE}"
    )


def is_personal_request(request):
    """A request whose answer may be meant for this person only: a session, credentials, a preview."""
    if getattr(request, "is_dummy", False):  # Wagtail renders previews with a dummy request
        return True
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return True
    return any(word in name.lower() for name in request.GET for word in PERSONAL_PARAMETER_WORDS)


def is_public_content(request, response):
    """The same answer for every anonymous visitor: a public page, read with GET, found."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or is_personal_request(request):
        return False
    if request.path_info.startswith(PRIVATE_PATH_PREFIXES):
        return False
    if getattr(response, "streaming", False) and not request.path_info.startswith(
        (settings.MEDIA_URL, settings.STATIC_URL)
    ):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if "no-store" in cache_control or "private" in cache_control or "no-cache" in cache_control:
        return False  # the view said so (thank-you pages, the token endpoint, restricted pages)
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name in PUBLIC_VIEW_NAMES:
        return True
    return request.path_info in PUBLIC_PATHS or request.path_info.startswith((settings.MEDIA_URL, settings.STATIC_URL))


def apply_cache_policy(request, response):
    """Set the response's Cache-Control (and Vary) by the policy above; returns whether it is public."""
    public = is_public_content(request, response)
    if public and not response.cookies:
        response["Cache-Control"] = public_cache_control()
        patch_vary_headers(response, ["Cookie"])
        return True
    if "no-store" not in response.get("Cache-Control", ""):
        # Personal, staff-only, not a page, or setting a cookie: never stored by anyone.
        add_never_cache_headers(response)
    return False


# --- The page cache ---------------------------------------------------------------------------


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def current_generation():
    """The site-wide generation every key holds; a new one when the cache had none."""
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _new_generation():
    try:
        _cache().set(GENERATION_KEY, secrets.token_hex(8), timeout=None)
    except Exception:
        # Nothing is served from a cache that cannot be reached; it expires on its own.
        logger.warning("Could not purge the page cache: the cache is unavailable.", exc_info=True)


def purge_page_cache(instance=None, **kwargs):
    """Make every cached page stale at once: now, and again when the current transaction commits.

    The cache in front (a CDN, Varnish) is purged too, once committed (core/cdn.py): every live
    page, and `instance` when it is a page that may no longer be live (unpublished, deleted).
    """
    from wagtail.models import Page

    _new_generation()
    if transaction.get_connection().in_atomic_block:  # (outside one there is nothing to wait for)
        transaction.on_commit(_new_generation)
    cdn.purge_soon(instance if isinstance(instance, Page) else None)


class Lookup:
    """Where a request's page lives in the cache, and whether it may be stored there."""

    def __init__(self, request):
        allowed = set(settings.PAGE_CACHE_QUERY_PARAMETERS)
        kept = sorted((name, value) for name in request.GET if name in allowed for value in request.GET.getlist(name))
        self.storable = request.method == "GET" and len(kept) == sum(len(values) for _, values in request.GET.lists())
        url = f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(kept)}"
        self.digest = hashlib.sha256(url.encode()).hexdigest()
        self.generation = None

    def key(self):
        return f"page-cache:{self.generation}:{self.digest}"


def lookup_for(request):
    """The request's Lookup, or None when it must neither be served from the cache nor stored."""
    if not settings.PAGE_CACHE_ENABLED:
        return None
    return anonymous_lookup(request)


def anonymous_lookup(request):
    """A Lookup for an anonymous GET or HEAD of the public site (the page cache's and the fragments' rule), or None."""
    if request.method not in ("GET", "HEAD"):
        return None
    if request.path_info.startswith(PRIVATE_PATH_PREFIXES) or is_personal_request(request):
        return None
    if set(request.COOKIES) - {settings.CSRF_COOKIE_NAME}:
        return None  # messages, or any cookie a page could depend on
    try:
        return Lookup(request)
    except Exception:  # a host not allowed: Django answers it, uncached
        return None


def accepts_gzip(request):
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def fetch(lookup, request):
    """The stored copy, gzip-compressed (as it was compressed once, when stored) for a browser that accepts it."""
    try:
        lookup.generation = current_generation()
        entry = _cache().get(lookup.key())
    except Exception:
        logger.warning("Page cache unavailable: serving uncached.", exc_info=True)
        lookup.generation = None
        return None
    if entry is None:
        return None
    status, headers, content, gzipped = entry
    compressed = gzipped is not None and accepts_gzip(request)
    response = HttpResponse(gzipped if compressed else content, status=status)
    for name, value in headers:
        response[name] = value
    if compressed:
        response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(gzipped))
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def store(lookup, response):
    """Keep a copy of a public 200 as every visitor may get it: no cookie, the public policy."""
    if lookup.generation is None or not lookup.storable or response.status_code != 200:
        return
    if getattr(response, "streaming", False) or "nonce-" in response.get("Content-Security-Policy", ""):
        return  # a nonce replayed to everyone would be no nonce at all
    if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
        return
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in ("x-cache", "cache-control", "expires")
    ]
    headers.append(("Cache-Control", public_cache_control()))
    if not any(name.lower() == "vary" for name, _ in headers):
        headers.append(("Vary", "Cookie"))
    content = response.content
    gzipped = None
    if response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES) and "Content-Encoding" not in response:
        gzipped = compress_string(content)  # once, here: a hit costs no compression
        if len(gzipped) >= len(content):
            gzipped = None
    try:
        _cache().set(lookup.key(), (response.status_code, headers, content, gzipped), settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("Page cache unavailable: the page was not stored.", exc_info=True)


class PageCacheMiddleware:
    """Answers anonymous GETs of public pages from the page cache, and sets every response's Cache-Control.

    In MIDDLEWARE right after SecurityMiddleware (and WhiteNoise, in production), so a hit costs no
    session, no user and no database; SecurityMiddleware still adds HSTS, nosniff, Referrer-Policy
    and COOP to it, and the stored copy carries the headers the middlewares below added to the miss
    (Content-Security-Policy, Permissions-Policy, Cross-Origin-Resource-Policy, X-Frame-Options).
    Hits are only for requests without a session cookie, so nothing below (sessions, sign-in,
    two-step verification, staff session expiry) has anything to do for them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lookup = lookup_for(request)
        if lookup is not None:
            cached = fetch(lookup, request)
            if cached is not None:
                cached["X-Cache"] = HIT
                return cached
        response = self.get_response(request)
        public = is_public_content(request, response)
        apply_cache_policy(request, response)
        if lookup is not None:
            if public:
                store(lookup, response)
            response["X-Cache"] = MISS
        return response


# --- Fragments ------------------------------------------------------------------------------


def fragment_key(request, name):
    """Where the fragment `name` of this request's page is kept, or None when it must be rendered.

    Only for what the page cache would store (an anonymous GET, no preview, no parameter but
    PAGE_CACHE_QUERY_PARAMETERS): such a fragment is the same for every visitor of that address. Its
    key holds the page cache's generation, so every purge above makes it stale too.
    """
    if not settings.FRAGMENT_CACHE_ENABLED or request is None or getattr(request, "is_preview", False):
        return None
    if request.method != "GET":
        return None
    try:
        lookup = request._fragment_lookup
    except AttributeError:
        lookup = anonymous_lookup(request)
        if lookup is not None:
            try:
                lookup.generation = current_generation()
            except Exception:
                logger.warning("Fragment cache unavailable: rendering in full.", exc_info=True)
                lookup = None
        request._fragment_lookup = lookup  # one generation read per request
    if lookup is None or not lookup.storable:
        return None
    return f"fragment:{lookup.generation}:{name}:{lookup.digest}"


def fetch_fragment(key):
    try:
        return _cache().get(key)
    except Exception:
        logger.warning("Fragment cache unavailable: rendering in full.", exc_info=True)
        return None


def store_fragment(key, html):
    try:
        _cache().set(key, html, settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("Fragment cache unavailable: the fragment was not stored.", exc_info=True)


# --- What purges it ---------------------------------------------------------------------------

_shown_on_pages = {}


def shows_on_pages(model):
    """Whether saving or deleting a `model` can change what a page shows (so the cache must go).

    Decided once per model, without naming any page app: every page type, every registered
    snippet (clinicians, locations...) and setting (clinic settings, the crisis notice...), images,
    documents, collections, sites, view restrictions and redirects. Not renditions (made while
    pages render), submissions, sessions or logs.
    """
    if model not in _shown_on_pages:
        from wagtail.contrib.redirects.models import Redirect
        from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
        from wagtail.documents.models import AbstractDocument
        from wagtail.images.models import AbstractImage
        from wagtail.models import BaseViewRestriction, Collection, Page, Site
        from wagtail.snippets.models import get_snippet_models

        kinds = (Page, BaseSiteSetting, BaseGenericSetting, AbstractImage, AbstractDocument)
        kinds += (Collection, Site, BaseViewRestriction, Redirect)
        _shown_on_pages[model] = issubclass(model, kinds) or model in get_snippet_models()
    return _shown_on_pages[model]


def _purge_on_save(sender, instance, created=False, raw=False, **kwargs):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Page

    if raw or not shows_on_pages(sender):
        return
    if isinstance(instance, Page) and not instance.live:
        return  # a draft of a page not yet published shows nowhere
    if created and isinstance(instance, (BaseSiteSetting, BaseGenericSetting)):
        return  # made with its defaults the first time a page reads it (for_site, load): nothing changed
    purge_page_cache()


def _purge_on_delete(sender, instance=None, **kwargs):
    if shows_on_pages(sender):
        purge_page_cache(instance=instance)


def _purge_on_setting_changed(**kwargs):
    _new_generation()


def connect_purge_signals():
    """Called once, by core.apps.CoreConfig.ready."""
    from django.core.signals import setting_changed
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge_page_cache, dispatch_uid=f"core.caching.{id(signal)}")
    post_save.connect(_purge_on_save, dispatch_uid="core.caching.post_save")
    post_delete.connect(_purge_on_delete, dispatch_uid="core.caching.post_delete")
    # Tests that change settings (override_settings) never see a page cached under the old ones.
    setting_changed.connect(_purge_on_setting_changed, dispatch_uid="core.caching.setting_changed")


def purge_at_start():
    """A process starting (a deploy, a restart) may bring new templates or code: no older copy is served."""
    _new_generation()


def clear_page_cache():
    """Every page cached so far is stale: for tests, and whoever needs it by hand (`manage.py shell`)."""
    _new_generation()
