"""site.yml's `theme:`: colours and fonts as the custom properties theme.css reads, checked value by value, with a
warning for text too faint to read, and the stylesheet that carries them to every page and to the service's shell."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from herald_site.build.pipeline import build_site
from herald_site.content import ContentError, load_config, load_site
from herald_site.content.theme_settings import COLOURS, FONTS, herald_colours
from herald_site.css_colours import parse_colour
from herald_site.urls import SHELL, STATIC_FOLDER
from tests.site.conftest import MINIMAL_SITE_YML, SAMPLE_NOW, ContentFolder

THEME = """\
theme:
  colors:
    accent: "#b5361d"
    background: "#fffdf8"
  dark:
    accent: "#ff9a85"
  fonts:
    body: Georgia, "Times New Roman", serif
    code: [Menlo, monospace]
"""


def with_theme(content: ContentFolder, theme: str) -> Path:
    return content.site_yml(MINIMAL_SITE_YML + theme)


def stylesheets(html_file: Path) -> list[str]:
    return [href.split("?")[0] for href in lxml.html.parse(str(html_file)).xpath('//link[@rel="stylesheet"]/@href')]


def test_the_theme_becomes_a_stylesheet_linked_after_herald_s_on_every_page_and_the_shell(content, tmp_path):
    with_theme(content, THEME)
    content.post("2024-01-01-a.md", "title: A")
    out = tmp_path / "out"

    build_site(content.root, out)

    css = (out / "static/site-theme.css").read_text()
    root, light, dark = re.findall(r"(?:@media ([^{]+) \{\s*)?:root \{([^}]*)\}", css)
    assert root == ("", '\n  --font-body: Georgia, "Times New Roman", serif;\n  --font-code: Menlo, monospace;\n')
    assert light[0] == "screen and (prefers-color-scheme: light)" and "--accent: #b5361d;" in light[1] and "--background: #fffdf8;" in light[1]
    assert dark[0] == "screen and (prefers-color-scheme: dark)" and dark[1].split() == ["--accent:", "#ff9a85;"]
    for page in (out / "index.html", out / "2024/01/01/a/index.html"):
        assert stylesheets(page) == ["/static/theme.css", "/static/site-theme.css"]
    assert stylesheets(out / SHELL.lstrip("/")) == [
        f"https://test.example.org/static/{name}" for name in ("theme.css", "site-theme.css")]


def test_without_a_theme_there_is_no_stylesheet_of_its_own(content, tmp_path):
    build_site(content.root, tmp_path / "out")

    assert not (tmp_path / "out/static/site-theme.css").exists()
    assert stylesheets(tmp_path / "out/index.html") == ["/static/theme.css"]


def test_theme_css_sets_every_colour_in_both_schemes_and_reads_the_fonts_from_properties():
    """What site.yml may set is what Herald's theme.css is written in."""
    assert all(set(herald_colours()[scheme]) == set(COLOURS) for scheme in ("colors", "dark"))
    css = (STATIC_FOLDER / "theme.css").read_text()
    for name in FONTS.values():
        assert f"--{name}:" in css and f"var(--{name})" in css
    assert css.count("system-ui") == css.count("ui-monospace") == 1  # each stack written once, in :root


@pytest.mark.parametrize(("theme", "line", "field", "says"), [
    ("theme: red\n", 5, "theme", "`theme` should be a mapping"),
    ("theme:\n  colours: {accent: red}\n", 6, "theme.colours", "the known ones are colors, dark, fonts"),
    ("theme:\n  colors:\n    accent: red\n    link: blue\n", 8, "theme.colors.link",
     "unknown name `link` in `theme.colors`; the known ones are text, muted, background, surface, accent, accent-strong"),
    ("theme:\n  dark:\n    accent: #ff9a85\n", 7, "theme.dark.accent", "a colour written with # needs quotes"),
    ("theme:\n  colors:\n    accent: reddish\n", 7, "theme.colors.accent", "should be a CSS colour"),
    ("theme:\n  colors:\n    text: \"red; } body { display: none\"\n", 7, "theme.colors.text", "should be a CSS colour"),
    ("theme:\n  colors:\n    text: 12\n", 7, "theme.colors.text", "should be a CSS colour"),
    ("theme:\n  fonts:\n    body: \"Georgia; } body { background: url(//x.example/t)\"\n", 7, "theme.fonts.body",
     "should be a list of font families"),
    ("theme:\n  fonts:\n    body: \"x</style><script>\"\n", 7, "theme.fonts.body", "should be a list of font families"),
    ("theme:\n  fonts:\n    body: '\"Georgia\\\\\", serif'\n", 7, "theme.fonts.body", "should be a list of font families"),
    ("theme:\n  fonts:\n    serif: Georgia\n", 7, "theme.fonts.serif", "the known ones are body, headings, code"),
    ("theme:\n  fonts:\n    code: \"'Menlo\\nx'\"\n", 7, "theme.fonts.code", "should be a list of font families"),
])
def test_a_bad_theme_is_an_error_at_its_line_naming_the_key(content, theme, line, field, says):
    path = with_theme(content, theme)

    with pytest.raises(ContentError) as raised:
        load_config(content.root)

    assert (raised.value.path, raised.value.line, raised.value.field) == (path, line, field)
    assert says in raised.value.message


@pytest.mark.parametrize("colour", [
    "#b5361d", "#B5361D", "#fff", "#b5361dcc", "rgb(181, 54, 29)", "rgb(71% 21% 11%)", "rgba(181,54,29,0.9)",
    "rgb(181 54 29 / 90%)", "hsl(9, 72%, 41%)", "hsl(9deg 72% 41% / .9)", "firebrick", "RebeccaPurple",
])
def test_css_colours_people_write_are_read(colour):
    assert parse_colour(colour) is not None


@pytest.mark.parametrize(("colour", "rgba"), [
    ("#fff", (255, 255, 255, 1.0)), ("#b5361d", (181, 54, 29, 1.0)), ("rgb(100%, 0%, 0%)", (255, 0, 0, 1.0)),
    ("hsl(120, 100%, 25%)", (0, 128, 0, 1.0)), ("navy", (0, 0, 128, 1.0)), ("rgba(0, 0, 0, 0.5)", (0, 0, 0, 0.5)),
])
def test_a_colour_reads_as_its_numbers(colour, rgba):
    assert parse_colour(colour) == rgba


@pytest.mark.parametrize("text", ["", "transparent", "currentColor", "#ggg", "#12345", "rgb(1, 2)", "url(x)",
                                  "red;", "var(--accent)", "expression(alert(1))", "hsl(1, 2, 3)"])
def test_anything_else_is_no_colour(text):
    assert parse_colour(text) is None


def warnings_of(content: ContentFolder) -> list[tuple[int | None, str | None, str]]:
    index = load_site(content.root, now=SAMPLE_NOW)
    return [(problem.line, problem.field, problem.message) for problem in index.warnings]


def test_text_too_faint_on_its_background_is_a_warning_at_the_colour_given(content):
    with_theme(content, 'theme:\n  colors:\n    text: "#1d2125"\n    accent: "#f0c000"\n  dark:\n    background: "#f8f8f8"\n')

    warnings = warnings_of(content)

    assert [(line, field) for line, field, _ in warnings] == [
        (8, "theme.colors.accent"), (10, "theme.dark.background"), (10, "theme.dark.background"),
        (10, "theme.dark.background")]
    message = warnings[0][2]
    assert message.startswith("in `theme.colors`, `accent` #f0c000 on `background` #fdfdfb (Herald's) has a contrast of 1.7:1")
    assert "WCAG AA" in message


def test_readable_colours_and_fonts_alone_warn_of_nothing(content):
    with_theme(content, THEME)

    assert warnings_of(content) == []


def test_a_translucent_text_colour_is_judged_as_it_shows_on_its_background(content):
    with_theme(content, 'theme:\n  colors:\n    text: "rgba(0, 0, 0, 0.3)"\n')

    assert [field for _, field, _ in warnings_of(content)] == ["theme.colors.text"]
