"""The videos of a document as plain data: what `![video: Title](URL)` names (see
`herald_site.markdown.video_embeds` for the syntax), for the HTML, the content checks, the posters and the video
sitemap. No Python-Markdown here, so a cached rebuild never loads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from babel import Locale, UnknownLocaleError

MARKER = "video:"
FEATURED_VIDEO_KEY = "video"  # a post's frontmatter: the address of its featured video, for Open Graph
MEDIA_PREFIX = "/media/"
POSTER_PREFIX = "/video-posters/"
# The one word of the facade's button in English, and its name with the title; the page's templates put the page's
# language's in their place (herald_site.web.views.videos.videos_in_language).
PLAY_WORD = "Play"
PLAY_WORD_HTML = f'<span class="video-play-word">{PLAY_WORD}</span>'
PLAY_LABEL = f"{PLAY_WORD}: {{title}}"
VIDEO_TYPES = {
    ".webm": "video/webm", ".mp4": "video/mp4", ".m4v": "video/mp4", ".ogv": "video/ogg", ".mov": "video/quicktime",
}
# A host's video id, from the address forms editors paste: watch?v=, youtu.be/, embed/, shorts/; vimeo.com/ID.
_YOUTUBE = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/)|youtu\.be/)([\w-]{11})(?:[?&#].*)?$"
)
_VIMEO = re.compile(r"^https?://(?:www\.)?vimeo\.com/(?:video/)?(\d{1,12})(?:[/?#].*)?$")
PLAYERS = {
    "youtube": ("https://www.youtube-nocookie.com/embed/{id}", "https://www.youtube.com/watch?v={id}", "YouTube"),
    "vimeo": ("https://player.vimeo.com/video/{id}?dnt=1", "https://vimeo.com/{id}", "Vimeo"),
}


@dataclass(frozen=True)
class Caption:
    language: str  # BCP 47 code
    label: str  # the language's own name
    src: str  # /media/NAME.LANG.vtt


@dataclass(frozen=True)
class Video:
    """One video of a document, as the sitemap, the posters and the checks need it; plain data that caches."""

    title: str
    host: str  # "youtube", "vimeo" or "" for a file of the site
    video_id: str  # the host's id; "" for a file
    poster: str  # site path of the poster
    sources: tuple[str, ...] = ()  # a file's site paths, first the one written
    captions: tuple[Caption, ...] = ()

    @property
    def embed_url(self) -> str:
        """The host's privacy-enhanced player (no cookies before play; Vimeo's `dnt=1`), for sitemaps and Open Graph."""
        return PLAYERS[self.host][0].format(id=self.video_id) if self.host else ""

    @property
    def player_url(self) -> str:
        """The player the facade loads on a press of its button: the same, playing at once."""
        embed = self.embed_url
        return f"{embed}{'&' if '?' in embed else '?'}autoplay=1" if embed else ""

    @property
    def page_url(self) -> str:
        """Where the video itself is: the host's page, or the file."""
        return PLAYERS[self.host][1].format(id=self.video_id) if self.host else self.sources[0]

    @property
    def drawn_poster(self) -> str:
        """The name of the poster the build makes (under /video-posters/), or "" when an editor gave one."""
        return self.poster.removeprefix(POSTER_PREFIX) if self.poster.startswith(POSTER_PREFIX) else ""


def read_video(alt: str, src: str, settings: dict[str, str]) -> Video | None:
    """The video an image with alt text `alt` names, or None when it is no video (an ordinary image)."""
    if not alt.lower().startswith(MARKER):
        return None
    title = alt[len(MARKER):].strip() or "Video"
    given_poster = MEDIA_PREFIX + settings["poster"] if settings.get("poster") else ""
    for host, pattern in (("youtube", _YOUTUBE), ("vimeo", _VIMEO)):
        if found := pattern.match(src):
            poster = given_poster or f"{POSTER_PREFIX}{host}-{found.group(1)}.jpg"
            return Video(title, host, found.group(1), poster)
    path = PurePosixPath(src)
    if not src.startswith(MEDIA_PREFIX) or path.suffix.lower() not in VIDEO_TYPES:
        return None
    stem = str(path.with_suffix(""))
    sources = (src, *(f"{stem}.{extension.lstrip('.')}" for extension in settings.get("sources", "").split()))
    codes = settings.get("captions", "").split()
    captions = tuple(Caption(code, _own_name(code), f"{stem}.{code}.vtt") for code in codes)
    return Video(title, "", "", given_poster or f"{stem}.jpg", tuple(dict.fromkeys(sources)), captions)


def _own_name(code: str) -> str:
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name()
    except (ValueError, UnknownLocaleError):
        return code
    return (name[:1].upper() + name[1:]) if name else code


def media_type(src: str) -> str:
    return VIDEO_TYPES.get(PurePosixPath(src).suffix.lower(), "")
