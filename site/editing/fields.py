"""The frontmatter form of Herald's content model: every key the build reads of a post or a page, with the kind
of input it wants and what it does, and a document's text taken apart into those values and put back together.

Keys Herald does not know are kept, with their values and in their place: a site may use them in its own
templates, or have kept them from another tool. What `join_document` writes reads back through Herald's own
reader (`herald_site.content.frontmatter`) as the values it was given, and the body is written byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from herald_site.content.calls_to_action import POST_KEY as CALL_TO_ACTION_KEY
from herald_site.content.documents import PAGE_KEYS, POST_KEYS
from herald_site.content.frontmatter import parse_document
from herald_site.content.frontmatter_fields import ALIASES_KEY
from herald_site.content.liquid_site import DOCUMENT_SWITCH
from herald_site.content.model import DocumentKind, SiteConfig
from herald_site.content.share_frontmatter import CREATOR_KEY, SHARE_KEY
from herald_site.editing.documents import most_used
from herald_site.editing.frontmatter_roundtrip import NOT_WRITTEN, Frontmatter, WrittenFrontmatter, dump_values, spliced
from herald_site.markdown.videos import FEATURED_VIDEO_KEY

FieldKind = Literal[
    "text", "textarea", "datetime", "tags", "boolean", "choice", "image", "url-path", "url", "paths", "yaml"
]
BOTH: tuple[DocumentKind, ...] = ("post", "page")
PAGE_TEMPLATES = ("contact", "board", "share_mastodon")  # Herald's pages/<template>.html besides page.html


@dataclass(frozen=True)
class FormField:
    """One frontmatter key as a form shows it. `kind` says the input: text, textarea, datetime (a date with or
    without a time), tags (a list of names, with suggestions), boolean, choice (one of `choices`), image (a
    /media/ path or an address), url-path (a site path), url (a site path or an http(s) address), paths (a list
    of site paths), yaml (a mapping, edited as YAML)."""

    name: str
    label: str
    kind: FieldKind
    help: str
    required: bool = False
    choices: tuple[str, ...] = ()
    documents: tuple[DocumentKind, ...] = BOTH  # the kinds of document that read it


_FIELDS = (
    FormField("title", "Title", "text", "The heading of the page and its name in lists, feeds and link previews.",
              required=True),
    FormField("date", "Date", "datetime", "When the post is published; a date in the future schedules it (the "
              "build shows it from then on). Without it, the date the file name starts with.", documents=("post",)),
    FormField("updated", "Updated", "datetime", "When the post last changed in a way readers should know of.",
              documents=("post",)),
    FormField("draft", "Draft", "boolean", "A draft is left out of the site (`serve` and previews show it)."),
    FormField("summary", "Summary", "textarea", "A sentence or two for lists, feeds and link previews; without it, "
              "the first paragraph."),
    FormField("tags", "Tags", "tags", "The post's subjects; each has its own page listing its posts.",
              documents=("post",)),
    FormField("categories", "Categories", "tags", "The sections the post belongs to; each has its own page.",
              documents=("post",)),
    FormField("author", "Author", "text", "Who wrote it; without it, the site's author.", documents=("post",)),
    FormField("image", "Cover image", "image", "A picture above the post and in link previews: a file of media/ "
              "(/media/photo.jpg) or an address.", documents=("post",)),
    FormField("image_alt", "Cover description", "text", "What the cover shows, for those who cannot see it; "
              "leave empty only when it is decoration.", documents=("post",)),
    FormField("featured", "Featured", "boolean", "Shown first on the home page.", documents=("post",)),
    FormField("permalink", "Address", "url-path", "The page's own address on the site (/campaigns/clean-air/), "
              "instead of the one its file name and date give."),
    FormField("redirect_from", "Old addresses", "paths", "Addresses that send readers here, such as the one the "
              "page had before it moved."),
    FormField("redirect_to", "Redirect to", "url", "Send readers elsewhere instead of showing the page: a path on "
              "this site or an http(s) address."),
    FormField("lang", "Language", "choice", "The language the text is written in, one of the site's (a file name "
              "such as about.fr.md says it too)."),
    FormField("translation_key", "Translation of", "text", "Documents with the same key are each other's "
              "translations; without it, files with the same name are."),
    FormField("template", "Page template", "choice", "How the page is laid out: the contact form, the board, ...",
              choices=PAGE_TEMPLATES, documents=("page",)),
    FormField(SHARE_KEY, "Share text and image", "yaml", "What social networks show of the post instead of its "
              "summary and cover: `text:` and `image:` (PNG, JPEG or WebP).", documents=("post",)),
    FormField(CREATOR_KEY, "Author's Mastodon account", "text", "The author's handle (@name@server), named in link "
              "previews on Mastodon.", documents=("post",)),
    FormField(FEATURED_VIDEO_KEY, "Featured video", "url", "The address of the post's video, for link previews.",
              documents=("post",)),
    FormField(CALL_TO_ACTION_KEY, "Closing call to action", "yaml", "The block that ends the post (`label:`, "
              "`url:`, `text:`) instead of the site's, or `false` for none.", documents=("post",)),
)
# Read by Herald as another field's other name (other tools' names: `path` Jekyll's, `aliases` Hugo's,
# `published: false` Jekyll's draft): a form shows the value under the field's own name.
OTHER_NAMES = {"description": "summary", "category": "categories", "path": "permalink", ALIASES_KEY: "redirect_from",
               "published": "draft"}


def form_fields(kind: DocumentKind | None = None, config: SiteConfig | None = None) -> list[FormField]:
    """The form's fields, for one kind of document or both; with the site's settings, its languages are the
    choices of `lang` (and a site of one language has no `lang` field)."""
    fields = [field for field in _FIELDS if kind is None or kind in field.documents]
    if config is None:
        return fields
    codes = tuple(language.code for language in config.languages)
    return [field if field.name != "lang" else FormField(**{**field.__dict__, "choices": codes})
            for field in fields if field.name != "lang" or len(codes) > 1]


def known_keys(kind: DocumentKind) -> frozenset[str]:
    """Every frontmatter key Herald reads of a document of `kind`; the others are kept as they are."""
    shown = {field.name for field in _FIELDS if kind in field.documents}
    return frozenset(shown | (POST_KEYS if kind == "post" else PAGE_KEYS) | {DOCUMENT_SWITCH})


# The fences as python-frontmatter finds them for Herald's reader: a line of three or more dashes.
_OPENING = re.compile(r"\A\ufeff?-{3,}[ \t]*\r?\n")
_CLOSING = re.compile(r"^-{3,}[ \t]*\r?$\n?", re.MULTILINE)


def split_document(text: str) -> tuple[Frontmatter, str]:
    """The frontmatter's values, in the order written, and the body exactly as written after the closing `---`
    line; a text without frontmatter is all body. The values remember the text they were read from, so that
    `join_document` changes only what changed. Raises ContentError for frontmatter that does not read, as the
    build would."""
    source = parse_document(text, Path("document.md"), "post")
    opening = _OPENING.match(text)
    closing = _CLOSING.search(text, opening.end()) if opening else None
    if opening is None or closing is None:
        return Frontmatter(source.metadata, NOT_WRITTEN), text if opening is None else ""
    written = WrittenFrontmatter(opening.group(), text[opening.end():closing.start()], closing.group())
    return Frontmatter(source.metadata, written), text[closing.end():]


def join_document(values: dict[str, Any], body: str) -> str:
    """A document's text: `values` as YAML frontmatter, in their order, then `body` unchanged. Values from
    `split_document` are written into the text they were read from, changing only the lines of the keys whose
    values changed (so an unchanged document comes back byte for byte); other values are written anew."""
    if isinstance(values, Frontmatter) and values.written.opening:
        before, _ = split_document(values.written.opening + values.written.text + values.written.closing)
        text = spliced(values.written, before, values)
        if text is not None:
            return f"{values.written.opening}{text}{values.written.closing}{body}"
    return f"---\n{dump_values(values)}---\n{body}"


def tag_suggestions(content_dir: Path, *, cache_dir: Path | None = None) -> list[str]:
    """The site's tags, most used first."""
    return most_used(content_dir, "tags", cache_dir=cache_dir)


def category_suggestions(content_dir: Path, *, cache_dir: Path | None = None) -> list[str]:
    """The site's categories, most used first."""
    return most_used(content_dir, "categories", cache_dir=cache_dir)
