"""Fixtures for the static site's tests: a throw-away content folder that tests fill file by file."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from herald_site import create_app
from herald_site.build.freeze import freeze_site
from herald_site.build.report import BuildSummary
from herald_site.urls import SHELL
from herald_site.web.served_index import current_index
from tests.conftest import SAMPLE_CONTENT

MINIMAL_SITE_YML = """\
title: Test Site
url: https://test.example.org
author: Site Author
timezone: Europe/London
"""


class ContentFolder:
    """A content/ folder in tmp_path with a valid site.yml; add posts, pages and media as a test needs them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "posts").mkdir(parents=True)
        (root / "pages").mkdir()
        (root / "media").mkdir()
        self.site_yml(MINIMAL_SITE_YML)

    def site_yml(self, text: str) -> Path:
        return self._write("site.yml", text)

    def post(self, name: str, frontmatter: str, body: str = "Some text.\n") -> Path:
        return self._write(f"posts/{name}", _document(frontmatter, body))

    def page(self, name: str, frontmatter: str, body: str = "Some text.\n") -> Path:
        return self._write(f"pages/{name}", _document(frontmatter, body))

    def raw(self, relative: str, text: str) -> Path:
        return self._write(relative, text)

    def media(self, name: str, data: bytes = b"image bytes") -> Path:
        path = self.root / "media" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def _write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path


def _document(frontmatter: str, body: str) -> str:
    return f"---\n{textwrap.dedent(frontmatter).strip()}\n---\n{textwrap.dedent(body)}"


@pytest.fixture
def content(tmp_path: Path) -> ContentFolder:
    return ContentFolder(tmp_path / "content")


# --- The sample site, frozen once per session (site views, feeds and freezing tests share it) ---

# A fixed clock: the sample's 2099 post stays in the future and its 2026 posts in the past, whenever tests run.
SAMPLE_NOW = datetime(2027, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class BuiltSite:
    """A frozen site on disk and what the build reported."""

    root: Path
    summary: BuildSummary
    base_url: str

    def file_for(self, url: str) -> Path:
        """The built file an absolute or site-relative URL maps to (query and fragment ignored)."""
        path = urlsplit(url).path if url.startswith(("http://", "https://")) else url.split("#")[0].split("?")[0]
        relative = path.lstrip("/")
        return self.root / (relative + "index.html" if path.endswith("/") else relative)

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def redirect_pages(self) -> list[Path]:
        """The pages that only send the reader on (`redirect_from`, site.yml's `redirects`), in no site look."""
        return [path for path in self.html_files() if 'http-equiv="refresh"' in path.read_text(encoding="utf-8")]

    def is_shell(self, path: Path) -> bool:
        """Whether `path` is a shell the service wraps its pages in (the default language's or another's)."""
        return path.relative_to(self.root).as_posix().endswith(SHELL.lstrip("/"))

    def themed_pages(self) -> list[Path]:
        """Every HTML page in the site's look: all but the redirects."""
        redirects = set(self.redirect_pages())
        return [path for path in self.html_files() if path not in redirects]


def freeze_sample(out_dir: Path, *, drafts: bool = False) -> BuiltSite:
    app = create_app(SAMPLE_CONTENT, drafts=drafts, now=SAMPLE_NOW)
    summary = freeze_site(app, out_dir)
    with app.app_context():
        base_url = current_index().config.url
    return BuiltSite(out_dir, summary, base_url)


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return freeze_sample(tmp_path_factory.mktemp("sample") / "build")


@pytest.fixture(scope="session")
def built_sample_with_drafts(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return freeze_sample(tmp_path_factory.mktemp("sample-drafts") / "build", drafts=True)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by its relative path, with its bytes: for "nothing changed" assertions."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}
