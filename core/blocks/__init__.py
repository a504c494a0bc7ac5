"""The shared StreamField block library: every page body is built from these blocks."""

from .actions import CallToActionBlock
from .base import heading_anchor
from .body import BodyBlock, HomeBodyBlock, table_of_contents
from .featured import FeaturedPagesBlock
from .media import ImageBlock, TableBlock, VideoBlock
from .medical import BenefitsBlock, FAQBlock, ReferencesBlock, RisksBlock, StepsBlock, TestimonialBlock
from .self_check import SelfCheckBlock
from .text import CalloutBlock, KeyTakeawaysBlock, SectionBlock, WhenToGetHelpBlock

__all__ = [
    "BenefitsBlock",
    "BodyBlock",
    "CallToActionBlock",
    "CalloutBlock",
    "FAQBlock",
    "FeaturedPagesBlock",
    "HomeBodyBlock",
    "ImageBlock",
    "KeyTakeawaysBlock",
    "ReferencesBlock",
    "RisksBlock",
    "SectionBlock",
    "SelfCheckBlock",
    "StepsBlock",
    "TableBlock",
    "TestimonialBlock",
    "VideoBlock",
    "WhenToGetHelpBlock",
    "heading_anchor",
    "table_of_contents",
]
