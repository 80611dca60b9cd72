"""Every XSS payload through the sanitizer, in a fraction of a second: what comes out is allowlisted markup only.

The browser suite (tests/browser/test_xss.py) is the proof, in Chromium, on every page; this is the quick
check that runs with the service tests and names the payload when the sanitizer changes for the worse.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from herald_site.visitor_html import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES, LINK_REL
from service.visitor_text import render_visitor_text
from tests.security.xss_payloads import PAYLOADS, TEMPLATE_RESULT

# How a browser finds a URL's scheme (WHATWG URL): leading C0 controls and spaces dropped, tabs and line
# breaks removed anywhere, then letters, digits, "+", "-" and "." up to the first colon.
URL_NOISE = re.compile(r"[\t\n\r]")
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would read in `url`, lower case, or None for a relative URL."""
    match = SCHEME.match(URL_NOISE.sub("", url.lstrip("".join(map(chr, range(0x21))))))
    return match.group(1).lower() if match else None


class MarkupProblems(HTMLParser):
    """Collects every tag, attribute and URL in sanitized HTML that the allowlist does not permit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name == "rel" and tag == "a":
                if value != LINK_REL:
                    self.problems.append(f"rel={value!r}")
            elif name not in ALLOWED_ATTRIBUTES.get(tag, set()):
                self.problems.append(f"attribute {name} on <{tag}>")
            elif name == "href" and url_scheme(value or "") not in {None, *ALLOWED_URL_SCHEMES}:
                self.problems.append(f"href {value!r}")


def problems_in(html: str) -> list[str]:
    parser = MarkupProblems()
    parser.feed(html)
    parser.close()
    return parser.problems


@pytest.mark.parametrize("url, scheme", [
    ("https://example.org", "https"), (" \x01JavaScript:x", "javascript"), ("java\tscript:x", "javascript"),
    ("%6Aavascript:x", None), ("/path:x", None), ("\ufeffjavascript:x", None),
])
def test_url_scheme_reads_schemes_as_a_browser_does(url, scheme):
    assert url_scheme(url) == scheme


def test_the_checker_sees_what_the_allowlist_forbids():
    assert problems_in('<p onclick="x"><img src=x><a href="jav&#x09;ascript:x" rel="nofollow">a</a></p>') == [
        "attribute onclick on <p>", "tag <img>", "attribute src on <img>", "href 'jav\\tascript:x'", "rel='nofollow'",
    ]


def test_no_payload_comes_out_as_markup_that_could_run():
    found = {payload: problems for payload in PAYLOADS if (problems := problems_in(render_visitor_text(payload)))}
    assert found == {}
    assert len(PAYLOADS) > 400


def test_template_syntax_is_kept_as_text():
    assert not [payload for payload in PAYLOADS if TEMPLATE_RESULT in render_visitor_text(payload)]
    assert "{{41*1013}}" in render_visitor_text("{{41*1013}}")
