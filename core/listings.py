"""One way to list pages as cards: every index, "related" list and featured section goes through `listing()`.

A page model says how its cards are listed with three optional attributes:
`listing_order` (the order_by of its lists), `listing_select_related` and
`listing_prefetch_related` (what its card shows beyond its own fields). Hero
images and their renditions are fetched in bulk, so a list costs the same few
queries however long it is.
"""

from django.db.models import Max, Prefetch
from wagtail.images import get_image_model


def listing(pages):
    """Live, public pages from a queryset of one page model, ready for a list of cards."""
    model = pages.model
    pages = pages.live().public().defer_streamfields()
    if any(field.name == "hero_image" for field in model._meta.get_fields()):
        images = get_image_model().objects.prefetch_renditions()
        pages = pages.prefetch_related(Prefetch("hero_image", queryset=images))
    pages = pages.select_related(*getattr(model, "listing_select_related", ()))
    pages = pages.prefetch_related(*getattr(model, "listing_prefetch_related", ()))
    order = getattr(model, "listing_order", ())
    return pages.order_by(*order) if order else pages


def sitemap_urls_of_a_list(entries, listed):
    """The sitemap entries of a page that lists `listed` (a queryset of pages): last modified when
    the page itself or the newest of those it lists was last published, whichever is later."""
    newest = listed.live().public().aggregate(newest=Max("last_published_at"))["newest"]
    for entry in entries:
        if newest and (entry.get("lastmod") is None or newest > entry["lastmod"]):
            entry["lastmod"] = newest
    return entries
