from django import template

from core import seo
from core.structured_data import json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def structured_data(context, page):
    """The page's schema.org data, from its `structured_data(request)` method."""
    return json_ld_script(page.structured_data(context.get("request")))


@register.inclusion_tag("includes/meta.html", takes_context=True)
def page_meta(context, clinic=None, listing=None, title=None):
    """The page's meta description, canonical link, Open Graph and X/Twitter card tags (core/seo.py).

    `clinic` gives the site's name and default share image; `listing` a paginated list's current
    page, whose canonical address is itself; `title` replaces the page's title (a topic's list).
    Outside a page (search results, error pages) it shows nothing.
    """
    page = context.get("page")
    if page is None or not hasattr(page, "get_url_parts"):
        return {"meta": None}
    return {
        "meta": seo.page_meta(
            page,
            context.get("request"),
            site_name=getattr(clinic, "clinic_name", ""),
            default_image=getattr(clinic, "share_image", None),
            listing=listing,
            title=title,
        )
    }
