from wagtail import blocks

from .base import EditorMessagesBlock


class CallToActionValue(blocks.StructValue):
    def url(self):
        page = self.get("page")
        return page.url if page else self.get("link_url")


class CallToActionBlock(EditorMessagesBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(max_length=400, required=False)
    button_label = blocks.CharBlock(max_length=60, help_text="What the button says, e.g. “Request a call-back”.")
    page = blocks.PageChooserBlock(required=False, help_text="A page of this site…")
    link_url = blocks.URLBlock(required=False, label="or a web address")

    class Meta:
        icon = "link-external"
        label = "Call to action"
        template = "blocks/call_to_action_block.html"
        description = "A heading, a sentence and one clear button."
        value_class = CallToActionValue
        required_messages = {
            "heading": "Give the call to action a heading.",
            "button_label": "Say what the button does, e.g. “Request an appointment”.",
        }
        preview_value = {
            "heading": "Talk to us about your options",
            "text": "Our intake team will call you back within one working day.",
            "button_label": "Request a call-back",
            "link_url": "https://example.com/",
        }

    def rule_errors(self, value):
        if not value["page"] and not value["link_url"]:
            return {"page": "Choose a page, or enter a web address, for the button to open."}
        if value["page"] and value["link_url"]:
            return {"page": "Choose a page or enter a web address, not both."}
        return {}
