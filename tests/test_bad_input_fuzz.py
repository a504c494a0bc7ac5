"""Bad input never gives a server error (issue 12): any query string on any page type, any body and charset on a form.

First property-based tests with hypothesis over every page type's URL, then one plain
test for each case found by fuzzing the production settings: a page number that
str.isdigit() accepts and int() refuses, NUL and quotes in a search, a form POST that
declares a charset other than UTF-8, and more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS.
"""

from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core.pagination import page_number
from forms.models import FormSubmission
from home.views import search_query
from tests.factories import (
    BlogIndexPageFactory,
    BlogPageFactory,
    ConditionIndexPageFactory,
    ConditionPageFactory,
    StandardPageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
)
from tests.factories.forms import call_back_form_page
from tests.forms.conftest import soup_of, valid_call_back_data

pytestmark = pytest.mark.django_db

FUZZ = hypothesis_settings(
    max_examples=40,
    deadline=None,
    # The pages are made once per test (a function-scoped fixture) and only read by every example.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FORM_TYPE = "application/x-www-form-urlencoded"


@pytest.fixture(autouse=True)
def empty_cache():
    """The page cache and the forms' rate limit live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(home_page, clinic_settings):
    """One live page of every type, and the URLs a visitor can reach them by."""
    treatment = TreatmentPageFactory(parent=TreatmentIndexPageFactory(parent=home_page), title="Ketamine therapy")
    condition = ConditionPageFactory(parent=ConditionIndexPageFactory(parent=home_page), title="PTSD")
    blog = BlogIndexPageFactory(parent=home_page)
    article = BlogPageFactory(parent=blog, title="Sleep and mood", tags=["sleep"])
    standard = StandardPageFactory(parent=home_page, title="About us", slug="about")
    form_page = call_back_form_page(home_page)
    return {
        "form_page": form_page,
        "urls": {
            "home": home_page.url,
            "standard": standard.url,
            "treatment": treatment.url,
            "condition": condition.url,
            "blog index": blog.url,
            "article": article.url,
            "tag": f"{blog.url}tag/sleep/",
            "search": "/search/",
            "form": form_page.url,
            "thank-you": form_page.url + form_page.reverse_subpage("thank_you_view"),
        },
    }


def client(csrf=False):
    # Errors are raised, not turned into a 500 page, so a server error fails the test with its traceback.
    return Client(raise_request_exception=True, enforce_csrf_checks=csrf)


def with_csrf_cookie(form_page):
    """A client holding the CSRF cookie a visitor gets with the form, and the token that goes with it."""
    visitor = client(csrf=True)
    visitor.get(form_page.url)
    return visitor, visitor.cookies[settings.CSRF_COOKIE_NAME].value


# --- Property-based: arbitrary query strings and bodies ----------------------------------------

# Unicode of every kind: NUL and other control characters, digits of other scripts, quotes.
any_text = st.text(st.characters(codec="utf-8"), max_size=30)
odd_numbers = st.one_of(
    st.integers().map(str),
    st.text("0123456789", min_size=15, max_size=6000),  # up to past Python's int() limit of 4,300 digits
    st.text(st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=6),  # "²", "١٢", "Ⅻ"
)
values = st.one_of(any_text, odd_numbers, st.binary(max_size=20))  # bytes: percent-encoded, maybe not UTF-8
keys = st.one_of(st.sampled_from(["page", "q", "p", "tag", "id", "utm_source", "csrfmiddlewaretoken"]), any_text)
# Repeated keys included: a list of pairs, not a dict.
query_strings = st.lists(st.tuples(keys, values), max_size=6).map(lambda pairs: urlencode(pairs, quote_via=quote))


@pytest.mark.parametrize(
    "page_type",
    ["home", "standard", "treatment", "condition", "blog index", "article", "tag", "search", "form", "thank-you"],
)
@FUZZ
@given(query_string=query_strings)
def test_no_query_string_gives_a_server_error(site, page_type, query_string):
    response = client().get(site["urls"][page_type], QUERY_STRING=query_string)
    assert response.status_code < 500


charsets = st.one_of(
    st.sampled_from(["utf-8", "UTF8", "latin-1", "iso-8859-1", "utf-16", "utf-32", "cp500", "rot13", "hex", "base64"]),
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E, exclude_characters=';"\\'), min_size=1, max_size=12),
)
content_types = st.sampled_from(
    [FORM_TYPE, "multipart/form-data; boundary=BoUnDaRy", "multipart/form-data", "text/plain", "application/json"]
)
form_bodies = st.one_of(
    st.binary(max_size=200),
    st.lists(st.tuples(keys, values), max_size=8).map(lambda pairs: urlencode(pairs, quote_via=quote).encode()),
    st.builds(
        lambda text, encoding: urlencode(
            valid_call_back_data(message=text), encoding=encoding, errors="replace"
        ).encode(),
        any_text,
        st.sampled_from(["utf-8", "latin-1", "utf-16"]),
    ),
)


@FUZZ
@given(body=form_bodies, content_type=content_types, charset=st.one_of(st.none(), charsets), with_token=st.booleans())
# The cases fuzzing the production settings found, always tried first.
@example(body=b"your_name=Alex", content_type=FORM_TYPE, charset="latin-1", with_token=True)
@example(body=b"your_name=Alex", content_type=FORM_TYPE, charset="utf-16", with_token=False)
@example(body=b"a=b&" * 10_001, content_type=FORM_TYPE, charset=None, with_token=True)
def test_no_form_post_gives_a_server_error(site, body, content_type, charset, with_token):
    form_page = site["form_page"]
    visitor, token = with_csrf_cookie(form_page)
    if with_token and content_type == FORM_TYPE:
        body += b"&" + urlencode({"csrfmiddlewaretoken": token}).encode()
    declared = f"{content_type}; charset={charset}" if charset else content_type
    response = visitor.generic("POST", form_page.url, body, content_type=declared)
    assert response.status_code < 500


# --- Page numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "number"),
    [
        *[("3", 3), ("1", 1), ("0", 1), ("-2", 1), ("", 1), (None, 1), ("²", 1), ("١٢", 1), ("Ⅻ", 1)],
        *[(" 2", 1), ("9" * 5000, 1), ("3\x00", 1), ("3\n", 1)],
    ],
)
def test_page_number_reads_plain_ascii_digits_only(value, number):
    assert page_number(value) == number


@pytest.mark.parametrize("page_type", ["blog index", "tag", "search"])
def test_a_page_number_int_refuses_shows_the_first_page(site, page_type):
    for page in ["²", "١", "9" * 5000, "99999999999999999999", "2\x00"]:
        response = client().get(site["urls"][page_type], {"page": page, "q": "sleep"})
        assert response.status_code == 200, page
        assert "Sleep and mood" in response.content.decode(), page


# --- The search query ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cleaned"),
    [
        *[("sleep", "sleep"), ("  sleep\x00 mood\t", "sleep mood"), ("\x00", ""), ("\x1b[2J", "[2J")],
        *[('"sleep', "sleep"), ('say "no"', "say no"), ("\x7f\x85", ""), ("x" * 500, "x" * 100), (None, "")],
    ],
)
def test_search_query_leaves_out_control_characters_and_quotes(value, cleaned):
    assert search_query(value) == cleaned


def test_nul_control_characters_and_quotes_in_a_search_never_fail(site):
    for query in ["\x00", "sleep\x00", "sle\x00ep", "\x01\x1f\x7f", '"', 'sleep "mood', 'sleep\x00"']:
        response = client().get("/search/", {"q": query})
        assert response.status_code == 200, query
        assert "\x00" not in response.content.decode()


def test_a_search_with_nul_in_it_finds_the_words_around_it(site):
    response = client().get("/search/", {"q": "sleep\x00mood"})
    assert "Sleep and mood" in soup_of(response).select_one(".search-results").get_text()


# --- Form POSTs that declare a charset --------------------------------------------------------


def test_the_request_reading_middleware_comes_before_the_csrf_check():
    middleware = settings.MIDDLEWARE
    assert "clinicsite.middleware.ReadableRequestMiddleware" in middleware, (
        "clinicsite.middleware.ReadableRequestMiddleware is not in MIDDLEWARE"
    )
    assert middleware.index("clinicsite.middleware.ReadableRequestMiddleware") < middleware.index(
        "django.middleware.csrf.CsrfViewMiddleware"
    )


def test_a_utf8_form_post_declaring_another_charset_is_taken_as_typed(site):
    form_page = site["form_page"]
    visitor, token = with_csrf_cookie(form_page)
    for charset in ["latin-1", "ISO-8859-1", "utf-16", "utf-32", "x-no-such-charset", "rot13", "UTF8"]:
        cache.clear()  # the rate limit
        data = valid_call_back_data(your_name=f"Zoë Nguyễn ({charset})", csrfmiddlewaretoken=token)
        content_type = f"{FORM_TYPE}; charset={charset}"
        response = visitor.generic("POST", form_page.url, urlencode(data), content_type=content_type)
        assert response.status_code == 302, charset
        assert FormSubmission.objects.latest("pk").form_data["your_name"] == f"Zoë Nguyễn ({charset})"


@pytest.mark.parametrize("charset", ["latin-1", "utf-16"])
def test_without_the_csrf_cookie_the_form_comes_back_with_what_was_typed(site, charset):
    form_page = site["form_page"]
    data = valid_call_back_data(your_name="Zoë Nguyễn")
    response = client(csrf=True).generic(
        "POST", form_page.url, urlencode(data), content_type=f"{FORM_TYPE}; charset={charset}"
    )
    assert response.status_code == 403  # the form again, with a fresh token (forms.views.csrf_failure)
    assert soup_of(response).find(attrs={"name": "your_name"})["value"] == "Zoë Nguyễn"
    assert FormSubmission.objects.count() == 0


def assert_400_page(response):
    assert response.status_code == 400
    page = soup_of(response)
    assert page.find("h1").get_text() == "We could not read your request"
    assert page.find("aside", attrs={"aria-label": "Crisis support"})
    assert "(555) 010-2040" in response.content.decode()  # the clinic's phone: rendered with the site settings
    assert FormSubmission.objects.count() == 0


@pytest.mark.parametrize("cookie", [True, False])
def test_a_latin1_body_gets_the_400_page(site, cookie):
    form_page = site["form_page"]
    visitor, token = with_csrf_cookie(form_page) if cookie else (client(csrf=True), "")
    body = urlencode(valid_call_back_data(csrfmiddlewaretoken=token)).encode() + b"&message=caf\xe9"
    response = visitor.generic("POST", form_page.url, body, content_type=f"{FORM_TYPE}; charset=latin-1")
    assert_400_page(response)


def test_a_multipart_latin1_body_gets_the_400_page(site):
    form_page = site["form_page"]
    visitor, token = with_csrf_cookie(form_page)
    fields = {**valid_call_back_data(csrfmiddlewaretoken=token), "message": "café"}
    body = b"".join(
        f'--BB\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode("latin-1")
        for name, value in fields.items()
    )
    response = visitor.generic(
        "POST", form_page.url, body + b"--BB--\r\n", content_type="multipart/form-data; boundary=BB; charset=latin-1"
    )
    assert_400_page(response)


def test_a_post_with_a_strange_charset_to_a_page_that_is_not_a_form_is_refused_plainly(site):
    visitor, token = with_csrf_cookie(site["form_page"])
    body = urlencode({"csrfmiddlewaretoken": token, "x": "y"})
    response = visitor.generic("POST", site["urls"]["blog index"], body, content_type=f"{FORM_TYPE}; charset=utf-16")
    assert response.status_code < 500


# --- Too many fields ---------------------------------------------------------------------------


@pytest.mark.parametrize("cookie", [True, False])
def test_more_fields_than_django_takes_gets_the_413_page(site, cookie):
    form_page = site["form_page"]
    visitor, token = with_csrf_cookie(form_page) if cookie else (client(csrf=True), "")
    extra = "&".join(f"f{n}=" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    body = urlencode(valid_call_back_data(csrfmiddlewaretoken=token)) + "&" + extra
    assert len(body) < settings.FORMS_MAX_BODY_BYTES  # too many fields, not too many bytes
    response = visitor.generic("POST", form_page.url, body, content_type=FORM_TYPE)
    assert response.status_code == 413
    page = soup_of(response)
    assert page.find("h1").get_text() == "Your request was too long"
    assert "(555) 010-2040" in response.content.decode()
    assert FormSubmission.objects.count() == 0
