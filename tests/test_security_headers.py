"""The security headers and cookies of every page, with the production settings' own values.

Every URL of the demo site's sitemap, a 404, a 500, the admin's sign-in page, a signed-in admin
page and a preview get: HSTS (over HTTPS), a Content-Security-Policy (strict for the site and the
sign-in page, Wagtail's needs for the signed-in admin), X-Content-Type-Options, Referrer-Policy,
Permissions-Policy, X-Frame-Options and frame-ancestors, Cross-Origin-Opener-Policy and
-Resource-Policy. The CSRF cookie (`__Host-csrftoken`, HttpOnly) is set by a page that shows a
form needing it and by no other. docs/deployment.md, "Security headers"; the Observatory's scores of the
same headers: `make audit`.
"""

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import path, reverse
from wagtail.models import Page

from clinicsite import urls as site_urls
from home.models import Clinician, HomePage

pytestmark = pytest.mark.django_db

PROJECT_DIR = Path(__file__).resolve().parents[1]
PLAYERS = ('"https://www.youtube-nocookie.com"', '"https://player.vimeo.com"')
ONE_YEAR = 60 * 60 * 24 * 365

# The settings that make the headers and cookies, as clinicsite.settings.production has them.
HEADER_SETTINGS = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_SSL_HOST",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_NAME",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_AGE",
    "CSRF_COOKIE_SAMESITE",
    "CONTENT_SECURITY_POLICY",
    "ADMIN_CONTENT_SECURITY_POLICY",
    "ADMIN_SIGN_IN_CONTENT_SECURITY_POLICY",
    "PERMISSIONS_POLICY",
    "CROSS_ORIGIN_RESOURCE_POLICY",
]
PRINT_SETTINGS = (
    "import json; from django.conf import settings; "
    f"print(json.dumps({{name: getattr(settings, name) for name in {HEADER_SETTINGS!r}}}))"
)


@pytest.fixture(scope="session")
def production_values():
    """The header settings of clinicsite.settings.production, read in a fresh interpreter with only
    what production requires set (so: its defaults, whatever this shell's environment says)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECURE_", "SESSION_", "CSRF_"))
        and key not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "SUBMISSION_ENCRYPTION_KEYS"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="clinicsite.settings.production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="clinic.example",
        SUBMISSION_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", PRINT_SETTINGS], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production(settings, production_values):
    """This test runs with the production settings' headers and cookies."""
    for name, value in production_values.items():
        setattr(settings, name, value)
    return settings


@pytest.fixture
def https():
    """A browser talking to the site through the TLS proxy, which says so in X-Forwarded-Proto."""
    return Client(HTTP_X_FORWARDED_PROTO="https", raise_request_exception=False)


@pytest.fixture
def demo(db):
    call_command("load_demo_site", stdout=io.StringIO())
    return HomePage.objects.get()


def boom(request):
    raise RuntimeError("a server error, on purpose")


# The site's own URLs plus one that fails, for the 500 page.
urlpatterns = [path("boom/", boom), *site_urls.urlpatterns]


# --- What every response must carry -----------------------------------------------------


def policy(header):
    """{directive: [sources]} of a Content-Security-Policy header."""
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def permissions(header):
    """{feature: allowlist text} of a Permissions-Policy header."""
    return dict(re.findall(r"([\w-]+)=\(([^)]*)\)", header))


def has_csrf_form(response):
    """Whether the page shows a form that needs the CSRF cookie (it carries a CSRF token).

    A search form (GET) or a form whose view needs no token (the self-checks, which store nothing) does not.
    """
    return b'name="csrfmiddlewaretoken"' in response.content


def problems_with(response, *, csp="site", framed_by="none"):
    """What is wrong with a response's security headers and cookies, as sentences (empty: nothing)."""
    problems = []

    def expect(name, value):
        if response.get(name) != value:
            problems.append(f"{name} is {response.get(name)!r}, not {value!r}")

    expect("Strict-Transport-Security", f"max-age={ONE_YEAR}; includeSubDomains; preload")
    expect("X-Content-Type-Options", "nosniff")
    expect("Referrer-Policy", "same-origin")
    expect("Cross-Origin-Opener-Policy", "same-origin")
    expect("Cross-Origin-Resource-Policy", "same-origin")
    expect("X-Frame-Options", "DENY" if framed_by == "none" else "SAMEORIGIN")

    features = permissions(response.get("Permissions-Policy", ""))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial", "display-capture"):
        if features.get(feature) != "":
            problems.append(f"Permissions-Policy does not deny {feature}: {features.get(feature)!r}")
    for feature in ("autoplay", "fullscreen", "encrypted-media", "picture-in-picture"):
        if features.get(feature) != " ".join(["self", *PLAYERS]):
            problems.append(f"Permissions-Policy {feature} is not this site and the players: {features.get(feature)!r}")

    directives = policy(response.get("Content-Security-Policy", "missing"))
    sources = {source for values in directives.values() for source in values}
    if directives.get("default-src") != ["'none'"]:
        problems.append(f"default-src is {directives.get('default-src')}, not 'none'")
    if "'unsafe-eval'" in sources:
        problems.append("the CSP allows 'unsafe-eval'")
    if csp == "site" or csp == "sign-in":
        for directive, expected in {
            "script-src": ["'self'"],
            "style-src": ["'self'"],
            "object-src": ["'none'"],
            "base-uri": ["'none'"],
            "form-action": ["'self'"],
        }.items():
            if directives.get(directive) != expected:
                problems.append(f"{directive} is {directives.get(directive)}, not {expected}")
    if csp == "site" and sorted(directives.get("frame-src", [])) != sorted(p.strip('"') for p in PLAYERS):
        problems.append(f"frame-src is {directives.get('frame-src')}, not the two players")
    if csp == "admin" and directives.get("script-src") != ["'self'", "'unsafe-inline'"]:
        problems.append(f"the admin's script-src is {directives.get('script-src')}")
    expected_ancestors = ["'none'"] if framed_by == "none" else ["'self'"]
    if directives.get("frame-ancestors") != expected_ancestors:
        problems.append(f"frame-ancestors is {directives.get('frame-ancestors')}, not {expected_ancestors}")

    cookies = dict(response.cookies)
    csrf = cookies.pop("__Host-csrftoken", None)
    session = cookies.pop("__Host-sessionid", None) if csp == "admin" else None
    if cookies:
        problems.append(f"sets cookies {sorted(cookies)}")
    if csp != "admin":  # the signed-in admin's pages all make a CSRF token, for its scripts
        if has_csrf_form(response) and csrf is None:
            problems.append(
                "shows a CSRF-protected form but sets no CSRF cookie (without JavaScript it could not be sent)"
            )
        if not has_csrf_form(response) and csrf is not None:
            problems.append("sets the CSRF cookie without showing a form that needs it")
    for cookie in (csrf, session):
        if cookie is not None and not (cookie["secure"] and cookie["httponly"] and cookie["path"] == "/"):
            problems.append(f"a cookie is not Secure, HttpOnly and Path=/: {cookie.output()}")
        if cookie is not None and cookie["domain"]:
            problems.append(f"a cookie names a Domain: {cookie.output()}")
    if csrf is not None:
        if csrf["max-age"] or csrf["expires"]:
            problems.append(f"the CSRF cookie outlives the browser session: {csrf.output()}")
        if csrf["samesite"] != "Lax":
            problems.append(f"the CSRF cookie is not SameSite=Lax: {csrf.output()}")
    return problems


# --- The site -----------------------------------------------------------------------------


def sitemap_paths(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return [re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", response.text)]


def test_every_page_of_the_sitemap_carries_the_header_set(production, https, demo):
    paths = sitemap_paths(https)
    # Every live page, and the clinician profiles the team page serves (home/models/team.py).
    pages = Page.objects.live().public().filter(depth__gt=1).count()
    assert len(paths) == pages + Clinician.objects.count()
    assert any(path.startswith("/about/team/") and path != "/about/team/" for path in paths)
    problems = {}
    with_form = []
    for page_path in [*paths, "/search/?q=ketamine", "/request-a-call-back/thank-you/"]:
        https.cookies.clear()
        response = https.get(page_path)
        assert response.status_code == 200, page_path
        if found := problems_with(response):
            problems[page_path] = found
        if has_csrf_form(response):
            with_form.append(page_path)
    assert problems == {}
    # The demo has pages with a form (the form pages, and treatments and articles with the call-back
    # form at their end) and pages without one, so both rules above were put to the test.
    assert "/request-an-appointment/" in with_form and "/treatments/ketamine-therapy/" in with_form
    assert "/" not in with_form and "/treatments/" not in with_form


def test_the_404_page_carries_the_header_set(production, https, demo):
    response = https.get("/no-such-page/")
    assert response.status_code == 404
    assert problems_with(response) == []


def test_the_500_page_carries_the_header_set(production, https, demo):
    production.ROOT_URLCONF = __name__
    response = https.get("/boom/")
    assert response.status_code == 500
    assert b"<h1" in response.content  # the site's own 500 page
    assert problems_with(response) == []


def test_the_sitemap_robots_and_feeds_carry_the_headers_and_no_cookie(production, https, demo):
    for url in ("/sitemap.xml", "/robots.txt", "/blog/feed/rss/"):
        response = https.get(url)
        assert response.status_code in (200, 404), url
        assert problems_with(response) == [], url


def test_plain_http_is_redirected_to_https_without_hsts_or_cookies(production, demo):
    response = Client().get("/treatments/ketamine-therapy/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/treatments/ketamine-therapy/"
    assert "Strict-Transport-Security" not in response  # only ever sent over HTTPS
    assert not response.cookies


# --- The admin ------------------------------------------------------------------------------


def test_the_admin_sign_in_page_is_as_strict_as_the_site(production, https, demo):
    response = https.get("/admin/login/")
    assert response.status_code == 200
    assert problems_with(response, csp="sign-in") == []
    assert "__Host-csrftoken" in response.cookies  # the sign-in form


def test_an_admin_page_redirecting_to_sign_in_sets_no_cookie(production, https, demo):
    response = https.get("/admin/pages/")
    assert response.status_code == 302
    assert problems_with(response, csp="sign-in") == []


@pytest.fixture
def signed_in(production, https, demo):
    https.force_login(get_user_model().objects.create_superuser("headers", "headers@clinic.example", "x"))
    return https


def test_the_signed_in_admin_gets_inline_scripts_but_no_eval_and_no_framing(signed_in):
    response = signed_in.get("/admin/")
    assert response.status_code == 200
    assert problems_with(response, csp="admin") == []


def test_a_preview_keeps_the_sites_policy_and_may_be_framed_by_the_admin_only(signed_in, demo):
    page = Page.objects.get(url_path="/home/treatments/ketamine-therapy/").specific
    revision = page.save_revision()
    response = signed_in.get(reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]))
    assert response.status_code == 200
    assert b"Ketamine therapy" in response.content
    directives = policy(response["Content-Security-Policy"])
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]


def test_the_preview_panel_may_be_framed_by_the_admin(signed_in, demo):
    # Wagtail's preview views say SAMEORIGIN (here: no edit to show yet, so its error page); the CSP follows.
    response = signed_in.get(reverse("wagtailadmin_pages:preview_on_edit", args=[demo.pk]))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert policy(response["Content-Security-Policy"])["frame-ancestors"] == ["'self'"]


# --- The development settings stay usable over plain HTTP ------------------------------------------


def test_outside_production_the_cookies_keep_their_plain_names_over_http(client, demo):
    # Development and the tests serve plain HTTP: no __Host- names (they need Secure), no HSTS; the
    # policies and the HttpOnly CSRF cookie are the same as in production.
    response = client.get("/request-a-call-back/")
    assert response.status_code == 200
    csrf = response.cookies["csrftoken"]
    assert csrf["httponly"] and not csrf["secure"] and not csrf["max-age"]
    assert "Strict-Transport-Security" not in response
    assert policy(response["Content-Security-Policy"])["default-src"] == ["'none'"]
    assert permissions(response["Permissions-Policy"])["camera"] == ""
    assert response["X-Frame-Options"] == "DENY"
