"""One declaration per kind of page (`herald_site.urls`): the app serves exactly the shapes' rules, each shape
builds the paths Flask builds, and the link check and the URLs a post or page may not take follow from them.
A permalink whose file would collide with another output file is a content error at its line."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner, Result
from flask import Flask, url_for

from build import main
from herald_site import create_app
from herald_site.content import SiteIndex, check_site
from herald_site.content.checks import LinkChecker
from herald_site.url_languages import language_folder
from herald_site.urls import (
    SHAPES,
    SITE_THEME_CSS,
    STATIC,
    STATIC_FOLDER,
    output_file,
    reserved_owner,
    site_paths,
)
from herald_site.web.served_index import current_index
from tests.conftest import SAMPLE_CONTENT
from tests.site.conftest import SAMPLE_NOW, ContentFolder


@pytest.fixture(scope="module")
def sample_app() -> Flask:
    return create_app(SAMPLE_CONTENT, now=SAMPLE_NOW)


@pytest.fixture(scope="module")
def sample_index(sample_app: Flask) -> SiteIndex:
    with sample_app.app_context():
        return current_index()


def test_every_route_comes_from_a_shape_and_every_shape_has_its_routes(sample_app: Flask) -> None:
    routes = sorted((rule.rule, rule.endpoint) for rule in sample_app.url_map.iter_rules())
    # REDIRECT's old addresses ending in "/" are served by DOCUMENT's own rule and view: one route for both.
    declared = sorted({(rule, shape.endpoint) for shape in SHAPES for rule, _ in shape.rules})
    assert routes == declared


def test_every_shape_has_urls_in_the_sample(sample_index: SiteIndex) -> None:
    """So that the tests below, which go through the sample's URLs, see every kind of page; the sample keeps
    Herald's look, so the stylesheet of a site's own colours is tested with a theme (tests/site/test_theme.py)."""
    assert [shape.endpoint for shape in SHAPES if not list(shape.values(sample_index))] == [SITE_THEME_CSS.endpoint]


def test_a_shape_builds_the_path_flask_builds_and_serves_it(sample_app: Flask, sample_index: SiteIndex) -> None:
    adapter = sample_app.url_map.bind("localhost")
    with sample_app.test_request_context():
        for shape, values in [(shape, values) for shape in SHAPES for values in shape.values(sample_index)]:
            path = shape.path(**values)
            assert url_for(shape.endpoint, **values) == quote(path), shape
            assert adapter.match(quote(path)) == (shape.endpoint, values), path


def test_the_link_check_knows_every_url_of_every_shape(sample_index: SiteIndex) -> None:
    checker = LinkChecker(sample_index)
    paths = [*site_paths(sample_index), *(STATIC.path(filename=path.name) for path in STATIC_FOLDER.iterdir())]
    assert [path for path in paths if not checker.exists(path)] == []
    assert not checker.exists("/tags/no-such-tag/") and not checker.exists("/icon-300.png")


def reserved_in_its_language(path: str, index: SiteIndex) -> str | None:
    """Why a document of the language whose folder `path` is in may not take it: a language's folder holds
    Herald's own pages of that language as the root holds the default language's."""
    folders = [language_folder(language.code) for language in index.config.languages if not language.default]
    folder = next((folder for folder in folders if path.startswith(folder)), "/")
    return reserved_owner(path[len(folder) - 1 :])


def test_a_document_may_take_no_url_of_a_reserved_shape(sample_index: SiteIndex) -> None:
    """Nor a folder a reserved shape owns, nor a path inside one of its files, in any language's folder; the
    documents' own URLs stay free."""
    taken = []
    for shape in SHAPES:
        for values in shape.values(sample_index) if shape.reserved else ():
            path = shape.path(**values)
            taken += [path if path.endswith("/") else path + "/", output_file(path) + "/inside/"]
        taken += [f"{folder}anything/at/all/" for folder in shape.owned_folders if shape.reserved]
    assert any(path.startswith("/fr/") for path in taken)  # the sample's French lists and feeds are among them
    assert [path for path in taken if reserved_in_its_language(path, sample_index) is None] == []
    documents = [document.url_path for document in sample_index.documents]
    assert [path for path in documents if reserved_in_its_language(path, sample_index) is not None] == []


COLLIDING = [
    pytest.param("/index.html/", "inside /index.html, a file Herald generates", id="inside-the-home-page"),
    pytest.param("/feed.xml/x/", "inside /feed.xml, a file Herald generates", id="inside-a-feed"),
    pytest.param("/404.html/a/b/", "inside /404.html, a file Herald generates", id="inside-the-404-page"),
    pytest.param("/about/index.html/", "inside the file of /about/ (pages/about.md)", id="inside-another-page"),
]


@pytest.mark.parametrize(("permalink", "reason"), COLLIDING)
def test_a_permalink_inside_another_output_file_is_an_error_at_its_line(
    content: ContentFolder, permalink: str, reason: str
) -> None:
    content.page("about.md", "title: About")
    content.page("a.md", f"title: A\npermalink: {permalink}")

    problems = check_site(content.root)

    assert [(p.path.name, p.line, p.field, p.severity) for p in problems] == [("a.md", 3, "permalink", "error")]
    assert reason in problems[0].message and "choose another permalink" in problems[0].message


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args])


@pytest.mark.parametrize(("permalink", "reason"), COLLIDING)
def test_check_and_build_report_a_colliding_permalink_and_write_nothing(
    content: ContentFolder, tmp_path: Path, permalink: str, reason: str
) -> None:
    """The reported crash: the build stopped with FileExistsError or NotADirectoryError while writing."""
    content.page("about.md", "title: About")
    content.page("a.md", f"title: A\npermalink: {permalink}")
    out = tmp_path / "out"

    checked = run("check", "--content", content.root)
    built = run("build", "--content", content.root, "--out", out, "--no-cache")

    assert checked.exit_code == 1 and re.search(r"pages/a\.md:3: URL .*" + re.escape(reason), checked.stdout)
    assert built.exit_code == 1 and re.search(r"pages/a\.md:3: URL .*" + re.escape(reason), built.stderr)
    assert not isinstance(built.exception, OSError) and not out.exists()
