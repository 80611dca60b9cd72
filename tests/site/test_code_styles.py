"""Highlighted code reads in both colour schemes: every token's colour against the code background, WCAG AA."""

from __future__ import annotations

import re

import pytest

from herald_site import create_app
from tests.site.conftest import SAMPLE_NOW, ContentFolder

AA = 4.5
SCHEME_BLOCK = re.compile(r"@media \(prefers-color-scheme: (light|dark)\) \{(.*?)\n\}", re.DOTALL)
RULE = re.compile(r"^(\.highlight(?: [.\w-]+)?) \{([^}]*)\}", re.MULTILINE)


def relative_luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    digits = "".join(digit * 2 for digit in digits) if len(digits) == 3 else digits
    assert re.fullmatch(r"[0-9a-fA-F]{6}", digits), f"not a hex colour: {colour}"
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


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
    assert contrast(plain, background) >= AA
    tokens = {selector: found for selector, found in rules.items() if selector.startswith(".highlight .")}
    assert len([found for found in tokens.values() if "color" in found]) > 40  # every token class is here
    too_faint = {
        selector: round(contrast(found["color"], found.get("background-color", background)), 2)
        for selector, found in tokens.items()
        if "color" in found and contrast(found["color"], found.get("background-color", background)) < AA
    }
    assert too_faint == {}


def test_no_rule_outside_the_schemes_leaves_a_colour_behind(code_css: str) -> None:
    outside = SCHEME_BLOCK.sub("", code_css)
    assert "color" not in outside
