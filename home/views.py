import re
import unicodedata

from django.conf import settings
from django.template.response import TemplateResponse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, Site
from wagtail.search.utils import normalise_query_string

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


# A query with a digit or an @ may be a phone number, a date of birth or an email address: it is
# searched, never recorded. Words alone are counted, per day, with nobody's name on them.
MAY_HOLD_CONTACT_DETAILS = re.compile(r"[\d@]")


def promoted_results(query, site):
    """What editors pinned for this query (Settings → Promoted search results): live public pages of
    this site, and links elsewhere, in the editors' order."""
    promotions = (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order")
    )
    public_pages = set(
        Page.objects.live().public().descendant_of(site.root_page, inclusive=True).values_list("pk", flat=True)
    )
    return [promotion for promotion in promotions if promotion.page_id is None or promotion.page_id in public_pages]


def record_search(query):
    """Count the query for Reports → Search terms, unless it may hold someone's contact details."""
    if not MAY_HOLD_CONTACT_DETAILS.search(query):
        Query.get(query).add_hit()


def search(request):
    """Search the site's live, public pages with Wagtail's search backend, editors' picks first."""
    query = search_query(request.GET.get("q", ""))
    site = Site.find_for_request(request)
    results = Page.objects.none()
    promoted = []
    if query and site:
        promoted = promoted_results(query, site)
        pinned_pages = [promotion.page_id for promotion in promoted if promotion.page_id]
        # The home page itself is left out: it mentions everything and leads everywhere.
        results = (
            Page.objects.live()
            .public()
            .descendant_of(site.root_page)
            .exclude(pk__in=pinned_pages)
            .specific()
            .search(query)
        )
    page_of_results = paginate(request, results, settings.SEARCH_RESULTS_PER_PAGE)
    if query and site and page_of_results.number == 1:
        record_search(query)  # once per search, not once per page of its results
    else:
        promoted = []  # shown above the first page only
    return TemplateResponse(request, "search.html", {"query": query, "results": page_of_results, "promoted": promoted})
