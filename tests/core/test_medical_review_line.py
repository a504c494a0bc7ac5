"""The review line under a medical page's title (issue 10, item 3, the public part).

A page reviewed and not yet due shows the tick and "Medically reviewed by …". Past
its next review date it keeps the review on record but loses the tick and says
plainly that it is due for review. "Today" is the site's (timezone.localdate()), so
the tests set the dates relative to it.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.factories import (
    BlogIndexPageFactory,
    BlogPageFactory,
    ClinicianFactory,
    ConditionIndexPageFactory,
    ConditionPageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def make_page(home_page):
    """make_page(kind, next_review_due): a live treatment, condition or article page reviewed a year before."""
    reviewer = ClinicianFactory(name="Dr. Amara Okafor", credentials="MD")
    parents = {}

    def make(kind, next_review_due):
        factory, index = {
            "treatment": (TreatmentPageFactory, TreatmentIndexPageFactory),
            "condition": (ConditionPageFactory, ConditionIndexPageFactory),
            "article": (BlogPageFactory, BlogIndexPageFactory),
        }[kind]
        if kind not in parents:
            parents[kind] = index(parent=home_page)
        last_reviewed = next_review_due - 365 * DAY if next_review_due else timezone.localdate() - 30 * DAY
        return factory(
            parent=parents[kind], reviewed_by=reviewer, last_reviewed=last_reviewed, next_review_due=next_review_due
        )

    return make


def review_line(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find(class_="review-line")


def words(element):
    return " ".join(element.get_text().split())


def long_date(date):
    return f"{date:%B} {date.day}, {date.year}"


@pytest.mark.parametrize("kind", ["treatment", "condition", "article"])
def test_past_its_review_date_a_page_says_it_is_due_and_loses_the_tick(client, make_page, kind):
    due = timezone.localdate() - DAY
    page = make_page(kind, next_review_due=due)
    assert page.review_is_overdue
    line = review_line(client, page)
    assert "review-line--due" in line["class"]
    assert line.find(class_="review-line__badge") is None
    assert "✓" not in line.get_text()
    assert words(line) == (
        f"Due for review: this page was last medically reviewed by Dr. Amara Okafor, MD on "
        f"{long_date(page.last_reviewed)}. Its next review was due on {long_date(due)}."
    )
    # Machine-readable dates, and the state in words, not colour only.
    assert [time["datetime"] for time in line.find_all("time")] == [page.last_reviewed.isoformat(), due.isoformat()]
    assert line.find(class_="review-line__status").get_text() == "Due for review:"


@pytest.mark.parametrize("kind", ["treatment", "condition", "article"])
def test_a_page_still_within_its_review_keeps_the_tick(client, make_page, kind):
    page = make_page(kind, next_review_due=timezone.localdate())  # due today: not yet past
    assert not page.review_is_overdue
    line = review_line(client, page)
    assert line["class"] == ["review-line"]
    badge = line.find(class_="review-line__badge")
    assert (badge.get_text(), badge["aria-hidden"]) == ("✓", "true")
    assert words(line).startswith("✓ Medically reviewed by Dr. Amara Okafor, MD on ")
    assert "Due for review" not in words(line)


def test_a_page_with_no_next_review_date_is_never_overdue(client, make_page):
    page = make_page("condition", next_review_due=None)
    assert not page.review_is_overdue
    assert review_line(client, page).find(class_="review-line__badge") is not None


def test_today_is_the_sites_day_not_the_servers(make_page, settings, monkeypatch):
    # 03:00 UTC on 2 March is still 1 March in New York, where the clinic is.
    settings.TIME_ZONE = "America/New_York"
    page = make_page("treatment", next_review_due=datetime.date(2027, 3, 1))
    at = datetime.datetime(2027, 3, 2, 3, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: at)
    assert not page.review_is_overdue
    monkeypatch.setattr(timezone, "now", lambda: at + datetime.timedelta(hours=3))  # 1 am on 2 March there
    assert page.review_is_overdue
