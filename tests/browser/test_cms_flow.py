"""Issue 18's content manager end to end in Chromium, on the `local` backend with a real bare remote and a working
clone holding the sample site: an editor the admin invites signs in by the mailed link, writes a post with a
picture, sees the preview, and the commit lands in the remote as theirs, in the audit log too; a second editor's
save over a changed post is refused with the difference; a moderator reaches neither Content nor People; a broken
link and bad uploads are refused beside their field, with nothing committed. Each runs in both deployment shapes
(the service on the site's origin, and on one of its own); screenshots of each step go to SCREENSHOTS."""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Locator, Page, expect

from herald_site.editing.fields import split_document
from tests.browser.conftest import HeraldStack, screenshot, start_stack
from tests.browser.team import invite, signed_in_by_link
from tests.browser.test_content_editor import picture_file
from tests.browser.test_dashboard import sign_in
from tests.conftest import SAMPLE_CONTENT
from tests.service.git_repositories import Repositories, make_repositories

COMMITTER = "Herald <herald@localhost>"  # the service's default HERALD_CMS_COMMITTER
SAMPLE_POST = "posts/2026-04-02-reading-the-sensors.md"
TITLE = "Clean air at the school gate"
ALT = "The sensor at the school gate"


@dataclass
class CmsSite:
    """The stack with its content manager on the `local` backend, and the repositories behind it."""

    stack: HeraldStack
    repositories: Repositories
    shape: str

    def admin_url(self, path: str) -> str:
        return self.stack.service_origin + path

    def remote_commits(self) -> list[str]:
        return self.repositories.remote_log()


@pytest.fixture(scope="module", params=["one-origin", "own-origin"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CmsSite]:
    """The sample site in a bare remote and a clone, and a stack whose service commits there: on the site's own
    origin (Netlify's redirects send /admin to it), then on an origin of its own."""
    shape = request.param
    folder = tmp_path_factory.mktemp(shape)
    repositories = make_repositories(folder, SAMPLE_CONTENT)
    with contextmanager(start_stack)(folder, own_service_origin=shape == "own-origin", HERALD_CMS_BACKEND="local",
                                     HERALD_CMS_REPOSITORY=str(repositories.clone), HERALD_CMS_WORKER=False) as stack:
        yield CmsSite(stack, repositories, shape)


def admin_signed_in(site: CmsSite, tab: Page) -> Page:
    sign_in(dataclasses.replace(site.stack, origin=site.stack.service_origin), tab, "/admin/people")
    return tab


@contextmanager
def editor(site: CmsSite, admin: Page, browser: Browser, name: str, address: str) -> Iterator[Page]:
    """A tab of `name`, invited by `admin` as an editor and signed in by the mailed link."""
    with signed_in_by_link(browser, invite(site.stack, admin, name, address, "editor"), name) as tab:
        yield tab


def notice(tab: Page) -> Locator:
    """The dashboard's flashed message (the page has other, empty, status regions)."""
    return tab.locator(".dashboard > .notice[role=status]")


def not_an_image(tmp_path: Path) -> Path:
    path = tmp_path / "photo.jpg"
    path.write_text("Not a photo at all, only words.\n")
    return path


def too_large_picture(tmp_path: Path) -> Path:
    """A real PNG over the 10 MB an upload may be (noise does not compress)."""
    path = tmp_path / "huge.png"
    side = 2000
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(path, "PNG", compress_level=1)
    assert path.stat().st_size > 10.5 * 1024 * 1024
    return path


# The picture's width once it has loaded or failed (0), from inside the frame the preview shows.
LOADED_WIDTH = ("image => image.complete ? image.naturalWidth : new Promise(done => {"
                " image.addEventListener('load', () => done(image.naturalWidth));"
                " image.addEventListener('error', () => done(0)); })")


def test_an_invited_editor_writes_a_post_with_a_picture_and_the_commit_is_theirs(  # type: ignore[no-untyped-def]
        site, page, browser, tmp_path):
    shot = f"cms-{site.shape}"
    address = f"ed@{site.shape}.example.org"
    admin_signed_in(site, page)
    with editor(site, page, browser, "Ed Itor", address) as ed:
        screenshot(page, f"{shot}-1-invited")
        assert ed.url == site.admin_url("/admin/content/")  # an editor lands on Content
        screenshot(ed, f"{shot}-2-editor-lands-on-content")
        heights = {box["height"] for box in (badge.bounding_box() for badge in
                                             ed.locator(".content-table .status").all()) if box}
        assert len(heights) == 1, heights  # no state's badge breaks inside its word
        ed.get_by_role("navigation", name="Content").get_by_role("link", name="New").click()
        ed.get_by_label("Title").fill(TITLE)
        ed.get_by_role("button", name="Create draft").click()
        expect(ed.get_by_role("heading", name=f"Edit post: {TITLE}")).to_be_visible()
        path = ed.url.split("/admin/content/edit/")[1]
        assert path.startswith("posts/") and path.endswith("-clean-air-at-the-school-gate.md")

        tags = ed.get_by_label("Tags")
        expect(tags).to_have_attribute("list", "tag-suggestions")
        expect(ed.locator("#tag-suggestions option[value=sensors]")).to_have_count(1)  # from the sample's posts
        tags.fill("sensors, schools")  # headless Chromium draws no datalist popup to pick from

        body = ed.get_by_label("Text (Markdown)")
        toolbar = ed.get_by_role("toolbar", name="Formatting")
        body.click()
        ed.keyboard.type("Readings at the gate")
        ed.keyboard.press("Shift+Home")
        toolbar.get_by_role("button", name="Heading").click()
        ed.keyboard.press("End")
        ed.keyboard.type("\n\nThe air is cleaner")
        for _ in "cleaner":
            ed.keyboard.press("Shift+ArrowLeft")
        toolbar.get_by_role("button", name="Bold").click()
        ed.keyboard.press("End")
        ed.keyboard.type(" since the street closed.")
        ed.keyboard.press("Control+End")
        toolbar.get_by_role("button", name="Image").click()
        dialog = ed.get_by_role("dialog", name="Upload an image")
        expect(dialog).to_be_visible()
        dialog.get_by_label("Image").set_input_files(picture_file(tmp_path))
        dialog.get_by_label("Alt text").fill(ALT)
        screenshot(ed, f"{shot}-3-upload-dialog", full_page=False)
        dialog.get_by_role("button", name="Upload and insert").click()
        expect(dialog).to_be_hidden()
        expect(body).to_have_value("## Readings at the gate\n\nThe air is **cleaner** since the street closed.\n\n"
                                   f"![{ALT}](/media/sensor-at-the-gate.png)\n")
        expect(body).to_be_focused()

        preview = ed.frame_locator("#preview-frame")
        expect(preview.locator("strong", has_text="cleaner")).to_be_visible()  # the live preview
        # Not on the site before the next build: the preview shows the content folder's copy, through the dashboard.
        picture = preview.get_by_role("img", name=ALT)
        expect(picture).to_have_attribute("src", re.compile(
            "^" + re.escape(site.admin_url("/admin/content/media-file/media/sensor-at-the-gate.png?"))))
        assert picture.evaluate(LOADED_WIDTH) > 0
        # The site's own stylesheets, loaded from the site's origin in both shapes: what the build will publish.
        assert preview.locator("html").evaluate("html => html.baseURI") == site.stack.url("/")
        assert preview.locator("link[rel=stylesheet]").evaluate_all("links => links.every(link => link.sheet)")
        expect(ed.get_by_role("status").filter(has_text="Uploaded media/sensor-at-the-gate.png")).to_contain_text(
            "Saved.")  # still there once the preview has updated
        screenshot(ed, f"{shot}-4-written-with-preview")

        ed.get_by_role("button", name="Publish").click()
        expect(notice(ed)).to_contain_text("Published: it is on the site after the next build")
        screenshot(ed, f"{shot}-5-published")

    post_log = site.repositories.remote_log(f"content/{path}")
    assert post_log[0] == f"Ed Itor <{address}>|{COMMITTER}|Publish post: {TITLE}"
    assert all(line.startswith("Ed Itor") for line in post_log)  # the draft's creation too
    frontmatter, body = split_document(site.repositories.remote_file(path).decode())
    assert frontmatter["title"] == TITLE and frontmatter["tags"] == ["sensors", "schools"]
    assert not frontmatter.get("draft")
    assert body.strip() == ("## Readings at the gate\n\nThe air is **cleaner** since the street closed.\n\n"
                            f"![{ALT}](/media/sensor-at-the-gate.png)")
    [upload] = site.repositories.remote_log("content/media/sensor-at-the-gate.png")
    assert upload.startswith(f"Ed Itor <{address}>|")
    assert site.repositories.remote_file("media/sensor-at-the-gate.png").startswith(b"\x89PNG")

    page.goto(site.admin_url("/admin/audit"))
    latest = page.get_by_role("table").locator("tbody tr").first
    expect(latest).to_contain_text("Ed Itor")
    expect(latest).to_contain_text("content.publish")
    expect(latest).to_contain_text(path)
    expect(latest).to_contain_text(f"Publish post: {TITLE}")
    screenshot(page, f"{shot}-6-audit-log")


def test_a_second_editors_save_over_a_changed_post_is_refused_with_the_difference(  # type: ignore[no-untyped-def]
        site, page, browser):
    admin_signed_in(site, page)
    edit = site.admin_url(f"/admin/content/edit/{SAMPLE_POST}")
    with editor(site, page, browser, "Ana First", "ana@example.org") as ana, \
            editor(site, page, browser, "Ben Second", "ben@example.org") as ben:
        for tab in (ana, ben):
            tab.goto(edit)
        before = site.remote_commits()
        for tab, line in ((ana, "Ana's reading: 12 µg/m³."), (ben, "Ben's reading: 40 µg/m³.")):
            tab.locator("#body").press("Control+End")
            tab.keyboard.type(f"\n{line}\n")
        ana.get_by_role("button", name="Save", exact=True).click()
        expect(notice(ana)).to_contain_text("Saved.")
        ben.get_by_role("button", name="Save", exact=True).click()
        expect(ben.get_by_role("heading", name=f"Not saved: someone changed {SAMPLE_POST} meanwhile")).to_be_visible()
        expect(ben.get_by_role("alert")).to_contain_text("Nothing was overwritten, and your text is kept below.")
        difference = ben.get_by_role("region", name="The difference")
        expect(difference.locator(".diff-removed")).to_contain_text(["-Ana's reading: 12 µg/m³."])
        expect(difference.locator(".diff-added")).to_contain_text(["+Ben's reading: 40 µg/m³."])
        expect(ben.get_by_label("Your version")).to_have_value(re.compile("Ben's reading: 40 µg/m³."))
        screenshot(ben, f"cms-conflict-{site.shape}")

    after = site.remote_commits()
    assert after[1:] == before and after[0].startswith("Ana First <ana@example.org>|")
    text = site.repositories.remote_file(SAMPLE_POST).decode()
    assert "Ana's reading" in text and "Ben's reading" not in text


def test_a_moderator_reaches_neither_content_nor_people(site, page, browser):  # type: ignore[no-untyped-def]
    admin_signed_in(site, page)
    link = invite(site.stack, page, "Mo Derator", "mo@example.org", "moderator")
    with signed_in_by_link(browser, link, "Mo Derator") as mo:
        expect(mo.get_by_role("navigation", name="Dashboard").get_by_role("link")).to_have_text(["Moderation"])
        for path in ("/admin/content/", f"/admin/content/edit/{SAMPLE_POST}", "/admin/content/new",
                     "/admin/content/media", "/admin/content/settings", "/admin/people", "/admin/audit"):
            answer = mo.goto(site.admin_url(path))
            assert answer is not None and answer.status == 403, path
            expect(mo.get_by_role("heading", name="Not allowed for your role")).to_be_visible()
            expect(mo.get_by_role("navigation", name="Dashboard").get_by_role("link")).to_have_text(["Moderation"])
        screenshot(mo, f"cms-moderator-forbidden-{site.shape}")


def test_a_save_with_a_broken_link_is_refused_beside_the_body(site, page, browser):  # type: ignore[no-untyped-def]
    admin_signed_in(site, page)
    with editor(site, page, browser, "Bea Linker", "bea@example.org") as bea:
        bea.goto(site.admin_url(f"/admin/content/edit/{SAMPLE_POST}"))
        body = bea.locator("#body")
        body.press("Control+End")
        bea.keyboard.type("\nSee [x](/no-such-page/).\n")
        written = body.input_value()
        before = site.remote_commits()
        bea.get_by_role("button", name="Save", exact=True).click()
        summary = bea.get_by_role("alert")
        expect(summary).to_contain_text("Not saved: 1 problem to fix")
        line = next(number for number, text in enumerate(written.splitlines(), 1) if "/no-such-page/" in text)
        expect(summary).to_contain_text(f"(line {line})")  # counted in the text box, not in the file
        expect(summary).to_be_focused()
        expect(body).to_have_attribute("aria-invalid", "true")
        expect(body).to_have_attribute("aria-describedby", "body-problem")
        expect(bea.locator("#body-problem")).to_contain_text("/no-such-page/")
        expect(body).to_have_value(written)  # the text is kept
        summary.get_by_role("link", name="Text").click()
        expect(body).to_be_focused()
        screenshot(bea, f"cms-broken-link-{site.shape}")
    assert site.remote_commits() == before


def test_uploads_that_are_no_image_too_large_or_without_alt_text_are_refused(  # type: ignore[no-untyped-def]
        site, page, browser, tmp_path):
    admin_signed_in(site, page)
    with editor(site, page, browser, "Ola Uploader", "ola@example.org") as ola:
        ola.goto(site.admin_url(f"/admin/content/edit/{SAMPLE_POST}"))
        written = ola.locator("#body").input_value()
        before = site.remote_commits()
        media = sorted((site.repositories.clone / "content" / "media").iterdir())
        dialog = ola.get_by_role("dialog", name="Upload an image")
        for name, file, alt, field, message in (
                ("not-an-image", not_an_image(tmp_path), "A photo", "file", "JPEG, PNG, WebP or GIF"),
                ("too-large", too_large_picture(tmp_path), "Noise", "file", "upload at most 10 MB"),
                ("no-alt-text", picture_file(tmp_path), "   ", "alt", "alt text")):
            ola.get_by_role("link", name="Upload an image").click()
            expect(dialog).to_be_visible()
            dialog.get_by_label("Image").set_input_files(file)
            dialog.get_by_label("Alt text").fill(alt)
            dialog.get_by_role("button", name="Upload and insert").click()
            problem = dialog.locator(f"#upload-{field}-problem")
            expect(problem).to_contain_text(message)
            field_input = dialog.locator(f"[name={field}]")
            expect(field_input).to_have_attribute("aria-invalid", "true")
            expect(field_input).to_have_attribute("aria-describedby", re.compile(f"upload-{field}-problem"))
            expect(field_input).to_be_focused()
            screenshot(ola, f"cms-upload-{name}-{site.shape}", full_page=False)
            dialog.get_by_role("button", name="Cancel").click()
            expect(dialog).to_be_hidden()
        expect(ola.locator("#body")).to_have_value(written)
    assert site.remote_commits() == before
    assert sorted((site.repositories.clone / "content" / "media").iterdir()) == media
