"""The shell every page shares: crisis notice, header, menu, footer, error pages, security headers."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from tests.factories import ClinicImageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_home_page_shows_one_h1_landmarks_skip_link_and_crisis_notice(client, clinic_settings):
    soup = soup_of(client.get("/"))
    assert len(soup.find_all("h1")) == 1
    assert soup.find("a", class_="skip-link")["href"] == "#main"
    assert soup.find("main", id="main")
    assert soup.find("header") and soup.find("footer") and soup.find("nav", attrs={"aria-label": "Main"})
    crisis = soup.find("aside", attrs={"aria-label": "Crisis support"})
    assert "988" in crisis.get_text() and "911" in crisis.get_text()
    assert crisis.find("a", href="tel:988")


def test_footer_shows_contact_details_from_the_settings_and_the_locations(client, clinic_settings):
    from home.models import Location, OpeningHours

    location = Location.objects.create(
        name="Main Street clinic", street_address="1 Main Street", locality="Springfield"
    )
    OpeningHours.objects.create(location=location, first_day=0, last_day=4, opens="08:00", closes="18:00")
    footer = soup_of(client.get("/")).find("footer")
    assert footer.find("a", href="tel:5550102040").get_text() == "(555) 010-2040"
    assert footer.find("a", href="mailto:care@clinic.example")
    assert "1 Main Street" in footer.find("address").get_text()
    assert "Monday–Friday 8am–6pm" in " ".join(footer.select_one(".opening-hours").get_text(" ").split())


def test_menu_lists_live_pages_marked_show_in_menus_in_order(client, home_page, clinic_settings):
    StandardPageFactory(parent=home_page, title="About us", slug="about", show_in_menus=True)
    StandardPageFactory(parent=home_page, title="Privacy", slug="privacy", show_in_menus=False)
    StandardPageFactory(parent=home_page, title="Contact us", slug="contact", show_in_menus=True)
    draft = StandardPageFactory(parent=home_page, title="Draft", slug="draft", show_in_menus=True)
    draft.unpublish()

    nav = soup_of(client.get("/about/")).find("nav", attrs={"aria-label": "Main"})
    links = [(a.get_text(strip=True), a["href"]) for a in nav.find_all("a")]
    assert links == [("About us", "/about/"), ("Contact us", "/contact/")]
    assert nav.find("a", attrs={"aria-current": "page"}).get_text() == "About us"


def test_the_settings_come_with_their_logo_and_linked_pages_in_one_query(client, home_page, clinic_settings):
    # Every page shows the logo and links to these pages: one query for all of them, not one each.
    clinic_settings.logo = ClinicImageFactory()
    clinic_settings.share_image = ClinicImageFactory()
    clinic_settings.appointment_page = StandardPageFactory(parent=home_page, title="Book", slug="book")
    clinic_settings.contact_page = StandardPageFactory(parent=home_page, title="Contact us", slug="contact")
    clinic_settings.privacy_page = StandardPageFactory(parent=home_page, title="Privacy", slug="privacy")
    clinic_settings.save()
    page = StandardPageFactory(parent=home_page, title="About us", slug="about")
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        soup = soup_of(client.get(page.url))
    assert soup.select_one("img.brand__logo") and soup.find("a", href="/privacy/") and soup.find("a", href="/book/")
    asked = [query["sql"] for query in queries.captured_queries]
    assert len([sql for sql in asked if 'FROM "home_clinicsettings"' in sql]) == 1
    assert not [sql for sql in asked if sql.startswith('SELECT "home_clinicimage"')]
    linked = [clinic_settings.appointment_page_id, clinic_settings.contact_page_id, clinic_settings.privacy_page_id]
    assert not [
        sql
        for sql in asked
        if sql.startswith('SELECT "wagtailcore_page"')
        and any(f'"wagtailcore_page"."id" = {pk}' in sql for pk in linked)
    ]


def test_no_inline_scripts_or_style_attributes(client, home_page, clinic_settings):
    page = StandardPageFactory(parent=home_page)
    for url in ("/", page.url, "/no-such-page/"):
        soup = soup_of(client.get(url))
        inline = [s for s in soup.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"]
        assert not inline, url
        assert not soup.select("[style]"), url


def test_unknown_url_gets_the_sites_404_page(client, clinic_settings):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    soup = soup_of(response)
    assert soup.find("h1").get_text() == "We couldn’t find that page"
    assert soup.find("aside", attrs={"aria-label": "Crisis support"})


def test_500_page_renders_without_a_database_or_request():
    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert 'href="tel:988"' in html


def test_public_pages_get_a_strict_content_security_policy(client, clinic_settings):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_admin_gets_its_own_looser_policy(admin_client):
    policy = admin_client.get("/admin/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in policy


def test_sitemap_and_robots(client, home_page, clinic_settings):
    StandardPageFactory(parent=home_page, slug="about")
    assert b"/about/" in client.get("/sitemap.xml").content
    assert "Disallow: /admin/" in client.get("/robots.txt").content.decode()


def test_phone_link_keeps_only_digits_and_plus(clinic_settings):
    clinic_settings.phone = "+1 (555) 010-2040 "
    assert clinic_settings.phone_href == "tel:+15550102040"


def test_a_phone_number_that_cannot_be_dialled_is_refused(clinic_settings):
    clinic_settings.phone = "call us!"
    with pytest.raises(ValidationError, match="Enter a phone number people can dial"):
        clinic_settings.full_clean()


def test_header_offers_the_appointment_page_on_every_page(client, home_page, clinic_settings):
    appointment = StandardPageFactory(parent=home_page, title="Book", slug="book")
    clinic_settings.appointment_page = appointment
    clinic_settings.save()
    other = StandardPageFactory(parent=home_page, slug="other")
    for url in ("/", other.url):
        actions = soup_of(client.get(url)).find(class_="header-actions")
        assert actions.find("a", href="/book/").get_text() == "Request an appointment"
        assert actions.find("a", href="tel:5550102040")


def test_crisis_notice_offers_call_and_text_by_default(clinic_settings):
    assert 'href="tel:988"' in clinic_settings.crisis_notice
    assert 'href="sms:988"' in clinic_settings.crisis_notice
    assert 'href="tel:911"' in clinic_settings.crisis_notice
