"""A post's lead: the summary its editor wrote, above the body; never the body's own opening a second time."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html  # lxml comes with feedgen

from herald_site import create_app
from herald_site.markdown.html_facts import opening_paragraph, scan_html
from tests.site.conftest import SAMPLE_NOW, ContentFolder

URL = "/2024/01/02/a/"
OPENING = "Two winters ago a handful of parents noticed that the coughs got worse when the traffic queued."
LONG_OPENING = " ".join(["The school gate sensor read high on every weekday morning of the spring term."] * 5)


def post_page(content: ContentFolder, frontmatter: str, body: str) -> lxml_html.HtmlElement:
    content.post("a.md", f"title: A\ndate: 2024-01-02\n{frontmatter}", body)
    response = create_app(content.root, now=SAMPLE_NOW).test_client().get(URL)
    assert response.status_code == 200
    return lxml_html.fromstring(response.get_data(as_text=True))


def article_paragraphs(page: lxml_html.HtmlElement) -> list[str]:
    return [" ".join(p.text_content().split()) for p in page.xpath("//article//p")]


def leads(page: lxml_html.HtmlElement) -> list[str]:
    return [lead.text_content() for lead in page.xpath("//article/header/p[@class='lead']")]


@pytest.mark.parametrize("frontmatter", ["", 'summary: ""', "summary:"], ids=["none", "empty", "null"])
def test_a_post_without_a_summary_shows_its_opening_once(content: ContentFolder, frontmatter: str) -> None:
    page = post_page(content, frontmatter, f"{OPENING}\n\nThe second paragraph.\n")
    assert article_paragraphs(page).count(OPENING) == 1
    assert leads(page) == []


def test_a_long_opening_cut_short_as_the_summary_is_not_repeated_either(content: ContentFolder) -> None:
    page = post_page(content, "", f"{LONG_OPENING}\n")
    assert leads(page) == []
    assert article_paragraphs(page).count(LONG_OPENING) == 1


@pytest.mark.parametrize("key", ["summary", "description"])
def test_a_written_summary_is_the_lead_above_the_whole_body(content: ContentFolder, key: str) -> None:
    page = post_page(content, f"{key}: What the parents found.", f"{OPENING}\n")
    assert leads(page) == ["What the parents found."]
    assert article_paragraphs(page).count(OPENING) == 1


def test_lists_and_feeds_still_use_the_opening_as_the_summary(content: ContentFolder) -> None:
    content.post("a.md", "title: A\ndate: 2024-01-02", f"{OPENING}\n\nThe second paragraph.\n")
    client = create_app(content.root, now=SAMPLE_NOW).test_client()
    assert OPENING in client.get("/").get_data(as_text=True)
    assert OPENING in client.get("/feed.xml").get_data(as_text=True)


@pytest.mark.parametrize("chunk", [1, 5, 2048])
def test_the_opening_read_in_pieces_is_the_first_paragraph_of_the_whole_scan(chunk: int) -> None:
    body = '<h2 id="x">Title <a class="headerlink" href="#x">¶</a></h2>\n<div><p>Not top level</p></div>\n' \
           "<p>Fine &amp; <em>dusty</em>\n  air</p>\n<p>Second</p>"
    assert opening_paragraph(body, chunk) == scan_html(body, markdown_only=False).first_paragraph_text
    assert opening_paragraph(body, chunk) == "Fine & dusty air"
