"""Clinic locations (issue 13, item 5): structured opening hours, a map link, the footer and the contact page."""

import datetime
import importlib
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from home.models import ClinicSettings, Location, OpeningHours
from home.models.locations import TIME_EXAMPLE
from tests.factories import StandardPageFactory, site_root_home_page

MIGRATION = importlib.import_module("home.migrations.0014_fill_slugs_move_address_to_location")

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def riverside(**fields):
    location = Location.objects.create(
        name="Riverside Avenue clinic",
        street_address="410 Riverside Avenue\nSuite 200",
        locality="Springfield",
        region="OR",
        postal_code="97477",
        parking="Free parking behind the building.",
        accessibility="Second floor, lift from the lobby.",
        **{"sort_order": 0, **fields},
    )
    OpeningHours.objects.create(location=location, sort_order=0, first_day=0, last_day=4, opens="08:00", closes="18:00")
    OpeningHours.objects.create(
        location=location, sort_order=1, first_day=5, opens="09:00", closes="13:00", note="treatment sessions only"
    )
    OpeningHours.objects.create(location=location, sort_order=2, first_day=6, closed=True)
    return location


@pytest.fixture
def clinic(db):
    home = site_root_home_page()
    contact = StandardPageFactory(parent=home, title="Contact us", slug="contact")
    about = StandardPageFactory(parent=home, title="About us", slug="about")
    settings = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    settings.clinic_name = "Willow Bend Psychiatry"
    settings.phone = "(555) 010-2040"
    settings.contact_page = contact
    settings.save()
    return {"home": home, "contact": contact, "about": about, "settings": settings}


def hours_row(**fields):
    row = OpeningHours(location=Location(name="x"), first_day=0, **fields)
    row.clean()
    return row


def test_opening_hours_rows_read_as_people_say_them():
    assert str(hours_row(last_day=4, opens=datetime.time(8), closes=datetime.time(18))) == "Monday–Friday: 8am–6pm"
    assert str(hours_row(opens=datetime.time(9, 30), closes=datetime.time(12, 15))) == "Monday: 9:30am–12:15pm"
    assert str(hours_row(closed=True)) == "Monday: closed"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"opens": datetime.time(18), "closes": datetime.time(8)}, "closes", "Closing comes after opening"),
        ({"opens": datetime.time(8)}, "closes", "e.g. 08:00 to 18:00, or tick Closed"),
        ({}, "opens", "e.g. 08:00 to 18:00, or tick Closed"),
        ({"closed": True, "opens": datetime.time(8)}, "closed", "A day that is closed"),
        (
            {"last_day": 0, "opens": datetime.time(8), "closes": datetime.time(9)},
            "last_day",
            "The last day comes after the first",
        ),
    ],
)
def test_hours_that_do_not_make_sense_are_refused_with_an_example(fields, field, message):
    with pytest.raises(ValidationError) as refused:
        hours_row(**fields)
    assert message in " ".join(refused.value.message_dict[field])


def location_form(**overrides):
    """The Location add form as the admin posts it: the address and two rows of opening hours."""
    data = nested_form_data(
        {
            "name": "Riverside Avenue clinic",
            "street_address": "410 Riverside Avenue, Suite 200",
            "locality": "Springfield",
            "region": "OR",
            "postal_code": "97477",
            "country": "US",
            "phone": "",
            "latitude": "",
            "longitude": "",
            "hours_note": "",
            "parking": "",
            "accessibility": "",
            "opening_hours": inline_formset(
                [
                    {"first_day": "0", "last_day": "4", "opens": "08:00", "closes": "5:30pm", "note": ""},
                    {"first_day": "6", "last_day": "", "opens": "", "closes": "", "closed": "on", "note": ""},
                ]
            ),
        }
    )
    return {**data, **overrides}


def test_editors_add_a_location_with_its_hours_in_the_admin(admin_client, clinic):
    response = admin_client.post("/admin/snippets/home/location/add/", location_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    location = Location.objects.get()
    assert [str(row) for row in location.opening_hours.all()] == ["Monday–Friday: 8am–5:30pm", "Sunday: closed"]


def test_hours_that_do_not_parse_are_refused_in_the_admin_with_the_expected_form(admin_client, clinic):
    response = admin_client.post(
        "/admin/snippets/home/location/add/", location_form(**{"opening_hours-0-opens": "8 in the morning"})
    )
    assert response.status_code == 200
    assert TIME_EXAMPLE in response.content.decode()
    assert "e.g. 08:00 or 17:30" in TIME_EXAMPLE
    assert not Location.objects.exists()


def test_a_location_needs_both_coordinates_or_neither():
    location = Location(name="x", street_address="1 Main Street", locality="Springfield", latitude=Decimal("44.05"))
    with pytest.raises(ValidationError) as refused:
        location.clean()
    assert "longitude" in refused.value.message_dict


def test_the_map_link_goes_to_openstreetmap():
    location = Location(name="x", street_address="410 Riverside Avenue", locality="Springfield", region="OR")
    assert location.map_url == (
        "https://www.openstreetmap.org/search?query=410+Riverside+Avenue%2C+Springfield%2C+OR%2C+US"
    )
    location.latitude, location.longitude = Decimal("44.046236"), Decimal("-123.022029")
    assert location.map_url == (
        "https://www.openstreetmap.org/?mlat=44.046236&mlon=-123.022029#map=18/44.046236/-123.022029"
    )


def test_the_footer_shows_every_location_with_its_hours_and_map_link(client, clinic):
    riverside()
    Location.objects.create(name="Eugene office", street_address="1 Oak Street", locality="Eugene", sort_order=1)
    footer = soup(client.get("/about/")).find("footer")
    assert [h.get_text() for h in footer.select(".site-footer__subheading")] == [
        "Riverside Avenue clinic",
        "Eugene office",
        "Riverside Avenue clinic",
        "Eugene office",
    ]
    assert "410 Riverside Avenue" in footer.find("address").get_text()
    assert footer.find("a", href=Location.objects.first().map_url)
    hours = " ".join(footer.select_one(".opening-hours").get_text(" ").split())
    assert hours == "Monday–Friday 8am–6pm Saturday 9am–1pm (treatment sessions only) Sunday closed"


def test_the_contact_page_shows_the_locations_and_no_third_party_map(client, clinic):
    riverside()
    page = soup(client.get("/contact/"))
    location = page.select_one(".locations .location")
    text = " ".join(location.get_text(" ").split())
    assert "Riverside Avenue clinic" in text
    assert "Free parking behind the building." in text and "Second floor, lift from the lobby." in text
    assert location.find("a", href="tel:5550102040")  # the clinic's main number: the location has none of its own
    assert location.find("a", string="Open this address in OpenStreetMap")
    assert not page.find("iframe") and not page.select('[src*="openstreetmap"]')
    # Only on the contact page chosen in Clinic settings.
    assert soup(client.get("/about/")).select_one(".locations") is None


def test_locations_are_fetched_in_a_fixed_number_of_queries(client, clinic, settings):
    settings.PAGE_CACHE_ENABLED = False  # count the queries of rendering the page, not of the page cache
    settings.FRAGMENT_CACHE_ENABLED = False  # nor of its kept fragments (the footer holds the locations)
    riverside()
    client.get("/contact/")
    with CaptureQueriesContext(connection) as one:
        client.get("/contact/")
    for number in range(3):
        riverside(sort_order=number + 1)
    with CaptureQueriesContext(connection) as four:
        client.get("/contact/")
    assert len(four) == len(one)


@pytest.mark.parametrize(
    ("line", "row"),
    [
        ("Monday–Friday: 8am–6pm", (0, 4, False, datetime.time(8), datetime.time(18), "")),
        (
            "Saturday: 9am–1pm (treatment sessions only)",
            (5, None, False, datetime.time(9), datetime.time(13), "treatment sessions only"),
        ),
        ("Sunday: closed", (6, None, True, None, None, "")),
        ("Mon - Thu 8:30am - 5:30 pm", (0, 3, False, datetime.time(8, 30), datetime.time(17, 30), "")),
        ("Tuesday: 09:00–17:00", (1, None, False, datetime.time(9), datetime.time(17), "")),
        ("Closed on public holidays", None),
        ("Friday–Monday: 8am–6pm", None),
        ("Monday: 6pm–8am", None),
    ],
)
def test_the_migration_reads_the_old_opening_hours_text(line, row):
    assert MIGRATION.hours_row(line) == row


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_moves_the_settings_address_into_the_first_location_and_fills_slugs():
    executor = MigrationExecutor(connection)
    before = [("home", "0013_team_page_profiles_locations")]
    latest = executor.loader.graph.leaf_nodes("home")
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        root = old.get_model("wagtailcore", "Page").objects.order_by("path").first()
        site = old.get_model("wagtailcore", "Site").objects.create(hostname="example.org", root_page_id=root.pk)
        old.get_model("home", "ClinicSettings").objects.create(
            site_id=site.pk,
            clinic_name="Willow Bend Psychiatry",
            address="Willow Bend Psychiatry\n410 Riverside Avenue, Suite 200\nSpringfield, OR 97477",
            opening_hours="Monday–Friday: 8am–6pm\nSunday: closed\nClosed on public holidays",
        )
        Clinician = old.get_model("home", "Clinician")
        Clinician.objects.create(name="Dr. Amara Okafor", credentials="MD")
        Clinician.objects.create(name="Dr Amara Okafor", credentials="DO")

        executor = MigrationExecutor(connection)
        executor.migrate(latest)
        new = executor.loader.project_state(latest).apps
        location = new.get_model("home", "Location").objects.get()
        assert (location.name, location.street_address, location.locality, location.region, location.postal_code) == (
            "Willow Bend Psychiatry",
            "410 Riverside Avenue, Suite 200",
            "Springfield",
            "OR",
            "97477",
        )
        assert location.hours_note == "Closed on public holidays"  # kept word for word, as it is not a row
        rows = new.get_model("home", "OpeningHours").objects.filter(location=location).order_by("sort_order")
        assert [(r.first_day, r.last_day, r.closed, r.opens, r.closes) for r in rows] == [
            (0, 4, False, datetime.time(8), datetime.time(18)),
            (6, None, True, None, None),
        ]
        slugs = new.get_model("home", "Clinician").objects.order_by("pk").values_list("slug", flat=True)
        assert list(slugs) == ["dr-amara-okafor", "dr-amara-okafor-2"]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)


def test_editors_manage_the_clinics_locations(client, clinic_settings):
    from home.roles import EDITORS
    from tests.factories.home import member_of

    client.force_login(member_of(EDITORS))
    assert client.get("/admin/snippets/home/location/").status_code == 200
    assert client.get("/admin/snippets/home/location/add/").status_code == 200
