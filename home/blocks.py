"""The shared StreamField block library used by every page body."""

from django.utils.text import slugify
from wagtail import blocks

from forms.blocks import EmbeddedFormBlock


class SectionBlock(blocks.StructBlock):
    """A titled section of text; its heading gets an id so a table of contents can link to it."""

    heading = blocks.CharBlock(max_length=120, help_text="A short heading for this section, e.g. “What to expect”.")
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul", "h3", "h4"])

    class Meta:
        icon = "doc-full"
        label = "Section"
        template = "blocks/section_block.html"
        preview_value = {
            "heading": "What to expect at your first visit",
            "text": "<p>Your first visit is a conversation with a psychiatrist about your history, "
            "your current treatment and what you hope to change.</p>",
        }
        description = "A heading with paragraphs, lists and links below it."

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["anchor"] = slugify(value["heading"])
        return context


class BodyBlock(blocks.StreamBlock):
    """The sections an editor can put in a page body."""

    section = SectionBlock()
    form = EmbeddedFormBlock()
