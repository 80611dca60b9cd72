"""Video in Markdown: an image whose alt text starts `video:`, alone in its paragraph, becomes a video.

    ![video: Walking the school street](https://www.youtube.com/watch?v=ID)
    ![video: Our sensor at work](/media/sensor.webm){: sources="mp4" captions="en fr" poster="sensor.jpg"}

Why an image: it is Markdown's own syntax, so any other renderer (GitHub, an editor's preview, a feed reader)
still shows a link-like image with the title, and Liquid, which now runs on documents with `{{` or `{%`, leaves
it alone; the extra settings are attr_list's `{: ...}`, which Herald already enables. The HTML is a pure
function of the text, like all of `render_markdown`, so it caches by the source's hash: the files a video needs
are named by rule (below) and the content checks report any that are missing.

YouTube and Vimeo become a click-to-play facade: a poster from the site itself (`poster=` in content/media/,
else `/video-posters/<host>-<id>.jpg`, which the build fetches or draws), a `<button>` that herald-video.js
turns into the host's privacy-enhanced player, and a plain link to the video for readers without JavaScript.
A file under /media/ becomes `<video>` with one `<source>` per format (the file, then `sources=` extensions of
the same name), captions `NAME.LANG.vtt` for each code of `captions=` and the poster `poster=` (else NAME.jpg).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from herald_site.markdown.videos import PLAY_LABEL, PLAY_WORD, PLAYERS, Video, media_type, read_video


def _element(video: Video) -> etree.Element:
    figure = etree.Element("figure", {"class": "video"})
    if video.host:
        _facade(figure, video)
    else:
        _video_element(figure, video)
    return figure


def _facade(figure: etree.Element, video: Video) -> None:
    figure.set("class", "video video-facade")
    figure.set("data-player", video.player_url)
    etree.SubElement(figure, "img", {"class": "video-poster", "src": video.poster, "alt": "", "width": "480",
                                     "height": "360", "loading": "lazy"})
    # One short word, so the button never covers the poster, named with the title it plays; the page's language
    # replaces both (herald_site.web.views.videos.videos_in_language).
    button = etree.SubElement(figure, "button", {"type": "button", "class": "video-play", "hidden": "hidden",
                                                 "aria-label": PLAY_LABEL.format(title=video.title)})
    etree.SubElement(button, "span", {"class": "video-play-word"}).text = PLAY_WORD
    caption = etree.SubElement(figure, "figcaption")
    link = etree.SubElement(caption, "a", {"class": "video-link", "href": video.page_url})
    link.text = video.title
    link.tail = f" ({PLAYERS[video.host][2]})"


def _video_element(figure: etree.Element, video: Video) -> None:
    element = etree.SubElement(figure, "video", {"controls": "controls", "preload": "metadata", "poster": video.poster})
    for src in video.sources:
        etree.SubElement(element, "source", {"src": src, "type": media_type(src)})
    for caption in video.captions:
        etree.SubElement(element, "track", {"kind": "captions", "src": caption.src, "srclang": caption.language,
                                            "label": caption.label})
    etree.SubElement(figure, "figcaption").text = video.title


class _VideoTreeprocessor(Treeprocessor):
    """Turns each paragraph holding nothing but a `video:` image into the video, noting it in `md.videos`."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for position, child in enumerate(list(parent)):
                video = self._video_of(child)
                if video is None:
                    continue
                figure = _element(video)
                figure.tail = child.tail
                parent[position] = figure
                self.md.videos.append(video)  # type: ignore[attr-defined]

    @staticmethod
    def _video_of(paragraph: etree.Element) -> Video | None:
        if paragraph.tag != "p" or (paragraph.text or "").strip() or len(paragraph) != 1:
            return None
        image = paragraph[0]
        if image.tag != "img" or (image.tail or "").strip():
            return None
        settings = {key: value for key, value in image.attrib.items() if key in ("poster", "sources", "captions")}
        return read_video(image.get("alt", ""), image.get("src", ""), settings)


class VideoEmbeds(Extension):
    """The `![video: Title](URL)` syntax; runs after attr_list (priority 8) so it reads the `{: ...}` settings."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        self.md = md
        md.videos = []  # type: ignore[attr-defined]
        md.treeprocessors.register(_VideoTreeprocessor(md), "video_embeds", 7)
        md.registerExtension(self)

    def reset(self) -> None:
        self.md.videos = []  # type: ignore[attr-defined]
