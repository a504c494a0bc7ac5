from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail import blocks


def heading_anchor(heading):
    """The id a section's heading gets, so a table of contents and links can point at it."""
    return slugify(heading) or "section"


class EditorMessagesBlock(blocks.StructBlock):
    """A StructBlock that says what is missing in an editor's words.

    `Meta.required_messages` maps a child block's name to the message shown when
    it is left empty, in place of Django's "This field is required."
    """

    class Meta:
        required_messages = {}

    def clean(self, value):
        # Editorial rules wait until publishing: a draft may be half written.
        rule_errors = {} if self.is_deferred_validation else {**self._blank_rich_text(value), **self.rule_errors(value)}
        rule_errors = {name: ValidationError(message) for name, message in rule_errors.items()}
        try:
            cleaned = super().clean(value)
        except blocks.StructBlockValidationError as error:
            for name, message in self.meta.required_messages.items():
                if getattr(error.block_errors.get(name), "code", None) == "required":
                    error.block_errors[name] = ValidationError(message, code="required")
            error.block_errors = {**rule_errors, **error.block_errors}
            raise
        if rule_errors:
            raise blocks.StructBlockValidationError(block_errors=rule_errors)
        return cleaned

    def rule_errors(self, value):
        """Editorial rules beyond "required", as {child name: message}; checked when publishing."""
        return {}

    def _blank_rich_text(self, value):
        """Required rich text holding only empty paragraphs: it looks filled in to Django but shows nothing."""
        return {
            name: message
            for name, message in self.meta.required_messages.items()
            if isinstance(self.child_blocks.get(name), blocks.RichTextBlock)
            and value.get(name)
            and not strip_tags(value[name].source).strip()
        }


class HeadedBlock(EditorMessagesBlock):
    """A block whose `heading` is an <h2> with an id, listed in the page's table of contents."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["anchor"] = heading_anchor(value["heading"])
        return context
