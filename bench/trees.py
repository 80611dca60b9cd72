"""Writing one list of posts as a Herald content folder, a Pelican project and a Hugo site.

Each writer gives its tool the same URLs, listing size and feeds (see bench.corpus); what a tool cannot do
alike is said next to its settings. `post_file` tells where a post lives in each tree, for the edit runs.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.corpus import BenchPost

SITE_TITLE = "Bench Campaign"
SITE_URL = "https://bench.example.org"
AUTHOR = "Bench Volunteers"
POSTS_PER_PAGE = 10
FEED_SIZE = 20
PAGES = {
    "about": ("About us", "We are volunteers who count the air in our streets.\n\n## Who we are\n\n"
                          "Parents, teachers and neighbours.\n\n## What we do\n\nWe measure, publish and ask.\n"),
    "get-involved": ("Get involved", "Host a sensor, join a count or write to the council.\n\n"
                                     "- Host a sensor\n- Join a count\n- [Read our story](/about/)\n"),
}


def post_file(tree: Path, tool: str, post: BenchPost) -> Path:
    """The Markdown file of `post` in a tool's tree."""
    if tool == "herald":
        return tree / "posts" / f"{post.date:%Y-%m-%d}-{post.slug}.md"
    return tree / "content" / "posts" / f"{post.slug}.md"


def _fresh(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def _write_all(folder: Path, files: Mapping[str, str | bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")


def _yaml_list(items: Iterable[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _write_tree(tree: Path, tool: str, posts: list[BenchPost], media: Mapping[str, bytes], *,
                fixed: Mapping[str, str], page_name: str, page_text: Callable[[str, str, str], str],
                post_text: Callable[[BenchPost], str], media_folder: str) -> None:
    """Write one tool's tree: its fixed files, the pages, the posts and the media, replacing what was there."""
    _fresh(tree)
    files: dict[str, str | bytes] = dict(fixed)
    for slug, (title, body) in PAGES.items():
        files[page_name.format(slug=slug)] = page_text(slug, title, body)
    for post in posts:
        files[str(post_file(Path(), tool, post))] = post_text(post)
    files.update({f"{media_folder}/{name}": data for name, data in media.items()})
    _write_all(tree, files)


HERALD_SITE = (f"title: {SITE_TITLE}\nurl: {SITE_URL}\nlanguage: en\nauthor: {AUTHOR}\n"
               "description: A benchmark corpus.\ntimezone: UTC\nservice_url: null\n"
               f"posts_per_page: {POSTS_PER_PAGE}\nfeed_size: {FEED_SIZE}\n"
               "nav:\n  - {title: Home, url: /}\n  - {title: About, url: /about/}\n")


def _yaml_page(slug: str, title: str, body: str) -> str:
    return f"---\ntitle: {json.dumps(title)}\n---\n{body}"


def write_herald(tree: Path, posts: list[BenchPost], media: Mapping[str, bytes]) -> None:
    _write_tree(tree, "herald", posts, media, fixed={"site.yml": HERALD_SITE}, page_name="pages/{slug}.md",
                page_text=_yaml_page, media_folder="media", post_text=lambda post: (
                    f"---\ntitle: {json.dumps(post.title)}\ndate: {post.date:%Y-%m-%d %H:%M:%S}\n"
                    f"tags: {_yaml_list(post.tags)}\ncategories: [{post.category}]\n---\n{post.body}"))


PELICAN_CONF = f'''"""Pelican settings of the benchmark corpus: Herald's URLs, listing size and feeds."""
AUTHOR = "{AUTHOR}"
SITENAME = "{SITE_TITLE}"
SITEURL = "{SITE_URL}"
PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["media"]
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = {POSTS_PER_PAGE}
PAGINATED_TEMPLATES = {{"index": None, "tag": None, "category": None}}
ARTICLE_URL = "{{date:%Y}}/{{date:%m}}/{{date:%d}}/{{slug}}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
PAGE_URL = "{{slug}}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
TAG_URL = "tags/{{slug}}/"
TAG_SAVE_AS = TAG_URL + "index.html"
TAGS_SAVE_AS = "tags/index.html"
CATEGORY_URL = "categories/{{slug}}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
ARCHIVES_SAVE_AS = "archive/index.html"
YEAR_ARCHIVE_SAVE_AS = "archive/{{date:%Y}}/index.html"
AUTHOR_SAVE_AS = ""  # Herald has no author pages
AUTHORS_SAVE_AS = ""
FEED_DOMAIN = SITEURL
FEED_ALL_RSS = "feed.xml"
FEED_ALL_ATOM = "atom.xml"
TAG_FEED_RSS = "tags/{{slug}}/feed.xml"
CATEGORY_FEED_ATOM = None  # Herald has no category feeds
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
FEED_MAX_ITEMS = {FEED_SIZE}
RELATIVE_URLS = False
# The same Markdown work as Herald: code highlighted by Pygments with CSS classes, and heading anchors.
MARKDOWN = {{
    "extension_configs": {{
        "markdown.extensions.codehilite": {{"css_class": "highlight", "guess_lang": False}},
        "markdown.extensions.extra": {{}},
        "markdown.extensions.toc": {{"permalink": True}},
        "markdown.extensions.smarty": {{}},
        "markdown.extensions.meta": {{}},
    }},
    "output_format": "html5",
}}
# Pelican's own cache, so its rebuilds are measured at their best; the bench wipes it for cold builds.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
'''


def write_pelican(tree: Path, posts: list[BenchPost], media: Mapping[str, bytes]) -> None:
    _write_tree(tree, "pelican", posts, media, fixed={"pelicanconf.py": PELICAN_CONF},
                page_name="content/pages/{slug}.md", media_folder="content/media",
                page_text=lambda slug, title, body: f"Title: {title}\nSlug: {slug}\n\n{body}",
                post_text=lambda post: (
                    f"Title: {post.title}\nDate: {post.date:%Y-%m-%d %H:%M:%S}\nSlug: {post.slug}\n"
                    f"Tags: {', '.join(post.tags)}\nCategory: {post.category}\n\n{post.body}"))


HUGO_CONFIG = f'''baseURL = "{SITE_URL}/"
locale = "en"
title = "{SITE_TITLE}"
enableRobotsTXT = true

[params]
author = "{AUTHOR}"

[pagination]
pagerSize = {POSTS_PER_PAGE}

[services.rss]
limit = {FEED_SIZE}

[permalinks]
posts = "/:year/:month/:day/:slug/"

[taxonomies]
tag = "tags"
category = "categories"

[outputs]
home = ["html", "rss"]
section = ["html"]
taxonomy = ["html"]
term = ["html", "rss"]

[markup.highlight]
codeFences = true
guessSyntax = false
noClasses = false

[markup.goldmark.renderer]
unsafe = true

[markup.tableOfContents]
startLevel = 2
endLevel = 3

[[menus.main]]
name = "Home"
url = "/"
weight = 1

[[menus.main]]
name = "About"
url = "/about/"
weight = 2
'''

# A theme with the parts Herald's has: navigation, a table of contents, tags, previous/next, paged listings.
HUGO_LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<link rel="stylesheet" href="/css/site.css">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header><a href="/">{{ site.Title }}</a>
<nav>{{ range site.Menus.main }}<a href="{{ .URL }}">{{ .Name }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ site.Params.author }}</footer>
</body>
</html>
""",
    "_default/single.html": """{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ if .IsPage }}{{ if eq .Section "posts" }}<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time> · {{ .ReadingTime }} min</p>{{ end }}{{ end }}
{{ if ge (len .Fragments.Headings) 3 }}<aside>{{ .TableOfContents }}</aside>{{ end }}
{{ .Content }}
<p>{{ range .GetTerms "categories" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}
{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">#{{ .LinkTitle }}</a> {{ end }}</p>
<nav>{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ if eq .Kind "taxonomy" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> ({{ len .Pages }})</li>{{ end }}</ul>
{{ else }}{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = where site.RegularPages "Section" "posts" }}{{ end }}
{{ $pager := .Paginate $pages }}
{{ range $pager.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
<p>{{ .Summary | plainify | truncate 280 }}</p></article>{{ end }}
<nav>{{ with $pager.Prev }}<a href="{{ .URL }}">Newer</a>{{ end }} {{ with $pager.Next }}<a href="{{ .URL }}">Older</a>{{ end }}</nav>
{{ end }}{{ end }}
""",
}


def write_hugo(tree: Path, posts: list[BenchPost], media: Mapping[str, bytes]) -> None:
    fixed = {"hugo.toml": HUGO_CONFIG, "static/css/site.css": "body { max-width: 40em; }\n",
             **{f"layouts/{name}": text for name, text in HUGO_LAYOUTS.items()}}
    _write_tree(tree, "hugo", posts, media, fixed=fixed, page_name="content/{slug}.md", page_text=_yaml_page,
                media_folder="static/media", post_text=lambda post: (
                    f"---\ntitle: {json.dumps(post.title)}\ndate: {post.date:%Y-%m-%dT%H:%M:%S}Z\nslug: {post.slug}\n"
                    f"tags: {_yaml_list(post.tags)}\ncategories: [{post.category}]\n---\n{post.body}"))
