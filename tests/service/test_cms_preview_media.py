"""The preview's /media/ pictures pointed at the dashboard's copy: only real <img> and <source> tags' src and
srcset change; text, comments and script that look like tags, other URLs and the rest of the page do not."""

from __future__ import annotations

from service.cms.preview_media import rewrite_media


def address(path: str) -> str | None:
    return None if path == "media/gone.png" else f"https://service.example/m/{path}?key=1&until=2"


def test_img_and_source_point_at_the_dashboard_and_nothing_else_changes() -> None:
    html = ('<p>A <img alt="A &amp; b" src="/media/a.png"></p>\n<!-- <img src="/media/a.png"> -->\n'
            '<script>"<img src=/media/a.png>"</script>\n<picture><source type=image/webp '
            'srcset="/media/a.webp 1x, /media/b.webp 2x"><img src=/media/gone.png /></picture>\n'
            '<img src="/media/a.png#x"> <img src="https://elsewhere.example/media/a.png"> <a href="/media/a.png">a</a>')
    assert rewrite_media(html, address) == (
        '<p>A <img alt="A &amp; b" src="https://service.example/m/media/a.png?key=1&amp;until=2"></p>\n'
        '<!-- <img src="/media/a.png"> -->\n<script>"<img src=/media/a.png>"</script>\n'
        '<picture><source type="image/webp" srcset="https://service.example/m/media/a.webp?key=1&amp;until=2 1x, '
        'https://service.example/m/media/b.webp?key=1&amp;until=2 2x"><img src=/media/gone.png /></picture>\n'
        '<img src="/media/a.png#x"> <img src="https://elsewhere.example/media/a.png"> <a href="/media/a.png">a</a>')


def test_a_page_without_pictures_comes_back_as_it_was() -> None:
    html = "<!doctype html>\n<html lang=en><body><p>Caf\u00e9 &amp; <b>bold</b></p></body></html>\n"
    assert rewrite_media(html, address) == html
