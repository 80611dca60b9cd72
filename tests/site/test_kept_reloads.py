"""`serve`'s reload after a save, which keeps the last load's documents in memory, gives exactly what a full
load gives: the same model, the same problems and the same documents' HTML, over random series of edits.

Each step edits the sample site's copy (a body, a title, a permalink, a draft, a link, a file added, deleted or
broken, site.yml), loads it through the kept loader that `serve` uses, then loads it from nothing, without
any cache, and compares the two.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from herald_site.content import Page, Post, Problem, SiteIndex, read_site
from herald_site.content.documents import DocumentLoader, load_documents
from herald_site.speed.cache import open_cache
from herald_site.speed.cached_loading import cached_loader
from tests.conftest import SAMPLE_CONTENT

NOW = datetime(2026, 7, 1, tzinfo=timezone.utc)
DOCUMENTS = sorted(str(path.relative_to(SAMPLE_CONTENT)) for path in SAMPLE_CONTENT.glob("p*s/*.md"))
# Values that make the checks across documents speak: URLs claimed twice or kept by Herald, links that lead
# nowhere or to another document, a folder's file inside another's.
PERMALINKS = ["/about/", "/tags/", "/same/", "/same/index.html/", "/feed.xml/", "/2026/06/11/sensor-map/"]
LINKS = ["/about/", "/nowhere/", "/media/missing.png", "/fr/", "/same/", "/tags/sensors/"]


def _with_key(text: str, line: str) -> str:
    """The document with `line` first in its frontmatter (or a frontmatter of that line when it had none)."""
    return f"---\n{line}\n{text[4:]}" if text.startswith("---\n") else f"---\n{line}\n---\n{text}"


Edit = Callable[[Path], None]


def _text_edit(name: str, change: Callable[[str], str]) -> Edit:
    def edit(content: Path) -> None:
        path = content / name
        if path.exists():
            path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    return edit


def _delete(name: str) -> Edit:
    return lambda content: (content / name).unlink(missing_ok=True)


def _new_post(slug: str, link: str) -> Edit:
    def edit(content: Path) -> None:
        (content / "posts" / f"2026-05-0{len(slug) % 9 + 1}-{slug}.md").write_text(
            f"---\ntitle: New {slug}\ntags: [sensors, {slug}]\n---\nA new post linking [there]({link}).\n",
            encoding="utf-8")

    return edit


def _site_yml(line: str) -> Edit:
    return lambda content: (content / "site.yml").write_text(
        (content / "site.yml").read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


NAMES = st.sampled_from(DOCUMENTS)
EDITS = st.one_of(
    st.builds(lambda name, words: _text_edit(name, lambda text: f"{text}\n{words}\n"), NAMES,
              st.sampled_from(["One more line.", "Some *more* words.", "<b>bold</b> text"])),
    st.builds(lambda name, link: _text_edit(name, lambda text: f"{text}\nSee [this]({link}).\n"),
              NAMES, st.sampled_from(LINKS)),
    st.builds(lambda name, title: _text_edit(name, lambda text: _with_key(text, f"title: {title}")), NAMES,
              st.sampled_from(["Renamed", "Another title"])),
    st.builds(lambda name, url: _text_edit(name, lambda text: _with_key(text, f"permalink: {url}")), NAMES,
              st.sampled_from(PERMALINKS)),
    st.builds(lambda name: _text_edit(name, lambda text: _with_key(text, "draft: true")), NAMES),
    st.builds(lambda name: _text_edit(name, lambda text: _with_key(text, "tags: [a, b")), NAMES),  # broken YAML
    st.builds(lambda name: _text_edit(name, lambda text: text.replace("tags: [", "tags: [renamed, ")), NAMES),
    st.builds(_delete, NAMES),
    st.builds(_new_post, st.sampled_from(["fresh", "same", "about"]), st.sampled_from(LINKS)),
    st.builds(_site_yml, st.sampled_from(["author: Someone Else", "description: Changed", "timezone: Europe/Paris"])),
    st.builds(lambda name: _text_edit(name, lambda text: (SAMPLE_CONTENT / name).read_text(encoding="utf-8")), NAMES),
)


def _document_facts(document: Post | Page) -> tuple[Any, ...]:
    """Every field but the texts' keeper (and a digest a loader may fill in later), and the HTML it gives."""
    values = tuple((field.name, getattr(document, field.name)) for field in fields(document)
                   if field.name not in ("texts", "card_digest"))
    return type(document).__name__, values, document.html


def _model(index: SiteIndex | None) -> Any:
    """The index as plain values, each document with its HTML: what the pages are made of."""
    if index is None:
        return None
    listings = {
        code: ([post.url_path for post in listing.posts],
               {slug: (taxon.name, [post.url_path for post in taxon.posts]) for slug, taxon in listing.tags.items()},
               {slug: (taxon.name, [post.url_path for post in taxon.posts])
                for slug, taxon in listing.categories.items()},
               {year: [post.url_path for post in posts] for year, posts in listing.years.items()})
        for code, listing in index.listings.items()
    }
    return (index.config, [_document_facts(document) for document in index.documents], listings,
            index.next_publication, index.media, index.static_files, index.theme_templates, index.theme_static,
            index.redirects, index.videos, index.warnings)


def _texts(content: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in content.rglob("*") if path.is_file()}


def _read(content: Path, loader: DocumentLoader) -> tuple[Any, list[Problem]]:
    index, problems = read_site(content, drafts=True, now=NOW, base_url=None, loader=loader)
    return _model(index), problems


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(EDITS, min_size=1, max_size=6))
def test_a_reload_keeping_the_documents_equals_a_full_load(edits: list[Edit]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        shutil.copytree(SAMPLE_CONTENT, content)
        with open_cache(Path(folder) / "cache") as cache:
            kept = cached_loader(cache, 1, keep=True)
            assert _read(content, kept) == _read(content, load_documents)
            for step, edit in enumerate(edits, 1):
                before = _texts(content)
                edit(content)
                for number, path in enumerate(sorted(_texts(content).items() - before.items())):
                    moment = (step * 1000 + number) * 10**9  # a save's new stamp, however quick the edits
                    os.utime(path[0], ns=(moment, moment))
                assert _read(content, kept) == _read(content, load_documents), f"after edit {step}"
