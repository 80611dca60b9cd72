"""Every post and page as an editor's list shows them: drafts and scheduled posts included, each with the URL the
build gives it in its language, and files that do not load still listed, to be fixed."""

from __future__ import annotations

from datetime import datetime, timezone

from herald_site.content import load_site
from herald_site.editing import list_documents
from tests.site.conftest import ContentFolder

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=timezone.utc)


def test_states_dates_and_urls(content: ContentFolder) -> None:
    content.post("2026-11-01-old.md", "title: Old\ndate: 2026-11-01\ntags: [air]\ncategories: [News]")
    content.post("2026-12-24-soon.md", "title: Soon\ndate: 2026-12-24 09:00")
    content.post("2026-12-01-wip.md", "title: Work in progress\ndate: 2026-12-01\ndraft: true")
    content.page("about.md", "title: About")
    content.page("plans.md", "title: Plans\npublished: false")

    entries = {entry.path: entry for entry in list_documents(content.root, now=NOW)}

    assert list(entries) == ["posts/2026-12-24-soon.md", "posts/2026-12-01-wip.md", "posts/2026-11-01-old.md",
                             "pages/about.md", "pages/plans.md"]  # posts newest first, then pages
    old = entries["posts/2026-11-01-old.md"]
    assert (old.kind, old.title, old.state, old.url) == ("post", "Old", "published", "/2026/11/01/old/")
    assert (old.tags, old.categories, old.language) == (("air",), ("News",), "en")
    assert entries["posts/2026-12-24-soon.md"].state == "scheduled"
    assert entries["posts/2026-12-24-soon.md"].date == datetime(2026, 12, 24, 9, tzinfo=timezone.utc).astimezone(
        entries["posts/2026-12-24-soon.md"].date.tzinfo)
    assert entries["posts/2026-12-01-wip.md"].state == "draft"
    assert (entries["pages/about.md"].state, entries["pages/about.md"].url, entries["pages/about.md"].date) == (
        "published", "/about/", None)
    assert entries["pages/plans.md"].state == "draft"
    assert [entry.state for entry in list_documents(content.root, now=datetime(2027, 1, 1, tzinfo=timezone.utc))
            if entry.title == "Soon"] == ["published"]


def test_a_draft_page_is_left_out_of_the_site_as_a_draft_post_is(content: ContentFolder) -> None:
    content.page("plans.md", "title: Plans\ndraft: true")
    assert load_site(content.root, now=NOW).find_by_url("/plans/") is None
    assert load_site(content.root, now=NOW, drafts=True).find_by_url("/plans/") is not None


def test_urls_in_each_language(content: ContentFolder) -> None:
    content.site_yml("title: T\nurl: https://t.example\nlanguages:\n  - {code: en, name: English, default: true}\n"
                     "  - {code: fr, name: Français}\n")
    content.page("about.md", "title: About")
    content.page("about.fr.md", "title: À propos")
    entries = {entry.path: entry for entry in list_documents(content.root, now=NOW)}
    assert (entries["pages/about.fr.md"].url, entries["pages/about.fr.md"].language) == ("/fr/about/", "fr")
    assert entries["pages/about.md"].url == "/about/"


def test_a_file_that_does_not_load_is_listed_to_be_fixed(content: ContentFolder) -> None:
    content.post("2026-01-01-broken.md", "title: Broken\ndate: someday\ndraft: true")
    content.raw("posts/garbled.md", "---\ntitle: [unclosed\n---\nText.\n")
    entries = {entry.path: entry for entry in list_documents(content.root, now=NOW)}
    broken, garbled = entries["posts/2026-01-01-broken.md"], entries["posts/garbled.md"]
    assert (broken.title, broken.state, broken.url, broken.problems) == ("Broken", "draft", "", 1)
    assert (garbled.title, garbled.state, garbled.problems) == ("garbled.md", "published", 1)


def test_a_site_yml_that_does_not_read_still_lists_the_documents(content: ContentFolder) -> None:
    content.site_yml("title: [unclosed\n")
    content.page("about.md", "title: About")
    assert [entry.url for entry in list_documents(content.root, now=NOW)] == ["/about/"]
