"""Blocks of prose: sections, key takeaways, callouts and the three levels of getting help."""

from wagtail import blocks

from .base import HeadedBlock

SECTION_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]
SHORT_TEXT_FEATURES = ["bold", "italic", "link"]


class SectionBlock(HeadedBlock):
    """A titled section of text."""

    heading = blocks.CharBlock(max_length=120, help_text="A short heading for this section, e.g. “What to expect”.")
    text = blocks.RichTextBlock(features=SECTION_FEATURES)

    class Meta:
        icon = "doc-full"
        label = "Section"
        template = "blocks/section_block.html"
        description = "A heading with paragraphs, lists and links below it."
        preview_value = {
            "heading": "What to expect at your first visit",
            "text": "<p>Your first visit is a conversation with a psychiatrist about your history, "
            "your current treatment and what you hope to change.</p>",
        }


class KeyTakeawaysBlock(HeadedBlock):
    heading = blocks.CharBlock(max_length=80, default="Key takeaways")
    points = blocks.ListBlock(
        blocks.CharBlock(max_length=250, label="Point"),
        min_num=1,
        max_num=7,
        help_text="One short sentence each. Three to five points read best.",
    )

    class Meta:
        icon = "list-ul"
        label = "Key takeaways"
        template = "blocks/key_takeaways_block.html"
        description = "A short boxed list of the main points, usually near the top."
        preview_value = {
            "heading": "Key takeaways",
            "points": [
                "Ketamine can ease symptoms within hours or days.",
                "It is given in a clinic, with monitoring.",
                "It works best alongside therapy.",
            ],
        }


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("information", "Information"), ("caution", "Caution")],
        default="information",
        help_text="Caution is for safety points, such as not driving after a treatment.",
    )
    title = blocks.CharBlock(max_length=80, required=False)
    text = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "info-circle"
        label = "Callout"
        template = "blocks/callout_block.html"
        description = "A highlighted note: information, or a caution about safety."
        preview_value = {
            "kind": "caution",
            "title": "Plan a ride home",
            "text": "<p>You cannot drive for the rest of the day after a treatment.</p>",
        }


class WhenToGetHelpBlock(HeadedBlock):
    """The three levels of urgency clinics and the NHS use, each with its own look."""

    heading = blocks.CharBlock(max_length=80, default="When to get help")
    non_urgent = blocks.RichTextBlock(
        features=SHORT_TEXT_FEATURES,
        label="Non-urgent: contact us",
        default="<p>Contact us during opening hours if side effects bother you or your mood is slowly getting worse.</p>",
    )
    urgent = blocks.RichTextBlock(
        features=SHORT_TEXT_FEATURES,
        label="Urgent: same-day care",
        default="<p>Call us today, or your doctor or an urgent care center, if you feel much worse, "
        "cannot sleep for several nights, or feel unsafe but not in immediate danger.</p>",
    )
    emergency = blocks.RichTextBlock(
        features=SHORT_TEXT_FEATURES,
        label="Emergency: call or text 988, call 911",
        default='<p>Call or text <a href="tel:988">988</a> (Suicide &amp; Crisis Lifeline) if you are thinking about '
        'suicide. Call <a href="tel:911">911</a> if you or someone else is in immediate danger.</p>',
    )

    class Meta:
        icon = "warning"
        label = "When to get help"
        template = "blocks/when_to_get_help_block.html"
        description = "Three levels: contact us, same-day care, and emergency (988, 911)."
        preview_value = {"heading": "When to get help"}

    def rule_errors(self, value):
        emergency = value["emergency"].source if value["emergency"] else ""
        if "988" not in emergency and "911" not in emergency:
            return {"emergency": "The emergency level must give the crisis line (988) or 911."}
        return {}
