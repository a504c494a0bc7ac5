"""Images, videos and tables."""

from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from .base import EditorMessagesBlock


class ImageBlock(EditorMessagesBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        required=False,
        label="Alt text",
        help_text="Describe what the image shows for people who cannot see it.",
    )
    decorative = blocks.BooleanBlock(
        required=False,
        help_text="Tick only if the image adds nothing to the text; screen readers will skip it.",
    )
    caption = blocks.CharBlock(max_length=250, required=False)
    credit = blocks.CharBlock(max_length=120, required=False, help_text="Photographer or source.")

    class Meta:
        icon = "image"
        label = "Image"
        template = "blocks/image_block.html"
        description = "A photograph or illustration with alt text, and an optional caption and credit."
        required_messages = {"image": "Choose an image."}

    def get_preview_value(self):
        image = get_image_model().objects.order_by("-created_at").first()
        return self.normalize(
            {"image": image, "alt_text": image.default_alt_text if image else "", "caption": "A caption."}
        )

    def rule_errors(self, value):
        if not (value["alt_text"] or "").strip() and not value["decorative"]:
            return {
                "alt_text": "Describe the image for people who cannot see it, or tick “decorative” if it adds nothing to the text."
            }
        return {}


class VideoBlock(EditorMessagesBlock):
    video = EmbedBlock(
        help_text="The address of a YouTube or Vimeo video. It plays from youtube-nocookie.com, which sets no cookies until played."
    )
    title = blocks.CharBlock(
        max_length=160, help_text="What the video is about, e.g. “A TMS session, start to finish”."
    )
    transcript = blocks.RichTextBlock(
        features=["bold", "italic", "link"],
        required=False,
        help_text="What is said in the video, for people who cannot hear or play it.",
    )

    class Meta:
        icon = "media"
        label = "Video"
        template = "blocks/video_block.html"
        description = "A YouTube or Vimeo video with its title and an optional transcript."
        required_messages = {
            "video": "Paste the address of a YouTube or Vimeo video.",
            "title": "Say what the video is about.",
        }
        preview_value = {"video": "https://www.youtube.com/watch?v=aqz-KE-bpKQ", "title": "A short film"}


class TableBlock(TypedTableBlock):
    text = blocks.CharBlock(label="Text")
    number = blocks.DecimalBlock(label="Number")
    rich_text = blocks.RichTextBlock(features=["bold", "italic", "link"], label="Formatted text")

    class Meta:
        icon = "table"
        label = "Table"
        template = "blocks/table_block.html"
        description = "Rows and columns, e.g. comparing treatments. Give it a caption."
        preview_value = {
            "caption": "Treatments at a glance",
            "columns": [{"type": "text", "heading": "Treatment"}, {"type": "text", "heading": "How it is given"}],
            "rows": [{"values": ["Spravato", "Nasal spray"]}, {"values": ["TMS", "Magnetic pulses"]}],
        }
