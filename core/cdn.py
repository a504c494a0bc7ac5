"""Purging the cache in front of the site (Varnish, nginx, Cloudflare, CloudFront).

Whenever the page cache is purged (core/caching.py: a publish, a setting, a clinician, an image...),
every live page's URL is purged from the front cache too, through wagtail.contrib.frontend_cache's
backends (WAGTAILFRONTENDCACHE, from FRONTEND_CACHE in settings/base.py), plus the pages that just
stopped being live (unpublished, deleted) and the old addresses of moved pages (their redirects),
which the list of live pages no longer holds. Once per
transaction, after it commits: a publish saves the page, its revision and its log in one, and
Varnish should see the published page, not the one before it.
"""

import logging
import threading

from django.db import transaction

logger = logging.getLogger(__name__)
_pending = threading.local()


def configured():
    from wagtail.contrib.frontend_cache.utils import get_backends

    return bool(get_backends())


def purge_soon(page=None):
    """Purge every live page (and `page`, live or not) from the front cache once the transaction commits."""
    if not configured():
        return
    if page is not None:
        _pending_urls().update(_urls_of([page]))
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _purge_now()
    elif not any(entry[1] is _purge_now for entry in connection.run_on_commit):
        transaction.on_commit(_purge_now)


def _pending_urls():
    if not hasattr(_pending, "urls"):
        _pending.urls = set()
    return _pending.urls


def _urls_of(pages):
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(pages)
    return set(batch.urls)


def _redirected_urls(sites):
    """The old addresses of moved pages (Wagtail adds a redirect when a page moves): the cache in
    front may still hold the page there, and no live page names that address any more."""
    from wagtail.contrib.redirects.models import Redirect

    urls = set()
    for redirect in Redirect.objects.all():
        for site in sites if redirect.site_id is None else [site for site in sites if site.pk == redirect.site_id]:
            # Wagtail keeps the old path without its trailing slash; the page was served with one.
            urls |= {site.root_url + redirect.old_path, site.root_url + redirect.old_path.rstrip("/") + "/"}
    return urls


def _purge_now():
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
    from wagtail.models import Page, Site

    urls = _pending_urls()
    _pending.urls = set()
    try:
        urls |= _urls_of(Page.objects.live().specific(defer=True))
        sites = list(Site.objects.all())
        urls |= {f"{site.root_url}/sitemap.xml" for site in sites}
        urls |= _redirected_urls(sites)
        purge_urls_from_cache(sorted(urls))
    except Exception:
        # The front cache keeps its copies until their s-maxage runs out; the change itself is saved.
        logger.warning("Could not purge the cache in front of the site.", exc_info=True)
