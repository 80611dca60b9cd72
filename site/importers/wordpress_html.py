"""A WordPress post's HTML body as Markdown: block comments removed, shortcodes and core blocks turned into what
Markdown has (images with their alt text and caption, a gallery as a list of images, an embed as a link), the
rest by markdownify, through its converter's `convert_<tag>` hooks.

Every URL passes through the caller's `relink`, which points the old site's uploads at /media/ and its posts at
their Herald paths. A shortcode this module does not know is removed (its enclosed text kept) and named in
`Converted.dropped`, so the import report can list it and no `[shortcode]` reaches a page as text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from markdownify import MarkdownConverter

Relink = Callable[[str], str]

_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s\]]+))""")
_CAPTION = re.compile(r"\[(caption|wp_caption)\b([^\]]*)\](.*?)\[/\1\]", re.DOTALL)
_IMAGE_WITH_LINK = re.compile(r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", re.DOTALL)
_GALLERY = re.compile(r"\[gallery\b([^\]]*)\]")
_EMBED = re.compile(r"\[embed\b[^\]]*\](.*?)\[/embed\]", re.DOTALL)
_YOUTUBE = re.compile(r"\[youtube[\s=]+([^\]\s]+)[^\]]*\]")
_PLAYER = re.compile(r"\[(video|audio)\b([^\]]*)\](?:\[/\1\])?")
_PLAYER_SOURCES = ("src", "mp4", "m4v", "webm", "ogv", "wmv", "flv", "mp3", "m4a", "ogg", "wav", "wma")
_SHORTCODE = re.compile(r"\[(/?)([a-zA-Z][\w-]*)((?:\s[^\[\]]*)?)/?\](?!\()")
# Shortcodes of WordPress and its common plugins, known to be shortcodes even without attributes.
_KNOWN_NAMES = frozenset({"playlist", "contact-form", "contact-form-7", "gravityform",
                          "wpforms", "soundcloud", "vimeo", "tweet", "instagram", "spotify", "googlemaps"})
_BLOCK_START = re.compile(r"^\s*<(?:/?(?:p|div|h[1-6]|ul|ol|li|blockquote|pre|figure|table|hr|dl|section|iframe)\b)",
                          re.IGNORECASE)
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class Attachment:
    url: str
    alt: str
    caption: str


@dataclass
class Converted:
    markdown: str
    dropped: list[str] = field(default_factory=list)  # shortcodes removed, as "[name]"


def body_markdown(body: str, *, relink: Relink, attachments: dict[int, Attachment],
                  children: Sequence[Attachment]) -> Converted:
    """The Markdown of a post's body; `attachments` by id serve [gallery ids=...], `children` (the post's own
    attachments) a [gallery] without ids."""
    dropped: list[str] = []
    is_classic = "<!-- wp:" not in body
    text = _BLOCK_COMMENT.sub("", body)
    text = _CAPTION.sub(_caption, text)
    text = _GALLERY.sub(lambda match: _gallery(match, attachments, children), text)
    text = _EMBED.sub(lambda match: _link(match.group(1)), text)
    text = _YOUTUBE.sub(lambda match: _link(match.group(1)), text)
    text = _PLAYER.sub(_player, text)
    text = _drop_unknown_shortcodes(text, dropped)
    if is_classic:
        text = _paragraphs(text)
    markdown = _Converter(relink=relink, heading_style="ATX", bullets="-", code_language="",
                          keep_inline_images_in=["a", "li", "figure", "p", "td", "th"]).convert(text)
    return Converted(re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n", dropped)


def comment_markdown(body: str) -> str:
    """A WordPress comment's text as Markdown: its line breaks kept as WordPress shows them, its few tags as
    Markdown (a reader of it renders it as untrusted text again)."""
    return _Converter(relink=lambda url: url, heading_style="ATX", bullets="-").convert(_paragraphs(body)).strip()


def _attributes(text: str) -> dict[str, str]:
    return {match.group(1).lower(): html.unescape(next(value for value in match.groups()[1:] if value is not None))
            for match in _ATTRIBUTE.finditer(text)}


def _caption(match: re.Match[str]) -> str:
    """[caption]<img> The caption[/caption] as a figure (older exports put the caption in an attribute)."""
    inner = match.group(3)
    image = _IMAGE_WITH_LINK.search(inner)
    caption = (_IMAGE_WITH_LINK.sub("", inner).strip() or _attributes(match.group(2)).get("caption", ""))
    if image is None:
        return f"<p>{caption}</p>"
    return f'<figure class="wp-caption">{image.group()}<figcaption>{caption}</figcaption></figure>'


def _gallery(match: re.Match[str], attachments: dict[int, Attachment], children: Sequence[Attachment]) -> str:
    ids = _attributes(match.group(1)).get("ids", "")
    chosen = ([attachments[number] for number in map(int, re.findall(r"\d+", ids)) if number in attachments]
              if ids else list(children))
    items = "".join(f'<li><img src="{html.escape(image.url)}" alt="{html.escape(image.alt)}"></li>'
                    for image in chosen)
    return f'<ul class="wp-block-gallery">{items}</ul>'


def _link(url: str) -> str:
    address = html.escape(html.unescape(url.strip()))
    return f'<p><a href="{address}">{address}</a></p>'


def _player(match: re.Match[str]) -> str:
    """[video src=...] or [audio mp3=...] as the element it stands for, which the converter turns into a link."""
    attributes = _attributes(match.group(2))
    source = next((attributes[name] for name in _PLAYER_SOURCES if attributes.get(name)), "")
    return f'<{match.group(1)} src="{html.escape(source)}"></{match.group(1)}>' if source else ""


def _drop_unknown_shortcodes(text: str, dropped: list[str]) -> str:
    """Remove every remaining shortcode's tags, keeping what they enclose, and name each one once."""
    closed = {match.group(2).lower() for match in _SHORTCODE.finditer(text) if match.group(1)}

    def drop(match: re.Match[str]) -> str:
        name = match.group(2).lower()
        if not (name in closed or name in _KNOWN_NAMES or "=" in match.group(3)):
            return match.group()  # text in brackets, such as [sic]
        if f"[{name}]" not in dropped:
            dropped.append(f"[{name}]")
        return ""

    return _SHORTCODE.sub(drop, text)


def _paragraphs(text: str) -> str:
    """The classic editor's body as WordPress shows it (its `wpautop`): text between blank lines is a paragraph
    and a single line break a <br>; blocks of HTML and <pre> stay as written."""
    parts = []
    for index, segment in enumerate(_PRE.split(text)):
        if index % 2:  # a <pre> block, kept whole
            parts.append(segment)
            continue
        for chunk in re.split(r"\n\s*\n", segment):
            if chunk.strip():
                parts.append(chunk if _BLOCK_START.match(chunk) else f"<p>{chunk.strip().replace(chr(10), '<br>')}</p>")
    return "\n\n".join(parts)


class _Converter(MarkdownConverter):
    """markdownify's converter, told what WordPress's figures and embeds mean and where old URLs now lead."""

    def __init__(self, *, relink: Relink, **options: Any) -> None:
        super().__init__(**options)
        self.relink = relink

    def convert_a(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if "wp-block-file__button" in (el.get("class") or ()):
            return ""  # the file block's "Download" button repeats the link before it
        if el.get("href"):
            el["href"] = self.relink(el["href"])
        return super().convert_a(el, text, parent_tags)

    def convert_img(self, el: Any, text: str, parent_tags: set[str]) -> str:
        el["src"] = self.relink(el.get("src") or "")
        return super().convert_img(el, text, parent_tags)

    def convert_iframe(self, el: Any, text: str, parent_tags: set[str]) -> str:
        """An embedded player as a link to what it plays (the embed syntax is still to come)."""
        source = el.get("src") or ""
        return f"\n\n<{source}>\n\n" if source.startswith(("http://", "https://")) else ""

    def convert_video(self, el: Any, text: str, parent_tags: set[str]) -> str:
        """A video or audio file as a link to it, named by its file (the embed syntax is still to come)."""
        sources = [el.get("src"), *(source.get("src") for source in el.find_all("source"))]
        address = next((source for source in sources if source), None)
        if address is None:
            return ""
        url = self.relink(address)
        return f"\n\n[{unquote(PurePosixPath(urlsplit(url).path).name) or url}]({url})\n\n"

    convert_audio = convert_video

    def convert_cite(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return f"\n\n— {text.strip()}\n\n" if text.strip() else ""

    def convert_figure(self, el: Any, text: str, parent_tags: set[str]) -> str:
        """An embed as its link, a gallery as a list of images, an image with its caption as a figure."""
        classes = set(el.get("class") or ())
        caption_element = el.find("figcaption")
        caption = self.convert(caption_element.decode_contents()).strip() if caption_element else ""
        if "wp-block-embed" in classes:
            wrapper = el.find(class_="wp-block-embed__wrapper")
            url = self.relink((wrapper.get_text() if wrapper else "").strip())
            return f"\n\n[{caption or url}]({url})\n\n" if url else ""
        images = el.find_all("img")
        if "wp-block-gallery" in classes or len(images) > 1:
            lines = "\n".join(f"- {self.process_tag(image, parent_tags)}" for image in images)
            return f"\n\n{lines}\n\n" + (f"{caption}\n\n" if caption else "")
        if not caption or not images:
            return f"\n\n{text.strip()}\n\n" + (f"{caption}\n\n" if caption else "")
        image = self.process_tag(el.find("a") or images[0], parent_tags)
        return (f'\n\n<figure markdown="1">\n\n{image}\n\n<figcaption markdown="span">{caption}</figcaption>\n'
                "</figure>\n\n")

    def convert_figcaption(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return ""  # written by convert_figure, where it belongs
