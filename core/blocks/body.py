from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks

from forms.blocks import EmbeddedFormBlock

from .actions import CallToActionBlock
from .base import HeadedBlock, heading_anchor
from .featured import FeaturedPagesBlock
from .media import ImageBlock, TableBlock, VideoBlock
from .medical import BenefitsBlock, FAQBlock, ReferencesBlock, RisksBlock, StepsBlock, TestimonialBlock
from .self_check import SelfCheckBlock
from .text import CalloutBlock, KeyTakeawaysBlock, SectionBlock, WhenToGetHelpBlock


class BodyBlock(blocks.StreamBlock):
    """The sections an editor assembles a page body from."""

    section = SectionBlock()
    key_takeaways = KeyTakeawaysBlock()
    benefits = BenefitsBlock()
    risks = RisksBlock()
    steps = StepsBlock()
    faq = FAQBlock()
    callout = CalloutBlock()
    when_to_get_help = WhenToGetHelpBlock()
    testimonial = TestimonialBlock()
    references = ReferencesBlock()
    call_to_action = CallToActionBlock()
    image = ImageBlock()
    video = VideoBlock()
    table = TableBlock()
    form = EmbeddedFormBlock()
    self_check = SelfCheckBlock()

    def clean(self, value):
        # Rules for the whole page wait until publishing (a draft may be half written),
        # and are reported together with any errors inside the blocks.
        page_errors = [] if self.is_deferred_validation else [ValidationError(e) for e in self.page_rule_errors(value)]
        try:
            cleaned = super().clean(value)
        except blocks.StreamBlockValidationError as error:
            if page_errors:
                raise blocks.StreamBlockValidationError(
                    block_errors=error.block_errors, non_block_errors=ErrorList([*error.non_block_errors, *page_errors])
                ) from error
            raise
        if page_errors:
            raise blocks.StreamBlockValidationError(non_block_errors=ErrorList(page_errors))
        return cleaned

    def page_rule_errors(self, value):
        errors = []
        kinds = {child.block_type for child in value}
        if "benefits" in kinds and "risks" not in kinds:
            errors.append(
                "This page lists benefits: add a “Risks and side effects” section too, so nobody reads about a treatment without its risks."
            )
        seen = set()
        for heading in headings(value):
            anchor = heading_anchor(heading)
            if anchor in seen:
                errors.append(f"Two sections are headed “{heading}”: give each its own heading so links to them work.")
            seen.add(anchor)
        return errors


class HomeBodyBlock(BodyBlock):
    """A home page's sections: every body block, and featured pages (e.g. the treatments, the newest articles)."""

    featured_pages = FeaturedPagesBlock()


def headings(stream_value):
    return [child.value["heading"] for child in stream_value if isinstance(child.block, HeadedBlock)]


def table_of_contents(stream_value):
    """Links to the body's headed sections, in order, for a table of contents."""
    return [{"anchor": heading_anchor(heading), "title": heading} for heading in headings(stream_value)]
