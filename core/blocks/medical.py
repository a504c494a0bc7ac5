"""Blocks that carry medical content: benefits, risks, steps, questions, experiences and references."""

from wagtail import blocks

from .base import EditorMessagesBlock, HeadedBlock
from .text import SHORT_TEXT_FEATURES


class BenefitBlock(EditorMessagesBlock):
    title = blocks.CharBlock(max_length=160)
    detail = blocks.TextBlock(required=False, max_length=600)

    class Meta:
        icon = "tick"
        label = "Benefit"
        required_messages = {"title": "Name the benefit in a few words."}


class BenefitsBlock(HeadedBlock):
    heading = blocks.CharBlock(max_length=120, default="Benefits")
    intro = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES, required=False)
    items = blocks.ListBlock(BenefitBlock(), min_num=1, label="Benefits")

    class Meta:
        icon = "pick"
        label = "Benefits"
        template = "blocks/benefits_block.html"
        description = "What the treatment can do. A page with benefits must also list risks and side effects."
        preview_value = {
            "heading": "Benefits",
            "items": [
                {
                    "title": "Relief within hours or days",
                    "detail": "Many people notice a change after the first sessions.",
                },
                {"title": "Works when other medicines have not", "detail": ""},
            ],
        }


class RiskBlock(EditorMessagesBlock):
    name = blocks.CharBlock(max_length=120)
    description = blocks.TextBlock(max_length=600)

    class Meta:
        icon = "warning"
        label = "Risk or side effect"
        required_messages = {
            "name": "Name the risk or side effect.",
            "description": "Say what the risk or side effect is like and how long it lasts.",
        }


class RisksBlock(HeadedBlock):
    heading = blocks.CharBlock(max_length=120, default="Risks and side effects")
    intro = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)
    items = blocks.ListBlock(RiskBlock(), min_num=1, label="Risks and side effects")
    get_help = blocks.RichTextBlock(
        features=SHORT_TEXT_FEATURES,
        label="When to get help",
        help_text="What to do if a side effect is severe, e.g. who to call.",
    )

    class Meta:
        icon = "warning"
        label = "Risks and side effects"
        template = "blocks/risks_block.html"
        description = "Side effects and risks, each with a description, and when to get help."
        required_messages = {
            "intro": "Introduce the risks in a sentence or two.",
            "get_help": "Say what to do if a side effect is severe.",
        }
        preview_value = {
            "heading": "Risks and side effects",
            "intro": "<p>Most side effects are mild and pass within two hours.</p>",
            "items": [
                {"name": "Dissociation", "description": "Feeling detached from your body or surroundings."},
                {"name": "Raised blood pressure", "description": "A short rise, checked during the session."},
            ],
            "get_help": "<p>Tell the nurse at once if you feel unwell during a session.</p>",
        }


class StepBlock(EditorMessagesBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "arrow-right"
        label = "Step"
        required_messages = {"title": "Give this step a short title.", "text": "Describe what happens in this step."}


class StepsBlock(HeadedBlock):
    heading = blocks.CharBlock(max_length=120)
    steps = blocks.ListBlock(StepBlock(), label="Steps")

    class Meta:
        icon = "list-ol"
        label = "Steps"
        template = "blocks/steps_block.html"
        description = "A numbered list of what happens, in order: at least two steps."
        required_messages = {"heading": "Give the steps a heading, e.g. “What happens at a session”."}
        preview_value = {
            "heading": "What happens at a session",
            "steps": [
                {"title": "Check-in", "text": "<p>A nurse takes your blood pressure.</p>"},
                {"title": "Treatment", "text": "<p>You rest in a private room while the medicine is given.</p>"},
                {"title": "Recovery", "text": "<p>You stay until the effects have worn off.</p>"},
            ],
        }

    def rule_errors(self, value):
        if len(value["steps"]) < 2:
            return {"steps": "Add at least two steps: a single step is not a sequence."}
        return {}


class QuestionBlock(EditorMessagesBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        label = "Question"
        required_messages = {
            "question": "Write the question as a visitor would ask it.",
            "answer": "Write the answer to this question.",
        }


class FAQBlock(HeadedBlock):
    heading = blocks.CharBlock(max_length=120, default="Frequently asked questions")
    questions = blocks.ListBlock(QuestionBlock(), min_num=1, label="Questions")

    class Meta:
        icon = "help"
        label = "Frequently asked questions"
        template = "blocks/faq_block.html"
        description = "Questions and answers; each opens when tapped. Also offered to search engines."
        preview_value = {
            "heading": "Frequently asked questions",
            "questions": [
                {"question": "Can I drive home after a session?", "answer": "<p>No. Please arrange a ride home.</p>"},
                {"question": "Does insurance cover it?", "answer": "<p>It depends on your plan. We check for you.</p>"},
            ],
        }


class TestimonialBlock(EditorMessagesBlock):
    quote = blocks.TextBlock(max_length=800, help_text="The patient's own words, with their written permission.")
    attribution = blocks.CharBlock(
        max_length=120, help_text="How the patient agreed to be named, e.g. “Maria, 41, treated for depression”."
    )
    results_note = blocks.CharBlock(
        max_length=200,
        default="Results vary. One person's experience does not mean the treatment will work the same way for you.",
        label="“Results vary” note",
    )

    class Meta:
        icon = "openquote"
        label = "Patient experience"
        template = "blocks/testimonial_block.html"
        description = "A patient's own words, with a note that results vary."
        required_messages = {
            "quote": "Add the patient's words.",
            "attribution": "Say who this is, as the patient agreed to be named.",
            "results_note": "Keep a note that results vary.",
        }
        preview_value = {
            "quote": "After the fourth session I noticed I was making plans again.",
            "attribution": "A patient treated for depression",
        }


class ReferenceBlock(EditorMessagesBlock):
    authors = blocks.CharBlock(max_length=300, help_text="e.g. “Feder A, Parides MK, Murrough JW, et al.”")
    title = blocks.CharBlock(max_length=300)
    source = blocks.CharBlock(max_length=200, label="Source or journal", help_text="e.g. “JAMA Psychiatry”")
    year = blocks.IntegerBlock(min_value=1900, max_value=2100)
    url = blocks.URLBlock(required=False, label="Web address")
    doi = blocks.CharBlock(required=False, max_length=120, label="DOI", help_text="e.g. 10.1001/jamapsychiatry.2014.62")

    class Meta:
        icon = "doc-full-inverse"
        label = "Reference"
        required_messages = {
            "authors": "Name the authors.",
            "title": "Give the title of the study or article.",
            "source": "Give the journal or source.",
            "year": "Give the year it was published.",
        }

    def rule_errors(self, value):
        if not value["url"] and not value["doi"]:
            return {"url": "Give a web address or a DOI so readers can find the source."}
        return {}


class ReferencesBlock(HeadedBlock):
    heading = blocks.CharBlock(max_length=80, default="References")
    items = blocks.ListBlock(ReferenceBlock(), min_num=1, label="References")

    class Meta:
        icon = "doc-full-inverse"
        label = "References"
        template = "blocks/references_block.html"
        description = "Studies and sources the page relies on, numbered."
        preview_value = {
            "heading": "References",
            "items": [
                {
                    "authors": "Feder A, Parides MK, Murrough JW, et al.",
                    "title": "Efficacy of intravenous ketamine for treatment of chronic posttraumatic stress disorder",
                    "source": "JAMA Psychiatry",
                    "year": 2014,
                    "url": None,
                    "doi": "10.1001/jamapsychiatry.2014.62",
                }
            ],
        }
