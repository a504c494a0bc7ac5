"""Featured pages: a headed section of cards, of pages an editor picks or the pages in a section."""

from wagtail import blocks
from wagtail.models import Page

from ..listings import listing
from .base import HeadedBlock

CHOSEN = "chosen"
SECTION = "section"


class FeaturedPagesBlock(HeadedBlock):
    heading = blocks.CharBlock(max_length=120, help_text="e.g. “Treatments we offer” or “Latest articles”.")
    intro = blocks.TextBlock(max_length=400, required=False, help_text="An optional sentence under the heading.")
    show = blocks.ChoiceBlock(
        choices=[
            (SECTION, "The pages in a section, e.g. all treatments, or the newest articles"),
            (CHOSEN, "The pages chosen below, in that order"),
        ],
        default=SECTION,
    )
    section = blocks.PageChooserBlock(
        required=False,
        help_text="For “The pages in a section”: the section whose pages to show, e.g. “Treatments” or “Articles”.",
    )
    limit = blocks.IntegerBlock(
        required=False,
        min_value=1,
        max_value=24,
        label="Show at most",
        help_text="For “The pages in a section”: how many, in the section's own order (articles: newest first). "
        "Empty: all of them.",
    )
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(label="Page"),
        label="Chosen pages",
        default=[],
        help_text="For “The pages chosen below”: add each page with the + button, in the order to show them.",
    )
    tinted = blocks.BooleanBlock(
        required=False, label="Tinted background", help_text="Set this section apart with a tinted background."
    )

    class Meta:
        icon = "list-ul"
        label = "Featured pages"
        template = "blocks/featured_pages_block.html"
        description = "Cards for pages you pick, or for the pages in a section, such as all treatments."

    def get_preview_value(self):
        # The newest pages of the site, so the preview shows real cards.
        pages = list(Page.objects.live().public().filter(depth__gt=2).order_by("-first_published_at")[:3])
        return self.normalize({"heading": "Featured pages", "show": CHOSEN, "pages": pages})

    def rule_errors(self, value):
        if value["show"] == SECTION and not value["section"]:
            return {"section": "Choose the section whose pages to show, e.g. “Treatments”."}
        if value["show"] == CHOSEN and not value["pages"]:
            return {"pages": "Choose at least one page to show."}
        return {}

    def items(self, value):
        """The live, public pages to show as cards, specific, in order."""
        if value["show"] == CHOSEN:
            ids = [page.pk for page in value["pages"] if page]
            pages = Page.objects.live().public().specific().in_bulk(ids)
            return [pages[pk] for pk in ids if pk in pages]
        section = value["section"]
        if section is None:
            return []
        # Through Wagtail's page API: the section's page type says what its children are.
        child_models = section.specific_class.allowed_subpage_models()
        model = child_models[0] if len(child_models) == 1 else Page
        pages = listing(model.objects.child_of(section))
        if model is Page:
            pages = pages.specific()
        return list(pages[: value["limit"]] if value["limit"] else pages)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["items"] = self.items(value)
        return context
