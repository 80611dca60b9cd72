"""A hosted video's thumbnail, fetched once into the build cache, so its poster is served by the site itself.

The facade must not make a visitor's browser ask YouTube or Vimeo for anything before a press on play, so the
build asks instead, once per video: YouTube's `hqdefault.jpg`, Vimeo's oEmbed answer's `thumbnail_url`. Each
answer is read up to MAX_BYTES, opened by Pillow and written again as a JPEG (whatever the host sent, and
without its metadata). A build without a network, or with HERALD_OFFLINE=1, fetches nothing and the poster is
drawn (`herald_site.web.video_posters`); the first failure ends the fetching for the build, so an offline build
waits for one timeout at most.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable
from pathlib import Path
from urllib.error import URLError
from urllib.request import Request, urlopen

from PIL import Image, UnidentifiedImageError

from herald_site.confined import inside
from herald_site.markdown.videos import Video

POSTERS_FOLDER = "video-posters"  # in the build cache
OFFLINE_VARIABLE = "HERALD_OFFLINE"
MAX_BYTES = 5_000_000
TIMEOUT_SECONDS = 5
# Where each host keeps a video's thumbnail: an image, or (Vimeo) an oEmbed answer naming it.
THUMBNAILS = {
    "youtube": "https://i.ytimg.com/vi/{id}/hqdefault.jpg",
    "vimeo": "https://vimeo.com/api/oembed.json?url=https%3A%2F%2Fvimeo.com%2F{id}",
}


def fetch_posters(
    videos: Iterable[Video], folder: Path, thumbnails: dict[str, str] = THUMBNAILS
) -> dict[str, tuple[int, int]]:
    """Fetch into `folder` the poster of each hosted video that has none there yet; the stamp of every poster
    the folder holds, by its file name (which signs the poster's page)."""
    wanted = {video.drawn_poster: video for video in videos if video.drawn_poster}
    folder.mkdir(parents=True, exist_ok=True)
    online = fetching_allowed()
    for name, video in sorted(wanted.items()):
        target = inside(folder, name)
        if target.exists() or not online:
            continue
        try:
            image = _thumbnail(thumbnails[video.host].format(id=video.video_id), video.host)
        except (URLError, OSError, ValueError):
            online = False  # no network, or the host refuses: the rest would wait for nothing
            continue
        partial = target.with_suffix(".part")
        image.save(partial, format="JPEG", quality=85)
        partial.replace(target)
    held = folder_stamps(folder)
    return {name: held[name] for name in wanted if name in held}


def fetching_allowed() -> bool:
    return os.environ.get(OFFLINE_VARIABLE) != "1"


def folder_stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """The posters `folder` holds, by file name, with their size and time: part of a build's inputs, so a
    poster fetched since the last build is never skipped as unchanged."""
    if not folder.is_dir():
        return {}
    return {path.name: (stat.st_size, stat.st_mtime_ns) for path in sorted(folder.glob("*.jpg"))
            if (stat := path.stat())}


def _thumbnail(url: str, host: str) -> Image.Image:
    answer = _get(url)
    if host == "vimeo":
        named = json.loads(answer).get("thumbnail_url")
        if not isinstance(named, str) or not named.startswith(("https://", "http://")):
            raise ValueError("Vimeo's oEmbed answer names no thumbnail")
        answer = _get(named)
    try:
        image = Image.open(io.BytesIO(answer))
        image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError) as error:
        raise ValueError(f"{url} sent no image") from error
    return image.convert("RGB")


def _get(url: str) -> bytes:
    request = Request(url, headers={"User-Agent": "Herald static site build"})
    with urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310 - https URLs of THUMBNAILS
        body = answer.read(MAX_BYTES + 1)
    if len(body) > MAX_BYTES:
        raise ValueError(f"{url} sent over {MAX_BYTES} bytes")
    return body
