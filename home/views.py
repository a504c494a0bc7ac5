import unicodedata

from django.conf import settings
from django.template.response import TemplateResponse
from wagtail.models import Page, Site

from core.pagination import paginate

# Longer queries are cut: nobody types more, and the database search slows with length.
MAX_QUERY_LENGTH = 100


def search_query(value):
    """What the visitor asked to search for, as the search backend can take it; "" for no query.

    Control characters (NUL, tabs, new lines, escape, ...) are nothing anyone searches for, and NUL
    breaks both databases' search (PostgreSQL refuses it, SQLite's full-text query ends at it).
    Double quotes are left out too: the SQLite backend puts each word in double quotes without
    escaping them, so one in a word is a broken query, and neither database searches for
    punctuation anyway. Each becomes a space, runs of spaces one space.
    """
    if not isinstance(value, str):
        return ""
    text = "".join(
        " " if character == '"' or unicodedata.category(character) == "Cc" else character for character in value
    )
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def search(request):
    """Search the site's live, public pages with Wagtail's search backend."""
    query = search_query(request.GET.get("q", ""))
    site = Site.find_for_request(request)
    results = Page.objects.none()
    if query and site:
        # The home page itself is left out: it mentions everything and leads everywhere.
        results = Page.objects.live().public().descendant_of(site.root_page).specific().search(query)
    page_of_results = paginate(request, results, settings.SEARCH_RESULTS_PER_PAGE)
    return TemplateResponse(request, "search.html", {"query": query, "results": page_of_results})
