"""Comments baked into post pages at build time: threaded, escaped, cleaned again, and never a reason for a
build to fail."""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from build import main
from herald_site.build.pipeline import build_site
from herald_site.build.service_comments import CommentsUnavailable, fetch_comments, http_fetch, page_comments, wsgi_fetch
from service import create_app as create_service
from tests.conftest import free_port, serving
from tests.security.test_sanitizer_payloads import url_scheme
from tests.site.conftest import MINIMAL_SITE_YML, ContentFolder

POST = "/2026/05/01/first-reading/"
SERVICE = "https://service.example.org"


def comment(id_: int, parent: int | None = None, **fields: object) -> dict[str, object]:
    return {"id": id_, "parent": parent, "author": f"Author {id_}", "website": None, "html": f"<p>Comment {id_}</p>",
            "created": f"2026-05-0{id_}T10:00:00.000000+00:00", "edited": None, "deleted": False, **fields}


@pytest.fixture
def site(content: ContentFolder) -> ContentFolder:
    content.site_yml(MINIMAL_SITE_YML + f"service_url: {SERVICE}\n")
    content.post("2026-05-01-first-reading.md", "title: First reading\ndate: 2026-05-01 09:00")
    return content


def built_post(out: Path) -> str:
    return (out / POST.strip("/") / "index.html").read_text()


def test_replies_hang_under_their_parents_and_deleted_comments_keep_their_place() -> None:
    answer = {"comments": [comment(1), comment(2, deleted=True, author=None, html=""), comment(3, parent=2),
                           comment(4, parent=3)]}
    baked = page_comments(POST, answer)
    assert [c.id for c in baked.threads] == [1, 2]
    assert baked.threads[1].deleted and baked.threads[1].replies[0].replies[0].id == 4
    assert baked.count == 3 and baked.newest == "2026-05-04T10:00:00.000000+00:00"


def test_an_answer_that_is_not_a_comment_list_is_unavailable() -> None:
    with pytest.raises(CommentsUnavailable, match=POST):
        page_comments(POST, {"error": {"message": "nope"}})


def test_baked_comments_are_escaped_except_their_sanitized_html(site: ContentFolder, tmp_path: Path) -> None:
    answer = {"comments": [
        comment(1, author="<b>Mallory</b>", website="https://mallory.example.net/?a=1&b=2", html="<p>Kept <em>as is</em></p>"),
        comment(2, parent=1),
    ]}
    _, warnings = build_site(site.root, tmp_path / "out", comments=lambda page: answer)
    html = built_post(tmp_path / "out")
    assert warnings == []
    assert "&lt;b&gt;Mallory&lt;/b&gt;" in html and "<b>Mallory" not in html
    assert 'href="https://mallory.example.net/?a=1&amp;b=2" rel="nofollow ugc noopener"' in html
    assert "<p>Kept <em>as is</em></p>" in html
    assert '<ol class="comment-replies"><li class="comment" id="comment-2"' in html
    assert 'data-since="2026-05-02T10:00:00.000000+00:00"' in html
    assert 'data-comment-count>2</span>' in html and '<a href="#comments">2 comments</a>' in html


def test_a_service_that_does_not_answer_costs_a_warning_not_the_build(site: ContentFolder, tmp_path: Path) -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    summary, warnings = build_site(site.root, tmp_path / "out", service_url=closed)
    [warning] = warnings
    assert warning.severity == "warning" and warning.field == "service_url" and closed in warning.message
    html = built_post(tmp_path / "out")
    assert f'action="{closed}/api/comments"' in html  # the form and the script still work in the browser
    assert 'class="comment"' not in html and "data-since" not in html
    assert summary.pages > 0


def test_fetching_stops_at_the_first_page_that_fails() -> None:
    asked: list[str] = []

    def fetch(page: str) -> object:
        asked.append(page)
        raise CommentsUnavailable(f"{page} timed out")

    with pytest.raises(CommentsUnavailable, match="timed out"):
        fetch_comments(fetch, [f"/post-{number}/" for number in range(50)], workers=2)
    assert len(asked) < 50


@pytest.fixture
def service(tmp_path: Path):  # type: ignore[no-untyped-def]
    app = create_service({"DATABASE_URL": f"sqlite:///{tmp_path / 'service.db'}", "RATELIMIT_ENABLED": False})
    yield app
    app.extensions["herald_db"].engine.dispose()


@pytest.fixture
def service_url(service) -> Iterator[str]:  # type: ignore[no-untyped-def]
    port = free_port()
    with serving(service, port):
        yield f"http://127.0.0.1:{port}"


def post_comment(service, **fields: object) -> dict:  # type: ignore[no-untyped-def]
    answer = service.test_client().post("/api/comments", json={"page": POST, **fields})
    assert answer.status_code == 201, answer.json
    return answer.json


def test_the_build_bakes_what_the_service_publishes_over_http(site: ContentFolder, tmp_path: Path,
                                                              service, service_url: str) -> None:  # type: ignore[no-untyped-def]
    first = post_comment(service, author="Asha", body="Numbers **please**", website="https://asha.example.net")
    post_comment(service, author="Ben", body="Here they are", parent=first["id"])
    result = CliRunner().invoke(main, ["build", "--content", str(site.root), "--out", str(tmp_path / "out"),
                                       "--service-url", service_url + "/"])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    html = built_post(tmp_path / "out")
    assert f'action="{service_url}/api/comments"' in html
    assert "Numbers <strong>please</strong>" in html and "Here they are" in html
    assert http_fetch(service_url)(POST)["comments"] == wsgi_fetch(service)(POST)["comments"]


def test_the_command_line_prints_the_warning_when_the_service_is_down(site: ContentFolder, tmp_path: Path) -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(main, ["build", "--content", str(site.root), "--out", str(tmp_path / "out"),
                                       "--service-url", closed])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("comments are not baked") == 1


def test_a_service_url_must_be_absolute(site: ContentFolder, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--content", str(site.root), "--out", str(tmp_path / "out"),
                                       "--service-url", "service.example.org"])
    assert result.exit_code == 1 and "--service-url should be an absolute URL" in result.stderr


# What a broken or compromised service might answer: markup and addresses the real one never publishes.
HOSTILE_HTML = [
    "<p>Kept <em>this</em></p><script>__xss()</script>",
    '<p onclick="__xss()" style="color:red">handled</p><img src=x onerror=__xss()>',
    '<a href="javascript:__xss()">script link</a> <a href="data:text/html,<script>top.__xss()</script>">data link</a>',
    '<iframe srcdoc="<script>top.__xss()</script>"></iframe><svg onload=__xss()></svg><style>*{}</style>',
    '<a href=" JaVa&#x09;ScRiPt:__xss()" onmouseover="__xss()">spelled link</a><form action="javascript:__xss()">',
]
HOSTILE_WEBSITES = [
    "javascript:__xss()", " JaVaScRiPt:__xss()", "data:text/html,<script>top.__xss()</script>",
    "java\tscript:__xss()", "https://fine.example.org/",
]
FORBIDDEN_TAGS = {"script", "img", "iframe", "svg", "style", "form", "object", "embed"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc"}


class CommentMarkup(HTMLParser):
    """Every tag and attribute inside the baked comments (`<ol class="comment-list">`) of a built page."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.found.append((tag, attrs))
        if self.depth or (tag == "ol" and ("class", "comment-list") in attrs):
            self.depth += tag not in self.VOID

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in self.VOID:
            self.depth -= 1


def unsafe_markup(html: str) -> list[str]:
    """What in the baked comments could run: forbidden elements, handlers, styles, URLs of other schemes."""
    parser = CommentMarkup()
    parser.feed(html)
    problems = [f"<{tag}>" for tag, _ in parser.found if tag in FORBIDDEN_TAGS]
    for tag, attrs in parser.found:
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                problems.append(f"{name} on <{tag}>")
            elif name in URL_ATTRIBUTES and url_scheme(value or "") not in {None, "http", "https", "mailto"}:
                problems.append(f"{name}={value!r} on <{tag}>")
    return problems


@pytest.fixture
def misbehaving_service_url() -> Iterator[str]:
    """A loopback server that answers every page's comments with hostile HTML and websites."""
    rows = [comment(number, html=html, website=HOSTILE_WEBSITES[number % len(HOSTILE_WEBSITES)])
            for number, html in enumerate(HOSTILE_HTML, start=1)]
    body = json.dumps({"comments": rows}).encode()

    def app(environ, start_response):  # type: ignore[no-untyped-def]
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    port = free_port()
    with serving(app, port):
        yield f"http://127.0.0.1:{port}"


def test_the_build_cleans_what_a_misbehaving_service_answers(site: ContentFolder, tmp_path: Path,
                                                            misbehaving_service_url: str) -> None:
    result = CliRunner().invoke(main, ["build", "--content", str(site.root), "--out", str(tmp_path / "out"),
                                       "--service-url", misbehaving_service_url])
    assert result.exit_code == 0, result.output
    html = built_post(tmp_path / "out")
    assert unsafe_markup(html) == []
    assert "__xss" not in html
    assert "<p>Kept <em>this</em></p>" in html and "script link</a>" in html and "handled" in html
    assert html.count('class="comment-author" href=') == 1  # only the website with a real http(s) address
    assert '<a class="comment-author" href="https://fine.example.org/"' in html


def test_the_checker_sees_what_could_run() -> None:
    page = ('<ol class="comment-list"><li><img src=x onerror=y><a href="javascript:x" style="">a</a>'
            '<ol><li><a href="https://ok.example.org/">b</a></li></ol></li></ol><script>outside</script>')
    assert unsafe_markup(page) == ["<img>", "onerror on <img>", "href='javascript:x' on <a>", "style on <a>"]
