"""Images, videos and tables."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.embeds.blocks import EmbedBlock, EmbedValue
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from ..embeds import video_source
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


# Titles that name no video: visitors hear the title on the play button, so it must say what they would watch.
VAGUE_VIDEO_TITLES = {"video", "a video", "our video", "the video", "watch", "play", "clip", "film", "youtube", "vimeo"}


class VideoAddressBlock(EmbedBlock):
    """The address of a YouTube or Vimeo video, worked out locally by core.embeds; anything else is refused."""

    def clean(self, value):
        if isinstance(value, EmbedValue) and video_source(value.url) is None:
            raise ValidationError(
                "This is not the address of a YouTube or Vimeo video. Copy it from the browser's address bar on the "
                "video's page, e.g. https://www.youtube.com/watch?v=… or https://vimeo.com/…"
            )
        return super().clean(value)

    def deconstruct(self):
        # Migrations keep it as Wagtail's EmbedBlock: the same stored value (the address), and no
        # migration has to import this class.
        _path, args, kwargs = super().deconstruct()
        return ("wagtail.embeds.blocks.EmbedBlock", args, kwargs)


class VideoBlock(EditorMessagesBlock):
    """A YouTube or Vimeo video that loads nothing from the provider until the visitor presses play.

    The page shows a poster from the site's own images (or a plain panel), the title, where the
    video plays from, and the transcript. static/js/video.js swaps the poster for the player on
    the press; without JavaScript the play button is a link to the video on the provider's site.
    """

    video = VideoAddressBlock(
        label="Video address",
        help_text="The address of a YouTube or Vimeo video. Nothing is loaded from YouTube or Vimeo until a visitor "
        "presses play; it then plays from youtube-nocookie.com or player.vimeo.com.",
    )
    title = blocks.CharBlock(
        max_length=160,
        help_text="Say what the video shows, e.g. “A TMS session, start to finish”. Visitors hear it on the play "
        "button, so write it for someone who cannot see the poster.",
    )
    poster = ImageChooserBlock(
        required=False,
        label="Poster image",
        help_text="Shown until the visitor presses play: a still from the video or a photo of what it is about, "
        "cropped to 16:9 around the image's focal point. Without one, a plain panel in the clinic's colours is shown.",
    )
    caption = blocks.CharBlock(
        max_length=250,
        required=False,
        help_text="Optional: a line under the video, e.g. who is in it or when it was made.",
    )
    transcript = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link"],
        help_text="Everything that is said, and what is shown when it matters, for people who cannot hear, watch or "
        "play the video. It is shown under the video and found by the site search.",
    )

    class Meta:
        icon = "media"
        label = "Video"
        template = "blocks/video_block.html"
        description = (
            "A YouTube or Vimeo video with a poster, a descriptive title and a transcript. It loads nothing "
            "from YouTube or Vimeo until the visitor presses play."
        )
        required_messages = {
            "video": "Paste the address of a YouTube or Vimeo video.",
            "title": "Say what the video shows: visitors hear this title on the play button.",
            "transcript": "Write out what is said in the video, and what is shown when it matters, "
            "for people who cannot hear or play it.",
        }

    def get_preview_value(self):
        poster = get_image_model().objects.order_by("-created_at").first()
        return self.normalize(
            {
                "video": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                "title": "A TMS session, start to finish",
                "poster": poster,
                "caption": "Filmed at the clinic with a patient's permission.",
                "transcript": "<p>A technician welcomes the patient and explains each step of the session.</p>",
            }
        )

    def rule_errors(self, value):
        title = " ".join((value["title"] or "").lower().strip(" .!:;-–—").split())
        if title in VAGUE_VIDEO_TITLES:
            return {
                "title": f"“{value['title']}” does not say what the video shows: visitors hear this title on the play button. Try e.g. “A TMS session, start to finish”."
            }
        return {}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        source = video_source(value["video"].url) if value["video"] else None
        context["source"] = source
        if source:
            context["transcript_id"] = f"transcript-{source.provider.lower()}-{source.video_id}"
        return context


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
