"""The Markdown pipeline: what editors write and the HTML and data it turns into."""

from __future__ import annotations

import pickle
import textwrap

from herald_site.markdown import MARKDOWN_SETTINGS_VERSION, Heading, Rendered, pygments_css, render_markdown, trim_summary


def render(text: str) -> Rendered:
    return render_markdown(textwrap.dedent(text))


def test_fenced_code_is_highlighted_with_css_classes_and_no_script():
    html = render(
        """\
        ```python
        def greet(name):
            return f"hello {name}"
        ```
        """
    ).html
    assert '<div class="highlight">' in html
    assert '<span class="k">def</span>' in html
    assert '<span class="nf">greet</span>' in html
    assert "style=" not in html and "<script" not in html


def test_code_without_a_language_is_not_guessed():
    html = render("```\nSELECT 1;\n```\n").html
    assert '<span class="k">' not in html
    assert "SELECT 1;" in html


def test_tables_align_columns_by_class():
    html = render(
        """\
        | Place | PM2.5 | Note |
        |:------|------:|:----:|
        | Gate  |  31.4 | peak |
        """
    ).html
    assert "<table>" in html
    assert '<th class="align-left">Place</th>' in html
    assert '<td class="align-right">31.4</td>' in html
    assert '<td class="align-center">peak</td>' in html
    assert "align=" not in html  # obsolete in HTML5: the Nu HTML Checker reports it
    assert "style=" not in html  # the site's CSP allows no inline styles


def test_an_unaligned_column_gets_no_class():
    html = render("| A | B |\n|---|--:|\n| x | y |\n").html
    assert "<th>A</th>" in html and "<td>x</td>" in html
    assert '<td class="align-right">y</td>' in html


def test_footnotes():
    html = render("Chimneys.[^1]\n\n[^1]: Evening peak.\n").html
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>' in html
    assert '<li id="fn:1">' in html and "Evening peak." in html


def test_headings_get_ids_and_permalink_anchors_and_form_the_toc():
    rendered = render("# Why we count\n\n## What “clean” means\n\n### Data\n")
    assert '<h1 id="why-we-count">Why we count<a class="headerlink" href="#why-we-count"' in rendered.html
    assert rendered.toc == (
        Heading(1, "why-we-count", "Why we count"),
        Heading(2, "what-clean-means", "What “clean” means"),
        Heading(3, "data", "Data"),
    )


def test_smart_punctuation():
    html = render('"Clean" air -- it\'s ours... isn\'t it?\n').html
    assert html == "<p>&ldquo;Clean&rdquo; air &ndash; it&rsquo;s ours&hellip; isn&rsquo;t it?</p>"


def test_raw_html_is_kept_as_written():
    block = '<aside class="callout" data-kind="note">\n<p>Trusted <b>editor</b> HTML.</p>\n</aside>'
    html = render(f"Before.\n\n{block}\n\nAfter.\n").html
    assert block in html
    assert '<iframe src="/media/x.html"></iframe>' in render('<iframe src="/media/x.html"></iframe>\n').html


def test_markdown_inside_html_and_attribute_lists():
    html = render('<div markdown="1">\n*inside*\n</div>\n\n![Map](/media/map.svg){: width="640" }\n').html
    assert "<em>inside</em>" in html
    assert '<img alt="Map" src="/media/map.svg" width="640" />' in html


def test_sane_lists_keep_ordered_and_unordered_apart():
    html = render("1. one\n2. two\n\n* three\n").html
    assert "<ol>" in html and "<ul>" in html


def test_links_and_images_are_collected_in_order_without_heading_anchors():
    rendered = render('## Part\n\n[a](/a/) ![i](/media/i.png) <a href="/b/">b</a> [ext](https://x.org)\n')
    assert rendered.links == ("#part", "/a/", "/b/", "https://x.org")
    assert rendered.images == ("/media/i.png",)


def test_word_count_ignores_markup_and_heading_anchors():
    assert render("## Air\n\nOne *two* [three](/x/).\n").word_count == 4


def test_footnote_markers_stay_out_of_the_first_paragraph():
    assert render("Chimneys.[^1]\n\n[^1]: Evening.\n").first_paragraph == "Chimneys."


def test_the_first_paragraph_is_plain_text_and_skips_headings_and_html_blocks():
    rendered = render('# Title\n\n<div><p>Boxed.</p></div>\n\nThe *first* "real" one.\n\nSecond.\n')
    assert rendered.first_paragraph == "The first “real” one."


def test_trim_summary_cuts_at_a_word():
    assert trim_summary("short") == "short"
    assert trim_summary("one two three four", limit=10) == "one two…"


def test_each_render_starts_fresh():
    first = render("# Alpha\n\nNote.[^1]\n\n[^1]: One.\n")
    second = render("# Beta\n\nPlain.\n")
    assert [h.id for h in second.toc] == ["beta"]
    assert "footnote" not in second.html
    assert render("# Alpha\n\nNote.[^1]\n\n[^1]: One.\n") == first


def test_results_are_plain_data_for_caches_and_worker_processes():
    rendered = render("# A\n\n[b](/b/)\n")
    assert pickle.loads(pickle.dumps(rendered)) == rendered


def test_the_settings_fingerprint_is_a_short_stable_string():
    assert len(MARKDOWN_SETTINGS_VERSION) == 16
    int(MARKDOWN_SETTINGS_VERSION, 16)


def test_pygments_css_styles_the_highlight_class():
    css = pygments_css()
    assert ".highlight .k " in css
    assert ".highlight .nf " in css
