"""Fragments (core/caching.py): pages the page cache does not answer are rendered from kept pieces, which
every change an editor makes purges at once, and which nobody but an anonymous visitor ever gets.

The page cache is off here, as in the test settings: every answer is rendered, from fragments.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from home.models import Clinician
from tests.factories.blog import BlogIndexPageFactory, BlogPageFactory
from tests.factories.forms import call_back_form_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(db):
    staff = Client()
    staff.force_login(get_user_model().objects.create_superuser("editor", "editor@clinic.example", "a-long-pass-1"))
    return staff


@pytest.fixture
def blog(site):
    return BlogIndexPageFactory(parent=site, show_in_menus=True)


def test_fragments_are_kept_and_used(client, settings, article, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as first:
        client.get(article.url)
    with django_assert_max_num_queries(len(first) - 5):
        assert client.get(article.url).status_code == 200
    settings.FRAGMENT_CACHE_ENABLED = False
    with CaptureQueriesContext(connection) as without:
        client.get(article.url)
    assert len(without) >= len(first) - 1


def test_renaming_a_clinician_shows_at_once_in_the_byline_and_the_structured_data(client, article):
    client.get(article.url)
    author = article.author
    author.name = "Dr. Renamed Person"
    author.save()
    content = client.get(article.url).content.decode()
    assert content.count("Dr. Renamed Person") >= 2  # the byline and the JSON-LD author


def test_a_new_article_shows_at_once_in_the_list_and_the_related_articles(client, blog, article):
    client.get(blog.url)
    client.get(article.url)
    BlogPageFactory(parent=blog, title="Esketamine nasal spray", date_published=datetime.date(2026, 6, 1))
    assert b"Esketamine nasal spray" in client.get(blog.url).content
    assert b"Esketamine nasal spray" in client.get(article.url).content


def test_the_clinic_settings_show_at_once_in_the_header_and_footer(client, about, clinic_settings):
    client.get(about.url)
    clinic_settings.phone = "(555) 010-9999"
    clinic_settings.save()
    assert client.get(about.url).content.decode().count("(555) 010-9999") >= 2


def test_a_page_left_out_of_the_menu_leaves_it_at_once(client, site, about):
    client.get(site.url)
    about.show_in_menus = False
    about.save_revision().publish()
    assert b'href="/about/"' not in client.get(site.url).content


def test_each_page_gets_its_own_header_with_its_own_place_in_the_menu(client, about, blog):
    client.get(about.url)
    on_blog = client.get(blog.url).content.decode()
    assert 'href="/blog/" aria-current="page"' in on_blog or 'aria-current="page" href="/blog/"' in on_blog
    assert 'href="/about/" aria-current="page"' not in on_blog


def test_a_signed_in_editor_never_gets_a_kept_fragment(client, article, editor_client):
    client.get(article.url)
    Clinician.objects.filter(pk=article.author.pk).update(name="Changed behind the signals")
    assert b"Changed behind the signals" not in client.get(article.url).content  # kept, for visitors
    assert b"Changed behind the signals" in editor_client.get(article.url).content


def test_an_address_with_other_parameters_is_rendered_in_full(client, article):
    client.get(article.url)
    Clinician.objects.filter(pk=article.author.pk).update(name="Changed behind the signals")
    assert b"Changed behind the signals" in client.get(article.url + "?utm_source=newsletter").content


def test_an_embedded_form_is_never_kept_each_visitor_gets_their_own_token(site, about):
    form_page = call_back_form_page(site)
    about.body = [{"type": "form", "value": {"form_page": form_page.pk}}]
    about.save_revision().publish()
    tokens = []
    for _ in range(2):
        visitor = Client()
        content = visitor.get(about.url).content.decode()
        assert 'name="csrfmiddlewaretoken"' in content
        tokens.append(content.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0])
    assert tokens[0] != tokens[1]


def test_a_cache_that_cannot_be_reached_renders_every_fragment(client, settings, article):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    response = client.get(article.url)
    assert response.status_code == 200 and b"Ketamine and PTSD" in response.content


def test_a_form_sent_back_with_errors_shows_what_was_typed_not_the_kept_blank_fields(site):
    form_page = call_back_form_page(site)
    visitor = Client()
    blank = visitor.get(form_page.url).content.decode()  # the blank fields are kept
    token = blank.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    response = visitor.post(
        form_page.url, {"csrfmiddlewaretoken": token, "your_name": "Riley Typed", "phone_number": ""}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="Riley Typed"' in content and "error" in content


def test_a_changed_form_field_shows_at_once(site):
    form_page = call_back_form_page(site)
    Client().get(form_page.url)
    field = form_page.form_fields.get(label="Your name")
    field.label = "Your full name"
    field.save()
    form_page.save_revision().publish()
    assert b"Your full name" in Client().get(form_page.url).content
