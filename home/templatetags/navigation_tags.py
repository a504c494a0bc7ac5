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


@register.simple_tag(takes_context=True)
def clinic_locations(context):
    """The clinic's locations with their opening hours, in the editors' order, fetched once per request
    (the footer and the contact page both show them)."""
    from home.models.locations import locations_for

    return locations_for(context.get("request"))


def breadcrumb_trail(context):
    """(title, relative URL, absolute URL) from the home page to the current page, for pages below home.

    A view of a routable page (a clinician's profile, an article list's topic) puts
    `breadcrumb_current` ({"title", "url", "full_url"}) in the context: it becomes the last step.
    """
    page = context.get("page")
    request = context.get("request")
    site = _site(context)
    if page is None or site is None or not hasattr(page, "get_ancestors") or not page.pk:
        return []
    root = site.root_page
    if not page.path.startswith(root.path) or page.pk == root.pk:
        return []
    # Live ones only; a page being served is public, and so are the pages above it.
    ancestors = page.get_ancestors(inclusive=True).filter(depth__gte=root.depth).live()
    trail = [(step.title, step.get_url(request), step.get_full_url(request)) for step in ancestors]
    current = context.get("breadcrumb_current")
    if current:
        trail.append((current["title"], current["url"], current["full_url"]))
    return trail


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The visible trail (`<nav aria-label="Breadcrumb">`) and the same trail as a schema.org BreadcrumbList."""
    from core.structured_data import breadcrumb_list, json_ld_script

    trail = breadcrumb_trail(context)
    if len(trail) < 2:
        return {"trail": []}
    return {
        "trail": [{"title": title, "url": url} for title, url, _full in trail],
        "json_ld": json_ld_script([breadcrumb_list([(title, full) for title, _url, full in trail])]),
    }
