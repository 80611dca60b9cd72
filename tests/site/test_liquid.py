"""Liquid in documents, as Jekyll posts write it: each tag and filter Herald renders, when Liquid runs at all, and
every way it fails (a content error naming file and line, never Liquid left on the page)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from herald_site.content import check_site, load_site
from herald_site.markdown import render_markdown

SITE_YML = """\
title: Test Site
url: https://test.example.org
timezone: Europe/London
repository: herald/clean-air
"""


@pytest.fixture
def site(content):
    content.site_yml(SITE_YML)
    content.post("2024-05-04-second.md", "title: Second")
    content.page("about.md", "title: About us")
    return content


def html_of(content, body: str, frontmatter: str = "title: First\ndate: 2024-05-03") -> str:
    content.post("first.md", frontmatter, body)
    index = load_site(content.root)
    return index.find_by_url("/2024/05/03/first/").html


def problems_of(content, body: str, frontmatter: str = "title: First\ndate: 2024-05-03") -> list[tuple]:
    content.post("first.md", frontmatter, body)
    return [(str(problem.path.relative_to(content.root)), problem.line, problem.message)
            for problem in check_site(content.root)]


def test_site_and_page_values(site):
    html = html_of(site, "From {{ site.repository }} on {{ site.title }}: {{ page.title }} at {{ page.url }}.\n",
                   "title: First\ndate: 2024-05-03\nmood: glad")
    assert "<p>From herald/clean-air on Test Site: First at /2024/05/03/first/.</p>" in html
    assert "glad" in html_of(site, "{{ page.mood }}\n", "title: First\ndate: 2024-05-03\nmood: glad")


def test_site_values_are_the_document_s_language_s_own(content):
    """As Hugo's .Site.Title: a French document's `site.title` is the French entry's, and what the entry does not
    give stays the site's."""
    content.site_yml(SITE_YML + "description: Clean air\nauthor: Volunteers\nlanguages:\n  - {code: en, name: English, default: true}\n"
                     "  - {code: fr, name: Français, title: Air pur, author: Les bénévoles}\n")
    body = "{{ site.title }} / {{ site.author }} / {{ site.description }} / {{ site.repository }}\n"
    content.post("2024-05-03-first.fr.md", "title: Premier", body)
    content.post("2024-05-03-first.md", "title: First", body)
    index = load_site(content.root)
    assert "<p>Air pur / Les bénévoles / Clean air / herald/clean-air</p>" in index.find_by_url(
        "/fr/2024/05/03/first/").html
    assert "<p>Test Site / Volunteers / Clean air / herald/clean-air</p>" in index.find_by_url("/2024/05/03/first/").html


def test_standard_liquid_runs(site):
    body = '{% assign n = 3 %}{% for i in (1..n) %}{{ i }}{% endfor %} {{ "a,b" | split: "," | join: "+" }}\n'
    html = html_of(site, body)
    assert "<p>123 a+b</p>" in html


def test_raw_keeps_liquid_as_text(site):
    html = html_of(site, "{% raw %}{{ site.title }} and {% if %}{% endraw %}\n")
    assert "<p>{{ site.title }} and {% if %}</p>" in html


def test_highlight_renders_as_fenced_code_does(site):
    code = 'def f():\n    return "`x`"\n'
    html = html_of(site, f"Before.\n{{% highlight python %}}\n{code}{{% endhighlight %}}\nAfter.\n")
    fenced = render_markdown(f"Before.\n\n```python\n{code}```\n\nAfter.\n").html
    assert html == fenced
    assert '<span class="k">def</span>' in html


def test_highlight_with_line_numbers(site):
    html = html_of(site, "{% highlight ruby linenos %}\nputs 1\nputs 2\n{% endhighlight %}\n")
    assert '<td class="linenos">' in html and '<span class="nb">puts</span>' in html


@pytest.mark.parametrize("option", ['mark_lines="2 3"', 'hl_lines="3 2"'])
def test_highlight_marks_lines_as_fenced_code_does(site, option):
    code = "a = 1\nb = 2\nc = 3\n"
    html = html_of(site, f"{{% highlight python linenos {option} %}}\n{code}{{% endhighlight %}}\n")
    assert html == render_markdown(f'```{{.python linenums="true" hl_lines="2 3"}}\n{code}```\n').html
    marked = re.findall(r'<span class="hll">(.*?)\n</span>', html)
    assert [re.sub("<[^>]+>", "", line) for line in marked] == ["b = 2", "c = 3"]
    assert '<td class="linenos">' in html


def test_highlight_renders_the_liquid_inside_it(site):
    assert "Test Site" in html_of(site, "{% highlight text %}\n{{ site.title }}\n{% endhighlight %}\n")


def test_post_url_and_link_give_the_documents_urls(site):
    html = html_of(site, "[Second]({% post_url 2024-05-04-second %}), [about]({% link pages/about.md %}), "
                         "[again]({% link _posts/2024-05-04-second.md %})\n")
    assert '<a href="/2024/05/04/second/">Second</a>' in html
    assert '<a href="/about/">about</a>' in html
    assert '<a href="/2024/05/04/second/">again</a>' in html


def test_post_url_follows_the_posts_permalink(site):
    site.post("2024-05-04-second.md", "title: Second\npermalink: /news/second/")
    assert 'href="/news/second/"' in html_of(site, "[s]({% post_url 2024-05-04-second %})\n")


def test_relative_and_absolute_url_filters(site):
    html = html_of(site, '{{ "/img/a.png" | relative_url }} {{ "about/" | absolute_url }} '
                         '{{ "https://x.org/" | absolute_url }}\n')
    assert "/img/a.png https://test.example.org/about/ https://x.org/" in html
    site.site_yml(SITE_YML + "baseurl: /blog\n")
    html = html_of(site, '{{ "/img/a.png" | relative_url }} {{ "/a/" | absolute_url }}\n')
    assert "/blog/img/a.png https://test.example.org/blog/a/" in html


def test_include_with_parameters(site):
    site.raw("_includes/note.html", '<aside class="note">{{ include.text }} ({{ site.title }})</aside>\n')
    site.raw("_includes/parts/sign.html", "— {{ include.who | upcase }}\n")
    html = html_of(site, '{% include note.html text="Mind the gap" %}\n\n'
                         "{% include parts/sign.html who=page.title %}\n")
    assert '<aside class="note">Mind the gap (Test Site)</aside>' in html
    assert "— FIRST" in html


# --- when Liquid runs ---


def test_code_that_looks_like_liquid_stays_code_by_default(site):
    body = "Write `{{ name }}` or:\n\n```\n{% for x in xs %}{{ x }}{% endfor %}\n```\n\n    {{ indented }}\n"
    html = html_of(site, body)
    assert "<code>{{ name }}</code>" in html and "{% for x in xs %}" in html and "{{ indented }}" in html


def test_an_indented_line_inside_an_html_block_is_not_code(site):
    body = '<table>\n  <tr>\n\n    <td><a href="{{ site.url }}/about/">About</a></td>\n  </tr>\n</table>\n'
    assert problems_of(site, body) == []
    assert '<td><a href="https://test.example.org/about/">About</a></td>' in html_of(site, body)


def test_an_indented_line_after_an_html_block_is_code(site):
    assert "<code>{{ code }}\n</code>" in html_of(site, "<div>Note</div>\n\n    {{ code }}\n")


def test_a_site_without_liquid_never_loads_python_liquid(site):
    script = ("import sys, pathlib; from herald_site.content import check_site; "
              f"assert check_site(pathlib.Path({str(site.root)!r})) == []; print('liquid' in sys.modules)")
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"


def test_a_document_without_liquid_is_not_touched(site, monkeypatch):
    from herald_site.content import liquid_site

    monkeypatch.setattr(liquid_site.LiquidSite, "render", lambda *args: pytest.fail("Liquid ran"))
    assert "<p>Plain {text}.</p>" in html_of(site, "Plain {text}.\n")


def test_raw_anywhere_turns_liquid_on(site):
    html = html_of(site, "```\n{% raw %}{{ x }}{% endraw %}\n```\n")
    assert "{{ x }}" in html and "raw" not in html


def test_liquid_true_renders_code_blocks_too_as_jekyll_does(site):
    site.site_yml(SITE_YML + "liquid: true\n")
    assert "Test Site" in html_of(site, "```\n{{ site.title }}\n```\n")


def test_liquid_false_and_render_with_liquid(site):
    site.site_yml(SITE_YML + "liquid: false\n")
    assert "{{ site.title }}" in html_of(site, "{{ site.title }}\n")
    switched_on = "title: First\ndate: 2024-05-03\nrender_with_liquid: true"
    assert "Test Site" in html_of(site, "{{ site.title }}\n", switched_on)
    site.site_yml(SITE_YML)
    assert "{{ site.title }}" in html_of(site, "{{ site.title }}\n",
                                         "title: First\ndate: 2024-05-03\nrender_with_liquid: false")


def test_bad_switches_are_errors_at_their_line(site):
    assert problems_of(site, "x\n", "title: First\ndate: 2024-05-03\nrender_with_liquid: maybe") == [
        ("posts/first.md", 4, "`render_with_liquid` should be true or false, got 'maybe'")]
    site.site_yml(SITE_YML + "liquid: sometimes\n")
    assert problems_of(site, "x\n") == [("site.yml", 5, "`liquid` should be true, false or auto, got 'sometimes'")]


# --- errors: file and line, and what Herald renders ---


@pytest.mark.parametrize(("body", "line", "message"), [
    ("One.\n\n{{ site.nope }}\n", 7, "Liquid: site.nope is undefined; Herald knows site.*"),
    ("{{ page.title | shout }}\n", 5, "Liquid: unknown filter 'shout'"),
    ("One.\n{% seo %}\n", 6, "Liquid: unexpected tag 'seo'; Herald renders Liquid's standard tags"),
    ("{% highlight %}x{% endhighlight %}\n", 5, "Liquid: `highlight` needs an argument"),
    ("{% highlight py cssclass=x %}x{% endhighlight %}\n", 5, "Liquid: `highlight` option 'cssclass=x' is not one"),
    ('{% highlight py mark_lines="one" %}x{% endhighlight %}\n', 5,
     """Liquid: `highlight` option 'mark_lines="one"' is not one Herald renders: mark_lines takes line numbers"""),
    ("{% post_url 2020-01-01-none %}\n", 5, "Liquid: `{% post_url 2020-01-01-none %}`: there is no post"),
    ("{% link posts/none.md %}\n", 5, "Liquid: `{% link posts/none.md %}`: the content folder has no post or page"),
    ("{% link ../site.yml %}\n", 5, "Liquid: `{% link ../site.yml %}`: the content folder has no post or page"),
    ("{% for i in (1..200000) %}{% endfor %}\n", 5, "Liquid: loop iteration limit reached"),
])
def test_what_liquid_cannot_render_is_an_error_at_its_line(site, body, line, message):
    [(path, found_line, found)] = problems_of(site, body)
    assert (path, found_line) == ("posts/first.md", line)
    assert found.startswith(message), found


def test_an_unknown_variable_never_reaches_a_page(site):
    site.post("first.md", "title: First\ndate: 2024-05-03", "{{ site.nope }}\n")
    with pytest.raises(Exception, match="site.nope is undefined"):
        load_site(site.root)


def test_a_link_to_a_draft_is_checked_like_any_link(site):
    site.post("2024-05-04-second.md", "title: Second\ndraft: true")
    [(path, line, message)] = problems_of(site, "One.\n\n[s]({% post_url 2024-05-04-second %})\n")
    assert (path, line, message) == (
        "posts/first.md", 7, "link to /2024/05/04/second/, but the site has no page /2024/05/04/second/; "
        "fix the link or add the page")


def test_a_target_with_problems_of_its_own(site):
    site.post("2024-05-04-second.md", "date: 2024-05-04")  # no title
    problems = problems_of(site, "{% post_url 2024-05-04-second %}\n")
    assert ("posts/first.md", 5, "Liquid: `{% post_url 2024-05-04-second %}`: the link's target "
            "posts/2024-05-04-second.md has problems of its own: missing `title`; add `title: ...` to the "
            "frontmatter") in problems


# --- includes: confined and bounded ---


@pytest.mark.parametrize("name", ["../site.yml", "/etc/passwd", "a/../../site.yml", "..\\site.yml"])
def test_an_include_outside_includes_is_refused(site, name):
    [(_, line, message)] = problems_of(site, f"{{% include {name} %}}\n")
    assert line == 5
    assert message.startswith("Liquid: include") and "lies outside _includes/" in message


def test_an_include_linked_out_of_the_content_folder_is_not_read(site, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    (site.root / "_includes").mkdir()
    os.symlink(secret, site.root / "_includes" / "leak.html")
    problems = problems_of(site, "{% include leak.html %}\n")
    assert ("posts/first.md", 5, "Liquid: there is no file _includes/leak.html to include") in problems
    assert not any("SECRET" in message for _, _, message in problems)


def test_a_missing_include(site):
    assert problems_of(site, "{% include nope.html %}\n") == [
        ("posts/first.md", 5, "Liquid: there is no file _includes/nope.html to include")]


def test_an_include_that_includes_itself_stops(site):
    site.raw("_includes/loop.html", "again {% include loop.html %}\n")
    [(_, line, message)] = problems_of(site, "One.\n{% include loop.html %}\n")
    assert line == 6
    assert message.startswith("Liquid: in loop.html, line 1: maximum context depth reached")


def test_an_error_inside_an_include_names_the_include_and_its_line(site):
    site.raw("_includes/card.html", "<div>\n{{ include.missing }}\n</div>\n")
    [(_, line, message)] = problems_of(site, "One.\n\n{% include card.html %}\n")
    assert line == 7
    assert message.startswith("Liquid: in card.html, line 2: include.missing is undefined")


def test_an_include_with_an_unknown_tag(site):
    site.raw("_includes/card.html", "ok\n\n{% seo %}\n")
    [(_, line, message)] = problems_of(site, "{% include card.html %}\n")
    assert line == 5 and message.startswith("Liquid: in card.html, line 3: unexpected tag 'seo'")


def test_page_date_comes_from_the_file_name_as_in_jekyll(site):
    site.post("2024-05-06-named.md", "title: Named", "Posted {{ page.date | date: '%d %B %Y' }}.\n")
    assert "<p>Posted 06 May 2024.</p>" in load_site(site.root).find_by_url("/2024/05/06/named/").html


def test_links_under_the_baseurl_are_checked_without_it(site):
    site.site_yml(SITE_YML + "baseurl: /blog/\n")
    assert 'href="/blog/2024/05/04/second/"' in html_of(site, "[s]({% post_url 2024-05-04-second %})\n")
    assert problems_of(site, "[s]({% post_url 2024-05-04-second %}) [a]({{ '/about/' | relative_url }})\n") == []
    [(_, _, message)] = problems_of(site, "[gone]({{ '/gone/' | relative_url }})\n")
    assert message.startswith("link to /blog/gone/, but the site has no page /blog/gone/")


def test_an_include_named_in_quotes_or_by_a_variable(site):
    site.raw("_includes/note.html", "noted")
    assert "noted" in html_of(site, "{% include 'note.html' %}\n")
    [(_, line, message)] = problems_of(site, "{% include {{ page.note }} %}\n")
    assert (line, message) == (5, "Liquid: an include's name must be written out, not made from a variable")


def test_a_block_never_closed_is_placed_at_its_opening(site):
    [(_, line, message)] = problems_of(site, "One.\n{% if page.title %}\nTwo.\n")
    assert (line, message) == (6, "Liquid: expected tag endif, found end of expression: a block opened here is "
                                  "never closed")


def test_highlight_of_code_holding_a_fence(site):
    html = html_of(site, "{% highlight markdown %}\n```python\nx = 1\n```\n{% endhighlight %}\n\nAfter.\n")
    assert html.count('<div class="highlight">') == 1 and "```python" in html and "<p>After.</p>" in html
