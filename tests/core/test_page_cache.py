"""The page cache (core/caching.py): hits and misses, every purge trigger, bad input, a Redis that goes away.

The test settings keep the page cache in this process's memory (clinicsite/settings/test.py), emptied
before every test (tests/conftest.py); the Redis tests start a Redis of their own.
"""

import datetime
import gzip
import shutil
import socket
import subprocess
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.test import Client
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import Collection, PageViewRestriction, Site

from core import caching
from forms.crisis import CrisisPhrases
from tests.factories.blog import BlogIndexPageFactory, BlogPageFactory
from tests.factories.forms import call_back_form_page
from tests.factories.home import ClinicImageFactory
from tests.factories.treatments import ClinicianFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """On, as in production (the test settings leave it off for the other tests)."""
    settings.PAGE_CACHE_ENABLED = True


def x_cache(response):
    return response.get("X-Cache")


def warm(client, url):
    """Ask twice: the second answer comes from the cache."""
    first = client.get(url)
    assert first.status_code == 200 and x_cache(first) in ("miss", "hit")
    second = client.get(url)
    assert x_cache(second) == "hit", f"{url} was not served from the page cache"
    return second


@pytest.fixture
def blog(site):
    return BlogIndexPageFactory(parent=site)


# --- Hits and misses ---------------------------------------------------------------------------


def test_a_second_anonymous_visit_is_a_hit_with_the_same_page_and_no_query(client, about, django_assert_num_queries):
    miss = client.get(about.url)
    assert x_cache(miss) == "miss"
    with django_assert_num_queries(0):
        hit = client.get(about.url)
    assert x_cache(hit) == "hit"
    assert hit.status_code == 200 and hit.content == miss.content
    assert hit["Content-Type"] == miss["Content-Type"]


def test_a_hit_carries_the_same_security_headers_as_the_miss(settings, about):
    settings.SECURE_HSTS_SECONDS = 3600
    browser = Client()
    miss = browser.get(about.url, secure=True)
    hit = browser.get(about.url, secure=True)
    assert x_cache(hit) == "hit"
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "Strict-Transport-Security",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Cross-Origin-Resource-Policy",
        "Cache-Control",
        "Vary",
    ):
        assert hit.get(header) == miss.get(header), header
        assert hit.get(header), header


def test_the_public_policy_uses_no_nonce_so_a_cached_page_replays_none(client, about):
    hit = warm(client, about.url)
    assert "nonce-" not in hit["Content-Security-Policy"]


def test_a_page_whose_policy_has_a_nonce_is_never_stored(rf):
    lookup = caching.lookup_for(rf.get("/about/"))
    lookup.generation = caching.current_generation()
    response = HttpResponse("page")
    response["Content-Security-Policy"] = "script-src 'self' 'nonce-abc123'"
    caching.store(lookup, response)
    request = rf.get("/about/")
    assert caching.fetch(caching.lookup_for(request), request) is None


def test_head_is_answered_from_the_cache(client, about):
    warm(client, about.url)
    assert x_cache(client.head(about.url)) == "hit"


# --- Every change an editor can make is live at once ---------------------------------------------


def test_publishing_a_page_purges_it(client, about):
    warm(client, about.url)
    about.title = "About our team"
    about.save_revision().publish()
    response = client.get(about.url)
    assert x_cache(response) == "miss" and b"About our team" in response.content


def test_publishing_an_article_purges_the_listing_that_shows_it(client, blog, article):
    warm(client, blog.url)
    BlogPageFactory(parent=blog, title="Esketamine nasal spray", date_published=datetime.date(2026, 6, 1))
    response = client.get(blog.url)
    assert x_cache(response) == "miss" and b"Esketamine nasal spray" in response.content


def test_publishing_an_article_purges_the_related_articles_of_others(client, blog, article):
    warm(client, article.url)
    other = BlogPageFactory(
        parent=blog,
        title="A draft for now",
        live=False,
        date_published=datetime.date(2026, 6, 1),
        author=article.author,
        reviewed_by=article.reviewed_by,
    )
    assert x_cache(client.get(article.url)) == "hit"  # a draft shows nowhere: nothing purged
    other.title = "What a first session is like"
    other.save_revision().publish()
    assert x_cache(client.get(article.url)) == "miss"


def test_unpublishing_a_page_purges_it_and_the_menu(client, site, about):
    warm(client, site.url)
    warm(client, about.url)
    about.unpublish()
    assert client.get(about.url).status_code == 404
    home = client.get(site.url)
    assert x_cache(home) == "miss" and b"About the clinic" not in home.content


def test_the_menu_follows_show_in_menus(client, site, about):
    warm(client, site.url)
    about.show_in_menus = False
    about.save_revision().publish()
    assert b'href="/about/"' not in client.get(site.url).content


def test_moving_a_page_purges_it(client, site, about, blog):
    warm(client, about.url)
    about.move(blog, pos="last-child")
    moved = client.get("/about/")
    assert moved.status_code == 301 and moved["Location"] == "/blog/about/"  # Wagtail's own redirect
    assert client.get("/blog/about/").status_code == 200


def test_deleting_a_page_purges_it(client, about):
    warm(client, about.url)
    about.delete()
    assert client.get("/about/").status_code == 404


def test_changing_site_settings_purges_every_page(client, about, clinic_settings):
    warm(client, about.url)
    clinic_settings.phone = "(555) 010-9999"
    clinic_settings.save()
    response = client.get(about.url)
    assert x_cache(response) == "miss" and b"(555) 010-9999" in response.content


def test_changing_a_generic_setting_purges_every_page(client, about):
    warm(client, about.url)
    CrisisPhrases.load().save()
    assert x_cache(client.get(about.url)) == "miss"


def test_changing_a_clinician_purges_the_articles_naming_them(client, article):
    warm(client, article.url)
    author = article.author
    author.name = "Dr. Renamed Person"
    author.save()
    response = client.get(article.url)
    assert x_cache(response) == "miss" and b"Dr. Renamed Person" in response.content


def test_adding_or_deleting_a_clinician_purges(client, about):
    warm(client, about.url)
    clinician = ClinicianFactory()
    warm(client, about.url)
    clinician.delete()
    assert x_cache(client.get(about.url)) == "miss"


def test_publishing_a_form_page_purges_the_pages_it_is_embedded_in(client, site, about):
    form_page = call_back_form_page(site)
    warm(client, about.url)
    form_page.title = "Ask us to call you"
    form_page.save_revision().publish()
    assert x_cache(client.get(about.url)) == "miss"


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda: ClinicImageFactory(title="New photo"), id="image added"),
        pytest.param(lambda: Collection.get_first_root_node().add_child(name="Leaflets"), id="collection added"),
        pytest.param(lambda: Redirect.objects.create(old_path="/old", redirect_link="/about/"), id="redirect added"),
        pytest.param(lambda: Site.objects.get(is_default_site=True).save(), id="site changed"),
    ],
)
def test_images_collections_redirects_and_sites_purge(client, about, change):
    warm(client, about.url)
    change()
    assert x_cache(client.get(about.url)) == "miss"


def test_changing_or_deleting_an_image_or_a_document_purges(client, about):
    image = ClinicImageFactory(title="Waiting room")
    document = get_document_model().objects.create(title="Leaflet", file=ContentFile(b"%PDF-1.4", name="leaflet.pdf"))
    for change in (image.save, image.delete, document.save, document.delete):
        warm(client, about.url)
        change()
        assert x_cache(client.get(about.url)) == "miss", change


def test_restricting_a_page_purges_it_and_it_is_then_never_cached(client, about):
    warm(client, about.url)
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.PASSWORD, password="x")
    first = client.get(about.url)
    assert b"About the clinic" not in first.content or b"password" in first.content.lower()
    assert "no-store" in first["Cache-Control"]
    assert x_cache(client.get(about.url)) == "miss"


def test_a_rendition_made_while_a_page_renders_purges_nothing(client, about):
    image = ClinicImageFactory(title="Waiting room")
    warm(client, about.url)
    image.get_rendition("fill-100x100")
    assert x_cache(client.get(about.url)) == "hit"


def test_the_purge_is_repeated_when_the_transaction_commits(client, about, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        caching.purge_page_cache()
    warm(client, about.url)
    for callback in callbacks:
        callback()
    assert x_cache(client.get(about.url)) == "miss"


# --- Bad input -----------------------------------------------------------------------------------


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@clinic.example", "a-long-password-1")


def test_a_signed_in_editor_is_never_served_from_the_cache_nor_stored(client, about, editor):
    staff = Client()
    staff.force_login(editor)
    cold = staff.get(about.url)
    assert cold.status_code == 200 and x_cache(cold) is None
    assert "no-store" in cold["Cache-Control"] and "private" in cold["Cache-Control"]
    assert x_cache(client.get(about.url)) == "miss"  # nothing was stored from the editor's visit
    assert x_cache(client.get(about.url)) == "hit"
    assert x_cache(staff.get(about.url)) is None  # and the visitors' copy is not served to her


def test_a_session_cookie_alone_bypasses_the_cache(client, settings, about):
    warm(client, about.url)
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-real-session"
    response = client.get(about.url)
    assert x_cache(response) is None and "no-store" in response["Cache-Control"]


def test_any_cookie_but_the_csrf_cookie_bypasses_the_cache(client, settings, about):
    warm(client, about.url)
    client.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32
    assert x_cache(client.get(about.url)) == "hit"
    client.cookies["messages"] = "something"
    assert x_cache(client.get(about.url)) is None


def test_an_authorization_header_bypasses_the_cache(client, about):
    warm(client, about.url)
    response = client.get(about.url, HTTP_AUTHORIZATION="Basic ZWRpdG9yOnNlY3JldA==")
    assert x_cache(response) is None and "no-store" in response["Cache-Control"]
    Client().get(about.url, HTTP_AUTHORIZATION="Bearer abc")
    assert x_cache(client.get(about.url)) == "hit"


@pytest.mark.parametrize("parameter", ["preview_token", "token", "preview"])
def test_a_preview_token_is_never_served_from_the_cache_nor_stored(client, about, parameter):
    url = f"{about.url}?{parameter}=abc"
    assert x_cache(client.get(url)) is None
    warm(client, about.url)
    response = client.get(url)
    assert x_cache(response) is None and "no-store" in response["Cache-Control"]


def test_a_preview_of_a_draft_is_never_stored(client, about):
    about.title = "A draft title"
    preview = about.make_preview_request()
    assert b"A draft title" in preview.content
    assert x_cache(preview) is None and "no-store" in preview["Cache-Control"]
    response = client.get(about.url)
    assert x_cache(response) == "miss" and b"A draft title" not in response.content


def test_campaign_parameters_do_not_fragment_the_cache(client, about):
    warm(client, about.url)
    response = client.get(about.url, {"utm_source": "newsletter", "utm_campaign": "tms", "fbclid": "abc"})
    assert x_cache(response) == "hit"


def test_a_request_with_unknown_parameters_is_never_stored(client, about):
    assert x_cache(client.get(about.url, {"utm_source": "newsletter"})) == "miss"
    assert x_cache(client.get(about.url)) == "miss"


def test_each_page_of_a_list_has_its_own_copy(client, settings, blog, article):
    settings.BLOG_ARTICLES_PER_PAGE = 1
    BlogPageFactory(parent=blog, title="Newer article", date_published=datetime.date(2026, 6, 1))
    first = warm(client, blog.url)
    second = client.get(blog.url, {"page": 2})
    assert x_cache(second) == "miss" and second.content != first.content
    assert x_cache(client.get(blog.url, {"page": 2, "gclid": "x"})) == "hit"


def test_only_a_200_is_stored(client, site):
    for _ in range(2):
        response = client.get("/no-such-page/")
        assert response.status_code == 404 and x_cache(response) == "miss"
        assert "no-store" in response["Cache-Control"]


def test_search_results_are_never_cached(client, about):
    for _ in range(2):
        response = client.get("/search/", {"q": "ketamine"})
        assert x_cache(response) == "miss" and "no-store" in response["Cache-Control"]


def test_a_post_is_never_answered_from_the_cache(client, about):
    warm(client, about.url)
    assert x_cache(client.post(about.url, {})) is None


def test_a_form_page_is_stored_without_its_csrf_cookie(client, settings, site):
    form_page = call_back_form_page(site)
    miss = client.get(form_page.url)
    assert settings.CSRF_COOKIE_NAME in miss.cookies  # the first visitor's own cookie, for her eyes only
    assert "private" in miss["Cache-Control"] and "no-store" in miss["Cache-Control"]
    hit = Client().get(form_page.url)
    assert x_cache(hit) == "hit"
    assert not hit.cookies and "Set-Cookie" not in hit and "Expires" not in hit
    assert hit["Cache-Control"].startswith("public") and "Cookie" in hit["Vary"]


def test_a_response_setting_any_other_cookie_is_never_stored(rf):
    lookup = caching.lookup_for(rf.get("/about/"))
    lookup.generation = caching.current_generation()
    response = HttpResponse("page")
    response.set_cookie("sessionid", "abc")
    caching.store(lookup, response)
    request = rf.get("/about/")
    assert caching.fetch(caching.lookup_for(request), request) is None


def test_the_page_cache_can_be_turned_off(client, settings, about):
    settings.PAGE_CACHE_ENABLED = False
    client.get(about.url)
    response = client.get(about.url)
    assert x_cache(response) is None and response["Cache-Control"].startswith("public")


# --- Redis going away --------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_pages(settings, tmp_path):
    """The page cache in a Redis started for this test alone, on a free port, stopped by its own id."""
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        pytest.fail("redis-server is not installed (Debian: apt-get install redis-server)")
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - Debian's redis-server, loopback only
        [redis_server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                server.kill()
                pytest.fail("the test's redis-server did not start")
            server.poll()
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    yield server
    if server.poll() is None:
        server.terminate()
        server.wait(timeout=10)


def test_pages_are_cached_in_redis(client, about, redis_pages):
    warm(client, about.url)
    about.title = "About our team"
    about.save_revision().publish()
    assert b"About our team" in client.get(about.url).content


def test_redis_going_away_gives_uncached_pages_never_errors(about, redis_pages):
    visitor = Client(raise_request_exception=False)
    warm(visitor, about.url)
    redis_pages.terminate()
    redis_pages.wait(timeout=10)
    for _ in range(2):
        response = visitor.get(about.url)
        assert response.status_code == 200 and x_cache(response) == "miss"
        assert b"About the clinic" in response.content
    about.title = "Published while Redis is down"
    about.save_revision().publish()  # the purge fails quietly; the editor's publish does not
    assert b"Published while Redis is down" in visitor.get(about.url).content


# --- Compression ------------------------------------------------------------------------------

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def accepts(response, coding):
    return coding in {part.strip().lower() for part in response.get("Vary", "").split(",")}


def test_a_page_is_sent_gzip_compressed_to_a_browser_that_accepts_it_hit_or_miss(client, about):
    plain = Client().get(about.url).content  # a miss, stored
    miss_url = about.url + "?utm_source=newsletter"  # answered by the copy, hence a hit, as below
    for response in (client.get(about.url, **GZIP), client.get(miss_url, **GZIP)):
        assert x_cache(response) == "hit"
        assert response["Content-Encoding"] == "gzip" and int(response["Content-Length"]) == len(response.content)
        assert gzip.decompress(response.content) == plain
        assert accepts(response, "accept-encoding") and accepts(response, "cookie")
    clear = Client().get(about.url)
    assert x_cache(clear) == "hit" and "Content-Encoding" not in clear and clear.content == plain
    assert accepts(clear, "accept-encoding")  # a cache in front keeps the two apart


def test_a_page_rendered_for_the_visitor_is_compressed_too(client, settings, about):
    settings.PAGE_CACHE_ENABLED = False
    response = client.get(about.url, **GZIP)
    assert response["Content-Encoding"] == "gzip" and b"About the clinic" in gzip.decompress(response.content)


def test_the_admin_is_never_compressed(client, about):
    response = client.get("/admin/login/", **GZIP)
    assert response.status_code == 200 and "Content-Encoding" not in response
