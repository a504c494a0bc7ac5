from django import template
from wagtail.models import Site

register = template.Library()


def _site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request else None


def _menu_pages(context):
    """The site's top-level pages marked "Show in menus", in the editor's order, fetched once per request
    (the header and the footer both show them)."""
    request = context.get("request")
    if request is not None and hasattr(request, "_main_menu_pages"):
        return request._main_menu_pages
    site = _site(context)
    pages = list(site.root_page.get_children().live().public().in_menu().defer_streamfields()) if site else []
    if request is not None:
        request._main_menu_pages = pages
    return pages


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    current = context.get("page")
    items = [
        {
            "title": menu_page.title,
            "url": menu_page.get_url(request),
            # The section the visitor is in, and whether it is this very page.
            "in_section": bool(current and current.path.startswith(menu_page.path)),
            "is_page": bool(current and current.pk == menu_page.pk),
        }
        for menu_page in _menu_pages(context)
    ]
    return {"items": items}


@register.simple_tag(takes_context=True)
def site_root_url(context):
    site = _site(context)
    return site.root_page.get_url(context.get("request")) if site else "/"
