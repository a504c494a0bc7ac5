"""The caching policy (core/caching.py): the Cache-Control and Vary of every kind of response, on the demo site.

Public pages, for anonymous visitors: `public, max-age, s-maxage, stale-while-revalidate` from the
settings, `Vary: Cookie`. Everything personal or staff-only: `private, no-store`.
"""

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model

from home.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """On, as in production (the test settings leave it off for the other tests)."""
    settings.PAGE_CACHE_ENABLED = True


PROJECT_DIR = Path(__file__).resolve().parents[2]
PUBLIC = "public, max-age=60, s-maxage=300, stale-while-revalidate=60"


def is_never_cached(response):
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives and "public" not in directives


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


@pytest.fixture
def demo(db):
    call_command("load_demo_site", stdout=io.StringIO())
    return HomePage.objects.get()


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("cache-editor", "cache-editor@clinic.example", "x")


@pytest.fixture
def signed_in(editor):
    browser = Client()
    browser.force_login(editor)
    return browser


def sitemap_paths(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return [re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", response.text)]


# --- Public pages ------------------------------------------------------------------------------


def test_every_page_of_the_demo_is_public_for_visitors_and_private_for_editors(demo, signed_in):
    paths = sitemap_paths(Client())
    assert len(paths) > 10
    problems = {}
    for page_path in paths:
        first = Client().get(page_path)
        assert first.status_code == 200, page_path
        if first.cookies:  # a page showing a form sets its visitor's CSRF cookie: for her only
            if not is_never_cached(first) or set(first.cookies) != {"csrftoken"}:
                problems[page_path] = f"first view: {first['Cache-Control']!r}, cookies {sorted(first.cookies)}"
        elif first["Cache-Control"] != PUBLIC or "cookie" not in vary(first):
            problems[page_path] = f"first view: {first['Cache-Control']!r}, Vary {first.get('Vary')!r}"
        copy = Client().get(page_path)  # every visitor after her: the cached copy, with no cookie
        if (
            copy.get("X-Cache") != "hit"
            or copy["Cache-Control"] != PUBLIC
            or copy.cookies
            or "cookie" not in vary(copy)
        ):
            problems[page_path] = f"copy: {copy.get('X-Cache')}, {copy['Cache-Control']!r}, {sorted(copy.cookies)}"
        staff = signed_in.get(page_path)
        if not is_never_cached(staff) or staff.get("X-Cache"):
            problems[page_path] = f"signed in: {staff['Cache-Control']!r}, X-Cache {staff.get('X-Cache')}"
    assert problems == {}


def test_the_sitemap_robots_and_feeds_are_public(demo):
    for url in ("/sitemap.xml", "/robots.txt", "/blog/feed/"):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == PUBLIC, url


def test_the_values_come_from_the_settings(settings, demo):
    settings.CACHE_MAX_AGE = 5
    settings.CACHE_S_MAXAGE = 600
    settings.CACHE_STALE_WHILE_REVALIDATE = 30
    response = Client().get("/")
    assert response["Cache-Control"] == "public, max-age=5, s-maxage=600, stale-while-revalidate=30"


def read_settings(**environment):
    """The page cache settings of clinicsite.settings.production under `environment`, in a fresh interpreter."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CACHE_", "PAGE_CACHE")) and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="clinicsite.settings.production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="clinic.example",
        SUBMISSION_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        **environment,
    )
    code = (
        "from django.conf import settings; "
        "print(settings.CACHE_MAX_AGE, settings.CACHE_S_MAXAGE, settings.CACHE_STALE_WHILE_REVALIDATE, "
        "settings.PAGE_CACHE_SECONDS, settings.PAGE_CACHE_QUERY_PARAMETERS, settings.CACHES['pages']['BACKEND'], "
        "','.join(settings.MIDDLEWARE[:4]))"
    )
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False
    )


def test_production_reads_the_values_from_the_environment_with_defaults():
    defaults = read_settings()
    assert defaults.returncode == 0, defaults.stderr
    assert defaults.stdout.split() == [
        "60",
        "300",
        "60",
        "3600",
        "['page']",
        "django.core.cache.backends.filebased.FileBasedCache",
        # First the redirect to HTTPS and HSTS, then static files, then compression (of a page as it
        # leaves, a hit included), then the page cache, before any session.
        "django.middleware.security.SecurityMiddleware,whitenoise.middleware.WhiteNoiseMiddleware,"
        "clinicsite.middleware.CompressTextMiddleware,core.caching.PageCacheMiddleware",
    ]
    chosen = read_settings(
        CACHE_MAX_AGE="10",
        CACHE_S_MAXAGE="900",
        CACHE_STALE_WHILE_REVALIDATE="120",
        PAGE_CACHE_SECONDS="7200",
        PAGE_CACHE_QUERY_PARAMETERS="page,tag",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert chosen.returncode == 0, chosen.stderr
    assert chosen.stdout.split() == [
        "10",
        "900",
        "120",
        "7200",
        "['page',",
        "'tag']",
        "django.core.cache.backends.redis.RedisCache",
        defaults.stdout.split()[-1],
    ]


def test_a_cache_longer_than_a_form_may_stay_open_is_refused():
    result = read_settings(PAGE_CACHE_SECONDS=str(3 * 24 * 60 * 60))
    assert result.returncode == 3
    assert "FORMS_MAX_AGE_SECONDS" in result.stderr


# --- Never cached --------------------------------------------------------------------------------


def test_the_admin_is_never_cached(demo, signed_in):
    assert is_never_cached(Client().get("/admin/login/"))
    assert is_never_cached(Client().get("/admin/pages/"))  # the redirect to sign in
    assert is_never_cached(signed_in.get("/admin/"))
    assert is_never_cached(signed_in.get(reverse("wagtailadmin_pages:edit", args=[demo.pk])))


def test_previews_are_never_cached(demo, signed_in):
    revision = demo.save_revision()
    response = signed_in.get(reverse("wagtailadmin_pages:revisions_view", args=[demo.pk, revision.pk]))
    assert response.status_code == 200 and is_never_cached(response)
    assert is_never_cached(demo.make_preview_request())


def test_search_results_are_never_cached(demo):
    response = Client().get("/search/", {"q": "ketamine"})
    assert response.status_code == 200 and is_never_cached(response)
    assert is_never_cached(Client().get("/search/"))


def test_a_form_pages_personal_parts_are_never_cached(demo):
    assert is_never_cached(Client().get("/request-a-call-back/token/"))
    assert is_never_cached(Client().get("/request-a-call-back/thank-you/"))
    response = Client().post("/request-a-call-back/", {"your_name": ""})
    assert is_never_cached(response)


def test_self_check_results_are_never_cached(demo):
    response = Client().post("/self-check/phq-9/", {})
    assert response.status_code in (200, 400) and is_never_cached(response)


def test_anything_with_a_session_or_credentials_is_never_cached(settings, demo):
    visitor = Client()
    visitor.cookies[settings.SESSION_COOKIE_NAME] = "a-session-that-may-be-someone's"
    assert is_never_cached(visitor.get("/"))
    assert is_never_cached(Client().get("/", HTTP_AUTHORIZATION="Basic ZWRpdG9yOnNlY3JldA=="))
    assert is_never_cached(Client().get("/?preview_token=abc"))


def test_errors_and_redirects_are_never_cached(demo):
    assert is_never_cached(Client().get("/no-such-page/"))
    assert is_never_cached(Client().get("/treatments"))  # the redirect to /treatments/


def test_documents_are_never_cached_as_public(demo):
    document = get_document_model().objects.create(title="Leaflet", file=ContentFile(b"%PDF-1.4", name="leaflet.pdf"))
    response = Client().get(document.url)
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")
