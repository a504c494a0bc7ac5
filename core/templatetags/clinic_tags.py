from django import template

from core import caching, seo
from core.structured_data import json_ld_script

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, name, vary_on, nodelist):
        self.name = name
        self.vary_on = vary_on
        self.nodelist = nodelist

    def render(self, context):
        if context.get("page") is None:
            return self.nodelist.render(context)  # not a page (an error, search results): nothing worth keeping
        name = ":".join([self.name, *(str(value.resolve(context)) for value in self.vary_on)])
        key = caching.fragment_key(context.get("request"), name)
        if key is None:
            return self.nodelist.render(context)
        html = caching.fetch_fragment(key)
        if html is None:
            html = self.nodelist.render(context)
            caching.store_fragment(key, html)
        return html


@register.tag
def cached_fragment(parser, token):
    """`{% cached_fragment "name" [value...] %}...{% endcached_fragment %}`: kept per address (and per value,
    for a fragment shown more than once on a page) and purged with the page cache (core/caching.py,
    "Fragments"). Never around anything that differs per visitor: a form and its token."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a quoted name, then the values it varies on")
    nodelist = parser.parse(("endcached_fragment",))
    parser.delete_first_token()
    return CachedFragmentNode(bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]], nodelist)


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
