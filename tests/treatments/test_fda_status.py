"""The regulatory panel says which FDA status it means, and the heading follows it (issue 10, item 4).

A medicine is FDA-approved, a device FDA-cleared (never "approved"); a medicine
used for something it is not approved for is off-label.
"""

import datetime
import importlib
import io

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.factories import TreatmentIndexPageFactory, TreatmentPageFactory
from treatments.models import FDAStatus, TreatmentPage

pytestmark = pytest.mark.django_db

MIGRATION = "treatments.migrations.0003_fda_status"
TEXT = {
    FDAStatus.APPROVED: "<p>Treatment-resistant depression in adults.</p>",
    FDAStatus.CLEARED: "<p>Major depressive disorder in adults who have not improved enough with antidepressants.</p>",
    FDAStatus.OFF_LABEL: "<p>FDA-approved as an anesthetic. We use it off-label for depression.</p>",
    FDAStatus.NOT_APPROVED: "<p>The FDA has not approved this treatment for any use.</p>",
}


@pytest.fixture
def treatments(home_page):
    return TreatmentIndexPageFactory(parent=home_page)


def panel(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("section", class_="regulatory")


def headings(section):
    return [heading.get_text(strip=True) for heading in section.find_all(["h2", "h3"])]


@pytest.mark.parametrize(
    ("status", "heading"),
    [
        (FDAStatus.APPROVED, "FDA-approved for"),
        (FDAStatus.CLEARED, "FDA-cleared for"),
        (FDAStatus.OFF_LABEL, "Off-label use"),
        (FDAStatus.NOT_APPROVED, "Not FDA-approved"),
    ],
)
def test_each_status_shows_its_heading_over_its_text(client, treatments, status, heading):
    page = TreatmentPageFactory(parent=treatments, fda_status=status, fda_indication=TEXT[status])
    page.full_clean()  # the texts above are what an editor may save
    section = panel(client, page)
    assert headings(section) == ["FDA status and safety rules", heading]
    assert section.find("h3").find_next_sibling("div").decode_contents() == TEXT[status]


def test_a_cleared_device_is_never_called_fda_approved(client, treatments):
    page = TreatmentPageFactory(
        parent=treatments,
        fda_status=FDAStatus.CLEARED,
        fda_indication=TEXT[FDAStatus.CLEARED],
        off_label_uses="<p>OCD, with a device not cleared for it.</p>",
    )
    html = client.get(page.url).content.decode()
    assert headings(panel(client, page)) == ["FDA status and safety rules", "FDA-cleared for", "Off-label uses"]
    assert "FDA-approved" not in html
    assert "Approval" not in html


def test_no_status_no_status_line(client, treatments):
    page = TreatmentPageFactory(parent=treatments, rems_requirements="<p>Watched for two hours.</p>")
    assert headings(panel(client, page)) == ["FDA status and safety rules", "REMS safety program"]
    bare = TreatmentPageFactory(parent=treatments)
    assert panel(client, bare) is None


def test_off_label_uses_go_under_the_off_label_status(client, treatments):
    page = TreatmentPageFactory(
        parent=treatments,
        fda_status=FDAStatus.OFF_LABEL,
        fda_indication="<p>FDA-approved as an anesthetic. We use it off-label for:</p>",
        off_label_uses="<ul><li>PTSD</li></ul>",
    )
    section = panel(client, page)
    assert headings(section) == ["FDA status and safety rules", "Off-label use"]  # not "Off-label uses" as well
    assert section.find("h3").find_next_sibling("div").find("li").get_text() == "PTSD"


# --- What an editor is told --------------------------------------------------------------------


def errors_of(**fields):
    page = TreatmentPageFactory.build(**fields)
    with pytest.raises(ValidationError) as raised:
        page.clean()
    return {field: " ".join(messages) for field, messages in raised.value.message_dict.items()}


@pytest.mark.parametrize(
    ("status", "hint"),
    [
        (FDAStatus.APPROVED, "Say what the FDA has approved it for"),
        (FDAStatus.CLEARED, "Say what the FDA has cleared the device for"),
        (FDAStatus.OFF_LABEL, "that our use of it is off-label"),
        (FDAStatus.NOT_APPROVED, "Say in a sentence what the FDA has not approved"),
    ],
)
def test_a_status_needs_its_text(status, hint):
    assert hint in errors_of(fda_status=status, fda_indication="<p></p>")["fda_indication"]


def test_text_needs_a_status():
    errors = errors_of(fda_status="", fda_indication="<p>Depression.</p>")
    assert errors == {"fda_status": "Choose the FDA status this text describes, or empty the text."}


def test_a_device_is_cleared_not_approved():
    errors = errors_of(fda_status=FDAStatus.APPROVED, fda_indication="<p>TMS devices are FDA-<i>cleared</i>.</p>")
    assert "only devices are cleared" in errors["fda_status"]
    assert "choose “FDA-cleared”" in errors["fda_status"]

    errors = errors_of(fda_status=FDAStatus.CLEARED, fda_indication="<p>NeuroStar is FDA-approved for depression.</p>")
    assert "A device is FDA-cleared, never FDA-approved" in errors["fda_indication"]

    errors = errors_of(
        fda_status=FDAStatus.CLEARED,
        fda_indication=TEXT[FDAStatus.CLEARED],
        rems_requirements="<p>Two hours' monitoring.</p>",
    )
    assert "Only medicines have a REMS safety program" in errors["rems_requirements"]


@pytest.mark.parametrize(
    "text",
    [
        "<p>TMS devices are FDA-<i>cleared</i>, not approved.</p>",
        "<p>Cleared for depression. It isn’t FDA-approved, and has never been approved for anxiety.</p>",
    ],
)
def test_saying_a_device_is_not_approved_is_fine(text):
    TreatmentPageFactory.build(fda_status=FDAStatus.CLEARED, fda_indication=text).clean()


def test_a_medicine_cleared_from_the_body_is_not_a_device():
    # "cleared" only counts as the FDA's word when the FDA is named next to it.
    text = "<p>Treatment-resistant depression. The medicine is cleared from the body within hours.</p>"
    TreatmentPageFactory.build(fda_status=FDAStatus.APPROVED, fda_indication=text).clean()


def test_the_review_rules_and_the_fda_rules_are_reported_together():
    errors = errors_of(
        last_reviewed=datetime.date(2026, 10, 1),
        next_review_due=datetime.date(2026, 9, 1),
        fda_status=FDAStatus.CLEARED,
        fda_indication="<p>Approved for depression.</p>",
    )
    assert set(errors) == {"next_review_due", "fda_indication"}


def test_the_admin_shows_the_message_next_to_the_field(admin_client, treatments):
    response = admin_client.post(
        f"/admin/pages/add/treatments/treatmentpage/{treatments.pk}/",
        nested_form_data(
            {
                "title": "NeuroStar TMS",
                "slug": "tms",
                "summary": "Magnetic pulses.",
                "treated_conditions": inline_formset([]),
                "how_given": "Magnetic pulses",
                "fda_status": FDAStatus.CLEARED,
                "fda_indication": rich_text("<p>FDA-approved for depression.</p>"),
                "off_label_uses": rich_text(""),
                "rems_requirements": rich_text(""),
                "body": streamfield([]),
                "reviewed_by": "",
                "last_reviewed": "",
                "next_review_due": "",
            }
        ),
    )
    assert response.status_code == 200
    assert not TreatmentPage.objects.filter(slug="tms").exists()
    assert "A device is FDA-cleared, never FDA-approved" in " ".join(response.context["form"].errors["fda_indication"])


# --- The migration: what editors wrote is kept, with the status it claimed -----------------------


def test_the_migration_gives_existing_text_the_status_it_claimed(treatments):
    migration = importlib.import_module(MIGRATION)
    with_text = TreatmentPageFactory(parent=treatments)
    # As a page stood before the migration: "FDA-approved for" text, and no status (the column is new).
    TreatmentPage.objects.filter(pk=with_text.pk).update(fda_indication="<p>Treatment-resistant depression.</p>")
    without = TreatmentPageFactory(parent=treatments)
    already = TreatmentPageFactory(parent=treatments, fda_status=FDAStatus.CLEARED, fda_indication=TEXT["cleared"])

    migration.status_for_existing_text(apps, connection.schema_editor())

    for page in (with_text, without, already):
        page.refresh_from_db()
    assert (with_text.fda_status, with_text.fda_indication) == ("approved", "<p>Treatment-resistant depression.</p>")
    assert (without.fda_status, without.fda_indication) == ("", "")
    assert already.fda_status == "cleared"  # a status an editor chose is left alone


def test_the_migration_moves_every_revision_and_back(treatments):
    migration = importlib.import_module(MIGRATION)
    page = TreatmentPageFactory(parent=treatments)
    revision = page.save_revision()
    content = revision.content
    content.pop("fda_status")
    content.pop("fda_indication")
    content["fda_approved_for"] = "<p>A draft's own text.</p>"  # as the previous code saved it
    revision.content = content
    revision.save(update_fields=["content"])

    migration.status_for_existing_text(apps, connection.schema_editor())
    revision.refresh_from_db()
    assert "fda_approved_for" not in revision.content
    assert (revision.content["fda_status"], revision.content["fda_indication"]) == (
        "approved",
        "<p>A draft's own text.</p>",
    )
    draft = revision.as_object()  # what the editor sees when opening the draft
    assert (draft.fda_status, draft.fda_heading) == ("approved", "FDA-approved for")

    migration.text_back_to_approved_for(apps, connection.schema_editor())
    revision.refresh_from_db()
    assert revision.content["fda_approved_for"] == "<p>A draft's own text.</p>"
    assert "fda_status" not in revision.content
    assert "fda_indication" not in revision.content


# --- The demo clinic -------------------------------------------------------------------------------


def test_the_demo_treatments_state_their_true_status(client):
    call_command("load_demo_site", stdout=io.StringIO())
    pages = {page.slug: page for page in TreatmentPage.objects.all()}
    assert {slug: page.fda_status for slug, page in pages.items()} == {
        "ketamine-therapy": "off_label",
        "spravato-esketamine": "approved",
        "neurostar-tms": "cleared",
    }
    for page in pages.values():
        page.full_clean()

    tms = panel(client, pages["neurostar-tms"])
    assert "FDA-cleared for" in headings(tms)
    assert "major depressive disorder in adults" in tms.get_text()
    assert "add-on treatment for OCD" in tms.get_text()
    tms_page = client.get(pages["neurostar-tms"].url).content.decode()
    assert "FDA-approved" not in tms_page

    ketamine = panel(client, pages["ketamine-therapy"])
    assert headings(ketamine) == ["FDA status and safety rules", "Off-label use"]
    assert "FDA-approved as an anesthetic" in ketamine.get_text()
    assert "PTSD" in ketamine.get_text()

    spravato = panel(client, pages["spravato-esketamine"])
    assert headings(spravato) == ["FDA status and safety rules", "FDA-approved for", "REMS safety program"]
    assert "at least two hours" in spravato.get_text()
    assert "acute suicidal thoughts or behavior" in spravato.get_text()
