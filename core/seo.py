"""What search engines and link previews read about a page: its description, canonical address and share image.

Every absolute address here comes from the Wagtail Site the page belongs to (its hostname
and port; port 443 means https), never from the request's Host header: set the Site in
Settings → Sites (docs/deployment.md, "The site's address"). The sitemap, the feeds and the
structured data take theirs from the same place, through `Page.get_full_url(request)`.
"""

import html
from urllib.parse import urljoin

from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

# Search engines show about this many characters of a description; a longer fallback is cut at a word.
DESCRIPTION_LENGTH = 160
# Where a page without its own search description finds one, first found wins: a medical page's
# summary, an introduction (standard, index, blog and form pages), the home page's welcome text.
DESCRIPTION_FALLBACK_FIELDS = ("summary", "intro", "hero_text")
# The size link previews (Open Graph, X/Twitter, chat apps) show best, as a JPEG every one of them reads.
SHARE_IMAGE_FILTER = "fill-1200x630|format-jpeg"

SEARCH_DESCRIPTION_HELP = (
    "Shown under the title in search results and when the page is shared. Aim for 50–160 characters: "
    "longer ones are cut off. Leave it empty to use {fallback}."
)


def promote_panels(fallback="the page's summary"):
    """Wagtail's "For search engines" panel, with a length hint for the search description."""
    return [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel(
                    "seo_title",
                    help_text="The page's name in search results and browser tabs, if different from its title.",
                ),
                FieldPanel("search_description", help_text=SEARCH_DESCRIPTION_HELP.format(fallback=fallback)),
            ],
            heading="For search engines",
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading="For site menus"),
    ]


def plain_text(value):
    """Text or rich text as one plain line: no tags, no entities, no runs of spaces."""
    return " ".join(html.unescape(strip_tags(str(value or ""))).split())


def meta_description(page):
    """The page's search description, else the first of its summary, introduction or welcome text, shortened."""
    own = plain_text(getattr(page, "search_description", ""))
    if own:
        return own
    for field in DESCRIPTION_FALLBACK_FIELDS:
        text = plain_text(getattr(page, field, ""))
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return ""


def _url_parts(page, request):
    parts = page.get_url_parts(request) if page.pk else None
    if parts is None:
        return None, None
    _site_id, root_url, page_path = parts
    return root_url, page_path


def canonical_url(page, request, listing=None):
    """The page's address at its Site: a sub-page of it (a topic's list, a thank-you view) is itself, and
    so is a later page of a paginated list (`listing`, a Django paginator page); no other query string."""
    root_url, page_path = _url_parts(page, request)
    if root_url is None:
        return ""
    path = page_path
    # A routable page's sub-route (e.g. /blog/tag/ptsd/) is served under the page's own path.
    if request is not None and request.path != page_path and request.path.startswith(page_path):
        path = request.path
    url = root_url + path
    if listing is not None and getattr(listing, "number", 1) > 1:
        url += f"?page={listing.number}"
    return url


def share_image(page, default_image=None):
    """The rendition link previews show: the page's hero image, else the site's default, else None.

    None also when the image's file is missing: no preview image is better than a broken one.
    """
    for image in (getattr(page, "hero_image", None), default_image):
        if image is None:
            continue
        try:
            return image.get_rendition(SHARE_IMAGE_FILTER)
        except OSError:  # Wagtail's SourceImageIOError (the file is gone), or a file Pillow cannot read
            continue
    return None


def page_meta(page, request, *, site_name="", default_image=None, listing=None, title=None):
    """Everything templates/includes/meta.html shows for a page."""
    root_url, page_path = _url_parts(page, request)
    if title is None:
        # The home page is shared under the clinic's name, as its title tag reads.
        title = page.seo_title or (site_name if page_path == "/" and site_name else page.title)
    rendition = share_image(page, default_image)
    image = None
    if rendition is not None and root_url:
        image = {
            # A storage with its own absolute URLs (a CDN) keeps them; a local one is on the Site's host.
            "url": urljoin(root_url + "/", rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": rendition.image.description or rendition.image.title,
        }
    return {
        "title": title,
        "site_name": site_name,
        "description": meta_description(page),
        "canonical": canonical_url(page, request, listing),
        "type": getattr(page, "open_graph_type", "website"),
        "image": image,
    }
