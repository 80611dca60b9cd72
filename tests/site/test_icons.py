"""The site icon: every size browsers and phones ask for, drawn from site.yml's `icon` or Herald's own, linked
from every page's head, and drawn again only when its source changes."""

from __future__ import annotations

import importlib
import io
import json
import sys
from collections.abc import Sequence
from html.parser import HTMLParser
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image

from herald_site.build.pipeline import build_site
from herald_site.content import check_site
from herald_site.errors import BuildError
from herald_site.web.views import icons
from herald_site.web.views.icons import drawing
from herald_site.web.views.icons.drawing import draw_icons
from tests.conftest import require_service
from tests.site.conftest import MINIMAL_SITE_YML, BuiltSite, ContentFolder

CLEAN_AIR_GREEN = (11, 110, 79)  # the background of the sample's content/media/icon.png
SQUARE_SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8">'
              b'<rect width="8" height="8" fill="#0b6e4f"/></svg>')


class HeadLinks(HTMLParser):
    """The <link> elements of a page, as (rel, href, other attributes)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "link":
            self.links.append(dict(attrs))


def head_links(page: Path, rel: str) -> list[dict[str, str | None]]:
    parser = HeadLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return [link for link in parser.links if link.get("rel") == rel]


def image(path: Path) -> Image.Image:
    return Image.open(io.BytesIO(path.read_bytes()))


def png(size: tuple[int, int], colour: tuple[int, int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, colour).save(out, format="PNG")
    return out.getvalue()


def assert_every_size(out: Path) -> None:
    favicon = image(out / "favicon.ico")
    assert favicon.format == "ICO" and sorted(favicon.ico.sizes()) == [(16, 16), (32, 32), (48, 48)]
    touch = image(out / "apple-touch-icon.png")
    assert (touch.format, touch.size, touch.mode) == ("PNG", (180, 180), "RGB")  # opaque: iOS blackens the rest
    for size in (192, 512):
        assert (image(out / f"icon-{size}.png").format, image(out / f"icon-{size}.png").size) == ("PNG", (size, size))


def test_the_sample_has_every_size_drawn_from_its_icon_and_every_page_links_them(built_sample: BuiltSite) -> None:
    out = built_sample.root
    assert_every_size(out)
    assert image(out / "icon-512.png").convert("RGB").getpixel((20, 256)) == CLEAN_AIR_GREEN
    manifest = json.loads((out / "site.webmanifest").read_text())
    assert manifest["name"] == "Clean Air Now" and manifest["start_url"] == "/"
    assert [(icon["src"], icon["sizes"]) for icon in manifest["icons"]] == [
        ("/icon-192.png", "192x192"), ("/icon-512.png", "512x512")]
    for page in built_sample.themed_pages():
        # The shell links them absolute: the service shows it on pages of its own origin.
        site = built_sample.base_url if built_sample.is_shell(page) else ""
        assert [link["href"] for link in head_links(page, "icon")] == [f"{site}/favicon.ico"], page
        assert [link["href"] for link in head_links(page, "apple-touch-icon")] == [f"{site}/apple-touch-icon.png"], page
        assert [link["href"] for link in head_links(page, "manifest")] == [f"{site}/site.webmanifest"], page


def build(content: ContentFolder, out: Path, cache: Path | None = None) -> None:
    build_site(content.root, out, cache_dir=cache)


def test_a_png_icon_of_another_shape_is_centred_on_a_transparent_square(content: ContentFolder,
                                                                        tmp_path: Path) -> None:
    content.site_yml(MINIMAL_SITE_YML + "icon: /media/logo.png\n")
    content.media("logo.png", png((600, 300), (200, 30, 30, 255)))
    build(content, tmp_path / "out")

    out = tmp_path / "out"
    assert_every_size(out)
    large = image(out / "icon-512.png").convert("RGBA")
    assert large.getpixel((256, 10))[3] == 0 and large.getpixel((256, 256)) == (200, 30, 30, 255)
    assert image(out / "apple-touch-icon.png").getpixel((90, 5)) == (255, 255, 255)
    assert {link["href"] for link in head_links(out / "index.html", "icon")} == {"/favicon.ico"}  # no SVG to link


def cairo_installed() -> bool:
    try:
        importlib.import_module("cairosvg")
    except OSError:  # cairocffi finds no cairo library
        return False
    return True


def test_an_svg_icon_is_drawn_in_every_size_and_also_linked_as_it_is(content: ContentFolder,
                                                                      tmp_path: Path) -> None:
    require_service(cairo_installed(), "the cairo library is not installed (Debian: apt install libcairo2)")
    content.site_yml(MINIMAL_SITE_YML + "icon: logo.svg\n")
    content.media("logo.svg", SQUARE_SVG)
    build(content, tmp_path / "out")

    out = tmp_path / "out"
    assert_every_size(out)
    assert image(out / "icon-192.png").convert("RGB").getpixel((96, 96)) == CLEAN_AIR_GREEN
    for page in (out / "index.html", out / "404.html"):
        links = [(link["href"], link.get("type")) for link in head_links(page, "icon")]
        assert links == [("/favicon.ico", None), ("/media/logo.svg", "image/svg+xml")]
    assert (out / "media" / "logo.svg").read_bytes() == SQUARE_SVG


def test_a_site_without_an_icon_shows_heralds_own(content: ContentFolder, tmp_path: Path) -> None:
    build(content, tmp_path / "out")

    assert_every_size(tmp_path / "out")
    herald = Image.open(icons.HERALD_ICON).convert("RGBA")
    assert image(tmp_path / "out" / "icon-512.png").convert("RGBA").tobytes() == herald.tobytes()
    assert {link["href"] for link in head_links(tmp_path / "out" / "index.html", "icon")} == {"/favicon.ico"}


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("icon: logo.png", "`icon` logo.png not found: there is no file"),
        ("icon: ../site.yml", "`icon` should be an SVG or PNG file in"),
        ("icon: ../posts/x.png", "`icon` ../posts/x.png not found"),
        ("icon: logo.gif", "`icon` should be an SVG or PNG file in"),
        ("icon: [a, b]", "`icon` should be text"),
    ],
)
def test_a_wrong_icon_setting_names_its_line(content: ContentFolder, setting: str, message: str) -> None:
    content.raw("posts/x.png", "not in media")
    content.site_yml(MINIMAL_SITE_YML + setting + "\n")
    [problem] = check_site(content.root)
    assert (problem.path.name, problem.line, problem.field) == ("site.yml", 5, "icon")
    assert message in problem.message


def test_an_icon_that_is_no_image_fails_the_build_naming_the_file(content: ContentFolder, tmp_path: Path) -> None:
    content.site_yml(MINIMAL_SITE_YML + "icon: logo.png\n")
    content.media("logo.png", b"not a PNG at all")
    with pytest.raises(BuildError, match=r"media/logo\.png is not an image Pillow can read"):
        build(content, tmp_path / "out")
    assert not (tmp_path / "out").exists()


class _NoCairo(MetaPathFinder):
    """Imports cairosvg as a system without the cairo library does: cairocffi raises OSError."""

    def find_spec(self, name: str, path: Sequence[str] | None, target: ModuleType | None = None) -> ModuleSpec | None:
        if name == "cairosvg":
            raise OSError("no library called \"cairo-2\" was found")
        return None


def test_an_svg_icon_without_cairo_says_what_to_install(content: ContentFolder, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    content.site_yml(MINIMAL_SITE_YML + "icon: logo.svg\n")
    content.media("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"/>')
    monkeypatch.delitem(sys.modules, "cairosvg", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoCairo(), *sys.meta_path])
    with pytest.raises(BuildError) as raised:
        build(content, tmp_path / "out")
    assert "logo.svg is an SVG, and drawing it needs the cairo library" in str(raised.value)
    assert "apt install libcairo2" in str(raised.value) and "a PNG of at least 512×512" in str(raised.value)


def test_icons_are_drawn_again_only_when_their_source_changes(content: ContentFolder, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    content.site_yml(MINIMAL_SITE_YML + "icon: logo.png\n")
    logo = content.media("logo.png", png((512, 512), (200, 30, 30, 255)))
    post = content.post("a.md", "title: A\ndate: 2024-01-02")
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(content, out, cache)
    drawn: list[Path] = []
    monkeypatch.setattr(drawing, "draw_icons", lambda source: drawn.append(source) or draw_icons(source))
    icons.drawn_icons.cache_clear()  # what the first build drew
    first = {name: (out / name).stat().st_mtime_ns for name in ("favicon.ico", "icon-512.png")}

    post.write_text(post.read_text() + "\nAn edit.\n")
    build(content, out, cache)
    assert drawn == []
    assert {name: (out / name).stat().st_mtime_ns for name in first} == first

    logo.write_bytes(png((512, 512), (30, 30, 200, 255)))
    build(content, out, cache)
    assert drawn == [logo.resolve()]
    assert image(out / "icon-512.png").convert("RGBA").getpixel((256, 256)) == (30, 30, 200, 255)
