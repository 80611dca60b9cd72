"""People and roles in a real browser: the admin invites a moderator, the invitation's link arrives in aiosmtpd
and signs them in, they see and reach only moderation, and removing them signs them out at once."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.team import invite, signed_in_by_link
from tests.browser.test_dashboard import sign_in


def test_an_invited_moderator_signs_in_by_the_mailed_link_and_reaches_only_moderation(stack, page, browser):
    sign_in(stack, page, "/admin/people")
    link = invite(stack, page, "Mo Derator", "mo@example.org", "moderator")
    screenshot(page, "dashboard-people")
    assert link.startswith(stack.url("/admin/link/"))

    with signed_in_by_link(browser, link, "Mo Derator") as mo:
        assert mo.url == stack.url("/admin/")
        navigation = mo.get_by_role("navigation", name="Dashboard")
        expect(navigation.get_by_role("link")).to_have_text(["Moderation"])
        expect(navigation).to_contain_text("Mo Derator (moderator)")
        mo.goto(stack.url("/admin/people"))
        expect(mo.get_by_role("heading", name="Not allowed for your role")).to_be_visible()
        screenshot(mo, "dashboard-forbidden")

        page.goto(stack.url("/admin/people"))
        page.locator(".queue-item", has_text="mo@example.org").get_by_role("button", name="Remove").click()
        expect(page.get_by_role("status")).to_contain_text("removed from the team")
        mo.goto(stack.url("/admin/"))
        expect(mo.get_by_role("heading", name="Dashboard sign-in")).to_be_visible()
        page.goto(stack.url("/admin/audit"))
        expect(page.get_by_role("table")).to_contain_text("person.remove")
