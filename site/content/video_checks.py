"""The files a document's videos need: each must be in content/media/, and each caption file valid WebVTT.

A missing video, caption or poster is an error, not a warning like a missing image: a `<video>` without its
file shows an empty box, and a facade without its poster a broken one.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from herald_site.content.documents import LoadedDocument
from herald_site.content.frontmatter import read_document
from herald_site.content.model import Problem
from herald_site.content.settings import MEDIA_FOLDER
from herald_site.content.webvtt import webvtt_problems
from herald_site.markdown.videos import FEATURED_VIDEO_KEY, MARKER, MEDIA_PREFIX, Video, read_video


def video_problems(documents: Iterable[LoadedDocument], media: dict[str, object], content_dir: Path) -> list[Problem]:
    """Missing files of the documents' videos, and caption files that are not WebVTT (once per file)."""
    problems: list[Problem] = []
    checked_captions: set[str] = set()
    for loaded in documents:
        problems += _featured_problems(loaded, media)
        for video in loaded.videos:
            for what, src in _files(video):
                name = src.removeprefix(MEDIA_PREFIX)
                if name not in media:
                    message = (f"video {video.title!r}: its {what} {src} is missing; "
                               f"add {content_dir / MEDIA_FOLDER / name}")
                    problems.append(Problem(Path(loaded.path), _line_of(loaded, video), message, "error"))
                elif what == "captions" and name not in checked_captions:
                    checked_captions.add(name)
                    path = content_dir / MEDIA_FOLDER / name
                    problems += [Problem(path, line, f"not valid WebVTT: {message}", "error")
                                 for line, message in webvtt_problems(path)]
    return problems


def _featured_problems(loaded: LoadedDocument, media: dict[str, object]) -> list[Problem]:
    """A post's `video:` must be a YouTube or Vimeo address or a video file of content/media/."""
    written = loaded.document.extra.get(FEATURED_VIDEO_KEY)
    if written is None:
        return []
    video = read_video(f"{MARKER} featured", written, {}) if isinstance(written, str) else None
    if video is None:
        message = f"`{FEATURED_VIDEO_KEY}` must be a YouTube or Vimeo address or a video under {MEDIA_PREFIX}"
    elif video.sources and video.sources[0].removeprefix(MEDIA_PREFIX) not in media:
        message = f"`{FEATURED_VIDEO_KEY}` names {written}, which content/media/ lacks"
    else:
        return []
    line = loaded.line_of(FEATURED_VIDEO_KEY)
    return [Problem(Path(loaded.path), line, message, "error", FEATURED_VIDEO_KEY)]


def _files(video: Video) -> list[tuple[str, str]]:
    """Each file of the site a video names, with what it is for; a host's drawn poster is the build's own."""
    files = [("file", src) for src in video.sources] + [("captions", caption.src) for caption in video.captions]
    if not video.drawn_poster:
        files.append(("poster", video.poster))
    return files


def _line_of(loaded: LoadedDocument, video: Video) -> int | None:
    """The body line naming the video (read again only for a document with a problem)."""
    path = Path(loaded.path)
    if not path.is_file():
        return None
    return read_document(path, loaded.kind).body_line_of(f"video: {video.title}")
