"""The sample's old addresses (`redirect_from` on its about page, `redirects` in site.yml) in a real browser, served
as a static host serves the frozen files: each lands on its page, with JavaScript or without."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("old", "new"), [("/who-we-are/", "/about/"), ("/who-we-are", "/about/"),
                                          ("/about-us.html", "/about/"), ("/get-involved/", "/contact/")])
def test_an_old_address_lands_on_its_page(plain_site, page_without_javascript, old: str, new: str) -> None:
    page_without_javascript.goto(plain_site.url(old))
    page_without_javascript.wait_for_url(plain_site.url(new))
    assert page_without_javascript.locator("main h1").count() == 1


def test_the_redirect_page_is_no_dead_end_with_javascript_on(plain_site, page) -> None:
    page.goto(plain_site.url("/who-we-are/"))
    page.wait_for_url(plain_site.url("/about/"))
    assert page.title() and "About" in page.locator("main h1").inner_text()
