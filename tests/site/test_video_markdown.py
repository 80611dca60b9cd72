"""`![video: Title](URL)`: a facade for YouTube and Vimeo, a <video> for a file of the site, read as parsed HTML."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from herald_site.markdown import render_markdown


class Tree(HTMLParser):
    """Every start tag with its attributes and the text inside each element, in order."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[int, str] = {}
        self._open: list[int] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open.append(len(self.tags) - 1)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._open.pop()

    def handle_data(self, data):
        for position in self._open:
            self.texts[position] = self.texts.get(position, "") + data

    def find(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def text_of(self, tag: str) -> str:
        position = next(number for number, (name, _) in enumerate(self.tags) if name == tag)
        return self.texts.get(position, "")


@pytest.mark.parametrize("url", [
    "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
    "https://youtu.be/aqz-KE-bpKQ",
    "https://www.youtube.com/watch?feature=share&v=aqz-KE-bpKQ",
    "https://www.youtube.com/shorts/aqz-KE-bpKQ",
])
def test_a_youtube_video_is_a_facade_loading_nothing_from_youtube(url):
    rendered = render_markdown(f"Before.\n\n![video: Our street](<{url}>)\n")
    tree = Tree(rendered.html)
    [figure] = tree.find("figure")
    assert figure["data-player"] == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"
    [poster] = tree.find("img")
    assert poster["src"] == "/video-posters/youtube-aqz-KE-bpKQ.jpg" and poster["alt"] == ""
    [button] = tree.find("button")
    assert button["type"] == "button" and "hidden" in button  # the script shows it; without it, the link
    assert tree.text_of("button") == "Play" and button["aria-label"] == "Play: Our street"  # short, named in full
    [link] = tree.find("a")
    assert link["href"] == "https://www.youtube.com/watch?v=aqz-KE-bpKQ" and tree.text_of("a") == "Our street"
    assert not tree.find("iframe") and not tree.find("script")
    assert [video.video_id for video in rendered.videos] == ["aqz-KE-bpKQ"]


def test_a_vimeo_video_asks_for_the_player_without_tracking():
    tree = Tree(render_markdown("![video: Council meeting](https://vimeo.com/76979871)\n").html)
    [figure] = tree.find("figure")
    assert figure["data-player"] == "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"
    assert tree.find("img")[0]["src"] == "/video-posters/vimeo-76979871.jpg"
    assert tree.find("a")[0]["href"] == "https://vimeo.com/76979871"


def test_a_poster_of_the_media_folder_replaces_the_drawn_one():
    rendered = render_markdown('![video: Ours](https://youtu.be/aqz-KE-bpKQ){: poster="gate.jpg" }\n')
    assert Tree(rendered.html).find("img")[0]["src"] == "/media/gate.jpg"
    assert rendered.videos[0].drawn_poster == ""


def test_a_file_of_the_site_is_a_video_element_with_sources_captions_and_poster():
    text = '![video: A day & a night](/media/clip.webm){: sources="mp4" captions="en fr" }\n'
    tree = Tree(render_markdown(text).html)
    [video] = tree.find("video")
    assert video["preload"] == "metadata" and "controls" in video and video["poster"] == "/media/clip.jpg"
    assert [(source["src"], source["type"]) for source in tree.find("source")] == [
        ("/media/clip.webm", "video/webm"), ("/media/clip.mp4", "video/mp4")]
    assert [(track["kind"], track["src"], track["srclang"], track["label"]) for track in tree.find("track")] == [
        ("captions", "/media/clip.en.vtt", "en", "English"), ("captions", "/media/clip.fr.vtt", "fr", "Français")]
    assert tree.text_of("figcaption") == "A day & a night"
    assert not tree.find("button")


@pytest.mark.parametrize("text", [
    "![a photo](/media/clip.webm)\n",  # no `video:`: an image as ever
    "See ![video: x](https://youtu.be/aqz-KE-bpKQ) inline.\n",  # not alone in its paragraph
    "![video: x](https://example.org/clip.webm)\n",  # neither a host we know nor a file of the site
    "![video: x](/media/photo.png)\n",
])
def test_anything_else_stays_an_image(text):
    rendered = render_markdown(text)
    assert rendered.videos == () and "<figure" not in rendered.html and "<img" in rendered.html
