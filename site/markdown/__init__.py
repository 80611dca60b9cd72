"""The Markdown pipeline: one text in, its HTML and what the checks and indexer need out.

`render_markdown` is a pure function of the text and the settings below, and its result is plain data, so a
build can cache it under (source hash, MARKDOWN_SETTINGS_VERSION) and run it in worker processes. Editors
are trusted: their raw HTML passes through untouched.
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
from dataclasses import dataclass
from importlib.metadata import version
from typing import TYPE_CHECKING, Any

from herald_site.markdown.html_facts import scan_html
from herald_site.markdown.videos import PLAY_LABEL, PLAY_WORD_HTML, Video
from herald_site.slugs import heading_anchor

if TYPE_CHECKING:
    import markdown

HIGHLIGHT_CLASS = "highlight"

EXTENSIONS = (
    "fenced_code",
    "codehilite",
    "tables",
    "footnotes",
    "toc",
    "smarty",
    "attr_list",
    "md_in_html",
    "sane_lists",
)
EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {
    # Pygments writes CSS classes (styled by pygments_css()), never inline styles or JavaScript.
    "codehilite": {"css_class": HIGHLIGHT_CLASS, "guess_lang": False, "use_pygments": True},
    # align="..." instead of style="text-align: ...", so the site's CSP needs no inline styles; then
    # herald_site.markdown.table_alignment turns it into the class ALIGNMENT_CLASS, as HTML5 has no align.
    "tables": {"use_align_attribute": True},
    "toc": {"permalink": True, "permalink_class": "headerlink", "permalink_title": "Link to this section"},
}
# The class a table cell aligned by its column gets (the theme styles each), for "left", "center" or "right".
ALIGNMENT_CLASS = "align-{}"
# Heading ids keep the letters of any script (herald_site.slugs.heading_anchor, given to the toc extension by
# `_converter`); named here, as a function's repr is no stable cache key. Change it when the anchors change.
HEADING_ANCHORS = "any-script"
# Herald's own passes that change the HTML, each with what it writes: in the render-cache key like the rest.
OWN_PASSES = (
    ("table_alignment", ALIGNMENT_CLASS), ("heading_anchors", HEADING_ANCHORS),
    ("video_embeds", PLAY_WORD_HTML, PLAY_LABEL, 2),
)

# Changes whenever rendering could give other HTML for the same text: part of every render-cache key.
MARKDOWN_SETTINGS_VERSION = hashlib.sha256(
    repr((EXTENSIONS, sorted(EXTENSION_CONFIGS.items()), OWN_PASSES, version("Markdown"), version("Pygments")))
    .encode()
).hexdigest()[:16]

SUMMARY_LIMIT = 280


@dataclass(frozen=True)
class Heading:
    """A heading of a rendered document, for its table of contents."""

    level: int
    id: str
    title: str


@dataclass(frozen=True)
class Rendered:
    """What rendering one document yields; plain data that pickles and caches."""

    html: str
    toc: tuple[Heading, ...]
    links: tuple[str, ...]  # every <a href>, in document order
    images: tuple[str, ...]  # every <img src>, in document order
    word_count: int
    first_paragraph: str  # plain text of the first top-level paragraph, trimmed to SUMMARY_LIMIT
    videos: tuple[Video, ...] = ()  # every `![video: ...]`, in document order


@functools.cache
def _converter() -> markdown.Markdown:
    """One Markdown instance per process: building one costs far more than resetting it."""
    import markdown  # loaded when something needs rendering, not by a build that finds it all cached

    from herald_site.markdown.inline_skipping import SkipUnmatchableInline
    from herald_site.markdown.table_alignment import TableAlignmentClasses
    from herald_site.markdown.video_embeds import VideoEmbeds

    # SkipUnmatchableInline last: it takes over the inline passes the others set up.
    extensions = [*EXTENSIONS, TableAlignmentClasses(), VideoEmbeds(), SkipUnmatchableInline()]
    configs = {**EXTENSION_CONFIGS, "toc": {**EXTENSION_CONFIGS["toc"], "slugify": heading_anchor}}
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


def render_markdown(text: str) -> Rendered:
    """Render Markdown to HTML and collect its headings, links, images, length and first paragraph."""
    converter = _converter()
    converter.reset()
    body_html = converter.convert(text)
    scan = scan_html(body_html, markdown_only="<" not in text)
    return Rendered(
        html=body_html,
        toc=tuple(_flatten_toc(converter.toc_tokens)),  # type: ignore[attr-defined]
        links=tuple(scan.links),
        images=tuple(scan.images),
        word_count=len(re.findall(r"\w+", " ".join(scan.text))),
        first_paragraph=trim_summary(scan.first_paragraph_text),
        videos=tuple(converter.videos),  # type: ignore[attr-defined]
    )


@functools.cache
def _html_block_reader() -> markdown.Markdown:
    import markdown

    return markdown.Markdown()


def split_raw_html(text: str) -> tuple[str, tuple[str, ...]]:
    """The text with its raw HTML blocks taken out, and those blocks, as Python-Markdown reads them: a block-level
    tag at the start of a line opens a block that lasts to its closing tag, blank and indented lines inside it
    too, so an indented line there is HTML, not code (what Liquid's `auto` mode needs to know)."""
    reader = _html_block_reader()
    reader.reset()
    lines = reader.preprocessors["html_block"].run(text.split("\n"))
    return "\n".join(lines), tuple(str(block) for block in reader.htmlStash.rawHtmlBlocks)


def trim_summary(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """Cut text at a word boundary so it fits in `limit` characters, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def _flatten_toc(tokens: list[dict[str, Any]]) -> list[Heading]:
    headings = []
    for token in tokens:
        headings.append(Heading(token["level"], token["id"], html.unescape(token["name"])))
        headings.extend(_flatten_toc(token["children"]))
    return headings


# Pygments styles whose every token keeps a contrast of 4.5:1 (WCAG AA) with its background, one for each colour
# scheme of the theme, so code reads in dark mode too (tests/site/test_code_styles.py measures them); and the
# text colour of each scheme's plain code when its style leaves it to the page.
CODE_STYLES = {"light": "xcode", "dark": "monokai"}
PLAIN_CODE_COLOURS = {"light": "#000000", "dark": "#ffffff"}
# Paper takes the light style whatever the reader's scheme: printers drop backgrounds, and light code on white
# would be faint.
SCHEME_MEDIA = {"light": "print, (prefers-color-scheme: light)", "dark": "screen and (prefers-color-scheme: dark)"}


@functools.cache
def pygments_css() -> str:
    """The stylesheet for highlighted code blocks, for the theme to serve (made once: every page links it).

    Each scheme's rules sit in their own `prefers-color-scheme` block, so no token keeps the other style's
    colour, and each block names the colour of plain code, which would otherwise take the page's text colour.
    """
    from pygments.formatters import HtmlFormatter
    from pygments.token import Token

    selector = f".{HIGHLIGHT_CLASS}"
    blocks = []
    for scheme, style in CODE_STYLES.items():
        formatter = HtmlFormatter(style=style)
        plain = formatter.style.style_for_token(Token)["color"]
        rules = [
            *formatter.get_background_style_defs(selector),
            f"{selector} {{ color: {'#' + plain if plain else PLAIN_CODE_COLOURS[scheme]} }}",
            *formatter.get_token_style_defs(selector),
        ]
        blocks.append(f"@media {SCHEME_MEDIA[scheme]} {{\n" + "\n".join(rules) + "\n}")
    return "\n".join(blocks) + "\n"
