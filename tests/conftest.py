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
