"""Self-check questionnaires: the instruments as published, their scoring and bands, and the no-JavaScript result.

The no-JavaScript path must store nothing and log nothing: every test of it checks that no
query writes and no log line holds the request's body.
"""

import json
import logging

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.datastructures import MultiValueDict

from core import self_checks
from core.blocks import BodyBlock, SelfCheckBlock
from core.self_checks import GAD7, PCL5, PHQ9

INSTRUMENTS = [PHQ9, GAD7, PCL5]


def answers_totalling(instrument, total, safety=None):
    """A complete set of answers adding up to `total`.

    PHQ-9 item 9 is `safety`; by default "Not at all", unless the total cannot be reached without it.
    """
    top = max(value for value, _ in instrument.scale)
    answers, left = {}, total
    numbers = list(range(1, len(instrument.items) + 1))
    if instrument.safety_item:
        if safety is None:
            safety = max(0, total - top * (len(numbers) - 1))
        answers[instrument.safety_item] = safety
        left -= safety
        numbers.remove(instrument.safety_item)
    for number in numbers:
        answers[number] = min(top, left)
        left -= answers[number]
    assert left == 0, "total out of reach"
    return answers


def post_data(instrument, answers, **extra):
    data = {instrument.item_name(number): str(value) for number, value in answers.items()}
    data.update(extra)
    return data


# --- the instruments as published -------------------------------------------------------------


def test_phq9_is_the_published_instrument():
    assert PHQ9.stem == "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    assert len(PHQ9.items) == 9
    assert [label for _, label in PHQ9.scale] == [
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
    ]
    assert [value for value, _ in PHQ9.scale] == [0, 1, 2, 3]
    assert PHQ9.items[8] == "Thoughts that you would be better off dead or of hurting yourself in some way"
    assert PHQ9.safety_item == 9
    assert [(b.low, b.high, b.label) for b in PHQ9.bands] == [
        (0, 4, "Minimal"),
        (5, 9, "Mild"),
        (10, 14, "Moderate"),
        (15, 19, "Moderately severe"),
        (20, 27, "Severe"),
    ]
    assert "606" in PHQ9.citation and "Kroenke" in PHQ9.citation
    assert "No permission required to reproduce" in PHQ9.notice
    assert PHQ9.difficulty_question.startswith("If you checked off any problems")


def test_gad7_is_the_published_instrument():
    assert len(GAD7.items) == 7
    assert GAD7.items[0] == "Feeling nervous, anxious, or on edge"
    assert GAD7.scale == PHQ9.scale
    assert [(b.low, b.high) for b in GAD7.bands] == [(0, 4), (5, 9), (10, 14), (15, 21)]
    assert "1092" in GAD7.citation and "Löwe" in GAD7.citation
    assert "No permission required to reproduce" in GAD7.notice
    assert GAD7.safety_item is None
    # The published form's last, unscored question ("these made it", where the PHQ-9 says "these problems").
    assert GAD7.difficulty_question == (
        "If you checked off any problems, how difficult have these made it for you to do your work, "
        "take care of things at home, or get along with other people?"
    )
    assert GAD7.difficulty_scale == PHQ9.difficulty_scale
    assert [label for _, label in GAD7.difficulty_scale] == [
        "Not difficult at all",
        "Somewhat difficult",
        "Very difficult",
        "Extremely difficult",
    ]


def test_pcl5_is_the_published_instrument():
    assert PCL5.stem == "In the past month, how much were you bothered by:"
    assert len(PCL5.items) == 20
    assert [label for _, label in PCL5.scale] == [
        "Not at all",
        "A little bit",
        "Moderately",
        "Quite a bit",
        "Extremely",
    ]
    assert PCL5.max_score == 80
    assert [(b.low, b.high) for b in PCL5.bands] == [(0, 32), (33, 80)]
    assert "33" in PCL5.scoring_note and "31" in PCL5.scoring_note
    assert "public domain" in PCL5.notice
    assert "Weathers" in PCL5.citation and "National Center for PTSD" in PCL5.citation


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.slug)
def test_the_bands_cover_every_score_once(instrument):
    scores = [score for band in instrument.bands for score in range(band.low, band.high + 1)]
    assert scores == list(range(instrument.max_score + 1))


# --- scoring: every band edge --------------------------------------------------------------------

BAND_EDGES = [
    (instrument, total, band.label)
    for instrument in INSTRUMENTS
    for band in instrument.bands
    for total in (band.low, band.high)
]


@pytest.mark.parametrize(("instrument", "total", "label"), BAND_EDGES, ids=lambda v: getattr(v, "slug", str(v)))
def test_every_band_edge_scores_into_its_band(instrument, total, label):
    checked = self_checks.check(instrument, post_data(instrument, answers_totalling(instrument, total)))
    assert checked.result.total == total
    assert checked.result.band.label == label


@pytest.mark.parametrize("item9", [1, 2, 3])
def test_any_answer_above_not_at_all_to_phq9_item_9_is_a_safety_concern(item9):
    result = self_checks.score(PHQ9, answers_totalling(PHQ9, item9, safety=item9))
    assert result.safety_concern
    assert result.band.label == "Minimal"
    assert result.next_step == self_checks.SOON


def test_not_at_all_to_item_9_is_no_safety_concern_even_at_a_severe_score():
    result = self_checks.score(PHQ9, answers_totalling(PHQ9, 24, safety=0))
    assert not result.safety_concern
    assert result.band.label == "Severe"


def test_a_score_needs_every_answer():
    with pytest.raises(ValueError, match="every item"):
        self_checks.score(PHQ9, {1: 0})


# --- tampered and half-filled forms never get a score --------------------------------------------


def test_missing_answers_are_listed_and_get_no_score():
    data = post_data(PHQ9, answers_totalling(PHQ9, 12))
    del data["item3"], data["item9"]
    checked = self_checks.check(PHQ9, data)
    assert checked.result is None
    assert checked.missing == [3, 9]
    assert checked.answers[1] is not None and 3 not in checked.answers


@pytest.mark.parametrize("bad", ["4", "-1", "1.0", "one", " 1", "0x1"])
def test_a_value_outside_the_scale_gets_no_score(bad):
    checked = self_checks.check(PHQ9, post_data(PHQ9, answers_totalling(PHQ9, 5), item2=bad))
    assert checked.result is None
    assert checked.invalid == [2]


def test_two_answers_to_one_item_get_no_score():
    data = MultiValueDict({k: [v] for k, v in post_data(PHQ9, answers_totalling(PHQ9, 5)).items()})
    data.setlist("item1", ["0", "3"])
    checked = self_checks.check(PHQ9, data)
    assert checked.result is None and checked.invalid == [1]


def test_an_extra_field_gets_no_score():
    checked = self_checks.check(GAD7, post_data(GAD7, answers_totalling(GAD7, 5), item8="3", email="a@b.example"))
    assert checked.result is None
    assert checked.unknown == ["email", "item8"]


def test_a_pcl5_answer_of_4_is_on_its_scale_but_not_on_the_phq9s():
    assert self_checks.check(PCL5, post_data(PCL5, answers_totalling(PCL5, 80))).result.total == 80
    assert self_checks.check(PHQ9, post_data(PHQ9, answers_totalling(PHQ9, 5), item1="4")).result is None


# --- the block -----------------------------------------------------------------------------------


def test_the_block_is_in_every_body():
    assert isinstance(BodyBlock().child_blocks["self_check"], SelfCheckBlock)


@pytest.mark.django_db
@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.slug)
def test_the_block_renders_the_published_wording_and_the_scoring_as_data(instrument, home_page):
    block = SelfCheckBlock()
    soup = BeautifulSoup(block.render(block.to_python({"instrument": instrument.slug})), "html.parser")
    form = soup.select_one("form[data-self-check-form]")
    assert form["method"] == "post" and form["action"] == f"/self-check/{instrument.slug}/"
    assert soup.select_one(".self-check__stem").get_text(strip=True) == instrument.stem
    legends = [
        " ".join(legend.get_text().split()).split(". ", 1)[1] for legend in soup.select(".self-check__items legend")
    ]
    assert legends == list(instrument.items)
    for number in range(1, len(instrument.items) + 1):
        radios = soup.select(f'input[type=radio][name="item{number}"]')
        assert [r["value"] for r in radios] == [str(value) for value, _ in instrument.scale]
        for radio in radios:
            assert soup.select_one(f'label[for="{radio["id"]}"]')
    definition = json.loads(soup.select_one(f"script#{instrument.slug}-definition").string)
    assert definition == self_checks.definition(instrument)
    assert soup.select_one('script[src$="js/self-check.js"]')
    # No script runs inline (the JSON is data, not script), and no style attribute.
    assert all(s.get("src") or s.get("type") == "application/json" for s in soup.select("script"))
    assert not soup.select("[style]")
    text = soup.get_text(" ", strip=True)
    assert instrument.citation in text and instrument.notice in text
    assert "csrfmiddlewaretoken" not in str(soup)


# --- the no-JavaScript result: right, and stores and logs nothing ----------------------------------


@pytest.fixture
def post_self_check(client, clinic_settings, caplog):
    """POST to the no-JS endpoint, checking that nothing is written and no log line holds the body."""

    def post(instrument, data):
        caplog.clear()
        with caplog.at_level(logging.DEBUG), CaptureQueriesContext(connection) as queries:
            response = client.post(f"/self-check/{instrument.slug}/", data)
            response.render() if hasattr(response, "render") and not response.is_rendered else None
        writes = [
            q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE"))
        ]
        assert writes == []
        for record in caplog.records:
            line = record.getMessage() + repr(record.args) + str(getattr(record, "request", ""))
            assert "item" not in line and "difficulty" not in line, line
        assert not response.cookies, "the result page sets no cookie"
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        return response

    return post


@pytest.mark.django_db
@pytest.mark.parametrize(("instrument", "total", "label"), BAND_EDGES, ids=lambda v: getattr(v, "slug", str(v)))
def test_the_server_scores_every_band_edge_like_the_block_says(post_self_check, instrument, total, label):
    response = post_self_check(instrument, post_data(instrument, answers_totalling(instrument, total)))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    score = " ".join(soup.select_one(".self-check__score").get_text().split())
    assert score == f"Your score is {total} out of {instrument.max_score}: {label}."
    text = soup.get_text(" ", strip=True)
    assert "This is not a diagnosis." in text
    assert "What to do next" in text
    safety = instrument.safety_item and answers_totalling(instrument, total)[instrument.safety_item] > 0
    assert bool(soup.select(".self-check__crisis")) == bool(safety)
    soon = instrument.band_for(total).next_step == self_checks.SOON or bool(safety)
    shown = [div["data-self-check-next"] for div in soup.select("[data-self-check-next]") if not div.has_attr("hidden")]
    assert shown == [self_checks.SOON if soon else self_checks.ROUTINE]
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"


@pytest.mark.django_db
@pytest.mark.parametrize("item9", [1, 3])
def test_a_positive_item_9_shows_988_and_911_before_the_score(post_self_check, item9):
    response = post_self_check(PHQ9, post_data(PHQ9, answers_totalling(PHQ9, item9, safety=item9)))
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    crisis = soup.select_one(".self-check__crisis")
    assert crisis and crisis.select_one('a[href="tel:988"]') and crisis.select_one('a[href="tel:911"]')
    assert "Call or text 988" in crisis.get_text(" ", strip=True)
    main = html[html.index('<main id="main"') :]
    assert main.index("self-check__crisis") < main.index("Your score is")
    assert [div["data-self-check-next"] for div in soup.select("[data-self-check-next]:not([hidden])")] == ["soon"]


@pytest.mark.django_db
def test_a_half_filled_form_comes_back_with_what_is_missing_and_the_answers_kept(post_self_check):
    data = post_data(PHQ9, answers_totalling(PHQ9, 20))
    del data["item4"], data["item7"]
    response = post_self_check(PHQ9, data)
    soup = BeautifulSoup(response.content, "html.parser")
    assert not soup.select(".self-check__score")
    summary = soup.select_one("[data-self-check-errors]")
    assert not summary.has_attr("hidden")
    assert summary.select_one("a").get_text(strip=True) == "Questions 4, 7 have no answer."
    assert summary.select_one("a")["href"] == "#phq-9-item4-0"
    assert soup.select_one("#phq-9-item4-0")
    assert soup.select_one('input[name="item1"][value="3"]').has_attr("checked")
    assert not soup.select('input[name="item4"][checked]')
    item4 = soup.select_one('[data-self-check-item="4"] fieldset')
    assert "phq-9-item4_error" in item4["aria-describedby"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "tamper",
    [{"item2": "7"}, {"item2": "-1"}, {"extra": "1"}, {"item10": "3"}, {"difficulty": "9"}],
    ids=["above-scale", "below-scale", "extra-field", "extra-item", "difficulty-off-scale"],
)
def test_a_tampered_post_gets_a_clear_error_and_no_score(post_self_check, tamper):
    response = post_self_check(PHQ9, post_data(PHQ9, answers_totalling(PHQ9, 10), **tamper))
    soup = BeautifulSoup(response.content, "html.parser")
    assert not soup.select(".self-check__score")
    assert soup.select(".error-summary__list li")


@pytest.mark.django_db
def test_nothing_at_all_gets_every_question_listed(post_self_check):
    response = post_self_check(GAD7, {})
    soup = BeautifulSoup(response.content, "html.parser")
    assert (
        soup.select_one(".error-summary__list").get_text(strip=True) == "Questions 1, 2, 3, 4, 5, 6, 7 have no answer."
    )


@pytest.mark.django_db
def test_change_my_answers_brings_the_questionnaire_back_filled_in(post_self_check):
    answers = answers_totalling(PHQ9, 11)
    result = BeautifulSoup(post_self_check(PHQ9, post_data(PHQ9, answers, difficulty="2")).content, "html.parser")
    change_form = result.select_one("form.self-check__change")
    assert change_form["method"] == "post"
    hidden = {i["name"]: i["value"] for i in change_form.select("input[type=hidden]")}
    assert hidden == {**post_data(PHQ9, answers), "difficulty": "2", "change": "1"}
    back = BeautifulSoup(post_self_check(PHQ9, hidden).content, "html.parser")
    assert not back.select(".self-check__score")
    assert back.select_one("[data-self-check-errors]").has_attr("hidden")
    for number, value in answers.items():
        assert back.select_one(f'input[name="item{number}"][value="{value}"]').has_attr("checked")
    assert back.select_one('input[name="difficulty"][value="2"]').has_attr("checked")


@pytest.mark.django_db
def test_a_get_gets_no_result_and_a_query_string_is_never_read(client):
    response = client.get("/self-check/phq-9/", post_data(PHQ9, answers_totalling(PHQ9, 5)))
    assert response.status_code == 405
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_an_unknown_questionnaire_is_not_found(client):
    assert client.post("/self-check/bdi/", {}).status_code == 404


@pytest.mark.django_db
def test_the_post_needs_no_csrf_token(clinic_settings):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/self-check/gad-7/", post_data(GAD7, answers_totalling(GAD7, 15)))
    assert response.status_code == 200
    assert "Severe" in response.content.decode()


# --- answers sent with a call-back request (forms/self_check_handoff.py asks through a hook) -----------


def test_the_form_page_finds_the_scoring_through_its_hook():
    from wagtail import hooks

    from forms.self_check_handoff import READ_HOOK

    assert hooks.get_hooks(READ_HOOK) == [self_checks.score_sent_answers]


def test_sent_answers_are_scored_again_and_only_when_complete():
    record = self_checks.score_sent_answers("gad-7", [3, 3, 3, 3, 3, 0, 0], 2)
    assert (record["total"], record["band"], record["max_score"]) == (15, "Severe", 21)
    assert record["difficulty"] == {"text": GAD7.difficulty_question, "value": 2, "answer": "Very difficult"}
    assert [q["text"] for q in record["questions"]] == list(GAD7.items)
    assert self_checks.score_sent_answers("gad-7", [3, 3, 3], None) is None
    assert self_checks.score_sent_answers("gad-7", [3, 3, 3, 3, 3, 0, 9], None) is None
    assert self_checks.score_sent_answers("gad-7", [0] * 7, 9) is None
    assert self_checks.score_sent_answers("pcl-5", [0] * 20, 1) is None  # the PCL-5 has no such question
    assert self_checks.score_sent_answers("nope", [0] * 7, None) is None
    item9 = self_checks.score_sent_answers("phq-9", [0] * 8 + [1])
    assert item9["safety_concern"] and [q["flagged"] for q in item9["questions"]] == [False] * 8 + [True]
