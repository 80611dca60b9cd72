"""The pages that ask visitors to act: the home page (mission, calls to action, figures, featured and latest posts
as cards), the block that ends a post, and the page for unknown addresses."""

from __future__ import annotations

import io

import pytest
from lxml import html as lxml_html  # lxml comes with feedgen
from PIL import Image

from herald_site import create_app
from tests.site.conftest import MINIMAL_SITE_YML, SAMPLE_NOW, ContentFolder

SVG = b'<?xml version="1.0"?>\n<!-- a cover -->\n<svg xmlns="http://www.w3.org/2000/svg" width="960" height="400"></svg>'
SETTINGS = """\
posts_per_page: 3
mission:
  heading: Clean air for every street
  text: We measure the air and ask for change.
calls_to_action:
  - {label: Donate, url: "https://donate.example.org/", text: £5 keeps a sensor going.}
  - {label: Write to the council, url: /write/}
figures:
  - {value: 12, label: volunteer sensors, source: The map, source_url: /write/}
  - {value: 3, label: school streets, source: Since January}
  - {value: 40, label: letters sent}
post_call_to_action:
  heading: Help us count the air
  text: Every number here comes from volunteers.
  label: Donate
  url: https://donate.example.org/
"""


def page(content: ContentFolder, url: str, status: int = 200) -> lxml_html.HtmlElement:
    response = create_app(content.root, now=SAMPLE_NOW).test_client().get(url)
    assert response.status_code == status, url
    return lxml_html.fromstring(response.get_data(as_text=True))


def words(element: lxml_html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def card_titles(root: lxml_html.HtmlElement, section: str = "") -> list[str]:
    return [words(title) for title in root.xpath(f"{section}//article[contains(@class, 'card')]//*[@class='card-title']")]


def section(title: str) -> str:
    return f"//section[h2[normalize-space()='{title}']]"


@pytest.fixture
def cause(content: ContentFolder) -> ContentFolder:
    """Six posts (2 and 5 featured, 1 to 4 with a cover) and every setting."""
    content.site_yml(MINIMAL_SITE_YML + SETTINGS)
    content.page("write.md", "title: Write")
    content.media("cover.svg", SVG)
    for number in range(1, 7):
        extra = ("\nimage: cover.svg" if number < 5 else "") + ("\nfeatured: true" if number in (2, 5) else "")
        content.post(f"p{number}.md", f"title: Post {number}\ndate: 2024-01-0{number}\nsummary: About {number}.{extra}")
    return content


def test_the_first_page_says_what_the_cause_is_and_what_to_do(cause: ContentFolder) -> None:
    home = page(cause, "/")
    assert [words(h1) for h1 in home.xpath("//h1")] == ["Clean air for every street"]
    assert words(home.xpath("//*[@class='hero']/p[@class='lead']")[0]) == "We measure the air and ask for change."
    buttons = home.xpath("//ul[@class='actions']/li/a")
    assert [(words(a), a.get("href"), a.get("class"), a.get("data-track")) for a in buttons] == [
        ("Donate", "https://donate.example.org/", "button", "home-donate"),  # the first is the main one
        ("Write to the council", "/write/", "button button-quiet", "home-write-to-the-council"),
    ]
    assert words(home.xpath("//ul[@class='actions']/li/p")[0]) == "£5 keeps a sensor going."
    figures = home.xpath("//section[@class='figures']//li")
    assert [words(figure) for figure in figures] == [
        "12 volunteer sensors The map", "3 school streets Since January", "40 letters sent"]
    assert figures[0].xpath(".//a/@href") == ["/write/"] and figures[1].xpath(".//a") == []


def test_featured_posts_come_first_and_the_latest_do_not_repeat_them(cause: ContentFolder) -> None:
    home = page(cause, "/")
    assert card_titles(home, section("Featured")) == ["Post 5", "Post 2"]
    assert card_titles(home, section("Latest posts")) == ["Post 6", "Post 4"]  # page 1 holds 6, 5 and 4
    assert card_titles(page(cause, "/page/2/")) == ["Post 3", "Post 2", "Post 1"]  # later pages: every post
    assert page(cause, "/page/2/").xpath("//*[@class='hero'] | //section[@class='figures']") == []


def test_a_card_links_its_title_and_shows_date_reading_time_summary_and_a_sized_cover(cause: ContentFolder) -> None:
    home = page(cause, "/")
    card = home.xpath(f"{section('Latest posts')}//article")[1]
    assert card.xpath(".//h3/a/@href") == ["/2024/01/04/p4/"]
    assert words(card.xpath(".//p[@class='meta']")[0]) == "4 January 2024 · 1 min read"
    assert words(card.xpath(".//p[@class='card-summary']")[0]) == "About 4."
    [cover] = card.xpath(".//img")
    assert (cover.get("src"), cover.get("alt"), cover.get("width"), cover.get("height")) == (
        "/media/cover.svg", "", "960", "400")  # decorative beside its title; sized, so nothing jumps
    assert cover.get("loading") == "lazy"
    assert [img.get("loading") for img in home.xpath(f"{section('Featured')}//img")] == [None]  # post 2: in view
    assert page(cause, "/").xpath(f"{section('Latest posts')}//article")[0].xpath(".//img") == []  # post 6: none
    assert "card-plain" in home.xpath(f"{section('Latest posts')}//article")[0].get("class")


@pytest.mark.parametrize(("name", "data", "size"), [
    ("photo.png", "png", ("1200", "630")),
    ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360" width="100%"/>', ("640", "360")),
    ("broken.png", b"not an image", (None, None)),
])
def test_covers_are_sized_from_their_files(content: ContentFolder, name: str, data: bytes | str,
                                           size: tuple[str | None, str | None]) -> None:
    if data == "png":
        buffer = io.BytesIO()
        Image.new("RGB", (1200, 630)).save(buffer, format="PNG")
        data = buffer.getvalue()
    content.media(name, data)  # type: ignore[arg-type]
    content.post("a.md", f"title: A\ndate: 2024-01-02\nimage: {name}\nimage_alt: A street without cars")
    [card_cover] = page(content, "/").xpath("//img[@class='card-cover']")
    [post_cover] = page(content, "/2024/01/02/a/").xpath("//img[@class='cover']")
    assert (card_cover.get("width"), card_cover.get("height")) == size == (post_cover.get("width"), post_cover.get("height"))
    assert (card_cover.get("alt"), post_cover.get("alt")) == ("", "A street without cars")


def test_a_cover_on_another_host_is_not_shown(content: ContentFolder) -> None:
    content.post("a.md", "title: A\ndate: 2024-01-02\nimage: https://images.example.net/a.png")
    assert page(content, "/").xpath("//img") == page(content, "/2024/01/02/a/").xpath("//img") == []


def test_a_site_without_these_settings_shows_its_latest_posts_plainly(content: ContentFolder) -> None:
    content.site_yml(MINIMAL_SITE_YML + "description: Cleaner air.\n")
    content.post("a.md", "title: A\ndate: 2024-01-02")
    home = page(content, "/")
    assert [(h1.get("class"), words(h1)) for h1 in home.xpath("//h1")] == [("visually-hidden", "Test Site: latest posts")]
    assert words(home.xpath("//p[@class='lead']")[0]) == "Cleaner air."
    assert home.xpath("//ul[@class='actions'] | //section[@class='figures'] | //aside") == []
    assert [words(h2) for h2 in home.xpath("//main//h2")] == ["Latest posts"]  # no empty Featured section
    assert card_titles(home) == ["A"]
    assert page(content, "/2024/01/02/a/").xpath("//aside[@class='call-to-action']") == []


def test_a_site_without_posts_says_so(content: ContentFolder) -> None:
    assert "No posts yet." in words(page(content, "/").xpath("//main")[0])


def closing_block(content: ContentFolder, url: str) -> tuple[str, ...] | None:
    blocks = page(content, url).xpath("//article//aside[@class='call-to-action']")
    if not blocks:
        return None
    [block] = blocks
    [button] = block.xpath(".//a")
    return words(block.xpath("h2")[0]), words(block.xpath("p")[0]) if block.xpath("p") else "", \
        words(button), button.get("href"), button.get("data-track")


def test_every_post_ends_with_the_sites_call_to_action_unless_it_sets_its_own_or_none(cause: ContentFolder) -> None:
    cause.post("own.md", "title: Own\ndate: 2024-02-01\ncall_to_action:\n  heading: Come along\n  label: Join the walk\n"
                         "  url: /write/")
    cause.post("none.md", "title: None\ndate: 2024-02-02\ncall_to_action: false")
    assert closing_block(cause, "/2024/01/01/p1/") == (
        "Help us count the air", "Every number here comes from volunteers.", "Donate", "https://donate.example.org/",
        "post-end-donate")
    assert closing_block(cause, "/2024/02/01/own/") == ("Come along", "", "Join the walk", "/write/",
                                                        "post-end-join-the-walk")
    assert closing_block(cause, "/2024/02/02/none/") is None
    assert page(cause, "/write/").xpath("//aside") == []  # pages end as they are


def test_the_page_for_unknown_addresses_offers_the_latest_posts_and_the_ways_in(cause: ContentFolder) -> None:
    cause.site_yml(MINIMAL_SITE_YML + "nav:\n  - {title: Home, url: /}\n  - {title: Write, url: /write/}\n")
    for built in (page(cause, "/404.html"), page(cause, "/no/such/page/", status=404)):
        latest = built.xpath(f"{section('The latest posts')}//a")
        assert [(words(a), a.get("href")) for a in latest] == [
            (f"Post {number}", f"/2024/01/0{number}/p{number}/") for number in (6, 5, 4, 3, 2)]
        ways = built.xpath(f"{section('Find your way')}//a")
        assert [(words(a), a.get("href")) for a in ways] == [
            ("Home", "/"), ("Write", "/write/"), ("Archive", "/archive/"), ("Tags", "/tags/")]
