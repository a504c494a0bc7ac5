"""Routing in two queries (core/routing.py) answers every address as Wagtail's own walk does."""

import datetime

import pytest
from django.test import RequestFactory
from wagtail.models import Page

from blog.models import BlogIndexPage
from tests.factories.blog import BlogIndexPageFactory, BlogPageFactory
from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page, clinic_settings):
    about = StandardPageFactory(parent=home_page, title="About", slug="about")
    team = StandardPageFactory(parent=about, title="Team", slug="team")
    draft_section = StandardPageFactory(parent=home_page, title="Draft section", slug="draft-section", live=False)
    StandardPageFactory(parent=draft_section, title="Live below a draft", slug="live-below")
    blog = BlogIndexPageFactory(parent=home_page)
    article = BlogPageFactory(parent=blog, title="Ketamine", slug="ketamine", tags=["PTSD"])
    BlogPageFactory(
        parent=blog, title="An article named like the feed", slug="feed", date_published=datetime.date(2026, 2, 1)
    )
    BlogPageFactory(parent=blog, title="A draft", slug="a-draft", live=False)
    return {"home": home_page, "about": about, "team": team, "blog": blog, "article": article}


def answer(result):
    """The page, and for a routable page the view with its arguments (`RouteResult.args`)."""
    args = tuple(getattr(arg, "__name__", arg) for arg in result.args)
    return (type(result.page), result.page.pk, repr(args), tuple(sorted(result.kwargs.items())))


def walked(home, path):
    """What Wagtail's own Page.route answers for `path`."""
    components = [part for part in path.split("/") if part]
    request = RequestFactory().get(path)
    try:
        result = Page.route(home, request, components) if components else home.route(request, components)
    except Exception as error:
        return type(error).__name__
    return answer(result)


def routed(home, path):
    components = [part for part in path.split("/") if part]
    request = RequestFactory().get(path)
    try:
        result = home.specific.route(request, components)
    except Exception as error:
        return type(error).__name__
    return answer(result)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/about/",
        "/about/team/",
        "/about/team/nobody/",
        "/about/nobody/",
        "/nobody/",
        "/draft-section/",
        "/draft-section/live-below/",
        "/blog/",
        "/blog/ketamine/",
        "/blog/feed/",
        "/blog/feed/atom/",
        "/blog/tag/ptsd/",
        "/blog/tag/ptsd/feed/",
        "/blog/a-draft/",
        "/blog/ketamine/more/",
    ],
)
def test_every_address_is_answered_as_wagtail_would(tree, path):
    home = tree["home"]
    assert routed(home, path) == walked(home, path)


def test_an_article_three_levels_down_costs_two_queries_to_find(tree, django_assert_num_queries):
    home = tree["home"].specific
    request = RequestFactory().get("/blog/ketamine/")
    with django_assert_num_queries(2):
        result = home.route(request, ["blog", "ketamine"])
    assert result.page.pk == tree["article"].pk and type(result.page).__name__ == "BlogPage"


def test_a_topic_list_is_answered_by_the_blog_from_the_deepest_page_found(tree):
    result = tree["home"].specific.route(RequestFactory().get("/blog/tag/ptsd/"), ["blog", "tag", "ptsd"])
    view, _args, kwargs = result.args
    assert isinstance(result.page, BlogIndexPage) and view.__name__ == "tag" and kwargs == {"tag": "ptsd"}
