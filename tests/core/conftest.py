import datetime

import pytest

from tests.factories.blog import BlogPageFactory
from tests.factories.home import StandardPageFactory


@pytest.fixture
def site(home_page, clinic_settings):
    """The default site's home page, with the clinic's settings filled in."""
    return home_page


@pytest.fixture
def about(site):
    return StandardPageFactory(parent=site, title="About the clinic", slug="about", show_in_menus=True)


@pytest.fixture
def article(blog):
    """An article in the module's `blog`."""
    return BlogPageFactory(parent=blog, title="Ketamine and PTSD", date_published=datetime.date(2026, 5, 1))
