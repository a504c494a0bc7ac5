"""The demo pins help to the searches a frightened visitor makes, and its call-back form takes a self-check."""

import pytest
from bs4 import BeautifulSoup

from forms.models import FormPage

pytestmark = pytest.mark.django_db


def recommended(client, query):
    soup = BeautifulSoup(client.get("/search/", {"q": query}).content, "html.parser")
    return [(a.get_text(), a["href"]) for a in soup.select(".search-promoted a")]


def test_searching_suicide_or_crisis_shows_988_first_then_the_clinics_page(client, demo):
    assert recommended(client, "suicide") == [
        ("988 Suicide & Crisis Lifeline", "https://988lifeline.org/"),
        ("Depression with suicidal thoughts", "/conditions/depression-with-suicidal-thoughts/"),
    ]
    assert recommended(client, "Crisis")[0][1] == "https://988lifeline.org/"
    assert recommended(client, "appointment") == [("Request an appointment", "/request-an-appointment/")]


def test_the_call_back_form_is_the_one_that_offers_to_take_a_self_check(demo):
    offering = FormPage.objects.live().filter(accepts_self_check_results=True)
    assert list(offering.values_list("slug", flat=True)) == ["request-a-call-back"]
