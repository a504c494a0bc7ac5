"""The shared block library: each block's editor-facing validation and its semantic HTML."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from core.blocks import (
    BodyBlock,
    CallToActionBlock,
    FAQBlock,
    HomeBodyBlock,
    ImageBlock,
    ReferencesBlock,
    StepsBlock,
    WhenToGetHelpBlock,
    table_of_contents,
)
from tests.factories import ClinicImageFactory, site_root_home_page
from tests.factories.forms import call_back_form_page

BODY = BodyBlock()
# Every block an editor can add anywhere: the body blocks, and the home page's featured pages.
EVERY_BLOCK = HomeBodyBlock().child_blocks


def errors_of(block, raw):
    """The validation messages a raw (JSON-form) value gets, by child name."""
    with pytest.raises(ValidationError) as caught:
        block.clean(block.to_python(raw))
    return caught.value


def messages(error):
    return str(error.as_json_data()) if hasattr(error, "as_json_data") else str(error)


def test_the_home_page_offers_every_body_block_and_featured_pages():
    assert set(EVERY_BLOCK) == {*BODY.child_blocks, "featured_pages"}


@pytest.mark.parametrize("name", list(EVERY_BLOCK))
def test_every_block_has_an_icon_label_template_description_and_preview(name):
    block = EVERY_BLOCK[name]
    assert block.meta.icon != "placeholder"
    assert block.meta.label
    assert block.meta.template.startswith("blocks/")
    assert block.get_description()
    assert block.is_previewable


@pytest.mark.django_db
@pytest.mark.parametrize("name", EVERY_BLOCK)
def test_every_block_preview_renders_in_the_sites_look(name, admin_client):
    ClinicImageFactory()
    call_back_form_page(site_root_home_page())
    response = admin_client.get("/admin/block-preview/", {"id": EVERY_BLOCK[name].definition_prefix})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("link", rel="stylesheet")["href"].endswith("css/site.css")
    assert soup.select_one(".block-preview").get_text(strip=True) or soup.select_one(".block-preview img")


def test_faq_item_needs_a_question_and_an_answer():
    error = errors_of(FAQBlock(), {"heading": "Questions", "questions": [{"question": "", "answer": "<p></p>"}]})
    text = messages(error)
    assert "Write the question as a visitor would ask it." in text
    assert "Write the answer to this question." in text


def test_steps_need_at_least_two():
    error = errors_of(StepsBlock(), {"heading": "How", "steps": [{"title": "One", "text": "<p>Only step</p>"}]})
    assert "Add at least two steps" in messages(error)


@pytest.mark.django_db
def test_image_needs_alt_text_unless_decorative():
    image = ClinicImageFactory()
    block = ImageBlock()
    error = errors_of(block, {"image": image.pk, "alt_text": "  ", "decorative": False, "caption": "", "credit": ""})
    assert "Describe the image for people who cannot see it" in messages(error)
    decorative = block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": True}))
    html = BeautifulSoup(block.render(decorative), "html.parser")
    assert html.find("img")["alt"] == ""


def test_call_to_action_needs_exactly_one_link():
    raw = {"heading": "Talk to us", "text": "", "button_label": "Call back", "page": None, "link_url": ""}
    assert "Choose a page, or enter a web address" in messages(errors_of(CallToActionBlock(), raw))


def test_reference_needs_a_url_or_doi():
    raw = {
        "heading": "References",
        "items": [{"authors": "A", "title": "T", "source": "S", "year": 2014, "url": "", "doi": ""}],
    }
    assert "Give a web address or a DOI" in messages(errors_of(ReferencesBlock(), raw))


def test_emergency_level_keeps_the_crisis_numbers():
    block = WhenToGetHelpBlock()
    raw = {
        "heading": "When to get help",
        "non_urgent": "<p>a</p>",
        "urgent": "<p>b</p>",
        "emergency": "<p>Call us.</p>",
    }
    assert "988" in messages(errors_of(block, raw))


def benefits(heading="Benefits"):
    return {
        "type": "benefits",
        "value": {"heading": heading, "intro": "", "items": [{"title": "Relief", "detail": ""}]},
    }


def risks():
    return {
        "type": "risks",
        "value": {
            "heading": "Risks and side effects",
            "intro": "<p>Mostly mild.</p>",
            "items": [{"name": "Nausea", "description": "Passes."}],
            "get_help": "<p>Call us.</p>",
        },
    }


def test_benefits_without_risks_are_refused():
    error = errors_of(BODY, [benefits()])
    assert "add a “Risks and side effects” section too" in messages(error)
    assert BODY.clean(BODY.to_python([benefits(), risks()]))


def test_two_sections_with_one_heading_are_refused():
    section = {"type": "section", "value": {"heading": "What to expect", "text": "<p>x</p>"}}
    assert "Two sections are headed “What to expect”" in messages(errors_of(BODY, [section, section]))


def test_table_of_contents_follows_the_headed_sections():
    body = BODY.to_python(
        [
            {"type": "section", "value": {"heading": "What is PTSD?", "text": "<p>x</p>"}},
            {"type": "callout", "value": {"kind": "information", "title": "", "text": "<p>y</p>"}},
            benefits("How ketamine helps"),
            risks(),
        ]
    )
    assert table_of_contents(body) == [
        {"anchor": "what-is-ptsd", "title": "What is PTSD?"},
        {"anchor": "how-ketamine-helps", "title": "How ketamine helps"},
        {"anchor": "risks-and-side-effects", "title": "Risks and side effects"},
    ]


def test_steps_render_as_an_ordered_list_and_faq_as_disclosures():
    steps = StepsBlock()
    value = steps.to_python(
        {
            "heading": "At a session",
            "steps": [{"title": "Check-in", "text": "<p>a</p>"}, {"title": "Rest", "text": "<p>b</p>"}],
        }
    )
    html = BeautifulSoup(steps.render(value), "html.parser")
    assert html.find("h2")["id"] == "at-a-session"
    assert [li.find("h3").get_text() for li in html.find("ol").find_all("li", recursive=False)] == ["Check-in", "Rest"]

    faq = FAQBlock()
    value = faq.to_python({"heading": "FAQ", "questions": [{"question": "Can I drive?", "answer": "<p>No.</p>"}]})
    html = BeautifulSoup(faq.render(value), "html.parser")
    assert html.find("details").find("summary").get_text() == "Can I drive?"
