"""No violation axe-core finds (WCAG 2.0 to 2.2, A and AA, and axe's best practices), in the light and the dark
colour scheme, on every kind of page and on what a visitor's actions bring up: errors next to fields, notices, an
open reply form, a comment waiting for moderation, an error page, the service's plain pages.

Each page is loaded once and checked in both schemes (Playwright switches `prefers-color-scheme` in place), with
the service on the site's origin and comments held for moderation, so each dashboard section has something in
it. What each kind of page counted is kept for the closing note (test-artifacts/quality-figures.txt).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, Page, expect

from service import create_app as create_service
from tests.browser import axe
from tests.browser.axe import AXE_VERSION, Violation, axe_violations, report
from tests.browser.conftest import DESKTOP_USER_AGENT, HeraldStack, start_stack
from tests.browser.page_types import PageType, admin_session, fresh_context, opened, page_types, seed_moderated
from tests.browser.quality_figures import record_section
from tests.browser.test_comments import POST
from tests.conftest import ADMIN_TOKEN, SECRET_KEY, free_port, serving

SCHEMES = ("light", "dark")


@dataclass
class Checked:
    """The running stack with something in every page, an admin's session, and what axe found per kind of page."""

    stack: HeraldStack
    kinds: list[PageType]
    session: dict
    found: dict[str, dict[str, int]] = field(default_factory=dict)


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> Iterator[Checked]:
    for stack in start_stack(tmp_path_factory.mktemp("axe"), HERALD_MODERATION="queue"):
        context = browser.new_context(user_agent=DESKTOP_USER_AGENT)
        thread = seed_moderated(stack, context)
        context.close()
        result = Checked(stack, page_types(thread), admin_session(browser, stack))
        yield result
        record_section(f"Accessibility: axe-core {AXE_VERSION} violations (offending elements of every broken rule), "
                       "per kind of page, then per visitor's action (one origin)", [
            f"{name:<36} {sum(counts.values()):3} axe violations ("
            + ", ".join(f"{scheme} {count}" for scheme, count in counts.items()) + ")"
            for name, counts in result.found.items()])


def violations_in_each_scheme(tab: Page, axe_script: str) -> dict[str, list[Violation]]:
    """What axe finds on the open page in each colour scheme, switched in place."""
    found = {}
    for scheme in SCHEMES:
        tab.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        found[scheme] = axe_violations(tab, axe_script)
    return found


def counted(found: dict[str, list[Violation]]) -> dict[str, int]:
    """How many elements broke a rule, per scheme."""
    return {scheme: sum(len(violation.nodes) for violation in violations) for scheme, violations in found.items()}


def assert_none(name: str, found: dict[str, list[Violation]]) -> None:
    """Fail naming the page, each broken rule and its elements, in each scheme where axe found something."""
    if any(found.values()):
        pytest.fail("\n".join(report(f"{name} ({scheme})", violations)
                              for scheme, violations in found.items() if violations), pytrace=False)


KIND_NAMES = [kind.name for kind in page_types("/board/threads/1/")]


@pytest.mark.parametrize("kind_name", KIND_NAMES)
def test_axe_finds_nothing_on_any_kind_of_page_light_or_dark(checked, browser, axe_script, kind_name):
    kind = next(kind for kind in checked.kinds if kind.name == kind_name)
    with opened(browser, checked.stack, kind, checked.session) as tab:
        assert tab.url == kind.url(checked.stack)  # not sent to the sign-in page, nor anywhere else
        found = violations_in_each_scheme(tab, axe_script)
    checked.found[kind.name] = counted(found)
    assert_none(kind.name, found)


def fill(tab: Page, form: str, **values: str) -> None:
    """Fill the fields of the form with id `form` by their names, and send it."""
    for name, value in values.items():
        tab.locator(f"#{form} [name={name}]").fill(value)
    tab.locator(f"#{form} [type=submit]").click()


def comment_errors(tab: Page) -> None:
    fill(tab, "comment-form")
    expect(tab.locator("#comment-body-error")).not_to_be_empty()


def replying(tab: Page) -> None:
    tab.locator(".comment").first.get_by_role("button", name="Reply").click()
    expect(tab.locator("[data-replying]")).to_be_visible()


def own_comment_waiting(tab: Page) -> None:
    fill(tab, "comment-form", body="Is the *school gate* sensor back?", author="Ida", website="https://ida.example.net")
    expect(tab.locator(".comment-own .comment-status")).to_be_visible()


def contact_errors(tab: Page) -> None:
    fill(tab, "contact-form", email="not an address")
    expect(tab.locator("#contact-email-error")).not_to_be_empty()


def contact_sent(tab: Page) -> None:
    fill(tab, "contact-form", name="Ida", email="ida@example.net", message="Can I help on Saturdays?")
    expect(tab.locator("#herald-contact-sent")).to_be_visible()


def new_thread_errors(tab: Page) -> None:
    fill(tab, "thread-form", body="A message without a title")
    expect(tab.locator("#thread-title-error")).not_to_be_empty()


def open_thread_with_reply_errors(tab: Page) -> None:
    tab.locator("[data-thread-list] a").first.click()
    expect(tab.locator("[data-thread-title]")).to_be_focused()
    fill(tab, "reply-form")
    expect(tab.locator("#reply-body-error")).not_to_be_empty()


def plain_form_error(tab: Page) -> None:
    fill(tab, "thread-form", title="A title", author="Ida", body="   ")  # passes `required`, not the service
    expect(tab.get_by_role("heading", name="Please check what you sent")).to_be_visible()


def wrong_token(tab: Page) -> None:
    tab.get_by_label("Admin token").fill("not the token")
    tab.get_by_role("button", name="Sign in").click()
    expect(tab.get_by_role("alert")).to_be_visible()


def nothing(tab: Page) -> None:
    """The page as it loads."""


@dataclass(frozen=True)
class State:
    """What a visitor's action brings up on a page: where, and the action."""

    page: PageType
    act: Callable[[Page], None]


STATES = {
    "post: comment errors": State(PageType("post", POST), comment_errors),
    "post: reply form open": State(PageType("post", POST), replying),
    "post: own comment waiting": State(PageType("post", POST), own_comment_waiting),
    "contact: errors": State(PageType("contact", "/contact/"), contact_errors),
    "contact: sent": State(PageType("contact", "/contact/"), contact_sent),
    "board page: thread errors": State(PageType("board page", "/board/"), new_thread_errors),
    "board page: a thread, reply errors": State(PageType("board page", "/board/"), open_thread_with_reply_errors),
    "board: form error page": State(PageType("board", "/board/threads/", on_service=True), plain_form_error),
    "board: notice": State(PageType("board", "/board/threads/?herald=board-queued", on_service=True), nothing),
    "board: no such thread": State(PageType("board", "/board/threads/999/", on_service=True), nothing),
    "sign-in: wrong token": State(PageType("sign-in", "/admin/sign-in", on_service=True), wrong_token),
    "dashboard: everything": State(PageType("queue", "/admin/?show=all", on_service=True, signed_in=True), nothing),
    "dashboard: wrong dates": State(PageType("analytics", "/admin/analytics?from=2026-13-01&to=soon",
                                             on_service=True, signed_in=True), nothing),
}


@pytest.mark.parametrize("state_name", list(STATES))
def test_axe_finds_nothing_in_what_a_visitors_actions_bring_up(checked, browser, axe_script, state_name):
    state = STATES[state_name]
    with fresh_context(browser, state.page, checked.session) as context:
        tab = context.new_page()
        tab.goto(state.page.url(checked.stack))
        state.act(tab)  # which waits for what it brings up
        found = violations_in_each_scheme(tab, axe_script)
    checked.found[state_name] = counted(found)
    assert_none(state_name, found)


@pytest.fixture(scope="module")
def plain_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A service that never read the site's shell (none is there), with a thread: its pages in the plain shell;
    its origin."""
    folder = tmp_path_factory.mktemp("plain")
    app = create_service({
        "DATABASE_URL": f"sqlite:///{folder / 'herald.db'}", "SECRET_KEY": SECRET_KEY, "HERALD_ADMIN_TOKEN": ADMIN_TOKEN,
        "HERALD_SITE_ORIGIN": "http://127.0.0.1:9", "HERALD_SITE_SHELL": str(folder / "no-shell.html"),
        "HERALD_SITE_TITLE": "Clean Air Now", "HERALD_CONTACT_WORKER": False, "RATELIMIT_ENABLED": False,
    })
    port = free_port()
    try:
        with serving(app, port):
            started = app.test_client().post("/api/board/threads", json={
                "title": "Sensor by the school?", "author": "Ana", "body": "Who has one?"})
            assert started.status_code == 201, started.text
            yield f"http://127.0.0.1:{port}"
    finally:
        app.extensions["herald_db"].engine.dispose()


@pytest.mark.parametrize("path", ["/board/threads/?herald=board-posted", "/board/threads/1/", "/board/threads/9/",
                                  "/admin/sign-in"])
def test_axe_finds_nothing_on_the_services_plain_pages(plain_service, page, axe_script, path):
    page.goto(plain_service + path)
    expect(page.locator("body.herald-plain")).to_have_count(1)
    found = violations_in_each_scheme(page, axe_script)
    assert_none(f"plain shell {path}", found)


def test_a_page_with_known_faults_is_reported_with_its_rules_and_elements(page, axe_script):
    """The check can fail: a field without a label and grey on grey, named by rule, selector and HTML."""
    page.set_content('<!doctype html><html lang="en"><title>Faults</title><main><h1>Faults</h1>'
                     '<p id="faint" style="color: #888; background: #999">Faint</p><p><input id="nameless"></p>'
                     '</main></html>')
    found = axe_violations(page, axe_script)
    assert {"label", "color-contrast"} <= {violation.rule for violation in found}
    message = report("known faults", found)
    assert '#nameless: <input id="nameless">' in message and "#faint" in message


def test_a_fetched_axe_that_is_not_the_pinned_one_is_refused_and_removed(tmp_path, monkeypatch):
    tampered = tmp_path / "axe-core.tgz"
    tampered.write_bytes(b"not the pinned tarball")
    monkeypatch.setattr(axe, "AXE_TARBALL", tampered)
    with pytest.raises(AssertionError, match="not the pinned sha512-"):
        axe.axe_source()
    assert not tampered.exists()
