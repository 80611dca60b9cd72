"""`reserved_owner` tests a path lying inside one of Herald's files with one regular expression: it answers as a
test of each folder the path's file lies in, one by one, would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from herald_site.urls import RESERVED_FOLDERS, _reserved_files, enclosing_files, output_file, reserved_owner

SEGMENTS = st.sampled_from(["index.html", "feed.xml", "atom.xml", "sitemap.xml", "robots.txt", "tags", "page", "2",
                            "archive", "2024", "about", "a b", "x.html", "media", "_herald", "fr", ""])
URLS = st.builds(lambda parts, folder: "/" + "/".join(parts) + ("/" if folder else ""),
                 st.lists(SEGMENTS, min_size=0, max_size=5), st.booleans())


def reserved_owner_folder_by_folder(url_path: str) -> str | None:
    """The rule as first written: each folder the file lies in, tested on its own."""
    folder = next((folder for folder in RESERVED_FOLDERS if url_path.startswith(folder)), None)
    if folder is not None:
        return f"Herald generates every page under {folder}"
    if _reserved_files().fullmatch(output_file(url_path)):
        return "it is a page Herald generates"
    enclosing = next((path for path in enclosing_files(url_path) if _reserved_files().fullmatch(path)), None)
    if enclosing is not None:
        return f"its file would lie inside {enclosing}, a file Herald generates"
    return None


@settings(max_examples=500)
@given(url=URLS)
def test_reserved_owner_answers_as_a_test_of_each_folder(url: str) -> None:
    assert reserved_owner(url) == reserved_owner_folder_by_folder(url)


def test_a_path_inside_a_feed_or_a_page_file_is_refused() -> None:
    assert reserved_owner("/feed.xml/x/") == "its file would lie inside /feed.xml, a file Herald generates"
    assert reserved_owner("/index.html/a/") == "its file would lie inside /index.html, a file Herald generates"
    assert reserved_owner("/2024/01/02/air/") is None
