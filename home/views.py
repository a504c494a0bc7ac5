from django.conf import settings
from django.template.response import TemplateResponse
from wagtail.models import Page, Site

from core.pagination import paginate

# Longer queries are cut: nobody types more, and the database search slows with length.
MAX_QUERY_LENGTH = 100


def search(request):
    """Search the site's live, public pages with Wagtail's search backend."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    site = Site.find_for_request(request)
    results = Page.objects.none()
    if query and site:
        # The home page itself is left out: it mentions everything and leads everywhere.
        results = Page.objects.live().public().descendant_of(site.root_page).specific().search(query)
    page_of_results = paginate(request, results, settings.SEARCH_RESULTS_PER_PAGE)
    return TemplateResponse(request, "search.html", {"query": query, "results": page_of_results})
