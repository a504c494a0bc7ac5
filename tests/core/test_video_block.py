"""The Video block (core/blocks/media.py, core/embeds.py): nothing from YouTube or Vimeo until the visitor presses play.

The page holds a poster, a play button named after the video, where it plays from and its
transcript; static/js/video.js loads the player on the press (tests/e2e/test_third_party_requests.py).
"""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from core.blocks import BodyBlock, VideoBlock
from core.embeds import PLAYER_HOSTS, PrivacyEnhancedVideoFinder, video_source
from tests.factories import ClinicImageFactory, TreatmentIndexPageFactory, TreatmentPageFactory
from tests.factories.treatments import BENEFITS_AND_RISKS

BLOCK = VideoBlock()
YOUTUBE = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
TRANSCRIPT = "<p>A technician explains each step of the session.</p>"
LOADED_LINKS = ["stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest"]


def render(raw):
    return BeautifulSoup(BLOCK.render(BLOCK.to_python(raw)), "html.parser")


def video(**fields):
    return {"video": YOUTUBE, "title": "A TMS session, start to finish", "transcript": TRANSCRIPT, **fields}


def errors_of(raw, *, draft=False):
    value = BLOCK.to_python(raw)
    with pytest.raises(ValidationError) as caught:
        BLOCK.clean_deferred(value) if draft else BLOCK.clean(value)
    return {name: " ".join(error.messages) for name, error in caught.value.block_errors.items()}


# --- Where a video plays from, worked out from its address alone ----------------


@pytest.mark.parametrize(
    ("url", "player", "watch"),
    [
        (YOUTUBE, "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ", YOUTUBE),
        ("https://youtu.be/aqz-KE-bpKQ", "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ", YOUTUBE),
        (
            "https://m.youtube.com/watch?feature=share&v=aqz-KE-bpKQ",
            "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ",
            YOUTUBE,
        ),
        ("https://www.youtube.com/shorts/aqz-KE-bpKQ", "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ", YOUTUBE),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1", "https://vimeo.com/76979871"),
        (
            "https://vimeo.com/76979871/1a2b3c4d5e",
            "https://player.vimeo.com/video/76979871?dnt=1&h=1a2b3c4d5e",
            "https://vimeo.com/76979871/1a2b3c4d5e",
        ),
        (
            "https://player.vimeo.com/video/76979871",
            "https://player.vimeo.com/video/76979871?dnt=1",
            "https://vimeo.com/76979871",
        ),
    ],
)
def test_youtube_and_vimeo_addresses_play_from_privacy_enhanced_players(url, player, watch):
    source = video_source(url)
    assert source.player_url == player
    assert source.watch_url == watch
    assert urlsplit(source.autoplay_url).hostname in PLAYER_HOSTS
    assert "autoplay=1" in urlsplit(source.autoplay_url).query


@pytest.mark.parametrize(
    "url",
    [
        "",
        None,
        "https://example.com/video.mp4",
        "https://www.youtube.com.example.com/watch?v=aqz-KE-bpKQ",
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ-too-long",
        "https://www.youtube.com/@clinic",
        "javascript:alert(1)//youtu.be/aqz-KE-bpKQ",
        "https://vimeo.com/channels/staffpicks",
    ],
)
def test_other_addresses_have_no_player(url):
    assert video_source(url) is None


def test_the_finder_builds_the_embed_without_calling_the_provider():
    # Wagtail's EmbedBlock asks it when an editor pastes an address; no network here, and no provider thumbnail.
    embed = PrivacyEnhancedVideoFinder().find_embed("https://youtu.be/aqz-KE-bpKQ")
    iframe = BeautifulSoup(embed["html"], "html.parser").find("iframe")
    assert iframe["src"] == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"
    assert iframe["title"]
    assert embed["thumbnail_url"] == ""


# --- What the page holds before anyone presses play -----------------------------


@pytest.mark.django_db
def test_the_page_holds_a_poster_and_a_play_button_and_no_player():
    html = render(video())
    assert not html.find("iframe")
    button = html.find("button", attrs={"data-video-play": True})
    assert button["type"] == "button"
    assert button.has_attr("hidden"), "shown by video.js only, which is what makes it work"
    assert button["aria-label"] == "Play video: A TMS session, start to finish"
    assert " ".join(button.get_text().split()) == "Play video"  # the name starts with the words shown
    block = html.select_one("[data-video]")
    assert block["data-video-title"] == "A TMS session, start to finish"
    assert block["data-video-player"] == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"
    assert not html.select("[style]")
    assert [script["src"] for script in html.find_all("script")] == [settings.STATIC_URL + "js/video.js"]
    assert all(script.get_text().strip() == "" for script in html.find_all("script"))


@pytest.mark.django_db
def test_without_javascript_the_play_button_is_a_link_to_the_video_on_the_providers_site():
    link = render(video()).find("a", attrs={"data-video-link": True})
    assert link["href"] == YOUTUBE
    assert link["aria-label"] == "Watch on YouTube: A TMS session, start to finish"
    assert " ".join(link.get_text().split()) == "Watch on YouTube"


@pytest.mark.django_db
def test_it_says_where_the_video_plays_from_and_links_to_the_transcript():
    html = render(video())
    notice = html.select_one(".video__privacy")
    assert "plays from YouTube" in notice.get_text()
    assert "nothing is loaded from YouTube until you press play" in notice.get_text()
    link = notice.find("a", string="Read the transcript")
    transcript = html.find("details", id=link["href"].removeprefix("#"))
    assert transcript.find("summary").get_text(" ", strip=True).startswith("Transcript")
    assert transcript.select_one(".prose").get_text() == "A technician explains each step of the session."


@pytest.mark.django_db
def test_a_vimeo_video_says_it_plays_from_vimeo():
    html = render(video(video="https://vimeo.com/76979871"))
    assert (
        html.select_one("[data-video]")["data-video-player"]
        == "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"
    )
    assert html.find("a", attrs={"data-video-link": True})["href"] == "https://vimeo.com/76979871"
    assert "plays from Vimeo" in html.select_one(".video__privacy").get_text()


@pytest.mark.django_db
def test_the_poster_is_a_rendition_of_the_sites_own_image():
    poster = ClinicImageFactory()
    html = render(video(poster=poster.pk, caption="Filmed at the clinic."))
    img = html.select_one(".video__frame picture img")
    assert img["alt"] == "", "the play button names the video; the poster would only repeat it"
    assert img["width"] and img["height"]
    sources = [img["src"], *(source["srcset"] for source in html.select(".video__frame picture source"))]
    for srcset in sources:
        for candidate in srcset.split(","):
            url = candidate.split()[0]
            assert url.startswith(settings.MEDIA_URL), url  # a Wagtail rendition, never the provider's thumbnail
    assert html.select_one(".video__note").get_text() == "Filmed at the clinic."


@pytest.mark.django_db
def test_without_a_poster_a_plain_panel_is_shown():
    html = render(video())
    assert not html.find("img")
    assert not html.find("picture")
    assert html.select_one(".video__frame .video__poster--plain").get_text(strip=True) == ""
    assert not html.select_one(".video__note")


@pytest.mark.django_db
def test_a_title_with_quotes_and_brackets_stays_text():
    html = render(video(title='The "first" session <b>today</b>'))
    assert html.select_one("[data-video]")["data-video-title"] == 'The "first" session <b>today</b>'
    assert html.find("button")["aria-label"] == 'Play video: The "first" session <b>today</b>'
    assert not html.find("b")


@pytest.mark.django_db
def test_a_video_saved_before_posters_keeps_its_address_title_and_transcript():
    # As the block was stored before poster and caption existed: the migration changed no data.
    old = {"video": YOUTUBE, "title": "A session", "transcript": "<p>What is said.</p>"}
    value = BLOCK.to_python(old)
    assert value["video"].url == YOUTUBE
    assert value["poster"] is None
    assert not value["caption"]
    html = render(old)
    assert html.find("button", attrs={"data-video-play": True})
    assert html.find("details").select_one(".prose").get_text() == "What is said."


@pytest.mark.django_db
def test_an_old_video_without_a_transcript_still_shows_and_links_to_none():
    html = render({"video": YOUTUBE, "title": "A session", "transcript": ""})
    assert html.find("button", attrs={"data-video-play": True})
    assert not html.find("details")
    assert not html.find("a", string="Read the transcript")


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["", "https://example.com/video.mp4"])
def test_without_a_playable_address_nothing_is_shown(address):
    assert render(video(video=address)).get_text(strip=True) == ""


# --- What editors are told -----------------------------------------------------


@pytest.mark.django_db
def test_a_complete_video_is_valid():
    poster = ClinicImageFactory()
    cleaned = BLOCK.clean(BLOCK.to_python(video(poster=poster.pk, caption="A caption.")))
    assert cleaned["poster"] == poster


@pytest.mark.django_db
def test_an_address_from_another_site_is_refused_in_the_editors_words():
    errors = errors_of(video(video="https://example.com/video.mp4"))
    assert "not the address of a YouTube or Vimeo video" in errors["video"]


@pytest.mark.django_db
def test_missing_address_title_and_transcript_say_what_to_do():
    errors = errors_of({"video": "", "title": "", "transcript": ""})
    assert errors["video"] == "Paste the address of a YouTube or Vimeo video."
    assert errors["title"] == "Say what the video shows: visitors hear this title on the play button."
    assert errors["transcript"].startswith("Write out what is said in the video")


@pytest.mark.django_db
def test_a_transcript_of_empty_paragraphs_is_missing():
    errors = errors_of(video(transcript="<p></p><p> </p>"))
    assert errors["transcript"].startswith("Write out what is said in the video")


@pytest.mark.django_db
@pytest.mark.parametrize("title", ["Video", "our video.", "YouTube", "  Watch  "])
def test_a_title_that_names_no_video_is_refused(title):
    errors = errors_of(video(title=title))
    assert "does not say what the video shows" in errors["title"]


@pytest.mark.django_db
def test_a_title_longer_than_a_button_can_say_is_refused():
    assert "title" in errors_of(video(title="x" * 161))


@pytest.mark.django_db
def test_a_draft_may_leave_the_title_and_transcript_for_later():
    value = BLOCK.to_python({"video": YOUTUBE, "title": "", "transcript": ""})
    assert BLOCK.clean_deferred(value)["video"].url == YOUTUBE


@pytest.mark.django_db
def test_a_draft_still_refuses_an_address_from_another_site():
    assert "video" in errors_of(video(video="https://example.com/video.mp4"), draft=True)


def test_the_transcript_and_caption_are_found_by_the_site_search():
    value = BLOCK.to_python(video(caption="Filmed at the clinic."))
    content = " ".join(BLOCK.get_searchable_content(value))
    assert "A technician explains each step" in content
    assert "Filmed at the clinic." in content
    assert "A TMS session, start to finish" in content


# --- On a page ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_treatment_page_with_a_video_loads_nothing_from_the_provider(client, home_page):
    index = TreatmentIndexPageFactory(parent=home_page)
    body = [*BENEFITS_AND_RISKS, {"type": "video", "value": video()}]
    page = TreatmentPageFactory(parent=index, body=body)
    response = client.get(page.url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find("button", string=None, attrs={"data-video-play": True})
    assert not html.find("iframe")
    # What a browser fetches as the page loads (a canonical <link> or an <a> is only an address).
    fetched = [
        *(img.get("src", "") for img in html.find_all("img")),
        *(source.get("srcset", "") for source in html.find_all("source")),
        *(script.get("src", "") for script in html.find_all("script")),
        *(link["href"] for link in html.find_all("link", rel=LOADED_LINKS, href=True)),
    ]
    assert fetched
    for url in fetched:
        assert not urlsplit(url.split()[0] if url else "").hostname, f"fetched from another host: {url}"


def test_the_body_offers_the_video_block():
    assert isinstance(BodyBlock().child_blocks["video"], VideoBlock)


@pytest.mark.django_db
def test_the_admin_preview_uses_the_newest_image_as_poster():
    ClinicImageFactory()
    newest = ClinicImageFactory()
    preview = BLOCK.get_preview_value()
    assert preview["poster"] == newest
    assert get_image_model().objects.count() == 2
    assert isinstance(preview["transcript"], RichText)
