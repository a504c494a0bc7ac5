import pytest
from bs4 import BeautifulSoup

from tests.factories import StandardPageFactory, TreatmentIndexPageFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db


def results(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select(".search-results__title a")], soup


def test_search_finds_live_pages_by_their_words(client, home_page, clinic_settings):
    treatments = TreatmentIndexPageFactory(parent=home_page)
    TreatmentPageFactory(parent=treatments, title="Spravato", summary="An esketamine nasal spray.")
    draft = TreatmentPageFactory(parent=treatments, title="Esketamine draft", summary="esketamine", live=False)
    titles, soup = results(client.get("/search/", {"q": "esketamine"}))
    assert titles == ["Spravato"]
    assert draft.title not in titles
    assert soup.find("input", attrs={"name": "q"})["value"] == "esketamine"
    assert "1 result for “esketamine”" in soup.get_text()


def test_empty_and_unmatched_queries_say_so_plainly(client, home_page, clinic_settings):
    titles, soup = results(client.get("/search/"))
    assert titles == [] and soup.find("label", string="Search this site")
    titles, soup = results(client.get("/search/", {"q": "zzzz-nothing"}))
    assert "Nothing matched “zzzz-nothing”" in soup.get_text()


@pytest.mark.parametrize("page", ["0", "abc", "999", "-1"])
def test_bad_page_numbers_and_long_queries_never_fail(client, home_page, clinic_settings, settings, page):
    settings.SEARCH_RESULTS_PER_PAGE = 2
    for n in range(5):
        StandardPageFactory(parent=home_page, title=f"Contact {n}", slug=f"contact-{n}", intro="Opening hours")
    titles, soup = results(client.get("/search/", {"q": "hours", "page": page}))
    assert len(titles) in (1, 2)
    next_link = soup.find("a", rel="next")
    assert next_link is None or next_link["href"].startswith("?q=hours&page=")
    assert results(client.get("/search/", {"q": "x" * 5000}))[0] == []
