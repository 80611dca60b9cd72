"""Where posts and pages live: the URL pattern of each kind of document, with Jekyll's placeholders.

Herald's own shapes are patterns too: a post at ``/:year/:month/:day/:slug/``, a page at ``/:slug/``. `site.yml`
may give others (`permalink:` for posts, as Jekyll's `_config.yml` has it, or `permalinks: {posts, pages}`), with
Jekyll's placeholders and its named styles (`pretty`, `date`, ...); a document's own `permalink` still wins, its
placeholders filled in the same way (a permalink without any is taken as written).
A placeholder is replaced by a slug (letters and digits, herald_site.slugs), so no value leads out of the site;
the result is then read like a written permalink (`herald_site.written_paths.normalize_url_path`).

Herald writes every document as a folder (``/a/b/`` -> ``a/b/index.html``). A pattern ending in ``:output_ext``
or ``.html`` (Jekyll's `date`, `ordinal`, `weekdate` and `none` styles) puts the page at the folder
(``/2024/05/03/title/``) and keeps the ``.html`` address it names answering as a redirect to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from herald_site.slugs import slugify

OUTPUT_EXT = ".html"
# Jekyll's named styles, as its documentation gives them: what `permalink: pretty` in site.yml stands for.
POST_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
DEFAULT_POST_PATTERN = "/:year/:month/:day/:slug/"  # Herald's shape since its first release
DEFAULT_PAGE_PATTERN = "/:slug/"

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # English, as Jekyll names them, whatever the machine's locale
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DATE_PARTS: dict[str, Callable[[datetime], str]] = {
    "year": lambda moment: f"{moment.year:04d}",
    "short_year": lambda moment: f"{moment.year % 100:02d}",
    "month": lambda moment: f"{moment.month:02d}",
    "i_month": lambda moment: str(moment.month),
    "short_month": lambda moment: _MONTHS[moment.month - 1][:3],
    "long_month": lambda moment: _MONTHS[moment.month - 1],
    "day": lambda moment: f"{moment.day:02d}",
    "i_day": lambda moment: str(moment.day),
    "y_day": lambda moment: f"{moment.timetuple().tm_yday:03d}",
    "w_year": lambda moment: str(moment.isocalendar().year),
    "week": lambda moment: f"{moment.isocalendar().week:02d}",
    "w_day": lambda moment: str(moment.isoweekday()),
    "short_day": lambda moment: _DAYS[moment.weekday()][:3],
    "long_day": lambda moment: _DAYS[moment.weekday()],
    "hour": lambda moment: f"{moment.hour:02d}",
    "minute": lambda moment: f"{moment.minute:02d}",
    "second": lambda moment: f"{moment.second:02d}",
}
_NAME_PARTS = ("title", "slug", "name", "output_ext")
PLACEHOLDERS = {
    "posts": frozenset({*_DATE_PARTS, *_NAME_PARTS, "categories"}),
    "pages": frozenset({*_NAME_PARTS, "basename"}),
}
_KNOWN = frozenset().union(*PLACEHOLDERS.values())
_PLACEHOLDER = re.compile(r":([a-z_]+)")
_PART_PLACEHOLDER = re.compile(r"(?:^|/):[a-z_]")


@dataclass(frozen=True)
class DocumentPatterns:
    """The URL pattern of each kind of document, as site.yml sets them (a named style already spelled out)."""

    posts: str = DEFAULT_POST_PATTERN
    pages: str = DEFAULT_PAGE_PATTERN


def spelled_out(pattern: str) -> str:
    """A named style's pattern ("pretty" -> "/:categories/:year/:month/:day/:title/"), or the pattern itself."""
    return POST_STYLES.get(pattern.strip(), pattern.strip())


def has_placeholders(text: str) -> bool:
    """Whether `text` is a pattern (`/notes/:year/:title/`) rather than a URL to take as written: it names a
    placeholder, or a part of it starts with a colon (`/:yr/`, one misspelt); a colon inside a name
    (`/mailto:air/`) is a colon, as in Jekyll."""
    return not _KNOWN.isdisjoint(_PLACEHOLDER.findall(text)) or _PART_PLACEHOLDER.search(text) is not None


def placeholder_problem(pattern: str, kind: str) -> str | None:
    """What is wrong with the placeholders of `pattern` for a document of `kind` ("posts", "pages"): the first
    it has no value for, with those it has, as a sentence to follow the pattern; None when all are known."""
    unknown = [name for name in _PLACEHOLDER.findall(pattern) if name not in PLACEHOLDERS[kind]]
    if not unknown:
        return None
    known = ", :".join(sorted(PLACEHOLDERS[kind]))
    return f"has the placeholder :{unknown[0]}, which {kind} do not have (they have :{known})"


def sample_url(pattern: str) -> str:
    """`pattern` with every placeholder replaced by a plain word: what checks its literal parts."""
    return _PLACEHOLDER.sub("x", pattern)


def _name_values(name: str) -> dict[str, str]:
    slug = slugify(name)
    # Jekyll's :title keeps the file name's case ("Hello-World"); :slug and :name are lower case.
    return {"title": slugify(name, cased=True), "slug": slug, "name": slug, "basename": slugify(name, cased=True),
            "output_ext": OUTPUT_EXT}


def post_values(moment: datetime, name: str, categories: Iterable[str]) -> dict[str, str]:
    """What each placeholder stands for in a post's URL: its date (in the site's time zone), the name its file
    gives (Jekyll's date prefix and the language suffix dropped) and its categories, a folder each."""
    values = {key: part(moment) for key, part in _DATE_PARTS.items()}
    values["categories"] = "/".join(dict.fromkeys(filter(None, map(slugify, categories))))
    return {**values, **_name_values(name)}


def page_values(name: str) -> dict[str, str]:
    """What each placeholder stands for in a page's URL: the name its file gives."""
    return _name_values(name)


@dataclass(frozen=True)
class ExpandedUrl:
    path: str  # the document's URL path, as written (normalize_url_path reads it)
    html_address: str | None  # the ".html" address the pattern named, which redirects to `path`


def filled(pattern: str, values: dict[str, str]) -> str:
    """`pattern` with each placeholder replaced by its value; empty parts (a post without categories) leave no
    empty folder."""
    return re.sub(r"/{2,}", "/", _PLACEHOLDER.sub(lambda match: values[match.group(1)], pattern))


def expand(pattern: str, values: dict[str, str], folder: str = "/") -> ExpandedUrl:
    """The URL `pattern` gives a document of `values`, in its language's `folder`."""
    path = folder + filled(pattern, values).lstrip("/")
    if path.endswith(OUTPUT_EXT):
        return ExpandedUrl(path.removesuffix(OUTPUT_EXT) + "/", path)
    return ExpandedUrl(path, None)
