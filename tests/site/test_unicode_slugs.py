"""Slugs of any script: tags and headings written in Arabic, Greek or Cyrillic get their own URL and anchor, while
Latin text keeps exactly the slug it always had (no URL a site already has moves)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from markdown.extensions.toc import slugify as toc_ascii_slugify

from build import main
from herald_site.content import check_site, load_site
from herald_site.markdown import render_markdown
from herald_site.slugs import heading_anchor, slugify
from tests.site.conftest import ContentFolder

# Latin text as editors write it: ASCII, accented letters, ligatures, the Latin-1 and Latin Extended blocks, dashes.
LATIN_TEXT = st.text(st.characters(max_codepoint=0x036F) | st.sampled_from("ﬁＡ①ℂ…–—“”’"), max_size=20)


def ascii_slug(text: str) -> str:
    """The rule Herald's slugs followed before they kept other scripts: what Latin text must still give."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@given(LATIN_TEXT)
def test_latin_text_keeps_the_ascii_slug_and_anchor_it_always_had(text: str) -> None:
    assert slugify(text) == ascii_slug(text)
    assert heading_anchor(text, "-") == toc_ascii_slugify(text, "-")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("جودة الهواء", "جودة-الهواء"),
        ("Ελληνικά ΟΔΟΣ", "ελληνικά-οδος"),  # lower case, the final sigma too; the accent is part of the word
        ("Чистый воздух!", "чистый-воздух"),
        ("हिन्दी", "हिन्दी"),  # its vowel signs and virama are combining marks, kept
        ("한국어", "한국어"),  # decomposed to be read, whole again
        ("٣ أيام", "٣-أيام"),  # Arabic-Indic digits
        ("Air هواء", "air-هواء"),
        ("Café ☕ هواء", "cafe-هواء"),  # symbols of no script are dropped, as before
    ],
)
def test_other_scripts_keep_their_letters_lower_cased(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_an_arabic_heading_gets_an_arabic_anchor_and_latin_ones_stay() -> None:
    rendered = render_markdown("## مقدمة\n\n## Ποιότητα αέρα\n\n## Why we count\n\n## مقدمة\n")
    assert [heading.id for heading in rendered.toc] == ["مقدمة", "ποιότητα-αέρα", "why-we-count", "مقدمة_1"]
    assert '<h2 id="مقدمة">مقدمة<a class="headerlink" href="#مقدمة"' in rendered.html


def run_build(content: ContentFolder, out: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--content", str(content.root), "--out", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output


def test_a_tag_of_any_script_gets_its_page_linked_with_a_percent_encoded_url(
    content: ContentFolder, tmp_path: Path
) -> None:
    content.post("2024-01-02-air.md", "title: Air\ntags: [هواء, Ελληνικά, Воздух, Air]")
    out = tmp_path / "out"

    run_build(content, out)

    post = (out / "2024/01/02/air/index.html").read_text(encoding="utf-8")
    for tag, slug in [("هواء", "هواء"), ("Ελληνικά", "ελληνικά"), ("Воздух", "воздух"), ("Air", "air")]:
        page = out / "tags" / slug / "index.html"  # named in UTF-8, as static hosts look a decoded path up
        assert tag in page.read_text(encoding="utf-8")
        assert (out / "tags" / slug / "feed.xml").is_file()
        assert f'href="/tags/{quote(slug)}/"' in post
    assert "/tags/%D9%87%D9%88%D8%A7%D8%A1/" in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_a_link_to_a_tag_page_is_checked_by_its_encoded_url(content: ContentFolder) -> None:
    content.post("2024-01-02-air.md", "title: Air\ntags: [هواء]")
    content.page("about.md", "title: About", f"[Air](/tags/{quote('هواء')}/) and [none](/tags/{quote('ماء')}/)\n")

    problems = check_site(content.root)

    assert [(p.path.name, p.severity) for p in problems] == [("about.md", "error")], problems
    assert quote("ماء") in problems[0].message or "ماء" in problems[0].message


def test_a_post_named_in_arabic_gets_an_arabic_url(content: ContentFolder) -> None:
    content.post("2024-01-03-هواء-نقي.md", "title: Clean air")
    assert [post.url_path for post in load_site(content.root).posts] == ["/2024/01/03/هواء-نقي/"]


@pytest.mark.parametrize(
    ("tag", "slug"), [("../../etc/passwd", "etc-passwd"), ("..\\..\\up", "up"), ("/tags/../x", "tags-x")]
)
def test_a_tag_cannot_lead_out_of_its_folder(content: ContentFolder, tmp_path: Path, tag: str, slug: str) -> None:
    content.post("2024-01-02-air.md", f"title: Air\ntags: ['{tag}']")
    out = tmp_path / "deep" / "out"

    run_build(content, out)

    assert (out / "tags" / slug / "index.html").is_file()
    outside = [path for path in tmp_path.rglob("*") if not path.is_relative_to(out) and "content" not in path.parts]
    assert outside == [tmp_path / "deep"]


@pytest.mark.parametrize("tag", ["..", "/", "☕", "—"])
def test_a_tag_of_no_letter_or_digit_is_refused(content: ContentFolder, tag: str) -> None:
    content.post("2024-01-02-air.md", f"title: Air\ntags: ['{tag}']")
    problems = check_site(content.root)
    assert [(p.line, p.field) for p in problems] == [(3, "tags")], problems
