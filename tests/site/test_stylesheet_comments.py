"""Stylesheets reach visitors without their comments: theme.css's notes for its editors cost every page."""

from __future__ import annotations

from pathlib import Path

from herald_site.web.app import create_app
from herald_site.web.stylesheet_comments import without_comments
from tests.site.conftest import MINIMAL_SITE_YML, ContentFolder

HERALD_THEME = Path(__file__).parents[2] / "site" / "web" / "static" / "theme.css"


def test_comments_and_the_blank_lines_they_leave_go_and_strings_stay_whole() -> None:
    css = '/*! Licence: MIT */\n/* A note.\n   Two lines. */\n\na { color: red; } /* after */\n\n\nb::before { content: "/* kept */"; }\n' \
          "i::after { content: 'it\\'s /* too */'; }\n"
    assert without_comments(css) == ('/*! Licence: MIT */\na { color: red; } \nb::before { content: "/* kept */"; }\n'
                                      "i::after { content: 'it\\'s /* too */'; }\n")


def test_herald_s_theme_is_served_without_its_notes_and_with_every_rule(content: ContentFolder) -> None:
    content.site_yml(MINIMAL_SITE_YML)
    served = create_app(content.root).test_client().get("/static/theme.css")
    assert served.status_code == 200 and served.mimetype == "text/css"
    source = HERALD_THEME.read_text(encoding="utf-8")
    assert "/*" in source and "/*" not in served.text
    assert served.text.count("{") == without_comments(source).count("{") > 100
    assert len(served.data) < 0.9 * len(source.encode())


def test_a_path_out_of_the_theme_folder_is_no_stylesheet(content: ContentFolder) -> None:
    content.site_yml(MINIMAL_SITE_YML)
    assert create_app(content.root).test_client().get("/static/../../pyproject.css").status_code == 404
