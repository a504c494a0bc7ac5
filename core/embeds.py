"""Video embeds built locally, without asking YouTube or Vimeo anything.

Wagtail's default oEmbed finder calls the provider's servers from ours and
returns an iframe that sets tracking cookies on load. Here a YouTube or Vimeo
address is turned into a privacy-enhanced player address by `video_source()`,
so editing works offline and the player matches the site's
Content-Security-Policy. The Video block never puts that player in the page:
it shows a poster and loads the player only when the visitor presses play
(templates/blocks/video_block.html, static/js/video.js). The finder below is
what Wagtail's EmbedBlock asks when an editor pastes an address.
"""

import re
from dataclasses import dataclass
from html import escape

from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.base import EmbedFinder

YOUTUBE = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/|live/)|youtu\.be/)([\w-]{11})(?![\w-])"
)
# An unlisted Vimeo video has a second part, its hash: vimeo.com/123456/abcdef1234.
VIMEO = re.compile(r"^https?://(?:www\.)?(?:player\.)?vimeo\.com/(?:video/)?(\d+)(?:/([0-9a-f]+))?(?![\w-])")

# The only hosts a player is ever loaded from; the CSP's frame-src names the same two.
PLAYER_HOSTS = ("www.youtube-nocookie.com", "player.vimeo.com")


@dataclass(frozen=True)
class VideoSource:
    """Where a video plays from, worked out from its address alone."""

    provider: str  # "YouTube" or "Vimeo", as a visitor knows it
    video_id: str
    player_url: str  # the privacy-enhanced player
    watch_url: str  # the video's own page on the provider's site

    @property
    def autoplay_url(self):
        """The player, started at once: it is loaded by the visitor pressing play, so one press should do."""
        return self.player_url + ("&" if "?" in self.player_url else "?") + "autoplay=1"


def video_source(url):
    """The VideoSource of a YouTube or Vimeo address, or None for anything else."""
    url = (url or "").strip()
    if match := YOUTUBE.match(url):
        video_id = match[1]
        return VideoSource(
            provider="YouTube",
            video_id=video_id,
            player_url=f"https://www.youtube-nocookie.com/embed/{video_id}",
            watch_url=f"https://www.youtube.com/watch?v={video_id}",
        )
    if match := VIMEO.match(url):
        video_id, unlisted_hash = match[1], match[2]
        return VideoSource(
            provider="Vimeo",
            video_id=video_id,
            player_url=f"https://player.vimeo.com/video/{video_id}?dnt=1"
            + (f"&h={unlisted_hash}" if unlisted_hash else ""),
            watch_url=f"https://vimeo.com/{video_id}" + (f"/{unlisted_hash}" if unlisted_hash else ""),
        )
    return None


class PrivacyEnhancedVideoFinder(EmbedFinder):
    def __init__(self, **options):
        self.options = options

    def accept(self, url):
        return video_source(url) is not None

    def find_embed(self, url, max_width=None, max_height=None):
        source = video_source(url)
        if source is None:
            raise EmbedNotFoundException
        html = (
            f'<iframe src="{escape(source.player_url)}" width="640" height="360" title="{source.provider} video" '
            'loading="lazy" allow="fullscreen; picture-in-picture; encrypted-media" '
            'referrerpolicy="strict-origin-when-cross-origin"></iframe>'
        )
        return {
            "title": "",
            "author_name": "",
            "provider_name": source.provider,
            "type": "video",
            # Never the provider's thumbnail server: a poster is an image from the site's own library.
            "thumbnail_url": "",
            "width": 640,
            "height": 360,
            "html": html,
        }


embed_finder_class = PrivacyEnhancedVideoFinder
