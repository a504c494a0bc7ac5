"""`load_demo_site` puts the demo Site at the address it is served on, so absolute URLs name it."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

from demo.loader import DemoContentError, site_address

pytestmark = pytest.mark.django_db


def default_site():
    return Site.objects.get(is_default_site=True)


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("http://127.0.0.1:8001/", ("127.0.0.1", 8001)),
        ("http://clinic.example", ("clinic.example", 80)),
        ("https://clinic.example/", ("clinic.example", 443)),
    ],
)
def test_an_address_is_read_as_a_sites_hostname_and_port(url, address):
    assert site_address(url) == address


@pytest.mark.parametrize("url", ["127.0.0.1:8000", "ftp://clinic.example", "http://", "http://clinic.example:port"])
def test_an_address_that_is_not_one_is_refused_with_an_example(url):
    with pytest.raises(DemoContentError, match=r"http://127\.0\.0\.1:8000"):
        site_address(url)


def test_the_site_takes_wagtailadmin_base_url_then_follows_another_port(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"  # what `make run` exports
    call_command("load_demo_site", stdout=io.StringIO())
    assert default_site().root_url == "http://127.0.0.1:8000"

    out = io.StringIO()
    call_command("load_demo_site", "--site-url", "http://127.0.0.1:8001", stdout=out)  # make run PORT=8001
    assert default_site().root_url == "http://127.0.0.1:8001"
    assert "The demo site's address is now http://127.0.0.1:8001." in out.getvalue()
    assert Site.objects.count() == 1


def test_a_wrong_address_stops_the_command_before_it_changes_anything():
    with pytest.raises(CommandError, match="must look like"):
        call_command("load_demo_site", "--site-url", "localhost:8000", stdout=io.StringIO())
