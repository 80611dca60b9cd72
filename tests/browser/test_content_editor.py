"""The Content section's editor in Chromium, on a real repository: the toolbar and its shortcut, the live
preview in its sandboxed frame, the upload dialog inserting the picture's Markdown; without JavaScript, the
Preview button and the save; axe finds nothing at 320 px and no page scrolls sideways there."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from service import create_app as create_service
from tests.browser.axe import axe_violations, report
from tests.browser.conftest import DESKTOP_USER_AGENT, screenshot
from tests.conftest import ADMIN_TOKEN, SAMPLE_CONTENT, SECRET_KEY
from tests.service.conftest import SITE_ORIGIN, LiveServer, render_site_shell
from tests.service.git_repositories import Repositories, git, make_repositories

EDIT = "/admin/content/edit/posts/first.md"


@pytest.fixture
def service_url(tmp_path: Path) -> Iterator[str]:
    repositories: Repositories = make_repositories(tmp_path)
    repositories.push_from_other("site.yml", b"title: Test site\nurl: https://example.org\n")
    git(repositories.clone, "pull", "--quiet", "--ff-only")
    shell = tmp_path / "shell.html"
    shell.write_bytes(render_site_shell(SAMPLE_CONTENT, SITE_ORIGIN))
    app = create_service({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'herald.db'}",
                          "SECRET_KEY": SECRET_KEY, "HERALD_ADMIN_TOKEN": ADMIN_TOKEN,
                          "HERALD_SITE_ORIGIN": SITE_ORIGIN, "HERALD_SITE_SHELL": str(shell),
                          "RATELIMIT_ENABLED": False, "HERALD_CMS_BACKEND": "local",
                          "HERALD_CMS_REPOSITORY": str(repositories.clone), "HERALD_CMS_WORKER": False})
    with LiveServer(app) as server:
        yield server.url


def signed_in(tab: Page, service_url: str) -> Page:
    tab.goto(service_url + "/admin/sign-in")
    tab.fill("#token", ADMIN_TOKEN)
    tab.click("form[action='/admin/sign-in'] button[type=submit]")
    return tab


def picture_file(tmp_path: Path) -> Path:
    path = tmp_path / "Sensor at the gate.png"
    output = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(output, "PNG")
    path.write_bytes(output.getvalue())
    return path


def test_toolbar_shortcut_live_preview_and_upload(page: Page, service_url: str, tmp_path: Path) -> None:
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)
    tab = signed_in(page, service_url)
    tab.goto(service_url + EDIT)
    tab.fill("#body", "Clean air")
    tab.focus("#body")
    tab.keyboard.press("Control+a")
    tab.keyboard.press("Control+b")
    assert tab.input_value("#body") == "**Clean air**"
    expect(tab.frame_locator("#preview-frame").locator("strong")).to_have_text("Clean air")
    assert tab.get_attribute("#preview-frame", "sandbox") == ""
    tab.keyboard.press("Control+End")  # the picture goes where the cursor is
    tab.click("button[data-format=image]")
    tab.set_input_files("#upload-file", str(picture_file(tmp_path)))
    tab.click("#upload-form button[type=submit]")  # no alt text: the browser's own check, then the service's
    assert tab.is_visible("#upload-dialog")
    tab.fill("#upload-alt", "The sensor at the school gate")
    tab.click("#upload-form button[type=submit]")
    expect(tab.locator("#body")).to_have_value(
        "**Clean air**\n\n![The sensor at the school gate](/media/sensor-at-the-gate.png)\n")
    assert tab.locator("iframe").count() == 1  # each preview took the last one's place
    tab.go_back()  # the previews added nothing to the history: back leaves the editor
    expect(tab).not_to_have_url(re.compile(re.escape(EDIT)))
    assert refused == []  # the preview's <base> and styles are allowed by its own policy, not the dashboard's
    screenshot(tab, "content-editor")


def test_without_javascript_the_preview_button_and_save_work(page_without_javascript: Page, service_url: str) -> None:
    tab = signed_in(page_without_javascript, service_url)
    tab.goto(service_url + EDIT)
    assert tab.is_hidden(".editor-toolbar")
    tab.fill("#body", "Written without scripts.")
    tab.click("text=Show preview")
    expect(tab.frame_locator("#preview-frame").locator("body")).to_contain_text("Written without scripts.")
    tab.click("button[name=action][value=save]")
    tab.wait_for_url("**" + EDIT)
    assert "Saved. The site rebuilds in a minute." in tab.content()
    assert tab.input_value("#body").strip() == "Written without scripts."


@pytest.mark.parametrize("path", ["/admin/content/", EDIT, "/admin/content/new", "/admin/content/media",
                                  "/admin/content/settings", "/admin/content/rename/posts/first.md"])
def test_narrow_screens_and_axe(browser, axe_script: str, service_url: str,  # type: ignore[no-untyped-def]
                                path: str) -> None:
    context = browser.new_context(user_agent=DESKTOP_USER_AGENT, viewport={"width": 320, "height": 800})
    try:
        tab = signed_in(context.new_page(), service_url)
        tab.goto(service_url + path)
        assert tab.evaluate("document.documentElement.scrollWidth") <= 320
        # The shell around the dashboard is the site's, unstyled here (its theme is at SITE_ORIGIN, which does
        # not answer): only what the Content section draws is judged.
        inside = "selector => Boolean(document.querySelector(selector)?.closest('.dashboard'))"
        violations = [violation for violation in axe_violations(tab, axe_script)
                      if any(tab.evaluate(inside, selector) for selector, _, _ in violation.nodes)]
        assert not violations, report(path, violations)
    finally:
        context.close()


def test_undo_after_a_toolbar_button_and_bold_toggles_off(page: Page, service_url: str) -> None:
    tab = signed_in(page, service_url)
    tab.goto(service_url + EDIT)
    tab.fill("#body", "")
    tab.focus("#body")
    tab.keyboard.type("Clean air")
    tab.keyboard.press("Control+a")
    tab.keyboard.press("Control+b")
    assert tab.input_value("#body") == "**Clean air**"
    tab.keyboard.press("Control+b")  # the selection is the text inside the markers: bold comes off
    assert tab.input_value("#body") == "Clean air"
    tab.keyboard.press("Control+z")
    assert tab.input_value("#body") == "**Clean air**"
    tab.keyboard.press("Control+z")
    assert tab.input_value("#body") == "Clean air"
    tab.keyboard.press("Control+a")
    tab.click("button[data-format=italic]")
    tab.keyboard.press("Control+a")  # the markers selected too
    tab.click("button[data-format=italic]")
    assert tab.input_value("#body") == "Clean air"


def test_leaving_with_unsaved_changes_asks_first_but_saving_does_not(page: Page, service_url: str) -> None:
    tab = signed_in(page, service_url)
    tab.goto(service_url + EDIT)
    asked: list[str] = []

    def answer(dialog) -> None:  # type: ignore[no-untyped-def]
        asked.append(dialog.type)
        dialog.dismiss()  # stay on the page

    tab.on("dialog", answer)
    rename = tab.locator(".document-actions a", has_text="Rename")
    rename.click()  # nothing changed: no question
    tab.wait_for_url("**/admin/content/rename/**")
    assert asked == []
    tab.go_back()
    tab.focus("#body")
    tab.keyboard.type("An edit not saved yet.")
    with tab.expect_event("dialog"):
        rename.click()
    expect(tab.locator("#body")).to_have_value(re.compile("An edit not saved yet."))
    assert asked == ["beforeunload"]
    tab.click("button[name=action][value=save]")
    tab.wait_for_url("**" + EDIT)
    expect(tab.locator(".notice").first).to_contain_text("Saved")
    assert asked == ["beforeunload"]


@pytest.mark.parametrize("width", [320, 1280])
def test_content_list_reads_at_any_width_and_badges_stay_whole(browser, service_url: str,  # type: ignore[no-untyped-def]
                                                               width: int) -> None:
    context = browser.new_context(user_agent=DESKTOP_USER_AGENT, viewport={"width": width, "height": 800})
    try:
        tab = signed_in(context.new_page(), service_url)
        tab.goto(service_url + "/admin/content/")
        badges = tab.locator(".content-table .status")
        assert badges.count() > 0
        line = tab.evaluate("parseFloat(getComputedStyle(document.querySelector('.content-table .status'))"
                            ".lineHeight) || 20")
        for index in range(badges.count()):
            assert badges.nth(index).bounding_box()["height"] <= line * 1.5  # one line: never "PUBLIS/HED"
        if width == 320:  # each row a card: the title gets the whole width, not a letter per line
            assert tab.locator(".content-table th[scope=row]").first.bounding_box()["width"] >= 250
            expect(tab.locator(".content-table td[data-label=State]").first).to_be_visible()
        screenshot(tab, f"content-list-{width}")
    finally:
        context.close()


def test_the_text_comes_right_after_the_title_in_view_and_in_two_tabs(page: Page, service_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    tab = signed_in(page, service_url)
    tab.goto(service_url + EDIT)
    body, preview = tab.locator("#body").bounding_box(), tab.locator("#preview-frame").bounding_box()
    assert body["y"] < 900  # on the first screen, not under twenty fields
    assert preview["x"] > body["x"] + body["width"] - 1  # the preview beside it
    assert not tab.locator("details.more-details").evaluate("details => details.open")
    screenshot(tab, "content-editor-layout")
    tab.focus("#title")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.dataset.format") == "bold"
    tab.keyboard.press("ArrowRight")  # along the toolbar; it stays one Tab stop
    assert tab.evaluate("document.activeElement.dataset.format") == "italic"
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.id") == "body"


def test_a_preview_of_problems_keeps_its_styles_under_its_own_policy(page: Page, service_url: str) -> None:
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)
    tab = signed_in(page, service_url)
    tab.goto(service_url + EDIT)
    tab.fill("#date", "not a date")  # the preview is the build's problems page, with its <style>
    expect(tab.frame_locator("#preview-frame").locator("body")).to_contain_text("date")
    expect(tab.frame_locator("#preview-frame").locator("style")).to_have_count(1)
    assert refused == []


def test_the_people_pages_role_select_is_drawn_like_the_other_fields(page: Page, service_url: str) -> None:
    tab = signed_in(page, service_url)
    tab.goto(service_url + "/admin/people")
    tab.fill("#invite-name", "Edna Editor")
    tab.fill("#invite-email", "edna@example.org")
    tab.click("form:has(#invite-name) button[type=submit]")
    role = tab.locator("select[name=role][aria-label]").first
    box = role.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 80
    assert role.evaluate("select => parseFloat(getComputedStyle(select).fontSize)") >= 16
    screenshot(tab, "people-roles")
