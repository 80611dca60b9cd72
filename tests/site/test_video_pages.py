"""The sample's video posts as built: the facade and the <video> in parsed HTML, Open Graph's video tags, the
posters served by the site, the video sitemap parsed, and posters fetched from a host on loopback."""

from __future__ import annotations

import io
import json
import threading
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image

from herald_site.build.pipeline import build_site
from herald_site.build.video_poster_fetch import OFFLINE_VARIABLE, POSTERS_FOLDER, THUMBNAILS, fetch_posters
from herald_site.markdown.videos import Video
from tests.site.test_video_markdown import Tree

YOUTUBE_POST = "/2026/06/10/school-street-film/"
FILE_POST = "/2026/06/18/sensor-timelapse/"
POSTER = "/video-posters/youtube-aqz-KE-bpKQ.jpg"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "video": "http://www.google.com/schemas/sitemap-video/1.1"}


def page(built, url: str) -> str:
    return built.file_for(url).read_text(encoding="utf-8")


def test_the_youtube_post_shows_a_facade_and_its_script(built_sample):
    html = page(built_sample, YOUTUBE_POST)
    tree = Tree(html)
    [figure] = [attrs for attrs in tree.find("figure") if "video-facade" in (attrs["class"] or "")]
    assert figure["data-player"] == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"
    assert any(attrs.get("src") == POSTER for attrs in tree.find("img"))
    [button] = tree.find("button")
    assert button["aria-label"] == "Play: A morning at the Millbrook school gate"
    assert any((attrs.get("src") or "").startswith("/static/herald-video.js?v=") for attrs in tree.find("script"))
    assert not tree.find("iframe")
    assert len(html.encode()) < 50_000


def test_the_button_speaks_the_page_s_language(built_sample):
    """French puts a space before the colon: the whole name is the language's, not the word glued to ': '."""
    html = page(built_sample, "/fr" + YOUTUBE_POST)
    [button] = Tree(html).find("button")
    assert button["aria-label"].startswith("Lire : Une matinée")
    assert '<span class="video-play-word">Lire</span>' in html


def test_open_graph_names_the_featured_video(built_sample):
    metas = {attrs["property"]: attrs["content"] for attrs in Tree(page(built_sample, YOUTUBE_POST)).find("meta")
             if (attrs.get("property") or "").startswith("og:video")}
    assert metas == {"og:video": "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ",
                     "og:video:secure_url": "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ",
                     "og:video:type": "text/html"}
    file_metas = {attrs["property"]: attrs["content"] for attrs in Tree(page(built_sample, FILE_POST)).find("meta")
                  if (attrs.get("property") or "").startswith("og:video")}
    assert file_metas["og:video:type"] == "video/webm"
    assert file_metas["og:video"] == built_sample.base_url + "/media/sensor-timelapse.webm"


def test_a_featured_video_s_poster_is_the_share_image_with_the_title_as_its_alt(built_sample):
    """Neither post sets share.image or a cover, so a link preview shows the video's poster, each page the title
    in its own language."""
    for prefix, title in (("", "A morning at the Millbrook school gate"),
                          ("/fr", "Une matinée devant le portail de l’école de Millbrook")):
        metas = {attrs["property"]: attrs["content"] for attrs in Tree(page(built_sample, prefix + YOUTUBE_POST))
                 .find("meta") if (attrs.get("property") or "").startswith("og:image")}
        assert metas == {"og:image": built_sample.base_url + POSTER, "og:image:alt": title}


def test_the_self_hosted_post_has_a_video_with_captions_and_no_script(built_sample):
    tree = Tree(page(built_sample, FILE_POST))
    [video] = tree.find("video")
    assert video["poster"] == "/media/sensor-timelapse.jpg"
    assert [source["type"] for source in tree.find("source")] == ["video/webm", "video/mp4"]
    assert [track["srclang"] for track in tree.find("track")] == ["en", "fr"]
    assert all(built_sample.file_for(track["src"]).is_file() for track in tree.find("track"))
    assert not any("herald-video" in (attrs.get("src") or "") for attrs in tree.find("script"))


def test_a_poster_drawn_without_network_is_the_site_s_own_image(built_sample):
    with Image.open(built_sample.file_for(POSTER)) as image:
        assert image.format == "JPEG" and image.size == (480, 360)


def test_a_drawn_poster_has_no_title_or_play_sign_so_it_fits_every_language(built_sample):
    """The title is the page's HTML, in the page's language and the reader's fonts; the button is the one play
    sign. Drawn text or a drawn triangle would show as light pixels on the dark placeholder."""
    with Image.open(built_sample.file_for(POSTER)) as image:
        brightest = max(max(band) for band in image.convert("RGB").getextrema())
    assert brightest < 100


def test_the_video_sitemap_lists_every_video_and_robots_names_it(built_sample):
    root = ET.parse(built_sample.file_for("/video-sitemap.xml")).getroot()
    entries = {url.findtext("s:loc", namespaces=NS): url.find("video:video", NS) for url in root.findall("s:url", NS)}
    base = built_sample.base_url
    assert set(entries) == {base + YOUTUBE_POST, base + "/fr" + YOUTUBE_POST, base + FILE_POST}
    hosted = entries[base + YOUTUBE_POST]
    assert hosted.findtext("video:title", namespaces=NS) == "A morning at the Millbrook school gate"
    assert hosted.findtext("video:description", namespaces=NS).startswith("Three minutes at the Millbrook gate")
    assert hosted.findtext("video:thumbnail_loc", namespaces=NS) == base + POSTER
    assert hosted.findtext("video:player_loc", namespaces=NS) == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"
    own = entries[base + FILE_POST]
    assert own.findtext("video:content_loc", namespaces=NS) == base + "/media/sensor-timelapse.webm"
    assert own.find("video:player_loc", NS) is None
    robots = built_sample.file_for("/robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {base}/video-sitemap.xml" in robots


def _image(colour: str) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (320, 180), colour).save(output, format="PNG")  # any image: the build writes a JPEG of it
    return output.getvalue()


class Thumbnails(BaseHTTPRequestHandler):
    """YouTube's thumbnail and Vimeo's oEmbed answer and image, on loopback."""

    asked: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.asked.append(self.path)
        port = self.server.server_address[1]
        if self.path == "/vi/aqz-KE-bpKQ/hqdefault.jpg":
            body, kind = _image("red"), "image/png"
        elif self.path.startswith("/oembed?url=https%3A%2F%2Fvimeo.com%2F76979871"):
            answer = {"thumbnail_url": f"http://127.0.0.1:{port}/vimeo.jpg"}
            body, kind = json.dumps(answer).encode(), "application/json"
        elif self.path == "/vimeo.jpg":
            body, kind = _image("blue"), "image/png"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def thumbnail_host(monkeypatch):
    monkeypatch.setenv(OFFLINE_VARIABLE, "0")
    Thumbnails.asked = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Thumbnails)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield {"youtube": base + "/vi/{id}/hqdefault.jpg", "vimeo": base + "/oembed?url=https%3A%2F%2Fvimeo.com%2F{id}"}
    server.shutdown()
    thread.join()
    server.server_close()


VIDEOS = [Video("A", "youtube", "aqz-KE-bpKQ", "/video-posters/youtube-aqz-KE-bpKQ.jpg"),
          Video("B", "vimeo", "76979871", "/video-posters/vimeo-76979871.jpg")]


def test_posters_are_fetched_once_into_the_cache_as_image(tmp_path, thumbnail_host):
    stamps = fetch_posters(VIDEOS, tmp_path, thumbnail_host)
    assert set(stamps) == {"youtube-aqz-KE-bpKQ.jpg", "vimeo-76979871.jpg"}
    with Image.open(tmp_path / "youtube-aqz-KE-bpKQ.jpg") as youtube:
        assert youtube.format == "JPEG" and youtube.getpixel((10, 10))[0] > 200  # the host's red image
    with Image.open(tmp_path / "vimeo-76979871.jpg") as vimeo:
        assert vimeo.getpixel((10, 10))[2] > 200
    asked = list(Thumbnails.asked)
    assert fetch_posters(VIDEOS, tmp_path, thumbnail_host) == stamps
    assert Thumbnails.asked == asked  # nothing asked again


def test_a_host_that_fails_leaves_the_poster_to_be_drawn(tmp_path, thumbnail_host):
    missing = [Video("C", "vimeo", "1", "/video-posters/vimeo-1.jpg"), *VIDEOS]  # asked for first, by name
    assert fetch_posters(missing, tmp_path, thumbnail_host) == {}  # the first failure stops the fetching
    assert Thumbnails.asked == ["/oembed?url=https%3A%2F%2Fvimeo.com%2F1"]


def test_offline_builds_ask_no_host(tmp_path, thumbnail_host, monkeypatch):
    monkeypatch.setenv(OFFLINE_VARIABLE, "1")
    assert fetch_posters(VIDEOS, tmp_path, thumbnail_host) == {}
    assert Thumbnails.asked == []


def test_a_rebuild_serves_the_poster_fetched_since(content, tmp_path):
    content.post("2024-05-03-film.md", "title: Film", "![video: Ours](https://youtu.be/aqz-KE-bpKQ)\n")
    cache, poster = tmp_path / "cache", tmp_path / "out" / POSTER.lstrip("/")
    build_site(content.root, tmp_path / "out", cache_dir=cache)
    with Image.open(poster) as drawn:
        assert drawn.size == (480, 360)  # no network: the placeholder
    fetched = _image("green")
    (cache / POSTERS_FOLDER / "youtube-aqz-KE-bpKQ.jpg").write_bytes(fetched)  # as a build with a network leaves it
    build_site(content.root, tmp_path / "out", cache_dir=cache)
    assert poster.read_bytes() == fetched


def test_a_build_that_drew_a_poster_for_want_of_the_host_asks_again_next_time(
    content, tmp_path, thumbnail_host, monkeypatch
):
    monkeypatch.setitem(THUMBNAILS, "youtube", thumbnail_host["youtube"])
    content.post("2024-05-03-film.md", "title: Film", "![video: Gone](https://youtu.be/xxxxxxxxxxx)\n")
    for _ in range(2):  # nothing changed in the content, yet the second build does not stop as unchanged
        build_site(content.root, tmp_path / "out", cache_dir=tmp_path / "cache")
    assert Thumbnails.asked == ["/vi/xxxxxxxxxxx/hqdefault.jpg"] * 2
