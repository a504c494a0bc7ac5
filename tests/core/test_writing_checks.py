"""Writing aids in the page editor (issue 15, item 4): reading grade and safe messaging (core/writing_checks.py).

They advise and never block: a page with flagged phrases still saves and publishes.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page

from core.writing_checks import (
    MEDICAL_TARGET_GRADE,
    SAFE_MESSAGING_PHRASES,
    check_page,
    flesch_kincaid_grade,
    prose_sentences,
    sentences,
    syllables,
)
from home.models import StandardPage
from tests.factories import (
    ConditionIndexPageFactory,
    ConditionPageFactory,
    StandardPageFactory,
    UserFactory,
)
from treatments.models import ConditionPage

pytestmark = pytest.mark.django_db

FLAGGED = "<p>Her brother committed suicide when she was young.</p>"
FIXED = "<p>Her brother died by suicide when she was young.</p>"
HELP_BLOCK = {
    "type": "when_to_get_help",
    "value": {
        "heading": "When to get help",
        "non_urgent": "<p>Call us in opening hours.</p>",
        "urgent": "<p>Call us today if you feel worse.</p>",
        "emergency": '<p>Call or text <a href="tel:988">988</a> at any time.</p>',
    },
}


def section(text, heading="About it"):
    return {"type": "section", "value": {"heading": heading, "text": text}}


def condition(body, **fields):
    return ConditionPage(title="Grief", slug="grief", summary=fields.pop("summary", "A short summary."), body=body)


# --- The reading grade ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "count"),
    [("the", 1), ("ketamine", 3), ("medicine", 3), ("depression", 3), ("makes", 1), ("table", 2), ("988", 3)],
)
def test_syllables_are_counted_near_enough(word, count):
    assert syllables(word) == count


def test_plain_short_sentences_read_at_a_low_grade_and_long_technical_ones_at_a_high_grade():
    plain = sentences("You sit in a chair. A nurse stays with you. It takes about an hour. Then you go home.")
    dense = sentences(
        "Intravenous ketamine administration necessitates continuous cardiovascular monitoring, "
        "particularly regarding transient hypertension, dissociative phenomena and psychotomimetic effects."
    )
    assert flesch_kincaid_grade(plain) < 3
    assert flesch_kincaid_grade(dense) > 16
    assert flesch_kincaid_grade([]) is None


def test_headings_and_short_labels_are_not_sentences_but_long_unpunctuated_text_is():
    chunks = ["What to expect", "Nausea", "It may make you feel sick for an hour.", " ".join(["word"] * 12)]
    assert prose_sentences(chunks) == ["It may make you feel sick for an hour.", " ".join(["word"] * 12)]


def test_abbreviations_do_not_end_a_sentence():
    assert sentences("Talk to Dr. Marsh, e.g. at your next visit. Then rest.") == [
        "Talk to Dr. Marsh, e.g. at your next visit.",
        "Then rest.",
    ]


def test_a_medical_page_has_the_target_and_its_longest_sentences_listed():
    long_sentence = (
        "When you come for your first session you will meet the nurse who looks after you, talk about how "
        "you have been feeling this week, and then sit in a quiet room while the medicine starts to work."
    )
    page = condition([section(f"<p>It is short. {long_sentence}</p><ul><li>Rest after.</li></ul>")])
    report = check_page(page)
    assert report.target == MEDICAL_TARGET_GRADE
    assert report.longest[0] == (38, long_sentence)
    assert report.grade is not None
    assert len(report.longest) == 3 and report.sentence_count == 4


def test_dense_text_on_a_medical_page_is_over_the_target():
    dense = (
        "<p>Intravenous ketamine administration necessitates continuous cardiovascular monitoring. "
        "Psychotomimetic phenomena typically dissipate following discontinuation.</p>"
    )
    report = check_page(condition([section(dense)]))
    assert report.over_target and report.issue_count == 1


def test_a_standard_page_shows_its_grade_without_a_target():
    page = StandardPage(title="About", intro="We are a small clinic. We care for adults.", body=[])
    report = check_page(page)
    assert report.target is None and report.grade is not None and not report.over_target


def test_the_content_note_is_not_counted_as_page_text():
    page = condition([], summary="A page.")
    page.content_note = "This page talks about suicide."
    report = check_page(page)
    assert not report.needs_help_section and not report.flags


# --- Safe messaging ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "He committed suicide last year.",
        "Many people commit suicide each year.",
        "It was a successful suicide.",
        "She survived a failed suicide attempt.",
        "After an unsuccessful suicide attempt he was admitted.",
        "The news called it a suicide epidemic.",
        "It was a cry for help.",
        "Some say it is attention-seeking.",
        "He felt suicide was the only way out.",
        "He hanged himself in the garage.",
        "She overdosed on her medication.",
        "They found a suicide note.",
    ],
)
def test_phrases_safe_messaging_advises_against_are_flagged(text):
    report = check_page(condition([section(f"<p>{text}</p>"), HELP_BLOCK]))
    assert len(report.flags) == 1, text
    assert report.flags[0].sentence == text


@pytest.mark.parametrize(
    "text",
    [
        "Her brother died by suicide.",
        "He took his own life.",
        "She survived a suicide attempt.",
        "Rates of suicide are rising.",
        "The medicine is committed to nothing; we are committed to your care.",
        "Overdose is rare when the dose is checked.",
        "Depression can make death seem like the only way out. That feeling is a symptom.",
    ],
)
def test_the_words_guidance_recommends_are_not_flagged(text):
    assert check_page(condition([section(f"<p>{text}</p>"), HELP_BLOCK])).flags == []


def test_every_phrase_gives_what_to_write_instead_and_why():
    for phrase in SAFE_MESSAGING_PHRASES:
        assert phrase.instead and phrase.reason.endswith(".")


def test_a_page_about_suicide_needs_a_when_to_get_help_section():
    assert check_page(condition([section(FIXED)])).needs_help_section
    assert not check_page(condition([section(FIXED), HELP_BLOCK])).needs_help_section
    assert not check_page(condition([section("<p>Sleep matters.</p>")])).needs_help_section


def test_a_risks_section_whose_help_gives_988_counts_as_getting_help():
    risks = {
        "type": "risks",
        "value": {
            "heading": "Risks",
            "intro": "<p>Some people feel worse at first.</p>",
            "items": [{"name": "Low mood", "description": "Thoughts of suicide can come back."}],
            "get_help": "<p>Call or text 988 if you have thoughts of suicide.</p>",
        },
    }
    assert not check_page(condition([risks])).needs_help_section
    risks["value"]["get_help"] = "<p>Tell the nurse.</p>"
    assert check_page(condition([risks])).needs_help_section


def test_a_callout_giving_988_counts_as_getting_help():
    callout = {
        "type": "callout",
        "value": {
            "kind": "caution",
            "title": "If you are thinking about suicide",
            "text": "<p>Call or text 988 at any time.</p>",
        },
    }
    assert not check_page(condition([callout])).needs_help_section


# --- In the page editor --------------------------------------------------------------------


@pytest.fixture
def grief_page(home_page):
    conditions = ConditionIndexPageFactory(parent=home_page)
    return ConditionPageFactory(parent=conditions, title="Grief", body=[section(FLAGGED)])


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(is_superuser=True))
    return client


def checks_panel(response):
    assert response.status_code == 200
    panel = BeautifulSoup(response.content, "html.parser").select_one("[data-writing-checks]")
    assert panel is not None, "no Writing checks panel"
    return panel


def test_the_editor_sees_the_grade_and_the_flags_and_they_clear_when_the_text_is_fixed(editor_client, grief_page):
    edit_url = reverse("wagtailadmin_pages:edit", args=[grief_page.pk])
    panel = checks_panel(editor_client.get(edit_url))
    assert panel.select_one("[data-reading-grade]") is not None
    assert "target of 8" in panel.get_text()
    flags = panel.select("[data-safe-messaging-flag]")
    assert "“committed suicide”" in flags[0].get_text()
    assert "When to get help" in flags[1].get_text()

    # A draft saved with the words fixed and a help section: the flags are gone.
    revision = grief_page.save_revision()
    page = revision.as_object()
    page.body = [section(FIXED), HELP_BLOCK]
    page.save_revision()
    panel = checks_panel(editor_client.get(edit_url))
    assert panel.select("[data-safe-messaging-flag]") == []
    assert panel.select_one("[data-safe-messaging='clear']") is not None


def test_the_panel_rechecks_the_unsaved_form_and_saves_nothing(editor_client, grief_page):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    def form(text, *blocks):
        return nested_form_data(
            {
                "title": "Grief",
                "slug": "grief",
                "summary": "A short summary.",
                "common_symptoms": "",
                "content_note": "",
                "body": streamfield([("section", {"heading": "About it", "text": rich_text(text)}), *blocks]),
            }
        )

    url = reverse("writing_checks_on_edit", args=[grief_page.pk])
    flagged = BeautifulSoup(editor_client.post(url, form(FLAGGED)).content, "html.parser")
    assert "committed suicide" in flagged.select_one("[data-safe-messaging-flag]").get_text()

    help_block = (
        "when_to_get_help",
        {key: rich_text(value) if key != "heading" else value for key, value in HELP_BLOCK["value"].items()},
    )
    fixed = BeautifulSoup(editor_client.post(url, form(FIXED, help_block)).content, "html.parser")
    assert fixed.select("[data-safe-messaging-flag]") == []
    assert fixed.select_one("[data-safe-messaging='clear']") is not None

    grief_page.refresh_from_db()
    assert "committed suicide" in str(grief_page.body.raw_data)  # nothing was saved
    assert grief_page.revisions.count() == 0


def test_the_panel_shows_on_a_new_page_and_rechecks_it(editor_client, home_page):
    conditions = ConditionIndexPageFactory(parent=home_page)
    add_url = reverse("wagtailadmin_pages:add", args=["treatments", "conditionpage", conditions.pk])
    panel = checks_panel(editor_client.get(add_url))
    assert panel["data-writing-checks-url"] == reverse(
        "writing_checks_on_create", args=["treatments", "conditionpage", conditions.pk]
    )
    response = editor_client.post(
        panel["data-writing-checks-url"],
        {"title": "New", "slug": "", "summary": "They commit suicide.", "body-count": "0"},
    )
    assert response.status_code == 200
    assert "commit suicide" in response.content.decode()
    assert not ConditionPage.objects.exists()


def test_a_standard_page_has_the_panel_too(editor_client, home_page):
    page = StandardPageFactory(parent=home_page, title="About us")
    checks_panel(editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))


def test_only_people_who_may_edit_the_page_can_recheck_it(client, grief_page):
    url = reverse("writing_checks_on_edit", args=[grief_page.pk])
    assert client.post(url, {}).status_code == 302  # to the sign-in page
    client.force_login(UserFactory(is_superuser=False, is_staff=False))
    assert client.post(url, {}).status_code in (302, 403)
    assert Page.objects.filter(pk=grief_page.pk).exists()
