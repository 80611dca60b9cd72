"""The dashboard's team in Chromium, as people use it: the admin invites someone on the People page, the
invitation's link arrives in aiosmtpd, and the invited person opens it in a browser of their own and signs in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP_USER_AGENT, HeraldStack

LINK = re.compile(r"(https?://\S+/admin/link/\S+)")


def invite(stack: HeraldStack, admin: Page, name: str, address: str, role: str) -> str:
    """Invite `name` as `role` from the People page (`admin` is signed in on the service's origin); the sign-in
    link their mail carries."""
    admin.goto(stack.service_origin + "/admin/people")
    admin.get_by_label("Name", exact=True).fill(name)
    admin.get_by_label("Email address", exact=True).fill(address)
    admin.get_by_label("Role", exact=True).select_option(role)
    admin.get_by_role("button", name="Invite").click()
    expect(admin.get_by_role("status")).to_contain_text(f"{name} is invited as {role}")
    found = LINK.search(stack.smtp.mail_to(address).mail.get_content())
    assert found is not None, f"the mail to {address} carries no sign-in link"
    return found.group(1)


@contextmanager
def signed_in_by_link(browser: Browser, link: str, name: str) -> Iterator[Page]:
    """A tab in a fresh browser context (no cookies) signed in by opening `link` and pressing its button."""
    context = browser.new_context(user_agent=DESKTOP_USER_AGENT, viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(link)
        tab.get_by_role("button", name=f"Sign in as {name}").click()
        tab.wait_for_load_state()
        expect(tab.get_by_role("navigation", name="Dashboard")).to_contain_text(name)
        yield tab
    finally:
        context.close()
