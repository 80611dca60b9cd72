"""One page of each kind a visitor or an admin opens, on a running stack, for the checks that hold on every page.

The site's pages (home, a post with a comment, its French version, the Arabic page (right to left), a tag, the
archive, the contact page, the board page, the 404 page, the Mastodon share page) are on the site's origin; the service's (the board's plain pages, the dashboard's sections, which need a signed-in
session) on the service's, which is the same origin or one of its own (`start_stack(own_service_origin=...)`).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.conftest import DESKTOP_USER_AGENT, HeraldStack
from tests.conftest import ADMIN_TOKEN
from tests.browser.test_comments import POST
from tests.browser.test_dashboard import sign_in


@dataclass(frozen=True)
class PageType:
    """A kind of page: its name in figures and screenshots, where it is, and whether it needs the admin."""

    name: str
    path: str
    on_service: bool = False
    signed_in: bool = False

    def url(self, stack: HeraldStack) -> str:
        return (stack.service_origin if self.on_service else stack.origin) + self.path


def seed(stack: HeraldStack, context: BrowserContext) -> str:
    """Give the post a comment and the board a thread; the thread's path."""
    service = stack.service_origin
    comment = context.request.post(f"{service}/api/comments",
                                   data={"page": POST, "author": "Ben", "body": "Measured *every* week."})
    assert comment.status == 201, comment.text()
    thread = context.request.post(f"{service}/api/board/threads",
                                  data={"title": "Sensor by the school?", "author": "Ana", "body": "Who has one?"})
    assert thread.status == 201, thread.text()
    return f"/board/threads/{thread.json()['id']}/"


def seed_moderated(stack: HeraldStack, context: BrowserContext) -> str:
    """On a stack with HERALD_MODERATION=queue: what `seed` gives, approved, and something in every section of the
    dashboard (a comment and a board reply waiting, a message in the outbox, page views and a press); the thread's
    path."""
    service, admin = stack.service_origin, {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    thread = seed(stack, context)
    for listing, key in (("comments", "comments"), ("board/posts", "posts")):
        for item in context.request.get(f"{service}/api/admin/{listing}", headers=admin).json()[key]:
            approved = context.request.post(f"{service}/api/admin/{listing}/{item['id']}/approve", headers=admin)
            assert approved.ok, approved.text()
    thread_id = thread.split("/")[-2]
    waiting = [
        context.request.post(f"{service}/api/comments", data={"page": POST, "author": "Cy", "body": "Waiting *here*",
                                                              "website": "https://cy.example.net"}),
        context.request.post(f"{service}/api/board/threads/{thread_id}/posts", data={"author": "Di", "body": "Me too"}),
        context.request.post(f"{service}/api/contact", data={"name": "Eli", "email": "eli@example.org",
                                                             "subject": "Volunteering", "message": "Saturdays?"}),
    ] + [context.request.post(f"{service}/api/events", headers={"Content-Type": "text/plain"}, data=json.dumps(event))
         for event in ({"type": "pageview", "path": "/"}, {"type": "pageview", "path": "/"},
                       {"type": "pageview", "path": POST}, {"type": "click", "path": "/", "label": "Donate"})]
    assert all(answer.ok for answer in waiting), [answer.text() for answer in waiting]
    return thread


def page_types(thread_path: str) -> list[PageType]:
    """Every kind of page, the board's thread being the one at `thread_path`."""
    return [
        PageType("home", "/"),
        PageType("post with comments", POST),
        PageType("French post", "/fr" + POST),
        PageType("Arabic page", "/ar/about/"),  # right to left
        PageType("tag", "/tags/winter/"),
        PageType("archive", "/archive/"),
        PageType("contact", "/contact/"),
        PageType("board page", "/board/"),
        PageType("404", "/no-such-page/"),
        PageType("Mastodon share", "/share/mastodon/?text=Clean%20air%20https%3A%2F%2Fcleanair.example.org%2F"),
        PageType("board", "/board/threads/", on_service=True),
        PageType("board thread", thread_path, on_service=True),
        PageType("dashboard sign-in", "/admin/sign-in", on_service=True),
        PageType("dashboard queue", "/admin/", on_service=True, signed_in=True),
        PageType("dashboard outbox", "/admin/outbox", on_service=True, signed_in=True),
        PageType("dashboard analytics", "/admin/analytics", on_service=True, signed_in=True),
        PageType("dashboard social", "/admin/social", on_service=True, signed_in=True),
        PageType("dashboard people", "/admin/people", on_service=True, signed_in=True),
        PageType("dashboard audit log", "/admin/audit", on_service=True, signed_in=True),
    ]


def admin_session(browser: Browser, stack: HeraldStack) -> dict[str, Any]:
    """The cookies of a signed-in admin, to open the dashboard's sections in fresh tabs; the admin has invited
    a moderator, so the People and Audit log pages have something in them."""
    context = browser.new_context(user_agent=DESKTOP_USER_AGENT)
    try:
        tab = context.new_page()
        sign_in(dataclasses.replace(stack, origin=stack.service_origin), tab, "/admin/people")
        tab.get_by_label("Name").fill("Mo Derator, who moderates the board on weekdays")
        tab.get_by_label("Email address").fill("mo.derator.weekdays@volunteers.cleanair.example.org")
        tab.get_by_label("Role").select_option("moderator")
        tab.get_by_role("button", name="Invite").click()
        tab.get_by_role("status").wait_for()
        return context.storage_state()
    finally:
        context.close()


@contextmanager
def fresh_context(browser: Browser, kind: PageType, session: dict[str, Any], width: int = 1280) -> Iterator[BrowserContext]:
    """A new context (empty cache) of `width`, signed in when the kind of page needs it."""
    context = browser.new_context(user_agent=DESKTOP_USER_AGENT, viewport={"width": width, "height": 900},
                                  storage_state=session if kind.signed_in else None)  # type: ignore[arg-type]
    try:
        yield context
    finally:
        context.close()


def seeded_kinds(stack: HeraldStack, browser: Browser) -> tuple[dict[str, PageType], dict[str, Any]]:
    """Seed the stack (`seed`); each kind of page by its name, and an admin's session."""
    context = browser.new_context()
    thread = seed(stack, context)
    context.close()
    return {kind.name: kind for kind in page_types(thread)}, admin_session(browser, stack)


@contextmanager
def opened(browser: Browser, stack: HeraldStack, kind: PageType, session: dict[str, Any]) -> Iterator[Page]:
    """A tab in a fresh context on the page of `kind`, with what its scripts fetch when it opens."""
    with fresh_context(browser, kind, session) as context:
        tab = context.new_page()
        tab.goto(kind.url(stack), wait_until="networkidle")
        yield tab
