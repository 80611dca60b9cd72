"""A published document that moves keeps its old address: the new text names it in `redirect_from`, which the
build turns into a redirect; drafts, scheduled posts and documents that stay put get none."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from herald_site.content import load_site
from herald_site.editing import rename_redirects, split_document
from tests.site.conftest import ContentFolder

NOW = datetime(2026, 12, 7, tzinfo=timezone.utc)
POST = "posts/2026-11-01-air.md"


@pytest.fixture
def site(content: ContentFolder) -> ContentFolder:
    content.post("2026-11-01-air.md", "title: Air\ndate: 2026-11-01", "Text.\n")
    content.page("about.md", "title: About\nredirect_from: /who/", "Us.\n")
    return content


def redirects_of(text: str) -> object:
    return split_document(text)[0].get("redirect_from")


def test_a_renamed_published_post_keeps_its_old_url(site: ContentFolder) -> None:
    text = (site.root / POST).read_text()
    new = rename_redirects(site.root, POST, text, new_path="posts/2026-11-01-clean-air.md", now=NOW)
    assert redirects_of(new) == ["/2026/11/01/air/"]
    assert split_document(new)[1] == split_document(text)[1]  # the body as it was

    (site.root / POST).unlink()
    (site.root / "posts/2026-11-01-clean-air.md").write_text(new)
    index = load_site(site.root, now=NOW)
    assert index.redirects["/2026/11/01/air/"] == "/2026/11/01/clean-air/"


def test_a_new_date_or_permalink_moves_it_too_and_earlier_redirects_stay(site: ContentFolder) -> None:
    moved = rename_redirects(site.root, POST, "---\ntitle: Air\ndate: 2026-11-02\n---\nText.\n", now=NOW)
    assert redirects_of(moved) == ["/2026/11/01/air/"]
    page = "---\ntitle: About\nredirect_from: /who/\npermalink: /about-us/\n---\nUs.\n"
    assert redirects_of(rename_redirects(site.root, "pages/about.md", page, now=NOW)) == ["/who/", "/about/"]


def test_no_redirect_when_the_url_stays_or_readers_never_saw_it(site: ContentFolder) -> None:
    same = "---\ntitle: Air, retitled\ndate: 2026-11-01\n---\nNew text.\n"
    assert rename_redirects(site.root, POST, same, now=NOW) == same
    site.post("2026-12-01-wip.md", "title: Wip\ndate: 2026-12-01\ndraft: true")
    moved = "---\ntitle: Wip\ndate: 2026-12-01\ndraft: true\n---\nText.\n"
    assert rename_redirects(site.root, "posts/2026-12-01-wip.md", moved, new_path="posts/2026-12-01-x.md",
                            now=NOW) == moved
    site.post("2026-12-24-soon.md", "title: Soon\ndate: 2026-12-24")
    later = "---\ntitle: Soon\ndate: 2026-12-25\n---\nText.\n"
    assert rename_redirects(site.root, "posts/2026-12-24-soon.md", later, now=NOW) == later


def test_no_duplicate_when_the_old_url_is_named_already(site: ContentFolder) -> None:
    text = "---\ntitle: Air\ndate: 2026-11-02\nredirect_from: /2026/11/01/air/\n---\nText.\n"
    assert rename_redirects(site.root, POST, text, now=NOW) == text


def test_a_text_with_errors_is_left_for_the_checks(site: ContentFolder) -> None:
    broken = "---\ntitle: Air\ndate: whenever\n---\nText.\n"
    assert rename_redirects(site.root, POST, broken, now=NOW) == broken


def test_a_document_moved_back_no_longer_redirects_from_where_it_is(site: ContentFolder) -> None:
    site.post("2026-11-01-air.md", "title: Air\ndate: 2026-11-02\nredirect_from: [/2026/11/01/air/, /older/]")
    back = "---\ntitle: Air\ndate: 2026-11-01\nredirect_from: [/2026/11/01/air/, /older/]\n---\nText.\n"
    assert redirects_of(rename_redirects(site.root, POST, back, now=NOW)) == ["/older/", "/2026/11/02/air/"]
    site.post("2026-11-05-wip.md", "title: Wip\ndate: 2026-11-06\nredirect_from: /2026/11/05/wip/\ndraft: true")
    only = "---\ntitle: Wip\ndate: 2026-11-05\nredirect_from: /2026/11/05/wip/\ndraft: true\n---\nText.\n"
    unredirected = rename_redirects(site.root, "posts/2026-11-05-wip.md", only, now=NOW)
    assert split_document(unredirected)[0] == {"title": "Wip", "date": date(2026, 11, 5), "draft": True}


def test_the_redirect_is_added_without_touching_the_other_lines(site: ContentFolder) -> None:
    moved = "---\n# Moved in December.\ntitle: 'Air'\ndate: 2026-11-02  # a day later\ntags: [air]\n---\nText.\n"
    new = rename_redirects(site.root, POST, moved, now=NOW)
    assert new == moved.replace("tags: [air]\n", "tags: [air]\nredirect_from:\n- /2026/11/01/air/\n")
