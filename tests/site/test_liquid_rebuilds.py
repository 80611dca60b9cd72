"""A rebuild after an edit to what a Liquid document was made from (an include, site.yml, a linked post) equals a
clean build, and an edit to none of it loads the document from the cache."""

from __future__ import annotations

import pytest

from herald_site.content import documents
from tests.site.test_incremental import Builds, replace_in

SITE_YML = """\
title: Test Site
url: https://test.example.org
timezone: Europe/London
tagline: Clean air for all
"""


@pytest.fixture
def builds(content, tmp_path) -> Builds:
    content.site_yml(SITE_YML)
    content.raw("_includes/note.html", "<aside>{{ include.text }}: {{ site.tagline }}</aside>\n")
    content.post("2024-05-04-second.md", "title: Second")
    content.post("2024-05-03-first.md", "title: First",
                 '{% include note.html text="Note" %}\n\n[Second]({% post_url 2024-05-04-second %})\n')
    content.post("2024-05-05-plain.md", "title: Plain")
    built = Builds(tmp_path, content.root)
    built.rebuild_and_compare()
    return built


def first_page(builds: Builds) -> str:
    return (builds.out / "2024/05/03/first/index.html").read_text(encoding="utf-8")


def test_an_edited_include_renders_its_documents_again(builds):
    replace_in(builds.content / "_includes/note.html", "<aside>", "<aside class='note'>")
    builds.rebuild_and_compare()
    assert "<aside class='note'>Note: Clean air for all</aside>" in first_page(builds)


def test_an_edited_value_of_site_yml_renders_them_again(builds):
    replace_in(builds.content / "site.yml", "Clean air for all", "Breathe")
    builds.rebuild_and_compare()
    assert "Note: Breathe" in first_page(builds)


def test_a_linked_post_that_moves_moves_the_link(builds):
    second = builds.content / "posts/2024-05-04-second.md"
    replace_in(second, "^title: Second", "title: Second\npermalink: /news/second/")
    builds.rebuild_and_compare()
    assert 'href="/news/second/"' in first_page(builds)


def test_an_unrelated_edit_loads_the_liquid_document_from_the_cache(builds, monkeypatch):
    loaded: list[str] = []
    load_file = documents.load_file

    def counting(kind, path, *args, **kwargs):
        loaded.append(path.rsplit("/", 1)[-1])
        return load_file(kind, path, *args, **kwargs)

    monkeypatch.setattr("herald_site.speed.cached_loading.load_file", counting)
    replace_in(builds.content / "posts/2024-05-05-plain.md", "Some text", "Other text")
    builds.build(builds.out, builds.cache)
    assert loaded == ["2024-05-05-plain.md"]
