"""The service on an origin of its own (another port than the site), as a separately hosted comment server runs.

A browser then sends only the site's origin as the Referer of a form post (strict-origin-when-cross-origin), so
without JavaScript the way back to the page has to come from what the service knows: the comment's page.
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.test_comments import POST, write_comment


def test_without_javascript_a_comment_posted_to_another_origin_comes_back_to_its_post(split_stack,
                                                                                     page_without_javascript):
    tab = page_without_javascript
    assert split_stack.service_origin != split_stack.origin
    tab.goto(split_stack.url(POST))
    form = tab.locator("#comment-form")
    expect(form).to_have_attribute("action", f"{split_stack.service_origin}/api/comments")
    write_comment(tab, "Posted to a comment server of its own.")
    expect(tab).to_have_url(split_stack.url(POST) + "?herald=comment-posted#herald-comment-posted")
    expect(tab.locator("#herald-comment-posted")).to_be_visible()
    screenshot(tab, "post-without-javascript-service-origin")
    comments = tab.request.get(f"{split_stack.service_origin}/api/comments?page={POST}").json()["comments"]
    assert any("comment server of its own" in comment["html"] for comment in comments)
