"""The page `serve` shows while the content has errors: styled on its own, every problem listed (warnings too),
and its words agreeing with the number of errors."""

from __future__ import annotations

import re

from herald_site import create_app
from tests.site.conftest import ContentFolder


def problems_page(content: ContentFolder) -> str:
    response = create_app(content.root, watch=True).test_client().get("/")
    assert response.status_code == 500
    return response.get_data(as_text=True)


def test_one_error_is_one_problem_to_fix(content: ContentFolder) -> None:
    content.post("broken.md", "date: 2024-01-01")

    page = problems_page(content)

    assert "<h1>The content has 1 error, 0 warnings</h1>" in page
    assert "Fix it and reload" in page
    assert re.search(r"<style>.+</style>", page, re.DOTALL)  # no theme needed: the content may be what broke
    assert len(re.findall(r'<li class="error"><code>[^<]*broken\.md:\d+: [^<]*title', page)) == 1


def test_several_errors_and_the_warnings_beside_them(content: ContentFolder) -> None:
    content.post("broken.md", "date: 2024-01-01")
    content.post("also-broken.md", "title: Also\ndate: someday")
    content.post("pictured.md", "title: Pictured\ndate: 2024-01-01", "![A chart](/media/no-such-chart.png)\n")

    page = problems_page(content)

    assert "<h1>The content has 2 errors, 1 warning</h1>" in page
    assert "Fix them and reload" in page
    assert re.search(r'<li class="warning"><code>[^<]*pictured\.md:\d+: warning: [^<]*no-such-chart', page)
