"""People and roles in a real browser: the admin invites a moderator, the invitation's link arrives in aiosmtpd
and signs them in, they see and reach only moderation, and removing them signs them out at once."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.test_dashboard import sign_in
from tests.browser.conftest import screenshot

LINK = re.compile(r"(https?://\S+/admin/link/\S+)")


def test_an_invited_moderator_signs_in_by_the_mailed_link_and_reaches_only_moderation(stack, page, browser):
    sign_in(stack, page, "/admin/people")
    page.get_by_label("Name").fill("Mo Derator")
    page.get_by_label("Email address").fill("mo@example.org")
    page.get_by_label("Role").select_option("moderator")
    page.get_by_role("button", name="Invite").click()
    expect(page.get_by_role("status")).to_contain_text("Mo Derator is invited as moderator")
    screenshot(page, "dashboard-people")

    [mail] = [item for item in stack.smtp.wait_for(1) if item.rcpt_tos == ["mo@example.org"]]
    link = LINK.search(mail.mail.get_content()).group(1)
    assert link.startswith(stack.url("/admin/link/"))
    context = browser.new_context()
    try:
        mo = context.new_page()
        mo.goto(link)
        mo.get_by_role("button", name="Sign in as Mo Derator").click()
        mo.wait_for_url(stack.url("/admin/"))
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
    finally:
        context.close()
