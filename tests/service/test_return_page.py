"""Where a plain form post goes back to (the 303) and where its error page links back to: one decision.

Only an http(s) page of the site's or the service's own origin is taken from the Referer; otherwise the page the
service knows the post belongs to. A Referer carrying only an origin (browsers send just that across origins)
names no page, so the known page wins then too.
"""

from __future__ import annotations

import re

import pytest

from tests.service.conftest import SITE_ORIGIN

PAGE = "/2026/05/clean-air-day/"
COMMENT = {"page": PAGE, "author": "Ada", "body": "Hello from a form."}
THREAD = {"title": "Trees", "author": "Ben", "body": "Plant more?"}
SERVICE_ORIGIN = "http://localhost"  # the test client's
POSTED = "?herald=comment-posted#herald-comment-posted"
# Nothing here may be followed: scheme-relative, script, data, unparseable, and our origins without a path.
NOT_A_PAGE_OF_OURS = ["//elsewhere.example/x", "javascript:alert(document.domain)", "data:text/html,<p>hi",
                      "http://[::1/x", "", SERVICE_ORIGIN, f"{SERVICE_ORIGIN}/"]


def back_link(html: str) -> str:
    match = re.search(r'<a class="button" href="([^"]*)">Back to the page</a>', html)
    assert match, "the error page has no way back"
    return match.group(1)


@pytest.mark.parametrize("referer", [SITE_ORIGIN, f"{SITE_ORIGIN}/"])
def test_a_referer_with_only_the_sites_origin_goes_back_to_the_comments_post(client, referer):
    response = client.post("/api/comments", data=COMMENT, headers={"Referer": referer})
    assert response.status_code == 303
    assert response.headers["Location"] == f"{SITE_ORIGIN}{PAGE}{POSTED}"


def test_a_referer_with_only_the_sites_origin_goes_back_to_the_board(client):
    response = client.post("/api/board/threads", data=THREAD, headers={"Referer": f"{SITE_ORIGIN}/"})
    assert response.headers["Location"] == f"{SITE_ORIGIN}/board/?herald=board-posted#herald-board-posted"


def test_a_page_of_the_service_itself_is_gone_back_to(client):
    referer = f"{SERVICE_ORIGIN}/board/threads/?page=2"
    response = client.post("/api/board/threads", data=THREAD, headers={"Referer": referer})
    assert response.headers["Location"] == f"{referer}&herald=board-posted#herald-board-posted"


@pytest.mark.parametrize("site_origin", [SITE_ORIGIN, None])
@pytest.mark.parametrize("referer", NOT_A_PAGE_OF_OURS)
def test_only_our_own_http_pages_are_ever_gone_back_to(make_app, site_origin, referer):
    client = make_app(HERALD_SITE_ORIGIN=site_origin).test_client()
    ours = site_origin or ""  # with no site origin configured, the service's own (a relative URL)
    posted = client.post("/api/comments", data=COMMENT, headers={"Referer": referer})
    assert posted.status_code == 303 and posted.headers["Location"] == f"{ours}{PAGE}{POSTED}"
    refused = client.post("/api/comments", data={**COMMENT, "body": ""}, headers={"Referer": referer})
    assert refused.status_code == 400 and back_link(refused.text) == f"{ours}/"


def test_the_error_page_links_back_to_the_page_of_ours_it_came_from(client):
    referer = f"{SITE_ORIGIN}/board/?sort=new"
    refused = client.post("/api/board/threads", data={**THREAD, "title": ""}, headers={"Referer": referer})
    assert refused.status_code == 400 and back_link(refused.text) == "https://site.example.org/board/?sort=new"


def test_without_a_page_in_the_referer_a_french_post_returns_to_the_french_page(make_app):
    """Across origins a browser sends only the origin: told the site's languages, the service goes back to the
    board's or the home's version in the visitor's language, not the default's."""
    client = make_app(HERALD_SITE_LANGUAGES="en,fr").test_client()
    headers = {"Referer": f"{SITE_ORIGIN}/"}
    response = client.post("/api/board/threads", data={**THREAD, "lang": "fr"}, headers=headers)
    assert response.headers["Location"] == f"{SITE_ORIGIN}/fr/board/?herald=board-posted#herald-board-posted"
    response = client.post("/api/board/threads", data={**THREAD, "lang": "es"}, headers=headers)
    assert response.headers["Location"].startswith(f"{SITE_ORIGIN}/board/?")  # Spanish is no language of the site
    response = client.post("/api/contact", data={"name": "Ann", "email": "ann@example.org", "message": "Hi",
                                                 "lang": "fr"}, headers=headers)
    assert response.headers["Location"] == f"{SITE_ORIGIN}/fr/?herald=contact-sent#herald-contact-sent"
