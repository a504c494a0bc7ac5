"""Overdue reviews are seen in the page explorer: each medical page's review state in its Status cell.

core/admin_listing.py: a PageViewSet of the project's own, registered for every
page type, whose Status column shows Wagtail's live/draft tag and then "Review
overdue", "Review due within 30 days", "Never reviewed" or a quiet "Reviewed
<date>". Other pages show nothing extra, and the listing costs the same queries
however many medical pages it lists.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page

from core.admin_listing import DUE_SOON, NEVER_REVIEWED, OVERDUE, REVIEWED, page_viewset, review_state
from core.review_dates import DUE_SOON_DAYS
from home import reviews as report
from home.roles import EDITORS
from tests.factories import (
    BlogIndexPageFactory,
    BlogPageFactory,
    ConditionIndexPageFactory,
    ConditionPageFactory,
    StandardPageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
    UserFactory,
)
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def reviewed(days_ago=10, due_in=355):
    return {"last_reviewed": days_from_today(-days_ago), "next_review_due": days_from_today(due_in)}


NEVER = {"reviewed_by": None, "last_reviewed": None, "next_review_due": None}


@pytest.fixture
def editor():
    user = UserFactory()
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def sections(home_page):
    return {
        "treatments": TreatmentIndexPageFactory(parent=home_page),
        "conditions": ConditionIndexPageFactory(parent=home_page),
        "blog": BlogIndexPageFactory(parent=home_page),
    }


@pytest.fixture
def treatments(sections):
    """One treatment in each state, the due-soon one on the last day that still counts as soon."""
    index = sections["treatments"]
    return {
        "overdue": TreatmentPageFactory(parent=index, title="Ketamine", **reviewed(400, -1)),
        "due_soon": TreatmentPageFactory(parent=index, title="Spravato", **reviewed(335, DUE_SOON_DAYS)),
        "never": TreatmentPageFactory(parent=index, title="NeuroStar TMS", **NEVER),
        "current": TreatmentPageFactory(parent=index, title="Deep TMS", **reviewed(10, 355)),
    }


def explore(client, page, **params):
    response = client.get(f"/admin/pages/{page.pk}/", params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def row(soup, title):
    """The listing's row for the page with this title."""
    (cell,) = [td for td in soup.select("td[data-listing-page-title]") if title in td.get_text()]
    return cell.find_parent("tr")


def status_cell(soup, title):
    """The Status cell of a page's row, its text as read out (hidden labels included), spaces collapsed."""
    header_labels = [
        th.get_text(" ", strip=True) for th in soup.select("table.listing thead th, table.listing thead td")
    ]
    cells = row(soup, title).find_all("td", recursive=False)
    return cells[header_labels.index("Status")]


def read_out(tag):
    return " ".join(tag.get_text(" ", strip=True).split())


# What the explorer shows


def test_the_treatments_listing_shows_each_treatments_review_state_in_its_status_cell(
    client, editor, sections, treatments
):
    client.force_login(editor)
    soup = explore(client, sections["treatments"])
    assert read_out(status_cell(soup, "Ketamine")) == "Current page status: live Medical review: Review overdue"
    assert read_out(status_cell(soup, "Spravato")) == (
        f"Current page status: live Medical review: Review due within {DUE_SOON_DAYS} days"
    )
    assert read_out(status_cell(soup, "NeuroStar TMS")) == "Current page status: live Medical review: Never reviewed"
    last_review = days_from_today(-10)
    assert read_out(status_cell(soup, "Deep TMS")) == (
        f"Current page status: live Reviewed {last_review.day} {last_review:%b %Y}"
    )


def test_a_state_that_needs_a_review_is_a_wagtail_status_tag_with_a_label_for_screen_readers(
    client, editor, sections, treatments
):
    client.force_login(editor)
    soup = explore(client, sections["treatments"])
    tag = status_cell(soup, "Ketamine").select_one("[data-review-state] .w-status")
    assert tag is not None and "w-status--label" in tag["class"]
    assert tag.select_one(".w-sr-only").get_text(strip=True) == "Medical review:"
    for title in ("Spravato", "NeuroStar TMS"):
        assert "w-status--primary" in status_cell(soup, title).select_one("[data-review-state] .w-status")["class"]
    quiet = status_cell(soup, "Deep TMS").select_one("[data-review-state]")
    assert quiet.select_one(".w-status") is None  # no tag: nothing to do
    assert quiet.time["datetime"] == days_from_today(-10).isoformat()


def test_the_blog_and_conditions_listings_show_their_pages_review_state(client, editor, sections):
    BlogPageFactory(parent=sections["blog"], title="What TMS feels like", **reviewed(380, -20))
    ConditionPageFactory(parent=sections["conditions"], title="OCD", **reviewed(340, 5))
    client.force_login(editor)
    assert read_out(status_cell(explore(client, sections["blog"]), "What TMS feels like")).endswith("Review overdue")
    assert read_out(status_cell(explore(client, sections["conditions"]), "OCD")).endswith(
        f"Review due within {DUE_SOON_DAYS} days"
    )


def test_a_draft_medical_page_keeps_wagtails_draft_tag_beside_its_review_state(client, editor, sections):
    TreatmentPageFactory(parent=sections["treatments"], title="Esketamine", live=False, **NEVER)
    client.force_login(editor)
    assert read_out(status_cell(explore(client, sections["treatments"]), "Esketamine")) == (
        "Current page status: draft Medical review: Never reviewed"
    )


def test_pages_that_are_not_medical_content_show_nothing_extra(client, editor, home_page, sections, treatments):
    StandardPageFactory(parent=home_page, title="About us")
    client.force_login(editor)
    soup = explore(client, home_page)
    assert soup.select("[data-review-state]") == []
    for title in ("About us", "Treatments", "Articles"):
        assert read_out(status_cell(soup, title)) == "Current page status: live"


def test_search_results_in_the_explorer_show_the_review_state(client, editor, sections, treatments):
    client.force_login(editor)
    soup = explore(client, sections["treatments"], q="Ketamine")
    assert read_out(status_cell(soup, "Ketamine")).endswith("Review overdue")
    soup = explore(client, sections["blog"], q="Ketamine", search_all="1")  # the whole tree, from another section
    assert read_out(status_cell(soup, "Ketamine")).endswith("Review overdue")


def test_the_flat_listing_of_one_page_type_shows_the_review_state_too(client, editor, treatments):
    client.force_login(editor)
    response = client.get("/admin/pages/usage/treatments/treatmentpage/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert read_out(status_cell(soup, "Ketamine")).endswith("Review overdue")


def test_the_explorer_of_every_page_type_uses_the_viewset_with_the_review_state():
    """Another PageViewSet registered for a page type or its parent would list without it (core/admin_listing.py)."""
    for model in (Page, TreatmentPage):
        assert page_viewset_registry.get_by_type(model) is page_viewset
    assert page_viewset_registry.get_by_parent_model(Page) is page_viewset


# No query per row


def test_the_listings_query_count_does_not_grow_with_the_number_of_medical_pages(client, editor, sections, treatments):
    client.force_login(editor)

    def queries(index):
        explore(client, index)  # warm per-process caches (content types, site root paths)
        with CaptureQueriesContext(connection) as captured:
            explore(client, index)
        return len(captured)

    BlogPageFactory(parent=sections["blog"], **reviewed(380, -20))
    few_treatments, few_articles = queries(sections["treatments"]), queries(sections["blog"])
    for days in (-30, -2, 3, 29, 200, 300):
        TreatmentPageFactory(parent=sections["treatments"], **reviewed(365 - days, days))
        BlogPageFactory(parent=sections["blog"], **reviewed(365 - days, days))
    for _ in range(3):
        TreatmentPageFactory(parent=sections["treatments"], **NEVER)
        BlogPageFactory(parent=sections["blog"], **NEVER)
    assert queries(sections["treatments"]) == few_treatments
    assert queries(sections["blog"]) == few_articles


# One definition of "overdue" and "due soon", shared with the review report


@pytest.mark.parametrize(
    ("due_in", "kind"),
    [(-1, OVERDUE), (0, DUE_SOON), (DUE_SOON_DAYS, DUE_SOON), (DUE_SOON_DAYS + 1, REVIEWED)],
)
def test_the_explorer_report_and_page_agree_on_overdue_and_due_soon(sections, due_in, kind):
    page = TreatmentPageFactory(parent=sections["treatments"], **reviewed(300, due_in))
    assert review_state(page).kind == kind
    assert page.review_is_overdue is (kind == OVERDUE)
    in_report = report.review_state(report.medical_pages().get(pk=page.pk))
    assert in_report == {OVERDUE: report.OVERDUE, DUE_SOON: report.DUE_SOON, REVIEWED: report.CURRENT}[kind]
    assert report.DUE_SOON_DAYS == DUE_SOON_DAYS


def test_overdue_comes_before_never_reviewed_and_a_plain_page_has_no_state(home_page, sections):
    overdue_never_reviewed = TreatmentPageFactory(
        parent=sections["treatments"], reviewed_by=None, last_reviewed=None, next_review_due=days_from_today(-1)
    )
    assert review_state(overdue_never_reviewed).kind == OVERDUE
    assert review_state(TreatmentPageFactory(parent=sections["treatments"], **NEVER)).kind == NEVER_REVIEWED
    assert review_state(StandardPageFactory(parent=home_page)) is None
    assert review_state(Page.objects.get(pk=overdue_never_reviewed.pk)) is None  # not specific: no query to find out
