"""The home page's mission, calls to action and figures, and the block that ends posts: read from site.yml and a
post's frontmatter, every mistake an error at the line of the bad value, naming it."""

from __future__ import annotations

import pytest

from herald_site.content import ContentError, check_site, load_config, load_site
from herald_site.content.home_settings import CallToAction, Figure, HomeSettings, PostCallToAction
from tests.site.conftest import MINIMAL_SITE_YML, ContentFolder

FULL = """\
mission:
  heading: Clean air for every street
  text: We measure the air and ask for change.
calls_to_action:
  - {label: Donate, url: "https://donate.example.org/", text: £5 a month keeps a sensor going.}
  - label: Join us
    url: /contact/#volunteering
figures:
  - {value: 12, label: sensors, source: The map, source_url: /about/}
  - {value: "−37%", label: at the school gate}
post_call_to_action:
  heading: Help us count the air
  text: Every number here comes from volunteers.
  label: Donate
  url: https://donate.example.org/
"""


def settings_error(content: ContentFolder, extra: str) -> ContentError:
    content.site_yml(MINIMAL_SITE_YML + extra)
    with pytest.raises(ContentError) as caught:
        load_config(content.root)
    return caught.value


def test_every_setting_is_read(content: ContentFolder) -> None:
    content.page("about.md", "title: About")
    content.site_yml(MINIMAL_SITE_YML + FULL)
    config = load_config(content.root)
    assert config.home == HomeSettings(
        "Clean air for every street",
        "We measure the air and ask for change.",
        (CallToAction("Donate", "https://donate.example.org/", "£5 a month keeps a sensor going."),
         CallToAction("Join us", "/contact/#volunteering")),
        (Figure("12", "sensors", "The map", "/about/"), Figure("−37%", "at the school gate")),
    )
    assert config.post_call_to_action == PostCallToAction(
        "Help us count the air", "Every number here comes from volunteers.", "Donate", "https://donate.example.org/"
    )
    assert config.extra == {}


def test_without_them_nothing_is_asked(content: ContentFolder) -> None:
    config = load_config(content.root)
    assert config.home == HomeSettings() and config.post_call_to_action is None


@pytest.mark.parametrize(("extra", "line", "field", "words"), [
    ("mission: Clean air\n", 5, "mission", "`mission` should be a mapping like `{heading: ...}`"),
    ("mission:\n  text: Only words\n", 5, "mission", "`mission` misses `heading`"),
    ("calls_to_action:\n  - {label: A, url: /a/}\n  - {label: B, url: 'javascript:alert(1)'}\n", 7,
     "calls_to_action", "`calls_to_action` entry 2 `url` should be a path on this site such as /about/ or an http(s)"),
    ("calls_to_action:\n  - label: A\n    lable: typo\n    url: /a/\n", 7, "calls_to_action",
     "`calls_to_action` entry 1 has an unknown key `lable`; it takes label, url, text"),
    ("calls_to_action:\n" + "".join(f"  - {{label: L{n}, url: /a/}}\n" for n in range(4)), 9, "calls_to_action",
     "`calls_to_action` has 4 entries; give at most 3"),
    ("calls_to_action: {label: A, url: /a/}\n", 5, "calls_to_action", "`calls_to_action` should be a list"),
    ("figures:\n  - {label: sensors}\n", 6, "figures", "`figures` entry 1 misses `value`"),
    ("figures:\n  - {value: 12, label: sensors, source_url: 'data:text/html,hi'}\n", 6, "figures",
     "`figures` entry 1 `source_url` should be a path on this site"),
    ("post_call_to_action:\n  heading: Help\n  label: [Donate]\n  url: /a/\n", 7, "post_call_to_action",
     "`post_call_to_action` `label` should be text, got ['Donate']"),
], ids=["mission-text", "mission-heading", "javascript-url", "unknown-key", "too-many", "not-a-list",
        "figure-value", "figure-source", "post-label"])
def test_a_bad_value_is_an_error_at_its_line(content: ContentFolder, extra: str, line: int, field: str,
                                            words: str) -> None:
    error = settings_error(content, extra)
    assert (error.path.name, error.line, error.field) == ("site.yml", line, field)
    assert error.message.startswith(words), error.message


@pytest.mark.parametrize("url", ["/about/", "/contact/#volunteering", "/search/?q=air", "https://donate.example.org/x",
                                 "http://example.org"])
def test_urls_on_this_site_or_over_http_are_accepted(content: ContentFolder, url: str) -> None:
    content.site_yml(MINIMAL_SITE_YML + f"calls_to_action:\n  - {{label: Go, url: '{url}'}}\n")
    assert load_config(content.root).home.calls_to_action[0].url == url


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "mailto:a@b.org",
                                 "about/", "//evil.example/", "/\\evil.example/", "https://", "/a b/", "ftp://x.org/"])
def test_other_urls_are_refused(content: ContentFolder, url: str) -> None:
    error = settings_error(content, f"calls_to_action:\n  - label: Go\n    url: '{url}'\n")
    assert (error.line, error.field) == (7, "calls_to_action")
    assert "should be a path on this site such as /about/ or an http(s) address" in error.message


def post_problems(content: ContentFolder, frontmatter: str) -> list[tuple[int | None, str | None, str]]:
    content.post("a.md", f"title: A\ndate: 2024-01-02\n{frontmatter}")
    return [(problem.line, problem.field, problem.message) for problem in check_site(content.root)]


def test_a_posts_own_block_or_none_is_read(content: ContentFolder) -> None:
    content.page("join.md", "title: Join")
    assert post_problems(content, "featured: true\ncall_to_action:\n  heading: Join\n  label: Sign up\n"
                                  "  url: /join/\nimage_alt: A street") == []
    content.post("b.md", "title: B\ndate: 2024-01-03\ncall_to_action: false")
    posts = {post.slug: post for post in load_site(content.root).posts}
    assert posts["a"].call_to_action == PostCallToAction("Join", "", "Sign up", "/join/")
    assert (posts["a"].featured, posts["a"].image_alt) == (True, "A street")
    assert posts["b"].call_to_action is False and posts["b"].featured is False


@pytest.mark.parametrize(("frontmatter", "line", "words"), [
    ("featured: yes please", 4, "`featured` should be true or false"),
    ("call_to_action: Donate", 4, "`call_to_action` should be a mapping like `{heading: ..., label: ..., url: ...}`"),
    ("call_to_action:\n  heading: Join\n  label: Sign up", 4, "`call_to_action` misses `url`"),
    ("call_to_action:\n  heading: Join\n  label: Sign up\n  url: javascript:void(0)", 7,
     "`call_to_action` `url` should be a path on this site"),
    ("call_to_action:\n  heading: Join\n  button: Sign up\n  label: Sign up\n  url: /", 6,
     "`call_to_action` has an unknown key `button`"),
])
def test_a_bad_block_in_a_post_is_an_error_at_its_line(content: ContentFolder, frontmatter: str, line: int,
                                                      words: str) -> None:
    [(found_line, field, message)] = post_problems(content, frontmatter)
    assert found_line == line and field in ("featured", "call_to_action")
    assert message.startswith(words), message


def test_links_to_pages_the_site_lacks_are_errors_at_their_line(content: ContentFolder) -> None:
    content.site_yml(MINIMAL_SITE_YML + "calls_to_action:\n  - {label: Join, url: /join/}\n"
                                        "post_call_to_action: {heading: H, label: Give, url: /give/}\n")
    content.post("a.md", "title: A\ndate: 2024-01-02\ncall_to_action:\n  heading: H\n  label: Go\n  url: /nowhere/")
    problems = [(problem.path.name, problem.line, problem.message) for problem in check_site(content.root)]
    assert problems == [  # site.yml's first: every page follows from it
        ("site.yml", 6, "call to action 'Join' links to /join/, but the site has no such page; fix `calls_to_action`"),
        ("site.yml", 7, "the call to action ending posts links to /give/, but the site has no such page; "
                        "fix `post_call_to_action`"),
        ("a.md", 7, "`call_to_action` links to /nowhere/, but the site has no page /nowhere/; fix the link"),
    ]
