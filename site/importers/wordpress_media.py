"""A WordPress site's uploads brought into content/media/, keeping their year/month folders: copied from the
`wp-content/uploads` folder given, else downloaded from the old site, else listed as missing.

Only paths under `/wp-content/uploads/` count as media, their parts checked so that no export can name a file
outside the uploads folder or content/media/ (no "..", no link on disk followed out). A resized copy that is not
there ("robin-300x200.jpg") is replaced by its original, since Herald's pages size images themselves.
"""

from __future__ import annotations

import re
import shutil
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.error import HTTPError, URLError
from urllib.parse import quote, unquote, urlsplit

from herald_site.confined import inside, lies_inside
from herald_site.urls import MEDIA_PREFIX

UPLOADS_MARK = "/wp-content/uploads/"
DOWNLOAD_TIMEOUT_SECONDS = 10
DOWNLOAD_MAX_BYTES = 50 * 1024 * 1024
_RESIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")


def uploads_path(url: str) -> PurePosixPath | None:
    """The path of an uploaded file under the uploads folder ("2024/05/robin.jpg"), or None for any other URL
    and for a path that could lead elsewhere."""
    path = unquote(urlsplit(url).path)
    if UPLOADS_MARK not in path:
        return None
    parts = path.split(UPLOADS_MARK, 1)[1].split("/")
    if not parts or any(part in ("", ".", "..") or "\\" in part or "\x00" in part for part in parts):
        return None
    return PurePosixPath(*parts)


@dataclass
class MediaImport:
    """The uploads one import brings over, each fetched once, and those it could not."""

    media_dir: Path
    uploads_dir: Path | None
    download: bool
    copied: set[PurePosixPath] = field(default_factory=set)
    downloaded: set[PurePosixPath] = field(default_factory=set)
    missing: dict[PurePosixPath, str] = field(default_factory=dict)  # the file -> why

    def media_url(self, url: str) -> str | None:
        """The /media/ URL of the uploaded file at `url`, fetching it first; None when `url` is no upload, `url`
        itself when the file could not be had."""
        path = uploads_path(url)
        if path is None:
            return None
        if not self._fetch(path, url):
            original = PurePosixPath(_RESIZED.sub("", str(path)))
            if original == path or not self._fetch(original, url.replace(path.name, original.name)):
                return url  # the report lists it; until it is put in media/, pages link to the old site
            self.missing.pop(path, None)
            path = original
        return MEDIA_PREFIX + quote(str(path))

    def _fetch(self, path: PurePosixPath, url: str) -> bool:
        if path in self.copied or path in self.downloaded:
            return True
        if path in self.missing:
            return False
        target = inside(self.media_dir, path)
        source = self.uploads_dir / path if self.uploads_dir else None
        if source is not None and source.is_file() and lies_inside(self.uploads_dir, source, strictly=True):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            self.copied.add(path)
            return True
        why = f"not in {self.uploads_dir}" if self.uploads_dir else "no uploads folder given (--uploads)"
        if self.download:
            error = _download(url, target)
            if error is None:
                self.downloaded.add(path)
                return True
            why += f", and not downloaded from {url} ({error})"
        self.missing[path] = why
        return False


def _download(url: str, target: Path) -> str | None:
    """Save `url` at `target`; None when done, else why not."""
    if urlsplit(url).scheme not in ("http", "https"):
        return "not an http(s) address"
    try:
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_SECONDS) as answer:  # noqa: S310 (http(s) only)
            data = answer.read(DOWNLOAD_MAX_BYTES + 1)
    except HTTPError as error:
        return f"HTTP {error.code}"
    except (URLError, OSError, ValueError) as error:
        return str(getattr(error, "reason", error))
    if len(data) > DOWNLOAD_MAX_BYTES:
        return f"larger than {DOWNLOAD_MAX_BYTES // (1024 * 1024)} MB"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return None
