"""Every page type renders in at most 10 queries without the page cache, with 10 articles and with 1,000.

The page cache is off here (as in the other tests): what is measured is the render a visitor gets on
a miss, once the page's fragments are kept (core/caching.py, "Fragments"), which is every view but
the first after a change. The first view is bounded too, so a miss never costs more than it must.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.models import BlogIndexPage, BlogPage
from home.models import Clinician

BUDGET = 10
# The first view after a purge renders every fragment.
FIRST_VIEW_BUDGET = 40
PAGES = {
    "home": "/",
    "treatment": "/treatments/ketamine-therapy/",
    "condition": "/conditions/ptsd/",
    "article": "/blog/ketamine-for-ptsd/",
    "blog index": "/blog/",
    "blog index, page 2": "/blog/?page=2",
    "form page": "/request-a-call-back/",
    "standard page": "/contact/",
    "team page": "/about/team/",
}


def add_articles(count):
    """`count` more live articles, plain ones, newest first, by the demo's first clinician."""
    blog = BlogIndexPage.objects.get()
    author = Clinician.objects.order_by("pk").first()
    for number in range(count):
        blog.add_child(
            instance=BlogPage(
                title=f"Extra article {number}",
                slug=f"extra-article-{number}",
                summary="An article added to measure the lists.",
                date_published=datetime.date(2026, 1, 1) + datetime.timedelta(days=number % 300),
                author=author,
            )
        )


def queries_of(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("articles", [10, 1000])
def test_every_page_type_renders_in_at_most_ten_queries(client, articles, without_search_indexing):
    call_command("load_demo_site", stdout=io.StringIO())
    add_articles(articles - BlogPage.objects.count())
    assert BlogPage.objects.live().count() == articles

    first_views = {name: queries_of(client, path) for name, path in PAGES.items()}
    later_views = {name: queries_of(client, path) for name, path in PAGES.items()}

    assert {name: count for name, count in later_views.items() if count > BUDGET} == {}, later_views
    assert {name: count for name, count in first_views.items() if count > FIRST_VIEW_BUDGET} == {}, first_views
