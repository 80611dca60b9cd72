"""Highlighted code reads in both colour schemes: every token's colour against the code background, WCAG AA."""

from __future__ import annotations

import re

import pytest

from herald_site import create_app
from tests.colours import AA, contrast, hex_rgb
from tests.site.conftest import SAMPLE_NOW, ContentFolder

SCHEME_BLOCK = re.compile(r"@media (?:print, |screen and )?\(prefers-color-scheme: (light|dark)\) \{(.*?)\n\}", re.DOTALL)
RULE = re.compile(r"^(\.highlight(?: [.\w-]+)?) \{([^}]*)\}", re.MULTILINE)


def hex_contrast(first: str, second: str) -> float:
    return contrast(hex_rgb(first), hex_rgb(second))


def declarations(body: str) -> dict[str, str]:
    pairs = (part.split(":", 1) for part in body.split(";") if ":" in part)
    return {name.strip(): value.strip() for name, value in pairs}


def scheme_rules(css: str) -> dict[str, dict[str, dict[str, str]]]:
    """Scheme -> selector -> its declarations (a selector given twice merges, the later value winning)."""
    schemes: dict[str, dict[str, dict[str, str]]] = {}
    for scheme, block in SCHEME_BLOCK.findall(css):
        rules = schemes.setdefault(scheme, {})
        for selector, body in RULE.findall(block):
            rules.setdefault(selector, {}).update(declarations(body))
    return schemes


@pytest.fixture(scope="module")
def code_css(tmp_path_factory: pytest.TempPathFactory) -> str:
    content = ContentFolder(tmp_path_factory.mktemp("code") / "content")
    content.post("a.md", "title: A\ndate: 2024-01-02", "```python\nx = 1\n```\n")
    client = create_app(content.root, now=SAMPLE_NOW).test_client()
    page = client.get("/2024/01/02/a/").get_data(as_text=True)
    [stylesheet] = re.findall(r'href="(/static/pygments\.css[^"]*)"', page)
    return client.get(stylesheet).get_data(as_text=True)


def test_there_is_a_light_and_a_dark_style(code_css: str) -> None:
    rules = scheme_rules(code_css)
    assert set(rules) == {"light", "dark"}
    assert rules["light"][".highlight"]["background"] != rules["dark"][".highlight"]["background"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_plain_code_and_every_token_reach_aa_contrast_on_the_code_background(code_css: str, scheme: str) -> None:
    rules = scheme_rules(code_css)[scheme]
    background = rules[".highlight"]["background"]
    plain = rules[".highlight"]["color"]  # plain code must not take the page's text colour
    assert hex_contrast(plain, background) >= AA
    ratios = {
        selector: hex_contrast(found["color"], found.get("background-color", background))
        for selector, found in rules.items()
        if selector.startswith(".highlight .") and "color" in found
    }
    assert len(ratios) > 40  # every token class is here
    assert {selector: round(ratio, 2) for selector, ratio in ratios.items() if ratio < AA} == {}


def test_no_rule_outside_the_schemes_leaves_a_colour_behind(code_css: str) -> None:
    outside = SCHEME_BLOCK.sub("", code_css)
    assert "color" not in outside
