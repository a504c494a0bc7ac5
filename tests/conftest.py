import pytest
from wagtail.models import Site

from home.models import ClinicSettings
from tests.factories import site_root_home_page


@pytest.fixture
def home_page(db):
    """A HomePage as the root of the default site, as the demo loader leaves it."""
    return site_root_home_page()


@pytest.fixture
def clinic_settings(home_page):
    clinic = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    clinic.clinic_name = "Test Clinic"
    clinic.phone = "(555) 010-2040"
    clinic.email = "care@clinic.example"
    clinic.address = "1 Main Street\nSpringfield"
    clinic.opening_hours = "Monday–Friday: 8am–6pm"
    clinic.save()
    return clinic


@pytest.fixture
def without_search_indexing(settings):
    """Pages saved in this test are not added to the search index.

    For tests that add hundreds of pages and never search them. Wagtail's database search backend
    rescans its whole index on each save. In a test's one transaction, no row version it leaves
    behind can be vacuumed, so 1,000 articles took 3 minutes on PostgreSQL (15 s on SQLite).
    """
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**backend, "AUTO_UPDATE": False} for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()
    }


@pytest.fixture(autouse=True)
def _client_login_passes_a_request(monkeypatch):
    """django-axes refuses authenticate() without the request, which the test client's login() leaves out.

    Give it a blank request, as a sign-in through the admin would give the real one. Tests that
    test the lockout post to the sign-in page instead (tests/home/test_sign_in_security.py).
    """
    from django.http import HttpRequest
    from django.test import Client

    login = Client.login

    def login_with_request(self, **credentials):
        credentials.setdefault("request", HttpRequest())
        return login(self, **credentials)

    monkeypatch.setattr(Client, "login", login_with_request)


@pytest.fixture(autouse=True)
def _wagtail_page_tests_sign_in_with_the_model_backend(monkeypatch):
    """Wagtail's page-test helpers sign in with AUTHENTICATION_BACKENDS[0]; ours is django-axes' lockout check,
    which signs nobody in (ModelBackend, second, does), so they are pointed at ModelBackend."""
    monkeypatch.setattr("wagtail.test.utils.page_tests.AUTH_BACKEND", "django.contrib.auth.backends.ModelBackend")


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Every test starts with an empty page cache (core/caching.py): the database is rolled back between
    tests without the signals that purge it, so a page cached by one test would be served in the next."""
    from core.caching import clear_page_cache

    clear_page_cache()
