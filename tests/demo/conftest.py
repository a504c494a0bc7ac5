import io

import pytest
import yaml
from django.core.management import call_command
from wagtail.models import Page

from demo.loader import CONTENT, PAGES
from home.models import HomePage


def load():
    call_command("load_demo_site", stdout=io.StringIO())


def read(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def site_data():
    return read(CONTENT / "site.yaml")


def page_files():
    """Every page file of the demo by the URL of its page: home.yaml is "/", home/treatments.yaml "/treatments/"."""
    files = {}
    for path in PAGES.rglob("*.yaml"):
        parts = path.relative_to(PAGES).with_suffix("").parts
        files["/" + "".join(f"{part}/" for part in parts[1:])] = path
    return files


def demo_pages(home):
    """The demo site's pages, specific, home first."""
    return list(Page.objects.descendant_of(home, inclusive=True).specific())


def bodies(home):
    """(page, body) for every demo page with a StreamField body."""
    return [(page, page.body) for page in demo_pages(home) if hasattr(page, "body")]


def blocks_of(body, kind):
    return [child.value for child in body if child.block_type == kind]


@pytest.fixture
def demo(db):
    """The demo site, loaded into an empty database: its home page."""
    load()
    return HomePage.objects.get()
