"""Promoted search results and the search-terms report (wagtail.contrib.search_promotions, home/views.py)."""

import pytest
from bs4 import BeautifulSoup
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def crisis(home_page):
    return StandardPageFactory(parent=home_page, title="Get help now", slug="get-help-now")


def page(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    promoted = [a.get_text() for a in soup.select(".search-promoted a")]
    results = [a.get_text() for a in soup.select("ol.search-results .search-results__title a")]
    return promoted, results, soup


def pin(query, **fields):
    return SearchPromotion.objects.create(query=Query.get(query), **fields)


def test_a_pinned_page_comes_first_for_its_query_whatever_the_case(client, clinic_settings, crisis, home_page):
    StandardPageFactory(parent=home_page, title="Suicide and depression", slug="suicide-and-depression")
    pin("suicide", page=crisis, description="Call or text 988, any time.", sort_order=0)
    promoted, results, soup = page(client.get("/search/", {"q": "  Suicide "}))
    assert promoted == ["Get help now"]
    assert "Call or text 988, any time." in soup.select_one(".search-promoted").get_text()
    assert soup.select_one(".search-promoted a")["href"] == "/get-help-now/"
    assert results == ["Suicide and depression"]
    assert soup.select_one(".search-promoted").find_next("ol") is not None, "the picks come before the results"


def test_a_pinned_page_is_not_listed_twice(client, clinic_settings, crisis):
    pin("help", page=crisis)
    promoted, results, _soup = page(client.get("/search/", {"q": "help"}))
    assert promoted == ["Get help now"]
    assert "Get help now" not in results


def test_an_external_link_can_be_pinned_and_nothing_else_matching_is_said_plainly(client, clinic_settings, home_page):
    pin("988", external_link_url="https://988lifeline.org/", external_link_text="988 Suicide & Crisis Lifeline")
    promoted, results, soup = page(client.get("/search/", {"q": "988"}))
    assert promoted == ["988 Suicide & Crisis Lifeline"]
    assert soup.select_one(".search-promoted a")["href"] == "https://988lifeline.org/"
    assert results == []
    assert "Nothing else matched “988”" in soup.get_text()


def test_a_pinned_page_that_is_unpublished_or_private_is_not_shown(client, clinic_settings, crisis):
    pin("help", page=crisis)
    crisis.unpublish()
    promoted, _results, _soup = page(client.get("/search/", {"q": "help"}))
    assert promoted == []


def test_picks_are_shown_above_the_first_page_only(client, clinic_settings, crisis, home_page, settings):
    settings.SEARCH_RESULTS_PER_PAGE = 1
    for number in range(3):
        StandardPageFactory(parent=home_page, title=f"Help leaflet {number}", slug=f"help-leaflet-{number}")
    pin("help", page=crisis)
    assert page(client.get("/search/", {"q": "help"}))[0] == ["Get help now"]
    assert page(client.get("/search/", {"q": "help", "page": "2"}))[0] == []


def test_each_search_counts_once_for_the_search_terms_report(client, clinic_settings, crisis, home_page, settings):
    settings.SEARCH_RESULTS_PER_PAGE = 1
    StandardPageFactory(parent=home_page, title="Help leaflet", slug="help-leaflet")
    client.get("/search/", {"q": "Help"})
    client.get("/search/", {"q": "help"})
    client.get("/search/", {"q": "help", "page": "2"})  # the same search, read further
    assert Query.get("help").hits == 2
    assert [query.query_string for query in Query.get_most_popular()] == ["help"]


def test_a_query_that_may_hold_contact_details_is_searched_but_never_recorded(client, clinic_settings):
    for typed in ("call me on 555 010 2040", "jane@example.com", "born 1984", "help"):
        assert client.get("/search/", {"q": typed}).status_code == 200
    assert list(Query.objects.values_list("query_string", flat=True)) == ["help"]
    assert QueryDailyHits.objects.count() == 1


def test_editors_pin_results_and_administrators_read_the_search_terms_report(client, clinic_settings):
    from django.contrib.auth import get_user_model

    from home.roles import EDITORS
    from tests.factories.home import member_of

    client.force_login(member_of(EDITORS))
    assert client.get("/admin/searchpicks/").status_code == 200
    assert client.get("/admin/searchpicks/add/").status_code == 200
    assert client.get("/admin/searchpicks/reports/search-terms/").status_code != 200  # Wagtail: administrators only

    Query.get("help").add_hit()
    admin = get_user_model().objects.create_superuser("boss", "boss@clinic.example", "a-long-password-1")
    client.force_login(admin)
    report = client.get("/admin/searchpicks/reports/search-terms/")
    assert report.status_code == 200
    assert b"help" in report.content
