"""Whatever Liquid an editor writes, loading gives a site or content problems naming the file and a line: never
a traceback."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.site.test_content_properties import FUZZ, check_document

FRAGMENTS = st.sampled_from([
    "{{", "}}", "{%", "%}", "{{ site.title }}", "{{ page.title | upcase }}", "{% raw %}", "{% endraw %}",
    "{% if page.title %}", "{% endif %}", "{% for i in (1..3) %}", "{% endfor %}", "{% highlight python %}",
    "{% highlight %}", "{% endhighlight %}", "{% post_url 2024-01-02-hello %}", "{% link posts/hello.md %}",
    "{% include x.html a=1 %}", "{% include %}", "{{ 'a' | relative_url }}", "{{ 1 | divided_by: 0 }}",
    "{{ x | nope }}", "{% assign a = 'b' %}", "{{ a[0] }}", "{%- -%}", "|", "'", '"', "\n", "```", " ", "a",
])
LIQUIDISH = st.lists(FRAGMENTS | st.text(max_size=5), max_size=16).map("".join)


@FUZZ
@given(body=LIQUIDISH)
def test_liquid_gives_a_site_or_located_problems(body):
    check_document("post", "2024-01-02-hello.md", f"---\ntitle: Hello\nrender_with_liquid: true\n---\n{body}")
