"""What the site serves for its videos: each hosted video's poster, and the video sitemap listing them all.

A poster is the host's thumbnail when the build fetched it (`herald_site.build.video_poster_fetch` leaves it in
the folder named by POSTERS_CONFIG_KEY), else a neutral placeholder (`herald_site.web.video_posters`); either way
it is the site's own file, so a page with a facade asks no other host for anything.
"""

from __future__ import annotations

import re
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, render_template, url_for
from markupsafe import escape

from herald_site import urls
from herald_site.content import Page, Post
from herald_site.markdown.videos import (
    FEATURED_VIDEO_KEY, PLAY_LABEL, PLAY_WORD, PLAY_WORD_HTML, POSTER_PREFIX, Video, media_type, read_video,
)
from herald_site.web.responses import typed_by_path
from herald_site.web.served_index import current_index
from herald_site.web.url_catalog import serves
from herald_site.web.video_posters import placeholder_poster

bp = Blueprint("videos", __name__)

POSTERS_CONFIG_KEY = "HERALD_VIDEO_POSTERS"  # a folder of fetched posters, by their name under /video-posters/
# A facade button's name as Markdown writes it; the title is already escaped for the attribute, so it has no '"'.
_ENGLISH_LABEL = re.compile('aria-label="' + re.escape(PLAY_LABEL).replace(re.escape("{title}"), '([^"]*)') + '"')


@serves(bp, urls.VIDEO_POSTER)
def poster(name: str) -> Response:
    file_name = f"{name}.jpg"
    if not any(video.drawn_poster == file_name for videos in current_index().videos.values() for video in videos):
        abort(404, f"no video of the site has the poster {POSTER_PREFIX}{file_name}")
    fetched = fetched_poster(file_name)
    return typed_by_path(fetched.read_bytes() if fetched else placeholder_poster())


def fetched_poster(file_name: str) -> Path | None:
    """The poster the build fetched from the video's host, if it did."""
    folder = current_app.config.get(POSTERS_CONFIG_KEY)
    path = Path(folder, file_name) if folder else None
    return path if path is not None and path.is_file() else None


@serves(bp, urls.VIDEO_SITEMAP)
def sitemap() -> Response:
    index = current_index()
    entries: list[tuple[str, str, Video]] = []
    for url_path, videos in index.videos.items():
        document = index.find_by_url(url_path)
        if document is None:
            continue
        page = url_for("permalinks.show", url_path=url_path.strip("/"), _external=True)
        entries += [(page, document.summary or video.title, video) for video in videos]
    return typed_by_path(render_template("seo/video_sitemap.xml", entries=entries, absolute=absolute_url))


def absolute_url(path: str) -> str:
    """A site path as an absolute URL on the site's address (a sitemap names nothing else)."""
    return current_index().config.url.rstrip("/") + path


@bp.app_template_filter("videos_in_language")
def videos_in_language(body: str, play_word: str, play_label: str) -> str:
    """A document's HTML with its facades' button word and name in the page's language (Markdown writes them in
    English); `play_label` has `{title}` where the title goes, as "Lire : {title}" puts French's space before ':'."""
    label = str(escape(play_label))
    named = _ENGLISH_LABEL.sub(lambda found: f'aria-label="{label.replace("{title}", found.group(1))}"', body)
    return named.replace(PLAY_WORD_HTML, PLAY_WORD_HTML.replace(f">{PLAY_WORD}<", f">{escape(play_word)}<"))


@bp.app_template_global()
def has_video_facade(document: Post | Page) -> bool:
    """Whether the page needs herald-video.js: it has a YouTube or Vimeo video."""
    return any(video.host for video in current_index().videos.get(document.url_path, ()))


def featured_video_shown(post: Post) -> Video | None:
    """The video of the post's body that its frontmatter's `video:` names, as the page shows it: its poster is a
    picture the site serves, its title in the post's language; None when the body does not show it."""
    written = post.extra.get(FEATURED_VIDEO_KEY)
    featured = read_video(f"video: {post.title}", written, {}) if isinstance(written, str) else None
    shown = current_index().videos.get(post.url_path, ()) if featured else ()
    return next((video for video in shown if featured and video.page_url == featured.page_url), None)


@bp.app_template_global()
def featured_video(post: Post) -> dict[str, str] | None:
    """The Open Graph values of the video a post names in its frontmatter (`video:`), or None."""
    written = post.extra.get(FEATURED_VIDEO_KEY)
    video = read_video(f"video: {post.title}", written, {}) if isinstance(written, str) else None
    if video is None:
        return None
    if video.host:
        return {"url": video.embed_url, "type": "text/html"}
    return {"url": absolute_url(video.sources[0]), "type": media_type(video.sources[0])}
